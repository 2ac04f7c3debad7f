#include "searcher/render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace dossier {
namespace {

SearchResult sample_result() {
  SearchResult r;
  r.query = "\"forced labor\" <b>";
  r.total = 1;
  r.limit = 10;
  Hit hit;
  hit.rank = 1;
  hit.id = "x";
  using schema::FieldId;
  hit.fields = {
      {&schema::field(FieldId::kTitle), {"Title with \"quotes\" & <tags> and \x01 control"}, {}},
      {&schema::field(FieldId::kCountry), {"KZ"}, {"Kazakhstan"}},
      {&schema::field(FieldId::kYear), {"2004"}, {}},
      {&schema::field(FieldId::kTier), {}, {}}};
  hit.snippet = {3, "2", "some forced labor here", {{5, 17}}};
  r.hits.push_back(hit);
  r.facets.push_back({"country", "Country", {{"KZ", "Kazakhstan", 1, "Asia"}}});
  return r;
}

TEST(RenderJson, IsValidAndStable) {
  const auto json = nlohmann::json::parse(render_search_json(sample_result()));
  EXPECT_EQ(json["total"], 1);
  EXPECT_EQ(json["hits"][0]["title"], "Title with \"quotes\" & <tags> and \x01 control");
  EXPECT_EQ(json["hits"][0]["snippet"]["highlights"][0][0], 5);
  EXPECT_EQ(json["hits"][0]["snippet"]["paragraph"], 3);
  EXPECT_EQ(json["hits"][0]["snippet"]["label"], "2");
  EXPECT_EQ(json["facets"]["country"][0]["label"], "Kazakhstan");
  EXPECT_EQ(json["facets"]["country"][0]["count"], 1);
  // Each field in its schema form: labels under their key, a missing value as null.
  EXPECT_EQ(json["hits"][0]["country"], "KZ");
  EXPECT_EQ(json["hits"][0]["country_name"], "Kazakhstan");
  EXPECT_EQ(json["hits"][0]["year"], 2004);
  EXPECT_TRUE(json["hits"][0]["tier"].is_null());
  EXPECT_TRUE(json.contains("took_ms"));
}

TEST(RenderJson, InvalidUtf8NeverBreaksTheOutput) {
  SearchResult r = sample_result();
  r.hits[0].fields[0].values = {"bad \xff byte"};
  EXPECT_NO_THROW(nlohmann::json::parse(render_search_json(r)));
}

TEST(MarkText, WrapsHighlights) {
  EXPECT_EQ(mark_text("some forced labor here", {{5, 17}}, MarkStyle::kAsterisks),
            "some **forced labor** here");
  EXPECT_EQ(mark_text("abc", {{0, 1}, {2, 3}}, MarkStyle::kAnsi),
            "\x1b[1ma\x1b[0mb\x1b[1mc\x1b[0m");
  EXPECT_EQ(mark_text("abc", {{2, 9}}, MarkStyle::kAsterisks), "abc");  // out of range: ignored
}

TEST(RenderText, ShowsHitsAndFacets) {
  std::ostringstream out;
  render_search_text(sample_result(), TextStyle{}, out);
  const std::string text = out.str();
  EXPECT_NE(text.find("1 report for: \"forced labor\" <b>"), std::string::npos);
  EXPECT_NE(text.find("Kazakhstan [KZ]"), std::string::npos);
  EXPECT_NE(text.find("¶2 some **forced labor** here"), std::string::npos);
  EXPECT_NE(text.find("Country: Kazakhstan [KZ] (1)"), std::string::npos);
}

}  // namespace
}  // namespace dossier
