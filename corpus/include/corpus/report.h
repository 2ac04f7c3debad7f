#pragma once
// What a report is: metadata parsed from its header or inferred from its text, and its body as
// numbered paragraphs. Plain values; the indexer fills it, the searcher reads it back.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/dates.h"

namespace dossier {

// kNote: a footnote, kept apart from the body it annotates (PDF reports); notes follow the body.
enum class ParagraphKind { kText, kHeading, kNote };
std::string_view to_string(ParagraphKind kind);  // "text", "heading", "note"

struct Paragraph {
  int number = 0;  // 1-based, stable: the n-th block of the body, headings included
  ParagraphKind kind = ParagraphKind::kText;
  std::string text;
  // The pinpoint a reader finds in the source (corpus/paragraphs.h): the number the report
  // prints ("12", "86.1"), or the paragraph's place among the text paragraphs when the report
  // prints none. Empty for headings and for text before a report's first printed number. Set
  // when a stored report is read (decode_report), or by label_paragraphs().
  std::string label = {};
  // The pages of the original it stands on (1-based; 0 when the source has no pages): the page
  // it starts on, and the page it ends on (equal when it does not run on).
  int page = 0;
  int last_page = 0;
  // A numbered item inside a paragraph (a recommendation "1." under paragraph 87, set further
  // in than the paragraph numbers): its number is not a paragraph number.
  bool nested = false;
};

enum class EntityKind { kCountry, kStateBody, kOrganization };
std::string_view to_string(EntityKind kind);  // "country", "state_body", "organization"

struct EntitySpan {
  int paragraph = 0;      // the paragraph's number (1-based)
  std::size_t begin = 0;  // UTF-8 byte offsets in that paragraph's text
  std::size_t end = 0;
};

// A named entity of a report's body: a country it mentions, a state body (ministry, committee,
// court, parliament, ...) or an organization (UN body, IGO, NGO) it names.
struct Entity {
  EntityKind kind = EntityKind::kCountry;
  std::string id;       // ISO code for a country; a slug of the name (and state) otherwise
  std::string name;     // canonical name ("Ministry of Justice", "Kazakhstan")
  std::string country;  // for a state body: the ISO code of its state ("" when unknown)
  std::vector<EntitySpan> spans;  // every mention, in text order
};

// Where a fact is stated: the paragraph (an index into Report::paragraphs) and the byte span of
// the sentence (or, in a semicolon-joined Factbook line, the clause) in its text.
struct FactSource {
  std::size_t paragraph = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct TierFact {
  std::string tier;  // a tier_scale() name
  int year = 0;      // the year the placement applies to
  FactSource source;
};

struct RoleFact {
  std::string role;  // "source", "transit" or "destination"
  int year = 0;
  FactSource source;
};

// A place of a flow: an ISO 3166-1 alpha-2 code ("KZ"), a region by name ("Middle East",
// "Western Europe", "Gulf states"), or another place as the text names it, after a '?'
// ("?abroad", "?neighboring countries").
struct FlowFact {
  std::string from;
  std::string to;
  std::vector<std::string> purposes;  // "sexual exploitation", "forced labor", ... as stated
  std::vector<std::string> who;       // "women", "men", "children", "girls", "boys" as stated
  int year = 0;
  FactSource source;
};

struct ReportFacts {
  std::vector<TierFact> tiers;
  std::vector<RoleFact> roles;
  std::vector<FlowFact> flows;
  bool empty() const { return tiers.empty() && roles.empty() && flows.empty(); }
};

struct Report {
  std::string id;  // stable, URL-safe ([a-z0-9_-]), derived from the file name
  // The file it came from, relative to the folder it was indexed from ("reports/kz.txt"): the
  // index keeps the absolute path to itself (it is no one else's business where the archive is).
  std::string source_path;
  std::string format;  // "refworld", "markdown", "plain" or "pdf"

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
  // The document symbol a UN document carries ("A/HRC/26/10"), when the source names one: the
  // report number a citation gives.
  std::string symbol;
  std::string last_updated;  // the Refworld "Last Updated" line's value, if any
  std::string tier;          // TIP tier placement when the report states one ("Tier 2 Watch List")
  std::string region;        // UN M49 continent of the subject country ("Asia")
  std::string subregion;     // and sub-region ("Central Asia")
  std::vector<Entity> entities;  // in order of first mention; empty when tagging is off
  ReportFacts facts;             // the trafficking facts it states (corpus/facts.h)

  std::vector<Paragraph> paragraphs;
  std::string content_hash;  // hex digest of the body text, for duplicate detection
};

}  // namespace dossier
