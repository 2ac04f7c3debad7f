#pragma once
// The topic taxonomy: a small curated list of the field's subjects, each assigned to a report by
// documented rules over its title and body (corpus/data/topics.tsv, docs/topics.md).
//
// Threading: a loaded TopicTable is immutable and safe to share between threads.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/normalize.h"

namespace dossier {

struct Topic {
  std::string slug;   // "human-trafficking"
  std::string label;  // "Human trafficking"
};

class TopicTable {
 public:
  // The embedded corpus/data/topics.tsv.
  static TopicTable load_builtin();
  // Parses a rules file; throws Error{kData} naming source_name and the line that is malformed.
  static TopicTable parse(std::string_view text, std::string_view source_name);

  TopicTable(TopicTable&&) noexcept;
  TopicTable& operator=(TopicTable&&) noexcept;
  ~TopicTable();

  const std::vector<Topic>& topics() const;
  // By slug or label, case- and accent-insensitively ("forced labour", "Forced-Labour").
  std::optional<Topic> resolve(std::string_view slug_or_label) const;

  // The slugs of the topics whose rules the report meets, in taxonomy order.
  // title and paragraphs are the report's text as extracted.
  std::vector<std::string> classify(std::string_view title,
                                    const std::vector<std::string>& paragraphs) const;
  // The same over the paragraphs' tokens (TextNormalizer::tokenize), when the caller has them.
  std::vector<std::string> classify(std::string_view title,
                                    std::span<const std::vector<Token>> paragraph_tokens) const;

 private:
  struct Impl;
  explicit TopicTable(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier
