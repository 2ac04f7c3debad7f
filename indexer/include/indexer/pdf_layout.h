#pragma once
// The text of a PDF as a reader sees it: each page's lines in reading order, with the page
// furniture set apart (running heads and feet, page numbers, job numbers, the table of contents),
// footnotes kept apart from the body, lines joined into paragraphs and words split by a line-end
// hyphen rejoined. Also what the first page says about the document (symbol, date, title).
//
// Pure geometry over poppler's words: no I/O, no global state. PdfReportExtractor (extract.h)
// turns a PdfText into a Report.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/dates.h"
#include "corpus/report.h"

namespace dossier {

// One word as poppler gives it, in its reading order; coordinates in points from the page's top
// left corner.
struct PdfWord {
  std::string text;  // UTF-8
  double left = 0, top = 0, right = 0, bottom = 0;
  double size = 0;  // font size
  bool bold = false;
  bool space_after = false;
};

struct PdfPage {
  double width = 0;
  double height = 0;
  std::vector<PdfWord> words;
};

// What the document says about itself on its first page.
struct PdfFrontMatter {
  std::string title;   // "Report of the Working Group on the Universal Periodic Review: Angola"
  std::string symbol;  // "A/HRC/14/11", for a UN document
  std::optional<Date> issued;  // the date printed under "Distr.", or the first full date
  std::string body_name;       // the UN body the masthead names ("Human Rights Council"), if any
};

struct PdfText {
  PdfFrontMatter front;
  // Body paragraphs (text and headings) in reading order, then the footnotes (kNote), each with
  // its page and last page; numbered 1, 2, ... in that order.
  std::vector<Paragraph> paragraphs;
  int pages = 0;
  std::size_t furniture_lines = 0;  // lines set apart as running heads, feet and contents
};

// Lays out a document page by page: each page's words become lines as the page is added, so a
// long PDF is held as its lines, never as all its words at once; finish() reads the whole (the
// furniture, footnotes and paragraphs need every page). An empty page is fine.
class PdfLayout {
 public:
  PdfLayout();
  ~PdfLayout();
  PdfLayout(const PdfLayout&) = delete;
  PdfLayout& operator=(const PdfLayout&) = delete;

  void add_page(const PdfPage& page);
  // The document so far; the layout is empty again after it.
  PdfText finish();

 private:
  struct Pages;
  std::unique_ptr<Pages> pages_;
};

// The pages in order, laid out at once.
PdfText lay_out_pdf(const std::vector<PdfPage>& pages);

}  // namespace dossier
