#pragma once
// Report -> Xapian document, driven by the schema table. Private to the indexer.
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "corpus/normalize.h"
#include "corpus/report.h"

namespace dossier {

// The file a report came from, as the index records it for incremental runs.
struct SourceInfo {
  std::string absolute_path;
  std::string stamp;  // "<size>:<mtime ns>": the file version the report came from
};

// Per-thread state for building documents: ICU normalizer and a stem cache.
// Not thread-safe; give each worker its own.
class DocumentBuilder {
 public:
  DocumentBuilder();
  // `paragraph_tokens[i]` are the tokens of the report's paragraph i (TextNormalizer::tokenize),
  // as metadata inference made them: each paragraph is tokenized once per run.
  Xapian::Document build(const Report& report, std::span<const std::vector<Token>> paragraph_tokens,
                         const SourceInfo& source);

 private:
  void index_tokens(Xapian::Document& doc, std::span<const Token> tokens, std::string_view prefix,
                    Xapian::termpos& position, bool also_body);
  const std::string& stem(const std::string& term);

  TextNormalizer normalizer_;
  Xapian::Stem stemmer_{"english"};
  std::unordered_map<std::string, std::string> stem_cache_;
};

}  // namespace dossier
