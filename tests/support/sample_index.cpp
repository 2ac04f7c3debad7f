#include "sample_index.h"

#include <cstdlib>
#include <stdexcept>

#include "indexer/index_writer.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace dossier::test {

const Gazetteers& gazetteers() {
  static const Gazetteers kGazetteers = Gazetteers::load();
  return kGazetteers;
}

fs::path fixture_path(const fs::path& fixtures) {
  return fixtures / "sample-index";
}

const fs::path& sample_index() {
  static const fs::path kIndex = [] {
    if (const char* fixtures = std::getenv("DOSSIER_TEST_FIXTURES");
        fixtures != nullptr && *fixtures != '\0') {
      const fs::path shared = fixture_path(fixtures);
      if (!fs::exists(shared)) {
        throw std::runtime_error("$DOSSIER_TEST_FIXTURES has no sample index: " + shared.string());
      }
      return shared;
    }
    const auto dir = scratch_dir("sample-index");
    IndexOptions options;
    options.db = dir / "db";
    options.roots = {samples_dir()};
    index_archive(options, gazetteers(), nullptr);
    return options.db;
  }();
  return kIndex;
}

fs::path copy_of_sample_index(const fs::path& folder) {
  fs::create_directories(folder);
  const fs::path copy = folder / "db";
  fs::remove_all(copy);
  fs::copy(sample_index(), copy, fs::copy_options::recursive);
  return copy;
}

std::map<schema::FieldId, std::vector<std::string>> by_field(
    const std::map<std::string, std::vector<std::string>>& filters) {
  std::map<schema::FieldId, std::vector<std::string>> out;
  for (const auto& [name, values] : filters) {
    const schema::Field* field = schema::find_field(name);
    if (field == nullptr) throw std::invalid_argument("no field named " + name);
    out[field->id] = values;
  }
  return out;
}

}  // namespace dossier::test
