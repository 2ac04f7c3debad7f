#include "sample_index.h"

#include "indexer/index_writer.h"
#include "test_paths.h"

namespace dossier::test {

const Gazetteers& gazetteers() {
  static const Gazetteers kGazetteers = Gazetteers::load();
  return kGazetteers;
}

const std::filesystem::path& sample_index() {
  static const std::filesystem::path kIndex = [] {
    const auto dir = scratch_dir("sample-index");
    IndexOptions options;
    options.db = dir / "db";
    options.roots = {samples_dir()};
    index_archive(options, gazetteers(), nullptr);
    return options.db;
  }();
  return kIndex;
}

}  // namespace dossier::test
