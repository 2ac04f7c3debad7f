#include "corpus/vocabulary.h"

#include "corpus/data_file.h"
#include "corpus/error.h"

namespace dossier {
namespace embedded {
extern const std::string_view kStopwordsTxt;
extern const std::string_view kVariantsTxt;
}  // namespace embedded

bool written_as_acronym(std::string_view text) {
  std::size_t capitals = 0;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++capitals;
  }
  return capitals >= 2;
}

namespace {

std::string joined(std::span<const std::string> words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace

Vocabulary Vocabulary::load(const TextNormalizer& normalizer) {
  return load(normalizer, embedded::kStopwordsTxt, "corpus/data/stopwords.txt",
              embedded::kVariantsTxt, "corpus/data/variants.txt");
}

Vocabulary Vocabulary::load(const TextNormalizer& normalizer, std::string_view stopwords,
                            std::string_view stopwords_source, std::string_view variants,
                            std::string_view variants_source) {
  Vocabulary vocabulary;
  const DataFile stopword_file(stopwords, stopwords_source);
  for (const DataLine& line : stopword_file.lines()) {
    const std::string word = normalizer.fold(trim(line.cells.front()));
    if (word.empty() || word.find(' ') != std::string::npos) {
      stopword_file.fail(line.number, "expected one word");
    }
    vocabulary.stopwords_.insert(word);
  }
  const DataFile variant_file(variants, variants_source);
  for (const DataLine& line : variant_file.lines()) {
    std::vector<Form> forms;
    for (std::string_view cell : split(line.cells.front(), '|')) {
      const std::string_view text = trim(cell);
      Form form{{}, std::string(text), written_as_acronym(text)};
      for (const Token& token : normalizer.tokenize(text)) form.words.push_back(token.term);
      if (form.words.empty()) {
        variant_file.fail(line.number, "\"" + std::string(text) + "\" has no words in it");
      }
      forms.push_back(std::move(form));
    }
    if (forms.size() < 2) variant_file.fail(line.number, "a variant needs two forms or more");
    const std::size_t group = vocabulary.groups_.size();
    for (const Form& form : forms) {
      const auto [at, added] = vocabulary.group_of_.emplace(joined(form.words), group);
      if (!added && at->second != group) {
        variant_file.fail(line.number, "\"" + form.text + "\" is already a form of line " +
                                           "with \"" + vocabulary.groups_[at->second].front().text +
                                           "\"");
      }
      vocabulary.longest_ = std::max(vocabulary.longest_, form.words.size());
    }
    vocabulary.groups_.push_back(std::move(forms));
  }
  return vocabulary;
}

Vocabulary::Match Vocabulary::variants_at(std::span<const std::string> folded_words) const {
  for (std::size_t length = std::min(longest_, folded_words.size()); length > 0; --length) {
    const auto found = group_of_.find(joined(folded_words.first(length)));
    if (found != group_of_.end()) return {length, &groups_[found->second]};
  }
  return {};
}

}  // namespace dossier
