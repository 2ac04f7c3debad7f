#pragma once
// The entity gazetteer's tables, private to corpus/: the known organizations and fixed state
// bodies by every name, in a trie over folded words for longest-match scanning.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "corpus/entities.h"
#include "entity_passes.h"

namespace dossier {

class NameTrie {
 public:
  void insert(const std::vector<std::string>& words, std::size_t record) {
    std::uint32_t node = 0;
    for (const std::string& word : words) {
      auto [it, inserted] = nodes_[node].children.try_emplace(word, 0);
      if (inserted) {
        it->second = static_cast<std::uint32_t>(nodes_.size());
        nodes_.emplace_back();
      }
      node = it->second;
    }
    if (!nodes_[node].record) nodes_[node].record = record;
  }

  // The longest name at terms[start] that `accept(record, first, end)` takes: (word count,
  // record).
  template <typename Accept>
  std::optional<std::pair<std::size_t, std::size_t>> longest(
      std::span<const std::string_view> terms, std::size_t start, Accept accept) const {
    std::optional<std::pair<std::size_t, std::size_t>> best;
    std::uint32_t node = 0;
    for (std::size_t i = start; i < terms.size() && i - start < tagging::kMaxNameTokens; ++i) {
      const auto next = nodes_[node].children.find(terms[i]);
      if (next == nodes_[node].children.end()) break;
      node = next->second;
      if (nodes_[node].record && accept(*nodes_[node].record, start, i + 1)) {
        best = std::make_pair(i + 1 - start, *nodes_[node].record);
      }
    }
    return best;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Node {
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> children;
    std::optional<std::size_t> record;
  };
  std::vector<Node> nodes_{1};
};

struct EntityGazetteer::Impl {
  struct Record {
    EntityKind kind;
    std::string name;
    std::string country;  // state bodies: their state, or "*" for the one the text names
  };
  struct NameEntry {
    std::size_t record;
    bool acronym;  // matches only text written in capitals
    bool alone;    // may name its record in a report that names it no other way
  };
  std::vector<Record> records;
  std::vector<std::vector<std::string>> record_names;  // each record's names (not acronyms), keys
  std::vector<NameEntry> names;                        // what the trie's values index
  NameTrie trie;
  std::unordered_map<std::string, std::size_t> by_key;  // "N:"/"A:" + folded name -> names index
  // variant_key(name) -> record, or kAmbiguous when two records share a key.
  std::unordered_map<std::string, std::size_t> by_variant;
  static constexpr std::size_t kAmbiguous = static_cast<std::size_t>(-1);
};

// A name's words without articles and prepositions, plurals made singular: the key that
// resolve_variant() compares. Empty for names of fewer than three such words.
std::string variant_key(const std::vector<std::string>& words);

}  // namespace dossier
