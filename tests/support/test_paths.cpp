#include "test_paths.h"

#include <fstream>

#include <unistd.h>
#include <cstdlib>
#include <string>

namespace dossier::test {

std::filesystem::path source_dir() {
  return DOSSIER_SOURCE_DIR;
}
std::filesystem::path binary_dir() {
  return DOSSIER_BINARY_DIR;
}

std::filesystem::path samples_dir() {
  return source_dir() / "corpus" / "samples" / "archive";
}

std::filesystem::path seed_file() {
  const auto shared = source_dir().parent_path() / "shared" / "seeds" / "000_f233a536db1b0761.txt";
  if (std::filesystem::exists(shared)) return shared;
  return samples_dir() / "seed" / "000_f233a536db1b0761.txt";
}

std::optional<std::filesystem::path> shared_corpus_dir() {
  std::filesystem::path dir;
  if (const char* env = std::getenv("DOSSIER_SHARED_CORPUS"); env != nullptr && *env != '\0') {
    dir = env;
  } else {
    dir = source_dir().parent_path() / "shared" / "corpus";
  }
  if (std::filesystem::exists(dir / "MANIFEST.tsv")) return dir;
  return std::nullopt;
}

std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = binary_dir() / "test-scratch" / (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write_file(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string report_text(std::string_view title, std::string_view body) {
  return std::string(title) + "\n\nPublisher Test Publisher\nPublication Date 3 March 2010\n\n" +
         std::string(body) + "\n";
}

}  // namespace dossier::test
