#include "facet_table.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <unordered_set>

#include "corpus/error.h"
#include "corpus/shards.h"
#include "corpus/value_snapshot.h"

namespace dossier {
namespace {

// Each string's place in the sorted list of them (equal strings share the lower place).
std::vector<std::uint32_t> ranks_of(const std::vector<std::string>& strings) {
  std::vector<std::uint32_t> order(strings.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return strings[a] < strings[b]; });
  std::vector<std::uint32_t> rank(strings.size());
  for (std::size_t place = 0; place < order.size(); ++place) {
    const bool tie = place > 0 && strings[order[place]] == strings[order[place - 1]];
    rank[order[place]] = tie ? rank[order[place - 1]] : static_cast<std::uint32_t>(place);
  }
  return rank;
}

// Each slot's values of the whole index, docids ascending, from the shards' value snapshots;
// nullopt when a shard has none, or one that is not of its current state or lacks a slot.
using SlotTable = std::map<unsigned, std::vector<std::pair<Xapian::docid, std::string>>>;

std::optional<SlotTable> values_from_snapshots(const std::vector<Xapian::Database>& parts) {
  if (parts.empty()) return std::nullopt;
  const std::vector<unsigned> wanted = schema::facet_table_slots();
  const auto shards = static_cast<Xapian::docid>(parts.size());
  SlotTable table;
  for (Xapian::docid k = 0; k < shards; ++k) {
    const Xapian::Database& part = parts[k];
    const Xapian::docid last = part.get_lastdocid();
    if (!snapshot_is_current(
            part.get_metadata(std::string(kValueSnapshotKey)),
            {part.get_metadata(std::string(kCommitCountKey)), part.get_doccount(), last})) {
      return std::nullopt;
    }
    try {
      const std::uint32_t chunks = last == 0 ? 0 : value_chunk_of(last) + 1;
      for (std::uint32_t chunk = 0; chunk < chunks; ++chunk) {
        const std::string stored = part.get_metadata(value_chunk_key(chunk));
        if (stored.empty()) continue;
        std::vector<SlotValues> slots = read_value_chunk(stored, chunk);
        for (const unsigned slot : wanted) {
          auto found = std::find_if(slots.begin(), slots.end(),
                                    [&](const SlotValues& s) { return s.slot == slot; });
          if (found == slots.end()) return std::nullopt;
          auto& into = table[slot];
          // Xapian numbers the documents of several databases by interleaving them: shard k's
          // document d is (d - 1) * shards + k + 1.
          for (auto& [docid, value] : found->values) {
            into.emplace_back((docid - 1) * shards + k + 1, std::move(value));
          }
        }
      }
    } catch (const Error&) {
      return std::nullopt;  // the value streams are what counts; a damaged copy is passed over
    }
  }
  for (const unsigned slot : wanted) {
    auto& values = table[slot];
    if (shards > 1) {
      std::sort(values.begin(), values.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    }
  }
  return table;
}

}  // namespace

std::shared_ptr<const FacetTable> FacetTable::load(const Xapian::Database& db,
                                                   const std::vector<Xapian::Database>& parts,
                                                   std::string version,
                                                   const TextNormalizer& normalizer,
                                                   const Describe& describe) {
  auto table = std::make_shared<FacetTable>();
  table->version_ = std::move(version);
  table->uuid_ = db.get_uuid();
  const Xapian::docid last = db.get_lastdocid();
  const std::optional<SlotTable> snapshots = values_from_snapshots(parts);
  table->from_snapshots_ = snapshots.has_value();
  // Calls fn(docid, value) for each document with a value in `slot`, docids ascending.
  const auto each_value = [&](unsigned slot, const auto& fn) {
    if (snapshots) {
      for (const auto& [docid, value] : snapshots->at(slot)) fn(docid, value);
      return;
    }
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
      fn(it.get_docid(), *it);
    }
  };
  for (const schema::Field& field : schema::fields()) {
    if (!field.facet_slot || !field.exposed(schema::kFacet)) continue;
    Column column;
    column.field = &field;
    column.begin.assign(static_cast<std::size_t>(last) + 2, 0);
    std::unordered_map<std::string, std::uint32_t>& ordinal_of = column.ordinal_of;
    std::vector<std::string> sort_keys;
    Xapian::docid filled = 0;  // begin[1..filled] are set
    auto ordinal = [&](std::string value) {
      auto [it, inserted] =
          ordinal_of.try_emplace(value, static_cast<std::uint32_t>(column.values.size()));
      if (inserted) {
        const std::string own = schema::keyword_term(field, normalizer.fold(value));
        column.by_term.emplace(own, it->second);
        if (field.wider_values) {
          for (const std::string& wider : field.wider_values(value)) {
            std::string term = schema::keyword_term(field, normalizer.fold(wider));
            if (term != own) column.by_term.emplace(std::move(term), it->second);
          }
        }
        Description description = describe(field, value);
        column.labels.push_back(std::move(description.label));
        column.groups.push_back(std::move(description.group));
        sort_keys.push_back(std::move(description.sort_key));
        column.values.push_back(std::move(value));
      }
      return it->second;
    };
    each_value(*field.facet_slot, [&](Xapian::docid doc, const std::string& joined) {
      const auto start = static_cast<std::uint32_t>(column.ordinals.size());
      while (filled < doc) column.begin[++filled] = start;
      for (std::size_t from = 0;;) {
        const std::size_t to = joined.find(schema::kValueSeparator, from);
        column.ordinals.push_back(ordinal(joined.substr(from, to - from)));
        if (to == std::string::npos) break;
        from = to + 1;
      }
    });
    const auto end = static_cast<std::uint32_t>(column.ordinals.size());
    while (filled < last + 1) column.begin[++filled] = end;
    if (field.entity && *field.entity != EntityKind::kCountry) {
      column.names = column.labels;
      if (field.wider_values) {
        std::unordered_set<std::string> seen;
        for (const std::string& value : column.values) {
          for (std::string& wider : field.wider_values(value)) {
            if (wider != value && seen.insert(wider).second)
              column.names.push_back(std::move(wider));
          }
        }
      }
      column.folded_names.reserve(column.names.size());
      for (const std::string& name : column.names)
        column.folded_names.push_back(normalizer.fold(name));
    }
    column.label_rank = ranks_of(column.labels);
    column.value_rank = ranks_of(sort_keys);
    table->columns_.push_back(std::move(column));
  }
  table->ids_.resize(static_cast<std::size_t>(last) + 1);
  each_value(schema::kSlotId, [&](Xapian::docid doc, const std::string& id) {
    if (doc <= last) table->ids_[doc] = id;
  });
  return table;
}

FacetTally::FacetTally(const FacetTable& table, std::vector<std::vector<char>> allowed)
    : table_(table), allowed_(std::move(allowed)), counts_(table.columns().size()) {
  allowed_.resize(counts_.size());
  for (std::size_t c = 0; c < counts_.size(); ++c) {
    counts_[c].assign(table.columns()[c].values.size(), 0);
    if (!allowed_[c].empty()) filtered_.push_back(c);
  }
}

void FacetTally::count(std::size_t column, Xapian::docid doc) const {
  for (std::uint32_t ordinal : table_.columns()[column].of(doc)) ++counts_[column][ordinal];
}

bool FacetTally::tally(Xapian::docid id) const {
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t failed = kNone;
  for (std::size_t c : filtered_) {
    bool passes = false;
    for (std::uint32_t ordinal : table_.columns()[c].of(id)) {
      if (allowed_[c][ordinal]) {
        passes = true;
        break;
      }
    }
    if (passes) continue;
    if (failed != kNone) return false;  // fails two filters: counts nowhere
    failed = c;
  }
  if (failed != kNone) {
    count(failed, id);
    return false;
  }
  for (std::size_t c = 0; c < counts_.size(); ++c) count(c, id);
  return true;
}

std::shared_ptr<const FacetTable> FacetCache::table_for(const Xapian::Database& db,
                                                        const std::vector<Xapian::Database>& parts,
                                                        const std::string& version,
                                                        const TextNormalizer& normalizer,
                                                        const FacetTable::Describe& describe) {
  std::lock_guard lock(mutex_);
  const std::string uuid = db.get_uuid();
  if (latest_ && latest_->version() == version && latest_->uuid() == uuid) return latest_;
  // Loading under the lock: the other searchers want the same table, not a second load of it.
  latest_ = FacetTable::load(db, parts, version, normalizer, describe);
  return latest_;
}

}  // namespace dossier
