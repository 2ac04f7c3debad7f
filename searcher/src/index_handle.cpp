#include "index_handle.h"

#include "corpus/error.h"

namespace dossier {
namespace fs = std::filesystem;

namespace {

// Xapian's remote errors say which connection failed in their context: "remote:tcp(HOST:PORT)".
std::string context_endpoint(const std::string& context) {
  const std::size_t open = context.find('(');
  const std::size_t close = context.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  return context.substr(open + 1, close - open - 1);
}

std::string reason_of(const Xapian::Error& e) {
  std::string reason = e.get_msg();
  if (const char* detail = e.get_error_string(); detail != nullptr && *detail != '\0') {
    reason += std::string(" (") + detail + ")";
  }
  return reason;
}

Xapian::Database open_shard(const StubFile& stub, const ShardSpec& shard,
                            std::chrono::milliseconds timeout) {
  const auto ms = static_cast<useconds_t>(timeout.count());
  try {
    switch (shard.kind) {
      case ShardSpec::Kind::kLocal: {
        std::error_code ec;
        if (!fs::exists(shard.path, ec)) {
          throw Error(ErrorKind::kIndexMissing, "no index at " + stub.describe(shard));
        }
        return Xapian::Database(shard.path.string());
      }
      case ShardSpec::Kind::kRemoteTcp:
        return Xapian::Remote::open(shard.host, shard.port, ms, ms);
      case ShardSpec::Kind::kRemoteProgram:
        return Xapian::Remote::open(shard.program, shard.arguments, ms);
    }
  } catch (const Xapian::NetworkError& e) {
    throw Error(ErrorKind::kShardUnavailable,
                stub.describe(shard) + " did not answer: " + reason_of(e));
  } catch (const Xapian::DatabaseNotFoundError& e) {
    throw Error(ErrorKind::kIndexMissing,
                "no index at " + stub.describe(shard) + ": " + e.get_description());
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error(ErrorKind::kIndexMissing,
                "no readable index at " + stub.describe(shard) + ": " + e.get_description());
  } catch (const Xapian::DatabaseError& e) {
    throw Error(ErrorKind::kIndexCorrupt,
                "cannot read " + stub.describe(shard) + ": " + e.get_description());
  }
  throw Error(ErrorKind::kInternal, "unhandled shard kind");  // not reached
}

}  // namespace

IndexHandle IndexHandle::open(const fs::path& path, std::chrono::milliseconds shard_timeout) {
  IndexHandle handle;
  handle.path_ = path;
  handle.stub_ = read_stub(path);
  if (!handle.stub_) {
    handle.db_ = Xapian::Database(path.string());
    handle.parts_ = {handle.db_};
    return handle;
  }
  std::error_code ec;
  handle.stub_written_ = fs::last_write_time(handle.stub_->path, ec);
  for (const ShardSpec& shard : handle.stub_->shards) {
    Xapian::Database opened = open_shard(*handle.stub_, shard, shard_timeout);
    handle.remote_ = handle.remote_ || shard.kind != ShardSpec::Kind::kLocal;
    // The whole and the shard alone share the shard's connection (add_database() keeps a
    // reference): the shard alone gives its own version.
    handle.db_.add_database(opened);
    handle.shards_.push_back(std::move(opened));
  }
  handle.parts_ = handle.shards_;
  return handle;
}

bool IndexHandle::stub_changed() const {
  if (!stub_) return false;
  std::error_code ec;
  const auto written = fs::last_write_time(stub_->path, ec);
  return ec || written != stub_written_;
}

std::string IndexHandle::version() {
  if (!stub_) return std::to_string(db_.get_revision());
  std::string version;
  for (std::size_t at = 0; at < shards_.size(); ++at) {
    Xapian::Database& shard = shards_[at];
    shard.reopen();
    if (!version.empty()) version += '+';
    if (stub_->shards[at].kind == ShardSpec::Kind::kLocal) {
      version += std::to_string(shard.get_revision());
    } else {
      version += shard.get_metadata(std::string(kCommitCountKey)) + "." +
                 std::to_string(shard.get_doccount());
    }
  }
  return version;
}

void IndexHandle::rethrow_if_shard_failed() {
  try {
    throw;
  } catch (const Xapian::NetworkError& e) {
    const std::string endpoint = context_endpoint(e.get_context());
    if (stub_) {
      for (const ShardSpec& shard : stub_->shards) {
        if (shard.kind != ShardSpec::Kind::kLocal && shard.name() == endpoint) {
          throw Error(ErrorKind::kShardUnavailable,
                      stub_->describe(shard) + " did not answer: " + reason_of(e));
        }
      }
    }
    // Some errors ("Connection closed unexpectedly") do not say where: ask each remote shard.
    if (stub_) {
      for (std::size_t at = 0; at < shards_.size(); ++at) {
        const ShardSpec& shard = stub_->shards[at];
        if (shard.kind == ShardSpec::Kind::kLocal) continue;
        try {
          shards_[at].keep_alive();
        } catch (const Xapian::Error&) {
          throw Error(ErrorKind::kShardUnavailable,
                      stub_->describe(shard) + " did not answer: " + reason_of(e));
        }
      }
    }
    throw Error(ErrorKind::kShardUnavailable,
                "a shard of " + path_.string() + " did not answer: " + e.get_description());
  } catch (...) {
    return;
  }
}

}  // namespace dossier
