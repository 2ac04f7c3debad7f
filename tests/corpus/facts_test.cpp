// Trafficking facts from sentence structure: tiers with their years, roles, and flows with their
// directions, purposes and who, each pointing at its sentence.
#include "corpus/facts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sample_index.h"

namespace dossier {
namespace {

Report report(std::string code, std::string name, std::vector<std::string> paragraphs,
              int year = 2010) {
  Report r;
  r.country_code = std::move(code);
  r.country_name = std::move(name);
  r.published = Date{year, 0, 0};
  r.year = year;
  int number = 0;
  for (std::string& text : paragraphs) {
    r.paragraphs.push_back({++number, ParagraphKind::kText, std::move(text)});
  }
  return r;
}

ReportFacts facts_of(const Report& r) {
  return extract_facts(r, test::gazetteers().countries);
}

std::vector<std::string> flows(const ReportFacts& facts) {
  std::vector<std::string> out;
  for (const FlowFact& f : facts.flows) out.push_back(f.from + ">" + f.to);
  return out;
}

std::string sentence(const Report& r, const FactSource& source) {
  return r.paragraphs[source.paragraph].text.substr(source.begin, source.end - source.begin);
}

TEST(Facts, TiersTakeTheYearTheTextGivesThem) {
  const Report r = report(
      "DZ", "Algeria",
      {"tier rating: Tier 2 Watch List - Algeria is placed on the Tier 2 Watch List because it "
       "does not fully comply with the minimum standards; the government approved new "
       "legislation (2009)",
       "Algeria was reassessed as meeting the standard for Tier 2 placement in September 2003."},
      2010);
  const ReportFacts facts = facts_of(r);
  ASSERT_EQ(facts.tiers.size(), 2u);
  EXPECT_EQ(facts.tiers[0].tier, "Tier 2 Watch List");
  EXPECT_EQ(facts.tiers[0].year, 2009);
  EXPECT_EQ(facts.tiers[1].tier, "Tier 2");
  EXPECT_EQ(facts.tiers[1].year, 2003);
  EXPECT_TRUE(sentence(r, facts.tiers[1].source).starts_with("Algeria was reassessed"));
  // A list of placements (the Factbook's world entry) places no one.
  EXPECT_TRUE(facts_of(report("DZ", "Algeria", {"Tier 3: countries whose governments do not"}))
                  .tiers.empty());
  // A TIP chapter's heading.
  const Report seed = report("KZ", "Kazakhstan", {"Kazakhstan (Tier 2 Watch List)"}, 2004);
  ASSERT_EQ(facts_of(seed).tiers.size(), 1u);
  EXPECT_EQ(facts_of(seed).tiers[0].year, 2004);
}

TEST(Facts, RolesAreTheSubjectsAndAboutPeople) {
  const ReportFacts facts = facts_of(report(
      "KZ", "Kazakhstan",
      {"Kazakhstan is a source, transit, and destination country for people trafficked from the "
       "Kyrgyz Republic, Uzbekistan, and Tajikistan for the purposes of sexual exploitation and "
       "forced labor.",
       "Kazakhstan is a transit country for Afghan opiates destined for Russia and Europe.",
       "refugees (country of origin): 7,864 (Afghanistan) (2022)"}));
  std::vector<std::string> roles;
  for (const RoleFact& r : facts.roles) roles.push_back(r.role);
  EXPECT_EQ(roles, (std::vector<std::string>{"source", "transit", "destination"}));
  // The flows of that sentence: from each origin to the subject, with what for.
  EXPECT_EQ(flows(facts), (std::vector<std::string>{"KG>KZ", "UZ>KZ", "TJ>KZ"}));
  EXPECT_EQ(facts.flows[0].purposes,
            (std::vector<std::string>{"sexual exploitation", "forced labor"}));
  // Another country's role is not the subject's; "no longer" is not a role.
  EXPECT_TRUE(facts_of(report("KZ", "Kazakhstan",
                              {"Russia is a destination country for women trafficked there.",
                               "Kazakhstan is no longer a transit country for victims."}))
                  .roles.empty());
}

TEST(Facts, FlowsGoWhereTheSentenceSaysTheyGo) {
  const ReportFacts facts = facts_of(report(
      "KZ", "Kazakhstan",
      {"current situation: Kazakhstani women and girls are trafficked to the United Arab "
       "Emirates, Turkey, and Western Europe for sexual exploitation; men from Uzbekistan are "
       "subjected to forced labor in the tobacco fields; children are trafficked within the "
       "country for forced begging; some victims transit Kazakhstan from Tajikistan to Russia "
       "and from China to Turkey; women are trafficked to and from other Central Asian "
       "countries; Kazakhstani women are vulnerable to trafficking in Korea"}));
  EXPECT_EQ(flows(facts),
            (std::vector<std::string>{"KZ>AE", "KZ>TR", "KZ>Western Europe", "UZ>KZ", "KZ>KZ",
                                      "TJ>RU", "CN>TR", "Central Asia>KZ", "KZ>Central Asia"}));
  EXPECT_EQ(facts.flows[0].who, (std::vector<std::string>{"women", "girls"}));
  EXPECT_EQ(facts.flows[4].purposes, (std::vector<std::string>{"forced begging"}));
}

TEST(Facts, NothingIsGuessed) {
  // No subject country, no facts; nor from drugs, returns, or people merely at risk.
  EXPECT_TRUE(facts_of(report("", "",
                              {"Kazakhstan is a source country for women trafficked "
                               "to Russia."}))
                  .empty());
  EXPECT_TRUE(facts_of(report("KZ", "Kazakhstan",
                              {"heroin is trafficked from Afghanistan to Russia",
                               "the return of Kazakhstani children from Syria and Iraq",
                               "the country protected religious freedom"}))
                  .empty());
}

TEST(Facts, PlacesTheTableDoesNotNameAreKeptAsTheReportWordsThem) {
  const ReportFacts facts = facts_of(report(
      "RU", "Russia",
      {"current situation: Russia is a source of women trafficked to over 50 countries for "
       "commercial sexual exploitation; people from Russia and other countries in Europe and "
       "Central Asia are subjected to forced labor in Russia; Russian women are transported to "
       "Trinidad Tobago, where they are subjected to forced prostitution"}));
  EXPECT_EQ(flows(facts), (std::vector<std::string>{"RU>?over 50 countries", "RU>RU", "Europe>RU",
                                                    "Central Asia>RU", "RU>TT"}));
}

TEST(Facts, ANameTwoCountriesShareIsTheOneTheReportNamesInFull) {
  const std::vector<std::string> clause = {
      "current situation: women from Uganda, Kenya, and Congo are trafficked to South Sudan for "
      "the sex trade"};
  // Alone, "Congo" is as the country table reads it.
  EXPECT_EQ(flows(facts_of(report("SS", "South Sudan", clause))),
            (std::vector<std::string>{"UG>SS", "KE>SS", "CG>SS"}));
  std::vector<std::string> with_refugees = clause;
  with_refugees.push_back(
      "refugees (country of origin): 14,000 (Democratic Republic of the Congo)");
  EXPECT_EQ(flows(facts_of(report("SS", "South Sudan", with_refugees))),
            (std::vector<std::string>{"UG>SS", "KE>SS", "CD>SS"}));
}

TEST(Facts, AStatementAfterWhileHasASubjectOfItsOwn) {
  const ReportFacts facts = facts_of(report(
      "JM", "Jamaica",
      {"current situation: Jamaicans have been subjected to forced labor in Canada, while "
       "foreigners have endured conditions of forced labor in Jamaica; the government did not "
       "monitor the work of overseas labor recruitment agencies under its Counter-Trafficking "
       "Act; Jamaican men are lured into exploitative labor situations in the US"}));
  // No Jamaicans in Jamaica, and "overseas" recruitment names no place.
  EXPECT_EQ(flows(facts), (std::vector<std::string>{"JM>CA", "JM>US"}));
}

TEST(Facts, OtherAbusesAreNoTrafficking) {
  // Enforced disappearances, forced closures, sexual violence and migrants pushed to a border
  // are abuses, not trafficking flows.
  EXPECT_TRUE(
      facts_of(report("RU", "Russia",
                      {"There were reports Russian forces in Ukraine engaged in enforced "
                       "disappearances of Ukrainian citizens.",
                       "Authorities forced closure of nongovernmental organizations abroad.",
                       "Finland accused the country of exploiting migrants by encouraging them "
                       "to cross the border to Finland."}))
          .flows.empty());
}

}  // namespace
}  // namespace dossier
