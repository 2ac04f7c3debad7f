#pragma once
// The bundled sample archive, indexed once per test process.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "corpus/gazetteers.h"
#include "corpus/schema.h"

namespace dossier::test {

const Gazetteers& gazetteers();
// An index of corpus/samples/ built on first use in a scratch folder; read-only for callers.
const std::filesystem::path& sample_index();

// Filters by field name, as tests write them ({{"country", {"KZ"}}}), keyed as SearchRequest
// keys them. Throws for a name that is no field.
std::map<schema::FieldId, std::vector<std::string>> by_field(
    const std::map<std::string, std::vector<std::string>>& filters);

}  // namespace dossier::test
