#pragma once
// Exports of whole result sets, streamed: each batch of hits is written as it is read, so an
// export of any size holds only one batch in memory.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "searcher/cite.h"
#include "searcher/search.h"

namespace dossier {

enum class ExportFormat { kCsv, kJsonLines, kBibtex, kRis, kCslJson };

// "csv", "jsonl", "bibtex", "ris", "csl-json".
std::optional<ExportFormat> export_format_from(std::string_view name);
std::string_view media_type(ExportFormat format);
// The usual file name extension of the format ("bib", "csv").
std::string_view file_extension(ExportFormat format);

// Receives the export piece by piece; returns false to stop (the client went away).
using ExportSink = std::function<bool(std::string_view chunk)>;

// Writes every hit of the request (its offset and limit are ignored: the whole result set, in
// the request's order) to the sink. CSV has a header row and one row per report: rank, the
// schema's CSV columns in its order (id, title, published, country, country_name, year,
// publisher, series, series_label, topics, tier; several values joined by ";"), url, paragraph,
// snippet. JSON Lines has one hit a line, as in search JSON, with its snippet. Returns the number
// of reports written.
std::size_t export_results(Searcher& searcher, SearchRequest request, ExportFormat format,
                           const CitationOptions& citation, const ExportSink& sink);

}  // namespace dossier
