// The HTTP API, through cpp-httplib's client, against a server on an ephemeral loopback port.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "corpus/schema.h"
#include "indexer/index_writer.h"
#include "sample_index.h"
#include "test_paths.h"
#include "web/server.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// An index of the sample archive plus one hostile report, served for the whole suite.
class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(test::scratch_dir("web-api"));
    fs::create_directories(*dir_ / "extra");
    std::ofstream(*dir_ / "extra" / "xss.txt")
        << "<script>alert(1)</script> - Kazakhstan\n\nPublisher <b>Evil</b> & Co\n"
           "Publication Date 2020\n\nA paragraph with <img src=x onerror=alert(2)> inside.\n";
    // The shared sample index, copied (a test re-indexes it), and the hostile report added.
    IndexOptions options;
    options.db = test::copy_of_sample_index(*dir_);
    options.roots = {*dir_ / "extra"};
    index_archive(options, test::gazetteers(), nullptr);
    ServeOptions serve;
    serve.db = options.db;
    serve.port = 0;
    server_ = new WebServer(serve, test::gazetteers());
    port_ = server_->bind();
    thread_ = new std::thread([] { server_->run(); });
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
  }

  static httplib::Result get(const std::string& path) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(120, 0);  // a hang guard: answers come long before
    return client.Get(path.c_str());
  }
  static json get_json(const std::string& path, int expected_status = 200) {
    auto result = get(path);
    EXPECT_TRUE(result) << path;
    if (!result) return {};
    EXPECT_EQ(result->status, expected_status) << path << ": " << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json; charset=utf-8");
    return json::parse(result->body);
  }

  static fs::path* dir_;
  static WebServer* server_;
  static std::thread* thread_;
  static int port_;
};
fs::path* Api::dir_ = nullptr;
WebServer* Api::server_ = nullptr;
std::thread* Api::thread_ = nullptr;
int Api::port_ = 0;

TEST_F(Api, HealthAndOpenApi) {
  const json health = get_json("/healthz");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["reports"], 179);
  const json openapi = get_json("/api/openapi.json");
  EXPECT_EQ(openapi["openapi"], "3.0.3");
  for (const char* path :
       {"/api/search", "/api/reports/{id}", "/api/facets", "/api/suggest", "/healthz"}) {
    EXPECT_TRUE(openapi["paths"].contains(path)) << path;
  }
}

std::string url_encoded(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The OpenAPI document lists every query parameter each endpoint takes, and nothing else: each
// documented one (with its example value) is accepted, and names it does not list are refused.
TEST_F(Api, OpenApiDocumentsExactlyWhatTheApiAccepts) {
  const json openapi = get_json("/api/openapi.json");
  const std::map<std::string, std::string> endpoints = {
      {"/api/search", "/api/search"},
      {"/api/facets", "/api/facets"},
      {"/api/suggest", "/api/suggest"},
      {"/api/reports/{id}", "/api/reports/000_f233a536db1b0761"},
      {"/api/reports/{id}/cite", "/api/reports/000_f233a536db1b0761/cite"}};
  std::set<std::string> candidates = {"size2", "collapsed", "callback", "debug", "query",
                                      "n",     "sort_by",   "fields",   "id"};
  for (const schema::Field& field : schema::fields()) candidates.insert(std::string(field.name));
  for (const auto& [documented_path, path] : endpoints) {
    SCOPED_TRACE(documented_path);
    ASSERT_TRUE(openapi["paths"].contains(documented_path));
    std::set<std::string> documented;
    for (const auto& parameter : openapi["paths"][documented_path]["get"]["parameters"]) {
      if (parameter["in"] != "query") continue;
      const std::string name = parameter["name"];
      documented.insert(name);
      ASSERT_TRUE(parameter.contains("example")) << name;
      const json& example = parameter["example"];
      std::string value = example.is_array()    ? example[0].get<std::string>()
                          : example.is_string() ? example.get<std::string>()
                                                : example.dump();
      if (name == "q" && documented_path == "/api/suggest") value = "kaz";
      const auto result = get(path + "?" + name + "=" + url_encoded(value));
      ASSERT_TRUE(result) << name;
      EXPECT_EQ(result->status, 200) << name << "=" << value << ": " << result->body;
    }
    for (const std::string& name : candidates) {
      if (documented.contains(name)) continue;
      const auto result = get(path + "?" + name + "=1");
      ASSERT_TRUE(result) << name;
      EXPECT_EQ(result->status, 400) << name;
      EXPECT_EQ(json::parse(result->body)["error"]["parameter"], name);
    }
  }
  // What had drifted before the request model: the documented names are there.
  std::set<std::string> search;
  for (const auto& p : openapi["paths"]["/api/search"]["get"]["parameters"])
    search.insert(p["name"]);
  for (const char* name : {"q", "country", "tier", "collapse", "passages", "format", "limit",
                           "size", "page", "offset", "entity", "from", "to", "year", "years"}) {
    EXPECT_TRUE(search.contains(name)) << name;
  }
  // Hits are described from the schema.
  EXPECT_TRUE(openapi["components"]["schemas"]["Hit"]["properties"].contains("tier"));
  EXPECT_TRUE(openapi["components"]["schemas"]["Hit"]["properties"].contains("country_name"));
}

// The page builds its facet list from the schema the server describes.
TEST_F(Api, FieldsDescribeTheSchema) {
  const json fields = get_json("/api/fields");
  std::vector<std::string> facets;
  for (const auto& f : fields["fields"]) {
    if (f["facet"] == true) facets.push_back(f["name"]);
  }
  std::vector<std::string> expected;
  for (const schema::Field& field : schema::fields()) {
    if (field.exposed(schema::kFacet)) expected.emplace_back(field.name);
  }
  EXPECT_EQ(facets, expected);
  EXPECT_NE(std::find(facets.begin(), facets.end(), "tier"), facets.end());
  std::vector<std::string> filters = fields["filters"];
  EXPECT_NE(std::find(filters.begin(), filters.end(), "entity"), filters.end());
  EXPECT_NE(std::find(filters.begin(), filters.end(), "tier"), filters.end());
}

TEST_F(Api, SearchHasTheCliSemantics) {
  const json r = get_json("/api/search?q=forced%20labor&country=Kazakhstan&size=2");
  // Three reports have both words; fewer than ten, so the list goes on with the one that has
  // "labor" alone, and says so.
  EXPECT_EQ(r["total"], 4);
  EXPECT_EQ(r["complete"], 3);
  EXPECT_FALSE(r.contains("partial"));
  EXPECT_EQ(r["left_out"], json::array());
  EXPECT_EQ(r["hits"].size(), 2u);
  EXPECT_EQ(r["hits"][0]["id"], "000_f233a536db1b0761");
  // Repeated parameters OR within a facet; pages never overlap.
  const json both = get_json("/api/search?country=KZ&country=UZ&size=0");
  const json kz = get_json("/api/search?country=KZ&size=0");
  const json uz = get_json("/api/search?country=UZ&size=0");
  EXPECT_EQ(both["total"].get<int>(), kz["total"].get<int>() + uz["total"].get<int>());
  const json page1 = get_json("/api/search?q=government&size=5&page=1&sort=date");
  const json page2 = get_json("/api/search?q=government&size=5&page=2&sort=date");
  EXPECT_EQ(page2["offset"], 5);
  for (const auto& a : page1["hits"]) {
    for (const auto& b : page2["hits"]) EXPECT_NE(a["id"], b["id"]);
  }
  const json years = get_json("/api/search?from=2021&to=2022&size=0");
  const json y2021 = get_json("/api/search?year=2021&size=0");
  const json y2022 = get_json("/api/search?year=2022&size=0");
  EXPECT_EQ(years["total"].get<int>(), y2021["total"].get<int>() + y2022["total"].get<int>());
  EXPECT_EQ(get_json("/api/search?entity=IOM&size=0")["total"],
            get_json("/api/search?q=org:IOM&size=0")["total"]);
}

TEST_F(Api, SimilarReportsAndIdenticalCopies) {
  const json similar = get_json("/api/reports/cia-wfb_2008_uzbekistan/similar?limit=3");
  EXPECT_EQ(similar["id"], "cia-wfb_2008_uzbekistan");
  ASSERT_FALSE(similar["hits"].empty());
  EXPECT_LE(similar["hits"].size(), 3u);
  for (const json& hit : similar["hits"]) {
    const std::string id = hit["id"];
    EXPECT_TRUE(id != "cia-wfb_2008_uzbekistan" && id != "cia-wfb_2009_uzbekistan" &&
                id != "cia-wfb_2010_uzbekistan")
        << id;
    EXPECT_TRUE(hit.contains("snippet"));
  }
  const json report = get_json("/api/reports/cia-wfb_2008_uzbekistan");
  EXPECT_EQ(report["identical_copies"],
            json::array({"cia-wfb_2009_uzbekistan", "cia-wfb_2010_uzbekistan"}));
  EXPECT_EQ(get_json("/api/reports/nope/similar", 404)["error"]["kind"], "not_found");
  EXPECT_EQ(
      get_json("/api/reports/cia-wfb_2008_uzbekistan/similar?limit=0", 400)["error"]["parameter"],
      "limit");
  // Collapsed hits name the reports folded into them.
  const json collapsed = get_json("/api/search?q=uzbekistan%20cannabis&collapse=true&limit=50");
  bool named = false;
  for (const json& hit : collapsed["hits"]) {
    if (!hit.contains("duplicates")) continue;
    EXPECT_EQ(hit["duplicate_ids"].size(), hit["duplicates"].get<std::size_t>());
    named = true;
  }
  EXPECT_TRUE(named);
}

TEST_F(Api, ACountrysFactsWithTheirSentences) {
  const json facts = get_json("/api/countries/KZ");
  EXPECT_EQ(facts["country"], "KZ");
  EXPECT_EQ(facts["name"], "Kazakhstan");
  ASSERT_FALSE(facts["tiers"].empty());
  ASSERT_FALSE(facts["roles"].empty());
  ASSERT_FALSE(facts["flows"].empty());
  for (const char* key :
       {"from", "to", "purpose", "who", "year", "report", "paragraph", "label", "sentence"}) {
    EXPECT_TRUE(facts["flows"][0].contains(key)) << key;
  }
  EXPECT_EQ(get_json("/api/countries/Kazakhstan?years=2004")["reports"], 1);
  EXPECT_EQ(get_json("/api/countries/Narnia", 400)["error"]["parameter"], "country");
  EXPECT_EQ(get_json("/api/countries/KZ?years=twenty", 400)["error"]["parameter"], "years");
  EXPECT_EQ(get_json("/api/countries/KZ?format=text", 400)["error"]["parameter"], "format");
}

TEST_F(Api, APdfReportWithItsPagesCopiesAndOriginal) {
  const json report = get_json("/api/reports/belize2013");
  EXPECT_EQ(report["format"], "pdf");
  EXPECT_EQ(report["symbol"], "A/HRC/25/13");
  // The same report in its text copy: one report, two files.
  EXPECT_EQ(report["copies"], json::array({"un-hrc-upr_2013_belize"}));
  EXPECT_EQ(report["identical_copies"], json::array());
  bool paged = false;
  for (const json& p : report["paragraphs"]) {
    if (p["label"] == "1") {
      EXPECT_GE(p["page"].get<int>(), 3);
      paged = true;
    }
  }
  EXPECT_TRUE(paged);
  // Found by its symbol, as a field and as words; cited with the page.
  EXPECT_EQ(get_json("/api/search?q=symbol:A/HRC/25/13")["total"], 1);
  EXPECT_EQ(get_json("/api/search?q=%22A/HRC/25/13%22")["hits"][0]["id"], "belize2013");
  EXPECT_EQ(get_json("/api/search?symbol=a/hrc/25/13")["total"], 1);
  EXPECT_EQ(get_json("/api/search?symbol=Belize", 400)["error"]["parameter"], "symbol");
  auto cite = get("/api/reports/belize2013/cite?para=1&accessed=2026-12-01");
  ASSERT_TRUE(cite);
  EXPECT_NE(cite->body.find("A/HRC/25/13"), std::string::npos) << cite->body;
  EXPECT_NE(cite->body.find("para. 1, p. 3"), std::string::npos) << cite->body;
  // Collapsed, the PDF and its text copy are one hit.
  const json collapsed = get_json("/api/search?q=belize%20working%20group&collapse=true&limit=50");
  int belize = 0;
  for (const json& hit : collapsed["hits"]) {
    belize += hit["id"] == "belize2013" || hit["id"] == "un-hrc-upr_2013_belize";
  }
  EXPECT_EQ(belize, 1);
  // The original file, as indexed.
  auto original = get("/api/reports/belize2013/original");
  ASSERT_TRUE(original);
  EXPECT_EQ(original->status, 200);
  EXPECT_EQ(original->get_header_value("Content-Type"), "application/pdf");
  EXPECT_TRUE(original->body.starts_with("%PDF-"));
  EXPECT_EQ(get_json("/api/reports/nope/original", 404)["error"]["kind"], "not_found");
}

TEST_F(Api, FacetsGroupCountriesByRegion) {
  const json f = get_json("/api/facets?q=trafficking");
  EXPECT_GT(f["total"].get<int>(), 50);
  bool grouped = false;
  for (const auto& v : f["facets"]["country"]) {
    if (v["value"] == "KZ") grouped = v.value("group", "") == "Asia";
  }
  EXPECT_TRUE(grouped);
  for (const char* facet :
       {"country", "year", "topic", "publisher", "series", "region", "mentions", "body", "org"}) {
    EXPECT_TRUE(f["facets"].contains(facet)) << facet;
  }
}

TEST_F(Api, ReportsWithTheQueryMarked) {
  const json report = get_json("/api/reports/000_f233a536db1b0761?q=%22Justice%20Ministry%22");
  EXPECT_EQ(report["paragraphs"].size(), 6u);
  const json& p6 = report["paragraphs"][5];
  ASSERT_TRUE(p6.contains("highlights"));
  const std::string text = p6["text"];
  const auto first = p6["highlights"][0];
  EXPECT_EQ(text.substr(first[0].get<std::size_t>(),
                        first[1].get<std::size_t>() - first[0].get<std::size_t>()),
            "Justice Ministry");
  EXPECT_FALSE(report["paragraphs"][0].contains("highlights"));
  // Where the server keeps its archive is its own business: the path is the indexed folder's.
  EXPECT_EQ(report["source_path"], "seed/000_f233a536db1b0761.txt");
  EXPECT_EQ(get_json("/api/reports/hrr_2024_kazakhstan")["source_path"],
            "reports/hrr_2024_kazakhstan.txt");
  const json missing = get_json("/api/reports/no-such-report", 404);
  EXPECT_EQ(missing["error"]["kind"], "not_found");
}

TEST_F(Api, SuggestionsFromCountriesEntitiesTitlesAndWords) {
  const json s = get_json("/api/suggest?q=kaz");
  ASSERT_FALSE(s["suggestions"].empty());
  EXPECT_EQ(s["suggestions"][0]["kind"], "country");
  EXPECT_EQ(s["suggestions"][0]["filter"]["value"], "KZ");
  std::set<std::string> kinds;
  // Countries by their aliases, typos forgiven.
  for (const char* typed : {"myan", "burm", "kazahk"}) {
    const json c = get_json(std::string("/api/suggest?q=") + typed);
    ASSERT_FALSE(c["suggestions"].empty()) << typed;
    EXPECT_EQ(c["suggestions"][0]["kind"], "country") << typed;
    EXPECT_EQ(c["suggestions"][0]["filter"]["value"], typed[0] == 'k' ? "KZ" : "MM") << typed;
  }
  const json traff = get_json("/api/suggest?q=traff");
  for (const auto& item : traff["suggestions"]) kinds.insert(item["kind"].get<std::string>());
  EXPECT_TRUE(kinds.contains("term") || kinds.contains("title"));
  EXPECT_TRUE(get_json("/api/suggest?q=")["suggestions"].empty());
}

TEST_F(Api, CitationsOfAReportOrAParagraph) {
  auto bib = get("/api/reports/000_f233a536db1b0761/cite?format=bibtex&para=3&accessed=2026-11-30");
  ASSERT_TRUE(bib);
  EXPECT_EQ(bib->status, 200);
  EXPECT_EQ(bib->get_header_value("Content-Type"), "application/x-bibtex; charset=utf-8");
  EXPECT_TRUE(bib->body.starts_with("@techreport{usdos2004tipKazakhstan,"));
  // By default a citation never links the machine that made it: the seed names no original, so
  // it has no URL; asked for, the report page on this server, at the paragraph.
  EXPECT_EQ(bib->body.find("127.0.0.1"), std::string::npos) << bib->body;
  EXPECT_EQ(bib->body.find("url = "), std::string::npos) << bib->body;
  auto local = get("/api/reports/000_f233a536db1b0761/cite?format=bibtex&para=3&link=local");
  ASSERT_TRUE(local);
  EXPECT_NE(local->body.find("url = {http://127.0.0.1:" + std::to_string(port_) +
                             "/reports/000_f233a536db1b0761}"),
            std::string::npos)
      << local->body;
  auto local_line = get("/api/reports/000_f233a536db1b0761/cite?para=3&link=local");
  ASSERT_TRUE(local_line);
  EXPECT_NE(local_line->body.find("/reports/000_f233a536db1b0761#p4 [accessed"), std::string::npos)
      << local_line->body;
  // A report that names its original links it.
  auto state = get("/api/reports/us-dos-irf_2022_botswana/cite?format=csl-json");
  ASSERT_TRUE(state);
  EXPECT_EQ(
      json::parse(state->body)[0]["URL"],
      "https://www.state.gov/reports/2022-report-on-international-religious-freedom/botswana/");
  EXPECT_EQ(
      get_json("/api/reports/us-dos-irf_2022_botswana/cite?link=nearby", 400)["error"]["parameter"],
      "link");
  auto line = get("/api/reports/000_f233a536db1b0761/cite");
  ASSERT_TRUE(line);
  EXPECT_TRUE(line->body.starts_with("United States Department of State, "));
  auto csl = get("/api/reports/000_f233a536db1b0761/cite?format=csl-json&para=2");
  ASSERT_TRUE(csl);
  EXPECT_EQ(csl->get_header_value("Content-Type"),
            "application/vnd.citationstyles.csl+json; charset=utf-8");
  EXPECT_FALSE(json::parse(csl->body)[0].contains("locator"));  // the entry is the report's
  // The notebook's form: the passage's key, pinpoint, quote (the query's sentences) and entry.
  const json passage = get_json(
      "/api/reports/000_f233a536db1b0761/cite?format=json&para=3&q=criminalizes")["passages"][0];
  EXPECT_EQ(passage["key"], "usdos2004tipKazakhstan");
  EXPECT_EQ(passage["label"], "3");
  EXPECT_EQ(passage["pinpoint"], "Kazakhstan (Tier 2 Watch List), para. 3");
  EXPECT_TRUE(
      passage["quote"].get<std::string>().starts_with("The Government of Kazakhstan "
                                                      "criminalizes trafficking"));
  EXPECT_EQ(passage["csl"]["id"], "usdos2004tipKazakhstan");
  // A selection finds its paragraph; text the report lacks is refused.
  const json selected = get_json(
      "/api/reports/000_f233a536db1b0761/"
      "cite?format=json&quote=nine%20trafficking%20investigations");
  EXPECT_EQ(selected["passages"][0]["label"], "3");
  EXPECT_EQ(selected["passages"][0]["quote"], "… nine trafficking investigations …");
  EXPECT_EQ(get_json("/api/reports/000_f233a536db1b0761/cite?quote=not%20in%20it",
                     400)["error"]["parameter"],
            "quote");
  EXPECT_EQ(get_json("/api/reports/000_f233a536db1b0761/cite?format=word", 400)["error"]["kind"],
            "invalid_argument");
  EXPECT_EQ(get_json("/api/reports/000_f233a536db1b0761/cite?para=99", 400)["error"]["message"],
            "para: report 000_f233a536db1b0761 has no paragraph \"99\" (its paragraphs run "
            "from 1 to 5)");
}

TEST_F(Api, BadRequestsGetAStatusAndAMessage) {
  EXPECT_EQ(get_json("/api/search?q=(forced", 400)["error"]["kind"], "bad_query");
  // Errors name the parameter as the request gave it, neutrally (no CLI flags).
  const json too_big = get_json("/api/search?size=101", 400)["error"];
  EXPECT_EQ(too_big["message"], "size: must be a whole number from 0 to 100, not \"101\"");
  EXPECT_EQ(too_big["parameter"], "size");
  EXPECT_EQ(get_json("/api/search?limit=101", 400)["error"]["parameter"], "limit");
  EXPECT_EQ(get_json("/api/search?page=0", 400)["error"]["kind"], "invalid_argument");
  EXPECT_EQ(get_json("/api/search?page=2000&size=10", 400)["error"]["parameter"], "page");
  EXPECT_EQ(get_json("/api/search?sort=sideways", 400)["error"]["message"],
            "sort: must be relevance, date or date-asc, not \"sideways\"");
  const json unknown_country = get_json("/api/search?country=Atlantis", 400)["error"];
  EXPECT_EQ(unknown_country["message"],
            "country: unknown country \"Atlantis\" (use a name or an ISO code)");
  EXPECT_EQ(unknown_country["parameter"], "country");
  const json org_typo = get_json("/api/search?org=Human%20Rights%20Wach", 400)["error"];
  EXPECT_EQ(org_typo["parameter"], "org");
  EXPECT_NE(org_typo["message"].get<std::string>().find("did you mean Human Rights Watch?"),
            std::string::npos);
  const json colour = get_json("/api/search?colour=red", 400)["error"];
  EXPECT_EQ(colour["parameter"], "colour");
  EXPECT_NE(colour["message"].get<std::string>().find("colour: no such parameter"),
            std::string::npos);
  EXPECT_EQ(get_json("/api/search?from=2010&to=2001", 400)["error"]["parameter"], "from");
  EXPECT_EQ(get_json("/api/search?year=2010..2001", 400)["error"]["parameter"], "year");
  // (HTTP parameters come sorted by name, so "limit" is read first.)
  EXPECT_EQ(get_json("/api/search?size=5&limit=5", 400)["error"]["message"],
            "size: is given twice, as \"limit\" and \"size\"");
  EXPECT_EQ(get_json("/api/search?sort=date&sort=relevance", 400)["error"]["message"],
            "sort: is given more than once");
  EXPECT_EQ(get_json("/api/search?q=" + std::string(3000, 'a'), 400)["error"]["message"],
            "q: is 3000 bytes long; the limit is 2000");
  EXPECT_EQ(get_json("/api/search?tier=Tier%209", 400)["error"]["parameter"], "tier");
  EXPECT_EQ(get_json("/api/nothing", 404)["error"]["kind"], "not_found");
  EXPECT_EQ(get_json("/api/reports/x/cite?para=" + std::string(40, '1'), 400)["error"]["parameter"],
            "para");
  EXPECT_EQ(get_json("/api/reports/000_f233a536db1b0761/cite?para=0", 400)["error"]["parameter"],
            "para");
  EXPECT_EQ(get_json("/api/suggest?q=ab&limit=3", 400)["error"]["parameter"], "limit");
  for (const char* path : {"/api/search?country=Atlantis", "/api/search?year=x",
                           "/api/facets?topic=weather", "/api/search?entity="}) {
    const auto result = get(path);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->body.find("--"), std::string::npos) << path << ": " << result->body;
  }
}

// The names the README documents, old and new, all work; the response says "limit" as the
// request does.
TEST_F(Api, DocumentedParametersAreAccepted) {
  const json collapsed = get_json("/api/search?q=cotton&collapse=true&size=3");
  EXPECT_EQ(collapsed["limit"], 3);
  const json by_limit = get_json("/api/search?q=cotton&collapse=true&limit=3");
  EXPECT_EQ(by_limit["total"], collapsed["total"]);
  EXPECT_LE(collapsed["total"].get<int>(),
            get_json("/api/search?q=cotton&size=0")["total"].get<int>());
  EXPECT_EQ(get_json("/api/search?q=cotton&offset=3&limit=3")["offset"], 3);
  EXPECT_EQ(get_json("/api/search?q=cotton&page=2&limit=3")["offset"], 3);
  EXPECT_EQ(get_json("/api/search?years=2001..2004&size=0")["total"],
            get_json("/api/search?from=2001&to=2004&size=0")["total"]);
  EXPECT_EQ(get_json("/api/search?year=2001..2004&size=0")["total"],
            get_json("/api/search?from=2001&to=2004&size=0")["total"]);
  const auto text = get("/api/search?q=cotton&format=text&limit=1");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_NE(text->body.find("reports for: cotton"), std::string::npos);
  const json tier = get_json("/api/search?tier=2wl&limit=1");
  EXPECT_GT(tier["total"].get<int>(), 10);
  EXPECT_EQ(tier["hits"][0]["tier"], "Tier 2 Watch List");
  // The selected facet keeps its other values, in the order of the scale.
  std::vector<std::string> tiers;
  for (const auto& v : tier["facets"]["tier"]) tiers.push_back(v["value"]);
  EXPECT_EQ(tiers, (std::vector<std::string>{"Tier 2", "Tier 2 Watch List", "Tier 3"}));
}

TEST_F(Api, PagesAreServedWithACspAndNoFileEscapes) {
  auto page = get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<script src=\"/assets/app.js\""), std::string::npos);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  auto report_page = get("/reports/000_f233a536db1b0761");
  ASSERT_TRUE(report_page);
  EXPECT_EQ(report_page->status, 200);
  for (const char* path :
       {"/../../etc/passwd", "/assets/..%2f..%2fetc%2fpasswd", "/assets/../CMakeLists.txt",
        "/%2e%2e/%2e%2e/etc/passwd", "/reports/../../etc/passwd", "/assets/app.js/../../x"}) {
    auto result = get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 404) << path;
    EXPECT_EQ(result->body.find("root:"), std::string::npos);
  }
  auto js = get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
}

TEST_F(Api, ReportPagesCarryCitationMetaTags) {
  auto page = get("/reports/000_f233a536db1b0761");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  const std::string& html = page->body;
  for (const char* tag :
       {"<meta name=\"citation_title\" content=\"U.S. Department of State 2004 Trafficking in "
        "Persons Report - Kazakhstan\">",
        "<meta name=\"citation_publisher\" content=\"United States Department of State\">",
        "<meta name=\"citation_technical_report_institution\" content=\"United States "
        "Department of State\">",
        "<meta name=\"citation_date\" content=\"2004/06/14\">",
        "<title>U.S. Department of State 2004 Trafficking in Persons Report - Kazakhstan – "
        "dossier</title>"}) {
    EXPECT_NE(html.find(tag), std::string::npos) << tag;
  }
  // A hostile title is escaped in the head too.
  auto hostile = get("/reports/xss");
  ASSERT_TRUE(hostile);
  EXPECT_EQ(hostile->body.find("<script>alert"), std::string::npos);
  EXPECT_NE(hostile->body.find("content=\"&lt;script&gt;alert(1)&lt;/script&gt; - Kazakhstan\""),
            std::string::npos);
  auto missing = get("/reports/no-such-report");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(Api, SearchResultsCanBeCitedAndChecked) {
  const json first = get_json("/api/search?q=cotton&size=3");
  const json again = get_json("/api/search?q=cotton&size=3&page=2");
  EXPECT_EQ(first["fingerprint"].get<std::string>().size(), 16u);
  EXPECT_EQ(first["fingerprint"], again["fingerprint"]);  // the list, not the page
  EXPECT_NE(first["fingerprint"], get_json("/api/search?q=harvest&size=3")["fingerprint"]);
  EXPECT_FALSE(first["revision"].get<std::string>().empty());
}

TEST_F(Api, HostileTitlesComeBackAsDataNotMarkup) {
  const json r = get_json("/api/search?q=title:script&size=1");
  ASSERT_EQ(r["total"], 1);
  EXPECT_EQ(r["hits"][0]["title"], "<script>alert(1)</script> - Kazakhstan");
  EXPECT_EQ(r["hits"][0]["publisher"], "<b>Evil</b> & Co");
}

TEST_F(Api, ManyClientsAtOnce) {
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&, i] {
      for (int j = 0; j < 10; ++j) {
        auto result =
            get("/api/search?q=trafficking&size=5&page=" + std::to_string(1 + (i + j) % 5));
        if (result && result->status == 200) ++ok;
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok.load(), 80);
}

TEST_F(Api, PicksUpAReindexedArchiveWithoutARestart) {
  const int before = get_json("/healthz")["reports"];
  std::ofstream(*dir_ / "extra" / "new.txt") << "Fresh report - Kenya\n\nA zebrafinch paragraph.\n";
  IndexOptions options;
  options.db = *dir_ / "db";
  options.roots = {*dir_ / "extra"};
  index_archive(options, test::gazetteers(), nullptr);
  EXPECT_EQ(get_json("/api/search?q=zebrafinch&size=0")["total"], 1);
  EXPECT_EQ(get_json("/healthz")["reports"].get<int>(), before + 1);
  fs::remove(*dir_ / "extra" / "new.txt");
  index_archive(options, test::gazetteers(), nullptr);
  EXPECT_EQ(get_json("/api/search?q=zebrafinch&size=0")["total"], 0);
}

// An index damaged while it is served: every search answers 503 with what is wrong, as JSON,
// and the server keeps running.
TEST(DamagedIndex, IsA503NotACrash) {
  const fs::path dir = test::scratch_dir("web-damaged");
  const fs::path db = test::copy_of_sample_index(dir);
  ServeOptions serve;
  serve.db = db;
  serve.port = 0;
  WebServer server(serve, test::gazetteers());
  const int port = server.bind();
  std::thread running([&] { server.run(); });
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(120, 0);
  ASSERT_EQ(client.Get("/api/search?q=forced")->status, 200);
  fs::resize_file(db / "postlist.glass", fs::file_size(db / "postlist.glass") / 3);
  fs::resize_file(db / "docdata.glass", fs::file_size(db / "docdata.glass") / 3);
  // An export reads the damage after it has answered 200 (or before, in its first batch): it is
  // cut short, or refused, and the server stays up.
  client.Get("/api/search?limit=100&format=csv");
  client.Get("/api/search?format=jsonl");
  for (const char* path : {"/api/search?q=forced%20labor&limit=100", "/api/facets?q=trafficking",
                           "/api/search?limit=100"}) {
    const auto result = client.Get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 503) << path << ": " << result->body;
    const json error = json::parse(result->body)["error"];
    EXPECT_EQ(error["kind"], "index_corrupt") << path;
    EXPECT_NE(error["message"].get<std::string>().find(db.string()), std::string::npos);
  }
  const auto page = client.Get("/");
  ASSERT_TRUE(page) << "the server stopped";
  EXPECT_EQ(page->status, 200);
  server.stop();
  running.join();
}

}  // namespace
}  // namespace dossier

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dossier {
namespace {

// Sends raw bytes on a fresh loopback connection and returns what comes back (up to a limit).
// `seconds` only keeps a broken server from hanging the test: an answer is expected long before,
// however busy the machine.
std::string raw_exchange(int port, const std::string& bytes, int seconds = 120) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  timeval timeout{seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    char buffer[4096];
    for (ssize_t n; reply.size() < 65536 && (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
      reply.append(buffer, static_cast<std::size_t>(n));
      // A whole response read: do not wait for a kept-alive connection to close.
      const auto head_end = reply.find("\r\n\r\n");
      const auto length_at = reply.find("Content-Length: ");
      if (head_end != std::string::npos && length_at != std::string::npos && length_at < head_end) {
        const std::size_t length = std::stoul(reply.substr(length_at + 16));
        if (reply.size() >= head_end + 4 + length) break;
      }
    }
  }
  ::close(fd);
  return reply;
}

std::string status_line(const std::string& reply) {
  return reply.substr(0, reply.find("\r\n"));
}

// Hostile clients get a status and the server keeps serving the others.
TEST_F(Api, HostileClientsDoNotTakeTheServerDown) {
  EXPECT_EQ(status_line(raw_exchange(port_, "GARBAGE\r\n\r\n")).substr(0, 12), "HTTP/1.1 400");
  EXPECT_EQ(status_line(raw_exchange(port_, "GET /healthz HTTP/9.9\r\n\r\n")).substr(0, 12),
            "HTTP/1.1 400");
  const std::string brew = raw_exchange(port_, "BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(status_line(brew).find(" 40"), std::string::npos) << status_line(brew);
  // A header of a megabyte.
  const std::string big_header = raw_exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                                         std::string(1 << 16, 'a') + "\r\n\r\n");
  EXPECT_EQ(big_header.find("\"status\":\"ok\""), std::string::npos);
  // A body over the limit, refused on its announced length. (No body bytes are sent: the server
  // closes after refusing, and bytes still arriving then would make the kernel reset the
  // connection before the client read the refusal.)
  const std::string big_body = raw_exchange(
      port_, "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n");
  EXPECT_NE(status_line(big_body).find(" 413"), std::string::npos) << status_line(big_body);
  // Encoded path traversal.
  const std::string traversal =
      raw_exchange(port_, "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(status_line(traversal).find(" 404"), std::string::npos);
  EXPECT_EQ(traversal.find("root:"), std::string::npos);
  // Slow clients: connections that send half a request and wait, while others are served.
  std::vector<int> slow;
  for (int i = 0; i < 10; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
      ::send(fd, "GET /healthz HTTP/1.1\r\n", 23, MSG_NOSIGNAL);
      slow.push_back(fd);
    } else {
      ::close(fd);
    }
  }
  // Other clients, several at once, are served meanwhile.
  std::vector<std::thread> crowd;
  std::atomic<int> answered{0};
  for (int i = 0; i < 8; ++i) {
    crowd.emplace_back([&] {
      for (int j = 0; j < 25; ++j) {
        if (raw_exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .find("\"status\":\"ok\"") != std::string::npos) {
          ++answered;
        }
      }
    });
  }
  for (auto& t : crowd) t.join();
  for (int fd : slow) ::close(fd);
  EXPECT_EQ(answered.load(), 200);
  // And afterwards it still searches correctly.
  EXPECT_EQ(get_json("/api/search?q=forced%20labor&country=Kazakhstan&size=0")["total"], 4);
}

// Thousands of clients at once, each sending a request as soon as it connects: every one is
// answered, and a search made meanwhile is answered too.
TEST_F(Api, ThousandsOfConcurrentConnections) {
  // Each connection takes a descriptor on both ends, and both ends are in this process.
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
  const std::size_t clients = std::min<std::size_t>(2000, (limit.rlim_cur - 256) / 2);
  if (clients < 500) GTEST_SKIP() << "only " << limit.rlim_cur << " file descriptors allowed";

  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::vector<pollfd> sockets;
  for (std::size_t i = 0; i < clients; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0) << i;
    ASSERT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(request.size()));
    sockets.push_back({fd, POLLIN, 0});
  }
  // A search while they are all waiting.
  EXPECT_EQ(get_json("/api/search?q=forced%20labor&country=Kazakhstan&size=0")["total"], 4);

  std::vector<std::string> replies(clients);
  std::size_t open = clients;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (open > 0 && std::chrono::steady_clock::now() < deadline) {
    if (::poll(sockets.data(), sockets.size(), 1000) <= 0) continue;
    for (std::size_t i = 0; i < clients; ++i) {
      if (sockets[i].fd < 0 || sockets[i].revents == 0) continue;
      char buffer[4096];
      const ssize_t n = ::recv(sockets[i].fd, buffer, sizeof buffer, 0);
      if (n > 0) {
        replies[i].append(buffer, static_cast<std::size_t>(n));
      } else {
        ::close(sockets[i].fd);
        sockets[i].fd = -1;  // poll skips negative descriptors
        --open;
      }
    }
  }
  std::size_t ok = 0;
  for (const std::string& reply : replies) {
    if (reply.starts_with("HTTP/1.1 200") && reply.find("\"status\":\"ok\"") != std::string::npos) {
      ++ok;
    }
  }
  for (const pollfd& p : sockets) {
    if (p.fd >= 0) ::close(p.fd);
  }
  EXPECT_EQ(ok, clients);
}

}  // namespace
}  // namespace dossier
