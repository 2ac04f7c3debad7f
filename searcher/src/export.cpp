#include "searcher/export.h"

#include <set>

#include <nlohmann/json.hpp>

#include "corpus/error.h"

namespace dossier {
namespace {

constexpr std::size_t kBatch = 100;  // hits read and written at a time

// RFC 4180: quoted when needed, quotes doubled.
std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"')
      out += "\"\"";
    else
      out.push_back(c);
  }
  return out + "\"";
}

std::string join(const std::vector<std::string>& values, std::string_view separator) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += separator;
    out += v;
  }
  return out;
}

}  // namespace

std::optional<ExportFormat> export_format_from(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "jsonl") return ExportFormat::kJsonLines;
  if (name == "bibtex") return ExportFormat::kBibtex;
  if (name == "ris") return ExportFormat::kRis;
  if (name == "csl-json") return ExportFormat::kCslJson;
  return std::nullopt;
}

std::string_view media_type(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv:
      return "text/csv; charset=utf-8";
    case ExportFormat::kJsonLines:
      return "application/x-ndjson; charset=utf-8";
    case ExportFormat::kBibtex:
      return media_type(CitationFormat::kBibtex);
    case ExportFormat::kRis:
      return media_type(CitationFormat::kRis);
    case ExportFormat::kCslJson:
      return media_type(CitationFormat::kCslJson);
  }
  return "text/plain; charset=utf-8";
}

std::size_t export_results(Searcher& searcher, SearchRequest request, ExportFormat format,
                           const CitationOptions& citation, const ExportSink& sink) {
  request.count_facets = false;
  request.passages = 0;
  request.offset = 0;
  request.limit = kBatch;
  std::size_t written = 0;
  std::set<std::string> used_keys;
  if (format == ExportFormat::kCsv) {
    if (!sink("rank,id,title,country,country_name,year,published,publisher,series,topics,url,"
              "paragraph,snippet\r\n")) {
      return written;
    }
  }
  if (format == ExportFormat::kCslJson && !sink("[\n")) return written;
  for (;;) {
    const SearchResult page = searcher.search(request);
    std::string chunk;
    for (const Hit& hit : page.hits) {
      switch (format) {
        case ExportFormat::kCsv: {
          Report stub;
          stub.id = hit.id;
          const std::vector<std::string> row = {std::to_string(hit.rank),
                                                hit.id,
                                                hit.title,
                                                hit.country_code,
                                                hit.country_name,
                                                hit.year ? std::to_string(hit.year) : "",
                                                hit.published,
                                                hit.publisher,
                                                hit.series,
                                                join(hit.topics, ";"),
                                                report_url(stub, citation),
                                                std::to_string(hit.snippet.paragraph),
                                                hit.snippet.text};
          for (std::size_t i = 0; i < row.size(); ++i) {
            chunk += (i ? "," : "") + csv_field(row[i]);
          }
          chunk += "\r\n";
          break;
        }
        case ExportFormat::kJsonLines: {
          nlohmann::ordered_json line = {
              {"rank", hit.rank},
              {"id", hit.id},
              {"title", hit.title},
              {"country", hit.country_code},
              {"country_name", hit.country_name},
              {"year", hit.year},
              {"published", hit.published},
              {"publisher", hit.publisher},
              {"series", hit.series},
              {"topics", hit.topics},
              {"snippet", {{"paragraph", hit.snippet.paragraph}, {"text", hit.snippet.text}}}};
          chunk += line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
          chunk += "\n";
          break;
        }
        case ExportFormat::kBibtex: {
          const Report report = searcher.report(hit.id);
          std::string entry = cite(report, CitationFormat::kBibtex, citation);
          // Keys stay unique within an export: a second report with the same key gets "b", ...
          const std::string key = citation_key(report);
          std::string unique = key;
          for (char suffix = 'b'; used_keys.contains(unique) && suffix <= 'z'; ++suffix) {
            unique = key + suffix;
          }
          used_keys.insert(unique);
          if (unique != key) entry.replace(entry.find(key), key.size(), unique);
          chunk += entry + "\n";
          break;
        }
        case ExportFormat::kRis:
          chunk += cite(searcher.report(hit.id), CitationFormat::kRis, citation) + "\r\n";
          break;
        case ExportFormat::kCslJson: {
          std::string item = cite(searcher.report(hit.id), CitationFormat::kCslJson, citation);
          // cite() gives a one-item array: keep the item, joined into the one export array.
          const auto first = item.find('{');
          const auto last = item.rfind('}');
          chunk += (written ? ",\n" : "") + item.substr(first, last - first + 1);
          break;
        }
      }
      ++written;
    }
    if (!chunk.empty() && !sink(chunk)) return written;
    if (page.hits.size() < kBatch || request.offset + kBatch >= page.total) break;
    request.offset += kBatch;
  }
  if (format == ExportFormat::kCslJson) sink("\n]\n");
  return written;
}

}  // namespace dossier
