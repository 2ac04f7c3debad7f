#pragma once
// Where tests find their data. All paths are absolute.
#include <filesystem>
#include <optional>

namespace dossier::test {

std::filesystem::path source_dir();   // the checkout
std::filesystem::path binary_dir();   // the build folder
std::filesystem::path seed_file();    // ../shared/seeds/000_f233a536db1b0761.txt, or the copy in
                                      // corpus/samples/ when shared/ is absent
std::filesystem::path samples_dir();  // corpus/samples/archive/
// ../shared/corpus (or $DOSSIER_SHARED_CORPUS) when present; tests that need it skip otherwise.
std::optional<std::filesystem::path> shared_corpus_dir();
// A fresh empty folder under the build tree, unique to the calling test.
std::filesystem::path scratch_dir(const std::string& name);

}  // namespace dossier::test
