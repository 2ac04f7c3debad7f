// dossier-test-fixtures DIR: builds the indexes the tests share into DIR, once per test run
// (ctest runs it as the fixture the test cases require): DIR/sample-index, the bundled sample
// archive. Test processes then read it instead of each indexing the archive again.
#include <filesystem>
#include <iostream>

#include "corpus/error.h"
#include "indexer/index_writer.h"
#include "sample_index.h"
#include "test_paths.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: dossier-test-fixtures DIR\n";
    return 2;
  }
  try {
    const std::filesystem::path index = dossier::test::fixture_path(argv[1]);
    std::filesystem::remove_all(index);
    std::filesystem::create_directories(index.parent_path());
    dossier::IndexOptions options;
    options.db = index;
    options.roots = {dossier::test::samples_dir()};
    const dossier::IndexSummary summary =
        dossier::index_archive(options, dossier::test::gazetteers(), nullptr);
    if (summary.failed != 0) {
      std::cerr << "dossier-test-fixtures: " << summary.failed << " sample files failed\n";
      return 1;
    }
    std::cout << "indexed " << summary.reports_in_index << " sample reports into " << index.string()
              << "\n";
    return 0;
  } catch (const dossier::Error& e) {
    std::cerr << "dossier-test-fixtures: " << e.what() << "\n";
    return 1;
  }
}
