#include "corpus/topics.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>

#include "corpus/data_file.h"
#include "corpus/error.h"
#include "corpus/normalize.h"

namespace dossier::embedded {
extern const std::string_view kTopicsTsv;
}  // namespace dossier::embedded

namespace dossier {
namespace {

// Rules file format (docs/topics.md):
//   # comment
//   @words-per-threshold<TAB>1500
//   slug<TAB>label<TAB>threshold<TAB>phrase|phrase|...[<TAB>alias|alias|...]
constexpr std::string_view kWordsPerThresholdSetting = "@words-per-threshold";
// Without the setting the threshold never grows with length.
constexpr std::size_t kNoLengthScaling = 0;

using TopicIndex = std::uint32_t;
using NodeIndex = std::uint32_t;

// What ends at a trie node: a phrase of one topic, counting or not ("!drug traffick*").
struct PhraseEnd {
  TopicIndex topic;
  bool counts;
};

// A token-sequence trie over all topics' phrases. Edges are whole folded tokens, or token
// prefixes for phrase words written with a trailing '*'.
struct TrieNode {
  std::unordered_map<std::string, NodeIndex> exact_children;
  std::vector<std::pair<std::string, NodeIndex>> prefix_children;
  std::vector<PhraseEnd> ends;
};

// A phrase occurrence found at one start position: the longest for its topic wins.
struct Candidate {
  TopicIndex topic;
  std::size_t length;  // in tokens
  bool counts;
};

bool is_kebab_slug(std::string_view slug) {
  if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
  char previous = '\0';
  for (char c : slug) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

std::optional<std::size_t> parse_positive(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0) return std::nullopt;
  return value;
}

// The key resolve() compares: accents and case folded, and every run of punctuation or space
// dropped, so "Forced-Labour", "forced labour" and "women's rights" / "womens rights" meet.
std::string resolve_key(std::string_view text) {
  std::string key = slugify(text);
  std::erase(key, '-');
  return key;
}

}  // namespace

struct TopicTable::Impl {
  std::vector<Topic> topics;
  std::vector<std::size_t> thresholds;  // by topic index
  std::size_t words_per_threshold = kNoLengthScaling;
  std::unordered_map<std::string, TopicIndex> topic_by_key;  // resolve_key() -> topic
  std::vector<TrieNode> trie{TrieNode{}};                    // [0] is the root
  // may_start_phrase[first byte][min(length, kMaxTrackedLength)]: whether a token of that
  // first byte and length can enter the root. Rejects most tokens ("the", "of") without hashing.
  static constexpr std::size_t kMaxTrackedLength = 31;
  std::vector<std::array<bool, kMaxTrackedLength + 1>> may_start_phrase =
      std::vector<std::array<bool, kMaxTrackedLength + 1>>(256);

  static std::size_t tracked_length(std::size_t length) {
    return std::min(length, kMaxTrackedLength);
  }

  // Records that root edge `term` (a whole token, or a prefix of one) can start a phrase.
  void allow_start(const std::string& term, bool is_prefix) {
    auto& by_length = may_start_phrase[static_cast<unsigned char>(term.front())];
    if (!is_prefix) {
      by_length[tracked_length(term.size())] = true;
      return;
    }
    for (std::size_t length = tracked_length(term.size()); length <= kMaxTrackedLength; ++length) {
      by_length[length] = true;
    }
  }

  // Scratch space for one count() call, reused across start positions.
  struct MatchScratch {
    std::vector<std::pair<NodeIndex, std::size_t>> frontier;  // (node, depth in tokens)
    std::vector<Candidate> found;
  };

  // The root's children that tokens[start] enters; false when it starts no phrase, which is
  // the case for most tokens and must stay cheap.
  bool enter_root(const std::string& term, MatchScratch& scratch) const {
    scratch.frontier.clear();
    if (term.empty() ||
        !may_start_phrase[static_cast<unsigned char>(term.front())][tracked_length(term.size())]) {
      return false;
    }
    const TrieNode& root = trie.front();
    if (auto child = root.exact_children.find(term); child != root.exact_children.end()) {
      scratch.frontier.emplace_back(child->second, 1);
    }
    for (const auto& [prefix, child] : root.prefix_children) {
      if (term.starts_with(prefix)) scratch.frontier.emplace_back(child, 1);
    }
    return !scratch.frontier.empty();
  }

  // From the frontier enter_root() left, finds every topic's longest phrase starting at
  // tokens[start] and leaves them in scratch.found.
  void match_from(const std::vector<Token>& tokens, std::size_t start,
                  MatchScratch& scratch) const {
    scratch.found.clear();
    // Prefix edges can make more than one path live; phrases are short, so this stays tiny.
    while (!scratch.frontier.empty()) {
      const auto [node_index, depth] = scratch.frontier.back();
      scratch.frontier.pop_back();
      const TrieNode& node = trie[node_index];
      for (const PhraseEnd& end : node.ends) {
        auto same_topic = std::find_if(scratch.found.begin(), scratch.found.end(),
                                       [&](const Candidate& c) { return c.topic == end.topic; });
        if (same_topic == scratch.found.end()) {
          scratch.found.push_back(Candidate{end.topic, depth, end.counts});
        } else if (depth > same_topic->length) {
          *same_topic = Candidate{end.topic, depth, end.counts};
        }
      }
      const std::size_t next = start + depth;
      if (next >= tokens.size()) continue;
      const std::string& term = tokens[next].term;
      if (auto child = node.exact_children.find(term); child != node.exact_children.end()) {
        scratch.frontier.emplace_back(child->second, depth + 1);
      }
      for (const auto& [prefix, child] : node.prefix_children) {
        if (term.starts_with(prefix)) scratch.frontier.emplace_back(child, depth + 1);
      }
    }
  }

  // Counts occurrences per topic, left to right. Within one topic occurrences do not overlap
  // and at each position the topic's longest phrase wins, so "!drug traffick*" swallows
  // "drug trafficking" before "traffick*" can count it.
  std::vector<std::size_t> count(const std::vector<Token>& tokens) const {
    std::vector<std::size_t> hits(topics.size(), 0);
    std::vector<std::size_t> free_from(topics.size(), 0);
    MatchScratch scratch;
    for (std::size_t start = 0; start < tokens.size(); ++start) {
      if (!enter_root(tokens[start].term, scratch)) continue;
      match_from(tokens, start, scratch);
      for (const Candidate& candidate : scratch.found) {
        if (start < free_from[candidate.topic]) continue;
        free_from[candidate.topic] = start + candidate.length;
        if (candidate.counts) ++hits[candidate.topic];
      }
    }
    return hits;
  }

  std::size_t required_hits(TopicIndex topic, std::size_t body_words) const {
    const std::size_t threshold = thresholds[topic];
    if (words_per_threshold == kNoLengthScaling) return threshold;
    // threshold per words_per_threshold words, rounded up, never below the threshold.
    const std::size_t scaled =
        (threshold * body_words + words_per_threshold - 1) / words_per_threshold;
    return std::max(threshold, scaled);
  }

  NodeIndex add_edge(NodeIndex from, const std::string& term, bool is_prefix) {
    if (is_prefix) {
      auto& edges = trie[from].prefix_children;
      for (const auto& [prefix, child] : edges) {
        if (prefix == term) return child;
      }
      const auto child = static_cast<NodeIndex>(trie.size());
      trie.emplace_back();
      trie[from].prefix_children.emplace_back(term, child);
      return child;
    }
    if (auto found = trie[from].exact_children.find(term);
        found != trie[from].exact_children.end()) {
      return found->second;
    }
    const auto child = static_cast<NodeIndex>(trie.size());
    trie.emplace_back();
    trie[from].exact_children.emplace(term, child);
    return child;
  }
};

TopicTable::TopicTable(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TopicTable::TopicTable(TopicTable&&) noexcept = default;
TopicTable& TopicTable::operator=(TopicTable&&) noexcept = default;
TopicTable::~TopicTable() = default;

TopicTable TopicTable::load_builtin() {
  return parse(embedded::kTopicsTsv, "topics.tsv (built in)");
}

TopicTable TopicTable::parse(std::string_view text, std::string_view source_name) {
  auto impl = std::make_unique<Impl>();
  const TextNormalizer normalizer;
  const DataFile file(text, source_name);
  std::size_t line_number = 0;
  const auto fail = [&](const std::string& reason) { file.fail(line_number, reason); };
  const auto claim_key = [&](std::string_view name, TopicIndex topic) {
    const std::string key = resolve_key(name);
    if (key.empty()) fail("name '" + std::string(name) + "' has no letters or digits");
    auto [existing, inserted] = impl->topic_by_key.emplace(key, topic);
    if (!inserted && existing->second != topic) {
      fail("name '" + std::string(name) + "' already names topic '" +
           impl->topics[existing->second].slug + "'");
    }
  };

  for (const DataLine& line : file.lines()) {
    line_number = line.number;
    const std::vector<std::string_view>& fields = line.cells;

    if (fields[0].starts_with('@')) {
      if (fields[0] != kWordsPerThresholdSetting) {
        fail("unknown setting '" + std::string(fields[0]) + "'");
      }
      if (fields.size() != 2) fail("a setting takes exactly one value");
      if (impl->words_per_threshold != kNoLengthScaling) fail("words-per-threshold set twice");
      const auto value = parse_positive(trim(fields[1]));
      if (!value) fail("words-per-threshold must be a positive integer");
      impl->words_per_threshold = *value;
      continue;
    }

    if (fields.size() < 4 || fields.size() > 5) {
      fail(
          "expected 4 or 5 tab-separated fields (slug, label, threshold, phrases[, aliases]), "
          "got " +
          std::to_string(fields.size()));
    }
    const std::string_view slug = trim(fields[0]);
    const std::string_view label = trim(fields[1]);
    if (!is_kebab_slug(slug)) fail("slug '" + std::string(slug) + "' is not kebab-case [a-z0-9-]");
    if (label.empty()) fail("empty label");
    const auto threshold = parse_positive(trim(fields[2]));
    if (!threshold) fail("threshold '" + std::string(fields[2]) + "' is not a positive integer");
    for (const Topic& known : impl->topics) {
      if (known.slug == slug) fail("duplicate topic '" + std::string(slug) + "'");
    }

    const auto topic = static_cast<TopicIndex>(impl->topics.size());
    impl->topics.push_back(Topic{std::string(slug), std::string(label)});
    impl->thresholds.push_back(*threshold);
    claim_key(slug, topic);
    claim_key(label, topic);
    if (fields.size() == 5) {
      for (std::string_view alias : split(fields[4], '|')) {
        alias = trim(alias);
        if (alias.empty()) fail("empty alias");
        claim_key(alias, topic);
      }
    }

    bool has_counting_phrase = false;
    for (std::string_view phrase : split(fields[3], '|')) {
      phrase = trim(phrase);
      const bool counts = !phrase.starts_with('!');
      if (!counts) phrase.remove_prefix(1);
      if (trim(phrase).empty()) fail("empty phrase");
      NodeIndex node = 0;
      for (std::string_view word : split(trim(phrase), ' ')) {
        if (word.empty()) continue;  // doubled spaces
        const bool is_prefix = word.ends_with('*');
        if (is_prefix) word.remove_suffix(1);
        if (word.find('*') != std::string_view::npos) {
          fail("'*' may only end a phrase word, in '" + std::string(phrase) + "'");
        }
        // The word is tokenized as report text is ("anti-trafficking" is two tokens); a '*'
        // applies to its last token.
        const std::vector<Token> tokens = normalizer.tokenize(word);
        if (tokens.empty()) {
          fail("phrase word '" + std::string(word) + "' has no letters or digits, in '" +
               std::string(phrase) + "'");
        }
        for (std::size_t i = 0; i < tokens.size(); ++i) {
          const bool token_is_prefix = is_prefix && i + 1 == tokens.size();
          if (node == 0) impl->allow_start(tokens[i].term, token_is_prefix);
          node = impl->add_edge(node, tokens[i].term, token_is_prefix);
        }
      }
      auto& ends = impl->trie[node].ends;
      if (std::any_of(ends.begin(), ends.end(),
                      [&](const PhraseEnd& e) { return e.topic == topic; })) {
        fail("phrase '" + std::string(phrase) + "' is listed twice for '" + std::string(slug) +
             "'");
      }
      ends.push_back(PhraseEnd{topic, counts});
      has_counting_phrase = has_counting_phrase || counts;
    }
    if (!has_counting_phrase) fail("topic '" + std::string(slug) + "' has no counting phrase");
  }
  if (impl->topics.empty()) {
    line_number = 0;
    fail("no topics defined");
  }
  return TopicTable(std::move(impl));
}

const std::vector<Topic>& TopicTable::topics() const {
  return impl_->topics;
}

std::optional<Topic> TopicTable::resolve(std::string_view slug_or_label) const {
  const auto found = impl_->topic_by_key.find(resolve_key(slug_or_label));
  if (found == impl_->topic_by_key.end()) return std::nullopt;
  return impl_->topics[found->second];
}

std::vector<std::string> TopicTable::classify(std::string_view title,
                                              const std::vector<std::string>& paragraphs) const {
  // A normalizer per thread keeps the table immutable and shareable across threads without
  // building ICU break iterators on every call.
  thread_local const TextNormalizer normalizer;
  std::vector<std::vector<Token>> tokens_by_paragraph;
  tokens_by_paragraph.reserve(paragraphs.size());
  for (const std::string& paragraph : paragraphs) {
    tokens_by_paragraph.push_back(normalizer.tokenize(paragraph));
  }
  return classify(title, tokens_by_paragraph);
}

std::vector<std::string> TopicTable::classify(
    std::string_view title, std::span<const std::vector<Token>> paragraph_tokens) const {
  thread_local const TextNormalizer normalizer;
  // The body is matched as one token stream (docs/topics.md: a heading and the paragraph after
  // it read on), so the paragraphs' tokens are joined.
  std::size_t body_words = 0;
  for (const std::vector<Token>& tokens : paragraph_tokens) body_words += tokens.size();
  std::vector<Token> body;
  body.reserve(body_words);
  for (const std::vector<Token>& tokens : paragraph_tokens) {
    body.insert(body.end(), tokens.begin(), tokens.end());
  }
  const std::vector<std::size_t> title_hits = impl_->count(normalizer.tokenize(title));
  const std::vector<std::size_t> body_hits = impl_->count(body);

  std::vector<std::string> slugs;
  for (TopicIndex topic = 0; topic < impl_->topics.size(); ++topic) {
    if (title_hits[topic] > 0 || body_hits[topic] >= impl_->required_hits(topic, body.size())) {
      slugs.push_back(impl_->topics[topic].slug);
    }
  }
  return slugs;
}

}  // namespace dossier
