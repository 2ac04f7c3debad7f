// TIP placements: the scale, how users write them, and which one a report states.
#include "corpus/tiers.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

Report report(std::string series, std::string country, std::vector<std::string> paragraphs) {
  Report r;
  r.series = std::move(series);
  r.country_code = std::move(country);
  int number = 0;
  for (std::string& text : paragraphs)
    r.paragraphs.push_back({++number, ParagraphKind::kText, text});
  return r;
}

TEST(Tiers, UsersWriteThemManyWays) {
  EXPECT_EQ(resolve_tier("Tier 2 Watch List"), "Tier 2 Watch List");
  EXPECT_EQ(resolve_tier("tier 2 watch list"), "Tier 2 Watch List");
  EXPECT_EQ(resolve_tier("2WL"), "Tier 2 Watch List");
  EXPECT_EQ(resolve_tier("watch-list"), "Tier 2 Watch List");
  EXPECT_EQ(resolve_tier("3"), "Tier 3");
  EXPECT_EQ(resolve_tier("TIER 1"), "Tier 1");
  EXPECT_EQ(resolve_tier("special case"), "Special Case");
  EXPECT_FALSE(resolve_tier("4"));
  EXPECT_FALSE(resolve_tier("Tier"));
  EXPECT_FALSE(resolve_tier(""));
  EXPECT_EQ(tier_rank("Tier 1"), 0u);
  EXPECT_EQ(tier_rank("Special Case"), 4u);
  EXPECT_EQ(tier_rank("Tier 9"), 5u);
}

TEST(Tiers, StatedByTipChaptersAndFactbookEntries) {
  // The seed's heading.
  EXPECT_EQ(stated_tier(report("tip", "KZ",
                               {"Kazakhstan (Tier 2 Watch List)",
                                "Kazakhstan is a source ... Tier 2 placement in September 2003"})),
            "Tier 2 Watch List");
  // The Factbook's rating line, in its spellings over the years.
  EXPECT_EQ(stated_tier(report("wfb", "BF",
                               {"current situation: ...",
                                "tier rating: Tier 2 - Burkina Faso does not fully comply"})),
            "Tier 2");
  EXPECT_EQ(stated_tier(report("wfb", "DZ", {"tier rating: Tier 2 Watch list Algeria does not"})),
            "Tier 2 Watch List");
  EXPECT_EQ(stated_tier(report("wfb", "HT", {"tier rating: Special Case; for more details"})),
            "Special Case");
  EXPECT_EQ(stated_tier(report("wfb", "BO",
                               {"...; therefore, Bolivia was downgraded to Tier 2 Watch List "
                                "(2023) trafficking profile: ...",
                                "tier rating: Tier 3 Bolivia"})),
            "Tier 3");
}

TEST(Tiers, NoneWhereNoneIsStated) {
  // The Factbook's world entry lists every placement: it states none of its own.
  EXPECT_EQ(stated_tier(report("wfb", "",
                               {"tier rating: | Tier 2 Watch List: countries that do not fully "
                                "comply; (44 countries) Bolivia, ...Tier 3:countries that ..."})),
            "");
  EXPECT_EQ(stated_tier(report("wfb", "XX", {"tier rating: | Tier 3: countries that neither"})),
            "");
  // Other series mention placements in passing.
  EXPECT_EQ(stated_tier(report("hrr", "KZ", {"See the Trafficking in Persons Report: Tier 2."})),
            "");
  // "a special case" in prose is no placement; "Tier 22" and "tier" alone neither.
  EXPECT_EQ(stated_tier(report("tip", "KZ", {"This is a special case of Tier 22 and of tiers."})),
            "");
}

}  // namespace
}  // namespace dossier
