#include "indexer/load_report.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "corpus/error.h"
#include "corpus/facts.h"
#include "indexer/extract.h"

namespace fs = std::filesystem;

namespace dossier {
namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, "cannot open: " + std::string(std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error(ErrorKind::kIo, "read error");
  return std::move(buffer).str();
}

// The path as the index shows it: relative to the folder it was found under.
std::string shown_path(const fs::path& path, const fs::path& root) {
  if (root.empty() || root == path) return path.filename().string();
  std::error_code ec;
  const fs::path relative = path.lexically_relative(root);
  if (relative.empty() || relative.begin()->string() == "..") return path.filename().string();
  return relative.generic_string();
}

}  // namespace

LoadedReport load_report(const fs::path& path, const Gazetteers& gazetteers,
                         const LoadOptions& options) {
  const Extractor* extractor = find_extractor(path);
  if (extractor == nullptr) throw Error(ErrorKind::kBadInput, "no extractor for this file type");
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > options.max_file_bytes) {
    throw Error(ErrorKind::kBadInput,
                "file too large: " + std::to_string((size + (1 << 20) - 1) >> 20) +
                    " MiB, over the limit of " + std::to_string(options.max_file_bytes >> 20) +
                    " MiB (--max-file-mb)");
  }
  Extraction extraction = extractor->extract(read_file(path));
  LoadedReport loaded;
  loaded.report = std::move(extraction.report);
  loaded.report.source_path = shown_path(path, options.root);
  loaded.paragraph_tokens = infer_metadata(loaded.report, gazetteers, options.tagging);
  if (options.read_facts) loaded.report.facts = extract_facts(loaded.report, gazetteers.countries);
  loaded.warnings = std::move(extraction.warnings);
  return loaded;
}

}  // namespace dossier
