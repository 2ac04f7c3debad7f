// Search behaviour on the bundled sample archive.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <set>

#include "corpus/error.h"
#include "corpus/normalize.h"
#include "sample_index.h"
#include "searcher/search.h"

namespace dossier {
namespace {

class SampleSearch : public ::testing::Test {
 protected:
  SampleSearch() : searcher_(test::sample_index(), test::gazetteers()) {}

  SearchResult search(const std::string& query,
                      std::map<std::string, std::vector<std::string>> filters = {},
                      std::size_t limit = 10) {
    SearchRequest request;
    request.query = query;
    request.filters = test::by_field(filters);
    request.limit = limit;
    return searcher_.search(request);
  }
  std::size_t total(const std::string& query,
                    std::map<std::string, std::vector<std::string>> filters = {}) {
    SearchRequest request;
    request.query = query;
    request.filters = test::by_field(filters);
    request.limit = 0;
    request.count_facets = false;
    return searcher_.search(request).total;
  }
  std::set<std::string> ids(const std::string& query,
                            std::map<std::string, std::vector<std::string>> filters = {}) {
    std::set<std::string> out;
    for (const Hit& hit : search(query, std::move(filters), 10000).hits) out.insert(hit.id);
    return out;
  }

  Searcher searcher_;
};

TEST_F(SampleSearch, EveryBundledReportIsIndexed) {
  EXPECT_EQ(total(""), 178u);
}

TEST_F(SampleSearch, KeywordFindsTheSeed) {
  const SearchResult r = search("Kazakhstani authorities", {{"series", {"tip"}}});
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(r.hits[0].id, "000_f233a536db1b0761");
  EXPECT_EQ(r.hits[0].value(schema::FieldId::kCountry), "KZ");
  EXPECT_EQ(r.hits[0].value(schema::FieldId::kYear), "2004");
  EXPECT_EQ(r.hits[0].value(schema::FieldId::kTier), "Tier 2 Watch List");
  EXPECT_EQ(r.hits[0].value(schema::FieldId::kSeries), "tip");
  EXPECT_EQ(r.hits[0].snippet.paragraph, 4);
  ASSERT_FALSE(r.hits[0].snippet.highlights.empty());
  const Highlight h = r.hits[0].snippet.highlights[0];
  EXPECT_EQ(r.hits[0].snippet.text.substr(h.begin, h.end - h.begin), "Kazakhstani");
}

TEST_F(SampleSearch, PhrasesMatchWordsInOrderOnly) {
  const std::size_t phrase = total("\"Justice Ministry\"");
  const std::size_t words = total("Justice Ministry");
  EXPECT_GE(phrase, 1u);
  EXPECT_GT(words, phrase);
  EXPECT_EQ(total("\"Ministry Justice\""), 0u);
  EXPECT_TRUE(ids("\"Justice Ministry\"").contains("000_f233a536db1b0761"));
  // A phrase does not run across two paragraphs.
  EXPECT_EQ(total("\"Search Refworld\""), 0u);
}

TEST_F(SampleSearch, BooleanOperators) {
  const std::size_t a = total("cotton");
  const std::size_t b = total("harvest");
  const std::size_t both = total("cotton AND harvest");
  const std::size_t either = total("cotton OR harvest");
  const std::size_t a_not_b = total("cotton NOT harvest");
  EXPECT_GT(both, 0u);
  EXPECT_EQ(either, a + b - both);
  EXPECT_EQ(a_not_b, a - both);
  EXPECT_EQ(total("cotton -harvest"), a_not_b);
  // Adjacent words: AND; when fewer than ten reports have both, the list goes on with the
  // reports that have either, after them.
  const SearchResult adjacent = search("cotton harvest");
  EXPECT_EQ(adjacent.complete.value_or(adjacent.total), both);
  EXPECT_EQ(total("(cotton OR harvest) AND country:uzbekistan"),
            total("cotton OR harvest", {{"country", {"UZ"}}}));
  EXPECT_EQ(total("NOT cotton"), total("") - a);
}

// No report has every word: the reports with most of them, said so, each with what it lacks.
TEST_F(SampleSearch, NoReportWithEveryWordGivesTheReportsWithMostOfThem) {
  const SearchResult result = search("cotton harvest zqxvw");
  ASSERT_FALSE(result.hits.empty());
  EXPECT_TRUE(result.partial);
  EXPECT_EQ(result.complete, 0u);
  EXPECT_EQ(result.left_out, std::vector<std::string>{"zqxvw"});
  // Those with both real words come first.
  EXPECT_EQ(result.hits.front().lacks, std::vector<std::string>{"zqxvw"});
  for (const Hit& hit : result.hits) {
    EXPECT_NE(std::find(hit.lacks.begin(), hit.lacks.end(), "zqxvw"), hit.lacks.end()) << hit.id;
    EXPECT_LT(hit.lacks.size(), 3u) << hit.id;
  }
  // An explicit AND asks for every part; a field:value stays required.
  EXPECT_EQ(total("cotton AND zqxvw"), 0u);
  const SearchResult in_uzbekistan = search("cotton zqxvw country:uzbekistan", {}, 100);
  EXPECT_TRUE(in_uzbekistan.partial);
  ASSERT_FALSE(in_uzbekistan.hits.empty());
  for (const Hit& hit : in_uzbekistan.hits) EXPECT_EQ(hit.value(schema::FieldId::kCountry), "UZ");
  // One word that nothing has is no partial match.
  const SearchResult nothing = search("zqxvw");
  EXPECT_EQ(nothing.total, 0u);
  EXPECT_FALSE(nothing.complete);
}

// A list that goes on past the complete reports holds the best hundred; its total and facets
// count just those, and a date order puts the same reports in date order.
TEST_F(SampleSearch, APartialListCountsWhatItLists) {
  ASSERT_GT(total("government"), 100u);
  SearchRequest request;
  request.query = "government zqxvw";
  request.limit = 1000;
  const SearchResult by_relevance = searcher_.search(request);
  ASSERT_TRUE(by_relevance.partial);
  EXPECT_EQ(by_relevance.total, 100u);
  EXPECT_EQ(by_relevance.hits.size(), by_relevance.total);
  std::set<std::string> listed;
  for (const Hit& hit : by_relevance.hits) listed.insert(hit.id);
  EXPECT_EQ(listed.size(), by_relevance.total);
  for (const Facet& facet : by_relevance.facets) {
    if (facet.name != "series") continue;
    std::size_t counted = 0;
    for (const FacetValue& value : facet.values) counted += value.count;
    EXPECT_EQ(counted, by_relevance.total);  // every report is of one series
  }

  request.sort = SortOrder::kDateOldest;
  const SearchResult by_date = searcher_.search(request);
  EXPECT_EQ(by_date.total, by_relevance.total);
  std::set<std::string> dated;
  std::vector<std::string> published;
  for (const Hit& hit : by_date.hits) {
    dated.insert(hit.id);
    published.push_back(hit.value(schema::FieldId::kPublished));
  }
  EXPECT_EQ(dated, listed);
  EXPECT_TRUE(std::is_sorted(published.begin(), published.end()));
  EXPECT_NE(by_date.hits.front().id, by_relevance.hits.front().id);
}

// A country the query names marks its mentions, but a paragraph with the name alone is no
// better passage than one with the name's company: the words come first.
TEST_F(SampleSearch, PassagesPreferTheWordsToACountrysNameAlone) {
  SearchRequest request;
  request.query = "cotton harvest forced labour Uzbekistan";
  request.filters = test::by_field({{"series", {"upr"}}});
  request.limit = 3;
  request.passages = 3;
  const SearchResult result = searcher_.search(request);
  ASSERT_FALSE(result.hits.empty());
  for (const Hit& hit : result.hits) {
    for (const Snippet& passage : hit.passages) {
      std::size_t words = 0;
      for (const Highlight& h : passage.highlights) {
        const std::string marked =
            TextNormalizer().fold(passage.text.substr(h.begin, h.end - h.begin));
        if (marked != "uzbekistan") ++words;
      }
      EXPECT_GT(words, 0u) << hit.id << " ¶" << passage.label << ": " << passage.text;
    }
  }
}

TEST_F(SampleSearch, FunctionWordsAreNotRequired) {
  EXPECT_EQ(ids("cotton of the harvest"), ids("cotton harvest"));
  EXPECT_EQ(ids("what about cotton"), ids("cotton"));
  // Alone they are what was asked for; in capitals they are an acronym.
  EXPECT_GT(total("the"), 0u);
  const SearchResult who = search("WHO cotton");
  EXPECT_LE(who.complete.value_or(who.total), total("cotton"));
  EXPECT_TRUE(who.complete.has_value());  // WHO was a part of the query
}

TEST_F(SampleSearch, VariantsFindEachOther) {
  EXPECT_EQ(ids("forced labour"), ids("forced labor"));
  EXPECT_EQ(ids("programme"), ids("program"));
  // An acronym and its long form, either way.
  EXPECT_EQ(ids("IDPs"), ids("internally displaced persons"));
  EXPECT_FALSE(ids("IDPs").empty());
  // A quoted phrase is exact.
  EXPECT_NE(ids("\"forced labour\""), ids("\"forced labor\""));
}

TEST_F(SampleSearch, ExplainSaysHowTheQueryWasRead) {
  SearchRequest request;
  request.query = "what about forced labour in Kyrgyz Republic cotton NEAR/3 harvest";
  request.explain = true;
  request.count_facets = false;
  const SearchResult result = searcher_.search(request);
  const std::vector<std::string> expected = {
      "\"labour\": also \"labor\" (variants, as one word)",
      "\"Kyrgyz Republic\": the country KG: its name or any mention of it; reports about it "
      "rank first",
      "\"cotton\", \"harvest\": at most 3 words apart, in either order, in one paragraph",
      "\"what\", \"about\", \"in\": function words, not required (they still rank)"};
  ASSERT_GE(result.explanation.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(result.explanation[i], expected[i]);
  EXPECT_NE(result.xapian_query.find("SYNONYM"), std::string::npos);
  request.explain = false;
  const SearchResult quiet = searcher_.search(request);
  EXPECT_TRUE(quiet.explanation.empty());
  EXPECT_TRUE(quiet.xapian_query.empty());
}

TEST_F(SampleSearch, DidYouMeanWhenAWordIsInNoReport) {
  const SearchResult misspelled = search("Kazahkstan");
  EXPECT_EQ(misspelled.total, 0u);
  ASSERT_TRUE(misspelled.spelling);
  EXPECT_EQ(misspelled.spelling->query, "kazakhstan");
  EXPECT_EQ(misspelled.spelling->total, total("kazakhstan"));
  // Only the words no report has are replaced; the rest of the query stays as written.
  const SearchResult partly = search("cottn harvest country:uzbekistan");
  ASSERT_TRUE(partly.spelling);
  EXPECT_EQ(partly.spelling->query, "cotton harvest country:uzbekistan");
  EXPECT_GT(partly.spelling->total, 0u);
  // Names the reports never write come from the gazetteers' names: a country's name in another
  // language, an organization's.
  const SearchResult foreign = search("Birmanee");
  ASSERT_TRUE(foreign.spelling);
  EXPECT_EQ(foreign.spelling->query, "birmanie");
  EXPECT_EQ(foreign.spelling->total, total("Birmanie"));
  EXPECT_GT(foreign.spelling->total, 0u);
  // Nothing to correct: no suggestion.
  EXPECT_FALSE(search("cotton harvest").spelling);
  EXPECT_FALSE(search("zqxvwzqxvw").spelling);
}

TEST_F(SampleSearch, CountryNamesAsUsersTypeThem) {
  // Several words, any name the country goes by, any language CLDR knows: the country, ranked
  // by reports about it first.
  // (Reports that say "Kyrgyzstan" without a tagged mention of the country are found by the
  // word alone.)
  const std::set<std::string> by_name = ids("Kyrgyzstan");
  const std::set<std::string> by_other_name = ids("Kyrgyz Republic");
  EXPECT_GE(by_other_name.size() * 10, by_name.size() * 9);
  for (const char* name : {"Kyrgyz Republic", "Kirgisistan", "Kirghizistan"}) {
    const SearchResult result = search(name);
    ASSERT_FALSE(result.hits.empty()) << name;
    EXPECT_EQ(result.hits.front().value(schema::FieldId::kCountry), "KG") << name;
    EXPECT_GT(result.hits.front().score, 0) << name;
  }
}

TEST_F(SampleSearch, StemmingFindsOtherFormsOfAWord) {
  EXPECT_EQ(total("trafficked"), total("trafficking"));
  EXPECT_GT(total("\"trafficking\""), 0u);
  EXPECT_LT(total("\"trafficked\""), total("trafficked"));
}

TEST_F(SampleSearch, WildcardsExpandPrefixes) {
  const std::size_t wildcard = total("traffick*");
  EXPECT_GE(wildcard, total("\"trafficking\""));
  EXPECT_GE(wildcard, total("\"traffickers\""));
  EXPECT_EQ(total("xyzzyq*"), 0u);
}

TEST_F(SampleSearch, FieldPrefixes) {
  EXPECT_EQ(total("country:kazakhstan"), total("", {{"country", {"KZ"}}}));
  EXPECT_EQ(total("country:KZ"), total("country:Kazakhstan"));
  EXPECT_EQ(total("year:2004"), 1u);
  EXPECT_EQ(total("year:2021..2023"), total("", {{"year", {"2021", "2022", "2023"}}}));
  EXPECT_EQ(total("series:tip"), 1u);
  EXPECT_EQ(total("series:\"World Factbook\""), 70u);
  EXPECT_EQ(total("publisher:\"UN Human Rights Council\""), 43u);
  EXPECT_EQ(total("publisher:\"department of state\""), 1u + 19u + 45u);
  EXPECT_GT(total("topic:human-trafficking"), 60u);
  // title: searches titles only.
  EXPECT_EQ(total("title:kazakhstan"), total("", {{"country", {"KZ"}}}));
  EXPECT_GT(total("kazakhstan"), total("title:kazakhstan"));
  EXPECT_EQ(total("title:\"Human Rights Report\""), 19u);
}

TEST_F(SampleSearch, EachFilterAndTheirCombination) {
  const std::size_t kz = total("", {{"country", {"Kazakhstan"}}});
  const std::size_t uz = total("", {{"country", {"Uzbekistan"}}});
  EXPECT_GT(kz, 1u);
  EXPECT_EQ(total("", {{"country", {"Kazakhstan", "Uzbekistan"}}}), kz + uz);  // OR within
  EXPECT_LT(total("", {{"country", {"KZ"}}, {"series", {"hrr"}}}), kz);        // AND across
  EXPECT_EQ(total("", {{"country", {"KZ"}}, {"series", {"hrr"}}}), 2u);
  EXPECT_EQ(total("", {{"series", {"upr"}}}), 43u);
  EXPECT_EQ(total("", {{"series", {"irf"}}}), 45u);
  EXPECT_EQ(total("", {{"series", {"hrr"}}}), 19u);
  EXPECT_EQ(total("", {{"publisher", {"Central Intelligence Agency (United States)"}}}), 70u);
  EXPECT_GT(total("", {{"topic", {"freedom-of-religion"}}}), 40u);
  EXPECT_EQ(total("", {{"year", {"2023..2024"}}}), total("year:2023..2024"));
  EXPECT_EQ(total("", {{"year", {"2023..2024"}}}),
            total("", {{"year", {"2023"}}}) + total("", {{"year", {"2024"}}}));
  EXPECT_EQ(total("", {{"year", {"2024.."}}}), total("", {{"year", {"2024..2030"}}}));
}

TEST_F(SampleSearch, UnicodeFolding) {
  // The archive writes both "Côte d’Ivoire" and "Cote d'Ivoire".
  const std::size_t folded = total("\"cote d'ivoire\"");
  EXPECT_GT(folded, 0u);
  EXPECT_EQ(total("\"Côte d’Ivoire\""), folded);
  EXPECT_EQ(total("\"CÔTE D'IVOIRE\""), folded);
  EXPECT_EQ(total("country:\"Côte d’Ivoire\""), total("country:CI"));
}

TEST_F(SampleSearch, AdjacentWordsRankReportsWithThePhraseHigher) {
  const SearchResult phrase_order = search("forced labor", {}, 100);
  const SearchResult other_order = search("labor forced", {}, 100);
  ASSERT_EQ(phrase_order.total, other_order.total);
  ASSERT_FALSE(phrase_order.hits.empty());
  // Adjacent words are read with their variants ("labor", "labour"); a quoted phrase is exact.
  std::set<std::string> with_phrase = ids("\"forced labor\"");
  with_phrase.merge(ids("\"forced labour\""));
  const Hit& top = phrase_order.hits[0];
  EXPECT_TRUE(with_phrase.contains(top.id)) << top.id;
  // The same report, matched without its phrase, scores less.
  const auto same = std::find_if(other_order.hits.begin(), other_order.hits.end(),
                                 [&](const Hit& hit) { return hit.id == top.id; });
  ASSERT_NE(same, other_order.hits.end());
  EXPECT_GT(top.score, same->score);
  // Scores never rise down the list.
  for (std::size_t i = 1; i < phrase_order.hits.size(); ++i) {
    EXPECT_LE(phrase_order.hits[i].score, phrase_order.hits[i - 1].score) << i;
  }
}

TEST_F(SampleSearch, PaginationNeverRepeatsOrSkips) {
  // "government officials" matches more reports than phrase boosts rerank.
  for (const char* query : {"government", "government officials"}) {
    for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kDateNewest, SortOrder::kDateOldest}) {
      SearchRequest request;
      request.query = query;
      request.sort = sort;
      request.count_facets = false;
      request.limit = 1000;
      const SearchResult all = searcher_.search(request);
      ASSERT_GT(all.total, 30u);
      std::vector<std::string> paged;
      request.limit = 7;
      for (request.offset = 0; request.offset < all.total; request.offset += 7) {
        const SearchResult page = searcher_.search(request);
        EXPECT_EQ(page.total, all.total);
        for (const Hit& hit : page.hits) paged.push_back(hit.id);
      }
      ASSERT_EQ(paged.size(), all.hits.size());
      for (std::size_t i = 0; i < paged.size(); ++i) EXPECT_EQ(paged[i], all.hits[i].id) << i;
      EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), paged.size());
    }
  }
}

TEST_F(SampleSearch, SortByDate) {
  SearchRequest request;
  request.query = "trafficking";
  request.sort = SortOrder::kDateNewest;
  request.limit = 500;
  const SearchResult newest = searcher_.search(request);
  ASSERT_GT(newest.hits.size(), 10u);
  for (std::size_t i = 1; i < newest.hits.size(); ++i) {
    const std::string& before = newest.hits[i - 1].value(schema::FieldId::kPublished);
    const std::string& after = newest.hits[i].value(schema::FieldId::kPublished);
    EXPECT_GE(before.substr(0, 4), after.substr(0, 4));
    EXPECT_GE(before, after);
  }
  request.sort = SortOrder::kDateOldest;
  const SearchResult oldest = searcher_.search(request);
  EXPECT_EQ(oldest.hits.front().id, "000_f233a536db1b0761");
}

TEST_F(SampleSearch, MalformedQueriesSayWhatAndWhere) {
  auto message = [&](const std::string& query) {
    try {
      search(query);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kBadQuery) << query;
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message("\"forced labor"), "this quote is never closed (at character 1)");
  EXPECT_EQ(message("(cotton OR harvest"), "this '(' is never closed (at character 1)");
  EXPECT_EQ(message("cotton)"), "this ')' has no matching '(' (at character 7)");
  EXPECT_EQ(message("cotton OR"), "OR needs a term after it (at character 8)");
  EXPECT_EQ(message("AND cotton"), "AND needs a term before it (at character 1)");
  EXPECT_EQ(message("()"), "empty parentheses (at character 1)");
  EXPECT_NE(message("colour:red").find("unknown field \"colour:\""), std::string::npos);
  EXPECT_NE(message("country:atlantis").find("unknown country \"atlantis\""), std::string::npos);
  EXPECT_NE(message("country:kazahkstan").find("did you mean Kazakhstan?"), std::string::npos);
  EXPECT_NE(message("year:04").find("a year is written 2004 and a range 2001..2004"),
            std::string::npos);
  EXPECT_NE(message("year:2004..2001").find("ends before it starts"), std::string::npos);
  EXPECT_NE(message("tier:4").find("unknown tier \"4\"; the tiers are Tier 1"), std::string::npos);
  EXPECT_NE(message("topic:weather").find("unknown topic"), std::string::npos);
  EXPECT_NE(message("country:").find("needs a value"), std::string::npos);
  EXPECT_NE(message("cot*ton").find("only allowed at the end"), std::string::npos);
  EXPECT_EQ(message("cotton NEAR"), "NEAR needs a word or a phrase after it (at character 8)");
  EXPECT_EQ(message("NEAR cotton"), "NEAR needs a word or a phrase before it (at character 1)");
  EXPECT_EQ(message("cotton NEAR (harvest)"),
            "NEAR needs a word or a phrase after it (at character 8)");
  EXPECT_EQ(message("cotton NEAR/0 harvest"),
            "\"NEAR/0\": NEAR/n takes a number of words from 1 to 99 (NEAR alone is NEAR/10), or P "
            "for in one paragraph (NEAR/P) (at character 8)");
  EXPECT_NE(message("cotton NEAR/x harvest").find("NEAR/n takes a number"), std::string::npos);
  EXPECT_NE(message("cotton NEAR/100 harvest").find("from 1 to 99"), std::string::npos);
}

TEST_F(SampleSearch, NearFindsWordsWithinSoManyOfEachOther) {
  const std::size_t both = total("cotton AND harvest");
  const std::size_t near = total("cotton NEAR harvest");
  const std::size_t close = total("cotton NEAR/1 harvest");
  EXPECT_GT(close, 0u);
  EXPECT_LE(close, near);
  EXPECT_LE(near, both);
  EXPECT_EQ(total("harvest NEAR cotton"), near);  // either order
  EXPECT_EQ(total("cotton NEAR/10 harvest"), near);
  // Any form of a word ("harvesting"); a phrase as written.
  EXPECT_GE(total("cotton NEAR/1 harvests"), close);
  EXPECT_GT(total("\"forced labor\" NEAR/5 cotton"), 0u);
  EXPECT_LE(total("\"forced labor\" NEAR/5 cotton"), total("\"forced labor\" AND cotton"));
  // Snippets show both.
  for (const Hit& hit : search("cotton NEAR/3 harvest").hits) {
    EXPECT_GE(hit.snippet.highlights.size(), 2u) << hit.id;
  }
}

// NEAR/P finds exactly the reports with both words (in any form) in one paragraph or in the
// title, whatever their distance; never a word at the end of one paragraph and the other at the
// start of the next.
TEST_F(SampleSearch, NearPFindsWordsInOneParagraph) {
  const TextNormalizer normalizer;
  const Xapian::Stem stemmer("english");
  // Whether `text` has a word whose stem is `stem`.
  const auto has_stem = [&](const std::string& text, const std::string& stem) {
    const std::vector<Token> tokens = normalizer.tokenize(text);
    return std::any_of(tokens.begin(), tokens.end(),
                       [&](const Token& t) { return stemmer(t.term) == stem; });
  };
  for (const auto& [first, second] : std::vector<std::pair<std::string, std::string>>{
           {"cotton", "harvest"}, {"trafficking", "prosecution"}, {"child", "shelter"}}) {
    std::set<std::string> expected;
    std::size_t apart = 0;  // reports with both words, never in one paragraph
    for (const std::string& id : ids(first + " AND " + second)) {
      const Report report = searcher_.report(id);
      std::vector<std::string> texts = {report.title};
      for (const Paragraph& p : report.paragraphs) texts.push_back(p.text);
      const bool together = std::any_of(texts.begin(), texts.end(), [&](const std::string& t) {
        return has_stem(t, stemmer(first)) && has_stem(t, stemmer(second));
      });
      if (together) {
        expected.insert(id);
      } else {
        ++apart;
      }
    }
    EXPECT_EQ(ids(first + " NEAR/P " + second), expected) << first << " NEAR/P " << second;
    EXPECT_EQ(ids(second + " NEAR/p " + first), expected);  // either order, either case
    EXPECT_LE(total(first + " NEAR/99 " + second), expected.size());
    if (first == "trafficking") {
      EXPECT_GT(apart, 0u) << "the sample needs reports to tell apart";
    }
  }
  // A chain takes its widest reach: one paragraph.
  EXPECT_EQ(ids("cotton NEAR/1 harvest NEAR/P children"),
            ids("cotton NEAR/P harvest NEAR/P children"));
  EXPECT_LE(total("cotton NEAR/P harvest NEAR/P children"), total("cotton NEAR/P harvest"));
  for (const Hit& hit : search("cotton NEAR/P harvest").hits) {
    EXPECT_GE(hit.snippet.highlights.size(), 2u) << hit.id;
  }
}

TEST_F(SampleSearch, HostileQueriesGetAMessageOrABoundedResult) {
  auto message = [&](const std::string& query) {
    try {
      search(query);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kBadQuery);
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message(std::string(100, '(') + "cotton" + std::string(100, ')')),
            "parentheses are nested more than 32 deep (at character 33)");
  std::string many;
  for (int i = 0; i < 300; ++i) many += "word" + std::to_string(i) + " OR ";
  many += "cotton";
  EXPECT_NE(message(many).find("more than 256 words"), std::string::npos);
  EXPECT_NE(message(std::string(100 * 1024, 'a')).find("the limit is 10000"), std::string::npos);
  // Control characters and lone operators are words or errors, never a crash.
  EXPECT_EQ(message("cotton\x01\x07 harvest\x7f"), "accepted");
  EXPECT_EQ(message("OR"), "OR needs a term before it (at character 1)");
  EXPECT_EQ(message("NOT"), "NOT needs a word, a phrase or '(' after it (at character 1)");
  EXPECT_EQ(message("\"\""), "this phrase has no words in it (at character 1)");
  // A wildcard that could mean every word is bounded (1000 most frequent words).
  EXPECT_GT(total("a*"), 0u);
  EXPECT_GT(total("t*"), 0u);
}

TEST_F(SampleSearch, BadFiltersNameTheirParameter) {
  const auto error = [&](const std::string& name, const std::string& value) {
    try {
      search("", {{name, {value}}});
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInvalidArgument);
      EXPECT_EQ(e.parameter(), name);
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  // Neutral: each surface spells the parameter its own way.
  EXPECT_EQ(error("country", "Atlantis"),
            "country: unknown country \"Atlantis\" (use a name or an ISO code)");
  EXPECT_NE(error("year", "04").find("year: a year is written 2004"), std::string::npos);
  EXPECT_NE(error("region", "Narnia")
                .find("region: unknown region \"Narnia\"; the regions are "
                      "Africa, Americas, Asia, Europe, Oceania"),
            std::string::npos);
  EXPECT_NE(error("series", "novels").find("unknown series"), std::string::npos);
  EXPECT_EQ(error("region", "asia"), "accepted");
  EXPECT_EQ(error("tier", "tier 2 watch list"), "accepted");
  // A state body or organization that no report names, a slip away from some that reports do.
  EXPECT_EQ(error("org", "Human Rights Wach"),
            "org: no report names \"Human Rights Wach\"; did you mean Human Rights Watch?");
  EXPECT_NE(error("body", "Ministry of Interor").find("did you mean Ministry of Interior"),
            std::string::npos);
  EXPECT_EQ(error("org", "Human Rights Watch"), "accepted");
  // Known to the gazetteer, or near nothing the index has: simply no reports.
  EXPECT_EQ(error("org", "Amnesty International"), "accepted");
  EXPECT_EQ(error("org", "Zzzzz Qqqq"), "accepted");
}

TEST_F(SampleSearch, ShowsAReportById) {
  const Report seed = searcher_.report("000_f233a536db1b0761");
  EXPECT_EQ(seed.paragraphs.size(), 6u);
  EXPECT_EQ(seed.country_code, "KZ");
  try {
    searcher_.report("no-such-report");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
  }
}

}  // namespace
}  // namespace dossier
