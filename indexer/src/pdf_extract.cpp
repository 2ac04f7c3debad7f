#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <poppler-toc.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>

#include "corpus/data_file.h"
#include "corpus/error.h"
#include "indexer/extract.h"
#include "indexer/pdf_layout.h"

namespace dossier {
namespace {

// Words in one PDF beyond which it is refused rather than laid out: a report of 2,000 dense pages
// holds about 1.5 million; a content stream that draws millions of glyphs is an attack or a
// broken file, and laying it out would cost memory in proportion.
constexpr std::size_t kMaxWords = 5'000'000;

bool finite_box(const poppler::rectf& box) {
  for (const double v : {box.left(), box.top(), box.right(), box.bottom()}) {
    if (!std::isfinite(v) || std::abs(v) > 1e6) return false;
  }
  return true;
}

// Poppler reports damaged objects on stderr as it recovers from them; what matters to a user is
// said as the file's error or not at all.
void silence_poppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string utf8_of(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

bool is_bold_font_name(std::string_view name) {
  return name.find("Bold") != std::string_view::npos ||
         name.find("bold") != std::string_view::npos ||
         name.find("Black") != std::string_view::npos ||
         name.find("Heavy") != std::string_view::npos;
}

PdfPage read_page(const poppler::page& page) {
  PdfPage out;
  const poppler::rectf box = page.page_rect();
  out.width = box.width();
  out.height = box.height();
  std::vector<poppler::text_box> boxes = page.text_list(poppler::page::text_list_include_font);
  out.words.reserve(boxes.size());
  for (poppler::text_box& word : boxes) {
    if (word.rotation() != 0) continue;  // text set sideways is margin matter
    const poppler::rectf b = word.bbox();
    // Geometry that is not a number, or far off any page, cannot be laid out (and would overflow
    // the integer positions the layout rounds to).
    if (!finite_box(b)) continue;
    PdfWord w;
    w.text = utf8_of(word.text());
    if (w.text.empty()) continue;
    w.left = b.left();
    w.top = b.top();
    w.right = b.right();
    w.bottom = b.bottom();
    w.size = word.has_font_info() ? word.get_font_size() : b.height();
    if (!std::isfinite(w.size) || w.size <= 0 || w.size > 1e4) w.size = b.height();
    if (!std::isfinite(w.size) || w.size <= 0) continue;
    w.bold = word.has_font_info() && is_bold_font_name(word.get_font_name());
    w.space_after = word.has_space_after();
    out.words.push_back(std::move(w));
  }
  return out;
}

// A file name, not a title: what Word writes into the Info dictionary.
bool looks_like_file_name(std::string_view title) {
  return title.find(".doc") != std::string_view::npos ||
         title.find(".pdf") != std::string_view::npos ||
         title.find("Microsoft Word") != std::string_view::npos ||
         title.find('_') != std::string_view::npos || title.starts_with("untitled") ||
         title.starts_with("Untitled");
}

// The UN organ a document symbol's first parts name, as the publisher of its documents.
std::string publisher_of_symbol(std::string_view symbol) {
  static constexpr std::pair<std::string_view, std::string_view> kOrgans[] = {
      {"A/HRC/", "UN Human Rights Council"},
      {"E/CN.4/", "UN Commission on Human Rights"},
      {"E/C.12/", "UN Committee on Economic, Social and Cultural Rights"},
      {"CCPR/", "UN Human Rights Committee"},
      {"CEDAW/", "UN Committee on the Elimination of Discrimination against Women"},
      {"CERD/", "UN Committee on the Elimination of Racial Discrimination"},
      {"CRC/", "UN Committee on the Rights of the Child"},
      {"CAT/", "UN Committee against Torture"},
      {"CMW/", "UN Committee on Migrant Workers"},
      {"CRPD/", "UN Committee on the Rights of Persons with Disabilities"},
      {"S/", "UN Security Council"},
      {"E/", "UN Economic and Social Council"},
      {"A/", "UN General Assembly"},
  };
  for (const auto& [prefix, publisher] : kOrgans) {
    if (symbol.starts_with(prefix)) return std::string(publisher);
  }
  return {};
}

// "Report of the Working Group on the Universal Periodic Review: Angola" is written by the
// Working Group on the Universal Periodic Review.
std::string author_of_title(std::string_view title) {
  for (std::string_view lead : {"Report of the ", "Report of ", "Summary prepared by the "}) {
    if (!title.starts_with(lead)) continue;
    std::string_view author = title.substr(lead.size());
    author = author.substr(0, author.find(':'));
    return std::string(trim(author));
  }
  return {};
}

}  // namespace

bool PdfReportExtractor::accepts(const std::filesystem::path& path) const {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".pdf";
}

Extraction PdfReportExtractor::extract(std::string_view bytes) const {
  silence_poppler();
  if (bytes.empty()) throw Error(ErrorKind::kBadInput, "empty file");
  if (!bytes.starts_with("%PDF-") &&
      bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) {
    throw Error(ErrorKind::kBadInput, "not a PDF (no %PDF- header)");
  }
  // A file cut short loses its end-of-file marker; poppler would rebuild what it can of the rest
  // and a part of the report would be indexed as if it were whole.
  if (bytes.substr(bytes.size() - std::min<std::size_t>(bytes.size(), 64 * 1024)).find("%%EOF") ==
      std::string_view::npos) {
    throw Error(ErrorKind::kBadInput,
                "truncated PDF: no %%EOF at its end (the file was cut short)");
  }
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error(ErrorKind::kBadInput, "PDF too large for poppler to read (over 2 GiB)");
  }
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    throw Error(ErrorKind::kBadInput, "damaged PDF: poppler cannot open it (truncated or corrupt)");
  }
  if (document->is_locked()) {
    throw Error(ErrorKind::kBadInput, "encrypted PDF: it needs a password to open");
  }
  const int page_count = document->pages();
  if (page_count <= 0) throw Error(ErrorKind::kBadInput, "damaged PDF: it has no pages");

  PdfLayout layout;
  std::size_t words = 0;
  for (int i = 0; i < page_count; ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    const PdfPage read = page ? read_page(*page) : PdfPage{};
    words += read.words.size();
    if (words > kMaxWords) {
      throw Error(ErrorKind::kBadInput, "PDF holds over " + std::to_string(kMaxWords) +
                                            " words by page " + std::to_string(i + 1) +
                                            " (a damaged or hostile content stream?)");
    }
    layout.add_page(read);
  }
  if (words == 0) {
    throw Error(ErrorKind::kBadInput, "no text layer; scanned? (" + std::to_string(page_count) +
                                          " page" + (page_count == 1 ? "" : "s") +
                                          " without text: run OCR on it first)");
  }
  PdfText text = layout.finish();

  Extraction result;
  Report& report = result.report;
  report.format = "pdf";
  report.symbol = text.front.symbol;
  report.published = text.front.issued;
  report.title = text.front.title;
  if (report.title.empty()) {
    // An outline's first entry, then the Info title unless it is a file name, then the first
    // line of text.
    if (std::unique_ptr<poppler::toc> outline(document->create_toc()); outline) {
      const std::vector<poppler::toc_item*> items = outline->root()->children();
      if (!items.empty()) report.title = std::string(trim(utf8_of(items.front()->title())));
    }
  }
  if (report.title.empty()) {
    const std::string info = std::string(trim(utf8_of(document->get_title())));
    if (!looks_like_file_name(info)) report.title = info;
  }
  for (const Paragraph& p : text.paragraphs) {
    if (!report.title.empty()) break;
    if (p.kind == ParagraphKind::kNote) continue;
    // At most 200 bytes, cut at a character's start (UTF-8 continuation bytes are 10xxxxxx).
    std::size_t cut = std::min<std::size_t>(p.text.size(), 200);
    while (cut > 0 && cut < p.text.size() &&
           (static_cast<unsigned char>(p.text[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    report.title = p.text.substr(0, cut);
  }
  report.publisher = publisher_of_symbol(report.symbol);
  if (report.publisher.empty() && !text.front.body_name.empty()) {
    report.publisher = "UN " + text.front.body_name;
  }
  report.author = author_of_title(report.title);
  report.paragraphs = std::move(text.paragraphs);
  if (report.paragraphs.empty()) {
    throw Error(ErrorKind::kBadInput, "no body text: every line is page furniture");
  }
  return result;
}

}  // namespace dossier
