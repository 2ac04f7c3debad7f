#include "corpus/normalize.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

std::vector<std::string> terms(const TextNormalizer& n, std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : n.tokenize(text)) out.push_back(t.term);
  return out;
}

TEST(Fold, CaseAccentsQuotesAndWidth) {
  TextNormalizer n;
  EXPECT_EQ(n.fold("Côte d’Ivoire"), "cote d'ivoire");
  EXPECT_EQ(n.fold("Cote d'Ivoire"), "cote d'ivoire");
  EXPECT_EQ(n.fold("  TÜRKİYE\t(Turkey) "), "turkiye (turkey)");
  EXPECT_EQ(n.fold("“quoted” — dash"), "\"quoted\" - dash");
  EXPECT_EQ(n.fold("ＡＢＣ ﬁle"), "abc file");  // NFKC: full width and ligatures
  EXPECT_EQ(n.fold("Straße"), "strasse");
}

TEST(Tokenize, IcuWordsWithOffsetsIntoTheInput) {
  TextNormalizer n;
  const std::string text = "Côte d’Ivoire's U.S. anti-trafficking law, 2004.";
  const auto tokens = n.tokenize(text);
  ASSERT_EQ(terms(n, text), (std::vector<std::string>{"cote", "d'ivoire's", "us", "anti",
                                                      "trafficking", "law", "2004"}));
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Côte");
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "d’Ivoire's");
  EXPECT_EQ(text.substr(tokens[6].begin, tokens[6].end - tokens[6].begin), "2004");
}

TEST(Tokenize, SameTermsForStraightAndCurlyForms) {
  TextNormalizer n;
  EXPECT_EQ(terms(n, "Côte d’Ivoire"), terms(n, "COTE D'IVOIRE"));
  EXPECT_EQ(terms(n, "Kazakhstan’s"), terms(n, "kazakhstan's"));
}

TEST(Tokenize, SurvivesInvalidBytesAndEmptyInput) {
  TextNormalizer n;
  EXPECT_TRUE(n.tokenize("").empty());
  const std::string bad =
      "ab\xff"
      "cd ef";
  const auto tokens = n.tokenize(bad);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens.back().term, "ef");
  EXPECT_EQ(tokens.back().end, bad.size());
}

TEST(Utf8, FindsTheFirstInvalidByte) {
  EXPECT_FALSE(find_invalid_utf8("Côte d’Ivoire"));
  EXPECT_EQ(find_invalid_utf8("abc\xc3"), 3u);
  EXPECT_EQ(find_invalid_utf8("ab\xff"
                              "cd"),
            2u);
}

TEST(Slugify, UrlSafeAndStable) {
  EXPECT_EQ(slugify("Côte d'Ivoire"), "cote-d-ivoire");
  EXPECT_EQ(slugify("  U.S. Department of State  "), "u-s-department-of-state");
  EXPECT_EQ(slugify("us-dos-irf_2021_afghanistan"), "us-dos-irf-2021-afghanistan");
}

}  // namespace
}  // namespace dossier
