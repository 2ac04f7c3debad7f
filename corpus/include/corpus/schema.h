#pragma once
// The index schema: every term prefix, value slot and field kind, declared once. The document
// builder, the query parser, the facet counter and the tests all iterate over this table.
//
// Conventions: multi-letter prefixes begin with 'X'. Terms are at most kMaxTermBytes; longer
// keyword values are cut and suffixed with a hash (see keyword_term()).
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dossier::schema {

enum class FieldKind {
  kUniqueId,  // one boolean term per document, used by replace_document()
  kText,      // free text: positional unstemmed terms plus stemmed 'Z' terms
  kKeyword,   // exact values as boolean terms; facets and filters
};

// A keyword field's facet is counted from a value slot that holds all the document's values
// joined by kValueSeparator, so a multi-valued facet is counted in one pass.
inline constexpr char kValueSeparator = '\x1f';

struct Field {
  std::string_view name;    // field name in queries ("country:"), filters and facets
  std::string_view prefix;  // Xapian term prefix
  FieldKind kind;
  std::optional<unsigned> facet_slot;  // keyword fields counted as facets
  std::string_view label;              // human label ("Country")
};

// Value slots that are not facets.
enum Slot : unsigned {
  kSlotDate = 0,         // publication date sort key, "yyyymmdd"
  kSlotYear = 1,         // report year, 4 digits
  kSlotSourcePath = 2,   // absolute source path
  kSlotSourceStamp = 3,  // "<size>:<mtime ns>" of the file when indexed
  kSlotContentHash = 4,  // hex digest of the body
  kSlotTitleSort = 5,    // folded title, for stable tie-breaking
  kSlotId = 6,           // the report id, read without decoding the stored report
};

inline constexpr std::array kFields = {
    Field{"id", "Q", FieldKind::kUniqueId, std::nullopt, "Id"},
    Field{"title", "S", FieldKind::kText, std::nullopt, "Title"},
    Field{"author", "A", FieldKind::kText, std::nullopt, "Author"},
    Field{"country", "XC", FieldKind::kKeyword, 10u, "Country"},
    Field{"year", "XY", FieldKind::kKeyword, 11u, "Year"},
    Field{"topic", "XT", FieldKind::kKeyword, 12u, "Topic"},
    Field{"publisher", "XP", FieldKind::kKeyword, 13u, "Publisher"},
    Field{"series", "XS", FieldKind::kKeyword, 14u, "Series"},
    Field{"region", "XR", FieldKind::kKeyword, 16u, "Region"},
    Field{"subregion", "XU", FieldKind::kKeyword, 17u, "Sub-region"},
    Field{"mentions", "XM", FieldKind::kKeyword, 15u, "Mentioned country"},
    Field{"body", "XB", FieldKind::kKeyword, 18u, "State body"},
    Field{"org", "XO", FieldKind::kKeyword, 19u, "Organization"},
};

// The body is free text with no prefix; it is not a queryable field name.
inline constexpr std::string_view kBodyPrefix = "";
// Stemmed forms of text terms carry this before the field prefix, as Xapian's own
// TermGenerator does ("Zgovern", "ZSgovern").
inline constexpr std::string_view kStemPrefix = "Z";
// Text fields are indexed into the body too, so a plain query finds words in titles.
inline constexpr std::size_t kMaxTermBytes = 245;
// Position gap between paragraphs so phrases do not match across them.
inline constexpr unsigned kParagraphPositionGap = 100;

const Field* find_field(std::string_view name);
const Field& field(std::string_view name);  // throws Error{kInternal} for an unknown name

// A year as stored in the year slot and terms: four digits, zero-padded ("0000" for unknown).
std::string year_value(int year);

// The boolean term for a keyword value: prefix + folded value, cut to kMaxTermBytes with a hash
// suffix when longer. `folded_value` must already be normalized (TextNormalizer::fold or a code).
std::string keyword_term(const Field& field, std::string_view folded_value);

}  // namespace dossier::schema
