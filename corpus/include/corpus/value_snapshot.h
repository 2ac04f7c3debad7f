#pragma once
// The facet and id values of every report of one index (or one shard), kept in the index's own
// metadata and brought up to date at each commit. A searcher reads them in a few requests: over
// Xapian's remote protocol a value stream costs a round trip per report (about 11 ms a report on
// loopback), which would make a remote shard of 30,000 reports take minutes to open.
//
// The snapshot is a header (kValueSnapshotKey) and chunks, chunk k holding the documents
// k * kSnapshotChunkSpan + 1 ... (k + 1) * kSnapshotChunkSpan (value_chunk_key(k); no key for a
// chunk without documents), so a commit rewrites only the chunks it changed. The header is the
// stamp: the index state the snapshot is of (commit count, document count, last docid). A
// searcher that finds the index in another state (written by another tool, or by a run that
// failed before it committed) reads the value streams instead, and the next index run rewrites
// every chunk.
//
// A chunk is one zstd frame: per slot its number, its entry count and each entry as (docid gap,
// value length, value), numbers as LEB128 varints. The header is the stamp in the same varints.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dossier {

// The metadata key of the header, and the prefix of the chunks' keys.
inline constexpr std::string_view kValueSnapshotKey = "dossier.values";
inline constexpr std::uint32_t kSnapshotChunkSpan = 1024;

// The key of chunk `chunk` ("dossier.values.7").
std::string value_chunk_key(std::uint32_t chunk);
// The chunk that holds document `docid` (1-based).
inline std::uint32_t value_chunk_of(std::uint32_t docid) {
  return (docid - 1) / kSnapshotChunkSpan;
}

// The index state a snapshot is of: the index's commit count (kCommitCountKey) after the commit
// that stores it, its document count and its last docid.
struct SnapshotStamp {
  std::string commits;
  std::uint64_t documents = 0;
  std::uint64_t last_docid = 0;
  bool operator==(const SnapshotStamp&) const = default;
};

std::string encode_snapshot_stamp(const SnapshotStamp& stamp);
// Throws Error{kIndexCorrupt} when `stored` is not a stamp.
SnapshotStamp read_snapshot_stamp(std::string_view stored);
// Whether the stored stamp (the kValueSnapshotKey metadata) names the index state `now`: false
// for no stamp, a damaged one or another state.
bool snapshot_is_current(std::string_view stored, const SnapshotStamp& now);

struct SlotValues {
  std::uint32_t slot = 0;
  std::vector<std::pair<std::uint32_t, std::string>> values;  // (docid, value), docids ascending
};

// Builds a chunk slot by slot, in the order of the calls; docids must ascend within a slot.
class ValueChunkWriter {
 public:
  void begin_slot(std::uint32_t slot);
  void add(std::uint32_t docid, std::string_view value);
  // The stored form (zstd-compressed); the writer is empty again after it.
  std::string finish();

 private:
  void flush_slot();

  std::string slots_;
  std::string entries_;
  std::uint64_t slot_count_ = 0;
  std::uint64_t entry_count_ = 0;
  std::uint32_t slot_ = 0;
  std::uint32_t last_docid_ = 0;
  bool open_ = false;
};

// Reads chunk `chunk`. Throws Error{kIndexCorrupt} when `stored` is not one, or holds a docid
// outside the chunk.
std::vector<SlotValues> read_value_chunk(std::string_view stored, std::uint32_t chunk);

}  // namespace dossier
