#pragma once
// Best passages: which paragraph of a report matches the query best, and an excerpt of it with
// the query's words marked. Private to the searcher.
#include <map>
#include <unordered_map>

#include <xapian.h>

#include "corpus/normalize.h"
#include "corpus/report.h"
#include "query_parser.h"
#include "searcher/search.h"

namespace dossier {

// Not thread-safe (keeps a stem cache); one per Searcher.
class SnippetMaker {
 public:
  SnippetMaker(const TextNormalizer& normalizer, const Xapian::Stem& stemmer)
      : normalizer_(normalizer), stemmer_(stemmer) {}

  // The best paragraph's excerpt, about `max_words` words around its densest match; the first
  // text paragraph when nothing matches (a browse, or a keyword-only query).
  Snippet best(const Report& report, const HighlightTerms& terms, std::size_t max_words = 40);

  // The `count` paragraphs that match best, best first, each as an excerpt of about
  // `max_words` words with the matches marked (a quoted phrase as one mark).
  std::vector<Snippet> passages(const Report& report, const HighlightTerms& terms,
                                std::size_t count, std::size_t max_words = 60);

  // The marks of every paragraph of a report that has some (every match of the terms and every
  // mention of the entities they name), by paragraph number; phrases and names are one span.
  std::map<int, std::vector<Highlight>> mark(const Report& report, const HighlightTerms& terms);

 private:
  // Matches over the tokens of one text.
  struct TokenMatches {
    std::vector<int> end;          // per token: the last token of the match it starts, or -1
    std::vector<std::string> key;  // per starting token: which query part it matched
  };
  // Marked entity mentions of one paragraph: [begin, end) byte ranges and their entity keys.
  struct EntityMark {
    std::size_t begin;
    std::size_t end;
    std::string key;
  };
  TokenMatches match_tokens(const std::vector<Token>& tokens, const HighlightTerms& terms,
                            const std::vector<EntityMark>& entity_marks = {});
  // `tokens` cover the bytes [from, to) of the paragraph (the whole of it, or the window of it
  // that was tokenized).
  Snippet excerpt(const Paragraph& paragraph, const std::vector<Token>& tokens,
                  const TokenMatches& matches, std::size_t max_words, std::size_t from,
                  std::size_t to);
  // The mentions of the entities the terms name, by paragraph number.
  std::map<int, std::vector<EntityMark>> entity_marks(const Report& report,
                                                      const HighlightTerms& terms) const;
  const std::string& stem(const std::string& term);

  const TextNormalizer& normalizer_;
  const Xapian::Stem& stemmer_;
  std::unordered_map<std::string, std::string> stem_cache_;
  std::string lowered_;  // scratch for the needle scans
};

}  // namespace dossier
