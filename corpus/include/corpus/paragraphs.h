#pragma once
// Paragraph pinpoints a reader can find in the source. UN documents print their own paragraph
// numbers ("1.", "2.", recommendations "86.1."); a citation's "para. 12" must mean what the
// document printed as 12, not the twelfth block of the text. Reports that print none are
// pinpointed as APA allows: their text paragraphs counted in order, headings not counted.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/report.h"

namespace dossier {

// The number a paragraph's text starts with, as printed ("12" for "12. The State...", "86.1"
// for "86.1. Ratify..." or "86.1 Ratify..."); nothing when it starts with none. A single number
// needs its full stop ("3 people" is no paragraph number); a number of more than three digits
// is a year or an amount, never one.
std::optional<std::string> printed_number(std::string_view text);

// Sets every paragraph's label (a footnote's is "n" and its marker: "n3"). When at least
// kMinPrintedNumbers text paragraphs, and a quarter of them, start with a printed number in
// document order (each one's first part at or above the last one's and at most kMaxNumberGap above
// it, so "1.5 million" in the middle of a report is not taken for one), the report prints its
// numbers: those paragraphs are labelled with them (a nested item's number is not one), a text
// paragraph without one continues the numbered paragraph before it (a list item, a quotation) and
// takes its label, and text before the first number has none. Otherwise text paragraphs are
// labelled "1", "2", ... in order. Headings never have a label.
void label_paragraphs(std::vector<Paragraph>& paragraphs);

// Whether label_paragraphs() found printed numbers.
bool prints_paragraph_numbers(const std::vector<Paragraph>& paragraphs);

// The paragraph labelled `label` (the first, when a continuation shares it); nullptr if none.
const Paragraph* paragraph_labelled(const std::vector<Paragraph>& paragraphs,
                                    std::string_view label);

// The pinpoint of a labelled paragraph as a citation writes it: "para. 12" where the report
// prints its numbers; else, under a heading, the heading (without a closing colon or full stop)
// and the paragraph's place under it ("Prosecution, para. 2", as APA allows), and "para. 14"
// before any heading.
// A paragraph of a report with pages (a PDF) adds its page: "para. 12, p. 4", "para. 12,
// pp. 4–5"; a footnote is "p. 4 n. 3".
std::string pinpoint(const std::vector<Paragraph>& paragraphs, const Paragraph& paragraph);
// The pinpoint without the page ("para. 12", "n. 3").
std::string paragraph_pinpoint(const std::vector<Paragraph>& paragraphs,
                               const Paragraph& paragraph);
// "p. 4", "pp. 4–5", or "" for a paragraph of a source without pages.
std::string page_locator(const Paragraph& paragraph);
// The marker a footnote's text opens with ("3" of "3 See ...", "*"), or "".
std::string note_marker(std::string_view text);

inline constexpr int kMinPrintedNumbers = 3;
inline constexpr int kMaxNumberGap = 50;

}  // namespace dossier
