#pragma once
// The fuzzers' index: the sample archive's seed (or $DOSSIER_FUZZ_SAMPLES), indexed once per
// fuzzer process into a folder of the system's temporary directory named `name`.
#include <cstdlib>
#include <filesystem>

#include "corpus/gazetteers.h"
#include "indexer/index_writer.h"
#include "searcher/search.h"

namespace dossier::fuzz {

inline Searcher& sample_searcher(const char* name) {
  static const Gazetteers gazetteers = Gazetteers::load();
  static Searcher* searcher = [name] {
    const char* samples = std::getenv("DOSSIER_FUZZ_SAMPLES");
    const auto db = std::filesystem::temp_directory_path() / name;
    IndexOptions options;
    options.db = db;
    options.roots = {samples ? samples : "corpus/samples/archive/seed"};
    index_archive(options, gazetteers, nullptr);
    return new Searcher(db, gazetteers);
  }();
  return *searcher;
}

}  // namespace dossier::fuzz
