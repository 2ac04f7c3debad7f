#include "corpus/value_snapshot.h"

#include <zstd.h>

#include "corpus/error.h"
#include "zstd_frame.h"

namespace dossier {
namespace {

// zstd's default level: a chunk of 1,024 reports' values compresses in well under a millisecond.
constexpr int kZstdLevel = 3;

void put_varint(std::string& out, std::uint64_t n) {
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
}

void put_bytes(std::string& out, std::string_view bytes) {
  put_varint(out, bytes.size());
  out.append(bytes);
}

[[noreturn]] void damaged(const std::string& why) {
  throw Error(ErrorKind::kIndexCorrupt, "the stored facet values are unreadable: " + why);
}

// Reads varints and strings off a buffer, refusing to run past its end.
class Cursor {
 public:
  explicit Cursor(std::string_view data) : data_(data) {}
  std::uint64_t varint() {
    std::uint64_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= data_.size()) damaged("cut short");
      const auto byte = static_cast<unsigned char>(data_[at_++]);
      n |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return n;
    }
    damaged("a number is too long");
  }
  std::string_view bytes() {
    const std::uint64_t size = varint();
    if (size > data_.size() - at_) damaged("cut short");
    const std::string_view out = data_.substr(at_, size);
    at_ += size;
    return out;
  }
  bool done() const { return at_ == data_.size(); }

 private:
  std::string_view data_;
  std::size_t at_ = 0;
};

}  // namespace

std::string value_chunk_key(std::uint32_t chunk) {
  return std::string(kValueSnapshotKey) + "." + std::to_string(chunk);
}

std::string encode_snapshot_stamp(const SnapshotStamp& stamp) {
  std::string out;
  put_bytes(out, stamp.commits);
  put_varint(out, stamp.documents);
  put_varint(out, stamp.last_docid);
  return out;
}

SnapshotStamp read_snapshot_stamp(std::string_view stored) {
  Cursor in(stored);
  SnapshotStamp stamp;
  stamp.commits = std::string(in.bytes());
  stamp.documents = in.varint();
  stamp.last_docid = in.varint();
  if (!in.done()) damaged("bytes after the stamp");
  return stamp;
}

bool snapshot_is_current(std::string_view stored, const SnapshotStamp& now) {
  if (stored.empty()) return false;
  try {
    return read_snapshot_stamp(stored) == now;
  } catch (const Error&) {
    return false;
  }
}

void ValueChunkWriter::begin_slot(std::uint32_t slot) {
  flush_slot();
  slot_ = slot;
  last_docid_ = 0;
  open_ = true;
}

void ValueChunkWriter::add(std::uint32_t docid, std::string_view value) {
  if (!open_ || docid <= last_docid_) {
    throw Error(ErrorKind::kInternal, "snapshot values must ascend by docid within a slot");
  }
  put_varint(entries_, docid - last_docid_);
  put_bytes(entries_, value);
  last_docid_ = docid;
  ++entry_count_;
}

void ValueChunkWriter::flush_slot() {
  if (!open_) return;
  put_varint(slots_, slot_);
  put_varint(slots_, entry_count_);
  slots_.append(entries_);
  entries_.clear();
  entry_count_ = 0;
  ++slot_count_;
  open_ = false;
}

std::string ValueChunkWriter::finish() {
  flush_slot();
  std::string plain;
  put_varint(plain, slot_count_);
  plain.append(slots_);
  slots_.clear();
  slot_count_ = 0;
  return zstd_frame(plain, kZstdLevel);
}

std::vector<SlotValues> read_value_chunk(std::string_view stored, std::uint32_t chunk) {
  const unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    damaged("not a zstd frame");
  }
  std::string plain(size, '\0');
  const std::size_t got = ZSTD_decompress(plain.data(), plain.size(), stored.data(), stored.size());
  if (ZSTD_isError(got) || got != plain.size()) damaged("damaged zstd frame");

  const std::uint64_t first = std::uint64_t{chunk} * kSnapshotChunkSpan + 1;
  const std::uint64_t last = first + kSnapshotChunkSpan - 1;
  Cursor in(plain);
  std::vector<SlotValues> slots;
  const std::uint64_t count = in.varint();
  if (count > plain.size()) damaged("more slots than bytes");
  for (std::uint64_t s = 0; s < count; ++s) {
    SlotValues& slot = slots.emplace_back();
    slot.slot = static_cast<std::uint32_t>(in.varint());
    const std::uint64_t entries = in.varint();
    if (entries > kSnapshotChunkSpan) damaged("more entries than a chunk holds");
    slot.values.reserve(entries);
    std::uint64_t docid = 0;
    for (std::uint64_t e = 0; e < entries; ++e) {
      docid += in.varint();
      if (docid < first || docid > last) damaged("a document outside its chunk");
      slot.values.emplace_back(static_cast<std::uint32_t>(docid), std::string(in.bytes()));
    }
  }
  if (!in.done()) damaged("bytes after the last slot");
  return slots;
}

}  // namespace dossier
