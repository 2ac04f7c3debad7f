#pragma once
// JSON bodies of the API that the searcher's renderers do not already make.
#include <string>
#include <vector>

#include "corpus/error.h"
#include "searcher/search.h"

namespace dossier {

// {"error": {"kind": "bad_query", "message": "...", "parameter": "q"}}; "parameter" only for an
// error in one parameter's value.
std::string error_json(const Error& error);
std::string suggestions_json(const std::string& query, const std::vector<Suggestion>& suggestions);
std::string health_json(std::size_t reports, const std::string& revision);

}  // namespace dossier
