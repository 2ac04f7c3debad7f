#pragma once
// One request model for every surface. What each endpoint (search, facets, a report, its
// citation, completions) accepts is a table of parameters, and one parser turns name-value pairs
// into requests: the HTTP API passes its query string, the CLI its options as the same pairs. So
// both accept the same things under the same names, with the same limits where they share one,
// and say the same thing about what is wrong. The CLI's options and the API's OpenAPI
// parameters are derived from these tables; the filters among them from the schema table.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "corpus/dates.h"
#include "corpus/schema.h"
#include "searcher/cite.h"
#include "searcher/export.h"
#include "searcher/search.h"

namespace dossier {

// Who asks: parameters, limits and defaults may differ between the command line and HTTP.
enum Surface : unsigned { kCli = 1u << 0, kHttp = 1u << 1 };

enum class Endpoint { kSearch, kFacets, kReport, kCite, kSuggest, kSimilar, kCountry };

enum class ParameterType {
  kText,     // free text (a query), at most max() bytes
  kFilter,   // a value of a schema filter field; repeatable
  kEntity,   // the name of a state body or an organization; repeatable
  kYear,     // a four-digit year
  kCount,    // a whole number from `min` to max()
  kBoolean,  // true or false
  kChoice,   // one of `choices`
  kDate,     // a day, 2026-11-30
};

struct ParameterSpec {
  std::string name = {};                  // as documented ("limit")
  std::vector<std::string> aliases = {};  // older names still accepted ("size")
  ParameterType type = ParameterType::kText;
  std::string help = {};
  std::string example = {};        // a valid value, for the API reference and its tests
  std::string default_value = {};  // what not giving it means, as shown in help ("" for none)
  unsigned surfaces = kCli | kHttp;
  bool repeatable = false;
  std::vector<std::string> choices = {};  // kChoice
  std::size_t min = 0;                    // kCount
  std::size_t max_cli = 0;                // kCount: the largest value; kText: bytes
  std::size_t max_http = 0;               // the same over HTTP
  const schema::Field* field = nullptr;   // kFilter: the field it filters on
  std::string cli_flag_value = {};        // the value a bare "--name" stands for ("3")
  std::string cli_short = {};             // a one-letter CLI name ("n" for -n), or empty
  bool cli_positional = false;            // the CLI takes it as its arguments (the query)

  std::size_t max(Surface surface) const { return surface == kCli ? max_cli : max_http; }
};

// The parameters of an endpoint, in the order help and references list them.
std::span<const ParameterSpec> parameters(Endpoint endpoint);

// Name-value pairs as a surface received them, in order; names may repeat.
using Parameters = std::vector<std::pair<std::string, std::string>>;

// How a search's results are written.
enum class ResultFormat { kText, kJson, kCsv, kJsonLines, kBibtex, kRis, kCslJson };
std::optional<ExportFormat> export_format_of(ResultFormat format);

struct SearchCall {
  SearchRequest request;
  ResultFormat format = ResultFormat::kJson;
};

struct CiteCall {
  CitationFormat format = CitationFormat::kCite;
  std::optional<std::string> paragraph;  // a paragraph's label (CitedPassage::paragraph)
  std::string query;                     // whose words the quote holds ("" for none)
  std::string quote;                     // text of the paragraph to quote ("" for none)
  std::optional<LinkTarget> link;        // none: default_link()
  std::optional<Date> accessed;          // none: today
};

struct SimilarCall {
  std::size_t limit = 10;
  ResultFormat format = ResultFormat::kJson;  // kText or kJson
};

struct CountryCall {
  std::string country;             // the command line's --country (over HTTP, the path's)
  std::vector<std::string> years;  // year filter values ("2004..2010")
  ResultFormat format = ResultFormat::kJson;  // kText or kJson
};

// Each throws Error::in_parameter(kInvalidArgument, name, reason) naming the parameter that is
// wrong (its documented name, also when an alias was given): unknown, given twice, or a value
// it does not take. Filter values are checked by the search itself (they may depend on the
// index), with errors of the same form.
//
// kSearch and kFacets; for kFacets the request asks for facets only (no hits).
SearchCall parse_search(const Parameters& given, Surface surface,
                        Endpoint endpoint = Endpoint::kSearch);
CiteCall parse_cite(const Parameters& given, Surface surface);
SimilarCall parse_similar(const Parameters& given, Surface surface);
// kCountry; the country is required on the command line.
CountryCall parse_country(const Parameters& given, Surface surface);
// kReport: the query whose words to mark; kSuggest: the prefix to complete.
std::string parse_query_only(const Parameters& given, Surface surface, Endpoint endpoint);

// A parameter's name as a command-line option: "--facet-values" for facet_values.
std::string cli_option(std::string_view name);

}  // namespace dossier
