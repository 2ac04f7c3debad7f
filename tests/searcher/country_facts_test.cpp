// A country's trafficking facts, gathered from its reports in the index: each fact with the
// report, paragraph and sentence that state it.
#include <gtest/gtest.h>

#include <algorithm>

#include "corpus/error.h"
#include "sample_index.h"
#include "searcher/search.h"

namespace dossier {
namespace {

TEST(CountryFacts, TheSeedsTierRolesAndFlowsWithTheirSentences) {
  Searcher searcher(test::sample_index(), test::gazetteers());
  const CountryFacts facts = searcher.country_facts("Kazakhstan", {});
  EXPECT_EQ(facts.country, "KZ");
  EXPECT_GE(facts.reports, 2u);
  const auto tier_2004 = std::find_if(facts.tiers.begin(), facts.tiers.end(), [](const auto& t) {
    return t.year == 2004 && t.tier == "Tier 2 Watch List";
  });
  ASSERT_NE(tier_2004, facts.tiers.end());
  EXPECT_EQ(tier_2004->at.report, "000_f233a536db1b0761");
  // Tiers come oldest first.
  EXPECT_TRUE(std::is_sorted(facts.tiers.begin(), facts.tiers.end(),
                             [](const auto& a, const auto& b) { return a.year < b.year; }));
  std::vector<std::string> roles_2004;
  for (const CountryRole& r : facts.roles) {
    if (r.year == 2004) roles_2004.push_back(r.role);
  }
  EXPECT_EQ(roles_2004, (std::vector<std::string>{"source", "transit", "destination"}));
  const auto from_kyrgyzstan =
      std::find_if(facts.flows.begin(), facts.flows.end(),
                   [](const auto& f) { return f.from == "KG" && f.to == "KZ" && f.year == 2004; });
  ASSERT_NE(from_kyrgyzstan, facts.flows.end());
  EXPECT_NE(from_kyrgyzstan->at.sentence.find("Kyrgyz Republic"), std::string::npos);
  EXPECT_FALSE(from_kyrgyzstan->at.label.empty());  // what a citation of it gives

  // Years narrow the reports read.
  const CountryFacts only_2004 = searcher.country_facts("KZ", {"2004"});
  EXPECT_EQ(only_2004.reports, 1u);
  for (const CountryTier& t : only_2004.tiers) EXPECT_EQ(t.at.report, "000_f233a536db1b0761");
}

TEST(CountryFacts, ACountryWhoseReportsStateNothingHasEmptyLists) {
  Searcher searcher(test::sample_index(), test::gazetteers());
  const CountryFacts facts = searcher.country_facts("Andorra", {});
  EXPECT_EQ(facts.country, "AD");
  EXPECT_GE(facts.reports, 1u);
  EXPECT_TRUE(facts.tiers.empty());
  EXPECT_TRUE(facts.roles.empty());
  EXPECT_TRUE(facts.flows.empty());
}

TEST(CountryFacts, AnUnknownCountryOrYearIsNamed) {
  Searcher searcher(test::sample_index(), test::gazetteers());
  try {
    searcher.country_facts("Narnia", {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.parameter(), "country");
    EXPECT_NE(std::string(e.what()).find("Narnia"), std::string::npos);
  }
  try {
    searcher.country_facts("KZ", {"20x4"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.parameter(), "years");
  }
}

}  // namespace
}  // namespace dossier
