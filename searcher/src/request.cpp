#include "searcher/request.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "corpus/error.h"

namespace dossier {
namespace {

// Results past this rank are not served over HTTP: deep pages cost the server a match of that
// depth per request, and a person never reads them (exports stream the whole list instead).
constexpr std::size_t kMaxResultDepth = 10000;
// Values listed per facet by default: a facet of many values (a state body of every state) would
// otherwise make every answer megabytes long.
constexpr std::size_t kDefaultFacetValues = 100;

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

ParameterSpec query_text(std::string help, std::size_t max_cli, std::size_t max_http,
                         unsigned surfaces) {
  return {.name = "q",
          .help = std::move(help),
          .example = "forced labor",
          .surfaces = surfaces,
          .max_cli = max_cli,
          .max_http = max_http,
          .cli_positional = true};
}

// The filters: every schema field exposed as one, then --entity and the open year bounds.
std::vector<ParameterSpec> filter_parameters() {
  std::vector<ParameterSpec> specs;
  for (const schema::Field& field : schema::fields()) {
    if (!field.exposed(schema::kFilter)) continue;
    specs.push_back({.name = std::string(field.name),
                     .aliases = field.resolution == schema::Resolution::kYears
                                    ? std::vector<std::string>{"years"}
                                    : std::vector<std::string>{},
                     .type = ParameterType::kFilter,
                     .help = std::string(field.help) + "; repeat for any of several",
                     .example = std::string(field.example),
                     .surfaces = kCli | (field.exposed(schema::kApiParameter) ? kHttp : 0u),
                     .repeatable = true,
                     .field = &field});
  }
  specs.push_back({.name = "entity",
                   .type = ParameterType::kEntity,
                   .help = "Only reports that name this state body or organization; repeat for "
                           "any of several",
                   .example = "Ministry of Justice",
                   .repeatable = true});
  specs.push_back({.name = "from",
                   .type = ParameterType::kYear,
                   .help = "Only reports covering this year or later (year=2001..2004 says both)",
                   .example = "2001"});
  specs.push_back({.name = "to",
                   .type = ParameterType::kYear,
                   .help = "Only reports covering this year or earlier",
                   .example = "2004"});
  return specs;
}

std::vector<ParameterSpec> search_specs() {
  std::vector<ParameterSpec> specs = {
      query_text("The query: words, \"phrases\", AND/OR/NOT, NEAR, (groups), -exclusions, prefix*, "
                 "field:value; "
                 "empty browses, newest first",
                 10000, 2000, kCli | kHttp)};
  for (ParameterSpec& filter : filter_parameters()) specs.push_back(std::move(filter));
  const std::vector<ParameterSpec> rest = {
      {.name = "sort",
       .type = ParameterType::kChoice,
       .help = "The order of hits: relevance, date (newest first) or date-asc",
       .example = "date",
       .default_value = "relevance",
       .choices = {"relevance", "date", "date-asc"}},
      {.name = "limit",
       .aliases = {"size"},
       .type = ParameterType::kCount,
       .help = "Hits per page (over HTTP at most 100)",
       .example = "20",
       .default_value = "10",
       .max_cli = 10000,
       .max_http = 100,
       .cli_short = "n"},
      {.name = "page",
       .type = ParameterType::kCount,
       .help = "Which page of hits, from 1 (instead of offset)",
       .example = "2",
       .default_value = "1",
       .min = 1,
       .max_cli = kMaxResultDepth,
       .max_http = kMaxResultDepth},
      {.name = "offset",
       .type = ParameterType::kCount,
       .help = "Hits to skip (instead of page)",
       .example = "20",
       .default_value = "0",
       .max_cli = 1000000000,
       .max_http = kMaxResultDepth},
      {.name = "facets",
       .type = ParameterType::kBoolean,
       .help = "Count the facets (false: do not, which is faster)",
       .example = "false",
       .default_value = "true"},
      {.name = "facet_values",
       .type = ParameterType::kCount,
       .help = "Values listed per facet: the most frequent (or the facet's own order), and the "
               "selected ones always; 0 lists every value (/api/facets lists every value)",
       .example = "20",
       .default_value = "100",
       .max_cli = 1000000,
       .max_http = 1000000},
      {.name = "passages",
       .type = ParameterType::kCount,
       .help = "List this many of each hit's best matching paragraphs (0: the snippet only)",
       .example = "3",
       .default_value = "0",
       .max_cli = 20,
       .max_http = 20,
       .cli_flag_value = "3"},
      {.name = "collapse",
       .type = ParameterType::kBoolean,
       .help = "One hit per report: files with identical bodies, or a PDF and its text copy, are "
               "one (the total counts groups)",
       .example = "true",
       .default_value = "false"},
      {.name = "explain",
       .type = ParameterType::kBoolean,
       .help = "Say how the query was read: variants, countries, function words, NEAR, and "
               "the Xapian query",
       .example = "true",
       .default_value = "false"},
      {.name = "format",
       .type = ParameterType::kChoice,
       .help = "text or json, or an export of every hit: csv, jsonl, bibtex, ris or csl-json "
               "(default: text on the command line, json over HTTP)",
       .example = "csv",
       .choices = {"text", "json", "csv", "jsonl", "bibtex", "ris", "csl-json"}},
  };
  specs.insert(specs.end(), rest.begin(), rest.end());
  return specs;
}

std::vector<ParameterSpec> facets_specs() {
  std::vector<ParameterSpec> specs = {query_text(
      "The query, as for /api/search; empty counts over every report", 10000, 2000, kHttp)};
  for (ParameterSpec& filter : filter_parameters()) {
    filter.surfaces &= kHttp;
    if (filter.surfaces != 0) specs.push_back(std::move(filter));
  }
  return specs;
}

std::vector<ParameterSpec> cite_specs() {
  return {
      {.name = "format",
       .type = ParameterType::kChoice,
       .help = "cite (a Cite-as line per passage), bibtex, ris or csl-json (a bibliography: one "
               "entry per report), or markdown (notes for pandoc: each quote with its citation "
               "[@key, para. 12], and the references), or json (all of these, per passage)",
       .example = "bibtex",
       .default_value = "cite",
       .choices = {"cite", "bibtex", "ris", "csl-json", "markdown", "json"}},
      {.name = "para",
       .type = ParameterType::kText,
       .help = "Cite this paragraph rather than the whole report: the number the report prints "
               "(\"12\", \"86.1\"), or where it prints none, its place among the text "
               "paragraphs (headings not counted)",
       .example = "2",
       .max_cli = 32,
       .max_http = 32},
      {.name = "query",
       .aliases = {"q"},
       .help = "Quote the sentences of the paragraph that hold these words (a search's query); "
               "without para, cite the paragraph that holds most of them",
       .example = "forced labor",
       .max_cli = 2000,
       .max_http = 2000},
      {.name = "quote",
       .help = "Quote this text (a selection; white space may differ) rather than sentences "
               "chosen for you; without para, cite the paragraph that holds it",
       .example = "criminalizes trafficking",
       .max_cli = 4000,
       .max_http = 4000},
      {.name = "link",
       .type = ParameterType::kChoice,
       .help = "Which address the citation gives: source (the original's, when the report names "
               "one), local (the report page on the base URL) or both; default: both when a "
               "base URL is set, else source",
       .example = "both",
       .choices = {"source", "local", "both"}},
      {.name = "accessed",
       .type = ParameterType::kDate,
       .help = "The day the source was consulted",
       .example = "2026-11-30",
       .default_value = "today"},
  };
}

const std::vector<ParameterSpec>& specs_of(Endpoint endpoint) {
  static const std::vector<ParameterSpec> kSearch = search_specs();
  static const std::vector<ParameterSpec> kFacets = facets_specs();
  static const std::vector<ParameterSpec> kReport = {
      query_text("Mark the words of this query (and the entities it names) in the paragraphs",
                 10000, 2000, kHttp)};
  static const std::vector<ParameterSpec> kCite = cite_specs();
  static const std::vector<ParameterSpec> kSuggest = {
      query_text("What has been typed so far", 200, 200, kHttp)};
  static const std::vector<ParameterSpec> kSimilar = {
      {.name = "limit",
       .type = ParameterType::kCount,
       .help = "How many similar reports, best first",
       .example = "5",
       .default_value = "10",
       .min = 1,
       .max_cli = 100,
       .max_http = 100,
       .cli_short = "n"},
      {.name = "format",
       .type = ParameterType::kChoice,
       .help = "text or json (default: text on the command line, json over HTTP)",
       .example = "json",
       .choices = {"text", "json"}},
  };
  static const std::vector<ParameterSpec> kCountry = {
      {.name = "country",
       .type = ParameterType::kText,
       .help = "The country, by name or ISO code",
       .example = "KZ",
       .surfaces = kCli,
       .max_cli = 200},
      {.name = "years",
       .type = ParameterType::kText,
       .help = "Only facts of reports of these years: a year or a range (2004..2010)",
       .example = "2004..2010",
       .repeatable = true,
       .max_cli = 100,
       .max_http = 100},
      {.name = "format",
       .type = ParameterType::kChoice,
       .help = "text or json (default: text on the command line, json over HTTP)",
       .example = "json",
       .surfaces = kCli,
       .choices = {"text", "json"}},
  };
  switch (endpoint) {
    case Endpoint::kCountry:
      return kCountry;
    case Endpoint::kSearch:
      return kSearch;
    case Endpoint::kFacets:
      return kFacets;
    case Endpoint::kReport:
      return kReport;
    case Endpoint::kCite:
      return kCite;
    case Endpoint::kSuggest:
      return kSuggest;
    case Endpoint::kSimilar:
      return kSimilar;
  }
  return kSearch;  // not reached
}

[[noreturn]] void bad(const std::string& name, const std::string& reason) {
  throw Error::in_parameter(ErrorKind::kInvalidArgument, name, reason);
}

// The values given, by parameter: unknown names and non-repeatable ones given twice refused.
// Empty values are as good as not given (a form's empty field).
class Gathered {
 public:
  Gathered(const Parameters& given, Surface surface, Endpoint endpoint) {
    const std::vector<ParameterSpec>& specs = specs_of(endpoint);
    for (const auto& pair : given) {
      // (Not a structured binding: clang 14 cannot capture one in the lambda below.)
      const std::string& name = pair.first;
      const std::string& value = pair.second;
      const auto spec = std::find_if(specs.begin(), specs.end(), [&](const ParameterSpec& s) {
        return (s.surfaces & surface) != 0 &&
               (s.name == name ||
                std::find(s.aliases.begin(), s.aliases.end(), name) != s.aliases.end());
      });
      if (spec == specs.end()) {
        std::vector<std::string> known;
        for (const ParameterSpec& s : specs) {
          if ((s.surfaces & surface) != 0) known.push_back(s.name);
        }
        throw Error::in_parameter(ErrorKind::kInvalidArgument, name,
                                  "no such parameter (the parameters are " + listed(known) + ")");
      }
      std::vector<std::string>& values = values_[spec->name];
      if (!spec->repeatable && given_as_.contains(spec->name)) {
        bad(name, given_as_[spec->name] == name ? "is given more than once"
                                                : "is given twice, as \"" + given_as_[spec->name] +
                                                      "\" and \"" + name + "\"");
      }
      given_as_.emplace(spec->name, name);
      if (!value.empty()) values.push_back(value);
    }
    surface_ = surface;
    endpoint_ = endpoint;
  }

  // An error about a parameter, under the name the user gave it by.
  [[noreturn]] void fail(const std::string& name, const std::string& reason) const {
    const auto given = given_as_.find(name);
    bad(given == given_as_.end() ? name : given->second, reason);
  }

  const ParameterSpec& spec(std::string_view name) const {
    for (const ParameterSpec& s : specs_of(endpoint_)) {
      if (s.name == name) return s;
    }
    throw Error(ErrorKind::kInternal, "no parameter " + std::string(name));
  }

  const std::vector<std::string>& all(const std::string& name) const {
    static const std::vector<std::string> kNone;
    const auto found = values_.find(name);
    return found == values_.end() ? kNone : found->second;
  }
  std::optional<std::string> one(const std::string& name) const {
    const std::vector<std::string>& values = all(name);
    if (values.empty()) return std::nullopt;
    return values.front();
  }

  std::optional<std::size_t> count(const std::string& name) const {
    const auto text = one(name);
    if (!text) return std::nullopt;
    const ParameterSpec& s = spec(name);
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < s.min ||
        value > s.max(surface_)) {
      fail(name, "must be a whole number from " + std::to_string(s.min) + " to " +
                     std::to_string(s.max(surface_)) + ", not \"" + *text + "\"");
    }
    return value;
  }

  std::optional<bool> boolean(const std::string& name) const {
    const auto text = one(name);
    if (!text) return std::nullopt;
    if (*text == "true") return true;
    if (*text == "false") return false;
    fail(name, "must be true or false, not \"" + *text + "\"");
  }

  std::optional<std::string> choice(const std::string& name) const {
    const auto text = one(name);
    if (!text) return std::nullopt;
    const ParameterSpec& s = spec(name);
    if (std::find(s.choices.begin(), s.choices.end(), *text) == s.choices.end()) {
      fail(name, "must be " + listed(s.choices) + ", not \"" + *text + "\"");
    }
    return text;
  }

  std::optional<int> year(const std::string& name) const {
    const auto text = one(name);
    if (!text) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || text->size() != 4 || value < 1) {
      fail(name, "must be a year of four digits (2004), not \"" + *text + "\"");
    }
    return value;
  }

  std::optional<Date> date(const std::string& name) const {
    const auto text = one(name);
    if (!text) return std::nullopt;
    const auto parsed = parse_date(*text);
    if (!parsed || parsed->day == 0) {
      fail(name, "must be a day, written 2026-11-30, not \"" + *text + "\"");
    }
    return parsed;
  }

  std::string text(const std::string& name) const {
    const auto value = one(name);
    if (!value) return {};
    const ParameterSpec& s = spec(name);
    if (value->size() > s.max(surface_)) {
      fail(name, "is " + std::to_string(value->size()) + " bytes long; the limit is " +
                     std::to_string(s.max(surface_)));
    }
    return *value;
  }

  bool given(const std::string& name) const { return given_as_.contains(name); }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::map<std::string, std::string> given_as_;  // documented name -> the name used
  Surface surface_ = kHttp;
  Endpoint endpoint_ = Endpoint::kSearch;
};

// The filters of a search or facets call.
void read_filters(const Gathered& gathered, Endpoint endpoint, SearchRequest& request) {
  for (const ParameterSpec& spec : specs_of(endpoint)) {
    if (spec.type == ParameterType::kFilter && !gathered.all(spec.name).empty()) {
      request.filters[spec.field->id] = gathered.all(spec.name);
    }
  }
  request.entities = gathered.all("entity");
  const std::optional<int> from = gathered.year("from");
  const std::optional<int> to = gathered.year("to");
  if (from && to && *from > *to) {
    gathered.fail("from",
                  "is after \"to\" (" + std::to_string(*from) + " > " + std::to_string(*to) + ")");
  }
  if (from || to) {
    // The one year dialect: "from..to", with an open end where one is not given.
    request.filters[schema::FieldId::kYear].push_back((from ? std::to_string(*from) : "") + ".." +
                                                      (to ? std::to_string(*to) : ""));
  }
}

}  // namespace

std::span<const ParameterSpec> parameters(Endpoint endpoint) {
  return specs_of(endpoint);
}

std::optional<ExportFormat> export_format_of(ResultFormat format) {
  switch (format) {
    case ResultFormat::kText:
    case ResultFormat::kJson:
      return std::nullopt;
    case ResultFormat::kCsv:
      return ExportFormat::kCsv;
    case ResultFormat::kJsonLines:
      return ExportFormat::kJsonLines;
    case ResultFormat::kBibtex:
      return ExportFormat::kBibtex;
    case ResultFormat::kRis:
      return ExportFormat::kRis;
    case ResultFormat::kCslJson:
      return ExportFormat::kCslJson;
  }
  return std::nullopt;  // not reached
}

SearchCall parse_search(const Parameters& given, Surface surface, Endpoint endpoint) {
  const Gathered gathered(given, surface, endpoint);
  SearchCall call;
  SearchRequest& request = call.request;
  request.query = gathered.text("q");
  read_filters(gathered, endpoint, request);
  if (endpoint == Endpoint::kFacets) {
    request.limit = 0;
    request.count_facets = true;
    return call;
  }

  const std::string sort = gathered.choice("sort").value_or("relevance");
  request.sort = sort == "date"       ? SortOrder::kDateNewest
                 : sort == "date-asc" ? SortOrder::kDateOldest
                                      : SortOrder::kRelevance;
  request.limit = gathered.count("limit").value_or(10);
  const std::optional<std::size_t> page = gathered.count("page");
  const std::optional<std::size_t> offset = gathered.count("offset");
  if (page && offset) gathered.fail("page", "and \"offset\" say the same; give one of them");
  request.offset = page ? (*page - 1) * request.limit : offset.value_or(0);
  if (surface == kHttp && request.offset + request.limit > kMaxResultDepth) {
    gathered.fail(page ? "page" : "offset",
                  "results beyond the first " + std::to_string(kMaxResultDepth) +
                      " are not served; narrow the search, or export it (format=csv, ...)");
  }
  request.count_facets = gathered.boolean("facets").value_or(true);
  request.facet_limit = gathered.count("facet_values").value_or(kDefaultFacetValues);
  request.passages = gathered.count("passages").value_or(0);
  request.collapse_duplicates = gathered.boolean("collapse").value_or(false);
  request.explain = gathered.boolean("explain").value_or(false);

  const std::string format = gathered.choice("format").value_or(surface == kCli ? "text" : "json");
  call.format = format == "text"     ? ResultFormat::kText
                : format == "json"   ? ResultFormat::kJson
                : format == "csv"    ? ResultFormat::kCsv
                : format == "jsonl"  ? ResultFormat::kJsonLines
                : format == "bibtex" ? ResultFormat::kBibtex
                : format == "ris"    ? ResultFormat::kRis
                                     : ResultFormat::kCslJson;
  return call;
}

CiteCall parse_cite(const Parameters& given, Surface surface) {
  const Gathered gathered(given, surface, Endpoint::kCite);
  CiteCall call;
  call.format = *citation_format_from(gathered.choice("format").value_or("cite"));
  if (gathered.given("para")) call.paragraph = gathered.text("para");
  call.query = gathered.text("query");
  call.quote = gathered.text("quote");
  if (const auto link = gathered.choice("link")) call.link = link_target_from(*link);
  call.accessed = gathered.date("accessed");
  return call;
}

SimilarCall parse_similar(const Parameters& given, Surface surface) {
  const Gathered gathered(given, surface, Endpoint::kSimilar);
  SimilarCall call;
  call.limit = gathered.count("limit").value_or(10);
  const std::string format = gathered.choice("format").value_or(surface == kCli ? "text" : "json");
  call.format = format == "text" ? ResultFormat::kText : ResultFormat::kJson;
  return call;
}

CountryCall parse_country(const Parameters& given, Surface surface) {
  const Gathered gathered(given, surface, Endpoint::kCountry);
  CountryCall call;
  if (surface == kCli) {
    call.country = gathered.text("country");
    if (call.country.empty()) bad("country", "is required (a name or an ISO code: --country KZ)");
  }
  call.years = gathered.all("years");
  const std::string format = gathered.choice("format").value_or(surface == kCli ? "text" : "json");
  call.format = format == "text" ? ResultFormat::kText : ResultFormat::kJson;
  return call;
}

std::string parse_query_only(const Parameters& given, Surface surface, Endpoint endpoint) {
  return Gathered(given, surface, endpoint).text("q");
}

std::string cli_option(std::string_view name) {
  std::string option = "--" + std::string(name);
  std::replace(option.begin(), option.end(), '_', '-');
  return option;
}

}  // namespace dossier
