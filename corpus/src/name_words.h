#pragma once
// How gazetteer names are matched: as folded words, shared by the country table and the entity
// gazetteer so that a name matches the same way wherever it is listed. Private to corpus/.
#include <string>
#include <string_view>
#include <vector>

#include "corpus/normalize.h"

namespace dossier::names {

// TextNormalizer is not thread-safe and costly to build, while loaded tables are shared between
// threads: each calling thread gets its own.
inline const TextNormalizer& thread_normalizer() {
  thread_local const TextNormalizer normalizer;
  return normalizer;
}

// A folded token as matching sees it: a possessive "'s" is not part of the name, so
// "Kazakhstan's" matches "Kazakhstan" (and "People's" in names is "people" on both sides).
// French elision is not part of the name either: "l'Allemagne" matches "Allemagne".
inline std::string_view match_term(std::string_view term) {
  if (term.size() > 2 && term.ends_with("'s")) term.remove_suffix(2);
  if (term.size() > 3 && term.starts_with("l'")) term.remove_prefix(2);
  return term;
}

// The words of a name: folded tokens without possessives and without a leading "the" ("The
// Gambia" is "gambia"). Punctuation is gone, so "Congo, Republic of the" and "Bolivia
// (Plurinational State of)" have plain word keys.
inline std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  for (const Token& token : thread_normalizer().tokenize(name)) {
    words.emplace_back(match_term(token.term));
  }
  if (words.size() > 1 && words.front() == "the") words.erase(words.begin());
  return words;
}

// Words joined by single spaces: the key of a name.
inline std::string join_words(const std::vector<std::string>& words) {
  std::string key;
  for (const std::string& word : words) {
    if (!key.empty()) key.push_back(' ');
    key += word;
  }
  return key;
}

}  // namespace dossier::names
