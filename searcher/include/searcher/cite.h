#pragma once
// Citations of a report or of one of its paragraphs, in the formats reference managers read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/dates.h"
#include "corpus/report.h"
#include "searcher/search.h"

namespace dossier {

enum class CitationFormat { kCite, kBibtex, kRis, kCslJson, kMarkdown, kJson };

// "cite", "bibtex", "ris", "csl-json", "markdown", "json".
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
  Date accessed;  // the day the source was consulted
  LinkTarget link = LinkTarget::kSource;
  // Where the report pages are served ("https://dossier.example.org"); "" when not known, and
  // then a citation links the original only: never a page on the machine that made it.
  std::string base_url;
  // Markdown notes: the bibliography file the note names in its front matter ("refs.json"); ""
  // puts the references themselves in the front matter, so the note renders on its own.
  std::string bibliography;
};

// What is cited: a report, or one of its paragraphs, and the words a note quotes from it.
struct CitedPassage {
  Report report;
  // The report's key (Searcher::citation_key): every passage of a report shares it and the
  // one bibliography entry it names.
  std::string key;
  // The label (Paragraph::label) of the paragraph cited: "12" where the report prints its
  // numbers; none for the whole report.
  std::optional<std::string> paragraph;
  std::string quote;  // what a Markdown note quotes (quote_of()); "" quotes nothing
};

// A passage of a report in the index, with its key and its quote (quote_of()): the paragraph
// labelled `paragraph`, or, when none is given but `query` has words in the report, the
// paragraph that holds most of them; else the whole report, quoting nothing. `selected`, given
// without a paragraph, cites the paragraph that holds it (Error::in_parameter("quote") when
// none does). Throws Error{kNotFound} for an
// unknown id, Error::in_parameter("para") for an unknown label.
CitedPassage cited_passage(Searcher& searcher, const std::string& id,
                           std::optional<std::string> paragraph, const std::string& query = {},
                           std::string_view selected = {});

// The passage's paragraph; nullptr for the whole report. Throws Error::in_parameter("para")
// for a label no paragraph of the report has, naming the labels it has.
const Paragraph* cited_paragraph(const CitedPassage& passage);

// The citations of passages, in order, in one format:
// - kCite: one "Cite as" line per passage, with its pinpoint and links;
// - kBibtex, kRis, kCslJson: a bibliography, one entry per report (by key, in order of first
//   citation): an entry describes the report, never a passage of it, so two passages of one
//   report never make two entries;
// - kMarkdown: notes for pandoc: each passage's quote and a citation "[@key, para. 12]", under
//   front matter giving the bibliography (CitationOptions::bibliography) or holding it;
// - kJson: {"passages": [...]}, each passage's report id and title, key, paragraph number,
//   label, pinpoint, pandoc citation, quote, Markdown note, Cite-as line, and its report's
//   CSL-JSON item and BibTeX entry (what the page's notebook keeps).
// Throws Error::in_parameter("para") for a label a report lacks, and ("link") for a link to the
// report page when base_url is not known.
std::string cite(const std::vector<CitedPassage>& passages, CitationFormat format,
                 const CitationOptions& options);

// The pandoc citation of a passage: "[@usdos2004tipKazakhstan, Prosecution, para. 2]".
std::string pandoc_citation(const CitedPassage& passage);

// The words a note quotes from a paragraph (its printed number left out):
// - `selected`, when given: text the reader chose; it must be in the paragraph (white space
//   may differ), else Error::in_parameter("quote");
// - else the sentences that hold `marks` (byte ranges in the paragraph, as
//   Searcher::highlights() gives), up to about kMostQuotedWords words;
// - else the whole paragraph when it is short, or its first sentences.
// "…" stands where text is left out: between sentences, before, after.
std::string quote_of(const Paragraph& paragraph, const std::vector<Highlight>& marks,
                     std::string_view selected = {});
inline constexpr std::size_t kMostQuotedWords = 90;

// The report page's URL, with the anchor of `paragraph` when given; "" without a base_url.
std::string report_url(const Report& report, const CitationOptions& options,
                       const Paragraph* paragraph = nullptr);

// The addresses a citation gives, the main one first (CitationOptions::link); none when the
// report names no original and base_url is not known.
std::vector<std::string> citation_urls(const Report& report, const CitationOptions& options,
                                       const Paragraph* paragraph = nullptr);

// Today's date (UTC), the default accessed date.
Date today();

}  // namespace dossier
