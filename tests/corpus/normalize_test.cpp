#include "corpus/normalize.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "test_paths.h"

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

// The ASCII fast path must give exactly ICU's words: same terms, same offsets.
void expect_same_as_icu(const TextNormalizer& n, std::string_view text) {
  const auto fast = n.tokenize(text);
  const auto icu = n.tokenize_with_icu(text);
  ASSERT_EQ(fast.size(), icu.size()) << "in: " << text;
  for (std::size_t i = 0; i < fast.size(); ++i) {
    ASSERT_EQ(fast[i].term, icu[i].term) << "in: " << text;
    ASSERT_EQ(fast[i].begin, icu[i].begin) << "in: " << text;
    ASSERT_EQ(fast[i].end, icu[i].end) << "in: " << text;
  }
}

TEST(Tokenize, AsciiFastPathAgreesWithIcuOnEdgeCases) {
  TextNormalizer n;
  for (std::string_view text :
       {"a.b a..b 1,000.50 1,a a,1 U.S. it's 'quoted' rock'n'roll 3'4 x.1 1.x -5 e-mail",
        "a;b 1;2 end. 'tis O'Neil's (Tier 2) [sic] 50% $1.5 million 2003-04 a/b #1 A.B.C.D",
        "x' 'x '' .. ,, 1. .1 1,,2 1.2.3 a.b.c. v1.2 1a2b 3rd 'a'b' a''b \"q\" ok? yes!",
        "line\nbreak\ttab\r\nend", "", " ", "...", "a", "9", "'", "a'", "'a", "1'"}) {
    expect_same_as_icu(n, text);
  }
}

TEST(Tokenize, AsciiFastPathAgreesWithIcuOnRandomText) {
  TextNormalizer n;
  std::mt19937 random(7);
  // Every character the fast path takes, and some it leaves to ICU.
  const std::string alphabet = "aZ9.,;'-()\" !?/\t\n\rxY0%$&*+=[]#<>@_:`é";
  for (int round = 0; round < 100000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 24);
    for (int i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    expect_same_as_icu(n, text);
    if (HasFatalFailure()) return;
  }
}

TEST(Tokenize, AsciiFastPathAgreesWithIcuOnEveryReport) {
  TextNormalizer n;
  std::vector<std::filesystem::path> dirs = {test::samples_dir()};
  if (auto shared = test::shared_corpus_dir()) dirs.push_back(*shared / "docs");
  std::size_t lines = 0;
  for (const auto& dir : dirs) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      for (std::string line; std::getline(in, line); ++lines) {
        expect_same_as_icu(n, line);
        if (HasFatalFailure()) return;
      }
    }
  }
  EXPECT_GT(lines, 1000u);
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

namespace dossier {
namespace {

// Sentences by ICU's rules; dotted initials and "Mr." end none; white space is left out.
TEST(Sentences, SpansOfEachSentence) {
  const std::string text =
      "The U.S. Embassy met Mr. Smith.  Cotton was harvested, e.g. by children.\n"
      "Côte d’Ivoire agreed. ";
  std::vector<std::string> sentences;
  for (const auto& [begin, end] : sentence_spans(text)) {
    sentences.push_back(text.substr(begin, end - begin));
  }
  EXPECT_EQ(sentences, (std::vector<std::string>{"The U.S. Embassy met Mr. Smith.",
                                                 "Cotton was harvested, e.g. by children.",
                                                 "Côte d’Ivoire agreed."}));
  EXPECT_TRUE(sentence_spans("  \n ").empty());
}

}  // namespace
}  // namespace dossier
