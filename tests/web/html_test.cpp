#include "html.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(HtmlEscape, EscapesWhatHtmlReads) {
  EXPECT_EQ(html_escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(html_escape("Côte d’Ivoire"), "Côte d’Ivoire");
  EXPECT_EQ(html_escape(""), "");
}

TEST(ReportPage, PutsTheHeadIntoTheShell) {
  Report r;
  r.id = "x";
  r.title = "A & B";
  r.publisher = "P";
  r.year = 2020;
  r.source_url = "https://example.org/report.pdf";
  r.symbol = "A/HRC/26/10";
  const std::string page =
      report_page("<html><head><title>dossier</title></head><body></body></html>", r, "http://h");
  EXPECT_NE(page.find("<title>A &amp; B – dossier</title>"), std::string::npos);
  EXPECT_NE(
      page.find("<meta name=\"citation_pdf_url\" content=\"https://example.org/report.pdf\">"),
      std::string::npos);
  EXPECT_NE(page.find("<meta name=\"citation_date\" content=\"2020\">"), std::string::npos);
  EXPECT_NE(page.find("<meta name=\"citation_technical_report_number\" content=\"A/HRC/26/10\">"),
            std::string::npos);
  EXPECT_NE(page.find("<meta name=\"citation_technical_report_institution\" content=\"P\">"),
            std::string::npos);
  const auto url = page.find("<meta name=\"citation_public_url\" content=\"http://h/reports/x\">");
  ASSERT_NE(url, std::string::npos);
  EXPECT_LT(url, page.find("</head>"));
}

}  // namespace
}  // namespace dossier
