#pragma once
// Words the query language reads with care (docs/query-language.md): function words, which a
// query of several words does not require (corpus/data/stopwords.txt), and variants, forms that
// stand for one another (corpus/data/variants.txt: British and American spellings,
// transliterations, acronyms and their long forms).
//
// Threading: a loaded Vocabulary is immutable and safe to share between threads.
#include <cstddef>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/normalize.h"

namespace dossier {

// Written as an acronym ("WHO", "IDPs"): no lower-case ASCII letter and two capitals or more.
// Such a word is not a function word, and such a variant form is an acronym.
bool written_as_acronym(std::string_view text);

class Vocabulary {
 public:
  // One form of a variant group, as the normalizer folds it into words.
  struct Form {
    std::vector<std::string> words;  // folded ("internally", "displaced", "persons")
    std::string text;                // as the data file writes it ("IDPs")
    bool acronym = false;            // written in capitals: a query must use it as a word
  };
  // A run of query words that is a form of some group, and the group's forms.
  struct Match {
    std::size_t words = 0;                     // how many of the words it took
    const std::vector<Form>* forms = nullptr;  // every form of the group, the matched one too
  };

  // The embedded data files, folded by `normalizer`. Throws Error{kData} naming the file and
  // line of a malformed entry (a group of one form, a form no word can be made of).
  static Vocabulary load(const TextNormalizer& normalizer);
  // The same from given texts (for tests); `*_source` name them in messages.
  static Vocabulary load(const TextNormalizer& normalizer, std::string_view stopwords,
                         std::string_view stopwords_source, std::string_view variants,
                         std::string_view variants_source);

  // Whether a folded word is a function word.
  bool is_stopword(std::string_view folded) const { return stopwords_.contains(folded); }
  // The longest form that the folded words start with; Match{} when none does.
  Match variants_at(std::span<const std::string> folded_words) const;
  // The most words any form has.
  std::size_t longest_form() const { return longest_; }

 private:
  std::set<std::string, std::less<>> stopwords_;
  std::vector<std::vector<Form>> groups_;
  // Folded words of a form joined by ' ' -> its group.
  std::map<std::string, std::size_t, std::less<>> group_of_;
  std::size_t longest_ = 0;
};

}  // namespace dossier
