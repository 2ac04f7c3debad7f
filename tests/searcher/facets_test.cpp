// Facet counts equal the counts of the filtered searches they stand for.
#include <gtest/gtest.h>

#include "sample_index.h"
#include "searcher/search.h"

namespace dossier {
namespace {

class Facets : public ::testing::Test {
 protected:
  Facets() : searcher_(test::sample_index(), test::gazetteers()) {}

  std::size_t total(SearchRequest request) {
    request.limit = 0;
    request.count_facets = false;
    return searcher_.search(request).total;
  }

  // For every value of every facet: adding that value as a filter gives exactly its count
  // (for a facet with a selection: replacing the selection by that value).
  void expect_counts_match_filtered_searches(const SearchRequest& base) {
    const SearchResult result = searcher_.search(base);
    std::size_t facets = 0;
    for (const schema::Field& field : schema::fields()) facets += field.exposed(schema::kFacet);
    ASSERT_EQ(result.facets.size(), facets);
    std::size_t checked = 0;
    for (const Facet& facet : result.facets) {
      // The most frequent values and the rarest ones: enough to catch a miscount.
      std::vector<FacetValue> values = facet.values;
      if (values.size() > 16) {
        values.erase(values.begin() + 8, values.end() - 8);
      }
      for (const FacetValue& value : values) {
        SearchRequest narrowed = base;
        narrowed.filters[schema::find_field(facet.name)->id] = {value.value};
        EXPECT_EQ(value.count, total(narrowed))
            << facet.name << "=" << value.value << " for query \"" << base.query << "\"";
        ++checked;
      }
    }
    EXPECT_GT(checked, 20u);
  }

  Searcher searcher_;
};

TEST_F(Facets, CountsEqualFilteredSearchCounts) {
  SearchRequest request;
  request.query = "trafficking";
  expect_counts_match_filtered_searches(request);
}

TEST_F(Facets, SelectedFacetKeepsCountsOfItsOtherValues) {
  SearchRequest request;
  request.query = "government";
  request.filters = test::by_field({{"country", {"Kazakhstan"}}, {"series", {"hrr", "irf"}}});
  expect_counts_match_filtered_searches(request);
  const SearchResult result = searcher_.search(request);
  // The country facet still lists other countries (counted without the country filter).
  EXPECT_GT(result.facets[0].values.size(), 5u);
}

TEST_F(Facets, BrowseCountsTheWholeArchive) {
  SearchRequest request;
  const SearchResult all = searcher_.search(request);
  EXPECT_EQ(all.total, 178u);
  std::size_t by_series = 0;
  for (const FacetValue& v : all.facets[4].values) by_series += v.count;
  EXPECT_EQ(all.facets[4].name, "series");
  EXPECT_EQ(by_series, 178u);                   // one series per report
  EXPECT_GE(all.facets[0].values.size(), 40u);  // countries
  EXPECT_GE(all.facets[1].values.size(), 10u);  // years
  for (const FacetValue& v : all.facets[0].values) {
    EXPECT_EQ(v.value.size(), 2u) << v.value;  // ISO codes
    EXPECT_NE(v.label, v.value);               // with their names
  }
}

}  // namespace
}  // namespace dossier
