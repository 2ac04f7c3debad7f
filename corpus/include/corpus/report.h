#pragma once
// What a report is: metadata parsed from its header or inferred from its text, and its body as
// numbered paragraphs. Plain values; the indexer fills it, the searcher reads it back.
#include <optional>
#include <string>
#include <vector>

#include "corpus/dates.h"

namespace dossier {

enum class ParagraphKind { kText, kHeading };

struct Paragraph {
  int number = 0;  // 1-based, stable: the n-th block of the body, headings included
  ParagraphKind kind = ParagraphKind::kText;
  std::string text;
};

struct Report {
  std::string id;           // stable, URL-safe ([a-z0-9_-]), derived from the file name
  std::string source_path;  // absolute path of the file it came from
  std::string format;       // "refworld" or "plain"

  std::string title;
  std::string publisher;
  std::string author;
  std::optional<Date> published;
  int year = 0;                     // the year the report covers (0 when unknown)
  std::string country_code;         // subject country, ISO 3166-1 alpha-2 ("KZ"); empty when none
  std::string country_name;         // its display name ("Kazakhstan")
  std::string series;               // series slug ("tip", "hrr", "irf", "upr", "wfb", "other")
  std::vector<std::string> topics;  // topic slugs, taxonomy order
  std::string cite_as;              // the "Cite as" line as the source gave it
  std::string source_url;           // a URL the source names (from its Cite-as line), if any
  std::string last_updated;         // the Refworld "Last Updated" line's value, if any
  std::string tier;  // TIP tier placement when the report states one ("Tier 2 Watch List")

  std::vector<Paragraph> paragraphs;
  std::string content_hash;  // hex digest of the body text, for duplicate detection
};

}  // namespace dossier
