#include "filters.h"

#include <algorithm>
#include <utility>

#include "corpus/error.h"

namespace dossier {

Xapian::Query FilterResolver::resolve(const schema::Field& field, std::string_view value) const {
  return query_of(field, schema::resolve_value(field, value, gazetteers_));
}

Xapian::Query FilterResolver::query_of(const schema::Field& field,
                                       const schema::ResolvedValue& value) const {
  if (value.years && value.years->from == value.years->to) {
    // One year is a term: a value range would read the year of every report.
    return Xapian::Query(schema::keyword_term(field, schema::year_value(value.years->from)));
  }
  if (value.years) {
    if (!field.range_slot) {
      throw Error(ErrorKind::kInternal, std::string(field.name) + " has no range slot");
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, *field.range_slot,
                         schema::year_value(value.years->from == 0 ? 1 : value.years->from),
                         schema::year_value(value.years->to == 0 ? 9999 : value.years->to));
  }
  std::vector<std::string> terms;
  for (const std::string& v : value.values) {
    terms.push_back(schema::keyword_term(field, normalizer_.fold(v)));
  }
  // Words of a value ("department of state"): when no value is exactly that, every value of the
  // field that has those words. Unknown words match nothing: the values depend on the archive.
  if (!value.words.empty() && terms.size() == 1 && !db_.term_exists(terms.front())) {
    const std::string prefix(field.prefix);
    const std::string needle = " " + value.words + " ";
    std::vector<std::string> matches;
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
      const std::string padded = " " + (*it).substr(prefix.size()) + " ";
      if (padded.find(needle) != std::string::npos) matches.push_back(*it);
    }
    if (!matches.empty()) terms = std::move(matches);
  }
  if (terms.size() == 1) return Xapian::Query(terms.front());
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::optional<std::string> FilterResolver::country_named(std::string_view text) const {
  // Codes are not names: "in", "to" and "us" are words.
  if (text.size() <= 3) return std::nullopt;
  const auto country = gazetteers_.countries.resolve(text);
  if (!country || normalizer_.fold(text) == normalizer_.fold(country->code)) return std::nullopt;
  return country->code;
}

std::vector<std::string> FilterResolver::forms_of(const std::string& folded_word,
                                                  const Xapian::Stem& stemmer) const {
  // Forms of a stem start with what the word and its stem share ("countri" is the stem of
  // "country": both start with "countr"); a prefix scan, bounded, finds them.
  constexpr std::size_t kMostScanned = 2000;
  constexpr std::size_t kMostForms = 64;
  std::vector<std::string> forms = {folded_word};
  const std::string stem = stemmer(folded_word);
  std::size_t shared = 0;
  while (shared < stem.size() && shared < folded_word.size() &&
         stem[shared] == folded_word[shared]) {
    ++shared;
  }
  if (shared < 3) return forms;  // too short a prefix to scan
  const std::string prefix = folded_word.substr(0, shared);
  std::size_t scanned = 0;
  for (auto it = db_.allterms_begin(prefix);
       it != db_.allterms_end(prefix) && scanned < kMostScanned && forms.size() < kMostForms;
       ++it, ++scanned) {
    const std::string term = *it;
    if (term != folded_word && stemmer(term) == stem) forms.push_back(term);
  }
  return forms;
}

std::vector<std::string> FilterResolver::entity_keys(const schema::Field& field,
                                                     std::string_view value) const {
  if (!field.entity) return {};
  std::vector<std::string> keys;
  for (const std::string& v : schema::resolve_value(field, value, gazetteers_).values) {
    keys.push_back(
        entity_key(*field.entity, *field.entity == EntityKind::kCountry ? v : normalizer_.fold(v)));
  }
  return keys;
}

std::vector<std::string> FilterResolver::terms_starting_with(const std::string& prefixed_term,
                                                             std::size_t limit) const {
  return most_frequent_terms(db_, prefixed_term, limit);
}

std::vector<std::string> most_frequent_terms(const Xapian::Database& db, const std::string& prefix,
                                             std::size_t limit) {
  // A term list over shards merges theirs and sums each term's frequency, so the choice is the
  // whole index's (Xapian's own wildcard chooses on each shard by that shard's frequencies).
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  const auto more_frequent = [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  if (found.size() > limit) {
    std::nth_element(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(limit), found.end(),
                     more_frequent);
    found.resize(limit);
  }
  std::sort(found.begin(), found.end(), more_frequent);
  std::vector<std::string> terms;
  terms.reserve(found.size());
  for (auto& [frequency, term] : found) terms.push_back(std::move(term));
  return terms;
}

}  // namespace dossier
