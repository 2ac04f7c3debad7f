#include "searcher/cite.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "corpus/citation_key.h"
#include "corpus/error.h"
#include "corpus/normalize.h"
#include "corpus/paragraphs.h"
#include "corpus/series.h"

namespace dossier {
namespace {

using nlohmann::ordered_json;

std::string two_digits(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n % 100);
  return buffer;
}

// Special characters of LaTeX, escaped; capitals kept by the caller's extra braces.
std::string latex(std::string_view text) {
  // BibTeX counts "\\{" when it balances braces: "\\{" and "\\}" (which every reader of BibTeX
  // knows) only when the text's braces balance, else the brace commands.
  int depth = 0;
  bool balanced = true;
  for (char c : text) {
    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth < 0) balanced = false;
  }
  balanced = balanced && depth == 0;
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '{':
        out += balanced ? "\\{" : "\\textbraceleft{}";
        break;
      case '}':
        out += balanced ? "\\}" : "\\textbraceright{}";
        break;
      case '%':
        out += "\\%";
        break;
      case '$':
        out += "\\$";
        break;
      case '&':
        out += "\\&";
        break;
      case '#':
        out += "\\#";
        break;
      case '_':
        out += "\\_";
        break;
      case '^':
        out += "\\^{}";
        break;
      case '~':
        out += "\\~{}";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// RIS values are single lines.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  return out;
}

std::string ris_date(const Date& d) {
  return std::to_string(d.year) + "/" + (d.month ? two_digits(d.month) : "") + "/" +
         (d.day ? two_digits(d.day) : "") + "/";
}

ordered_json csl_date(const Date& d) {
  ordered_json parts = ordered_json::array({d.year});
  if (d.month) parts.push_back(d.month);
  if (d.day) parts.push_back(d.day);
  return {{"date-parts", ordered_json::array({parts})}};
}

// Who the citation names first: the publisher (the institution), else the author.
std::string responsible(const Report& report) {
  return !report.publisher.empty() ? report.publisher : report.author;
}

std::string series_label(const Report& report) {
  if (auto series = resolve_series(report.series)) return std::string(series->label);
  return "";
}

// ", para. 12" (or ", Prosecution, para. 2") for a cited paragraph; "" for the whole report.
std::string pinpoint_suffix(const CitedPassage& passage) {
  const Paragraph* cited = cited_paragraph(passage);
  return cited == nullptr ? "" : ", " + pinpoint(passage.report.paragraphs, *cited);
}

// The source's "Cite as" wording without its own "available at: ... [accessed ...]" (the URL it
// names is the report's source_url; the date is when the archive was read, not the reader) and
// with no-break spaces as spaces: clean text for any format. "" when the source gave none.
std::string cite_as_wording(const Report& report) {
  std::string wording;
  for (std::size_t at = 0; at < report.cite_as.size(); ++at) {
    // U+00A0 is C2 A0 in UTF-8.
    if (report.cite_as.compare(at, 2, "\xC2\xA0") == 0) {
      wording += ' ';
      ++at;
    } else {
      wording += report.cite_as[at];
    }
  }
  for (std::string_view marker : {"available at", "Available at"}) {
    if (const auto at = wording.find(marker); at != std::string::npos) wording.resize(at);
  }
  while (!wording.empty() && (wording.back() == ' ' || wording.back() == ',')) wording.pop_back();
  return wording;
}

// The "Cite as" line: the source's own wording when it gave one, completed with the paragraph,
// the URL and the accessed date it lacks.
std::string cite_line(const CitedPassage& passage, const CitationOptions& options) {
  const Report& report = passage.report;
  std::string base = cite_as_wording(report);
  if (base.empty()) {
    base = responsible(report) + (responsible(report).empty() ? "" : ", ") + report.title;
    if (!report.symbol.empty()) base += ", " + report.symbol;
    if (report.published) base += ", " + report.published->long_form();
  }
  base += pinpoint_suffix(passage);
  const std::vector<std::string> urls = citation_urls(report, options, cited_paragraph(passage));
  if (!urls.empty()) base += ", available at: " + urls.front();
  if (urls.size() > 1) base += " (also " + urls[1] + ")";
  base += " [accessed " + options.accessed.long_form() + "]";
  return base;
}

// Bibliography entries describe the report: never a passage of it (the locator belongs to the
// citation), so every passage of a report gives the same entry under the same key.
std::string bibtex(const Report& report, const std::string& key, const CitationOptions& options) {
  std::string out = "@techreport{" + key + ",\n";
  auto field = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    out += "  " + std::string(name) + " = {" + value + "},\n";
  };
  field("title", "{" + latex(report.title) + "}");
  if (!report.author.empty()) field("author", "{" + latex(report.author) + "}");
  field("institution", latex(report.publisher));
  field("type", latex(series_label(report)));
  field("number", latex(report.symbol));
  if (report.published) {
    field("year", std::to_string(report.published->year));
    if (report.published->month) field("month", std::to_string(report.published->month));
    field("date", report.published->iso());
  } else if (report.year) {
    field("year", std::to_string(report.year));
  }
  const std::vector<std::string> urls = citation_urls(report, options);
  if (!urls.empty()) field("url", urls.front());
  field("urldate", options.accessed.iso());
  if (urls.size() > 1) field("note", "also \\url{" + urls[1] + "}");
  out += "}\n";
  return out;
}

std::string ris(const Report& report, const std::string& key, const CitationOptions& options) {
  std::string out;
  auto tag = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    out += std::string(name) + "  - " + one_line(value) + "\r\n";
  };
  tag("TY", "RPRT");
  tag("TI", report.title);
  tag("AU", responsible(report));
  if (!report.author.empty() && !report.publisher.empty()) tag("A2", report.author);
  tag("PB", report.publisher);
  tag("T3", series_label(report));
  tag("SN", report.symbol);  // a report's number, to Zotero and bibutils
  if (report.published) {
    tag("PY", std::to_string(report.published->year));
    tag("DA", ris_date(*report.published));
  } else if (report.year) {
    tag("PY", std::to_string(report.year));
  }
  for (const std::string& url : citation_urls(report, options)) tag("UR", url);
  tag("Y2", ris_date(options.accessed));
  tag("N1", cite_as_wording(report));
  tag("ID", key);
  out += "ER  - \r\n";
  return out;
}

ordered_json csl(const Report& report, const std::string& key, const CitationOptions& options) {
  ordered_json item = {{"id", key}, {"type", "report"}, {"title", report.title}};
  if (!report.author.empty()) item["author"] = ordered_json::array({{{"literal", report.author}}});
  if (!report.publisher.empty()) item["publisher"] = report.publisher;
  const std::string genre = series_label(report);
  if (!genre.empty()) item["genre"] = genre;
  if (!report.symbol.empty()) item["number"] = report.symbol;
  if (report.published)
    item["issued"] = csl_date(*report.published);
  else if (report.year)
    item["issued"] = csl_date(Date{report.year, 0, 0});
  item["accessed"] = csl_date(options.accessed);
  const std::vector<std::string> urls = citation_urls(report, options);
  if (!urls.empty()) item["URL"] = urls.front();
  if (urls.size() > 1) item["note"] = "Also at " + urls[1];
  return item;
}

// The passages' reports, one per key, in order of first citation.
std::vector<const CitedPassage*> distinct_reports(const std::vector<CitedPassage>& passages) {
  std::vector<const CitedPassage*> reports;
  for (const CitedPassage& passage : passages) {
    const bool seen = std::any_of(reports.begin(), reports.end(),
                                  [&](const CitedPassage* p) { return p->key == passage.key; });
    if (!seen) reports.push_back(&passage);
  }
  return reports;
}

// Text a Markdown reader takes literally: the characters that Markdown reads as markup in the
// middle of a line are backslash-escaped, and those that start a list or a heading at its
// start (pandoc reads metadata strings as Markdown too).
std::string markdown_literal(std::string_view text, bool at_line_start = true) {
  static constexpr std::string_view kInline = "\\`*_[]<>@$~^&|";
  static constexpr std::string_view kLineStart = "#-+=:(";
  std::string out;
  // A list marker at the start: "12." "a)" "iv." "A." (pandoc's fancy lists): escape its
  // closing full stop or parenthesis.
  std::size_t marker_end = std::string_view::npos;
  {
    std::size_t i = 0;
    while (i < text.size() && i < 6 && std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
    if (at_line_start && i > 0 && i < text.size() && (text[i] == '.' || text[i] == ')') &&
        (i + 1 == text.size() || text[i + 1] == ' ')) {
      marker_end = i;
    }
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    // Control characters (C0, DEL, and C1 as C2 80..9F) have no place in a note or in YAML.
    if (byte < 0x20 || byte == 0x7F) {
      out.push_back(' ');
      continue;
    }
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out.push_back(' ');
      ++i;
      continue;
    }
    if (kInline.find(c) != std::string_view::npos ||
        (at_line_start && i == 0 && kLineStart.find(c) != std::string_view::npos) ||
        i == marker_end) {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

// A CSL item as pandoc reads references from front matter: its strings as Markdown literals.
ordered_json markdown_item(ordered_json item) {
  for (auto& [name, value] : item.items()) {
    if (value.is_string() && name != "id" && name != "type" && name != "URL") {
      value = markdown_literal(value.get<std::string>());
    } else if (value.is_array()) {
      for (auto& element : value) {
        if (element.is_object() && element.contains("literal")) {
          element["literal"] = markdown_literal(element["literal"].get<std::string>());
        }
      }
    }
  }
  return item;
}

// A passage's note: its quote as a block quote ending with its citation, or the citation alone.
std::string markdown_note(const CitedPassage& passage) {
  if (passage.quote.empty()) return pandoc_citation(passage) + "\n";
  return "> " + markdown_literal(passage.quote) + " " + pandoc_citation(passage) + "\n";
}

// Notes for pandoc: front matter naming or holding the bibliography, then each passage's quote
// (markdown_note()).
std::string markdown(const std::vector<CitedPassage>& passages, const CitationOptions& options) {
  std::string out = "---\n";
  if (!options.bibliography.empty()) {
    out += "bibliography: " +
           ordered_json(options.bibliography)
               .dump(-1, ' ', false, ordered_json::error_handler_t::replace) +
           "\n";
  } else {
    // JSON is YAML: each reference one flow mapping on its line.
    out += "references:\n";
    for (const CitedPassage* passage : distinct_reports(passages)) {
      out += "- " +
             markdown_item(csl(passage->report, passage->key, options))
                 .dump(-1, ' ', false, ordered_json::error_handler_t::replace) +
             "\n";
    }
  }
  out += "---\n";
  for (const CitedPassage& passage : passages) out += "\n" + markdown_note(passage);
  return out;
}

// The byte length of a paragraph's printed number and what follows it ("12. "), so a quote
// starts with the text.
std::size_t printed_number_length(const Paragraph& paragraph) {
  const std::optional<std::string> number = printed_number(paragraph.text);
  if (!number || paragraph.label != *number) return 0;
  std::size_t at = number->size();
  const std::string& text = paragraph.text;
  if (at < text.size() && (text[at] == '.' || text[at] == ')')) ++at;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at;
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// The byte length of the white space at `at`: ASCII white space, and the no-break and thin
// spaces (U+00A0, U+2007, U+2009, U+202F) a source or a browser's selection may have in its
// place; 0 for anything else.
std::size_t space_at(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return 1;
  const std::string_view rest = text.substr(at);
  if (rest.starts_with("\xC2\xA0")) return 2;
  for (std::string_view wide : {"\xE2\x80\x87", "\xE2\x80\x89", "\xE2\x80\xAF"}) {
    if (rest.starts_with(wide)) return 3;
  }
  return 0;
}

// Runs of white space as one ASCII space, trimmed.
std::string collapse_space(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t width = space_at(text, i)) {
      space = !out.empty();
      i += width;
      continue;
    }
    if (space) {
      out.push_back(' ');
      space = false;
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

// [begin, end) of `words` whole words of text[from, to) around byte `at`, a third of them
// before it; the whole range when it has no more words than that.
std::pair<std::size_t, std::size_t> word_window(std::string_view text, std::size_t from,
                                                std::size_t to, std::size_t at, std::size_t words) {
  std::vector<std::size_t> starts;  // where each word begins
  std::vector<std::size_t> ends;    // and ends
  for (std::size_t i = from; i < to;) {
    if (const std::size_t width = space_at(text, i)) {
      i += width;
      continue;
    }
    starts.push_back(i);
    while (i < to && space_at(text, i) == 0) ++i;
    ends.push_back(i);
  }
  if (starts.size() <= words) return {from, to};
  const auto containing = std::upper_bound(starts.begin(), starts.end(), at) - starts.begin();
  const std::size_t word = containing > 0 ? static_cast<std::size_t>(containing) - 1 : 0;
  std::size_t first = word > words / 3 ? word - words / 3 : 0;
  first = std::min(first, starts.size() - words);
  return {starts[first], ends[first + words - 1]};
}

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

// A selection as it is looked for in a paragraph: white space collapsed, and without the "…"
// an excerpt on the page starts or ends with.
std::string selection_text(std::string_view selected) {
  std::string text = collapse_space(selected);
  while (text.starts_with(kEllipsis)) text = collapse_space(text.substr(kEllipsis.size()));
  while (text.ends_with(kEllipsis)) {
    text = collapse_space(text.substr(0, text.size() - kEllipsis.size()));
  }
  return text;
}

}  // namespace

std::optional<CitationFormat> citation_format_from(std::string_view name) {
  if (name == "cite") return CitationFormat::kCite;
  if (name == "bibtex") return CitationFormat::kBibtex;
  if (name == "ris") return CitationFormat::kRis;
  if (name == "csl-json") return CitationFormat::kCslJson;
  if (name == "markdown") return CitationFormat::kMarkdown;
  if (name == "json") return CitationFormat::kJson;
  return std::nullopt;
}

std::string_view to_string(CitationFormat format) {
  switch (format) {
    case CitationFormat::kCite:
      return "cite";
    case CitationFormat::kBibtex:
      return "bibtex";
    case CitationFormat::kRis:
      return "ris";
    case CitationFormat::kCslJson:
      return "csl-json";
    case CitationFormat::kMarkdown:
      return "markdown";
    case CitationFormat::kJson:
      return "json";
  }
  return "cite";
}

std::string_view media_type(CitationFormat format) {
  switch (format) {
    case CitationFormat::kCite:
      return "text/plain; charset=utf-8";
    case CitationFormat::kBibtex:
      return "application/x-bibtex; charset=utf-8";
    case CitationFormat::kRis:
      return "application/x-research-info-systems; charset=utf-8";
    case CitationFormat::kCslJson:
      return "application/vnd.citationstyles.csl+json; charset=utf-8";
    case CitationFormat::kMarkdown:
      return "text/markdown; charset=utf-8";
    case CitationFormat::kJson:
      return "application/json; charset=utf-8";
  }
  return "text/plain; charset=utf-8";
}

std::optional<LinkTarget> link_target_from(std::string_view name) {
  if (name == "source") return LinkTarget::kSource;
  if (name == "local") return LinkTarget::kLocal;
  if (name == "both") return LinkTarget::kBoth;
  return std::nullopt;
}

std::string report_url(const Report& report, const CitationOptions& options,
                       const Paragraph* paragraph) {
  std::string base = options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.empty()) return {};
  std::string url = base + "/reports/" + report.id;
  if (paragraph != nullptr) url += "#p" + std::to_string(paragraph->number);
  return url;
}

std::vector<std::string> citation_urls(const Report& report, const CitationOptions& options,
                                       const Paragraph* paragraph) {
  std::vector<std::string> urls;
  const std::string local = report_url(report, options, paragraph);
  if (options.link != LinkTarget::kLocal && !report.source_url.empty()) {
    urls.push_back(report.source_url);
  }
  if ((options.link != LinkTarget::kSource || urls.empty()) && !local.empty()) {
    urls.push_back(local);
  }
  return urls;
}

const Paragraph* cited_paragraph(const CitedPassage& passage) {
  if (!passage.paragraph) return nullptr;
  const Report& report = passage.report;
  if (const Paragraph* found = paragraph_labelled(report.paragraphs, *passage.paragraph)) {
    return found;
  }
  std::string first, last;
  for (const Paragraph& p : report.paragraphs) {
    if (p.label.empty()) continue;
    if (first.empty()) first = p.label;
    last = p.label;
  }
  throw Error::in_parameter(
      ErrorKind::kInvalidArgument, "para",
      "report " + report.id + " has no paragraph \"" + *passage.paragraph + "\"" +
          (first.empty() ? " (it has no text paragraphs)"
                         : " (its paragraphs run from " + first + " to " + last + ")"));
}

CitedPassage cited_passage(Searcher& searcher, const std::string& id,
                           std::optional<std::string> paragraph, const std::string& query,
                           std::string_view selected) {
  CitedPassage passage{searcher.report(id), {}, std::move(paragraph), {}};
  passage.key = searcher.citation_key(passage.report);
  const std::map<int, std::vector<Highlight>> marks = searcher.highlights(passage.report, query);
  const Paragraph* cited = cited_paragraph(passage);
  // The paragraphs a quote may come from: those sharing the label asked for (a numbered
  // paragraph and the list items or quotations that continue it), else every labelled one.
  std::vector<const Paragraph*> candidates;
  for (const Paragraph& p : passage.report.paragraphs) {
    if (!p.label.empty() && (cited == nullptr || p.label == cited->label)) {
      candidates.push_back(&p);
    }
  }
  if (const std::string wanted = selection_text(selected); !wanted.empty()) {
    // The paragraph that holds the selection (its printed number may be selected too).
    const auto holder = std::find_if(candidates.begin(), candidates.end(), [&](const Paragraph* p) {
      return collapse_space(p->text).find(wanted) != std::string::npos;
    });
    if (holder == candidates.end()) {
      throw Error::in_parameter(
          ErrorKind::kInvalidArgument, "quote",
          cited == nullptr
              ? "no paragraph of report " + passage.report.id + " holds the quoted text"
              : "the quoted text is not in paragraph " + cited->label + " of report " +
                    passage.report.id);
    }
    passage.paragraph = (*holder)->label;
    passage.quote = quote_of(**holder, {}, selected);
    return passage;
  }
  if (!selected.empty()) {
    throw Error::in_parameter(ErrorKind::kInvalidArgument, "quote", "is empty");
  }
  // The candidate with the most marks; the first of equals (the labelled paragraph itself
  // when none has any).
  const Paragraph* quoted = cited;
  std::size_t most = 0;
  for (const Paragraph* p : candidates) {
    const auto found = marks.find(p->number);
    if (found == marks.end() || found->second.size() <= most) continue;
    most = found->second.size();
    quoted = p;
  }
  if (quoted != nullptr) {
    passage.paragraph = quoted->label;
    const auto found = marks.find(quoted->number);
    passage.quote =
        quote_of(*quoted, found == marks.end() ? std::vector<Highlight>{} : found->second);
  }
  return passage;
}

std::string pandoc_citation(const CitedPassage& passage) {
  const Paragraph* cited = cited_paragraph(passage);
  if (cited == nullptr) return "[@" + passage.key + "]";
  // pandoc reads "para. 12" as a paragraph locator; brackets in a heading would end the
  // citation, so they are escaped.
  // pandoc ends a citation's suffix at ';', so it is escaped too.
  std::string locator;
  for (char c : markdown_literal(pinpoint(passage.report.paragraphs, *cited), false)) {
    if (c == ';') locator.push_back('\\');
    locator.push_back(c);
  }
  return "[@" + passage.key + ", " + locator + "]";
}

std::string quote_of(const Paragraph& paragraph, const std::vector<Highlight>& marks,
                     std::string_view selected) {
  const std::size_t skip = printed_number_length(paragraph);
  const std::string_view text = std::string_view(paragraph.text).substr(skip);
  if (!selected.empty()) {
    const std::string wanted = selection_text(selected);
    // The text without its printed number, else with it (a selection from the visible start).
    std::string body = collapse_space(text);
    auto at = wanted.empty() ? std::string::npos : body.find(wanted);
    if (at == std::string::npos && !wanted.empty()) {
      body = collapse_space(paragraph.text);
      at = body.find(wanted);
    }
    if (at == std::string::npos) {
      throw Error::in_parameter(
          ErrorKind::kInvalidArgument, "quote",
          "the quoted text is not in paragraph " +
              (paragraph.label.empty() ? std::to_string(paragraph.number) : paragraph.label));
    }
    std::string quote;
    if (at > 0) quote += std::string(kEllipsis) + " ";
    quote += wanted;
    if (at + wanted.size() < body.size()) quote += " " + std::string(kEllipsis);
    return quote;
  }
  const auto sentences = sentence_spans(text);
  if (sentences.empty()) return {};
  std::vector<bool> keep(sentences.size(), false);
  for (const Highlight& mark : marks) {
    if (mark.end <= skip) continue;
    const std::size_t begin = mark.begin < skip ? 0 : mark.begin - skip;
    const std::size_t end = mark.end - skip;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
      if (begin < sentences[i].second && end > sentences[i].first) keep[i] = true;
    }
  }
  const bool matched = std::find(keep.begin(), keep.end(), true) != keep.end();
  if (!matched) {
    if (word_count(text) <= kMostQuotedWords) return collapse_space(text);
    keep[0] = true;  // the opening sentences, as many as fit
    std::size_t words =
        word_count(text.substr(sentences[0].first, sentences[0].second - sentences[0].first));
    for (std::size_t i = 1; i < sentences.size(); ++i) {
      words +=
          word_count(text.substr(sentences[i].first, sentences[i].second - sentences[i].first));
      if (words > kMostQuotedWords / 2) break;
      keep[i] = true;
    }
  }
  // The kept sentences in order, as many as fit in kMostQuotedWords; a sentence longer than
  // that on its own (a recommendation of clauses joined by ";", a flattened list) is cut to a
  // window of words around its first mark.
  std::vector<std::pair<std::size_t, std::size_t>> pieces;  // byte ranges of `text`
  std::size_t words = 0;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    if (!keep[i]) continue;
    auto [begin, end] = sentences[i];
    std::size_t sentence_words = word_count(text.substr(begin, end - begin));
    if (sentence_words > kMostQuotedWords) {
      std::size_t at = begin;
      for (const Highlight& mark : marks) {
        if (mark.begin >= skip + begin && mark.begin < skip + end) {
          at = mark.begin - skip;
          break;
        }
      }
      std::tie(begin, end) = word_window(text, begin, end, at, kMostQuotedWords);
      sentence_words = kMostQuotedWords;
    }
    if (!pieces.empty() && words + sentence_words > kMostQuotedWords) break;
    pieces.emplace_back(begin, end);
    words += sentence_words;
  }
  // "…" wherever text is left out: before, between and after the pieces.
  const std::string ellipsis(kEllipsis);
  auto gap = [&](std::size_t from, std::size_t to) {
    return !collapse_space(text.substr(from, to - from)).empty();
  };
  std::string quote;
  std::size_t last_end = 0;
  for (const auto& [begin, end] : pieces) {
    if (gap(last_end, begin)) {
      quote += quote.empty() ? ellipsis + " " : " " + ellipsis + " ";
    } else if (!quote.empty()) {
      quote += " ";
    }
    quote += collapse_space(text.substr(begin, end - begin));
    last_end = end;
  }
  if (gap(last_end, text.size())) quote += " " + ellipsis;
  return quote;
}

Date today() {
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(now)};
  return Date{static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
              static_cast<int>(static_cast<unsigned>(day.day()))};
}

std::string cite(const std::vector<CitedPassage>& passages, CitationFormat format,
                 const CitationOptions& options) {
  for (const CitedPassage& passage : passages) cited_paragraph(passage);  // checks the labels
  if (options.link != LinkTarget::kSource && options.base_url.empty()) {
    throw Error::in_parameter(ErrorKind::kInvalidArgument, "link",
                              "a link to the report page needs the address the pages are "
                              "served at (--base-url, or DOSSIER_BASE_URL)");
  }
  std::string out;
  switch (format) {
    case CitationFormat::kCite:
      for (const CitedPassage& passage : passages) out += cite_line(passage, options) + "\n";
      return out;
    case CitationFormat::kBibtex:
      for (const CitedPassage* passage : distinct_reports(passages)) {
        out += (out.empty() ? "" : "\n") + bibtex(passage->report, passage->key, options);
      }
      return out;
    case CitationFormat::kRis:
      for (const CitedPassage* passage : distinct_reports(passages)) {
        out += ris(passage->report, passage->key, options);
      }
      return out;
    case CitationFormat::kCslJson: {
      ordered_json items = ordered_json::array();
      for (const CitedPassage* passage : distinct_reports(passages)) {
        items.push_back(csl(passage->report, passage->key, options));
      }
      return items.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
    }
    case CitationFormat::kMarkdown:
      return markdown(passages, options);
    case CitationFormat::kJson: {
      ordered_json list = ordered_json::array();
      for (const CitedPassage& passage : passages) {
        const Paragraph* cited = cited_paragraph(passage);
        ordered_json item = {{"id", passage.report.id}, {"key", passage.key}};
        item["paragraph"] = cited ? ordered_json(cited->number) : ordered_json(nullptr);
        item["label"] = cited ? ordered_json(cited->label) : ordered_json(nullptr);
        item["pinpoint"] = cited ? pinpoint(passage.report.paragraphs, *cited) : "";
        item["citation"] = pandoc_citation(passage);
        item["quote"] = passage.quote;
        item["markdown"] = markdown_note(passage);
        item["title"] = passage.report.title;
        item["cite"] = cite_line(passage, options);
        item["csl"] = csl(passage.report, passage.key, options);
        item["bibtex"] = bibtex(passage.report, passage.key, options);
        list.push_back(std::move(item));
      }
      return ordered_json{{"passages", std::move(list)}}.dump(
                 2, ' ', false, ordered_json::error_handler_t::replace) +
             "\n";
    }
  }
  return out;
}

}  // namespace dossier
