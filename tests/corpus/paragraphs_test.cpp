// Paragraph labels: the numbers a report prints, else text paragraphs counted; headings never.
#include "corpus/paragraphs.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

std::vector<Paragraph> blocks(std::initializer_list<std::pair<ParagraphKind, const char*>> given) {
  std::vector<Paragraph> out;
  for (const auto& [kind, text] : given) {
    out.push_back({static_cast<int>(out.size()) + 1, kind, text});
  }
  label_paragraphs(out);
  return out;
}

std::vector<std::string> labels_of(const std::vector<Paragraph>& paragraphs) {
  std::vector<std::string> out;
  for (const Paragraph& p : paragraphs) out.push_back(p.label);
  return out;
}

constexpr ParagraphKind kText = ParagraphKind::kText;
constexpr ParagraphKind kHeading = ParagraphKind::kHeading;

TEST(PrintedNumber, ReadsTheNumbersUnDocumentsPrint) {
  EXPECT_EQ(printed_number("12. The State under review"), "12");
  EXPECT_EQ(printed_number("86.1. Ratify the Convention"), "86.1");
  EXPECT_EQ(printed_number("113.2 Consider ratifying"), "113.2");
  EXPECT_EQ(printed_number("1.2.3. Deep"), "1.2.3");
  // Not paragraph numbers: no full stop after a single number, amounts, years, a bare number.
  EXPECT_FALSE(printed_number("3 people were arrested."));
  EXPECT_FALSE(printed_number("12.5% of the population"));
  EXPECT_FALSE(printed_number("2004. The year began"));
  EXPECT_FALSE(printed_number("128."));
  EXPECT_FALSE(printed_number("12.  "));
  EXPECT_FALSE(printed_number("The 12. item"));
  EXPECT_FALSE(printed_number(""));
}

TEST(LabelParagraphs, APrintedNumberIsTheLabelAndHeadingsHaveNone) {
  const std::vector<Paragraph> upr = blocks({
      {kText, "Report of the Working Group, addendum"},  // before the first number: no label
      {kHeading, "Introduction"},
      {kText, "1. The Working Group held its session."},
      {kText, "2. The troika was selected."},
      {kText, "(a) A national report;"},  // continues paragraph 2
      {kHeading, "II. Conclusions and recommendations"},
      {kText, "3. The recommendations below enjoy support:"},
      {kText, "3.1. Ratify the Convention (Chile);"},
      {kText, "3.2 Consider the Protocol (Peru);"},
      {kText, "1.5 million people were displaced, the delegation said."},  // out of order
      {kText, "9. Gaps in the numbering are kept as printed."},
  });
  EXPECT_EQ(labels_of(upr),
            (std::vector<std::string>{"", "", "1", "2", "2", "", "3", "3.1", "3.2", "3.2", "9"}));
  EXPECT_TRUE(prints_paragraph_numbers(upr));
  EXPECT_EQ(paragraph_labelled(upr, "2"), &upr[3]);  // the numbered one, not its continuation
  EXPECT_EQ(paragraph_labelled(upr, "3.1"), &upr[7]);
  EXPECT_EQ(paragraph_labelled(upr, "4"), nullptr);
  EXPECT_EQ(paragraph_labelled(upr, ""), nullptr);
  EXPECT_EQ(pinpoint(upr, upr[7]), "para. 3.1");
}

TEST(LabelParagraphs, AMisprintedNumberDoesNotDerailTheNumbering) {
  // "25.77" among the 2s (as "155.77" among the 115s of A/HRC/21/6): the numbering goes on.
  const std::vector<Paragraph> upr = blocks({
      {kText, "1. The Working Group met."},
      {kText, "2. The recommendations below:"},
      {kText, "2.76. Ratify the Protocol (Chile);"},
      {kText, "25.77. Support national initiatives (Peru);"},
      {kText, "2.78. Abolish the death penalty (Spain);"},
      {kText, "3. The next paragraph."},
  });
  EXPECT_EQ(labels_of(upr), (std::vector<std::string>{"1", "2", "2.76", "2.76", "2.78", "3"}));
}

TEST(LabelParagraphs, ANestedItemsNumberIsNotALabel) {
  // Recommendations numbered 1, 2, ... inside paragraph 7 (set further in): the eighth
  // recommendation is not paragraph 8.
  std::vector<Paragraph> upr = {{1, kText, "7. The following recommendations:"},
                                {2, kText, "1. Ratify the Convention (Brazil);"},
                                {3, kText, "8. Continue its efforts (Iran);"},
                                {4, kText, "8. All conclusions reflect the position of States."},
                                {5, kText, "9. Closing."}};
  upr[1].nested = upr[2].nested = true;
  label_paragraphs(upr);
  EXPECT_EQ(labels_of(upr), (std::vector<std::string>{"7", "7", "7", "8", "9"}));
}

TEST(LabelParagraphs, FootnotesAndPagesInPinpoints) {
  std::vector<Paragraph> pdf = {{1, kText, "1. The Working Group met."},
                                {2, kText, "2. The troika was selected."},
                                {3, kText, "3. The report was adopted."},
                                {4, ParagraphKind::kNote, "3 See A/HRC/WG.6/7/L.10."}};
  pdf[0].page = pdf[0].last_page = 3;
  pdf[1].page = 3;
  pdf[1].last_page = 4;
  pdf[3].page = pdf[3].last_page = 4;
  label_paragraphs(pdf);
  EXPECT_EQ(pinpoint(pdf, pdf[0]), "para. 1, p. 3");
  EXPECT_EQ(pinpoint(pdf, pdf[1]), "para. 2, pp. 3\u20134");
  EXPECT_EQ(pdf[3].label, "n3");
  EXPECT_EQ(pinpoint(pdf, pdf[3]), "p. 4 n. 3");
  EXPECT_EQ(paragraph_labelled(pdf, "n3"), &pdf[3]);
  EXPECT_EQ(to_string(ParagraphKind::kNote), "note");
}

TEST(LabelParagraphs, ARestartedNoteNumberIsToldApartByItsPage) {
  std::vector<Paragraph> pdf = {{1, kText, "1. The Working Group met."},
                                {2, ParagraphKind::kNote, "1 See A/HRC/8/1."},
                                {3, ParagraphKind::kNote, "1 See A/HRC/9/2."},
                                {4, ParagraphKind::kNote, "1 Again on page nine."}};
  pdf[1].page = 2;
  pdf[2].page = pdf[3].page = 9;
  label_paragraphs(pdf);
  EXPECT_EQ(pdf[1].label, "n1");
  EXPECT_EQ(pdf[2].label, "p9n1");
  EXPECT_EQ(pdf[3].label, "");  // a third note 1, the second on its page: cited by its place
  EXPECT_EQ(paragraph_labelled(pdf, "p9n1"), &pdf[2]);
  EXPECT_EQ(pinpoint(pdf, pdf[2]), "p. 9 n. 1");
}

TEST(LabelParagraphs, WithoutPrintedNumbersTextParagraphsAreCounted) {
  const std::vector<Paragraph> tip = blocks({
      {kText, "Kazakhstan is a source and destination country."},
      {kHeading, "Prosecution"},
      {kText, "The Government criminalizes trafficking."},
      {kText, "1. Police arrested 12 suspects."},  // one number is no numbering
      {kHeading, "Protection:"},
      {kText, "Shelters opened."},
  });
  EXPECT_EQ(labels_of(tip), (std::vector<std::string>{"1", "", "2", "3", "", "4"}));
  EXPECT_FALSE(prints_paragraph_numbers(tip));
  // As APA allows: the section and the place in it; before any heading, the place in the text.
  EXPECT_EQ(pinpoint(tip, tip[3]), "Prosecution, para. 2");
  EXPECT_EQ(pinpoint(tip, tip[5]), "Protection, para. 1");  // the heading's colon left out
  EXPECT_EQ(pinpoint(tip, tip[0]), "para. 1");
  EXPECT_EQ(pinpoint(tip, tip[1]), "");
}

TEST(LabelParagraphs, AFewNumberedParagraphsInALongReportAreNotItsNumbering) {
  std::vector<std::pair<ParagraphKind, const char*>> given(20, {kText, "Prose without numbers."});
  given[3] = {kText, "1. A list item."};
  given[4] = {kText, "2. Another."};
  given[5] = {kText, "3. And a third."};
  std::vector<Paragraph> report;
  for (const auto& [kind, text] : given) {
    report.push_back({static_cast<int>(report.size()) + 1, kind, text});
  }
  label_paragraphs(report);
  EXPECT_FALSE(prints_paragraph_numbers(report));
  EXPECT_EQ(report[3].label, "4");
  EXPECT_EQ(report[19].label, "20");
}

}  // namespace
}  // namespace dossier
