#include "api_request.h"

#include <algorithm>
#include <charconv>

#include "corpus/error.h"

namespace dossier {
namespace {

std::vector<std::string> all_of(const Params& params, const std::string& name) {
  std::vector<std::string> values;
  auto [first, last] = params.equal_range(name);
  for (auto it = first; it != last; ++it) {
    if (!it->second.empty()) values.push_back(it->second);
  }
  return values;
}

std::string one_of(const Params& params, const std::string& name) {
  auto [first, last] = params.equal_range(name);
  if (first == last) return {};
  if (std::next(first) != last) {
    throw Error(ErrorKind::kInvalidArgument, "parameter \"" + name + "\" is given more than once");
  }
  return first->second;
}

std::size_t number(const Params& params, const std::string& name, std::size_t fallback,
                   std::size_t min, std::size_t max) {
  const std::string text = one_of(params, name);
  if (text.empty()) return fallback;
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    throw Error(ErrorKind::kInvalidArgument,
                "parameter \"" + name + "\" must be a whole number from " + std::to_string(min) +
                    " to " + std::to_string(max));
  }
  return value;
}

int year(const Params& params, const std::string& name) {
  const std::string text = one_of(params, name);
  if (text.empty()) return 0;
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.size() != 4) {
    throw Error(ErrorKind::kInvalidArgument, "parameter \"" + name + "\" must be a year (2004)");
  }
  return value;
}

}  // namespace

SearchRequest search_request_from(const Params& params) {
  static const std::vector<std::string> kKnown = {
      "q",      "country", "year",      "from",     "to",     "topic",   "publisher",
      "series", "region",  "subregion", "mentions", "body",   "org",     "entity",
      "sort",   "page",    "size",      "format",   "facets", "passages"};
  for (const auto& [name, value] : params) {
    if (std::find(kKnown.begin(), kKnown.end(), name) == kKnown.end()) {
      throw Error(ErrorKind::kInvalidArgument, "unknown parameter \"" + name + "\"");
    }
  }
  SearchRequest request;
  request.query = one_of(params, "q");
  if (request.query.size() > kMaxQueryBytes) {
    throw Error(ErrorKind::kInvalidArgument,
                "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  }
  for (const char* facet : {"country", "year", "topic", "publisher", "series", "region",
                            "subregion", "mentions", "body", "org", "entity"}) {
    std::vector<std::string> values = all_of(params, facet);
    if (!values.empty()) request.filters[facet] = std::move(values);
  }
  const int from = year(params, "from");
  const int to = year(params, "to");
  if (from != 0 || to != 0) {
    if (from != 0 && to != 0 && from > to) {
      throw Error(ErrorKind::kInvalidArgument, "parameter \"from\" is after \"to\"");
    }
    request.year_ranges.push_back({from, to});
  }
  const std::string sort = one_of(params, "sort");
  if (sort.empty() || sort == "relevance") {
    request.sort = SortOrder::kRelevance;
  } else if (sort == "date") {
    request.sort = SortOrder::kDateNewest;
  } else if (sort == "date-asc") {
    request.sort = SortOrder::kDateOldest;
  } else {
    throw Error(ErrorKind::kInvalidArgument,
                "parameter \"sort\" must be relevance, date or date-asc");
  }
  const std::size_t size = number(params, "size", 10, 0, kMaxPageSize);
  const std::size_t page = number(params, "page", 1, 1, kMaxResultDepth);
  if (page * size > kMaxResultDepth) {
    throw Error(ErrorKind::kInvalidArgument, "results beyond the first " +
                                                 std::to_string(kMaxResultDepth) +
                                                 " are not served; narrow the search");
  }
  request.limit = size;
  request.offset = (page - 1) * size;
  const std::string facets = one_of(params, "facets");
  if (!facets.empty() && facets != "true" && facets != "false") {
    throw Error(ErrorKind::kInvalidArgument, "parameter \"facets\" must be true or false");
  }
  request.count_facets = facets != "false";
  request.passages = number(params, "passages", 0, 0, 10);
  const std::string collapse = one_of(params, "collapse");
  if (!collapse.empty() && collapse != "true" && collapse != "false") {
    throw Error(ErrorKind::kInvalidArgument, "parameter \"collapse\" must be true or false");
  }
  request.collapse_duplicates = collapse == "true";
  return request;
}

}  // namespace dossier
