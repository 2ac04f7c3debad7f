#include "sample_index.h"

#include <stdexcept>

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
