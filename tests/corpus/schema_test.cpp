// The schema table's own consistency: what every other module derives from it must be sound.
#include "corpus/schema.h"

#include <gtest/gtest.h>

#include <set>

#include "corpus/error.h"
#include "corpus/gazetteers.h"

namespace dossier::schema {
namespace {

const Gazetteers& gazetteers() {
  static const Gazetteers kGazetteers = Gazetteers::load();
  return kGazetteers;
}

TEST(Schema, NamesPrefixesAndSlotsAreUnique) {
  std::set<std::string_view> names, keys, prefixes;
  std::set<unsigned> facet_slots;
  for (const Field& field : fields()) {
    EXPECT_TRUE(names.insert(field.name).second) << field.name;
    if (field.exposed(kHitField)) {
      EXPECT_TRUE(keys.insert(field.key()).second) << field.key();
    }
    if (!field.label_key.empty()) {
      EXPECT_TRUE(keys.insert(field.label_key).second);
    }
    if (field.kind == FieldKind::kStored) {
      EXPECT_TRUE(field.prefix.empty()) << field.name;
      continue;
    }
    ASSERT_FALSE(field.prefix.empty()) << field.name;
    EXPECT_TRUE(prefixes.insert(field.prefix).second) << field.prefix;
    if (field.prefix.size() > 1) {
      EXPECT_EQ(field.prefix.front(), 'X') << field.name;
    }
    EXPECT_NE(field.prefix.front(), kStemPrefix.front()) << field.name;
    if (field.facet_slot) {
      EXPECT_TRUE(facet_slots.insert(*field.facet_slot).second) << field.name;
      // Slots below 10 are the ones the Slot enum names.
      EXPECT_GE(*field.facet_slot, 10u) << field.name;
    }
    if (field.range_slot) {
      EXPECT_LT(*field.range_slot, 10u) << field.name;
    }
  }
  // No prefix is the start of another: a term's prefix is always read the same way.
  for (std::string_view a : prefixes) {
    for (std::string_view b : prefixes) {
      if (a != b) {
        EXPECT_FALSE(b.starts_with(a)) << a << " is the start of " << b;
      }
    }
  }
}

TEST(Schema, EachExposureHasWhatItNeeds) {
  for (const Field& field : fields()) {
    EXPECT_EQ(&schema::field(field.id), &field);
    EXPECT_EQ(find_field(field.name), &field);
    EXPECT_NE(field.values, nullptr) << field.name;
    EXPECT_FALSE(field.label.empty()) << field.name;
    if (field.exposed(kFacet)) {
      EXPECT_TRUE(field.facet_slot.has_value()) << field.name;
      EXPECT_EQ(field.kind, FieldKind::kKeyword) << field.name;
    }
    if (field.exposed(kFilter) || field.exposed(kApiParameter)) {
      EXPECT_NE(field.resolution, Resolution::kNone) << field.name;
      EXPECT_FALSE(field.help.empty()) << field.name;
      // The example a reference shows is a value the filter takes.
      EXPECT_NO_THROW(resolve_value(field, field.example, gazetteers())) << field.name;
    }
    if (field.exposed(kQueryField)) {
      EXPECT_NE(field.kind, FieldKind::kStored) << field.name;
    }
    if (!field.label_key.empty()) {
      EXPECT_NE(field.labeling, Labeling::kValue) << field.name;
    }
    if (field.resolution == Resolution::kYears) {
      EXPECT_TRUE(field.range_slot) << field.name;
    }
  }
  EXPECT_EQ(find_field("colour"), nullptr);
}

TEST(Schema, ValuesComeFromTheReport) {
  Report report;
  report.id = "seed";
  report.country_code = "KZ";
  report.year = 2004;
  report.topics = {"human-trafficking", "forced-labour"};
  report.tier = "Tier 2 Watch List";
  report.entities = {{EntityKind::kCountry, "RU", "Russia", "", {}},
                     {EntityKind::kStateBody, "x", "Ministry of Justice", "KZ", {}},
                     {EntityKind::kCountry, "RU", "Russia", "", {}}};
  EXPECT_EQ(field(FieldId::kCountry).values(report), std::vector<std::string>{"KZ"});
  EXPECT_EQ(field(FieldId::kYear).values(report), std::vector<std::string>{"2004"});
  EXPECT_EQ(field(FieldId::kTopic).values(report).size(), 2u);
  EXPECT_EQ(field(FieldId::kTier).values(report), std::vector<std::string>{"Tier 2 Watch List"});
  EXPECT_EQ(field(FieldId::kMentions).values(report), std::vector<std::string>{"RU"});
  // One value per body per state; the name alone is a wider value, matched but not counted.
  EXPECT_EQ(field(FieldId::kBody).values(report),
            std::vector<std::string>{"Ministry of Justice (KZ)"});
  EXPECT_EQ(field(FieldId::kBody).wider_values("Ministry of Justice (KZ)"),
            std::vector<std::string>{"Ministry of Justice"});
  // Nothing stated, no value: a report without a tier has none (not "").
  report.tier.clear();
  report.year = 0;
  EXPECT_TRUE(field(FieldId::kTier).values(report).empty());
  EXPECT_TRUE(field(FieldId::kYear).values(report).empty());
  EXPECT_TRUE(field(FieldId::kPublished).values(report).empty());
}

TEST(Schema, UserValuesResolveToIndexValues) {
  const auto resolved = [](FieldId id, std::string_view value) {
    return resolve_value(field(id), value, gazetteers());
  };
  EXPECT_EQ(resolved(FieldId::kCountry, "Kazakhstan").values, std::vector<std::string>{"KZ"});
  EXPECT_EQ(resolved(FieldId::kCountry, "Казахстан").values, std::vector<std::string>{"KZ"});
  EXPECT_EQ(resolved(FieldId::kMentions, "Myanmar").values, std::vector<std::string>{"MM"});
  EXPECT_EQ(resolved(FieldId::kYear, "2001..2004").years, (YearRange{2001, 2004}));
  EXPECT_EQ(resolved(FieldId::kTier, "2wl").values, std::vector<std::string>{"Tier 2 Watch List"});
  EXPECT_EQ(resolved(FieldId::kSeries, "factbook").values, std::vector<std::string>{"wfb"});
  EXPECT_EQ(resolved(FieldId::kRegion, "asia").values, std::vector<std::string>{"Asia"});
  EXPECT_EQ(resolved(FieldId::kSubregion, "central asia").values,
            std::vector<std::string>{"Central Asia"});
  EXPECT_EQ(resolved(FieldId::kBody, "the Justice Ministry").values,
            std::vector<std::string>{"Ministry of Justice"});
  EXPECT_EQ(resolved(FieldId::kBody, "the Kazakh Justice Ministry").values,
            std::vector<std::string>{"Ministry of Justice (KZ)"});
  EXPECT_EQ(resolved(FieldId::kBody, "Ministry of Justice (Kazakhstan)").values,
            std::vector<std::string>{"Ministry of Justice (KZ)"});
  EXPECT_EQ(resolved(FieldId::kOrg, "IOM").values,
            std::vector<std::string>{"International Organization for Migration"});
  EXPECT_EQ(resolved(FieldId::kPublisher, "Department of State").words, "department of state");
  for (const auto& [id, value] :
       std::vector<std::pair<FieldId, std::string>>{{FieldId::kCountry, "Narnia"},
                                                    {FieldId::kYear, "04"},
                                                    {FieldId::kTier, "Tier 4"},
                                                    {FieldId::kTopic, "weather"},
                                                    {FieldId::kRegion, "Atlantis"},
                                                    {FieldId::kCountry, "  "}}) {
    EXPECT_THROW(resolved(id, value), Error) << value;
  }
}

TEST(Schema, LabelsGroupsAndOrder) {
  const Field& country = field(FieldId::kCountry);
  EXPECT_EQ(value_label(country, "KZ", gazetteers()), "Kazakhstan");
  EXPECT_EQ(value_group(country, "KZ"), "Asia");
  EXPECT_EQ(value_label(field(FieldId::kSeries), "tip", gazetteers()),
            "Trafficking in Persons Report");
  EXPECT_EQ(value_label(field(FieldId::kTopic), "forced-labour", gazetteers()), "Forced labour");
  const Field& tier = field(FieldId::kTier);
  EXPECT_LT(value_sort_key(tier, "Tier 2"), value_sort_key(tier, "Tier 2 Watch List"));
  EXPECT_LT(value_sort_key(tier, "Tier 2 Watch List"), value_sort_key(tier, "Tier 3"));
  EXPECT_LT(value_sort_key(tier, "Tier 3"), value_sort_key(tier, "Special Case"));
}

TEST(Schema, LongKeywordsAreCutWithAStableSuffix) {
  const Field& org = field(FieldId::kOrg);
  const std::string long_value(400, 'a');
  const std::string term = keyword_term(org, long_value);
  EXPECT_LE(term.size(), kMaxTermBytes);
  EXPECT_EQ(term, keyword_term(org, long_value));
  EXPECT_NE(term, keyword_term(org, long_value + "b"));
  EXPECT_EQ(keyword_term(org, "iom"), "XOiom");
}

}  // namespace
}  // namespace dossier::schema
