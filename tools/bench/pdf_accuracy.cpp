// dossier-pdf-accuracy: how well `dossier index` reads PDF reports, scored against their text
// twins and against poppler's own per-page text (docs/pdf.md).
//
// For each PDF of a manifest (file, text_twin, symbol, date, ...; ../shared/corpus-pdf's layout):
//   numbers  the twin's numbered paragraphs whose printed number and opening words start a
//            paragraph of the PDF's extraction;
//   labels   the extraction's paragraphs that open with a printed number (not an item nested
//            in a paragraph) and are labelled by it, so a citation gives that number;
//   text     those of them whose text agrees with the twin's (word sequences at least 90%
//            alike; the twin merges some headings into paragraphs, so 100% is not expected);
//   furniture  extracted paragraphs holding page furniture: the document's own symbol, a job
//            number ("GE.10-12527"), a "Page N" line (target: none);
//   pages    extracted paragraphs whose opening words are on the page they record and whose
//            closing words are on their last page, in poppler's text of those pages;
//   symbol, date, title  the metadata read from the first page against the manifest (title:
//            against the twin's title).
// Files are split into a development part and a held-out part (every fourth file of the
// manifest, from the second), scored apart.
#include <poppler-document.h>
#include <poppler-page.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/dates.h"
#include "corpus/normalize.h"
#include "corpus/paragraphs.h"
#include "indexer/extract.h"

namespace fs = std::filesystem;
using namespace dossier;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

std::vector<std::string> split_tab(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  std::string cell;
  while (std::getline(stream, cell, '\t')) cells.push_back(cell);
  return cells;
}

// Folded words, punctuation dropped: what "the same text" compares.
std::vector<std::string> words_of(const TextNormalizer& normalizer, std::string_view text) {
  std::vector<std::string> words;
  for (const Token& token : normalizer.tokenize(text)) words.push_back(token.term);
  return words;
}

// 2·LCS / (|a| + |b|): 1 for the same words in the same order.
double likeness(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 1;
  if (a.empty() || b.empty()) return 0;
  std::vector<int> row(b.size() + 1, 0), next(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      next[j] = a[i - 1] == b[j - 1] ? row[j - 1] + 1 : std::max(row[j], next[j - 1]);
    }
    std::swap(row, next);
  }
  return 2.0 * row[b.size()] / static_cast<double>(a.size() + b.size());
}

bool contains_run(const std::vector<std::string>& haystack, const std::vector<std::string>& run) {
  if (run.empty()) return true;
  return std::search(haystack.begin(), haystack.end(), run.begin(), run.end()) != haystack.end();
}

struct Score {
  int files = 0;
  int numbers_expected = 0, numbers_found = 0;
  int texts_agree = 0;
  int paragraphs = 0, furniture = 0;
  int pages_checked = 0, pages_right = 0;
  int symbols_right = 0, dates_right = 0, titles_right = 0;
  int numbered = 0, labelled = 0;  // paragraphs that open with their own number; labelled by it
  int pdf_pages = 0;

  void add(const Score& s) {
    files += s.files;
    numbers_expected += s.numbers_expected;
    numbers_found += s.numbers_found;
    texts_agree += s.texts_agree;
    paragraphs += s.paragraphs;
    furniture += s.furniture;
    pages_checked += s.pages_checked;
    pages_right += s.pages_right;
    symbols_right += s.symbols_right;
    dates_right += s.dates_right;
    titles_right += s.titles_right;
    pdf_pages += s.pdf_pages;
    numbered += s.numbered;
    labelled += s.labelled;
  }
};

std::string percent(int part, int whole) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  return buffer;
}

bool has_furniture(const Paragraph& p, const std::string& symbol) {
  const std::string& t = p.text;
  if (!symbol.empty()) {
    for (std::size_t at = t.find(symbol); at != std::string::npos; at = t.find(symbol, at + 1)) {
      const std::size_t end = at + symbol.size();
      // The symbol itself, not a longer one it begins ("A/HRC/14/11/Add.1").
      if (end == t.size() || t[end] == ' ') return true;
    }
  }
  for (std::size_t at = t.find("GE."); at != std::string::npos; at = t.find("GE.", at + 1)) {
    if (at + 6 < t.size() && std::isdigit(static_cast<unsigned char>(t[at + 3])) &&
        std::isdigit(static_cast<unsigned char>(t[at + 4])) && t[at + 5] == '-') {
      return true;
    }
  }
  return t.find("Page ") == 0 && t.size() < 12;
}

Score score_file(const fs::path& pdf, const fs::path& twin, const std::string& symbol,
                 const std::string& date, const TextNormalizer& normalizer, bool details,
                 bool summary) {
  Score score;
  score.files = 1;
  const std::string bytes = slurp(pdf);
  Report report = PdfReportExtractor().extract(bytes).report;
  label_paragraphs(report.paragraphs);
  Report text = TextReportExtractor().extract(slurp(twin)).report;
  label_paragraphs(text.paragraphs);

  // Paragraphs of the PDF by printed number and opening words, with their continuations.
  std::vector<std::vector<std::string>> pdf_words;
  for (const Paragraph& p : report.paragraphs) pdf_words.push_back(words_of(normalizer, p.text));
  int missing = 0, disagree = 0;
  for (const Paragraph& t : text.paragraphs) {
    if (t.kind != ParagraphKind::kText) continue;
    const auto number = printed_number(t.text);
    if (!number) continue;
    ++score.numbers_expected;
    const std::vector<std::string> twin_words = words_of(normalizer, t.text);
    // The opening words after the number.
    const std::vector<std::string> twin_opening =
        words_of(normalizer, std::string_view(t.text).substr(number->size() + 1));
    const std::size_t opening = std::min<std::size_t>(6, twin_opening.size());
    const std::vector<std::string> opening_words(twin_opening.begin(),
                                                 twin_opening.begin() + static_cast<long>(opening));
    std::size_t found = report.paragraphs.size();
    for (std::size_t i = 0; i < report.paragraphs.size(); ++i) {
      const Paragraph& p = report.paragraphs[i];
      if (p.kind == ParagraphKind::kNote) continue;
      // The twins lost the first part of some recommendation numbers ("110." for the
      // printed "109.110."): the printed number ending in the twin's is the same paragraph.
      const auto printed = printed_number(p.text);
      if (!printed || (*printed != *number && !printed->ends_with("." + *number))) continue;
      const std::vector<std::string> pdf_opening =
          words_of(normalizer, std::string_view(p.text).substr(printed->size() + 1));
      if (pdf_opening.size() >= opening &&
          std::equal(opening_words.begin(), opening_words.end(), pdf_opening.begin())) {
        found = i;
        break;
      }
    }
    if (found == report.paragraphs.size()) {
      ++missing;
      if (details) std::cerr << "  missing " << *number << ": " << t.text.substr(0, 80) << "\n";
      continue;
    }
    ++score.numbers_found;
    // The PDF's paragraph and the text after it up to the next numbered one (the twin joins
    // list items and some headings into their paragraph).
    // Compared with and without the headings in between: the twin merged some of them.
    std::vector<std::string> extracted = pdf_words[found];
    std::vector<std::string> with_headings = pdf_words[found];
    for (std::size_t i = found + 1; i < report.paragraphs.size(); ++i) {
      const Paragraph& p = report.paragraphs[i];
      if (p.kind == ParagraphKind::kNote || printed_number(p.text)) break;
      with_headings.insert(with_headings.end(), pdf_words[i].begin(), pdf_words[i].end());
      if (p.kind == ParagraphKind::kText) {
        extracted.insert(extracted.end(), pdf_words[i].begin(), pdf_words[i].end());
      }
    }
    const double alike =
        std::max(likeness(twin_words, extracted), likeness(twin_words, with_headings));
    if (alike >= 0.9) {
      ++score.texts_agree;
    } else {
      ++disagree;
      if (details) {
        std::cerr << "  differs " << *number << " (" << static_cast<int>(alike * 100)
                  << "%): " << report.paragraphs[found].text.substr(0, 100) << "\n";
      }
    }
  }

  // Furniture, and each paragraph's pages against poppler's text of them.
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  std::vector<std::vector<std::string>> page_words;
  for (int i = 0; document && i < document->pages(); ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    const poppler::byte_array utf8 = page->text().to_utf8();
    page_words.push_back(words_of(normalizer, std::string(utf8.begin(), utf8.end())));
  }
  score.pdf_pages = static_cast<int>(page_words.size());
  for (std::size_t i = 0; i < report.paragraphs.size(); ++i) {
    const Paragraph& p = report.paragraphs[i];
    ++score.paragraphs;
    if (const auto own = printed_number(p.text);
        own && p.kind == ParagraphKind::kText && !p.nested) {
      ++score.numbered;
      if (p.label == *own) {
        ++score.labelled;
      } else if (details) {
        std::cerr << "  labelled " << p.label << ": " << p.text.substr(0, 80) << "\n";
      }
    }
    if (has_furniture(p, report.symbol)) {
      ++score.furniture;
      if (details) std::cerr << "  furniture: " << p.text.substr(0, 100) << "\n";
    }
    const std::vector<std::string>& w = pdf_words[i];
    if (p.page <= 0 || w.empty()) continue;
    ++score.pages_checked;
    const std::size_t n = std::min<std::size_t>(4, w.size());
    const std::vector<std::string> head(w.begin(), w.begin() + static_cast<long>(n));
    const std::vector<std::string> tail(w.end() - static_cast<long>(n), w.end());
    const auto on = [&](int page, const std::vector<std::string>& run) {
      return page >= 1 && page <= static_cast<int>(page_words.size()) &&
             contains_run(page_words[static_cast<std::size_t>(page - 1)], run);
    };
    if (on(p.page, head) && on(p.last_page, tail)) {
      ++score.pages_right;
    } else if (details) {
      std::cerr << "  page " << p.page << "-" << p.last_page << "? " << p.text.substr(0, 80)
                << "\n";
    }
  }

  score.symbols_right = report.symbol == symbol ? 1 : 0;
  const auto expected_date = parse_date(date);
  score.dates_right = report.published && expected_date && *report.published == *expected_date;
  score.titles_right = normalizer.fold(report.title) == normalizer.fold(text.title) ? 1 : 0;
  if (details || (summary && (!score.symbols_right || !score.dates_right || !score.titles_right))) {
    std::cerr << pdf.filename().string() << ": " << score.numbers_found << "/"
              << score.numbers_expected << " numbers, " << disagree << " differ, "
              << score.furniture << " furniture; symbol " << report.symbol << ", date "
              << (report.published ? report.published->iso() : "-") << ", title \"" << report.title
              << "\"" << (score.titles_right ? "" : " (twin: \"" + text.title + "\")") << "\n";
  }
  return score;
}

void print_row(const std::string& name, const Score& s) {
  std::cout << "| " << name << " | " << s.files << " | " << s.pdf_pages << " | "
            << percent(s.numbers_found, s.numbers_expected) << " (" << s.numbers_found << "/"
            << s.numbers_expected << ") | " << percent(s.labelled, s.numbered) << " | "
            << percent(s.texts_agree, s.numbers_found) << " | " << s.furniture << " of "
            << s.paragraphs << " | " << percent(s.pages_right, s.pages_checked) << " | "
            << s.symbols_right << "/" << s.files << " | " << s.dates_right << "/" << s.files
            << " | " << s.titles_right << "/" << s.files << " |\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Scores dossier's PDF extraction against text twins and poppler's page text"};
  fs::path pdf_dir;
  fs::path twin_dir;
  std::string only;
  bool details = false;
  app.add_option("--pdfs", pdf_dir, "the folder with MANIFEST.tsv and docs/ (corpus-pdf)")
      ->required();
  app.add_option("--twins", twin_dir, "the folder holding the text twins (corpus/docs)")
      ->required();
  app.add_option("--only", only, "score only this file");
  app.add_flag("--details", details, "say what was missed, on stderr");
  CLI11_PARSE(app, argc, argv);

  std::ifstream manifest(pdf_dir / "MANIFEST.tsv");
  if (!manifest) {
    std::cerr << "dossier-pdf-accuracy: no MANIFEST.tsv in " << pdf_dir << "\n";
    return 2;
  }
  const TextNormalizer normalizer;
  Score development, held_out;
  std::string line;
  std::getline(manifest, line);  // the header
  int row = 0;
  while (std::getline(manifest, line)) {
    const std::vector<std::string> cells = split_tab(line);
    if (cells.size() < 4) continue;
    const int index = row++;
    if (!only.empty() && cells[0] != only) continue;
    try {
      // The held-out part is scored, never shown in detail: what is not seen is not tuned to.
      const bool held = index % 4 == 1;
      const Score s =
          score_file(pdf_dir / "docs" / cells[0], twin_dir / cells[1], cells[2], cells[3],
                     normalizer, (details && !held) || !only.empty(), !held || !only.empty());
      (held ? held_out : development).add(s);
    } catch (const std::exception& e) {
      std::cerr << cells[0] << ": " << e.what() << "\n";
      return 1;
    }
  }
  Score all = development;
  all.add(held_out);
  std::cout << "| part | files | pages | printed numbers found | labelled by them | text agrees | "
               "furniture left | pages right | symbol | date | title |\n"
               "|---|---|---|---|---|---|---|---|---|---|---|\n";
  print_row("development", development);
  print_row("held out", held_out);
  print_row("all", all);
  return 0;
}
