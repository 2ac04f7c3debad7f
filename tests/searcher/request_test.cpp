// The one request model: the same parameters parse the same way from every surface.
#include "searcher/request.h"

#include <gtest/gtest.h>

#include "corpus/error.h"
#include "filters.h"
#include "sample_index.h"

namespace dossier {
namespace {

std::string error_of(const Parameters& given, Surface surface = kHttp,
                     Endpoint endpoint = Endpoint::kSearch) {
  try {
    parse_search(given, surface, endpoint);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidArgument);
    EXPECT_FALSE(e.parameter().empty());
    return e.what();
  }
  return "accepted";
}

TEST(Request, SearchParametersBecomeTheRequest) {
  const SearchCall call = parse_search({{"q", "forced labor"},
                                        {"country", "KZ"},
                                        {"country", "Uzbekistan"},
                                        {"tier", "2wl"},
                                        {"entity", "IOM"},
                                        {"sort", "date"},
                                        {"limit", "20"},
                                        {"page", "3"},
                                        {"facets", "false"},
                                        {"passages", "2"},
                                        {"collapse", "true"},
                                        {"format", "csv"}},
                                       kHttp);
  const SearchRequest& r = call.request;
  EXPECT_EQ(r.query, "forced labor");
  EXPECT_EQ(r.filters.at(schema::FieldId::kCountry),
            (std::vector<std::string>{"KZ", "Uzbekistan"}));
  EXPECT_EQ(r.filters.at(schema::FieldId::kTier), std::vector<std::string>{"2wl"});
  EXPECT_EQ(r.entities, std::vector<std::string>{"IOM"});
  EXPECT_EQ(r.sort, SortOrder::kDateNewest);
  EXPECT_EQ(r.limit, 20u);
  EXPECT_EQ(r.offset, 40u);
  EXPECT_FALSE(r.count_facets);
  EXPECT_EQ(r.passages, 2u);
  EXPECT_TRUE(r.collapse_duplicates);
  EXPECT_EQ(call.format, ResultFormat::kCsv);
  EXPECT_EQ(export_format_of(call.format), ExportFormat::kCsv);
}

TEST(Request, DefaultsDependOnTheSurface) {
  EXPECT_EQ(parse_search({}, kHttp).format, ResultFormat::kJson);
  EXPECT_EQ(parse_search({}, kCli).format, ResultFormat::kText);
  const SearchRequest r = parse_search({}, kCli).request;
  EXPECT_EQ(r.limit, 10u);
  EXPECT_EQ(r.offset, 0u);
  EXPECT_TRUE(r.count_facets);
  EXPECT_FALSE(r.collapse_duplicates);
  // Limits: pages of 100 over HTTP, of 10,000 on the command line.
  EXPECT_EQ(error_of({{"limit", "101"}}),
            "limit: must be a whole number from 0 to 100, not \"101\"");
  EXPECT_EQ(error_of({{"limit", "101"}}, kCli), "accepted");
  EXPECT_NE(error_of({{"q", std::string(2001, 'a')}}).find("the limit is 2000"), std::string::npos);
  EXPECT_EQ(error_of({{"q", std::string(2001, 'a')}}, kCli), "accepted");
  EXPECT_NE(error_of({{"page", "1001"}, {"limit", "10"}}).find("beyond the first 10000"),
            std::string::npos);
  EXPECT_EQ(error_of({{"page", "1001"}, {"limit", "10"}}, kCli), "accepted");
}

TEST(Request, OneYearDialect) {
  auto years = [](const Parameters& given) {
    return parse_search(given, kHttp).request.filters.at(schema::FieldId::kYear);
  };
  EXPECT_EQ(years({{"year", "2001..2004"}}), std::vector<std::string>{"2001..2004"});
  EXPECT_EQ(years({{"years", "2001..2004"}}), std::vector<std::string>{"2001..2004"});
  EXPECT_EQ(years({{"from", "2001"}, {"to", "2004"}}), std::vector<std::string>{"2001..2004"});
  EXPECT_EQ(years({{"from", "2001"}}), std::vector<std::string>{"2001.."});
  EXPECT_EQ(years({{"to", "2004"}}), std::vector<std::string>{"..2004"});
  EXPECT_EQ(years({{"year", "1999"}, {"from", "2001"}}),
            (std::vector<std::string>{"1999", "2001.."}));
  EXPECT_EQ(error_of({{"from", "2004"}, {"to", "2001"}}), "from: is after \"to\" (2004 > 2001)");
  EXPECT_EQ(error_of({{"from", "04"}}), "from: must be a year of four digits (2004), not \"04\"");
  for (const char* text : {"2004", "2001..2004", "2001..", "..2004", " 2001 .. 2004 "}) {
    EXPECT_NO_THROW(parse_year_range(text)) << text;
  }
  for (const char* text : {"", "..", "04", "2004..2001", "2001-2004", "20O4", "2001...2004"}) {
    EXPECT_THROW(parse_year_range(text), Error) << text;
  }
  EXPECT_EQ(parse_year_range("2001.."), (YearRange{2001, 0}));
  EXPECT_TRUE(parse_year_range("..2004").contains(1990));
  EXPECT_FALSE(parse_year_range("2001..2004").contains(2005));
}

TEST(Request, ErrorsNameTheParameterAsGiven) {
  EXPECT_EQ(error_of({{"size", "x"}}), "size: must be a whole number from 0 to 100, not \"x\"");
  EXPECT_EQ(error_of({{"sort", "sideways"}}),
            "sort: must be relevance, date or date-asc, not \"sideways\"");
  EXPECT_EQ(error_of({{"facets", "no"}}), "facets: must be true or false, not \"no\"");
  EXPECT_EQ(error_of({{"collapse", "yes"}}), "collapse: must be true or false, not \"yes\"");
  EXPECT_EQ(error_of({{"format", "pdf"}}),
            "format: must be text, json, csv, jsonl, bibtex, ris or csl-json, not \"pdf\"");
  EXPECT_EQ(error_of({{"sort", "date"}, {"sort", "date"}}), "sort: is given more than once");
  EXPECT_EQ(error_of({{"limit", "5"}, {"size", "5"}}),
            "size: is given twice, as \"limit\" and \"size\"");
  EXPECT_EQ(error_of({{"page", "2"}, {"offset", "5"}}),
            "page: and \"offset\" say the same; give one of them");
  EXPECT_NE(error_of({{"colour", "red"}}).find("colour: no such parameter (the parameters are q, "),
            std::string::npos);
  // The facets endpoint counts: it takes no page, format or sort.
  EXPECT_NE(error_of({{"limit", "5"}}, kHttp, Endpoint::kFacets).find("no such parameter"),
            std::string::npos);
  EXPECT_EQ(parse_search({{"country", "KZ"}}, kHttp, Endpoint::kFacets).request.limit, 0u);
  // An empty value is as good as none (a form's empty field).
  EXPECT_EQ(error_of({{"country", ""}, {"limit", ""}}), "accepted");
}

TEST(Request, CiteParameters) {
  const CiteCall call =
      parse_cite({{"format", "bibtex"}, {"para", "3"}, {"accessed", "2026-11-30"}}, kHttp);
  EXPECT_EQ(call.format, CitationFormat::kBibtex);
  EXPECT_EQ(call.paragraph, "3");
  EXPECT_EQ(parse_cite({{"para", "86.1"}}, kCli).paragraph, "86.1");  // a printed number
  ASSERT_TRUE(call.accessed);
  EXPECT_EQ(call.accessed->iso(), "2026-11-30");
  EXPECT_EQ(parse_cite({}, kCli).format, CitationFormat::kCite);
  const auto error = [](const Parameters& given) {
    try {
      parse_cite(given, kHttp);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(error({{"para", std::string(40, '1')}}), "para: is 40 bytes long; the limit is 32");
  EXPECT_EQ(error({{"accessed", "yesterday"}}),
            "accessed: must be a day, written 2026-11-30, not \"yesterday\"");
  EXPECT_EQ(error({{"format", "apa"}}),
            "format: must be cite, bibtex, ris, csl-json, markdown or json, not \"apa\"");
  const CiteCall quoted = parse_cite({{"query", "forced labor"}, {"quote", "cotton"}}, kCli);
  EXPECT_EQ(quoted.query, "forced labor");
  EXPECT_EQ(quoted.quote, "cotton");
  EXPECT_EQ(parse_cite({{"q", "forced labor"}}, kHttp).query, "forced labor");  // as search's
  EXPECT_EQ(error({{"quote", std::string(4001, 'x')}}),
            "quote: is 4001 bytes long; the limit is 4000");
}

TEST(Request, EveryFilterOfTheSchemaIsAParameter) {
  for (const schema::Field& field : schema::fields()) {
    if (!field.exposed(schema::kFilter)) continue;
    bool found = false;
    for (const ParameterSpec& spec : parameters(Endpoint::kSearch)) {
      found = found || (spec.type == ParameterType::kFilter && spec.field == &field);
    }
    EXPECT_TRUE(found) << field.name;
    EXPECT_EQ(parse_search({{std::string(field.name), std::string(field.example)}}, kHttp)
                  .request.filters.count(field.id),
              1u)
        << field.name;
  }
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// A year is a term; only a range reads the year slot (of every report).
TEST(Filters, OneYearIsATermARangeAValueRange) {
  const Xapian::Database db(test::sample_index().string());
  const TextNormalizer normalizer;
  const FilterResolver resolver(db, test::gazetteers(), normalizer);
  const schema::Field& year = schema::field(schema::FieldId::kYear);
  EXPECT_EQ(resolver.resolve(year, "2004").get_description(), "Query(XY2004)");
  EXPECT_NE(resolver.resolve(year, "2001..2004").get_description().find("VALUE_RANGE 1 2001 2004"),
            std::string::npos);
  EXPECT_NE(resolver.resolve(year, "2001..").get_description().find("VALUE_RANGE 1 2001 9999"),
            std::string::npos);
}

}  // namespace
}  // namespace dossier
