#pragma once
// Report -> Xapian document, driven by the schema table. Private to the indexer.
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "corpus/normalize.h"
#include "corpus/report.h"

namespace dossier {

// Per-thread state for building documents: ICU normalizer and a stem cache.
// Not thread-safe; give each worker its own.
class DocumentBuilder {
 public:
  DocumentBuilder();
  // `source_stamp` identifies the file version the report came from ("<size>:<mtime ns>").
  Xapian::Document build(const Report& report, const std::string& source_stamp);

 private:
  void index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                  Xapian::termpos& position, bool also_body);
  const std::string& stem(const std::string& term);

  TextNormalizer normalizer_;
  Xapian::Stem stemmer_{"english"};
  std::unordered_map<std::string, std::string> stem_cache_;
};

}  // namespace dossier
