#pragma once
// The bundled sample archive's index, shared by the tests.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "corpus/gazetteers.h"
#include "corpus/schema.h"

namespace dossier::test {

const Gazetteers& gazetteers();

// An index of corpus/samples/archive, read-only for callers. Under ctest it is the one the
// fixture test built for the whole run (the folder $DOSSIER_TEST_FIXTURES names); a test binary
// run by hand builds its own, once per process, in a scratch folder.
const std::filesystem::path& sample_index();
// A copy of it in `folder` (created), for a test that changes its index.
std::filesystem::path copy_of_sample_index(const std::filesystem::path& folder);
// Where the sample index of a fixtures folder is.
std::filesystem::path fixture_path(const std::filesystem::path& fixtures);

// Filters by field name, as tests write them ({{"country", {"KZ"}}}), keyed as SearchRequest
// keys them. Throws for a name that is no field.
std::map<schema::FieldId, std::vector<std::string>> by_field(
    const std::map<std::string, std::vector<std::string>>& filters);

}  // namespace dossier::test
