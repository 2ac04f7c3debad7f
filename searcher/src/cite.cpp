#include "searcher/cite.h"

#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "corpus/error.h"
#include "corpus/normalize.h"
#include "corpus/paragraphs.h"
#include "corpus/series.h"

namespace dossier {
namespace {

using nlohmann::ordered_json;

// Words left out of publisher initials ("United States Department of State" -> "usdos").
bool is_minor_word(std::string_view word) {
  return word == "the" || word == "and";
}

std::string initials(std::string_view name) {
  std::string out;
  std::string word;
  auto finish = [&] {
    if (!word.empty() && !is_minor_word(word)) out.push_back(word[0]);
    word.clear();
  };
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else {
      finish();
    }
  }
  finish();
  return out;
}

// CamelCase ASCII of a name: "Kyrgyz Republic" -> "KyrgyzRepublic", "Côte d'Ivoire" ->
// "CoteDIvoire".
std::string camel(std::string_view name) {
  const std::string slug = slugify(name);
  std::string out;
  bool upper = true;
  for (char c : slug) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

std::string two_digits(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n % 100);
  return buffer;
}

// Special characters of LaTeX, escaped; capitals kept by the caller's extra braces.
std::string latex(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '{':
        out += "\\{";
        break;
      case '}':
        out += "\\}";
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

// The paragraph options.paragraph names by its label; nullptr when none is asked for.
const Paragraph* cited_paragraph(const Report& report, const CitationOptions& options) {
  if (!options.paragraph) return nullptr;
  if (const Paragraph* found = paragraph_labelled(report.paragraphs, *options.paragraph)) {
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
      "report " + report.id + " has no paragraph \"" + *options.paragraph + "\"" +
          (first.empty() ? " (it has no text paragraphs)"
                         : " (its paragraphs run from " + first + " to " + last + ")"));
}

// ", para. 12" (or ", Prosecution, para. 2") for a cited paragraph; "" for the whole report.
std::string pinpoint_suffix(const Report& report, const CitationOptions& options) {
  const Paragraph* cited = cited_paragraph(report, options);
  return cited == nullptr ? "" : ", " + pinpoint(report.paragraphs, *cited);
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
std::string cite_line(const Report& report, const CitationOptions& options) {
  std::string base = cite_as_wording(report);
  if (base.empty()) {
    base = responsible(report) + (responsible(report).empty() ? "" : ", ") + report.title;
    if (report.published) base += ", " + report.published->long_form();
  }
  base += pinpoint_suffix(report, options);
  const std::vector<std::string> urls = citation_urls(report, options);
  if (!urls.empty()) base += ", available at: " + urls.front();
  if (urls.size() > 1) base += " (also " + urls[1] + ")";
  base += " [accessed " + options.accessed.long_form() + "]";
  return base;
}

std::string bibtex(const Report& report, const CitationOptions& options) {
  std::string out = "@techreport{" + citation_key(report) + ",\n";
  auto field = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    out += "  " + std::string(name) + " = {" + value + "},\n";
  };
  field("title", "{" + latex(report.title) + "}");
  if (!report.author.empty()) field("author", "{" + latex(report.author) + "}");
  field("institution", latex(report.publisher));
  field("type", latex(series_label(report)));
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
  std::string note;
  if (const Paragraph* cited = cited_paragraph(report, options)) {
    note = latex(pinpoint(report.paragraphs, *cited));
  }
  if (urls.size() > 1) {
    note += std::string(note.empty() ? "" : "; ") + "also \\url{" + urls[1] + "}";
  }
  field("note", note);
  out += "}\n";
  return out;
}

std::string ris(const Report& report, const CitationOptions& options) {
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
  if (report.published) {
    tag("PY", std::to_string(report.published->year));
    tag("DA", ris_date(*report.published));
  } else if (report.year) {
    tag("PY", std::to_string(report.year));
  }
  if (options.paragraph) tag("SP", *options.paragraph);
  for (const std::string& url : citation_urls(report, options)) tag("UR", url);
  tag("Y2", ris_date(options.accessed));
  tag("N1", cite_as_wording(report));
  tag("ID", citation_key(report));
  out += "ER  - \r\n";
  return out;
}

ordered_json csl(const Report& report, const CitationOptions& options) {
  ordered_json item = {{"id", citation_key(report)}, {"type", "report"}, {"title", report.title}};
  if (!report.author.empty()) item["author"] = ordered_json::array({{{"literal", report.author}}});
  if (!report.publisher.empty()) item["publisher"] = report.publisher;
  const std::string genre = series_label(report);
  if (!genre.empty()) item["genre"] = genre;
  if (report.published)
    item["issued"] = csl_date(*report.published);
  else if (report.year)
    item["issued"] = csl_date(Date{report.year, 0, 0});
  item["accessed"] = csl_date(options.accessed);
  const std::vector<std::string> urls = citation_urls(report, options);
  if (!urls.empty()) item["URL"] = urls.front();
  if (options.paragraph) {
    item["locator"] = *options.paragraph;
    item["label"] = "paragraph";
  }
  if (urls.size() > 1) item["note"] = "Also at " + urls[1];
  return item;
}

std::string markdown(const Report& report, const CitationOptions& options) {
  const Paragraph* quoted = cited_paragraph(report, options);
  if (quoted == nullptr) {
    for (const Paragraph& p : report.paragraphs) {
      if (p.kind == ParagraphKind::kText) {
        quoted = &p;
        break;
      }
    }
  }
  std::string out;
  if (quoted != nullptr) out += "> " + quoted->text + "\n\n";
  out += "— " + responsible(report) + (responsible(report).empty() ? "" : ", ") + "*" +
         report.title + "*";
  if (report.published) out += ", " + report.published->long_form();
  out += pinpoint_suffix(report, options);
  const std::vector<std::string> urls = citation_urls(report, options);
  if (!urls.empty()) out += ". <" + urls.front() + ">";
  if (urls.size() > 1) out += " (also <" + urls[1] + ">)";
  out += " (accessed " + options.accessed.long_form() + ").\n";
  return out;
}

}  // namespace

std::optional<CitationFormat> citation_format_from(std::string_view name) {
  if (name == "cite") return CitationFormat::kCite;
  if (name == "bibtex") return CitationFormat::kBibtex;
  if (name == "ris") return CitationFormat::kRis;
  if (name == "csl-json") return CitationFormat::kCslJson;
  if (name == "markdown") return CitationFormat::kMarkdown;
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
  }
  return "text/plain; charset=utf-8";
}

std::string citation_key(const Report& report) {
  std::string key = initials(report.publisher.empty() ? report.author : report.publisher);
  // The entry's year (its publication's), so the key never disagrees with the entry: a review
  // of 2009 published in 2010 is a 2010 entry.
  if (const int year = report.published ? report.published->year : report.year) {
    key += std::to_string(year);
  }
  if (!report.series.empty() && report.series != "other") key += report.series;
  key += camel(report.country_name.empty() ? report.id : report.country_name);
  return key;
}

std::optional<LinkTarget> link_target_from(std::string_view name) {
  if (name == "source") return LinkTarget::kSource;
  if (name == "local") return LinkTarget::kLocal;
  if (name == "both") return LinkTarget::kBoth;
  return std::nullopt;
}

std::string report_url(const Report& report, const CitationOptions& options) {
  std::string base = options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.empty()) return {};
  std::string url = base + "/reports/" + report.id;
  if (const Paragraph* cited = cited_paragraph(report, options)) {
    url += "#p" + std::to_string(cited->number);
  }
  return url;
}

std::vector<std::string> citation_urls(const Report& report, const CitationOptions& options) {
  std::vector<std::string> urls;
  const std::string local = report_url(report, options);
  if (options.link != LinkTarget::kLocal && !report.source_url.empty()) {
    urls.push_back(report.source_url);
  }
  if ((options.link != LinkTarget::kSource || urls.empty()) && !local.empty()) {
    urls.push_back(local);
  }
  return urls;
}

Date today() {
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(now)};
  return Date{static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
              static_cast<int>(static_cast<unsigned>(day.day()))};
}

std::string cite(const Report& report, CitationFormat format, const CitationOptions& options) {
  cited_paragraph(report, options);  // validates the paragraph's label
  if (options.link != LinkTarget::kSource && options.base_url.empty()) {
    throw Error::in_parameter(ErrorKind::kInvalidArgument, "link",
                              "a link to the report page needs the address the pages are "
                              "served at (--base-url, or DOSSIER_BASE_URL)");
  }
  switch (format) {
    case CitationFormat::kCite:
      return cite_line(report, options) + "\n";
    case CitationFormat::kBibtex:
      return bibtex(report, options);
    case CitationFormat::kRis:
      return ris(report, options);
    case CitationFormat::kCslJson:
      return ordered_json::array({csl(report, options)})
                 .dump(2, ' ', false, ordered_json::error_handler_t::replace) +
             "\n";
    case CitationFormat::kMarkdown:
      return markdown(report, options);
  }
  return {};
}

}  // namespace dossier
