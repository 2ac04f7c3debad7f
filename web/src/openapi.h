#pragma once
// Descriptions of the API made from the tables that define it, so that they cannot drift from
// what the server accepts. Private to the web module.
#include <string>
#include <string_view>

namespace dossier {

// The OpenAPI document: `paths_and_answers` (web/assets/openapi.json: the paths, what they
// answer and the shapes of the answers) with every endpoint's query parameters made from the
// request model (searcher/request.h) and the hit's fields from the schema table.
std::string openapi_document(std::string_view paths_and_answers);

// GET /api/fields: the schema table as clients need it (the search page builds its facet
// sidebar from it).
std::string fields_json();

}  // namespace dossier
