#include "corpus/schema.h"

#include "corpus/symbols.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "corpus/citation_key.h"
#include "corpus/data_file.h"
#include "corpus/entities.h"
#include "corpus/error.h"
#include "corpus/facts.h"
#include "corpus/gazetteers.h"
#include "corpus/hash.h"
#include "corpus/regions.h"
#include "corpus/series.h"
#include "corpus/symbols.h"
#include "corpus/tiers.h"
#include "name_words.h"

namespace dossier::schema {
namespace {

// Values of a report, for the table's `values` functions.
std::vector<std::string> one(const std::string& value) {
  if (value.empty()) return {};
  return {value};
}

std::vector<std::string> entity_values(const Report& report, EntityKind kind) {
  std::vector<std::string> values;
  for (const Entity& e : report.entities) {
    if (e.kind != kind) continue;
    std::string value = kind == EntityKind::kCountry ? e.id : e.name;
    if (std::find(values.begin(), values.end(), value) == values.end()) {
      values.push_back(std::move(value));
    }
  }
  return values;
}

// One value per body per state ("Ministry of Justice (KZ)").
std::vector<std::string> state_body_values(const Report& report) {
  std::vector<std::string> values;
  for (const Entity& e : report.entities) {
    if (e.kind != EntityKind::kStateBody) continue;
    std::string value = state_body_value(e.name, e.country);
    if (std::find(values.begin(), values.end(), value) == values.end()) {
      values.push_back(std::move(value));
    }
  }
  return values;
}

// A place a flow names that is a country or a region, not words kept as written ("?abroad").
bool named_place(std::string_view place) {
  return !place.empty() && !place.starts_with('?');
}

// The places at one end of each flow a report states, each once.
std::vector<std::string> flow_places(const Report& report, std::string FlowFact::*end) {
  std::vector<std::string> values;
  for (const FlowFact& flow : report.facts.flows) {
    const std::string& place = flow.*end;
    if (named_place(place) && std::find(values.begin(), values.end(), place) == values.end()) {
      values.push_back(place);
    }
  }
  return values;
}

constexpr unsigned kEverywhere =
    kFacet | kFilter | kQueryField | kHitField | kCsvColumn | kApiParameter;
constexpr unsigned kFilterFacet = kFacet | kFilter | kQueryField | kApiParameter;

// The table. Each entry says what the field is and does; the order is the order of facets,
// hit keys and CSV columns. Prefixes and slots are in stored indexes: never reuse one.
constexpr std::array<Field, 20> kFields = {{
    {.id = FieldId::kId,
     .name = "id",
     .label = "Id",
     .help = "The report's id",
     .example = "hrr_2024_kazakhstan",
     .kind = FieldKind::kUniqueId,
     .prefix = "Q",
     .exposure = kHitField | kCsvColumn,
     .values = [](const Report& r) { return one(r.id); }},
    {.id = FieldId::kTitle,
     .name = "title",
     .label = "Title",
     .help = "Words of the title",
     .example = "trafficking",
     .kind = FieldKind::kText,
     .prefix = "S",
     .exposure = kQueryField | kHitField | kCsvColumn,
     .text_in_body = true,
     .values = [](const Report& r) { return one(r.title); }},
    {.id = FieldId::kAuthor,
     .name = "author",
     .label = "Author",
     .help = "Words of the author's name",
     .example = "office",
     .kind = FieldKind::kText,
     .prefix = "A",
     .exposure = kQueryField,
     .values = [](const Report& r) { return one(r.author); }},
    {.id = FieldId::kPublished,
     .name = "published",
     .label = "Published",
     .help = "The publication date, as precise as the source gives it",
     .example = "2004-06-14",
     .kind = FieldKind::kStored,
     .exposure = kHitField | kCsvColumn,
     .values = [](const Report& r) { return r.published ? one(r.published->iso()) : one(""); }},
    {.id = FieldId::kCountry,
     .name = "country",
     .label = "Country",
     .help = "Only reports about this country (a name, in English or another language, or an "
             "ISO code)",
     .example = "Kazakhstan",
     .prefix = "XC",
     .facet_slot = 10u,
     .exposure = kEverywhere,
     .resolution = Resolution::kCountry,
     .labeling = Labeling::kCountryName,
     .grouping = Grouping::kUnRegion,
     .label_key = "country_name",
     .json = JsonForm::kNullableString,
     .values = [](const Report& r) { return one(r.country_code); }},
    {.id = FieldId::kYear,
     .name = "year",
     .label = "Year",
     .help = "Only reports covering this year or these years (2004, 2001..2004, 2001.., ..2004)",
     .example = "2001..2004",
     .prefix = "XY",
     .facet_slot = 11u,
     .exposure = kEverywhere,
     .resolution = Resolution::kYears,
     .order = FacetOrder::kNewestFirst,
     .range_slot = kSlotYear,
     .json = JsonForm::kNullableYear,
     .values = [](const Report& r) { return r.year > 0 ? one(year_value(r.year)) : one(""); }},
    {.id = FieldId::kTopic,
     .name = "topic",
     .label = "Topic",
     .help = "Only reports with this topic (its slug or label: human-trafficking, \"forced "
             "labour\")",
     .example = "human-trafficking",
     .prefix = "XT",
     .facet_slot = 12u,
     .exposure = kEverywhere,
     .resolution = Resolution::kTopic,
     .labeling = Labeling::kTopicLabel,
     .hit_key = "topics",
     .json = JsonForm::kStringList,
     .values = [](const Report& r) { return r.topics; }},
    {.id = FieldId::kPublisher,
     .name = "publisher",
     .label = "Publisher",
     .help = "Only reports by this publisher (its name, or words of it)",
     .example = "Department of State",
     .prefix = "XP",
     .facet_slot = 13u,
     .exposure = kEverywhere,
     .resolution = Resolution::kPublisherWords,
     .values = [](const Report& r) { return one(r.publisher); }},
    {.id = FieldId::kSeries,
     .name = "series",
     .label = "Series",
     .help = "Only reports of this series (tip, hrr, irf, upr, wfb, other, or a name: "
             "\"factbook\")",
     .example = "tip",
     .prefix = "XS",
     .facet_slot = 14u,
     .exposure = kEverywhere,
     .resolution = Resolution::kSeries,
     .labeling = Labeling::kSeriesLabel,
     .label_key = "series_label",
     .values = [](const Report& r) { return one(r.series); }},
    {.id = FieldId::kTier,
     .name = "tier",
     .label = "TIP tier",
     .help = "Only reports stating this Trafficking in Persons placement (Tier 1, Tier 2, Tier 2 "
             "Watch List, Tier 3, Special Case; or 1, 2, 2WL, 3)",
     .example = "Tier 2 Watch List",
     .prefix = "XL",
     .facet_slot = 20u,
     .exposure = kEverywhere,
     .resolution = Resolution::kTier,
     .order = FacetOrder::kScale,
     .json = JsonForm::kNullableString,
     .values = [](const Report& r) { return one(r.tier); }},
    {.id = FieldId::kRegion,
     .name = "region",
     .label = "Region",
     .help = "Only reports about a country of this UN region (Africa, Americas, Asia, Europe, "
             "Oceania)",
     .example = "Asia",
     .prefix = "XR",
     .facet_slot = 16u,
     .exposure = kFilterFacet,
     .resolution = Resolution::kContinent,
     .values = [](const Report& r) { return one(r.region); }},
    {.id = FieldId::kSubregion,
     .name = "subregion",
     .label = "Sub-region",
     .help = "Only reports about a country of this UN sub-region (\"Central Asia\")",
     .example = "Central Asia",
     .prefix = "XU",
     .facet_slot = 17u,
     .exposure = kFilterFacet,
     .resolution = Resolution::kSubcontinent,
     .values = [](const Report& r) { return one(r.subregion); }},
    {.id = FieldId::kMentions,
     .name = "mentions",
     .label = "Mentioned country",
     .help = "Only reports that mention this country (by any of its names or a demonym)",
     .example = "Turkey",
     .prefix = "XM",
     .facet_slot = 15u,
     .exposure = kFilterFacet,
     .resolution = Resolution::kCountry,
     .labeling = Labeling::kCountryName,
     .grouping = Grouping::kUnRegion,
     .json = JsonForm::kStringList,
     .entity = EntityKind::kCountry,
     .values = [](const Report& r) { return entity_values(r, EntityKind::kCountry); }},
    {.id = FieldId::kBody,
     .name = "body",
     .label = "State body",
     .help = "Only reports that name this state body (\"Ministry of Justice\", \"the Justice "
             "Ministry\")",
     .example = "Ministry of Justice",
     .prefix = "XB",
     .facet_slot = 18u,
     .exposure = kFilterFacet,
     .resolution = Resolution::kStateBody,
     .labeling = Labeling::kStateBody,
     .json = JsonForm::kStringList,
     .entity = EntityKind::kStateBody,
     .values = state_body_values,
     .wider_values =
         [](std::string_view value) { return std::vector<std::string>{state_body_name_of(value)}; },
     .wider_label = "any state"},
    {.id = FieldId::kOrg,
     .name = "org",
     .label = "Organization",
     .help = "Only reports that name this organization (its name or acronym: \"IOM\")",
     .example = "IOM",
     .prefix = "XO",
     .facet_slot = 19u,
     .exposure = kFilterFacet,
     .resolution = Resolution::kOrganization,
     .json = JsonForm::kStringList,
     .entity = EntityKind::kOrganization,
     .values = [](const Report& r) { return entity_values(r, EntityKind::kOrganization); }},
    // Not shown anywhere: the searcher finds the reports that share a report's base key, to
    // give each a key of its own (Searcher::citation_key).
    {.id = FieldId::kCitationKey,
     .name = "key",
     .label = "Citation key",
     .prefix = "XK",
     .values = [](const Report& r) { return one(citation_base_key(r)); }},
    {.id = FieldId::kSymbol,
     .name = "symbol",
     .label = "Document symbol",
     .help = "Only the report with this UN document symbol (\"A/HRC/13/6\")",
     .example = "A/HRC/14/11",
     .prefix = "XD",
     .exposure = kFilter | kQueryField | kHitField | kCsvColumn | kApiParameter,
     .resolution = Resolution::kSymbol,
     .values = [](const Report& r) { return one(r.symbol); }},
    // The trafficking flows a report states (Report::facts): where people are trafficked from
    // and to. Filtering on both keeps the reports stating a flow between them (kFlowPair).
    {.id = FieldId::kFlowFrom,
     .name = "flow_from",
     .label = "Trafficked from",
     .help = "Only reports stating a trafficking flow from this country or region (a name, an "
             "ISO code, or a region: \"Middle East\")",
     .example = "Uzbekistan",
     .prefix = "XF",
     .facet_slot = 21u,
     .exposure = kFilterFacet,
     .resolution = Resolution::kFlowPlace,
     .labeling = Labeling::kCountryName,
     .json = JsonForm::kStringList,
     .entity = EntityKind::kCountry,
     .values = [](const Report& r) { return flow_places(r, &FlowFact::from); }},
    {.id = FieldId::kFlowTo,
     .name = "flow_to",
     .label = "Trafficked to",
     .help = "Only reports stating a trafficking flow to this country or region (a name, an ISO "
             "code, or a region: \"Western Europe\")",
     .example = "Kazakhstan",
     .prefix = "XG",
     .facet_slot = 22u,
     .exposure = kFilterFacet,
     .resolution = Resolution::kFlowPlace,
     .labeling = Labeling::kCountryName,
     .json = JsonForm::kStringList,
     .entity = EntityKind::kCountry,
     .values = [](const Report& r) { return flow_places(r, &FlowFact::to); }},
    // Not shown anywhere: "UZ>KZ", what a filter on both ends of a flow matches.
    {.id = FieldId::kFlowPair,
     .name = "flow",
     .label = "Trafficking flow",
     .prefix = "XH",
     .values =
         [](const Report& r) {
           std::vector<std::string> values;
           for (const FlowFact& flow : r.facts.flows) {
             if (!named_place(flow.from) || !named_place(flow.to)) continue;
             std::string value = flow_pair_value(flow.from, flow.to);
             if (std::find(values.begin(), values.end(), value) == values.end()) {
               values.push_back(std::move(value));
             }
           }
           return values;
         }},
}};

constexpr bool in_id_order() {
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    if (static_cast<std::size_t>(kFields[i].id) != i) return false;
  }
  return true;
}

std::string folded(std::string_view text) {
  return names::thread_normalizer().fold(text);
}

[[noreturn]] void unknown(std::string_view what, std::string_view value, std::string_view known) {
  throw Error(ErrorKind::kInvalidArgument, "unknown " + std::string(what) + " \"" +
                                               std::string(value) + "\"" + std::string(known));
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// One of a fixed list of names, matched case- and accent-insensitively.
std::string one_of(const std::vector<std::string>& names, std::string_view value,
                   std::string_view what) {
  const std::string key = folded(value);
  for (const std::string& name : names) {
    if (folded(name) == key) return name;
  }
  unknown(what, value, "; the " + std::string(what) + "s are " + joined(names));
}

}  // namespace

std::span<const Field> fields() {
  static_assert(in_id_order(), "kFields must list the fields in FieldId order");
  return kFields;
}

const Field& field(FieldId id) {
  return kFields[static_cast<std::size_t>(id)];
}

std::vector<unsigned> facet_table_slots() {
  std::vector<unsigned> slots;
  for (const Field& field : fields()) {
    if (field.facet_slot && field.exposed(kFacet)) slots.push_back(*field.facet_slot);
  }
  slots.push_back(kSlotId);
  return slots;
}

const Field* find_field(std::string_view name) {
  for (const Field& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string year_value(int year) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d", year < 0 ? 0 : year % 10000);
  return buffer;
}

std::string keyword_term(const Field& field, std::string_view folded_value) {
  std::string term(field.prefix);
  term += folded_value;
  if (term.size() <= kMaxTermBytes) return term;
  const std::string suffix = "#" + StableHash().add(folded_value).hex();
  std::size_t keep = kMaxTermBytes - suffix.size();
  // Do not cut inside a UTF-8 sequence.
  while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;
  term.resize(keep);
  return term + suffix;
}

std::string flow_pair_value(std::string_view from, std::string_view to) {
  return std::string(from) + ">" + std::string(to);
}

ResolvedValue resolve_value(const Field& field, std::string_view value,
                            const Gazetteers& gazetteers) {
  if (trim(value).empty()) {
    throw Error(ErrorKind::kInvalidArgument, "an empty value matches nothing");
  }
  switch (field.resolution) {
    case Resolution::kNone:
      throw Error(ErrorKind::kInvalidArgument,
                  "\"" + std::string(field.name) + "\" cannot be used as a filter");
    case Resolution::kCountry: {
      const auto country = gazetteers.countries.resolve(value);
      if (!country) {
        std::string hint = " (use a name or an ISO code)";
        const std::vector<std::string> nearest = gazetteers.countries.nearest_names(value);
        if (!nearest.empty()) {
          hint = "; did you mean ";
          for (std::size_t i = 0; i < nearest.size(); ++i) {
            hint += (i == 0 ? "" : i + 1 == nearest.size() ? " or " : ", ") + nearest[i];
          }
          hint += "?";
        }
        unknown("country", value, hint);
      }
      return {{country->code}, std::nullopt, ""};
    }
    case Resolution::kYears:
      return {{}, parse_year_range(value), ""};
    case Resolution::kTopic: {
      const auto topic = gazetteers.topics.resolve(value);
      if (!topic) {
        std::vector<std::string> slugs;
        for (const Topic& t : gazetteers.topics.topics()) slugs.push_back(t.slug);
        unknown("topic", value, "; the topics are " + joined(slugs));
      }
      return {{topic->slug}, std::nullopt, ""};
    }
    case Resolution::kSeries: {
      const auto series = resolve_series(value);
      if (!series) {
        std::vector<std::string> slugs;
        for (const Series& s : all_series()) slugs.emplace_back(s.slug);
        unknown("series", value, "; the series are " + joined(slugs));
      }
      return {{std::string(series->slug)}, std::nullopt, ""};
    }
    case Resolution::kPublisherWords:
      return {{std::string(trim(value))}, std::nullopt, folded(value)};
    case Resolution::kSymbol: {
      std::string symbol = canonical_symbol(value);
      if (symbol.empty()) {
        throw Error(
            ErrorKind::kInvalidArgument,
            "\"" + std::string(trim(value)) + "\" is not a UN document symbol (like A/HRC/14/11)");
      }
      return {{std::move(symbol)}, std::nullopt, {}};
    }
    case Resolution::kTier: {
      const auto tier = resolve_tier(value);
      if (!tier) {
        std::vector<std::string> names(tier_scale().begin(), tier_scale().end());
        unknown("tier", value, "; the tiers are " + joined(names));
      }
      return {{std::string(*tier)}, std::nullopt, ""};
    }
    case Resolution::kContinent:
      return {{one_of(un_continents(), value, "region")}, std::nullopt, ""};
    case Resolution::kSubcontinent:
      return {{one_of(un_subcontinents(), value, "sub-region")}, std::nullopt, ""};
    case Resolution::kStateBody: {
      // A name alone matches that body of every state (also_matched); with a state, its own.
      const StateBodyName body = resolve_state_body(value, gazetteers);
      return {{state_body_value(body.name, body.state)}, std::nullopt, ""};
    }
    case Resolution::kOrganization:
      return {{canonical_entity_name(EntityKind::kOrganization, value, gazetteers.entities)},
              std::nullopt,
              ""};
    case Resolution::kFlowPlace: {
      const std::string wanted = folded(value);
      for (const std::string& region : flow_regions()) {
        if (folded(region) == wanted) return {{region}, std::nullopt, ""};
      }
      if (const auto country = gazetteers.countries.resolve(value)) {
        return {{country->code}, std::nullopt, ""};
      }
      unknown("place", value,
              "; use a country's name or ISO code, or a region: " + joined(flow_regions()));
    }
  }
  throw Error(ErrorKind::kInternal, "unhandled resolution");  // not reached
}

std::string value_label(const Field& field, const std::string& value,
                        const Gazetteers& gazetteers) {
  switch (field.labeling) {
    case Labeling::kValue:
      return value;
    case Labeling::kCountryName:
      if (const auto country = gazetteers.countries.by_code(value)) return country->name;
      return value;
    case Labeling::kTopicLabel:
      if (const auto topic = gazetteers.topics.resolve(value)) return topic->label;
      return value;
    case Labeling::kSeriesLabel:
      if (const auto series = resolve_series(value)) return std::string(series->label);
      return value;
    case Labeling::kStateBody:
      return state_body_label(value, gazetteers);
  }
  return value;  // not reached
}

std::string value_group(const Field& field, const std::string& value) {
  switch (field.grouping) {
    case Grouping::kNone:
      return {};
    case Grouping::kUnRegion:
      if (const auto region = un_region_of(value)) return region->continent;
      return {};
  }
  return {};  // not reached
}

std::string value_sort_key(const Field& field, const std::string& value) {
  switch (field.order) {
    case FacetOrder::kByCount:
    case FacetOrder::kNewestFirst:
      return value;
    case FacetOrder::kScale: {
      // Tiers are the one scale so far.
      const std::size_t place = field.resolution == Resolution::kTier ? tier_rank(value) : 0;
      char rank[8];
      std::snprintf(rank, sizeof rank, "%03zu", place);
      return rank + value;
    }
  }
  return value;  // not reached
}

}  // namespace dossier::schema
