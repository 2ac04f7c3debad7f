// Function words and variants (corpus/data/stopwords.txt, corpus/data/variants.txt).
#include "corpus/vocabulary.h"

#include <gtest/gtest.h>

#include "corpus/error.h"

namespace dossier {
namespace {

const TextNormalizer& normalizer() {
  static const TextNormalizer kNormalizer;
  return kNormalizer;
}

TEST(Vocabulary, TheDataFilesLoad) {
  const Vocabulary vocabulary = Vocabulary::load(normalizer());
  EXPECT_TRUE(vocabulary.is_stopword("the"));
  EXPECT_TRUE(vocabulary.is_stopword("what"));
  EXPECT_FALSE(vocabulary.is_stopword("not"));  // "not" carries meaning in these reports
  EXPECT_FALSE(vocabulary.is_stopword("torture"));
  EXPECT_GE(vocabulary.longest_form(), 3u);
}

TEST(Vocabulary, TheLongestFormWins) {
  const Vocabulary vocabulary = Vocabulary::load(normalizer());
  const std::vector<std::string> words = {"internally", "displaced", "persons", "camps"};
  const Vocabulary::Match match = vocabulary.variants_at(words);
  ASSERT_EQ(match.words, 3u);
  std::vector<std::string> forms;
  for (const Vocabulary::Form& form : *match.forms) forms.push_back(form.text);
  EXPECT_NE(std::find(forms.begin(), forms.end(), "IDPs"), forms.end());
  const std::vector<std::string> labour = {"labour"};
  ASSERT_EQ(vocabulary.variants_at(labour).words, 1u);
  EXPECT_EQ(vocabulary.variants_at(labour).forms->size(), 2u);
  const std::vector<std::string> nothing = {"cotton", "harvest"};
  EXPECT_EQ(vocabulary.variants_at(nothing).words, 0u);
}

TEST(Vocabulary, MalformedLinesNameFileAndLine) {
  auto load = [](std::string_view variants) {
    return Vocabulary::load(normalizer(), "the\n", "stop.txt", variants, "variants.txt");
  };
  EXPECT_NO_THROW(load("# a comment\ncolour | color\n"));
  try {
    load("colour | color\nlonely\n");
    FAIL() << "a group of one form was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "variants.txt:2: a variant needs two forms or more");
  }
  EXPECT_THROW(load("colour | color\ncolor | kolor\n"), Error);  // a form in two groups
  EXPECT_THROW(load("colour | ...\n"), Error);                   // a form without words
  EXPECT_THROW(Vocabulary::load(normalizer(), "two words\n", "stop.txt", "", "v.txt"), Error);
}

}  // namespace
}  // namespace dossier
