#pragma once
// A sharded index is a Xapian stub database: a text file listing its shards, one a line, which
// Xapian, dossier and Xapian's own tools all open as one index. dossier reads the stub itself
// (rather than leaving it to Xapian) to open remote shards with its own timeout and to name the
// line of a shard that fails.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dossier {

struct ShardSpec {
  enum class Kind {
    kLocal,          // "auto PATH" (or "glass PATH"): an index folder, or another stub
    kRemoteTcp,      // "remote HOST:PORT": an index served by xapian-tcpsrv
    kRemoteProgram,  // "remote :PROGRAM ARGS": xapian-progsrv (or ssh to it) run per connection
  };
  Kind kind = Kind::kLocal;
  std::filesystem::path path;  // kLocal: absolute (a relative one is relative to the stub)
  std::string host;            // kRemoteTcp
  std::uint16_t port = 0;      // kRemoteTcp
  std::string program;         // kRemoteProgram
  std::string arguments;       // kRemoteProgram
  int line = 0;                // its line in the stub (1-based)

  // How messages name it: "127.0.0.1:33401", "/srv/dossier/shard-1", "xapian-progsrv ...".
  std::string name() const;
};

struct StubFile {
  std::filesystem::path path;  // the stub file itself
  std::vector<ShardSpec> shards;

  // "shard 127.0.0.1:33401 (line 2 of /srv/dossier/index.stub)".
  std::string describe(const ShardSpec& shard) const;
};

// The index metadata key that counts an index's (a shard's) commits: what tells a remote shard's
// versions apart, as Xapian's remote protocol gives no revision.
inline constexpr std::string_view kCommitCountKey = "dossier.commits";

// The shard (0-based, of `shards`) that holds the report `id`: a stable hash of the id, so a
// report stays on its shard run after run and on every machine.
std::size_t shard_of(std::string_view id, std::size_t shards);

// A sharded index folder's shards are DIR/shard-1 ... DIR/shard-N.
std::string shard_folder_name(std::size_t index);

// The file name that makes a folder a stub (Xapian's convention): DIR/XAPIANDB.
inline constexpr std::string_view kStubFileInFolder = "XAPIANDB";

// The stub at `path`, when it is one: a file (any name), or a folder holding XAPIANDB. nullopt for
// anything else (an index folder, or nothing there). Throws Error{kIndexMissing} naming the file
// and line of a line that is not a shard ("remote HOST:PORT", "auto PATH", a comment or blank),
// and for a stub that lists no shard.
std::optional<StubFile> read_stub(const std::filesystem::path& path);

// The text of a stub listing `shards` (local paths are written relative to `folder` when inside
// it, so the folder can move).
std::string stub_text(const std::vector<ShardSpec>& shards, const std::filesystem::path& folder);

}  // namespace dossier
