#pragma once
// Text normalization, the same at index and at query time: NFKC, case folding, accent folding,
// typographic quotes and dashes folded to ASCII, ICU word breaks.
//
// Threading: a TextNormalizer owns ICU break iterators and normalizers and is not thread-safe;
// give each thread its own.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dossier {

struct Token {
  std::string term;   // the folded form ("cote", "d'ivoire", "us" for "U.S.")
  std::size_t begin;  // UTF-8 byte offset of the word in the input
  std::size_t end;    // one past its last byte
};

class TextNormalizer {
 public:
  TextNormalizer();
  ~TextNormalizer();
  TextNormalizer(TextNormalizer&&) noexcept;
  TextNormalizer& operator=(TextNormalizer&&) noexcept;

  // Folds a whole string: NFKC, case fold, accents removed, quotes and dashes made ASCII,
  // runs of white space collapsed to one space and trimmed. Input must be valid UTF-8.
  std::string fold(std::string_view utf8) const;

  // Splits into words with ICU's word break rules and folds each. Punctuation and white space
  // are dropped; numbers are kept. Offsets refer to the input. Plain ASCII text takes a fast
  // path that gives the same words as ICU.
  std::vector<Token> tokenize(std::string_view utf8) const;
  // The same, always through ICU (the reference the fast path is tested against).
  std::vector<Token> tokenize_with_icu(std::string_view utf8) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The byte offset of the first invalid UTF-8 sequence, or nothing when the text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Where each sentence of a text begins and ends ([begin, end) UTF-8 byte offsets, trailing
// white space left out), by ICU's English sentence rules with its list of abbreviations that end
// no sentence ("Mr."), and dotted initials ("U.S.", "e.g.", "J.") ending none either. Empty for a
// text of only white space. Input must be valid UTF-8.
std::vector<std::pair<std::size_t, std::size_t>> sentence_spans(std::string_view utf8);

// Lower-case ASCII slug for ids and keys: letters and digits kept, runs of anything else become
// one '-'. Non-ASCII letters are accent-folded first ("Côte d'Ivoire" -> "cote-d-ivoire").
std::string slugify(std::string_view utf8);

}  // namespace dossier
