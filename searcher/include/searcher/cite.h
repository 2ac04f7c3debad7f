#pragma once
// Citations of a report or of one of its paragraphs, in the formats reference managers read.
#include <optional>
#include <string>
#include <string_view>

#include "corpus/dates.h"
#include "corpus/report.h"

namespace dossier {

enum class CitationFormat { kCite, kBibtex, kRis, kCslJson, kMarkdown };

// "cite", "bibtex", "ris", "csl-json", "markdown".
std::optional<CitationFormat> citation_format_from(std::string_view name);
std::string_view to_string(CitationFormat format);
// The media type a format is served as.
std::string_view media_type(CitationFormat format);

struct CitationOptions {
  // Cite the paragraph with this label (Paragraph::label: "12" where the report prints its
  // numbers) rather than the whole report.
  std::optional<std::string> paragraph;
  Date accessed;         // the day the source was consulted
  std::string base_url;  // where the report pages are served ("http://127.0.0.1:8080")
};

// The citation. Throws Error{kInvalidArgument} for a label no paragraph of the report has.
std::string cite(const Report& report, CitationFormat format, const CitationOptions& options);

// A BibTeX key that is the same for a report on every run ("usdos2004tipKazakhstan").
std::string citation_key(const Report& report);

// The report page's URL, with the paragraph's anchor when one is cited.
std::string report_url(const Report& report, const CitationOptions& options);

// Today's date (UTC), the default accessed date.
Date today();

}  // namespace dossier
