#pragma once
// Citations of a report or of one of its paragraphs, in the formats reference managers read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/dates.h"
#include "corpus/report.h"

namespace dossier {

enum class CitationFormat { kCite, kBibtex, kRis, kCslJson, kMarkdown };

// "cite", "bibtex", "ris", "csl-json", "markdown".
std::optional<CitationFormat> citation_format_from(std::string_view name);
std::string_view to_string(CitationFormat format);
// The media type a format is served as.
std::string_view media_type(CitationFormat format);

// Which address a citation gives a reader.
enum class LinkTarget {
  kSource,  // the original's, when the report names one (else the report page, if known)
  kLocal,   // the report page on CitationOptions::base_url
  kBoth,    // the original's first, then the report page
};

// "source", "local", "both".
std::optional<LinkTarget> link_target_from(std::string_view name);

// The link a citation gives when none is asked for: both when the report pages' address was
// configured (--base-url, DOSSIER_BASE_URL), else the original's only.
inline LinkTarget default_link(bool base_url_configured) {
  return base_url_configured ? LinkTarget::kBoth : LinkTarget::kSource;
}

struct CitationOptions {
  // Cite the paragraph with this label (Paragraph::label: "12" where the report prints its
  // numbers) rather than the whole report.
  std::optional<std::string> paragraph;
  Date accessed;  // the day the source was consulted
  LinkTarget link = LinkTarget::kSource;
  // Where the report pages are served ("https://dossier.example.org"); "" when not known, and
  // then a citation links the original only: never a page on the machine that made it.
  std::string base_url;
};

// The citation. Throws Error{kInvalidArgument} for a label no paragraph of the report has, and
// for a link to the report page when base_url is not known.
std::string cite(const Report& report, CitationFormat format, const CitationOptions& options);

// A BibTeX key that is the same for a report on every run ("usdos2004tipKazakhstan"): the
// publisher's initials, the entry's year (the publication's, else the year covered), the series
// and the country.
std::string citation_key(const Report& report);

// The report page's URL, with the paragraph's anchor when one is cited; "" without a base_url.
std::string report_url(const Report& report, const CitationOptions& options);

// The addresses a citation gives, the main one first (CitationOptions::link); none when the
// report names no original and base_url is not known.
std::vector<std::string> citation_urls(const Report& report, const CitationOptions& options);

// Today's date (UTC), the default accessed date.
Date today();

}  // namespace dossier
