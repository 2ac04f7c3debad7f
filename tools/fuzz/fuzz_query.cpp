// libFuzzer target: query handling, end to end, on an index of the sample archive.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "corpus/error.h"
#include "corpus/gazetteers.h"
#include "indexer/index_writer.h"
#include "searcher/search.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const dossier::Gazetteers gazetteers = dossier::Gazetteers::load();
  static dossier::Searcher* searcher = [] {
    const char* samples = std::getenv("DOSSIER_FUZZ_SAMPLES");
    const auto db = std::filesystem::temp_directory_path() / "dossier-fuzz-query-index";
    dossier::IndexOptions options;
    options.db = db;
    options.roots = {samples ? samples : "corpus/samples/archive/seed"};
    dossier::index_archive(options, gazetteers, nullptr);
    return new dossier::Searcher(db, gazetteers);
  }();
  dossier::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data), size);
  request.limit = 3;
  request.passages = 2;
  try {
    searcher->search(request);
  } catch (const dossier::Error&) {
    // A bad query is refused with a message: fine.
  }
  return 0;
}
