#pragma once
// Every report's facet values as small integers, read from the value slots once per index
// revision, so counting a facet over a result set is an array increment per value instead of a
// value-slot read and a string lookup. Also holds each report's id, for fingerprints.
//
// Threading: a FacetTable is immutable once loaded and shared between searchers.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "corpus/normalize.h"
#include "corpus/schema.h"

namespace dossier {

class FacetTable {
 public:
  // One facet field's values: ordinal -> value, and each document's ordinals.
  struct Column {
    const schema::Field* field = nullptr;
    std::vector<std::string> values;  // as stored ("KZ", "Asia")
    std::vector<std::string> labels;  // as shown ("Kazakhstan")
    std::vector<std::string> groups;  // countries: their UN region ("Asia"); else empty
    // ordinal -> place in the column's values sorted by label, and in the field's own order
    // (schema::value_sort_key): facet lists are sorted by these instead of by comparing strings.
    std::vector<std::uint32_t> label_rank;
    std::vector<std::uint32_t> value_rank;
    // A filter term ("XCkz") -> the values it takes in: its own, and those it is a wider value
    // of (schema::Field::wider_values).
    std::unordered_multimap<std::string, std::uint32_t> by_term;
    std::unordered_map<std::string, std::uint32_t> ordinal_of;  // value -> ordinal
    // Entity columns: the names a filter value may be a slip of (the labels, then the wider
    // values: "Ministry of Interior" of any state), and the same folded.
    std::vector<std::string> names;
    std::vector<std::string> folded_names;
    std::vector<std::uint32_t> begin;  // docid -> first index into `ordinals`; size last+2
    std::vector<std::uint32_t> ordinals;

    std::span<const std::uint32_t> of(Xapian::docid doc) const {
      if (doc + 1 >= begin.size()) return {};
      return {ordinals.data() + begin[doc], ordinals.data() + begin[doc + 1]};
    }
  };

  // How a value is shown and ordered (see Column).
  struct Description {
    std::string label;
    std::string group;
    std::string sort_key;
  };
  using Describe = std::function<Description(const schema::Field&, const std::string&)>;

  // Reads every facet's slot (schema order) and the id slot of `db`, whose version (as
  // IndexHandle::version() gives it) is `version`. `parts` are its shards in the order `db`
  // holds them (just `db` for an index that is not sharded): when every part's value snapshot
  // (corpus/value_snapshot.h) is current, the values are read from those, one request a shard;
  // otherwise from `db`'s value streams.
  static std::shared_ptr<const FacetTable> load(const Xapian::Database& db,
                                                const std::vector<Xapian::Database>& parts,
                                                std::string version,
                                                const TextNormalizer& normalizer,
                                                const Describe& describe);

  const std::vector<Column>& columns() const { return columns_; }
  // The report id of a document ("" for a docid not in the table).
  const std::string& id_of(Xapian::docid doc) const {
    static const std::string kNone;
    return doc < ids_.size() ? ids_[doc] : kNone;
  }
  const std::string& version() const { return version_; }
  const std::string& uuid() const { return uuid_; }
  // Whether the values came from the shards' snapshots rather than the value streams.
  bool from_snapshots() const { return from_snapshots_; }

 private:
  std::vector<Column> columns_;
  std::vector<std::string> ids_;
  std::string version_;
  std::string uuid_;
  bool from_snapshots_ = false;
};

// Counts facets over a match and applies the facet filters, as Xapian's match decider: a report
// passing every filter is a hit and counts towards every facet; one failing exactly one filter is
// not a hit but counts towards that filter's facet (counted over the other filters only).
//
// `allowed[c]` lists which values of column c its filter lets through; empty when column c has
// no filter.
class FacetTally : public Xapian::MatchDecider {
 public:
  FacetTally(const FacetTable& table, std::vector<std::vector<char>> allowed);
  bool operator()(const Xapian::Document& doc) const override { return tally(doc.get_docid()); }
  // Counts one report (as Xapian does through operator()); whether it passes every filter.
  bool tally(Xapian::docid doc) const;
  const std::vector<std::uint32_t>& counts(std::size_t column) const { return counts_[column]; }

 private:
  void count(std::size_t column, Xapian::docid doc) const;

  const FacetTable& table_;
  std::vector<std::vector<char>> allowed_;
  std::vector<std::size_t> filtered_;  // the columns with a filter
  // Xapian calls a decider through a const reference; counting is its side effect.
  mutable std::vector<std::vector<std::uint32_t>> counts_;
};

// The latest revision's table of one index, shared by the searchers of a process. A table is
// loaded when a searcher first sees a new revision; older searchers keep theirs until they move.
class FacetCache {
 public:
  std::shared_ptr<const FacetTable> table_for(const Xapian::Database& db,
                                              const std::vector<Xapian::Database>& parts,
                                              const std::string& version,
                                              const TextNormalizer& normalizer,
                                              const FacetTable::Describe& describe);

 private:
  std::mutex mutex_;
  std::shared_ptr<const FacetTable> latest_;
};

}  // namespace dossier
