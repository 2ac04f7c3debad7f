// dossier search QUERY [filters]: keyword search with facets.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli.h"
#include "corpus/error.h"
#include "searcher/export.h"
#include "searcher/render.h"
#include "searcher/search.h"

namespace dossier::cli {
namespace {

// "2001..2004", "2020..", "..1999".
YearRange parse_year_range(const std::string& text) {
  auto year = [](std::string_view part) -> std::optional<int> {
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (part.empty()) return 0;
    if (part.size() != 4 || !std::all_of(part.begin(), part.end(), ::isdigit)) return std::nullopt;
    return std::stoi(std::string(part));
  };
  const std::size_t dots = text.find("..");
  std::optional<int> from, to;
  if (dots != std::string::npos) {
    from = year(std::string_view(text).substr(0, dots));
    to = year(std::string_view(text).substr(dots + 2));
  }
  if (!from || !to || (*from == 0 && *to == 0)) {
    throw Error(ErrorKind::kInvalidArgument,
                "--years takes a range like 2001..2004 (either end may be left open), not \"" +
                    text + "\"");
  }
  return YearRange{*from, *to};
}

}  // namespace

void setup_search(CLI::App& app, Run& run) {
  struct Options {
    std::vector<std::string> query_words;
    std::string db;
    std::string format_name = "text";
    std::string base_url;
    std::size_t limit = 10;
    std::size_t offset = 0;
    std::string sort = "relevance";
    std::map<std::string, std::vector<std::string>> filters;
    std::vector<std::string> years;
    std::vector<std::string> year_ranges;
    bool no_facets = false;
    std::size_t passages = 0;
    bool collapse = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("search", "Search the index");
  command->add_option("query", options->query_words,
                      "Query: words, \"phrases\", AND/OR/NOT, (groups), -exclusions, prefix*, "
                      "field:value (title, author, country, year, topic, publisher, series)");
  add_db_option(*command, options->db);
  command
      ->add_option("--format", options->format_name,
                   "text (default), json, or an export of every hit: csv, jsonl, bibtex, ris, "
                   "csl-json")
      ->check(CLI::IsMember({"text", "json", "csv", "jsonl", "bibtex", "ris", "csl-json"}));
  command->add_option("--base-url", options->base_url,
                      "Where report pages are served, for links in exports (default: "
                      "$DOSSIER_BASE_URL or http://127.0.0.1:8080)");
  command->add_option("--limit,-n", options->limit, "Hits per page (default 10)")
      ->check(CLI::Range(0, 10000));
  command->add_option("--offset", options->offset, "Hits to skip (default 0)");
  command
      ->add_option("--sort", options->sort, "relevance (default), date (newest first) or date-asc")
      ->check(CLI::IsMember({"relevance", "date", "date-asc"}));
  const std::vector<std::pair<std::string, std::string>> filters = {
      {"country", "Only reports about this country (name or ISO code)"},
      {"topic", "Only reports with this topic"},
      {"publisher", "Only reports by this publisher (or words of its name)"},
      {"series", "Only reports of this series (tip, hrr, irf, upr, wfb, other)"},
      {"region", "Only reports about a country of this UN region (\"Asia\")"},
      {"subregion", "Only reports about a country of this UN sub-region (\"Central Asia\")"},
      {"mentions", "Only reports that mention this country"},
      {"body", "Only reports that name this state body (\"Ministry of Justice\")"},
      {"org", "Only reports that name this organization (\"IOM\")"},
      {"entity", "Only reports that name this state body or organization"},
  };
  for (const auto& [name, help] : filters) {
    command->add_option("--" + name, options->filters[name], help + " (repeatable: any of them)");
  }
  command->add_option("--year", options->years, "Only reports covering this year (repeatable)");
  command->add_option("--years", options->year_ranges, "Only reports covering years A..B");
  command->add_flag("--no-facets", options->no_facets, "Do not count facets");
  command->add_flag("--collapse", options->collapse,
                    "One hit per group of reports with identical bodies");
  command
      ->add_option("--passages", options->passages,
                   "List the N best matching paragraphs of each hit (default 3 with the flag)")
      ->expected(0, 1)
      ->default_str("3")
      ->check(CLI::Range(0, 20));
  command->callback([options, &run] {
    run = [options](const Context& context) {
      SearchRequest request;
      for (const std::string& word : options->query_words) {
        request.query += (request.query.empty() ? "" : " ") + word;
      }
      for (const auto& [name, values] : options->filters) {
        if (!values.empty()) request.filters[name] = values;
      }
      if (!options->years.empty()) request.filters["year"] = options->years;
      for (const std::string& range : options->year_ranges) {
        request.year_ranges.push_back(parse_year_range(range));
      }
      request.limit = options->limit;
      request.offset = options->offset;
      request.sort = options->sort == "date"       ? SortOrder::kDateNewest
                     : options->sort == "date-asc" ? SortOrder::kDateOldest
                                                   : SortOrder::kRelevance;
      request.count_facets = !options->no_facets;
      request.passages = options->passages;
      request.collapse_duplicates = options->collapse;
      Searcher searcher(resolve_db(options->db), context.gazetteers);
      if (const auto export_format = export_format_from(options->format_name)) {
        CitationOptions citation;
        citation.accessed = today();
        citation.base_url = options->base_url;
        if (citation.base_url.empty()) {
          if (const char* env = std::getenv("DOSSIER_BASE_URL")) citation.base_url = env;
        }
        export_results(searcher, request, *export_format, citation, [](std::string_view chunk) {
          std::cout.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
          return static_cast<bool>(std::cout);
        });
        std::cout.flush();
        return 0;
      }
      const SearchResult result = searcher.search(request);
      if (options->format_name == "json") {
        std::cout << render_search_json(result) << "\n";
      } else {
        TextStyle style;
        style.marks = context.stdout_is_terminal ? MarkStyle::kAnsi : MarkStyle::kAsterisks;
        render_search_text(result, style, std::cout);
      }
      return 0;
    };
  });
}

}  // namespace dossier::cli
