#include "corpus/paragraphs.h"

#include <algorithm>
#include <set>

namespace dossier {
namespace {

constexpr std::size_t kMaxDigits = 3;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The first part of a printed number ("86" of "86.1").
int first_part(std::string_view number) {
  int value = 0;
  for (char c : number) {
    if (!is_digit(c)) break;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Each text paragraph's printed number, when the report prints its numbers in document order
// (see label_paragraphs); all empty when it does not.
std::vector<std::optional<std::string>> numbers_in_order(const std::vector<Paragraph>& paragraphs) {
  std::vector<std::optional<std::string>> numbers(paragraphs.size());
  std::vector<std::optional<std::string>> candidates(paragraphs.size());
  int text_paragraphs = 0;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (paragraphs[i].kind != ParagraphKind::kText) continue;
    ++text_paragraphs;
    if (!paragraphs[i].nested) candidates[i] = printed_number(paragraphs[i].text);
  }
  int in_order = 0;
  std::optional<int> last;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    std::optional<std::string>& number = candidates[i];
    if (!number) continue;
    const int first = first_part(*number);
    bool follows = last ? first >= *last && first <= *last + kMaxNumberGap
                        : first >= 1 && first <= kMaxNumberGap;
    // A number ahead of the last that the next one does not follow is a misprint ("155.77"
    // among the 115s), not the numbering jumping on.
    if (follows && last && first > *last) {
      auto next = std::find_if(candidates.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                               candidates.end(), [](const auto& c) { return c.has_value(); });
      if (next != candidates.end()) {
        const int after = first_part(**next);
        if (after < first && after >= *last) follows = false;
      }
    }
    if (!follows) continue;
    last = first;
    ++in_order;
    numbers[i] = std::move(number);
  }
  if (in_order < kMinPrintedNumbers || in_order * 4 < text_paragraphs) {
    return std::vector<std::optional<std::string>>(paragraphs.size());
  }
  return numbers;
}

}  // namespace

std::string_view to_string(ParagraphKind kind) {
  switch (kind) {
    case ParagraphKind::kText:
      return "text";
    case ParagraphKind::kHeading:
      return "heading";
    case ParagraphKind::kNote:
      return "note";
  }
  return "text";
}

std::optional<std::string> printed_number(std::string_view text) {
  std::size_t at = 0;
  int parts = 0;
  bool full_stop = false;
  while (true) {
    const std::size_t begin = at;
    while (at < text.size() && is_digit(text[at])) ++at;
    const std::size_t digits = at - begin;
    if (digits == 0 || digits > kMaxDigits) return std::nullopt;
    ++parts;
    full_stop = at < text.size() && text[at] == '.';
    if (!full_stop) break;
    ++at;
    if (at >= text.size() || !is_digit(text[at])) break;
  }
  // Then a space and text: "12." alone is a stray number, "12.5%" an amount.
  if (at >= text.size() || text[at] != ' ') return std::nullopt;
  if (parts == 1 && !full_stop) return std::nullopt;
  std::string_view number = text.substr(0, at);
  if (number.back() == '.') number.remove_suffix(1);
  const std::size_t rest = text.find_first_not_of(' ', at);
  if (rest == std::string_view::npos) return std::nullopt;
  return std::string(number);
}

void label_paragraphs(std::vector<Paragraph>& paragraphs) {
  const std::vector<std::optional<std::string>> numbers = numbers_in_order(paragraphs);
  const bool printed = std::any_of(numbers.begin(), numbers.end(),
                                   [](const auto& number) { return number.has_value(); });
  std::string current;  // the printed number the text is under
  int counted = 0;
  std::set<std::string> note_labels;  // note numbering may restart (per chapter, or '*' notes)
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    Paragraph& paragraph = paragraphs[i];
    if (paragraph.kind == ParagraphKind::kNote) {
      // "n3"; a second note 3 is told apart by its page ("p9n3"), and one that is still not
      // unique is cited by its place (no label) rather than as another note.
      const std::string marker = note_marker(paragraph.text);
      paragraph.label = marker.empty() ? "" : "n" + marker;
      if (!paragraph.label.empty() && note_labels.contains(paragraph.label)) {
        paragraph.label =
            paragraph.page > 0 ? "p" + std::to_string(paragraph.page) + paragraph.label : "";
        if (note_labels.contains(paragraph.label)) paragraph.label.clear();
      }
      if (!paragraph.label.empty()) note_labels.insert(paragraph.label);
      continue;
    }
    if (paragraph.kind != ParagraphKind::kText) {
      paragraph.label.clear();
      continue;
    }
    if (!printed) {
      paragraph.label = std::to_string(++counted);
      continue;
    }
    if (numbers[i]) current = *numbers[i];
    paragraph.label = current;
  }
}

bool prints_paragraph_numbers(const std::vector<Paragraph>& paragraphs) {
  const std::vector<std::optional<std::string>> numbers = numbers_in_order(paragraphs);
  return std::any_of(numbers.begin(), numbers.end(),
                     [](const auto& number) { return number.has_value(); });
}

const Paragraph* paragraph_labelled(const std::vector<Paragraph>& paragraphs,
                                    std::string_view label) {
  if (label.empty()) return nullptr;
  for (const Paragraph& paragraph : paragraphs) {
    if (paragraph.label == label) return &paragraph;
  }
  return nullptr;
}

std::string note_marker(std::string_view text) {
  const std::size_t end = text.find(' ');
  if (end == std::string_view::npos || end == 0 || end > 3) return {};
  const std::string_view marker = text.substr(0, end);
  const bool digits = std::all_of(marker.begin(), marker.end(), is_digit);
  const bool stars = marker.find_first_not_of('*') == std::string_view::npos;
  return digits || stars ? std::string(marker) : std::string();
}

std::string page_locator(const Paragraph& paragraph) {
  if (paragraph.page <= 0) return {};
  if (paragraph.last_page > paragraph.page) {
    return "pp. " + std::to_string(paragraph.page) + "\u2013" + std::to_string(paragraph.last_page);
  }
  return "p. " + std::to_string(paragraph.page);
}

std::string pinpoint(const std::vector<Paragraph>& paragraphs, const Paragraph& paragraph) {
  const std::string where = paragraph_pinpoint(paragraphs, paragraph);
  const std::string page = page_locator(paragraph);
  if (where.empty() || page.empty()) return where;
  // A note is cited on its page: "p. 4 n. 3".
  if (paragraph.kind == ParagraphKind::kNote) return page + " " + where;
  return where + ", " + page;
}

std::string paragraph_pinpoint(const std::vector<Paragraph>& paragraphs,
                               const Paragraph& paragraph) {
  if (paragraph.label.empty()) return {};
  if (paragraph.kind == ParagraphKind::kNote) return "n. " + note_marker(paragraph.text);
  if (prints_paragraph_numbers(paragraphs)) return "para. " + paragraph.label;
  // The heading the paragraph is under, and its place there.
  const Paragraph* heading = nullptr;
  int place = 0;
  for (const Paragraph& p : paragraphs) {
    if (p.kind == ParagraphKind::kHeading) {
      heading = &p;
      place = 0;
      continue;
    }
    ++place;
    if (&p == &paragraph) break;
  }
  if (heading == nullptr) return "para. " + paragraph.label;
  // "Trafficking in persons:" names the section as "Trafficking in persons".
  std::string section = heading->text;
  while (!section.empty() &&
         (section.back() == ':' || section.back() == ';' || section.back() == ',' ||
          section.back() == '.' || section.back() == ' ')) {
    section.pop_back();
  }
  return section + ", para. " + std::to_string(place);
}

}  // namespace dossier
