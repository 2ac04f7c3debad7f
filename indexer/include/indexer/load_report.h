#pragma once
// One file -> one Report, as `dossier index` and `dossier entities` both read it: the size limit,
// the bytes, the extractor for its type, the inferred metadata and entities.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "corpus/gazetteers.h"
#include "corpus/normalize.h"
#include "corpus/report.h"
#include "indexer/metadata.h"

namespace dossier {

struct LoadOptions {
  // The folder the file was found under: the report's source_path is relative to it (its file
  // name when empty, or when the file is the root itself).
  std::filesystem::path root;
  EntityTagging tagging = EntityTagging::kOn;
  bool read_facts = true;  // the trafficking facts (corpus/facts.h)
  std::uintmax_t max_file_bytes = std::uintmax_t{64} << 20;
};

struct LoadedReport {
  Report report;  // id not set: ids are the index's to give
  // Each paragraph's tokens, as infer_metadata() made them.
  std::vector<std::vector<Token>> paragraph_tokens;
  std::vector<std::string> warnings;  // problems repaired, each saying what and where
};

// Throws Error{kBadInput} when no extractor reads files like `path`, when the file is larger than
// the limit or is not a report (the reason says which), Error{kIo} when it cannot be read.
LoadedReport load_report(const std::filesystem::path& path, const Gazetteers& gazetteers,
                         const LoadOptions& options);

}  // namespace dossier
