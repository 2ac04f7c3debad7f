#pragma once
// The query language (docs/query-language.md) -> Xapian::Query, with the same ICU normalization
// and stemming as the indexer. Private to the searcher.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "corpus/normalize.h"
#include "corpus/report.h"
#include "corpus/schema.h"
#include "corpus/vocabulary.h"

namespace dossier {

// Maps a keyword field's value as a user typed it to a query on the index's boolean terms.
// Throws Error{kBadQuery} naming the value when it is unknown.
class KeywordResolver {
 public:
  virtual ~KeywordResolver() = default;
  virtual Xapian::Query resolve(const schema::Field& field, std::string_view value) const = 0;
  // When free text is a country's name ("Burma"), the code of that country, so that reports
  // that name it otherwise ("Myanmar") match too.
  virtual std::optional<std::string> country_named(std::string_view text) const = 0;
  // The entities a field:value names, as HighlightTerms::entities keys (none for most fields).
  virtual std::vector<std::string> entity_keys(const schema::Field& field,
                                               std::string_view value) const = 0;
  // The indexed body words that share a folded word's stem ("harvest": harvest, harvested,
  // harvests), for operators that need word positions, which only exact forms have. At least
  // the word itself.
  virtual std::vector<std::string> forms_of(const std::string& folded_word,
                                            const Xapian::Stem& stemmer) const = 0;
  // What a trailing '*' stands for: the indexed terms that start with `prefixed_term`, at most
  // `limit` of them, the most frequent in the whole index first (ties by term). Expanded once
  // for the whole index rather than by Xapian on each shard, so that a sharded index reads the
  // word as one index does.
  virtual std::vector<std::string> terms_starting_with(const std::string& prefixed_term,
                                                       std::size_t limit) const = 0;
};

// What the snippet maker marks: words, stems, wildcard prefixes and phrases of the query
// (negated parts excluded).
struct HighlightTerms {
  std::set<std::string> words;
  std::set<std::string> stems;
  std::vector<std::string> prefixes;
  std::vector<std::vector<std::string>> phrases;
  // Entities whose mentions are marked too: "country|MM", "organization|<folded name>", ...
  std::set<std::string> entities;
  bool empty() const {
    return words.empty() && stems.empty() && prefixes.empty() && phrases.empty() &&
           entities.empty();
  }
};

// The key of an entity in HighlightTerms::entities: "country|MM", "state_body|<folded name>".
// `id_or_folded_name` is a country's code, or a body's or organization's folded name.
std::string entity_key(EntityKind kind, std::string_view id_or_folded_name);

// A required part of a query that ANDs its parts: a word, a phrase, a country's name, a
// parenthesized group, a field:value.
struct QueryPart {
  std::string text;  // as the query writes it
  Xapian::Query query;
};

struct ParsedQuery {
  Xapian::Query query;  // MatchAll for an empty query
  HighlightTerms highlights;
  bool has_text = false;  // whether any free-text part contributes to relevance
  // When the query ANDs two or more parts at its top: the parts, and the query that asks for
  // any of them instead of all (exclusions still apply), for when no report has them all.
  std::vector<QueryPart> parts;
  std::optional<Xapian::Query> relaxed;
  // Countries the free text names ("Ivory Coast", "Birmanie"): reports about them rank first.
  std::vector<std::string> countries;
  // How the query was read, one sentence per rule that applied, in the query's order.
  std::vector<std::string> reading;
  // The plain words of the free text (unquoted, no field, no '*'), where the query has them:
  // what a spelling correction may replace.
  struct Word {
    std::size_t begin;   // byte offset in the query
    std::size_t length;  // bytes, as typed
    std::string folded;
  };
  std::vector<Word> words;
  // The phrases that runs of two or more adjacent plain words make ("forced labor" for
  // `forced labor`): a report that has one ranks higher. Not part of `query`: checking word
  // positions for every match costs several times the match itself, so the searcher adds their
  // weight to the best-ranked results only. Empty when there are none.
  std::vector<Xapian::Query> phrase_boosts;
  // The folded words of each word or phrase the query asks for at its top, in order (two or
  // more; empty otherwise), as NEAR takes them: a report that has two neighbours of them in one
  // paragraph ranks higher. Like the phrase boosts, checked for the best-ranked results only.
  std::vector<std::vector<std::string>> paragraph_sides;
};

// Bounds on what one query may ask of the index: a hostile or accidental query gets a message,
// never a crash or an unbounded search.
struct QueryLimits {
  unsigned max_wildcard_expansion = 1000;  // words one trailing '*' may stand for
  std::size_t max_bytes = 10000;           // length of the query text
  std::size_t max_words = 256;             // words, phrases and field values
  std::size_t max_depth = 32;              // nesting of parentheses and NOT
};

// What NEAR matches for each side (folded words): a word in any form that shares its stem
// (KeywordResolver::forms_of), a phrase word by word.
std::vector<Xapian::Query> positional_queries(const std::vector<std::vector<std::string>>& sides,
                                              const KeywordResolver& resolver,
                                              const Xapian::Stem& stemmer);

// Throws Error{kBadQuery} with a message that says what is wrong and at which character
// (1-based) of the query.
// `vocabulary` says which words a query of several words does not require, and which forms
// stand for one another.
ParsedQuery parse_query(std::string_view text, const TextNormalizer& normalizer,
                        const Xapian::Stem& stemmer, const KeywordResolver& resolver,
                        const Vocabulary& vocabulary, const QueryLimits& limits = {});

}  // namespace dossier
