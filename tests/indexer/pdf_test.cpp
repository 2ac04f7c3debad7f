// PDF reports: real UN PDFs (bundled in the samples, and the shared archive's 60 when present)
// and small PDFs made here, the broken ones included.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "corpus/error.h"
#include "corpus/gazetteers.h"
#include "corpus/paragraphs.h"
#include "indexer/extract.h"
#include "indexer/load_report.h"
#include "test_paths.h"

namespace dossier {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

Report extract_pdf(std::string_view bytes) {
  Report report = PdfReportExtractor().extract(bytes).report;
  label_paragraphs(report.paragraphs);
  return report;
}

// One line of text on a made PDF page: where its baseline starts, in points from the top left.
struct TextLine {
  double x = 72;
  double y = 100;
  double size = 10;
  std::string text;  // ASCII; '(' ')' '\' are escaped here
};

// A PDF of A4 pages with Helvetica text, written by hand with a correct cross-reference table.
// `extra_trailer` goes into the trailer dictionary (an /Encrypt entry).
std::string make_pdf(const std::vector<std::vector<TextLine>>& pages,
                     const std::string& extra_trailer = "", const std::string& extra_objects = "") {
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  const std::size_t first_page = 4;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    kids += std::to_string(first_page + 2 * i) + " 0 R ";
  }
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) +
                    " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::string content;
    for (const TextLine& line : pages[i]) {
      std::string escaped;
      for (char c : line.text) {
        if (c == '(' || c == ')' || c == '\\') escaped += '\\';
        escaped += c;
      }
      content += "BT /F1 " + std::to_string(line.size) + " Tf " + std::to_string(line.x) + " " +
                 std::to_string(842 - line.y) + " Td (" + escaped + ") Tj ET\n";
    }
    if (pages[i].empty()) content = "0 0 0 rg 100 100 200 200 re f\n";  // a drawing, no text
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
        "<< /F1 3 0 R >> >> /Contents " +
        std::to_string(first_page + 2 * i + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "endstream");
  }
  if (!extra_objects.empty()) objects.push_back(extra_objects);
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " +
         extra_trailer + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A two-page report as the UN sets one: running heads, a job number, numbered paragraphs, one
// running on to the next page.
std::vector<std::vector<TextLine>> un_report_pages() {
  return {
      {{400, 60, 10, "A/HRC/99/1"},
       {72, 100, 10, "Distr.: General"},
       {72, 112, 10, "14 June 2010"},
       {72, 200, 16, "Report of the Working Group on Testing"},
       {72, 240, 16, "Kazakhstan"},
       {72, 300, 10, "1.     The Working Group held its first session from 1 to 3 June 2010, and"},
       {100, 312, 10, "it adopted this report on the trafficking of persons."},
       {72, 330, 10, "2.     The delegation described the reforms of the Ministry of Justice and"},
       {100, 342, 10, "the wide-ranging recom-"},
       {100, 354, 10, "mendations it had accepted over the preceding years with the"},
       {72, 790, 10, "GE.10-12345"}},
      {{72, 60, 10, "A/HRC/99/1"},
       {100, 100, 10, "recommendations of the Working Group in view."},
       {72, 118, 10, "3.     Paragraph three closes the report on the review of the country."},
       {500, 790, 10, "2"}},
  };
}

TEST(PdfExtraction, ReadsParagraphsPagesAndTheFirstPage) {
  const Report report = extract_pdf(make_pdf(un_report_pages()));
  EXPECT_EQ(report.format, "pdf");
  EXPECT_EQ(report.symbol, "A/HRC/99/1");
  ASSERT_TRUE(report.published);
  EXPECT_EQ(report.published->iso(), "2010-06-14");
  EXPECT_EQ(report.title, "Report of the Working Group on Testing: Kazakhstan");
  EXPECT_EQ(report.publisher, "UN Human Rights Council");
  const Paragraph* second = paragraph_labelled(report.paragraphs, "2");
  ASSERT_NE(second, nullptr);
  // Joined over the page break, the running head and foot left out, the split word rejoined.
  EXPECT_EQ(second->page, 1);
  EXPECT_EQ(second->last_page, 2);
  EXPECT_NE(second->text.find("recommendations it had accepted"), std::string::npos)
      << second->text;
  EXPECT_NE(second->text.find("with the recommendations of the Working Group"), std::string::npos)
      << second->text;
  EXPECT_NE(second->text.find("wide-ranging"), std::string::npos) << second->text;
  EXPECT_EQ(pinpoint(report.paragraphs, *second), "para. 2, pp. 1\u20132");
  const Paragraph* third = paragraph_labelled(report.paragraphs, "3");
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(third->page, 2);
  for (const Paragraph& p : report.paragraphs) {
    EXPECT_EQ(p.text.find("GE.10"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("A/HRC/99/1"), std::string::npos) << p.text;
  }
}

TEST(PdfExtraction, AnNgoReportTakesItsTitleFromItsLargestType) {
  // No UN symbol: the first page's largest type is the title, and nothing is cover matter.
  const Report report = extract_pdf(make_pdf({{
      {72, 120, 24, "Forced Labour in the Cotton Fields"},
      {72, 160, 12, "An NGO report on the 2012 harvest"},
      {72, 220, 10, "The harvest of 2012 drew on the labour of teachers and doctors, who were"},
      {72, 232, 10, "sent to the fields by their employers under threat of losing their posts."},
      {72, 250, 10, "Children were again found in the fields of three regions in the autumn."},
  }}));
  EXPECT_EQ(report.symbol, "");
  EXPECT_EQ(report.title, "Forced Labour in the Cotton Fields");
  EXPECT_EQ(report.publisher, "");
  ASSERT_FALSE(report.paragraphs.empty());
  bool body = false;
  for (const Paragraph& p : report.paragraphs) {
    body |= p.text.starts_with(
        "The harvest of 2012 drew on the labour of teachers and doctors, "
        "who were sent to the fields");
  }
  EXPECT_TRUE(body);
}

TEST(PdfExtraction, ASymbolCitedInTheTextIsNotTheDocumentsOwn) {
  // An NGO submission that cites a UN report near its top: neither its symbol nor a UN cover.
  const Report report = extract_pdf(make_pdf({{
      {72, 120, 24, "Submission on Forced Labour"},
      {72, 180, 10, "This submission follows up the recommendations of A/HRC/19/2. on the harvest"},
      {72, 192, 10, "of cotton, which the Government accepted and has not carried out since then."},
  }}));
  EXPECT_EQ(report.symbol, "");
  EXPECT_EQ(report.publisher, "");
  EXPECT_EQ(report.title, "Submission on Forced Labour");
  ASSERT_FALSE(report.paragraphs.empty());
  EXPECT_TRUE(report.paragraphs.back().text.starts_with("This submission follows up"))
      << report.paragraphs.back().text;
}

TEST(PdfExtraction, TextOffEveryPageOrInAbsurdTypeIsLeftOut) {
  // Coordinates and sizes no page has (a hostile or broken content stream): left out, never
  // turned into out-of-range integers; the rest is read.
  std::vector<std::vector<TextLine>> pages = un_report_pages();
  pages[1].push_back({1e30, 400, 10, "far away"});
  pages[1].push_back({72, 500, 1e30, "huge"});
  const Report report = extract_pdf(make_pdf(pages));
  EXPECT_NE(paragraph_labelled(report.paragraphs, "3"), nullptr);
  for (const Paragraph& p : report.paragraphs) {
    EXPECT_EQ(p.text.find("far away"), std::string::npos) << p.text;
  }
}

TEST(PdfExtraction, AScannedPdfHasNoTextLayer) {
  try {
    extract_pdf(make_pdf({{}, {}}));
    FAIL() << "a PDF without text was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("no text layer; scanned?"), std::string::npos) << e.what();
  }
}

TEST(PdfExtraction, AnEncryptedPdfIsReportedAsSuch) {
  // The standard security handler with a user password that the empty one does not open.
  const std::string encrypt =
      "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
      "/O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> "
      "/U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >>";
  const std::string pdf =
      make_pdf(un_report_pages(), "/Encrypt 8 0 R /ID [<00112233> <00112233>]", encrypt);
  try {
    extract_pdf(pdf);
    FAIL() << "an encrypted PDF was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("encrypted"), std::string::npos) << e.what();
  }
}

TEST(PdfExtraction, TruncatedAndDamagedPdfsAreErrors) {
  const std::string pdf = make_pdf(un_report_pages());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {pdf.substr(0, pdf.size() / 2), "truncated PDF"},
      {"%PDF-1.4\n garbage", "truncated PDF"},
      {"%PDF-1.4\ngarbage\n%%EOF\n", "damaged PDF"},
      {make_pdf({}), "damaged PDF"},
      {"not a pdf at all", "not a PDF"},
      {"", "empty file"},
  };
  for (const auto& [bad, reason] : cases) {
    try {
      extract_pdf(bad);
      FAIL() << "a broken PDF was read: " << bad.substr(0, 20);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
      EXPECT_NE(std::string(e.what()).find(reason), std::string::npos)
          << bad.substr(0, 20) << ": " << e.what();
    }
  }
  // Bytes after the end-of-file marker (some writers pad) do not make a whole PDF truncated.
  EXPECT_EQ(extract_pdf(pdf + std::string(8192, ' ')).symbol, "A/HRC/99/1");
}

TEST(PdfExtraction, OverTheSizeLimitIsReportedWithTheLimit) {
  const auto dir = test::scratch_dir("pdf-size");
  test::write_file(dir / "big.pdf", make_pdf(un_report_pages()) + std::string(2 << 20, ' '));
  LoadOptions options;
  options.max_file_bytes = 1 << 20;
  try {
    load_report(dir / "big.pdf", Gazetteers::load(), options);
    FAIL() << "a file over the limit was read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("file too large"), std::string::npos) << e.what();
  }
}

// The bundled samples: the UN's own PDF of Belize's 2013 review.
TEST(PdfExtraction, ABundledUnReport) {
  const Report report = extract_pdf(slurp(test::samples_dir() / "pdf" / "belize2013.pdf"));
  EXPECT_EQ(report.symbol, "A/HRC/25/13");
  EXPECT_EQ(report.title, "Report of the Working Group on the Universal Periodic Review: Belize");
  ASSERT_TRUE(report.published);
  EXPECT_EQ(report.published->iso(), "2013-12-11");
  EXPECT_TRUE(prints_paragraph_numbers(report.paragraphs));
  const Paragraph* first = paragraph_labelled(report.paragraphs, "1");
  ASSERT_NE(first, nullptr);
  EXPECT_TRUE(first->text.starts_with("1. The Working Group on the Universal Periodic Review"))
      << first->text;
  EXPECT_GE(first->page, 3);
  // Recommendations carry their printed numbers ("98.1").
  EXPECT_NE(paragraph_labelled(report.paragraphs, "98.1"), nullptr);
  // The cover note is a footnote, apart from the body.
  bool note = false;
  for (const Paragraph& p : report.paragraphs) {
    note |= p.kind == ParagraphKind::kNote && p.text.starts_with("*");
    EXPECT_EQ(p.text.find("GE.13-"), std::string::npos) << p.text;
  }
  EXPECT_TRUE(note);
}

// The shared archive's 60 PDFs, when present: each is read, with its symbol and date.
TEST(PdfExtraction, EverySharedUnPdf) {
  const auto corpus = test::shared_corpus_dir();
  const auto pdfs = corpus ? corpus->parent_path() / "corpus-pdf" : std::filesystem::path();
  if (!corpus || !std::filesystem::exists(pdfs / "MANIFEST.tsv")) {
    GTEST_SKIP() << "../shared/corpus-pdf is not here";
  }
  std::ifstream manifest(pdfs / "MANIFEST.tsv");
  std::string line;
  std::getline(manifest, line);
  int files = 0;
  int numbered = 0;
  int twins_with_symbol = 0;
  while (std::getline(manifest, line)) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, '\t');) cells.push_back(cell);
    ASSERT_GE(cells.size(), 4u);
    const Report report = extract_pdf(slurp(pdfs / "docs" / cells[0]));
    EXPECT_EQ(report.symbol, cells[2]) << cells[0];
    EXPECT_TRUE(report.published && parse_date(cells[3]) == report.published) << cells[0];
    EXPECT_TRUE(report.title.starts_with("Report of the Working Group")) << cells[0];
    numbered += prints_paragraph_numbers(report.paragraphs) ? 1 : 0;
    ++files;
    // Its text twin names the same symbol when it states one (as the opening line of its body),
    // which makes the two files one report even where their titles or dates differ.
    const Report twin = TextReportExtractor().extract(slurp(*corpus / "docs" / cells[1])).report;
    if (!twin.symbol.empty()) {
      EXPECT_EQ(twin.symbol, report.symbol) << cells[1];
      ++twins_with_symbol;
    }
  }
  EXPECT_EQ(files, 60);
  EXPECT_EQ(numbered, 60);
  EXPECT_EQ(twins_with_symbol, 34);
}

}  // namespace
}  // namespace dossier
