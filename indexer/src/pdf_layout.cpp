#include "indexer/pdf_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "corpus/normalize.h"
#include "corpus/paragraphs.h"
#include "corpus/symbols.h"

namespace dossier {
namespace {

// Lines this close to the top or bottom edge (as a share of the page's height) may be running
// heads and feet; only lines that also read like furniture, or recur on many pages, are.
constexpr double kMarginZone = 0.12;
// A line whose text (digits aside) recurs in the margin zone of this many pages, and of this
// share of them, is a running head or foot.
constexpr int kMinRecurringPages = 3;
constexpr double kMinRecurringShare = 0.2;
// A word this much smaller than its line's type, and raised above its baseline, is a footnote
// marker.
constexpr double kMarkerSizeRatio = 0.85;
// A marker this much smaller than the largest type on its line need not be raised ("Review*").
constexpr double kTinyMarkerRatio = 0.75;
// Type this much smaller than the body's is a footnote's (or a caption's).
constexpr double kSmallTypeRatio = 0.93;
// Type this much larger than the body's is a heading's.
constexpr double kHeadingTypeRatio = 1.12;
// A gap after a line's first word wider than this many font sizes sets the word apart in a
// column of its own: a paragraph number or a list marker hanging in the margin.
constexpr double kHangingGap = 0.7;
// Lines further apart than this many times the usual line pitch have a blank line between them.
constexpr double kParagraphGap = 1.45;
// A line ending this many font sizes short of the text's right edge, after a full stop, ends its
// paragraph.
constexpr double kShortLine = 2.5;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t begin = text.find_first_not_of(' ', at);
    if (begin == std::string_view::npos) break;
    std::size_t end = text.find(' ', begin);
    if (end == std::string_view::npos) end = text.size();
    words.push_back(text.substr(begin, end - begin));
    at = end;
  }
  return words;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

bool is_roman_numeral(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  const std::string l = lower_ascii(s);
  return l.find_first_not_of("ivxlc") == std::string::npos;
}

// "GE.10-12527": the job number the UN prints at the foot of a first page.
bool is_job_number(std::string_view s) {
  if (s.size() < 6 || !is_upper(s[0]) || !is_upper(s[1]) || s[2] != '.') return false;
  if (!is_digit(s[3]) || !is_digit(s[4]) || s[5] != '-') return false;
  return s.size() == 6 || all_digits(s.substr(6));  // "GE.10-" when the number is set apart
}

bool is_furniture_token(std::string_view token);

// The job number as a barcode's human-readable text ("*1325013*").
bool is_barcode(std::string_view text) {
  return text.size() >= 3 && text.front() == '*' && text.back() == '*' &&
         all_digits(text.substr(1, text.size() - 2));
}

// Takes a job number, and the language code and print dates after it, off the start of a line
// ("GE.11- 17548 The annex ...": a job number the layout put on a note's line). Whether any
// was.
bool strip_job_number(std::string& text) {
  const auto words = split_words(text);
  if (words.empty() || !is_job_number(words.front())) return false;
  std::size_t taken = 1;
  while (taken < words.size() && is_furniture_token(words[taken]) &&
         !is_roman_numeral(words[taken])) {
    ++taken;
  }
  if (taken == words.size()) {
    text.clear();
  } else {
    text.erase(0, static_cast<std::size_t>(words[taken].data() - text.data()));
  }
  return true;
}

// A token that is only ever page furniture: a page number, a symbol, a job number, a language
// code "(E)", a print date code "130410", a barcode "*1012527*", "Page", "of".
bool is_furniture_token(std::string_view token) {
  if (all_digits(token) && token.size() <= 7) return true;
  if (token == "Page" || token == "page" || token == "PAGE" || token == "of" || token == "-" ||
      token == "\xE2\x80\x93") {
    return true;
  }
  if (is_roman_numeral(token)) return true;
  if (is_document_symbol(token) || is_job_number(token)) return true;
  if (token.size() == 3 && token.front() == '(' && token.back() == ')' && is_upper(token[1])) {
    return true;
  }
  if (token.size() >= 3 && token.front() == '*' && token.back() == '*' &&
      all_digits(token.substr(1, token.size() - 2))) {
    return true;
  }
  return false;
}

// Whether `token` is a footnote marker as printed: "1", "12", "*", "**", "†".
bool is_marker_text(std::string_view token) {
  if (token.empty() || token.size() > 3) {
    return token == "\xE2\x80\xA0" || token == "\xE2\x80\xA1";  // dagger, double dagger
  }
  if (token == "\xE2\x88\x97") return true;  // U+2217 asterisk operator
  return all_digits(token) || token.find_first_not_of('*') == std::string_view::npos ||
         (token.size() == 1 && is_lower(token[0]));
}

// One line of a page, as the layout needs it.
struct Line {
  int page = 0;  // 1-based
  double top = 0, bottom = 0, left = 0, right = 0;
  double size = 0;  // the type size most of its characters have
  bool bold = false;
  std::string text;  // words joined; footnote markers taken out
  // The first word stands apart in a column of its own ("12.", "(a)", "I."), and what it is.
  bool hanging = false;
  std::string first_word;
  // The line opens with a raised marker (a footnote's first line: "¹ See ...").
  bool opens_with_marker = false;
  std::string opening_marker;
  enum class Role { kBody, kFurniture, kContents, kFrontMatter, kNote } role = Role::kBody;
};

double overlap(double a0, double a1, double b0, double b1) {
  return std::min(a1, b1) - std::max(a0, b0);
}

// Groups a page's words (in poppler's reading order) into lines: a word that does not sit on
// the current line, or that goes back leftwards, starts a new one.
std::vector<std::vector<const PdfWord*>> group_lines(const PdfPage& page) {
  std::vector<std::vector<const PdfWord*>> lines;
  double top = 0, bottom = 0;
  for (const PdfWord& word : page.words) {
    if (word.text.empty()) continue;
    bool same_line = false;
    if (!lines.empty()) {
      const PdfWord& last = *lines.back().back();
      const double height = std::min(bottom - top, word.bottom - word.top);
      same_line = overlap(top, bottom, word.top, word.bottom) >= 0.5 * height &&
                  word.left >= last.right - 0.5 * last.size;
    }
    if (!same_line) {
      lines.emplace_back();
      top = word.top;
      bottom = word.bottom;
    } else {
      top = std::min(top, word.top);
      bottom = std::max(bottom, word.bottom);
    }
    lines.back().push_back(&word);
  }
  return lines;
}

Line make_line(const std::vector<const PdfWord*>& words, int page_number) {
  Line line;
  line.page = page_number;
  line.top = words.front()->top;
  line.bottom = words.front()->bottom;
  line.left = words.front()->left;
  line.right = words.back()->right;
  std::map<double, std::size_t> chars_by_size;
  std::size_t bold_chars = 0, all_chars = 0;
  for (const PdfWord* w : words) {
    line.top = std::min(line.top, w->top);
    line.bottom = std::max(line.bottom, w->bottom);
    line.right = std::max(line.right, w->right);
    chars_by_size[std::round(w->size * 2) / 2] += w->text.size();
  }
  std::size_t most = 0;
  for (const auto& [size, chars] : chars_by_size) {
    if (chars > most) {
      most = chars;
      line.size = size;
    }
  }
  // Markers are taken out only when they are letters or digits tiny beside the words around.
  const auto biggest = std::max_element(words.begin(), words.end(),
                                        [](auto* a, auto* b) { return a->size < b->size; });
  const double baseline = (*biggest)->bottom;
  auto is_marker = [&](const PdfWord& w) {
    if (!is_marker_text(w.text)) return false;
    const bool raised = w.bottom < baseline - 0.15 * (*biggest)->size;
    return (w.size < kMarkerSizeRatio * line.size && raised) ||
           w.size < kTinyMarkerRatio * (*biggest)->size;
  };
  bool join_next = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const PdfWord& w = *words[i];
    if (!is_marker(w)) {
      all_chars += w.text.size();
      if (w.bold) bold_chars += w.text.size();
    }
    if (is_marker(w)) {
      if (i == 0) {
        line.opens_with_marker = true;
        line.opening_marker = w.text;
      }
      // A marker glued between two words still separates them.
      if (!line.text.empty() && w.space_after && line.text.back() != ' ') join_next = false;
      continue;
    }
    if (!line.text.empty() && !join_next && line.text.back() != ' ') line.text += ' ';
    line.text += w.text;
    // A word poppler split inside (a change of type) joins its neighbour unless there is space.
    join_next =
        !w.space_after && i + 1 < words.size() && words[i + 1]->left - w.right < 0.15 * w.size;
  }
  while (!line.text.empty() && line.text.back() == ' ') line.text.pop_back();
  line.bold = all_chars > 0 && bold_chars * 10 >= all_chars * 8;
  // The first word in a column of its own.
  const std::size_t first = line.opens_with_marker ? 1 : 0;
  if (first < words.size()) {
    const PdfWord& w = *words[first];
    line.first_word = w.text;
    if (first + 1 < words.size()) {
      const double gap = words[first + 1]->left - w.right;
      line.hanging = gap > kHangingGap * std::max(w.size, 1.0);
    }
  }
  return line;
}

// The key under which a running head recurs: lower-case, digits folded.
std::string recurrence_key(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (is_digit(c)) {
      if (key.empty() || key.back() != '#') key += '#';
    } else if (c != ' ') {
      key += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return key;
}

bool in_margin_zone(const Line& line, double height) {
  return line.bottom < kMarginZone * height || line.top > (1 - kMarginZone) * height;
}

bool reads_like_furniture(std::string_view text) {
  const auto words = split_words(text);
  if (words.empty()) return true;
  bool any_telling = false;
  for (std::string_view word : words) {
    if (!is_furniture_token(word)) return false;
    if (word != "of" && word != "-") any_telling = true;
  }
  return any_telling;
}

// A paragraph number or list marker hanging in its own column: "12.", "86.1", "(a)", "(iv)",
// "a.", "•", "-".
bool is_list_lead(std::string_view word) {
  if (word.empty()) return false;
  if (word == "\xE2\x80\xA2" || word == "-" || word == "\xE2\x80\x93" || word == "\xC2\xB7" ||
      word == "\xEF\x82\xB7" || word == "o") {
    return true;
  }
  if (word.front() == '(' && word.back() == ')' && word.size() <= 6) return true;
  std::string_view core = word;
  if (core.back() == '.' || core.back() == ')') core.remove_suffix(1);
  if (core.empty()) return false;
  if (printed_number(std::string(word) + " x")) return true;
  return (core.size() == 1 && (is_lower(core[0]) || is_upper(core[0]))) ||
         (is_roman_numeral(core) && word.back() == '.');
}

bool ends_sentence(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '*')) text.remove_suffix(1);
  if (text.empty()) return false;
  const char c = text.back();
  if (c == '.' || c == ':' || c == ';' || c == '!' || c == '?' || c == ')' || c == '"') {
    return true;
  }
  // Closing quotation marks.
  return text.ends_with("\xE2\x80\x9D") || text.ends_with("\xE2\x80\x99");
}

bool is_contents_title(std::string_view text) {
  const std::string l = lower_ascii(text);
  return l == "contents" || l == "table of contents" || l == "contents page" ||
         l == "summary contents";
}

// A line of a table of contents: with a dot leader, or ending in a page number or a range of
// paragraphs.
bool reads_like_contents_entry(std::string_view text) {
  if (text.find("....") != std::string_view::npos ||
      text.find("\xE2\x80\xA6\xE2\x80\xA6") != std::string_view::npos ||
      text.find(". . .") != std::string_view::npos) {
    return true;
  }
  const auto words = split_words(text);
  if (words.empty()) return true;
  const std::string l = lower_ascii(text);
  if (l == "paragraphs" || l == "page" || l == "paragraphs page" || l == "annex" ||
      l == "annexes" || l == "chapter" || l == "annex page") {
    return true;
  }
  return std::all_of(words.begin(), words.end(), [](std::string_view w) {
    return all_digits(w) || is_roman_numeral(w) || w == "-" || w == "\xE2\x80\x93" ||
           (w.size() <= 2 && w.back() == '.') || w.find("\xE2\x80\x93") != std::string_view::npos ||
           (w.find('-') != std::string_view::npos && is_digit(w.front()));
  });
}

// The document's body type size: the size most characters on its pages have.
double body_type_size(const std::vector<std::vector<Line>>& pages) {
  std::map<double, std::size_t> chars;
  for (const auto& lines : pages) {
    for (const Line& line : lines) chars[line.size] += line.text.size();
  }
  double size = 10;
  std::size_t most = 0;
  for (const auto& [s, n] : chars) {
    if (n > most) {
      most = n;
      size = s;
    }
  }
  return size;
}

// Whether a footnote-type line opens a note: with a raised marker, or a marker level with its
// text ("* Previously issued...", "3 See...").
bool opens_note(const Line& line) {
  if (line.opens_with_marker) return true;
  const auto words = split_words(line.text);
  return words.size() >= 2 && is_marker_text(words.front()) && !is_lower(words.front()[0]);
}

// --- Running heads and feet ------------------------------------------------------------------

std::size_t mark_furniture(std::vector<std::vector<Line>>& pages,
                           const std::vector<double>& heights) {
  std::unordered_map<std::string, std::set<int>> pages_of_key;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (const Line& line : pages[p]) {
      if (in_margin_zone(line, heights[p])) {
        pages_of_key[recurrence_key(line.text)].insert(static_cast<int>(p));
      }
    }
  }
  const int min_pages =
      std::max(kMinRecurringPages,
               static_cast<int>(std::ceil(kMinRecurringShare * static_cast<double>(pages.size()))));
  std::size_t marked = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (Line& line : pages[p]) {
      // A job number is furniture wherever it stands (a first page sets it above the foot).
      if ((strip_job_number(line.text) && line.text.empty()) || is_barcode(line.text)) {
        line.role = Line::Role::kFurniture;
        ++marked;
        continue;
      }
      if (!in_margin_zone(line, heights[p])) continue;
      const auto recurring = pages_of_key.find(recurrence_key(line.text));
      const bool recurs = recurring != pages_of_key.end() &&
                          static_cast<int>(recurring->second.size()) >= min_pages;
      if (recurs || reads_like_furniture(line.text)) {
        line.role = Line::Role::kFurniture;
        ++marked;
      }
    }
  }
  return marked;
}

// --- Table of contents -----------------------------------------------------------------------

// Marks a table of contents: from a "Contents" line, the entries that follow, over as many pages
// as it runs. The lines after its last entry on its last page are body again.
std::size_t mark_contents(std::vector<std::vector<Line>>& pages) {
  std::size_t marked = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::vector<Line>& lines = pages[p];
    auto title = std::find_if(lines.begin(), lines.end(), [](const Line& line) {
      return line.role == Line::Role::kBody && is_contents_title(line.text);
    });
    if (title == lines.end()) continue;
    std::size_t page = p;
    std::size_t from = static_cast<std::size_t>(title - lines.begin());
    while (page < pages.size()) {
      std::vector<Line>& here = pages[page];
      // The last entry on this page: everything up to it is the table.
      std::size_t last_entry = from;
      bool any_entry = false;
      for (std::size_t i = from; i < here.size(); ++i) {
        if (here[i].role != Line::Role::kBody) continue;
        if (reads_like_contents_entry(here[i].text)) {
          last_entry = i;
          any_entry = true;
        } else if (printed_number(here[i].text) && here[i].hanging) {
          break;  // a numbered paragraph: the body has begun
        }
      }
      if (!any_entry && page != p) break;
      std::size_t end = last_entry + 1;
      // On the table's own page, an entry's wrapped heading line between entries is part of it;
      // after the last entry, the rest of the page belongs to the table only if no body follows.
      for (std::size_t i = from; i < end; ++i) {
        if (here[i].role == Line::Role::kBody) {
          here[i].role = Line::Role::kContents;
          ++marked;
        }
      }
      // Headings after the last entry stay body; a table that fills its page may run on.
      bool body_follows = false;
      for (std::size_t i = end; i < here.size(); ++i) {
        if (here[i].role == Line::Role::kBody) body_follows = true;
      }
      if (body_follows) break;
      ++page;
      from = 0;
    }
    p = page;
  }
  return marked;
}

// --- Footnotes -------------------------------------------------------------------------------

// Marks each page's footnotes: the small-type lines under the last line of body type, when the
// first of them opens with a marker.
void mark_notes(std::vector<std::vector<Line>>& pages, const std::vector<double>& heights,
                double body_size) {
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::vector<Line>& lines = pages[p];
    std::size_t last_body = lines.size();
    for (std::size_t i = lines.size(); i-- > 0;) {
      if (lines[i].role != Line::Role::kBody && lines[i].role != Line::Role::kFrontMatter) {
        continue;
      }
      if (lines[i].size >= kSmallTypeRatio * body_size) {
        last_body = i;
        break;
      }
    }
    if (last_body == lines.size()) continue;  // no body type on the page
    std::size_t first_note = lines.size();
    for (std::size_t i = last_body + 1; i < lines.size(); ++i) {
      if (lines[i].role == Line::Role::kBody) {
        first_note = i;
        break;
      }
    }
    if (first_note == lines.size()) continue;
    const Line& opening = lines[first_note];
    const bool small = opening.size < kSmallTypeRatio * body_size;
    const bool low = opening.top > 0.4 * heights[p];
    const bool marked =
        opens_note(opening) || (p > 0 && !opening.hanging);  // a note running on from the last page
    if (!small || !low || !marked) continue;
    for (std::size_t i = first_note; i < lines.size(); ++i) {
      if (lines[i].role == Line::Role::kBody && lines[i].size < kSmallTypeRatio * body_size) {
        lines[i].role = Line::Role::kNote;
      }
    }
  }
}

// --- The first page ----------------------------------------------------------------------------

bool is_masthead_line(std::string_view text) {
  const std::string l = lower_ascii(text);
  static constexpr std::string_view kMasthead[] = {"united nations",
                                                   "united",
                                                   "nations",
                                                   "general assembly",
                                                   "economic and social council",
                                                   "security council",
                                                   "distr",
                                                   "general",
                                                   "restricted",
                                                   "limited",
                                                   "original",
                                                   "english",
                                                   "french",
                                                   "spanish",
                                                   "arabic",
                                                   "russian",
                                                   "chinese",
                                                   "advance unedited version",
                                                   "advance edited version"};
  for (std::string_view m : kMasthead) {
    if (l == m || (l.starts_with(m) && (l.size() == m.size() || l[m.size()] == ':' ||
                                        l[m.size()] == '.' || l[m.size()] == ' '))) {
      if (m == "general" && l.size() > m.size() && l != "general assembly") continue;
      return true;
    }
  }
  if (l.find("session") != std::string::npos && l.size() < 60) return true;
  if (l.starts_with("agenda item")) return true;
  if (l.starts_with("item ") && l.size() < 30) return true;
  return false;
}

// A UN body a masthead names.
std::string masthead_body(std::string_view text) {
  const std::string l = lower_ascii(text);
  static constexpr std::pair<std::string_view, std::string_view> kBodies[] = {
      {"human rights council", "Human Rights Council"},
      {"commission on human rights", "Commission on Human Rights"},
      {"human rights committee", "Human Rights Committee"},
      {"committee on the rights of the child", "Committee on the Rights of the Child"},
      {"committee against torture", "Committee against Torture"},
  };
  for (const auto& [folded, name] : kBodies) {
    if (l == folded) return std::string(name);
  }
  return {};
}

// Blocks of first-page lines set in one type, each line close under the last.
struct Block {
  std::size_t first = 0, last = 0;  // line indexes, inclusive
  double size = 0;
  bool bold = false;
};

std::vector<Block> first_page_blocks(const std::vector<Line>& lines) {
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (!blocks.empty()) {
      Block& b = blocks.back();
      const Line& prev = lines[b.last];
      const bool same_type = std::abs(prev.size - line.size) < 0.6 && prev.bold == line.bold;
      const bool close = line.top - prev.bottom < 0.6 * line.size && line.top >= prev.top;
      if (same_type && close) {
        b.last = i;
        continue;
      }
    }
    blocks.push_back(Block{i, i, line.size, line.bold});
  }
  return blocks;
}

std::string block_text(const std::vector<Line>& lines, const Block& block) {
  std::string text;
  for (std::size_t i = block.first; i <= block.last; ++i) {
    if (!text.empty()) text += ' ';
    text += lines[i].text;
  }
  // A marker left in type of the title's size ("Argentina *", "Ireland ∗").
  while (!text.empty()) {
    if (text.back() == '*' || text.back() == ' ') {
      text.pop_back();
    } else if (text.ends_with("\xE2\x88\x97")) {
      text.resize(text.size() - 3);
    } else {
      break;
    }
  }
  return text;
}

// Reads the first page: the symbol, the issue date, the masthead's body and the title; marks
// the masthead and title lines as front matter (not body) when the page is a UN document's.
PdfFrontMatter read_front_matter(std::vector<Line>& lines, double page_height, double body_size) {
  PdfFrontMatter front;
  // The symbol: the first symbol-like token of a masthead line in the top third. The masthead
  // sets it apart ("A/HRC/25/13", at most beside "United Nations" or "Distr.: General"); a
  // sentence that cites another document's symbol is not the document's own.
  for (const Line& line : lines) {
    if (line.top > page_height / 3) break;
    const std::vector<std::string_view> words = split_words(line.text);
    if (words.size() > 4) continue;
    for (std::string_view word : words) {
      // A symbol may carry the cover note's marker ("A/HRC/12/5*").
      while (!word.empty() && word.back() == '*') word.remove_suffix(1);
      if (is_document_symbol(word)) {
        front.symbol = std::string(word);
        break;
      }
    }
    if (!front.symbol.empty()) break;
  }
  const bool un_document = !front.symbol.empty();
  std::vector<bool> masthead(lines.size(), false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.top > 0.6 * page_height || line.role != Line::Role::kBody) continue;
    if (!front.issued) {
      if (auto date = parse_date(line.text); date && date->day != 0) {
        front.issued = date;
        masthead[i] = true;
        continue;
      }
    }
    if (front.body_name.empty()) {
      front.body_name = masthead_body(line.text);
      if (!front.body_name.empty()) {
        masthead[i] = true;
        continue;
      }
    }
    if (is_masthead_line(line.text) || reads_like_furniture(line.text)) masthead[i] = true;
  }
  // The title: the block of the largest type among the rest in the page's top 70%, then a block
  // of the same type right after it (the subject country, set apart) as its subtitle.
  const std::vector<Block> blocks = first_page_blocks(lines);
  const Block* title = nullptr;
  std::size_t title_at = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const Block& block = blocks[b];
    if (lines[block.first].top > 0.7 * page_height) continue;
    if (lines[block.first].role != Line::Role::kBody) continue;
    bool all_masthead = true;
    for (std::size_t i = block.first; i <= block.last; ++i) all_masthead &= masthead[i];
    if (all_masthead) continue;
    const std::string text = block_text(lines, block);
    std::string letters = lower_ascii(text);
    std::erase(letters, ' ');
    if (text.size() < 3 || letters == "universalperiodicreview") continue;
    if (title == nullptr || block.size > title->size + 0.5 ||
        (!title->bold && block.bold && block.size >= title->size - 0.5)) {
      title = &block;
      title_at = b;
    }
  }
  if (title != nullptr &&
      (title->size > kHeadingTypeRatio * body_size || title->bold || un_document)) {
    front.title = block_text(lines, *title);
    std::size_t last_line = title->last;
    if (title_at + 1 < blocks.size()) {
      const Block& next = blocks[title_at + 1];
      const std::string subtitle = block_text(lines, next);
      // The subject set apart under the title, in the same or somewhat smaller type.
      const bool alike = next.size <= title->size + 0.6 && next.size >= 0.7 * title->size &&
                         next.bold == title->bold;
      if (alike && !subtitle.empty() && subtitle.size() < 80 &&
          lines[next.first].top < 0.7 * page_height &&
          lines[next.first].top - lines[title->last].bottom < 3 * title->size) {
        front.title += ": " + subtitle;
        last_line = next.last;
      }
    }
    if (un_document) {
      // The masthead and title are the document's cover, not its body.
      for (std::size_t i = 0; i <= last_line; ++i) {
        if (lines[i].role == Line::Role::kBody) lines[i].role = Line::Role::kFrontMatter;
      }
    }
  }
  return front;
}

// --- Paragraphs --------------------------------------------------------------------------------

// Stands for a line-end hyphen until the document's words say whether it joins a split word
// ("recom-" "mendation") or belongs to a compound ("well-" "being").
constexpr char kPendingHyphen = '\x1E';

struct Assembly {
  std::vector<Paragraph> paragraphs;
  const Line* last_line = nullptr;
  double pitch = 12;      // the usual distance between two lines' tops
  double text_right = 0;  // the text's right edge
};

bool is_heading_line(const Line& line, double body_size) {
  if (line.text.size() > 200) return false;
  if (line.size > kHeadingTypeRatio * body_size) return true;
  return line.bold && !line.text.empty();
}

void append_line(Paragraph& paragraph, const Line& line) {
  std::string& text = paragraph.text;
  if (!text.empty()) {
    // A word split by a hyphen at the line's end: decided once the document is read.
    const bool split = text.size() >= 2 && text.back() == '-' &&
                       (is_lower(text[text.size() - 2]) || is_upper(text[text.size() - 2])) &&
                       !line.text.empty() && is_lower(line.text.front());
    const bool compound = text.size() >= 2 && text.back() == '-' && text[text.size() - 2] != ' ' &&
                          !line.text.empty() && is_lower(line.text.front());
    if (split) {
      text.back() = kPendingHyphen;
    } else if (compound) {
      // "2.6-" "fold": the hyphen of a compound, no space.
    } else if (text.ends_with("\xC2\xAD")) {  // a soft hyphen: always a split word
      text.resize(text.size() - 2);
    } else {
      text += ' ';
    }
  }
  text += line.text;
  paragraph.last_page = line.page;
}

void resolve_hyphens(std::vector<Paragraph>& paragraphs) {
  // The document's own words, lower-cased, with and without hyphens.
  std::unordered_set<std::string> words;
  for (const Paragraph& p : paragraphs) {
    for (std::string_view word : split_words(p.text)) {
      std::string w;
      for (char c : word) {
        if (is_lower(c) || is_upper(c) || c == '-' || static_cast<unsigned char>(c) >= 0x80) {
          w += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
        } else if (c == kPendingHyphen) {
          w.clear();  // a split word is not evidence for itself
          break;
        }
      }
      if (!w.empty()) words.insert(std::move(w));
    }
  }
  auto letters_around = [](const std::string& text, std::size_t at, bool before) {
    std::string part;
    if (before) {
      std::size_t i = at;
      while (i > 0 && (is_lower(text[i - 1]) || is_upper(text[i - 1]) || text[i - 1] == '-')) --i;
      part = lower_ascii(std::string_view(text).substr(i, at - i));
    } else {
      std::size_t i = at + 1;
      while (i < text.size() && (is_lower(text[i]) || is_upper(text[i]) || text[i] == '-')) ++i;
      part = lower_ascii(std::string_view(text).substr(at + 1, i - at - 1));
    }
    return part;
  };
  for (Paragraph& p : paragraphs) {
    std::string& text = p.text;
    for (std::size_t at = text.find(kPendingHyphen); at != std::string::npos;
         at = text.find(kPendingHyphen, at)) {
      const std::string left = letters_around(text, at, true);
      const std::string right = letters_around(text, at, false);
      const bool joined_known = words.contains(left + right);
      const bool hyphenated_known = words.contains(left + "-" + right);
      if (joined_known && !hyphenated_known) {
        text.erase(at, 1);
      } else {
        text[at] = '-';
        ++at;
      }
    }
  }
}

// Whether `line` starts a new paragraph after the one being built.
bool starts_paragraph(const Line& line, const Line& previous, const Assembly& assembly,
                      double body_size) {
  // A change of type: a heading begins or ends.
  if (is_heading_line(line, body_size) != is_heading_line(previous, body_size)) return true;
  if (std::abs(line.size - previous.size) > 0.6 &&
      (line.size > kHeadingTypeRatio * body_size ||
       previous.size > kHeadingTypeRatio * body_size)) {
    return true;
  }
  if (line.hanging && is_list_lead(line.first_word)) return true;
  if (line.page == previous.page) {
    if (line.top - previous.top > kParagraphGap * assembly.pitch) return true;
  }
  if (std::abs(line.size - previous.size) > 1.5) return true;
  const double right_edge = assembly.text_right;
  if (ends_sentence(previous.text) && previous.right < right_edge - kShortLine * previous.size) {
    return true;
  }
  return false;
}

// The usual distance between two body lines' tops on one page, and the text's right edge.
void measure_body(const std::vector<std::vector<Line>>& pages, double body_size,
                  Assembly& assembly) {
  std::map<int, int> pitches;
  std::map<int, int> rights;
  for (const auto& lines : pages) {
    const Line* previous = nullptr;
    for (const Line& line : lines) {
      if (line.role != Line::Role::kBody || std::abs(line.size - body_size) > 0.6) {
        previous = nullptr;
        continue;
      }
      rights[static_cast<int>(std::round(line.right))]++;
      if (previous != nullptr && line.top > previous->top) {
        pitches[static_cast<int>(std::round((line.top - previous->top) * 4))]++;
      }
      previous = &line;
    }
  }
  int most = 0;
  for (const auto& [pitch, n] : pitches) {
    if (n > most) {
      most = n;
      assembly.pitch = pitch / 4.0;
    }
  }
  // The right edge: the furthest right of the common line ends (justified text ends together).
  most = 0;
  for (const auto& [right, n] : rights) {
    if (n > most) {
      most = n;
      assembly.text_right = right;
    }
  }
  if (assembly.pitch <= 0) assembly.pitch = body_size * 1.2;
}

// Each page's left text edge. Facing pages are set with mirrored margins, and a page of list
// items has no line at the edge, so the edge is the one most pages of the same side have: on
// each page, the leftmost place where at least two lines of body type begin; over the odd and
// the even pages apart, the most common of those.
std::vector<double> text_left_edges(const std::vector<std::vector<Line>>& pages, double body_size) {
  std::vector<std::optional<double>> page_edges;
  for (const auto& lines : pages) {
    std::vector<double> lefts;
    for (const Line& line : lines) {
      if (line.role == Line::Role::kBody && std::abs(line.size - body_size) <= 0.6) {
        lefts.push_back(line.left);
      }
    }
    std::sort(lefts.begin(), lefts.end());
    std::optional<double> edge;
    for (std::size_t i = 0; i + 1 < lefts.size(); ++i) {
      if (lefts[i + 1] - lefts[i] <= 2) {
        edge = lefts[i];
        break;
      }
    }
    page_edges.push_back(edge);
  }
  std::map<int, int> counts[2];
  for (std::size_t p = 0; p < page_edges.size(); ++p) {
    if (page_edges[p]) counts[p % 2][static_cast<int>(std::round(*page_edges[p]))]++;
  }
  double side_edge[2] = {0, 0};
  for (int side = 0; side < 2; ++side) {
    int most = 0;
    for (const auto& [edge, n] : counts[side]) {
      if (n > most) {
        most = n;
        side_edge[side] = edge;
      }
    }
  }
  if (counts[1].empty()) side_edge[1] = side_edge[0];
  if (counts[0].empty()) side_edge[0] = side_edge[1];
  std::vector<double> edges;
  for (std::size_t p = 0; p < pages.size(); ++p) edges.push_back(side_edge[p % 2]);
  return edges;
}

std::vector<Paragraph> assemble(const std::vector<std::vector<Line>>& pages, double body_size) {
  Assembly assembly;
  measure_body(pages, body_size, assembly);
  std::vector<Paragraph>& out = assembly.paragraphs;
  std::vector<Paragraph> notes;
  const Line* previous = nullptr;
  std::optional<double> number_left;  // how far in from the text's edge the last number hung
  const std::vector<double> text_left = text_left_edges(pages, body_size);
  for (const auto& lines : pages) {
    for (const Line& line : lines) {
      if (line.text.empty()) continue;
      if (line.role == Line::Role::kNote) {
        if (opens_note(line) || notes.empty()) {
          Paragraph note;
          note.kind = ParagraphKind::kNote;
          note.page = line.page;
          note.last_page = line.page;
          if (line.opens_with_marker) note.text = line.opening_marker + " ";
          note.text += line.text;
          notes.push_back(std::move(note));
        } else {
          append_line(notes.back(), line);
        }
        continue;
      }
      if (line.role != Line::Role::kBody) continue;
      if (previous == nullptr || out.empty() ||
          starts_paragraph(line, *previous, assembly, body_size)) {
        Paragraph paragraph;
        paragraph.kind =
            is_heading_line(line, body_size) ? ParagraphKind::kHeading : ParagraphKind::kText;
        // A numbered item hanging further in than the paragraph numbers do is an item inside
        // a paragraph (recommendation "1." under paragraph 87), not a paragraph of its own.
        // A numbered item set further in than the last paragraph number is an item inside that
        // paragraph; a two-part number ("109.110") is the paragraph's own sub-number, a label.
        const auto number = printed_number(line.text);
        // Measured from the page's text edge: facing pages are set with mirrored margins.
        if (line.hanging && number && number->find('.') == std::string::npos) {
          const double indent = line.left - text_left[static_cast<std::size_t>(line.page - 1)];
          paragraph.nested = number_left && indent > *number_left + 0.8 * line.size;
          if (!paragraph.nested) number_left = indent;
        }
        paragraph.page = line.page;
        paragraph.last_page = line.page;
        paragraph.text = line.text;
        out.push_back(std::move(paragraph));
      } else {
        append_line(out.back(), line);
      }
      previous = &line;
    }
  }
  // A paragraph set in heading type reads as a heading when it is short and not a sentence:
  // recommendations set in bold are text.
  for (Paragraph& p : out) {
    if (p.kind != ParagraphKind::kHeading) continue;
    const char last = p.text.back();
    if (p.text.size() > 200 || last == '.' || last == ';' || last == ',') {
      p.kind = ParagraphKind::kText;
    }
  }
  // A lone short line with no full stop reads as a heading (reports set in capitals).
  for (Paragraph& p : out) {
    if (p.kind != ParagraphKind::kText || p.text.size() > 90 || ends_sentence(p.text)) continue;
    if (p.text.front() == '(' || printed_number(p.text)) continue;
    const auto words = split_words(p.text);
    const std::string upper_share = p.text;
    const bool capitals = std::none_of(p.text.begin(), p.text.end(), is_lower);
    if (capitals && words.size() <= 14) p.kind = ParagraphKind::kHeading;
  }
  for (Paragraph& note : notes) out.push_back(std::move(note));
  resolve_hyphens(out);
  for (std::size_t i = 0; i < out.size(); ++i) out[i].number = static_cast<int>(i) + 1;
  return out;
}

}  // namespace

struct PdfLayout::Pages {
  std::vector<std::vector<Line>> lines;
  std::vector<double> heights;
};

PdfLayout::PdfLayout() : pages_(std::make_unique<Pages>()) {}
PdfLayout::~PdfLayout() = default;

void PdfLayout::add_page(const PdfPage& page) {
  const int number = static_cast<int>(pages_->lines.size()) + 1;
  std::vector<Line>& lines = pages_->lines.emplace_back();
  for (const auto& words : group_lines(page)) lines.push_back(make_line(words, number));
  pages_->heights.push_back(page.height);
}

PdfText PdfLayout::finish() {
  std::vector<std::vector<Line>>& lines = pages_->lines;
  const std::vector<double>& heights = pages_->heights;
  PdfText result;
  result.pages = static_cast<int>(lines.size());
  const double body_size = body_type_size(lines);
  if (!lines.empty()) result.front = read_front_matter(lines[0], heights[0], body_size);
  result.furniture_lines = mark_furniture(lines, heights);
  result.furniture_lines += mark_contents(lines);
  mark_notes(lines, heights, body_size);
  result.paragraphs = assemble(lines, body_size);
  pages_ = std::make_unique<Pages>();
  return result;
}

PdfText lay_out_pdf(const std::vector<PdfPage>& pages) {
  PdfLayout layout;
  for (const PdfPage& page : pages) layout.add_page(page);
  return layout.finish();
}

}  // namespace dossier
