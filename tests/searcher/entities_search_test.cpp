// Entities as filters, facets, query fields and synonyms, on the bundled sample archive.
#include <gtest/gtest.h>

#include <set>

#include "corpus/error.h"
#include "sample_index.h"
#include "searcher/search.h"

namespace dossier {
namespace {

class EntitySearch : public ::testing::Test {
 protected:
  EntitySearch() : searcher_(test::sample_index(), test::gazetteers()) {}

  SearchResult search(const std::string& query,
                      std::map<std::string, std::vector<std::string>> filters = {},
                      std::size_t limit = 1000) {
    SearchRequest request;
    request.query = query;
    if (auto entity = filters.extract("entity")) request.entities = std::move(entity.mapped());
    request.filters = test::by_field(filters);
    request.limit = limit;
    return searcher_.search(request);
  }
  std::set<std::string> ids(const std::string& query,
                            std::map<std::string, std::vector<std::string>> filters = {}) {
    std::set<std::string> out;
    for (const Hit& hit : search(query, std::move(filters)).hits) out.insert(hit.id);
    return out;
  }

  Searcher searcher_;
};

TEST_F(EntitySearch, StateBodyFilterAndQueryField) {
  const auto by_filter = ids("", {{"entity", {"Ministry of Justice"}}});
  EXPECT_TRUE(by_filter.contains("000_f233a536db1b0761"));
  // "Justice Ministry" is the same body; body: is the same filter as a query field.
  EXPECT_EQ(ids("", {{"entity", {"Justice Ministry"}}}), by_filter);
  EXPECT_EQ(ids("body:\"ministry of justice\""), by_filter);
  EXPECT_EQ(ids("body:\"Justice Ministry\""), by_filter);
  EXPECT_TRUE(ids("body:\"Committee for National Security\"").contains("000_f233a536db1b0761"));
}

TEST_F(EntitySearch, OneFacetValuePerBodyPerState) {
  const SearchResult result = search("", {}, 0);
  const Facet* body = nullptr;
  for (const Facet& f : result.facets) body = f.name == "body" ? &f : body;
  ASSERT_NE(body, nullptr);
  std::size_t kz_count = 0, states = 0, with_state = 0;
  for (const FacetValue& v : body->values) {
    if (v.value.starts_with("Ministry of Justice (")) ++states;
    if (v.value == "Ministry of Justice (KZ)") {
      kz_count = v.count;
      EXPECT_EQ(v.label, "Ministry of Justice (Kazakhstan)");
    }
    if (v.value.ends_with(")")) ++with_state;
  }
  // Several states' ministries of justice, each its own value; nearly every body has its state.
  EXPECT_GT(states, 5u);
  EXPECT_GT(with_state * 10, body->values.size() * 9);
  // A state's body, however written, matches that state's only; its name alone, every state's.
  const auto kz = ids("", {{"body", {"Ministry of Justice (KZ)"}}});
  EXPECT_EQ(kz.size(), kz_count);
  EXPECT_EQ(ids("", {{"body", {"Ministry of Justice (Kazakhstan)"}}}), kz);
  EXPECT_EQ(ids("", {{"body", {"the Kazakh Justice Ministry"}}}), kz);
  EXPECT_EQ(ids("body:\"Ministry of Justice of the Republic of Kazakhstan\""), kz);
  const auto every_state = ids("", {{"body", {"Ministry of Justice"}}});
  EXPECT_GT(every_state.size(), kz.size());
  for (const std::string& id : kz) EXPECT_TRUE(every_state.contains(id)) << id;
  // Facet counts under a filter by the name alone: each state's value keeps its own count.
  const SearchResult filtered = search("", {{"body", {"Ministry of Justice"}}}, 0);
  for (const Facet& f : filtered.facets) {
    if (f.name != "body") continue;
    for (const FacetValue& v : f.values) {
      if (v.value == "Ministry of Justice (KZ)") {
        EXPECT_EQ(v.count, kz_count);
      }
    }
  }
  // Snippets mark the state's body that a filter names.
  const SearchResult marked = search("", {{"body", {"Ministry of Justice (KZ)"}}}, 5);
  ASSERT_FALSE(marked.hits.empty());
  bool any = false;
  for (const Hit& hit : marked.hits) any = any || !hit.snippet.highlights.empty();
  EXPECT_TRUE(any);
}

// A body's name of every state is offered when its own name is typed; a state's name offers that
// state's bodies only.
TEST_F(EntitySearch, SuggestionsOfferABodyOfAnyStateByItsName) {
  const auto bodies = [&](const std::string& prefix) {
    std::vector<std::string> out;
    for (const Suggestion& s : searcher_.suggest(prefix, 20)) {
      if (s.kind == "state_body") out.push_back(s.text);
    }
    return out;
  };
  const std::vector<std::string> by_name = bodies("ministry of jus");
  ASSERT_FALSE(by_name.empty());
  EXPECT_EQ(by_name.front(), "Ministry of Justice (any state)");
  for (const std::string& text : bodies("kaza")) {
    EXPECT_TRUE(text.ends_with("(Kazakhstan)")) << text;
  }
}

TEST_F(EntitySearch, OrganizationsByNameOrAcronym) {
  const auto iom = ids("org:IOM");
  ASSERT_FALSE(iom.empty());
  EXPECT_EQ(ids("org:\"International Organization for Migration\""), iom);
  EXPECT_EQ(ids("", {{"org", {"IOM"}}}), iom);
  EXPECT_EQ(ids("", {{"entity", {"IOM"}}}), iom);
  EXPECT_TRUE(iom.contains("un-hrc-upr_2008_bahrain"));
}

TEST_F(EntitySearch, MentionedCountriesStayApartFromTheSubject) {
  const auto mentions_turkey = ids("mentions:turkey");
  const auto about_turkey = ids("country:turkey");
  EXPECT_GT(mentions_turkey.size(), about_turkey.size());
  EXPECT_EQ(ids("", {{"mentions", {"TR"}}}), mentions_turkey);
  // The seed names Turkey as a destination; it is about Kazakhstan.
  EXPECT_TRUE(mentions_turkey.contains("000_f233a536db1b0761"));
  EXPECT_FALSE(about_turkey.contains("000_f233a536db1b0761"));
  // Filters combine: about Kazakhstan, mentioning Turkey.
  EXPECT_TRUE(
      ids("", {{"country", {"KZ"}}, {"mentions", {"Turkey"}}}).contains("000_f233a536db1b0761"));
}

TEST_F(EntitySearch, ACountryNameFindsItsOtherNames) {
  // These reports say "Myanmar" and never "Burma".
  const auto burma = ids("Burma");
  EXPECT_TRUE(burma.contains("un-hrc-upr_2010_belarus"));
  EXPECT_TRUE(burma.contains("un-hrc-upr_2012_philippines"));
  EXPECT_EQ(burma, ids("Myanmar"));
  // The snippet marks the name the report uses.
  const SearchResult result = search("Burma", {{"series", {"upr"}}}, 50);
  bool marked_myanmar = false;
  for (const Hit& hit : result.hits) {
    for (const Highlight& h : hit.snippet.highlights) {
      marked_myanmar =
          marked_myanmar || hit.snippet.text.substr(h.begin, h.end - h.begin) == "Myanmar";
    }
  }
  EXPECT_TRUE(marked_myanmar);
}

TEST_F(EntitySearch, RegionsFromTheSubjectCountry) {
  const SearchResult central_asia = search("", {{"subregion", {"Central Asia"}}}, 0);
  std::size_t by_country = 0;
  for (const char* code : {"KZ", "KG", "TJ", "TM", "UZ"}) {
    SearchRequest request;
    request.filters[schema::FieldId::kCountry] = {code};
    request.limit = 0;
    request.count_facets = false;
    by_country += searcher_.search(request).total;
  }
  EXPECT_GT(central_asia.total, 10u);
  EXPECT_EQ(central_asia.total, by_country);
  EXPECT_GT(search("", {{"region", {"Asia"}}}, 0).total, central_asia.total);
}

TEST_F(EntitySearch, EntityFacetsAreCounted) {
  const SearchResult result = search("trafficking", {}, 0);
  std::map<std::string, const Facet*> facets;
  for (const Facet& f : result.facets) facets[f.name] = &f;
  ASSERT_TRUE(facets.contains("mentions"));
  ASSERT_TRUE(facets.contains("body"));
  ASSERT_TRUE(facets.contains("org"));
  ASSERT_TRUE(facets.contains("region"));
  EXPECT_GT(facets["mentions"]->values.size(), 50u);
  EXPECT_EQ(facets["mentions"]->values.front().value.size(), 2u);
  EXPECT_NE(facets["mentions"]->values.front().label, facets["mentions"]->values.front().value);
  EXPECT_FALSE(facets["body"]->values.empty());
  EXPECT_FALSE(facets["org"]->values.empty());
}

TEST_F(EntitySearch, OrgQueryMarksTheMention) {
  const SearchResult result = search("org:IOM", {}, 5);
  ASSERT_FALSE(result.hits.empty());
  bool marked = false;
  for (const Hit& hit : result.hits) marked = marked || !hit.snippet.highlights.empty();
  EXPECT_TRUE(marked);
}

}  // namespace
}  // namespace dossier
