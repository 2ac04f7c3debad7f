#include "indexer/extract.h"

#include <algorithm>
#include <array>

#include "corpus/data_file.h"
#include "corpus/dates.h"
#include "corpus/encoding.h"
#include "corpus/error.h"
#include "corpus/normalize.h"
#include "corpus/symbols.h"

namespace dossier {
namespace {

// More invalid bytes than this share of the file means it is not UTF-8 at all.
constexpr double kMaxRepairableInvalidShare = 0.01;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// Replaces each invalid UTF-8 sequence with U+FFFD; returns how many were replaced and where
// the first one was.
std::string repair_utf8(std::string_view bytes, std::size_t& replaced, std::size_t& first_offset) {
  std::string out;
  out.reserve(bytes.size());
  replaced = 0;
  std::size_t offset = 0;
  while (offset < bytes.size()) {
    std::string_view rest = bytes.substr(offset);
    const auto bad = find_invalid_utf8(rest);
    if (!bad) {
      out.append(rest);
      break;
    }
    if (replaced == 0) first_offset = offset + *bad;
    ++replaced;
    out.append(rest.substr(0, *bad));
    out.append("\xEF\xBF\xBD");
    offset += *bad + 1;
  }
  return out;
}

struct HeaderField {
  std::string_view label;
  std::string Report::*target;
};

bool starts_with_label(std::string_view line, std::string_view label, std::string_view& value) {
  if (!line.starts_with(label)) return false;
  std::string_view rest = line.substr(label.size());
  if (!rest.empty() && rest.front() != ' ' && rest.front() != ':' && rest.front() != '\t') {
    return false;
  }
  while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ' || rest.front() == '\t')) {
    rest.remove_prefix(1);
  }
  value = trim(rest);
  return true;
}

// A UN document symbol the body states before its text begins ("UN document symbol: A/HRC/12/9",
// as archives that copy a UN document's first page write it): the symbol in canonical form, and
// its paragraph taken out of the body, as a header's symbol line is (it is the document's number,
// not its text). Empty when there is none. Only a paragraph that is just such a labelled line,
// among the first few, counts, so that a symbol the text cites (another document's) is never
// taken for the report's own.
std::string take_symbol_stated_at_top(std::vector<Paragraph>& paragraphs) {
  constexpr std::size_t kParagraphsLooked = 3;
  for (std::size_t k = 0; k < paragraphs.size() && k < kParagraphsLooked; ++k) {
    const std::string_view text = trim(paragraphs[k].text);
    for (std::string_view label : {"UN document symbol", "UN Document Symbol", "Document symbol",
                                   "Document Symbol", "Symbol"}) {
      std::string_view value;
      if (!starts_with_label(text, label, value) || value.find(' ') != std::string_view::npos) {
        continue;
      }
      if (std::string symbol = canonical_symbol(value); !symbol.empty()) {
        paragraphs.erase(paragraphs.begin() + static_cast<std::ptrdiff_t>(k));
        for (std::size_t n = 0; n < paragraphs.size(); ++n) {
          paragraphs[n].number = static_cast<int>(n) + 1;
        }
        return symbol;
      }
    }
  }
  return {};
}

// "... available at: https://... [accessed 28 May 2016]" -> the URL, if the line has one.
std::string url_in_cite_as(std::string_view cite_as) {
  for (std::string_view scheme : {"https://", "http://"}) {
    const std::size_t at = cite_as.find(scheme);
    if (at == std::string_view::npos) continue;
    std::size_t end = at;
    while (end < cite_as.size() && cite_as[end] != ' ' && cite_as[end] != ']' &&
           cite_as[end] != '[') {
      ++end;
    }
    std::string url(cite_as.substr(at, end - at));
    while (!url.empty() && (url.back() == ',' || url.back() == '.')) url.pop_back();
    return url;
  }
  return {};
}

// A one-line block that reads like a heading: short, no sentence punctuation at its end.
bool looks_like_heading(std::string_view block) {
  if (block.size() > 90 || block.find('\n') != std::string_view::npos) return false;
  const char last = block.back();
  if (last == '.' || last == ',' || last == ';' || last == '"' || last == '\'') return false;
  const auto words = std::count(block.begin(), block.end(), ' ') + 1;
  return words <= 12;
}

struct Blocks {
  std::vector<Paragraph> paragraphs;
};

// Paragraphs are blocks separated by blank lines; lines inside a block are joined with a space
// (hard-wrapped text). Markdown '#' lines are headings on their own.
std::vector<Paragraph> paragraphs_from(const std::vector<std::string_view>& lines,
                                       std::size_t first, bool markdown) {
  std::vector<Paragraph> paragraphs;
  std::string current;
  auto flush = [&](ParagraphKind kind) {
    if (current.empty()) return;
    if (kind == ParagraphKind::kText && looks_like_heading(current)) kind = ParagraphKind::kHeading;
    paragraphs.push_back(
        Paragraph{static_cast<int>(paragraphs.size()) + 1, kind, std::move(current), {}});
    current.clear();
  };
  for (std::size_t i = first; i < lines.size(); ++i) {
    std::string_view line = trim(lines[i]);
    if (line.empty()) {
      flush(ParagraphKind::kText);
      continue;
    }
    if (markdown && line.front() == '#') {
      flush(ParagraphKind::kText);
      while (!line.empty() && line.front() == '#') line.remove_prefix(1);
      current = std::string(trim(line));
      flush(ParagraphKind::kHeading);
      continue;
    }
    if (!current.empty()) current += ' ';
    current += line;
  }
  flush(ParagraphKind::kText);
  return paragraphs;
}

}  // namespace

bool TextReportExtractor::accepts(const std::filesystem::path& path) const {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext.empty() || ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".markdown";
}

Extraction TextReportExtractor::extract(std::string_view bytes) const {
  Extraction result;
  Report& report = result.report;

  if (bytes.empty()) throw Error(ErrorKind::kBadInput, "empty file");
  // UTF-16 (which has NUL bytes) and legacy encodings become UTF-8 first.
  const DecodedText decoded = decode_text(bytes);
  if (decoded.converted) {
    result.warnings.push_back(
        "converted from " + decoded.charset +
        (decoded.confidence < 100
             ? " (detected, confidence " + std::to_string(decoded.confidence) + "%)"
             : std::string()));
  }
  bytes = decoded.utf8;
  if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    throw Error(ErrorKind::kBadInput,
                "binary data (NUL byte at offset " + std::to_string(nul) + "), not a text report");
  }
  if (bytes.empty()) throw Error(ErrorKind::kBadInput, "empty file");

  std::string text;
  std::size_t replaced = 0;
  std::size_t first_bad = 0;
  text = repair_utf8(bytes, replaced, first_bad);
  if (replaced > 0) {
    if (static_cast<double>(replaced) >
        kMaxRepairableInvalidShare * static_cast<double>(bytes.size())) {
      throw Error(ErrorKind::kBadInput, "not UTF-8 text: " + std::to_string(replaced) +
                                            " invalid byte sequences, the first at byte offset " +
                                            std::to_string(first_bad) +
                                            "; convert the file to UTF-8");
    }
    result.warnings.push_back("invalid UTF-8 at byte offset " + std::to_string(first_bad) + " (" +
                              std::to_string(replaced) + " sequence(s) replaced with U+FFFD)");
  }

  const std::vector<std::string_view> lines = split_lines(text);
  std::size_t i = 0;
  auto skip_blank = [&] {
    while (i < lines.size() && trim(lines[i]).empty()) ++i;
  };
  skip_blank();
  std::string_view value;
  if (i < lines.size() && starts_with_label(trim(lines[i]), "Last Updated", value)) {
    report.last_updated = std::string(value);
    ++i;
    skip_blank();
  }
  if (i >= lines.size()) throw Error(ErrorKind::kBadInput, "no text");

  std::string_view title = trim(lines[i]);
  const bool markdown = title.starts_with("#");
  while (!title.empty() && title.front() == '#') title.remove_prefix(1);
  report.title = std::string(trim(title));
  ++i;

  // The Refworld header: labelled lines after the title, possibly after blank lines.
  const std::array<HeaderField, 7> header = {{{"Publisher", &Report::publisher},
                                              {"Author", &Report::author},
                                              {"Cite as", &Report::cite_as},
                                              {"Document Symbol", &Report::symbol},
                                              {"Document symbol", &Report::symbol},
                                              {"Symbol", &Report::symbol},
                                              {"Last Updated", &Report::last_updated}}};
  std::size_t after_title = i;
  skip_blank();
  bool has_header = false;
  std::string published_text;
  while (i < lines.size()) {
    const std::string_view line = trim(lines[i]);
    if (line.empty()) {
      // A blank line ends the header unless more labelled lines follow it.
      std::size_t next = i;
      while (next < lines.size() && trim(lines[next]).empty()) ++next;
      if (next >= lines.size()) break;
      const std::string_view peek = trim(lines[next]);
      if (peek.starts_with("Disclaimer") && has_header) {
        i = next;
        continue;
      }
      break;
    }
    bool matched = false;
    if (starts_with_label(line, "Publication Date", value)) {
      published_text = std::string(value);
      matched = true;
    } else if (line.starts_with("Disclaimer") && has_header) {
      matched = true;  // Refworld's boilerplate, not body text
    } else {
      for (const HeaderField& field : header) {
        if (starts_with_label(line, field.label, value)) {
          report.*(field.target) = std::string(value);
          matched = true;
          break;
        }
      }
    }
    if (!matched) break;
    has_header = true;
    ++i;
  }
  if (!has_header) i = after_title;
  report.format = has_header ? "refworld" : (markdown ? "markdown" : "plain");

  if (!published_text.empty()) {
    report.published = parse_date(published_text);
    if (!report.published) {
      result.warnings.push_back("unreadable publication date \"" + published_text + "\"");
    }
  }
  report.source_url = url_in_cite_as(report.cite_as);

  report.paragraphs = paragraphs_from(lines, i, markdown);
  // Refworld pages end with a navigation link, not report text.
  if (!report.paragraphs.empty()) {
    std::string& last = report.paragraphs.back().text;
    if (last == "Search Refworld") {
      report.paragraphs.pop_back();
    } else if (last.ends_with("Search Refworld")) {
      last.resize(last.size() - std::string_view("Search Refworld").size());
      while (!last.empty() && last.back() == ' ') last.pop_back();
    }
  }
  if (report.paragraphs.empty()) {
    throw Error(ErrorKind::kBadInput, "no body text after the title and header");
  }
  if (report.symbol.empty() && report.paragraphs.size() > 1) {
    report.symbol = take_symbol_stated_at_top(report.paragraphs);
  }
  return result;
}

const Extractor* find_extractor(const std::filesystem::path& path) {
  static const TextReportExtractor kText;  // stateless, so safe to share
  static const PdfReportExtractor kPdf;
  if (kText.accepts(path)) return &kText;
  if (kPdf.accepts(path)) return &kPdf;
  return nullptr;
}

}  // namespace dossier
