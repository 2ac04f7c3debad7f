#include "indexer/index_writer.h"

#include <signal.h>

#include <sys/stat.h>
#include <unistd.h>

#include <ctime>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <xapian.h>

#include "corpus/error.h"
#include "corpus/gazetteers.h"
#include "corpus/hash.h"
#include "corpus/normalize.h"
#include "corpus/report_codec.h"
#include "corpus/schema.h"
#include "corpus/shards.h"
#include "corpus/value_snapshot.h"
#include "document_builder.h"
#include "indexer/extract.h"
#include "indexer/load_report.h"
#include "indexer/metadata.h"

namespace fs = std::filesystem;

namespace dossier {
namespace {

// At most this many prepared documents wait for the writer: memory stays bounded by this,
// not by the archive's size.
constexpr std::size_t kMaxInFlight = 64;

struct IndexedFile {
  Xapian::docid docid;
  std::string id;
  std::string stamp;
  std::string content_hash;
};

struct SourceFile {
  fs::path path;      // absolute, lexically normal
  fs::path root;      // the root it was found under
  std::string stamp;  // "<size>:<mtime ns>"
};

std::string stamp_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return {};
  const long long mtime_ns =
      static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
  return std::to_string(static_cast<long long>(info.st_size)) + ":" + std::to_string(mtime_ns);
}

// Whether a body word goes into the spelling data (see add_spelling_words).
bool is_spelling_word(std::string_view word) {
  if (word.size() < 3 || word.size() > 30) return false;
  const auto first = static_cast<unsigned char>(word[0]);
  if (!((first >= 'a' && first <= 'z') || first >= 0x80)) return false;
  return std::none_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Spelling data for "did you mean": each body word of a report, once per report, so a word's
// spelling frequency is the number of reports that use it. Words of 3 to 30 bytes that start
// with a letter (unprefixed terms are body words; prefixed ones start with a capital, stems
// with "Z"); no digits. Data of replaced or removed reports stays: a correction is only offered
// when it finds reports.
void add_spelling_words(Xapian::WritableDatabase& db, const Xapian::Document& document) {
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string word = *it;
    if (is_spelling_word(word)) db.add_spelling(word);
  }
}

// The index metadata key that records that the words of the gazetteers' names are in the
// spelling data, for the report format it holds.
constexpr std::string_view kNameSpellingKey = "dossier.name_spelling";

// Spelling data for "did you mean" from the names of countries (with their aliases and names in
// other languages) and of state bodies and organizations, each word once, so that a misspelt
// name is corrected even when no report writes it that way ("Birmanee" -> "birmanie"). Once per
// index and report format.
void add_name_spelling(Xapian::WritableDatabase& db, const Gazetteers& gazetteers) {
  const std::string version = std::to_string(kReportFormatVersion);
  if (db.get_metadata(std::string(kNameSpellingKey)) == version) return;
  const TextNormalizer normalizer;
  std::unordered_set<std::string> words;
  for (const std::vector<std::string>& names :
       {gazetteers.countries.folded_names(), gazetteers.entities.folded_names()}) {
    for (const std::string& name : names) {
      for (const Token& token : normalizer.tokenize(name)) {
        if (is_spelling_word(token.term)) words.insert(token.term);
      }
    }
  }
  for (const std::string& word : words) db.add_spelling(word);
  db.set_metadata(std::string(kNameSpellingKey), version);
}

// Eight hex digits of the path's hash, to tell apart two files of the same name.
std::string short_hash(std::string_view text) {
  return StableHash().add(text).hex().substr(0, 8);
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

bool under_root(const std::string& path, const fs::path& root) {
  const std::string root_text = root.string();
  if (path == root_text) return true;
  if (!path.starts_with(root_text)) return false;
  return root_text.ends_with('/') || path[root_text.size()] == '/';
}

// Who holds the write lock, for the message a second writer gets: "pid 123 on host, since
// 2026-11-30T07:50:00Z". Written into the index folder once the lock is held; a stale note
// from a killed run is overwritten by the next writer.
constexpr std::string_view kWriterNote = "dossier-writer.txt";

std::string writer_description() {
  char host[256] = "unknown host";
  ::gethostname(host, sizeof host - 1);
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char since[32];
  std::strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return "pid " + std::to_string(::getpid()) + " on " + host + ", since " + since;
}

// Leaves a note of who writes the index for as long as it lives.
class WriterNote {
 public:
  explicit WriterNote(fs::path path) : path_(std::move(path)) {
    std::ofstream(path_) << writer_description() << "\n";
  }
  ~WriterNote() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  WriterNote(const WriterNote&) = delete;
  WriterNote& operator=(const WriterNote&) = delete;

 private:
  fs::path path_;
};

// A new index is created in a sibling folder and moved into place once Xapian has written it:
// a run killed while creating leaves no folder that looks like an index but is not one (only a
// staging folder, removed by the next run once its process is gone).
void create_if_missing(const fs::path& db_path) {
  std::error_code ec;
  if (fs::exists(db_path, ec)) return;
  const fs::path absolute = fs::absolute(db_path, ec);
  const fs::path parent = absolute.parent_path();
  fs::create_directories(parent, ec);
  const std::string prefix = absolute.filename().string() + ".creating-";
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
  const fs::path staging = parent / (prefix + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  {
    Xapian::WritableDatabase created(staging.string(), Xapian::DB_CREATE);
    created.commit();
    created.close();
  }
  fs::rename(staging, absolute, ec);
  if (ec) fs::remove_all(staging, ec);  // another run created it first: use that one
}

Xapian::WritableDatabase open_for_writing(const fs::path& db_path) {
  try {
    create_if_missing(db_path);
    return Xapian::WritableDatabase(db_path.string(), Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    std::string holder;
    std::ifstream note(db_path / kWriterNote);
    std::getline(note, holder);
    throw Error(ErrorKind::kIndexLocked,
                "the index at " + db_path.string() +
                    " is locked: another 'dossier index' run is writing it" +
                    (holder.empty() ? std::string() : " (" + holder + ")"));
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error(ErrorKind::kIo, "cannot open or create the index at " + db_path.string() + ": " +
                                    e.get_description());
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIndexCorrupt, "the index at " + db_path.string() +
                                              " cannot be opened: " + e.get_description() +
                                              " (it may be damaged: move it aside and index the "
                                              "archive into a new --db)");
  }
}

// Chunk `chunk` of `shard`'s value snapshot, uncommitted changes included (a writable
// database's value streams read them); "" when the chunk holds no document.
std::string value_chunk(const Xapian::WritableDatabase& shard, std::uint32_t chunk) {
  const auto first = static_cast<Xapian::docid>(chunk * kSnapshotChunkSpan + 1);
  const Xapian::docid last = first + kSnapshotChunkSpan - 1;
  ValueChunkWriter writer;
  bool any = false;
  for (const unsigned slot : schema::facet_table_slots()) {
    writer.begin_slot(slot);
    auto it = shard.valuestream_begin(slot);
    if (it == shard.valuestream_end(slot)) continue;
    for (it.skip_to(first); it != shard.valuestream_end(slot) && it.get_docid() <= last; ++it) {
      writer.add(it.get_docid(), *it);
      any = true;
    }
  }
  return any ? writer.finish() : std::string();
}

// Whether `shard`'s value snapshot is of its committed state.
bool value_snapshot_current(const Xapian::Database& shard) {
  return snapshot_is_current(shard.get_metadata(std::string(kValueSnapshotKey)),
                             {shard.get_metadata(std::string(kCommitCountKey)),
                              shard.get_doccount(), shard.get_lastdocid()});
}

// The index a run writes: one index, or the local shards a stub lists, as one
// WritableDatabase (Xapian's own sharding: document d lives on shard (d - 1) mod N), with each
// shard's own handle beside it.
class WriteTarget {
 public:
  // Opens (creating if need be) the index at `options.db`: a sharded one when it is a stub, or
  // when `options.shards` > 1 and nothing is there yet. Throws Error{kInvalidArgument} when
  // --shards asks for another layout than the index has, Error{kIndexLocked} and the others of
  // open_for_writing().
  explicit WriteTarget(const IndexOptions& options) {
    const fs::path& path = options.db;
    std::error_code ec;
    std::optional<StubFile> stub = read_stub(path);
    std::vector<fs::path> shard_paths;
    if (stub) {
      if (options.shards > 0 && options.shards != stub->shards.size()) {
        throw Error(ErrorKind::kInvalidArgument,
                    "the index at " + path.string() + " has " +
                        std::to_string(stub->shards.size()) + " shards, not " +
                        std::to_string(options.shards) +
                        ": reports are placed by shard count, so index into a new --db to "
                        "change it");
      }
      for (const ShardSpec& shard : stub->shards) {
        if (shard.kind != ShardSpec::Kind::kLocal) {
          throw Error(ErrorKind::kInvalidArgument,
                      stub->describe(shard) +
                          " is remote: 'dossier index' writes local shards only (index each "
                          "shard on its own machine, then list them in a stub)");
        }
        shard_paths.push_back(shard.path);
      }
    } else if (options.shards > 1) {
      if (fs::exists(path / "iamglass", ec)) {
        throw Error(
            ErrorKind::kInvalidArgument,
            "the index at " + path.string() + " is not sharded: index into a new --db to shard it");
      }
      if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
        throw Error(ErrorKind::kInvalidArgument,
                    path.string() + " is a file, not an index folder or a stub");
      }
      fs::create_directories(path, ec);
      if (ec) {
        throw Error(ErrorKind::kIo, "cannot create " + path.string() + ": " + ec.message());
      }
      for (std::size_t k = 0; k < options.shards; ++k) {
        shard_paths.push_back(path / shard_folder_name(k));
      }
    } else {
      shard_paths.push_back(path);
    }
    for (const fs::path& shard_path : shard_paths) {
      shards_.push_back(open_for_writing(shard_path));
      snapshots_.emplace_back().rewrite_all = !value_snapshot_current(shards_.back());
      db_.add_database(shards_.back());
      notes_.push_back(std::make_unique<WriterNote>(shard_path / kWriterNote));
    }
    if (!stub && options.shards > 1) write_stub(path, shard_paths);
  }

  Xapian::WritableDatabase& db() { return db_; }
  std::vector<Xapian::WritableDatabase>& shards() { return shards_; }

  // Adds or replaces the report `id` (its id term `id_term`) with `doc`: where it is, or, when
  // new, on the shard its id hashes to. Returns that shard's handle.
  Xapian::WritableDatabase& replace(const std::string& id_term, const std::string& id,
                                    const Xapian::Document& doc) {
    const std::size_t n = shards_.size();
    if (n == 1) {
      changed(0, db_.replace_document(id_term, doc));
      return shards_.front();
    }
    if (auto it = db_.postlist_begin(id_term); it != db_.postlist_end(id_term)) {
      const Xapian::docid docid = *it;
      db_.replace_document(docid, doc);
      changed((docid - 1) % n, (docid - 1) / n + 1);
      return shards_[(docid - 1) % n];
    }
    const std::size_t shard = shard_of(id, n);
    const Xapian::docid local = shards_[shard].get_lastdocid() + 1;
    changed(shard, local);
    db_.replace_document(static_cast<Xapian::docid>((local - 1) * n + shard + 1), doc);
    return shards_[shard];
  }

  // Deletes the report with the id term `id_term`, if the index has it.
  void remove(const std::string& id_term) {
    auto it = db_.postlist_begin(id_term);
    if (it == db_.postlist_end(id_term)) return;
    const Xapian::docid docid = *it;
    const std::size_t n = shards_.size();
    changed((docid - 1) % n, (docid - 1) / n + 1);
    db_.delete_document(docid);
  }

  // The metadata `key` of every shard: the first shard's, when they all agree; "" otherwise.
  std::string metadata(const std::string& key) const {
    const std::string first = shards_.front().get_metadata(key);
    for (const Xapian::WritableDatabase& shard : shards_) {
      if (shard.get_metadata(key) != first) return {};
    }
    return first;
  }
  void set_metadata(const std::string& key, const std::string& value) {
    for (Xapian::WritableDatabase& shard : shards_) shard.set_metadata(key, value);
  }

  // Commits every shard, each counting its commits (kCommitCountKey) and bringing its value
  // snapshot (corpus/value_snapshot.h) up to this commit.
  void commit() {
    const std::string key(kCommitCountKey);
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      Xapian::WritableDatabase& shard = shards_[k];
      const std::string count = shard.get_metadata(key);
      const std::string next = std::to_string((count.empty() ? 0 : std::stoull(count)) + 1);
      shard.set_metadata(key, next);
      update_value_snapshot(shard, snapshots_[k], next);
    }
    db_.commit();
  }

 private:
  // What a shard's value snapshot needs rewritten at the next commit.
  struct SnapshotChanges {
    bool rewrite_all = false;        // it was not of the shard's state when opened
    std::set<std::uint32_t> chunks;  // the chunks of the documents changed since
    bool stamp_withdrawn = false;    // its stamp is removed (see changed())
  };

  // Notes that shard `shard`'s document `local` changes. The first change after a commit
  // withdraws the snapshot's stamp: should the run end before its next commit and Xapian commit
  // what is pending as it closes, the snapshot is then no longer taken for current.
  void changed(std::size_t shard, Xapian::docid local) {
    SnapshotChanges& changes = snapshots_[shard];
    changes.chunks.insert(value_chunk_of(local));
    if (!changes.stamp_withdrawn) {
      shards_[shard].set_metadata(std::string(kValueSnapshotKey), "");
      changes.stamp_withdrawn = true;
    }
  }

  static void update_value_snapshot(Xapian::WritableDatabase& shard, SnapshotChanges& changes,
                                    const std::string& commits) {
    const Xapian::docid last = shard.get_lastdocid();
    const std::uint32_t chunk_count = last == 0 ? 0 : value_chunk_of(last) + 1;
    if (changes.rewrite_all) {
      // Chunks past the last document are left from another writer's state: dropped.
      const std::string prefix = std::string(kValueSnapshotKey) + ".";
      std::vector<std::string> stale;
      for (auto it = shard.metadata_keys_begin(prefix); it != shard.metadata_keys_end(prefix);
           ++it) {
        stale.push_back(*it);
      }
      for (const std::string& chunk_key : stale) shard.set_metadata(chunk_key, "");
      for (std::uint32_t chunk = 0; chunk < chunk_count; ++chunk) changes.chunks.insert(chunk);
    }
    for (const std::uint32_t chunk : changes.chunks) {
      shard.set_metadata(value_chunk_key(chunk), value_chunk(shard, chunk));
    }
    shard.set_metadata(std::string(kValueSnapshotKey),
                       encode_snapshot_stamp({commits, shard.get_doccount(), last}));
    changes = {};
  }

  // The stub is written last, beside the shards it lists, and moved into place whole.
  static void write_stub(const fs::path& folder, const std::vector<fs::path>& shard_paths) {
    std::vector<ShardSpec> specs;
    for (const fs::path& shard_path : shard_paths) {
      ShardSpec spec;
      spec.path = fs::absolute(shard_path);
      specs.push_back(std::move(spec));
    }
    const fs::path stub = folder / kStubFileInFolder;
    const fs::path staging = folder / (std::string(kStubFileInFolder) + ".new");
    {
      std::ofstream out(staging, std::ios::binary | std::ios::trunc);
      out << stub_text(specs, fs::absolute(folder));
      if (!out.flush()) {
        throw Error(ErrorKind::kIo, "cannot write the stub " + stub.string());
      }
    }
    std::error_code ec;
    fs::rename(staging, stub, ec);
    if (ec)
      throw Error(ErrorKind::kIo, "cannot write the stub " + stub.string() + ": " + ec.message());
  }

  Xapian::WritableDatabase db_;
  std::vector<Xapian::WritableDatabase> shards_;
  std::vector<SnapshotChanges> snapshots_;  // per shard
  std::vector<std::unique_ptr<WriterNote>> notes_;
};

// Collects the files under the roots in a stable order. Directory symlinks are not followed
// (no loops); unreadable folders are reported and skipped.
std::vector<SourceFile> scan_roots(const std::vector<fs::path>& roots, IndexSummary& summary) {
  std::vector<SourceFile> files;
  std::map<std::string, std::size_t> skipped_by_type;
  for (const fs::path& root : roots) {
    auto consider = [&](const fs::path& path) {
      if (!find_extractor(path)) {
        summary.skipped++;
        summary.skipped_files.push_back({path.string(), "no extractor for this file type"});
        return;
      }
      files.push_back({path, root, {}});
    };
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
      consider(root);
      continue;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      summary.failed++;
      summary.failures.push_back({root.string(), "cannot read folder: " + ec.message()});
      continue;
    }
    for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
      if (ec) {
        summary.failures.push_back({it->path().string(), "cannot read: " + ec.message()});
        summary.failed++;
        ec.clear();
        continue;
      }
      const fs::directory_entry& entry = *it;
      if (is_hidden(entry.path())) {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (entry.is_regular_file(ec)) {
        consider(entry.path());
      } else if (entry.is_symlink(ec) && find_extractor(entry.path())) {
        // A link to a report that cannot be followed is a report the user expects indexed.
        // (A link that leads somewhere, such as a folder, is not: folders are not followed.)
        std::error_code follow;
        (void)fs::status(entry.path(), follow);
        if (!follow) continue;
        summary.failed++;
        summary.failures.push_back(
            {entry.path().string(), follow == std::errc::too_many_symbolic_link_levels
                                        ? "symbolic link loop"
                                        : "broken symbolic link: its target does not exist"});
      }
    }
  }
  std::sort(files.begin(), files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  files.erase(
      std::unique(files.begin(), files.end(),
                  [](const SourceFile& a, const SourceFile& b) { return a.path == b.path; }),
      files.end());
  return files;
}

std::unordered_map<std::string, IndexedFile> load_indexed_files(const Xapian::Database& db) {
  std::unordered_map<std::string, IndexedFile> indexed;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    IndexedFile file;
    file.docid = *it;
    file.stamp = doc.get_value(schema::kSlotSourceStamp);
    file.content_hash = doc.get_value(schema::kSlotContentHash);
    const std::string id_prefix(schema::field(schema::FieldId::kId).prefix);
    auto term = doc.termlist_begin();
    term.skip_to(id_prefix);
    if (term != doc.termlist_end() && (*term).starts_with(id_prefix)) {
      file.id = (*term).substr(id_prefix.size());
    }
    indexed.emplace(doc.get_value(schema::kSlotSourcePath), std::move(file));
  }
  return indexed;
}

// What the run knows of the index before it writes: its reports' files, stamps and ids. A
// damaged index is said to be damaged here, before anything is written.
std::unordered_map<std::string, IndexedFile> read_existing(const Xapian::Database& db,
                                                           const fs::path& db_path) {
  try {
    return load_indexed_files(db);
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIndexCorrupt, "the index at " + db_path.string() +
                                              " cannot be read: " + e.get_description() +
                                              " (it may be damaged or cut short: move it aside "
                                              "and index the archive into a new --db)");
  }
}

// Gives the reports that are one report one collapse key: those with the same body, and those
// that are the same report in two files (a PDF and its text copy: the same symbol, or the same
// title, country and date). The key is the smallest content hash of the group, so a report
// without copies keeps its own hash and is not rewritten. Returns how many documents changed.
std::size_t assign_collapse_keys(Xapian::WritableDatabase& db) {
  std::map<Xapian::docid, Xapian::docid> parent;
  // Iterative, with the path compressed afterwards: a large group must not deepen the stack.
  const auto root = [&](Xapian::docid d) {
    Xapian::docid r = d;
    for (auto it = parent.find(r); it != parent.end() && it->second != r; it = parent.find(r)) {
      r = it->second;
    }
    while (d != r) {
      Xapian::docid& up = parent[d];
      d = std::exchange(up, r);
    }
    return r;
  };
  auto join = [&](Xapian::docid a, Xapian::docid b) {
    const Xapian::docid ra = root(a), rb = root(b);
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
  };
  std::map<Xapian::docid, std::string> hash_of;
  for (schema::Slot slot :
       {schema::kSlotContentHash, schema::kSlotSameSymbol, schema::kSlotSameTitle}) {
    std::map<std::string, Xapian::docid> first_with;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
      if (slot == schema::kSlotContentHash) hash_of[it.get_docid()] = *it;
      const auto [first, added] = first_with.emplace(*it, it.get_docid());
      if (!added) join(first->second, it.get_docid());
    }
  }
  std::map<Xapian::docid, std::string> smallest_hash;  // by root
  for (const auto& [docid, hash] : hash_of) {
    auto [it, added] = smallest_hash.emplace(root(docid), hash);
    if (!added && hash < it->second) it->second = hash;
  }
  std::size_t changed = 0;
  for (auto it = db.valuestream_begin(schema::kSlotCollapse);
       it != db.valuestream_end(schema::kSlotCollapse); ++it) {
    const Xapian::docid docid = it.get_docid();
    const auto key = smallest_hash.find(root(docid));
    if (key == smallest_hash.end() || key->second == *it) continue;
    Xapian::Document doc = db.get_document(docid);
    doc.add_value(schema::kSlotCollapse, key->second);
    db.replace_document(docid, doc);
    ++changed;
  }
  return changed;
}

// Groups of report ids that are one report (the same body, or one report in two files), read
// from the collapse-key value stream.
std::vector<std::vector<std::string>> duplicate_groups(const Xapian::Database& db) {
  std::map<std::string, std::vector<Xapian::docid>> by_hash;
  for (auto it = db.valuestream_begin(schema::kSlotCollapse);
       it != db.valuestream_end(schema::kSlotCollapse); ++it) {
    by_hash[*it].push_back(it.get_docid());
  }
  std::vector<std::vector<std::string>> groups;
  for (const auto& [hash, docids] : by_hash) {
    if (docids.size() < 2) continue;
    std::vector<std::string> ids;
    for (Xapian::docid docid : docids) {
      ids.push_back(db.get_document(docid).get_value(schema::kSlotId));
    }
    std::sort(ids.begin(), ids.end());
    groups.push_back(std::move(ids));
  }
  std::sort(groups.begin(), groups.end());
  return groups;
}

// One file's outcome from a worker: the report and its document, built under the id it will
// most likely get (the writer rebuilds the rare document whose id must change).
struct Prepared {
  std::optional<LoadedReport> loaded;
  std::optional<Xapian::Document> document;
  std::string error;
};

// What workers need to read while they work; nothing in it changes during the run.
struct PrepareContext {
  const Gazetteers& gazetteers;
  EntityTagging tagging;
  bool read_facts;
  const std::unordered_map<std::string, IndexedFile>& indexed;
  std::uintmax_t max_file_bytes;
};

Prepared prepare(const SourceFile& file, const PrepareContext& context, DocumentBuilder& builder) {
  Prepared out;
  try {
    LoadedReport loaded = load_report(file.path, context.gazetteers,
                                      LoadOptions{.root = file.root,
                                                  .tagging = context.tagging,
                                                  .read_facts = context.read_facts,
                                                  .max_file_bytes = context.max_file_bytes});
    Report& report = loaded.report;
    const auto existing = context.indexed.find(file.path.string());
    report.id = existing != context.indexed.end() ? existing->second.id
                                                  : report_id_for(file.path.filename().string());
    out.document =
        builder.build(report, loaded.paragraph_tokens, SourceInfo{file.path.string(), file.stamp});
    out.loaded = std::move(loaded);
  } catch (const Error& e) {
    out.error = e.what();
  } catch (const std::exception& e) {
    out.error = std::string("unexpected error: ") + e.what();
  } catch (const Xapian::Error& e) {
    out.error = "unexpected error: " + e.get_description();
  }
  return out;
}

// Runs prepare() over `work` on `threads` workers (none: on the calling thread) and hands
// results to `consume` in order, on the calling thread. At most kMaxInFlight results are held
// at once.
template <typename Consume>
void prepare_in_order(const std::vector<const SourceFile*>& work, const PrepareContext& context,
                      unsigned threads, Consume consume) {
  if (threads == 0) {  // everything on the calling thread
    DocumentBuilder builder;
    for (std::size_t i = 0; i < work.size(); ++i) consume(i, prepare(*work[i], context, builder));
    return;
  }
  std::vector<std::optional<Prepared>> slots(work.size());
  std::mutex mutex;
  std::condition_variable ready;     // a slot was filled
  std::condition_variable has_room;  // the consumer advanced
  std::size_t next_task = 0;
  std::size_t consumed = 0;

  auto worker = [&] {
    DocumentBuilder builder;  // per thread: it holds an ICU normalizer and a stem cache
    for (;;) {
      std::size_t task;
      {
        std::unique_lock lock(mutex);
        has_room.wait(
            lock, [&] { return next_task >= work.size() || next_task < consumed + kMaxInFlight; });
        if (next_task >= work.size()) return;
        task = next_task++;
      }
      Prepared result = prepare(*work[task], context, builder);
      {
        std::lock_guard lock(mutex);
        slots[task] = std::move(result);
      }
      ready.notify_all();
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);
  for (std::size_t i = 0; i < work.size(); ++i) {
    Prepared result;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return slots[i].has_value(); });
      result = std::move(*slots[i]);
      slots[i].reset();
      consumed = i + 1;
    }
    has_room.notify_all();
    consume(i, std::move(result));
  }
}

}  // namespace

IndexSummary index_archive(const IndexOptions& options, const Gazetteers& gazetteers,
                           IndexProgress* progress) {
  const auto started = std::chrono::steady_clock::now();
  IndexSummary summary;

  std::vector<fs::path> roots;
  for (const fs::path& root : options.roots) {
    std::error_code ec;
    fs::path absolute = fs::weakly_canonical(fs::absolute(root), ec);
    const fs::file_status status = ec ? fs::file_status() : fs::status(absolute, ec);
    // A root that exists but cannot be reached (a folder on its way is closed to this user)
    // says so, rather than that it does not exist.
    if (ec && ec != std::errc::no_such_file_or_directory) {
      throw Error(ErrorKind::kIo, "cannot reach " + root.string() + ": " + ec.message());
    }
    if (ec || !fs::exists(status)) {
      throw Error(ErrorKind::kNotFound, "no such file or folder: " + root.string());
    }
    roots.push_back(absolute);
  }

  WriteTarget target(options);
  Xapian::WritableDatabase& db = target.db();
  try {
    const bool format_changed =
        db.get_doccount() > 0 &&
        target.metadata(std::string(kReportFormatKey)) != std::to_string(kReportFormatVersion);
    // The key says every stored report has this form: an empty index gets it with its first
    // batch (so a run killed after that leaves an index searchers read); one being rewritten
    // from another form gets it at the end.
    if (db.get_doccount() == 0) {
      target.set_metadata(std::string(kReportFormatKey), std::to_string(kReportFormatVersion));
    }
    for (Xapian::WritableDatabase& shard : target.shards()) add_name_spelling(shard, gazetteers);
    auto indexed = read_existing(db, options.db);
    std::unordered_map<std::string, std::string> path_of_id;
    for (const auto& [path, file] : indexed) path_of_id[file.id] = path;

    std::vector<SourceFile> files = scan_roots(roots, summary);
    if (progress) progress->on_scan_done(files.size());

    // Decide per file: unchanged (same stamp) or to be read.
    std::vector<const SourceFile*> work;
    std::set<std::string> seen;
    for (SourceFile& file : files) {
      seen.insert(file.path.string());
      file.stamp = stamp_of(file.path);
      auto it = indexed.find(file.path.string());
      if (!format_changed && it != indexed.end() && !file.stamp.empty() &&
          it->second.stamp == file.stamp) {
        summary.unchanged++;
        continue;
      }
      work.push_back(&file);
    }
    const std::size_t total = files.size();
    std::size_t done = summary.unchanged;

    DocumentBuilder builder;  // for the rare document whose id changes on the writer's side
    std::size_t pending = 0;
    std::size_t pending_bytes = 0;
    const std::size_t batch_bytes = std::max<std::size_t>(1, options.batch_megabytes) << 20;
    // The calling thread is the writer, the pipeline's slowest stage, and needs a core of its
    // own: the other threads prepare reports. One thread in all does both in turn.
    const unsigned all_threads =
        options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads = all_threads - 1;
    const PrepareContext context{gazetteers, options.tagging, options.read_facts, indexed,
                                 static_cast<std::uintmax_t>(options.max_file_megabytes) << 20};
    prepare_in_order(work, context, threads, [&](std::size_t i, Prepared result) {
      const SourceFile& file = *work[i];
      const std::string path = file.path.string();
      ++done;
      if (progress) progress->on_file_done(done, total, path);
      if (!result.loaded) {
        summary.failed++;
        std::string reason = result.error;
        if (indexed.contains(path)) reason += " (the previously indexed version is kept)";
        summary.failures.push_back({path, reason});
        return;
      }
      Report& report = result.loaded->report;
      for (const std::string& warning : result.loaded->warnings) {
        summary.warnings.push_back({path, warning});
      }

      const std::string prepared_id = report.id;
      auto existing = indexed.find(path);
      if (existing != indexed.end()) {
        report.id = existing->second.id;  // ids never change once given
        if (!format_changed && existing->second.content_hash == report.content_hash &&
            existing->second.stamp != file.stamp) {
          summary.unchanged++;  // touched, not changed: refresh the stamp below
        } else {
          summary.updated++;
        }
      } else {
        report.id = report_id_for(file.path.filename().string());
        auto owner = path_of_id.find(report.id);
        if (owner != path_of_id.end() && owner->second != path) {
          report.id += "-" + short_hash(fs::relative(file.path, file.root).string());
        }
        path_of_id[report.id] = path;
        summary.added++;
      }
      const std::string id_term =
          std::string(schema::field(schema::FieldId::kId).prefix) + report.id;
      if (report.id != prepared_id) {
        result.document =
            builder.build(report, result.loaded->paragraph_tokens, SourceInfo{path, file.stamp});
      }
      add_spelling_words(target.replace(id_term, report.id, *result.document), *result.document);
      for (const Paragraph& p : report.paragraphs) pending_bytes += p.text.size();
      if (++pending >= options.batch_size || pending_bytes >= batch_bytes) {
        target.commit();
        pending = 0;
        pending_bytes = 0;
      }
    });

    // Reports whose files are gone from the indexed roots.
    for (const auto& [path, file] : indexed) {
      if (seen.contains(path)) continue;
      const bool in_roots = std::any_of(
          roots.begin(), roots.end(),
          [&indexed_path = path](const fs::path& root) { return under_root(indexed_path, root); });
      if (!in_roots) continue;
      std::error_code ec;
      if (fs::exists(path, ec)) continue;  // skipped type or hidden now, but still there
      target.remove(std::string(schema::field(schema::FieldId::kId).prefix) + file.id);
      summary.removed++;
    }
    assign_collapse_keys(db);
    target.set_metadata(std::string(kReportFormatKey), std::to_string(kReportFormatVersion));
    target.commit();
    summary.reports_in_index = db.get_doccount();
    summary.duplicate_groups = duplicate_groups(db);
  } catch (const Xapian::DatabaseCorruptError& e) {
    // A damaged table can surface only once the run reads it (copies are grouped over the whole
    // index): the same advice as when it is found on opening.
    throw Error(ErrorKind::kIndexCorrupt, "the index at " + options.db.string() +
                                              " is damaged: " + e.get_description() +
                                              " (move it aside and index the archive into a new "
                                              "--db)");
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIo,
                "writing the index at " + options.db.string() + " failed: " + e.get_description());
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace dossier
