#pragma once
// Writes an archive into a Xapian index, incrementally: unchanged files are skipped, changed
// ones replaced, reports whose files are gone from the indexed roots removed.
//
// Crash safety: documents are committed in batches, each batch atomically; a report is never
// half-written. A killed run leaves the last committed state, which the next run completes.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "corpus/gazetteers.h"
#include "indexer/metadata.h"

namespace dossier {

struct IndexOptions {
  std::filesystem::path db;
  std::vector<std::filesystem::path> roots;  // files or folders (read recursively)
  unsigned threads = 0;  // threads in all, one of them writing; 0 = one per core
  // A batch is committed when it holds batch_size reports or batch_megabytes of report text,
  // whichever comes first. Xapian holds a batch's postings in memory until the commit, so the
  // second bounds the writer's memory whatever the reports' sizes (about 15 MiB of memory per
  // MiB of text). Small batches also index faster: the postings being merged stay in cache.
  std::size_t batch_size = 1000;
  std::size_t batch_megabytes = 8;
  // Larger files are skipped with their size in the summary (a report is rarely over a few
  // MiB; a bigger file is most likely not one, and would hold a batch's memory alone).
  std::size_t max_file_megabytes = 64;
  EntityTagging tagging = EntityTagging::kOn;  // tag named entities while indexing
  bool read_facts = true;                      // read the trafficking facts while indexing
  // 0: the index as it is (one index, or the shards its stub lists; one for a new index). N > 1:
  // a new index of N shards in the folder `db` (DIR/shard-1 ... and the stub DIR/XAPIANDB), each
  // report on the shard its id hashes to; an existing index must have N.
  std::size_t shards = 0;
};

struct FileProblem {
  std::string path;
  std::string reason;
};

struct IndexSummary {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;            // files of a type no extractor reads
  std::vector<FileProblem> failures;  // each failed file and why
  std::vector<FileProblem> warnings;  // indexed, with a repaired problem
  std::vector<FileProblem> skipped_files;
  std::size_t reports_in_index = 0;
  // Reports whose bodies are identical (same content hash), as groups of ids; the search can
  // collapse them (SearchRequest::collapse_duplicates).
  std::vector<std::vector<std::string>> duplicate_groups;
  double seconds = 0;
};

// Receives progress from the writing thread. Implementations must be cheap.
class IndexProgress {
 public:
  virtual ~IndexProgress() = default;
  virtual void on_scan_done(std::size_t files_found) = 0;
  virtual void on_file_done(std::size_t done, std::size_t total, const std::string& path) = 0;
};

// Throws Error{kIndexLocked} when another run holds the index, Error{kNotFound} when a root
// does not exist (before anything is written), Error{kIo}/{kIndexCorrupt} for the index itself.
IndexSummary index_archive(const IndexOptions& options, const Gazetteers& gazetteers,
                           IndexProgress* progress);

}  // namespace dossier
