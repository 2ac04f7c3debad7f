// Citations: golden outputs for the seed in every format, special characters in every format,
// and real consumers (pandoc's citeproc, bibutils' ris2xml) reading what dossier writes.
#include "searcher/cite.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corpus/citation_key.h"
#include "corpus/error.h"
#include "corpus/paragraphs.h"
#include "indexer/index_writer.h"
#include "sample_index.h"
#include "searcher/search.h"
#include "test_paths.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

CitationOptions fixed() {
  CitationOptions options;
  options.accessed = Date{2026, 11, 30};
  options.base_url = "https://dossier.example.org";
  return options;
}

Searcher& sample() {
  static Searcher searcher(test::sample_index(), test::gazetteers());
  return searcher;
}

const Report& seed() {
  static const Report kSeed = sample().report("000_f233a536db1b0761");
  return kSeed;
}

// A passage of a report that is not in an index: its key is its base key.
CitedPassage passage(const Report& report, std::optional<std::string> paragraph = std::nullopt,
                     std::string quote = {}) {
  return CitedPassage{report, citation_base_key(report), std::move(paragraph), std::move(quote)};
}

std::string cite_one(const Report& report, CitationFormat format, const CitationOptions& options,
                     std::optional<std::string> paragraph = std::nullopt) {
  return cite({passage(report, std::move(paragraph))}, format, options);
}

// A report with every character the formats must escape.
Report awkward() {
  Report r;
  r.id = "awkward";
  r.title = "Côte d’Ivoire: \"Rights\" & {Wrongs} at 100% - $5 #1 under_score ^~ [@x] *y*";
  r.publisher = "Amnesty & Partners {Intl}";
  r.author = "Comité des droits";
  r.published = Date{2019, 3, 0};
  r.year = 2019;
  r.series = "other";
  r.country_code = "CI";
  r.country_name = "Côte d'Ivoire";
  r.symbol = "A/HRC/41/9_Add.1";
  r.paragraphs = {{1, ParagraphKind::kText, "First paragraph & more."}};
  label_paragraphs(r.paragraphs);
  return r;
}

struct Golden {
  CitationFormat format;
  const char* extension;
};
constexpr Golden kGoldens[] = {
    {CitationFormat::kCite, "txt"},    {CitationFormat::kBibtex, "bib"},
    {CitationFormat::kRis, "ris"},     {CitationFormat::kCslJson, "json"},
    {CitationFormat::kMarkdown, "md"}, {CitationFormat::kJson, "passages.json"}};

// The goldens: the seed whole, and its paragraph 3 quoted for the query "criminalizes".
TEST(Citations, SeedGoldenInEveryFormat) {
  const fs::path dir = test::source_dir() / "tests" / "data" / "citations";
  const CitedPassage whole = cited_passage(sample(), "000_f233a536db1b0761", std::nullopt);
  const CitedPassage para3 =
      cited_passage(sample(), "000_f233a536db1b0761", "3", "criminalizes penalties");
  for (const Golden& golden : kGoldens) {
    SCOPED_TRACE(std::string(to_string(golden.format)));
    EXPECT_EQ(cite({whole}, golden.format, fixed()),
              slurp(dir / (std::string("seed.") + golden.extension)));
    EXPECT_EQ(cite({para3}, golden.format, fixed()),
              slurp(dir / (std::string("seed-para3.") + golden.extension)));
  }
}

TEST(Citations, TheSourcesCiteAsLineIsKeptAndCompleted) {
  // The seed prints no paragraph numbers: its third text paragraph (the fourth block, after
  // the heading) is named by its section, as APA allows.
  const std::string line = cite_one(seed(), CitationFormat::kCite, fixed(), "3");
  EXPECT_TRUE(line.starts_with(
      "United States Department of State, U.S. Department of State 2004 Trafficking in Persons "
      "Report - Kazakhstan, 14 June 2004, Kazakhstan (Tier 2 Watch List), para. 3, available "
      "at: https://dossier.example.org/reports/000_f233a536db1b0761#p4 [accessed 30 November "
      "2026]"))
      << line;
  EXPECT_EQ(sample().citation_key(seed()), "usdos2004tipKazakhstan");
  // The source's stale "[accessed 28 May 2016]" and its no-break spaces stay out of every format.
  for (const Golden& golden : kGoldens) {
    const std::string text = cite_one(seed(), golden.format, fixed(), "3");
    EXPECT_EQ(text.find("28 May 2016"), std::string::npos) << text;
    EXPECT_EQ(text.find("\xC2\xA0"), std::string::npos) << text;
  }
}

TEST(Citations, SpecialCharactersSurviveEveryFormat) {
  const Report r = awkward();
  const std::string bib = cite_one(r, CitationFormat::kBibtex, fixed(), "1");
  EXPECT_NE(bib.find("title = {{Côte d’Ivoire: \"Rights\" \\& \\{Wrongs\\} "
                     "at 100\\% - \\$5 \\#1 "
                     "under\\_score \\^{}\\~{} [@x] *y*}}"),
            std::string::npos)
      << bib;
  EXPECT_NE(bib.find("institution = {Amnesty \\& Partners \\{Intl\\}}"), std::string::npos) << bib;
  // A lone brace keeps the entry's braces balanced, as BibTeX needs.
  Report braced;
  braced.id = "x";
  braced.title = "a } b";
  EXPECT_NE(cite_one(braced, CitationFormat::kBibtex, fixed()).find("a \\textbraceright{} b"),
            std::string::npos);
  Report lone = r;
  lone.title = "Closing } without opening";
  const std::string lone_bib = cite_one(lone, CitationFormat::kBibtex, fixed());
  EXPECT_EQ(std::count(lone_bib.begin(), lone_bib.end(), '{'),
            std::count(lone_bib.begin(), lone_bib.end(), '}'))
      << lone_bib;
  EXPECT_NE(bib.find("number = {A/HRC/41/9\\_Add.1}"), std::string::npos) << bib;
  const std::string ris = cite_one(r, CitationFormat::kRis, fixed(), "1");
  EXPECT_NE(ris.find("TI  - " + r.title + "\r\n"), std::string::npos);
  EXPECT_NE(ris.find("SN  - A/HRC/41/9_Add.1\r\n"), std::string::npos);
  EXPECT_TRUE(ris.ends_with("ER  - \r\n"));
  EXPECT_EQ(ris.find('\n', 0), ris.find("\r\n", 0) + 1);  // CRLF line ends
  const auto csl = nlohmann::json::parse(cite_one(r, CitationFormat::kCslJson, fixed(), "1"));
  EXPECT_EQ(csl[0]["title"], r.title);
  EXPECT_EQ(csl[0]["type"], "report");
  EXPECT_EQ(csl[0]["number"], r.symbol);  // the document symbol is the report's number
  EXPECT_EQ(csl[0]["author"][0]["literal"], r.author);
  EXPECT_EQ(csl[0]["issued"]["date-parts"][0], nlohmann::json::array({2019, 3}));
  EXPECT_NE(cite_one(r, CitationFormat::kCite, fixed()).find(r.title), std::string::npos);
  const std::string note =
      cite({passage(r, "1", "First paragraph & more.")}, CitationFormat::kMarkdown, fixed());
  EXPECT_NE(note.find("\n> First paragraph \\& more. [@api2019CoteDIvoire, para. 1]\n"),
            std::string::npos)
      << note;
  EXPECT_EQ(citation_base_key(r), "api2019CoteDIvoire");
}

// A key's year is the entry's: a review of 2009 published in 2010 is a 2010 entry, in its key
// too; without a publication date, the year covered.
TEST(Citations, AKeysYearIsTheEntrysYear) {
  Report r = awkward();
  r.year = 2009;
  r.published = Date{2010, 1, 4};
  EXPECT_EQ(citation_base_key(r), "api2010CoteDIvoire");
  const std::string bib = cite_one(r, CitationFormat::kBibtex, fixed());
  EXPECT_NE(bib.find("@techreport{api2010CoteDIvoire,"), std::string::npos) << bib;
  EXPECT_NE(bib.find("year = {2010}"), std::string::npos) << bib;
  r.published.reset();
  EXPECT_EQ(citation_base_key(r), "api2009CoteDIvoire");
  EXPECT_NE(cite_one(r, CitationFormat::kBibtex, fixed()).find("year = {2009}"), std::string::npos);
  // No publisher, no author, no date, no country: still a key, and a bibliography entry with
  // what is known.
  Report bare;
  bare.id = "a-report";
  bare.title = "Untitled";
  EXPECT_EQ(citation_base_key(bare), "AReport");
  EXPECT_NE(cite_one(bare, CitationFormat::kBibtex, fixed()).find("@techreport{AReport,"),
            std::string::npos);
  EXPECT_NO_THROW(cite_one(bare, CitationFormat::kMarkdown, fixed()));
}

TEST(Citations, AParagraphTheReportLacksIsAnError) {
  try {
    cite_one(seed(), CitationFormat::kCite, fixed(), "99");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidArgument);
    EXPECT_EQ(e.parameter(), "para");
    EXPECT_NE(
        std::string(e.what()).find("has no paragraph \"99\" (its paragraphs run from 1 to 5)"),
        std::string::npos)
        << e.what();
  }
  EXPECT_THROW(cited_passage(sample(), "000_f233a536db1b0761", "none"), Error);
  EXPECT_THROW(cited_passage(sample(), "no-such-report", "1"), Error);
}

// Keys are unique across the index and the same on every run; reports that share a base key
// are told apart by publication date, then id.
TEST(Citations, KeysAreUniqueAndStable) {
  std::set<std::string> keys;
  const SearchResult all = [] {
    SearchRequest request;
    request.limit = 1000;
    return sample().search(request);
  }();
  ASSERT_GT(all.hits.size(), 10u);
  for (const Hit& hit : all.hits) {
    const Report report = sample().report(hit.id);
    const std::string key = sample().citation_key(report);
    EXPECT_TRUE(keys.insert(key).second) << key << " twice";
    EXPECT_EQ(key, Searcher(test::sample_index(), test::gazetteers()).citation_key(report));
  }
  // Three reports with one base key (one publisher, year, country): the oldest keeps it.
  const fs::path archive = test::scratch_dir("citation-keys");
  auto dated = [](std::string_view date) {
    return "Kazakhstan: annual report\n\nPublisher Test Publisher\nPublication Date " +
           std::string(date) + "\n\nThe Government of Kazakhstan reported.\n";
  };
  test::write_file(archive / "a-late.txt", dated("9 May 2010"));
  test::write_file(archive / "b-early.txt", dated("3 March 2010"));
  test::write_file(archive / "c-early.txt", dated("3 March 2010"));
  IndexOptions options;
  options.db = archive / "db";
  options.roots = {archive};
  ASSERT_EQ(index_archive(options, test::gazetteers(), nullptr).added, 3u);
  Searcher searcher(options.db, test::gazetteers());
  EXPECT_EQ(searcher.citation_key(searcher.report("b-early")), "tp2010Kazakhstan");
  EXPECT_EQ(searcher.citation_key(searcher.report("c-early")), "tp2010Kazakhstan-b");
  EXPECT_EQ(searcher.citation_key(searcher.report("a-late")), "tp2010Kazakhstan-c");
  EXPECT_EQ(disambiguated_key("k", 25), "k-z");
  EXPECT_EQ(disambiguated_key("k", 26), "k-27");
}

// Two passages of one report make one bibliography entry under one key; the locator is in the
// note's citation, not in the entry.
TEST(Citations, PassagesOfOneReportShareItsEntry) {
  const std::vector<CitedPassage> passages = {
      cited_passage(sample(), "000_f233a536db1b0761", "3"),
      cited_passage(sample(), "un-hrc-upr_2010_albania", "3"),
      cited_passage(sample(), "000_f233a536db1b0761", "4")};
  const std::string bib = cite(passages, CitationFormat::kBibtex, fixed());
  std::size_t entries = 0;
  for (auto at = bib.find("@techreport{"); at != std::string::npos;
       at = bib.find("@techreport{", at + 1)) {
    ++entries;
  }
  EXPECT_EQ(entries, 2u) << bib;
  EXPECT_EQ(bib.find("#p"), std::string::npos) << bib;  // no paragraph's address in an entry
  const auto csl = nlohmann::json::parse(cite(passages, CitationFormat::kCslJson, fixed()));
  ASSERT_EQ(csl.size(), 2u);
  EXPECT_FALSE(csl[0].contains("locator"));
  const std::string note = cite(passages, CitationFormat::kMarkdown, fixed());
  EXPECT_NE(note.find("[@usdos2004tipKazakhstan, Kazakhstan (Tier 2 Watch List), para. 3]"),
            std::string::npos)
      << note;
  EXPECT_NE(note.find("[@usdos2004tipKazakhstan, Kazakhstan (Tier 2 Watch List), para. 4]"),
            std::string::npos)
      << note;
  const std::string ris = cite(passages, CitationFormat::kRis, fixed());
  const auto second_end = ris.find("ER  - ", ris.find("ER  - ") + 1);
  ASSERT_NE(second_end, std::string::npos) << ris;
  EXPECT_EQ(ris.find("ER  - ", second_end + 1), std::string::npos) << ris;
}

// A citation links the original a report names; the report page only when asked, and only on
// an address that was given: never on the machine that made it.
TEST(Citations, LinksGoToTheOriginalAndToTheReportPageOnlyWhenAsked) {
  Report r = awkward();
  r.source_url = "https://www.state.gov/reports/x/";
  CitationOptions options = fixed();
  const Paragraph* first = &r.paragraphs[0];
  EXPECT_EQ(citation_urls(r, options, first), std::vector<std::string>{r.source_url});
  const auto csl = nlohmann::json::parse(cite_one(r, CitationFormat::kCslJson, options, "1"));
  EXPECT_EQ(csl[0]["URL"], r.source_url);  // where styles print it
  EXPECT_FALSE(csl[0].contains("source"));
  options.link = LinkTarget::kBoth;
  const std::string local = "https://dossier.example.org/reports/awkward";
  EXPECT_EQ(citation_urls(r, options, first),
            (std::vector<std::string>{r.source_url, local + "#p1"}));
  const std::string bib = cite_one(r, CitationFormat::kBibtex, options, "1");
  EXPECT_NE(bib.find("url = {" + r.source_url + "}"), std::string::npos) << bib;
  EXPECT_NE(bib.find("note = {also \\url{" + local + "}}"), std::string::npos) << bib;
  EXPECT_NE(cite_one(r, CitationFormat::kCite, options, "1")
                .find("available at: " + r.source_url + " (also " + local + "#p1)"),
            std::string::npos);
  options.link = LinkTarget::kLocal;
  EXPECT_EQ(citation_urls(r, options, first), std::vector<std::string>{local + "#p1"});
  // No original and no base URL: no address at all, not a loopback one.
  options = fixed();
  options.base_url.clear();
  r.source_url.clear();
  EXPECT_TRUE(citation_urls(r, options, first).empty());
  const std::string line = cite_one(r, CitationFormat::kCite, options, "1");
  EXPECT_EQ(line.find("available at"), std::string::npos) << line;
  EXPECT_EQ(line.find("127.0.0.1"), std::string::npos) << line;
  options.link = LinkTarget::kLocal;
  EXPECT_THROW(cite_one(r, CitationFormat::kCite, options), Error);
}

// A UN report prints its paragraph numbers: "para. 3" is what it printed as 3, not the third
// block of its text (its first block is the heading "Introduction").
TEST(Citations, APrintedParagraphNumberIsThePinpoint) {
  const CitedPassage upr = cited_passage(sample(), "un-hrc-upr_2010_albania", "3");
  const std::string note = cite({upr}, CitationFormat::kMarkdown, fixed());
  EXPECT_NE(note.find("\n> In accordance with paragraph 15 of the annex"), std::string::npos)
      << note;
  EXPECT_NE(note.find(", para. 3]\n"), std::string::npos) << note;
  EXPECT_THROW(cited_passage(sample(), "un-hrc-upr_2010_albania", "Introduction"), Error);
  // Recommendations are cited by their own numbers.
  const CitedPassage bolivia = cited_passage(sample(), "un-hrc-upr_2014_bolivia", "113.2");
  EXPECT_TRUE(bolivia.quote.starts_with("Consider ratifying the United Nations Educational"))
      << bolivia.quote;
  EXPECT_EQ(pandoc_citation(bolivia), "[@" + bolivia.key + ", para. 113.2]");
}

// What a reader selects on the page is found however it was selected: with the printed number
// it starts with, across a no-break space, in a list item that continues a numbered paragraph.
TEST(Citations, ASelectionIsFoundAsTheReaderMadeIt) {
  Report r = awkward();
  r.paragraphs = {{1, ParagraphKind::kText, "1. The Committee met twice."},
                  {2, ParagraphKind::kText, "2. It recommended that the State:"},
                  {3, ParagraphKind::kText, "(a) Ratify the Convention;"},
                  {4, ParagraphKind::kText, "3. The State replied in\xC2\xA0writing."},
                  {5, ParagraphKind::kText, "4. Nothing else."}};
  label_paragraphs(r.paragraphs);
  ASSERT_EQ(r.paragraphs[2].label, "2");  // the list item continues paragraph 2
  EXPECT_EQ(quote_of(r.paragraphs[0], {}, "1. The Committee"), "1. The Committee …");
  EXPECT_EQ(quote_of(r.paragraphs[3], {}, "replied in writing."), "… replied in writing.");
  // An excerpt's "…" selected with its words is not part of the text.
  EXPECT_EQ(quote_of(r.paragraphs[3], {}, "… The State replied …"), "The State replied …");
  // The note's Markdown keeps "(a)" from starting a list and ";" from ending the citation.
  CitedPassage item = passage(r, "2", "(a) Ratify the Convention;");
  const std::string note = cite({item}, CitationFormat::kMarkdown, fixed());
  EXPECT_NE(note.find("\n> \\(a) Ratify the Convention; [@api2019CoteDIvoire, para. 2]\n"),
            std::string::npos)
      << note;
  Report sections = awkward();
  sections.paragraphs = {{1, ParagraphKind::kHeading, "Prosecution; Protection"},
                         {2, ParagraphKind::kText, "Text."}};
  label_paragraphs(sections.paragraphs);
  EXPECT_EQ(pandoc_citation(passage(sections, "1")),
            "[@api2019CoteDIvoire, Prosecution\\; Protection, para. 1]");
}

// A sentence longer than a quote (a recommendation of clauses, a flattened list) is cut to the
// words around its match.
TEST(Citations, AnOverlongSentenceIsCutAroundItsMatch) {
  Paragraph p{1, ParagraphKind::kText, "86.1 Consider"};
  for (int i = 0; i < 150; ++i) p.text += " clause" + std::to_string(i) + ";";
  p.text += " ratify cotton harvest conventions";
  for (int i = 0; i < 150; ++i) p.text += " tail" + std::to_string(i) + ",";
  p.text += " end.";
  p.label = "86.1";
  const std::size_t at = p.text.find("cotton");
  const std::string quote = quote_of(p, {Highlight{at, at + 6}});
  EXPECT_TRUE(quote.starts_with("… ")) << quote;
  EXPECT_TRUE(quote.ends_with(" …")) << quote;
  EXPECT_NE(quote.find("ratify cotton harvest"), std::string::npos) << quote;
  EXPECT_LE(std::count(quote.begin(), quote.end(), ' '), static_cast<long>(kMostQuotedWords + 2));
  // Without a match, its opening words.
  const std::string opening = quote_of(p, {});
  EXPECT_TRUE(opening.starts_with("Consider clause0;")) << opening;
  EXPECT_TRUE(opening.ends_with(" …")) << opening;
}

// A quote is the sentences that hold the query's words, "…" where text is left out; or the
// text a reader selected; or, with neither, a short paragraph whole or a long one's opening.
TEST(Citations, QuotesHoldTheMatchedSentences) {
  Paragraph p{7, ParagraphKind::kText,
              "12. The U.S. Embassy met officials. Cotton was harvested by children. Officials "
              "denied it. Forced labour in the cotton harvest continued in 2010. Nothing else."};
  p.label = "12";
  auto mark = [&](std::string_view word) {
    const std::size_t at = p.text.find(word);
    return Highlight{at, at + word.size()};
  };
  EXPECT_EQ(quote_of(p, {mark("Cotton"), mark("Forced")}),
            "… Cotton was harvested by children. … Forced labour in the cotton harvest continued "
            "in 2010. …");
  // "U.S." ends no sentence; a match in the first sentence needs no leading ellipsis.
  EXPECT_EQ(quote_of(p, {mark("Embassy")}), "The U.S. Embassy met officials. …");
  // No marks: a short paragraph is quoted whole, without its printed number.
  EXPECT_EQ(quote_of(p, {}),
            "The U.S. Embassy met officials. Cotton was harvested by children. Officials denied "
            "it. Forced labour in the cotton harvest continued in 2010. Nothing else.");
  EXPECT_EQ(quote_of(p, {}, "Officials  denied\nit."), "… Officials denied it. …");
  try {
    quote_of(p, {}, "not in the text");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.parameter(), "quote");
  }
  // A long paragraph without marks: its opening sentences, then "…".
  Paragraph long_one{1, ParagraphKind::kText, ""};
  for (int i = 0; i < 40; ++i) long_one.text += "This sentence has exactly seven words here. ";
  long_one.label = "1";
  const std::string opening = quote_of(long_one, {});
  EXPECT_TRUE(opening.ends_with(" …")) << opening;
  EXPECT_LT(opening.size(), long_one.text.size() / 2);
  // With a query and no paragraph, the paragraph that holds most of its words is cited.
  const CitedPassage found =
      cited_passage(sample(), "000_f233a536db1b0761", std::nullopt, "hotlines corruption");
  ASSERT_TRUE(found.paragraph.has_value());
  EXPECT_NE(found.quote.find("hotlines"), std::string::npos) << found.quote;
  EXPECT_LT(found.quote.size(), 600u) << found.quote;
}

bool have(const char* program) {
  return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

// White space collapsed, for text a renderer wraps.
std::string flat(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') c = ' ';
    if (!(c == ' ' && !out.empty() && out.back() == ' ')) out.push_back(c);
  }
  return out;
}

// pandoc --citeproc renders notes of four passages (two of one report) with Chicago (notes and
// bibliography), APA and Bluebook, whether the references are in the note, in CSL-JSON or in
// BibTeX: no warning, and each pinpoint in what it renders.
TEST(Citations, PandocRendersNotesInThreeStyles) {
  if (!have("pandoc")) GTEST_SKIP() << "pandoc is not installed (apt-get install pandoc)";
  const fs::path styles = "/usr/share/citation-style-language/styles";
  if (!fs::exists(styles / "apa.csl")) {
    GTEST_SKIP() << "CSL styles are not installed (apt-get install citation-style-language-styles)";
  }
  const fs::path dir = test::scratch_dir("pandoc");
  const std::vector<CitedPassage> passages = {
      cited_passage(sample(), "000_f233a536db1b0761", "3", "criminalizes"),
      cited_passage(sample(), "un-hrc-upr_2010_albania", "3"),
      cited_passage(sample(), "un-hrc-upr_2014_bolivia", "113.2"),
      cited_passage(sample(), "000_f233a536db1b0761", "4"),
      passage(awkward(), "1", "First paragraph & more.")};
  CitationOptions options = fixed();
  test::write_file(dir / "embedded.md", cite(passages, CitationFormat::kMarkdown, options));
  for (const auto& [file, format] : {std::pair{"refs.json", CitationFormat::kCslJson},
                                     std::pair{"refs.bib", CitationFormat::kBibtex}}) {
    options.bibliography = file;
    test::write_file(dir / (std::string(file) + ".md"),
                     cite(passages, CitationFormat::kMarkdown, options));
    test::write_file(dir / file, cite(passages, format, options));
  }
  for (const char* note : {"embedded.md", "refs.json.md", "refs.bib.md"}) {
    for (const char* style : {"chicago-note-bibliography", "apa", "bluebook-inline"}) {
      SCOPED_TRACE(std::string(note) + " in " + style);
      const std::string command = "cd '" + dir.string() + "' && pandoc " + note +
                                  " --citeproc -t plain --csl " +
                                  (styles / (std::string(style) + ".csl")).string();
      const std::string warnings = run(command + " 2>&1 >/dev/null");
      EXPECT_EQ(warnings, "");
      const std::string out = flat(run(command + " 2>/dev/null"));
      // Styles change case and quotation marks: compare in lower case, from the "&" on.
      std::string lower = out;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      EXPECT_NE(lower.find("trafficking in persons report - kazakhstan"), std::string::npos) << out;
      EXPECT_NE(out.find("113.2"), std::string::npos) << out;
      EXPECT_NE(lower.find("& {wrongs} at 100% - $5 #1 under_score ^~ [@x] *y*"), std::string::npos)
          << out;
      EXPECT_NE(out.find("criminalizes trafficking"), std::string::npos) << out;  // the quote
      const std::string name(style);
      if (name != "bluebook-inline") {  // Bluebook prints a pinpoint bare
        EXPECT_NE(out.find("para. 3"), std::string::npos) << out;
        EXPECT_NE(out.find("Kazakhstan (Tier 2 Watch List), para. 4"), std::string::npos) << out;
      }
      if (name == "chicago-note-bibliography") {
        EXPECT_NE(out.find("[1]"), std::string::npos) << out;  // footnotes
      }
      if (name == "apa") {
        EXPECT_NE(out.find("No. A/HRC/41/9_Add.1"), std::string::npos) << out;  // the symbol
      }
    }
  }
}

// bibutils' ris2xml and bib2xml read the RIS and the BibTeX and give back the title and year.
TEST(Citations, BibutilsReadsTheRisAndTheBibtex) {
  if (!have("ris2xml") || !have("bib2xml")) {
    GTEST_SKIP() << "bibutils is not installed (apt-get install bibutils)";
  }
  const fs::path dir = test::scratch_dir("bibutils");
  const std::vector<CitedPassage> passages = {cited_passage(sample(), "000_f233a536db1b0761", "3"),
                                              passage(awkward())};
  test::write_file(dir / "refs.ris", cite(passages, CitationFormat::kRis, fixed()));
  test::write_file(dir / "refs.bib", cite(passages, CitationFormat::kBibtex, fixed()));
  const std::string xml = run("ris2xml '" + (dir / "refs.ris").string() + "' 2>/dev/null");
  EXPECT_NE(xml.find("<title>U.S. Department of State 2004 Trafficking in Persons Report - "
                     "Kazakhstan</title>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<dateIssued>2004-06-14</dateIssued>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("Rights&quot; &amp; {Wrongs} at 100%"), std::string::npos) << xml;
  EXPECT_NE(xml.find("A/HRC/41/9_Add.1"), std::string::npos) << xml;
  const std::string from_bib = run("bib2xml '" + (dir / "refs.bib").string() + "' 2>/dev/null");
  EXPECT_NE(from_bib.find("Kazakhstan"), std::string::npos) << from_bib;
  EXPECT_NE(from_bib.find("2019"), std::string::npos) << from_bib;
  EXPECT_NE(from_bib.find("A/HRC/41/9_Add.1"), std::string::npos) << from_bib;
}

}  // namespace
}  // namespace dossier
