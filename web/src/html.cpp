#include "html.h"

#include <cstdio>

#include "corpus/series.h"

namespace dossier {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string report_page(std::string_view shell, const Report& report, const std::string& base_url) {
  std::string meta;
  auto tag = [&meta](std::string_view name, const std::string& content) {
    if (content.empty()) return;
    meta += "<meta name=\"" + std::string(name) + "\" content=\"" + html_escape(content) + "\">\n";
  };
  tag("citation_title", report.title);
  tag("citation_author", report.author.empty() ? report.publisher : report.author);
  tag("citation_publisher", report.publisher);
  tag("citation_technical_report_institution", report.publisher);
  // A UN document's symbol is its report number (Zotero's reportNumber).
  tag("citation_technical_report_number", report.symbol);
  if (auto series = resolve_series(report.series); series && report.series != "other") {
    tag("citation_series_title", std::string(series->label));
  }
  if (report.published) {
    char date[16];
    const Date& d = *report.published;
    if (d.day)
      std::snprintf(date, sizeof date, "%04d/%02d/%02d", d.year, d.month, d.day);
    else if (d.month)
      std::snprintf(date, sizeof date, "%04d/%02d", d.year, d.month);
    else
      std::snprintf(date, sizeof date, "%04d", d.year);
    tag("citation_date", date);
    tag("citation_publication_date", date);
  } else if (report.year) {
    tag("citation_date", std::to_string(report.year));
  }
  tag("citation_language", "en");
  tag("citation_public_url", base_url + "/reports/" + report.id);
  if (report.source_url.size() > 4 &&
      report.source_url.compare(report.source_url.size() - 4, 4, ".pdf") == 0) {
    tag("citation_pdf_url", report.source_url);
  }
  tag("citation_abstract_html_url", report.source_url);
  tag("dc.identifier", report.id);

  std::string page(shell);
  const std::string title = "<title>" + html_escape(report.title) + " – dossier</title>";
  if (const auto at = page.find("<title>dossier</title>"); at != std::string::npos) {
    page.replace(at, std::string_view("<title>dossier</title>").size(), title);
  }
  if (const auto head_end = page.find("</head>"); head_end != std::string::npos) {
    page.insert(head_end, meta);
  }
  return page;
}

}  // namespace dossier
