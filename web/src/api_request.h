#pragma once
// HTTP query parameters -> SearchRequest, with the same meaning as the CLI's options.
#include <map>
#include <string>
#include <vector>

#include "searcher/search.h"

namespace dossier {

// Caps on what one request may ask for.
inline constexpr std::size_t kMaxQueryBytes = 2000;
inline constexpr std::size_t kMaxPageSize = 100;
inline constexpr std::size_t kMaxResultDepth = 10000;  // page * size

// Parameters as a multimap: a name may repeat ("country=KZ&country=UZ").
using Params = std::multimap<std::string, std::string>;

// Throws Error{kInvalidArgument} naming the parameter that is wrong.
SearchRequest search_request_from(const Params& params);

}  // namespace dossier
