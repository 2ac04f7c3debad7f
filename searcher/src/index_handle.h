#pragma once
// One index as the searcher reads it: an index folder, or a stub listing shards (local folders,
// or indexes that xapian-tcpsrv serves), which Xapian searches as one index.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/shards.h"

namespace dossier {

class IndexHandle {
 public:
  // Opens the index at `path`, each remote shard with `shard_timeout` for connecting and for
  // every operation. Throws Error{kIndexMissing} (no index there; a stub line that is not a
  // shard; a local shard missing), Error{kShardUnavailable} (a remote shard did not answer:
  // unknown host, nothing listening, too slow) or Error{kIndexCorrupt}, each naming the index or
  // the shard and its stub line.
  static IndexHandle open(const std::filesystem::path& path,
                          std::chrono::milliseconds shard_timeout);

  Xapian::Database& db() { return db_; }
  const Xapian::Database& db() const { return db_; }
  // An index folder, not a stub. Only then may the match run dossier's own code (a match
  // decider): remote shards run only Xapian's own classes, and in a match over several local
  // shards a decider sees each shard's own document numbers.
  bool single() const { return !stub_; }
  // Whether any shard is remote.
  bool remote() const { return remote_; }
  const std::optional<StubFile>& stub() const { return stub_; }
  // The shards in stub order, each alone (sharing db()'s connections); db() itself for an index
  // that is not sharded.
  const std::vector<Xapian::Database>& parts() const { return parts_; }

  // Changes whenever a shard commits: a single index's revision; for a stub, each shard's
  // (a local one's revision, a remote one's commit count and document count). Reopens each
  // shard first, as Database::reopen() does the whole.
  std::string version();

  // Whether the stub was rewritten since it was read (xapian-replicate switches a replica's stub
  // to a new full copy): the index must then be opened again.
  bool stub_changed() const;

  // The error being handled, if it is a network error of a remote shard, as
  // Error{kShardUnavailable} naming that shard; nothing otherwise. Call only from a catch block.
  void rethrow_if_shard_failed();

 private:
  IndexHandle() = default;

  std::filesystem::path path_;
  Xapian::Database db_;
  std::optional<StubFile> stub_;
  std::filesystem::file_time_type stub_written_;
  std::vector<Xapian::Database> shards_;  // each shard alone (shared with db_), in stub order
  std::vector<Xapian::Database> parts_;   // shards_, or db_ alone (see parts())
  bool remote_ = false;
};

}  // namespace dossier
