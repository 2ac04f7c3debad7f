#pragma once
// Filter values -> Xapian queries on the index's terms and slots, by the schema's resolutions:
// the one mapping for CLI filters, API parameters and "field:value" in queries. Private to the
// searcher.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "corpus/gazetteers.h"
#include "corpus/normalize.h"
#include "corpus/schema.h"
#include "query_parser.h"

namespace dossier {

class FilterResolver final : public KeywordResolver {
 public:
  // Keeps references to all three; `db` is read for publisher names.
  FilterResolver(const Xapian::Database& db, const Gazetteers& gazetteers,
                 const TextNormalizer& normalizer)
      : db_(db), gazetteers_(gazetteers), normalizer_(normalizer) {}

  // KeywordResolver. Throws Error{kInvalidArgument} (without the parameter's name) for a value
  // that names nothing (an unknown country, a malformed year).
  Xapian::Query resolve(const schema::Field& field, std::string_view value) const override;
  std::optional<std::string> country_named(std::string_view text) const override;
  std::vector<std::string> forms_of(const std::string& folded_word,
                                    const Xapian::Stem& stemmer) const override;
  std::vector<std::string> entity_keys(const schema::Field& field,
                                       std::string_view value) const override;
  std::vector<std::string> terms_starting_with(const std::string& prefixed_term,
                                               std::size_t limit) const override;

  // The query of one resolved value: its terms ORed, or its range.
  Xapian::Query query_of(const schema::Field& field, const schema::ResolvedValue& value) const;

 private:
  const Xapian::Database& db_;
  const Gazetteers& gazetteers_;
  const TextNormalizer& normalizer_;
};

// The terms of `db` that start with `prefix`, at most `limit`, by their frequency over every
// shard of `db` (most frequent first, ties by term).
std::vector<std::string> most_frequent_terms(const Xapian::Database& db, const std::string& prefix,
                                             std::size_t limit);

}  // namespace dossier
