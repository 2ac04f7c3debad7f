#pragma once
// Renderers of the one result model. Each output format has its own escaper.
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "corpus/report.h"
#include "searcher/search.h"

namespace dossier {

// How marked words look in text output: ANSI bold for a terminal, **word** elsewhere.
enum class MarkStyle { kAnsi, kAsterisks };

struct TextStyle {
  MarkStyle marks = MarkStyle::kAsterisks;
  std::size_t facet_values = 8;  // values shown per facet
};

// Text with its highlights wrapped in the style's marks.
std::string mark_text(const std::string& text, const std::vector<Highlight>& highlights,
                      MarkStyle style);

// JSON for people (indented, the CLI's) or for programs (one line, the HTTP API's).
enum class JsonLayout { kIndented, kCompact };

void render_search_text(const SearchResult& result, const TextStyle& style, std::ostream& out);
// The documented, stable JSON form (README, "JSON output").
std::string render_search_json(const SearchResult& result,
                               JsonLayout layout = JsonLayout::kIndented);

// The facets of a result alone: {"total": N, "facets": {...}}, as in render_search_json.
std::string render_facets_json(const SearchResult& result,
                               JsonLayout layout = JsonLayout::kIndented);

// Reports like one (Searcher::similar): {"id": ID, "hits": [...]}, hits as in search JSON.
void render_similar_text(const std::string& id, const std::vector<Hit>& hits,
                         const TextStyle& style, std::ostream& out);
std::string render_similar_json(const std::string& id, const std::vector<Hit>& hits,
                                JsonLayout layout = JsonLayout::kIndented);

// A country's trafficking facts (Searcher::country_facts): {"country", "name", "reports",
// "tiers": [{"year", "tier", "report", "paragraph", "label", "sentence"}], "roles": [{"year",
// "role", ...}], "flows": [{"from", "to", "purpose", "who", "year", ...}]}; the text form lists
// the tiers by year, the roles, and the flows, each with the report and paragraph stating it.
void render_country_facts_text(const CountryFacts& facts, std::ostream& out);
std::string render_country_facts_json(const CountryFacts& facts,
                                      JsonLayout layout = JsonLayout::kIndented);

// The other files of a report: those with the same text (Searcher::identical_copies) and all
// the files of the same report (Searcher::copies: the PDF and its text copy).
struct ReportCopies {
  std::vector<std::string> identical;
  std::vector<std::string> all;
};
void render_report_text(const Report& report, const ReportCopies& copies, std::ostream& out);
// With highlights (paragraph number -> marks), each paragraph gets a "highlights" array.
std::string render_report_json(const Report& report,
                               const std::map<int, std::vector<Highlight>>& highlights = {},
                               const ReportCopies& copies = {},
                               JsonLayout layout = JsonLayout::kIndented);

void render_stats_text(const IndexStats& stats, const TextStyle& style, std::ostream& out);
std::string render_stats_json(const IndexStats& stats);

}  // namespace dossier
