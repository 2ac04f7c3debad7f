#pragma once
// The index schema: one table, one entry per field, owning everything a field does. From it are
// derived the document builder's terms and value slots, the searcher's filters, facet labels,
// order and grouping, the query language's field names, the CLI's filter options, the API's
// parameters and their OpenAPI description, the search page's facet list, the hit JSON, the CSV
// columns and the benchmark's peer export. Adding a field is one entry in schema.cpp plus, when
// the value is new, the code that puts it in the Report (docs/design.md, "Adding a field").
//
// Conventions: multi-letter prefixes begin with 'X'. Terms are at most kMaxTermBytes; longer
// keyword values are cut and suffixed with a hash (see keyword_term()).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/dates.h"
#include "corpus/report.h"

namespace dossier {
struct Gazetteers;
}

namespace dossier::schema {

// Every field, in the table's order (which is also the order of facets and hit keys).
enum class FieldId : std::uint8_t {
  kId,
  kTitle,
  kAuthor,
  kPublished,
  kCountry,
  kYear,
  kTopic,
  kPublisher,
  kSeries,
  kTier,
  kRegion,
  kSubregion,
  kMentions,
  kBody,
  kOrg,
  kCitationKey,
  kSymbol,
  kFlowFrom,
  kFlowTo,
  kFlowPair,
};

enum class FieldKind {
  kUniqueId,  // one boolean term per document, used by replace_document()
  kText,      // free text: positional unstemmed terms plus stemmed 'Z' terms
  kKeyword,   // exact values as boolean terms and, when a facet, a joined value slot
  kStored,    // kept in the stored report only: no terms (the publication date)
};

// Where a field shows; a field's `exposure` is a set of these.
enum Exposure : unsigned {
  kFacet = 1u << 0,         // counted per value in every search (needs a facet slot)
  kFilter = 1u << 1,        // a filter of `dossier search` (--name) and of the API (name=)
  kQueryField = 1u << 2,    // "name:value" in the query language
  kHitField = 1u << 3,      // a key of every hit in search JSON and JSON Lines
  kCsvColumn = 1u << 4,     // a column of the CSV export
  kApiParameter = 1u << 5,  // a parameter of /api/search and /api/facets (and in OpenAPI)
};

// How a value a user types becomes the values the index holds (resolve_value()).
enum class Resolution {
  kNone,            // not filterable
  kCountry,         // a name (English, former, curated, or in ten other languages) or ISO code
  kYears,           // a year or a range of years (parse_year_range())
  kTopic,           // a topic's slug, label or alias
  kSeries,          // a series' slug, label or short name ("TIP", "factbook")
  kPublisherWords,  // a publisher's full name, or words of it
  kTier,            // a TIP placement ("Tier 2 Watch List", "2WL", "tier 3", "special case")
  kContinent,       // a UN M49 region ("Asia")
  kSubcontinent,    // a UN M49 sub-region ("Central Asia")
  kStateBody,  // a state body's name in any form, with or without its state (resolve_state_body())
  kOrganization,  // any form of an organization's name or acronym (canonical_entity_name())
  kSymbol,        // a UN document symbol, in any case ("a/hrc/13/6"; canonical_symbol())
  kFlowPlace,     // a country (as kCountry) or a region a flow names ("Middle East")
};

// How a stored value is shown (value_label()).
enum class Labeling { kValue, kCountryName, kTopicLabel, kSeriesLabel, kStateBody };

// The order of a facet's values.
enum class FacetOrder {
  kByCount,      // most frequent first, then by label
  kNewestFirst,  // years
  kScale,        // the field's own scale (tiers: Tier 1 first), then by label
};

// What a facet's values are grouped under on the page (value_group()).
enum class Grouping { kNone, kUnRegion };

// A hit field's JSON form.
enum class JsonForm {
  kString,          // "" when the report has none
  kNullableString,  // null when the report has none
  kNullableYear,    // a number, null when unknown
  kStringList,      // an array of every value
};

// One field. Entries in the table give what is particular to the field; the rest keeps these
// defaults.
struct Field {
  FieldId id = {};
  std::string_view name = {};     // in queries ("country:"), filters, facets and CSV headers
  std::string_view label = {};    // what a person reads ("Country")
  std::string_view help = {};     // what a filter on it keeps, for --help and the API reference
  std::string_view example = {};  // a value a filter takes, for the API reference and its tests
  FieldKind kind = FieldKind::kKeyword;
  std::string_view prefix = {};             // Xapian term prefix ("" for stored-only fields)
  std::optional<unsigned> facet_slot = {};  // the joined values of a facet
  unsigned exposure = 0;                    // Exposure flags
  Resolution resolution = Resolution::kNone;
  Labeling labeling = Labeling::kValue;
  FacetOrder order = FacetOrder::kByCount;
  Grouping grouping = Grouping::kNone;
  // A slot holding the single value in a form ranges can match (years: the year slot).
  std::optional<unsigned> range_slot = {};
  bool text_in_body = false;      // text fields: the words are body words too (titles)
  std::string_view hit_key = {};  // its key in hits and CSV ("topics"); empty: `name`
  std::string_view label_key =
      {};  // the key of its values' labels in hits ("country_name"), or empty
  JsonForm json = JsonForm::kString;
  // Fields whose values are entities the tagger found: a filter on them marks the entities'
  // mentions in snippets ("Myanmar" for a filter on Burma).
  std::optional<EntityKind> entity = {};
  // The report's values, as stored and shown ("KZ", "2004", "human-trafficking"); for a text
  // field, its text. Empty strings are not values.
  std::vector<std::string> (*values)(const Report& report) = nullptr;
  // Keyword fields: the values a filter may name that take a value in, indexed as terms of the
  // report too but not facet values: a state body's name alone takes in that body of every
  // state ("Ministry of Justice" for "Ministry of Justice (KZ)").
  std::vector<std::string> (*wider_values)(std::string_view value) = nullptr;
  std::string_view wider_label = {};  // what a wider value takes in ("any state")

  bool exposed(Exposure where) const { return (exposure & where) != 0; }
  std::string_view key() const { return hit_key.empty() ? name : hit_key; }
};

// A keyword field's facet is counted from a value slot that holds all the document's values
// joined by kValueSeparator, so a multi-valued facet is counted in one pass.
inline constexpr char kValueSeparator = '\x1f';

// Value slots that are not facets. Facets use 10 and up (the table's facet_slot).
enum Slot : unsigned {
  kSlotDate = 0,         // publication date sort key, "yyyymmdd"
  kSlotYear = 1,         // report year, 4 digits
  kSlotSourcePath = 2,   // absolute source path
  kSlotSourceStamp = 3,  // "<size>:<mtime ns>" of the file when indexed
  kSlotContentHash = 4,  // hex digest of the body
  kSlotTitleSort = 5,    // folded title, for stable tie-breaking
  kSlotId = 6,           // the report id, read without decoding the stored report
  // What makes two files the same report: the same document symbol, or the same folded title,
  // country and publication date (each "" when the report has none). A PDF and its text copy
  // share one of them.
  kSlotSameSymbol = 7,
  // Reports that are one report (the same text, or the same report in two files) share this:
  // the smallest content hash among them. Search collapses on it.
  kSlotCollapse = 8,
  kSlotSameTitle = 9,
  // Sort keys that end in the report id, so that an index and the same reports in shards (whose
  // document numbers interleave) list reports of one date in one order: the date then the id,
  // and the date's digits inverted (newest first) then the id. After the facets' slots.
  kSlotOldestThenId = 30,
  kSlotNewestThenId = 31,
};

// The body is free text with no prefix; it is not a queryable field name.
inline constexpr std::string_view kBodyPrefix = "";
// Stemmed forms of text terms carry this before the field prefix, as Xapian's own
// TermGenerator does ("Zgovern", "ZSgovern").
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::size_t kMaxTermBytes = 245;
// Body positions leave this gap after each paragraph (and after the title): a phrase or NEAR/n
// never spans two paragraphs, and words in one paragraph are closer than this while words of
// two paragraphs are further apart, so a NEAR window of this size is "in one paragraph" (exact
// for paragraphs shorter than it; the longest in the shared archive has 4,648 words).
inline constexpr unsigned kParagraphPositionGap = 8192;
// The largest n of NEAR/n.
inline constexpr unsigned kMostNearDistance = 99;

// The table, in FieldId order.
std::span<const Field> fields();
const Field& field(FieldId id);
// By name ("country"); nullptr for an unknown one.
const Field* find_field(std::string_view name);

// The slots a searcher reads for every report when it opens an index (the facet table): each
// facet's slot, in table order, then kSlotId. What the value snapshot (corpus/value_snapshot.h)
// holds.
std::vector<unsigned> facet_table_slots();

// A flow's pair as the kFlowPair field holds it: "UZ>KZ", "UZ>Middle East".
std::string flow_pair_value(std::string_view from, std::string_view to);

// A year as stored in the year slot and terms: four digits, zero-padded ("0000" for unknown).
std::string year_value(int year);

// The boolean term for a keyword value: prefix + folded value, cut to kMaxTermBytes with a hash
// suffix when longer. `folded_value` must already be normalized (TextNormalizer::fold or a code).
std::string keyword_term(const Field& field, std::string_view folded_value);

// A filter value as a user wrote it, resolved to what the index holds.
struct ResolvedValue {
  // Values to match exactly (as keyword_term() of their folded form).
  std::vector<std::string> values;
  // kYears: the years, matched on the field's range slot.
  std::optional<YearRange> years;
  // kPublisherWords: when no value is exactly this, every value containing these words
  // (folded) matches.
  std::string words;
};

// Throws Error{kInvalidArgument} saying what is wrong with the value (an unknown country, a
// malformed year); callers name the parameter. Publishers resolve whatever they are (the list
// depends on the archive); the others only to values that exist.
ResolvedValue resolve_value(const Field& field, std::string_view value,
                            const Gazetteers& gazetteers);

// How a stored value is shown ("KZ" -> "Kazakhstan", "forced-labour" -> "Forced labour").
std::string value_label(const Field& field, const std::string& value, const Gazetteers& gazetteers);
// What the value is grouped under ("KZ" -> "Asia"), or "".
std::string value_group(const Field& field, const std::string& value);
// A key that sorts a field's values in its FacetOrder (ascending; kNewestFirst reverses it).
std::string value_sort_key(const Field& field, const std::string& value);

}  // namespace dossier::schema
