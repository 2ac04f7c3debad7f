#include "searcher/export.h"

#include <set>

#include "corpus/error.h"
#include "corpus/schema.h"
#include "json_writer.h"

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

// rank, the schema's CSV columns (each with its label column, when it has one), url,
// paragraph, snippet.
std::string csv_header() {
  std::string header = "rank";
  for (const schema::Field& field : schema::fields()) {
    if (!field.exposed(schema::kCsvColumn)) continue;
    header += "," + std::string(field.key());
    if (!field.label_key.empty()) header += "," + std::string(field.label_key);
  }
  return header + ",url,paragraph,snippet\r\n";
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

std::string_view file_extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv:
      return "csv";
    case ExportFormat::kJsonLines:
      return "jsonl";
    case ExportFormat::kBibtex:
      return "bib";
    case ExportFormat::kRis:
      return "ris";
    case ExportFormat::kCslJson:
      return "json";
  }
  return "txt";  // not reached
}

std::size_t export_results(Searcher& searcher, SearchRequest request, ExportFormat format,
                           const CitationOptions& citation, const ExportSink& sink) {
  request.count_facets = false;
  request.passages = 0;
  request.offset = 0;
  request.limit = kBatch;
  std::size_t written = 0;
  if (format == ExportFormat::kCsv && !sink(csv_header())) return written;
  if (format == ExportFormat::kCslJson && !sink("[\n")) return written;
  for (;;) {
    const SearchResult page = searcher.search(request);
    std::string chunk;
    for (const Hit& hit : page.hits) {
      switch (format) {
        case ExportFormat::kCsv: {
          Report stub;
          stub.id = hit.id;
          std::vector<std::string> row = {std::to_string(hit.rank)};
          for (const HitField& shown : hit.fields) {
            if (!shown.field->exposed(schema::kCsvColumn)) continue;
            row.push_back(join(shown.values, ";"));
            if (!shown.field->label_key.empty()) row.push_back(join(shown.labels, ";"));
          }
          // The citation's main address: the original's needs the stored report.
          const std::vector<std::string> urls = citation_urls(
              citation.link == LinkTarget::kLocal ? stub : searcher.report(hit.id), citation);
          row.push_back(urls.empty() ? "" : urls.front());
          row.push_back(std::to_string(hit.snippet.paragraph));
          row.push_back(hit.snippet.text);
          for (std::size_t i = 0; i < row.size(); ++i) {
            chunk += (i ? "," : "") + csv_field(row[i]);
          }
          chunk += "\r\n";
          break;
        }
        case ExportFormat::kJsonLines: {
          JsonWriter line;
          line.begin_object();
          line.key("rank").value(std::uint64_t{hit.rank});
          write_hit_fields(line, hit);
          line.key("snippet").begin_object();
          line.key("paragraph").value(hit.snippet.paragraph);
          line.key("text").value(hit.snippet.text);
          line.end_object().end_object();
          chunk += line.text();
          chunk += "\n";
          break;
        }
        case ExportFormat::kBibtex:
        case ExportFormat::kRis:
        case ExportFormat::kCslJson: {
          // Keys come from the index (Searcher::citation_key), so they are unique in any export.
          std::vector<CitedPassage> cited(1);
          cited[0].report = searcher.report(hit.id);
          cited[0].key = searcher.citation_key(cited[0].report);
          if (format == ExportFormat::kBibtex) {
            chunk += cite(cited, CitationFormat::kBibtex, citation) + "\n";
          } else if (format == ExportFormat::kRis) {
            chunk += cite(cited, CitationFormat::kRis, citation) + "\r\n";
          } else {
            const std::string item = cite(cited, CitationFormat::kCslJson, citation);
            // cite() gives a one-item array: keep the item, joined into the one export array.
            const auto first = item.find('{');
            const auto last = item.rfind('}');
            chunk += (written ? ",\n" : "") + item.substr(first, last - first + 1);
          }
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
