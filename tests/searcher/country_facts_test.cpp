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

std::vector<std::string> flow_hits(Searcher& searcher, std::vector<std::string> from,
                                   std::vector<std::string> to) {
  SearchRequest request;
  if (!from.empty()) request.filters[schema::FieldId::kFlowFrom] = std::move(from);
  if (!to.empty()) request.filters[schema::FieldId::kFlowTo] = std::move(to);
  request.limit = 100;
  std::vector<std::string> ids;
  for (const Hit& hit : searcher.search(request).hits) ids.push_back(hit.id);
  return ids;
}

bool holds(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(FlowFilters, BothEndsKeepTheReportsStatingThatFlow) {
  Searcher searcher(test::sample_index(), test::gazetteers());
  const std::string seed = "000_f233a536db1b0761";
  // The seed states Uzbekistan -> Kazakhstan and Kazakhstan -> Russia, not Uzbekistan -> Russia.
  EXPECT_TRUE(holds(flow_hits(searcher, {"Uzbekistan"}, {}), seed));
  EXPECT_TRUE(holds(flow_hits(searcher, {}, {"Russia"}), seed));
  EXPECT_TRUE(holds(flow_hits(searcher, {"UZ"}, {"Kazakhstan"}), seed));
  const std::vector<std::string> uzbekistan_to_russia = flow_hits(searcher, {"UZ"}, {"RU"});
  EXPECT_FALSE(holds(uzbekistan_to_russia, seed));
  EXPECT_FALSE(uzbekistan_to_russia.empty());  // the Factbook's Uzbekistan entries state it
  // Several values of one end are any of them.
  EXPECT_TRUE(holds(flow_hits(searcher, {"UZ", "Tajikistan"}, {"KZ"}), seed));
  // The passage shown marks the flow's countries.
  SearchRequest request;
  request.filters[schema::FieldId::kFlowFrom] = {"Uzbekistan"};
  request.filters[schema::FieldId::kFlowTo] = {"KZ"};
  request.limit = 100;
  bool marked = false;
  for (const Hit& hit : searcher.search(request).hits) {
    if (hit.id != seed) continue;
    for (const Highlight& h : hit.snippet.highlights) {
      marked = marked || hit.snippet.text.substr(h.begin, h.end - h.begin) == "Uzbekistan";
    }
  }
  EXPECT_TRUE(marked);
}

TEST(FlowFilters, RegionsAndCountriesAreFacetsAndABadPlaceIsNamed) {
  Searcher searcher(test::sample_index(), test::gazetteers());
  SearchRequest request;
  request.limit = 0;
  const SearchResult all = searcher.search(request);
  const auto facet = [&](std::string_view name) {
    return std::find_if(all.facets.begin(), all.facets.end(),
                        [&](const Facet& f) { return f.name == name; });
  };
  ASSERT_NE(facet("flow_from"), all.facets.end());
  ASSERT_NE(facet("flow_to"), all.facets.end());
  bool labelled = false;
  for (const FacetValue& v : facet("flow_to")->values) {
    labelled = labelled || (v.value == "RU" && v.label == "Russia");
  }
  EXPECT_TRUE(labelled);
  EXPECT_FALSE(flow_hits(searcher, {}, {"middle east"}).empty());
  try {
    flow_hits(searcher, {"Narnia"}, {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.parameter(), "flow_from");
    EXPECT_NE(std::string(e.what()).find("Narnia"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("Middle East"), std::string::npos);
  }
}

}  // namespace
}  // namespace dossier
