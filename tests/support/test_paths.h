#pragma once
// Where tests find their data. All paths are absolute.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

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
// Writes `text` to `path`, making its folders.
void write_file(const std::filesystem::path& path, std::string_view text);
// A plain-text report of the archive's layout: the title, a publisher and date block, the body.
std::string report_text(std::string_view title, std::string_view body);

}  // namespace dossier::test
