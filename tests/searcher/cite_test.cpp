// Citations: golden outputs for the seed in every format, special characters in every format,
// and real consumers (pandoc's citeproc, bibutils' ris2xml) reading what dossier writes.
#include "searcher/cite.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corpus/error.h"
#include "corpus/paragraphs.h"
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

CitationOptions fixed(std::optional<std::string> paragraph = std::nullopt) {
  CitationOptions options;
  options.paragraph = paragraph;
  options.accessed = Date{2026, 11, 30};
  options.base_url = "https://dossier.example.org";
  return options;
}

const Report& seed() {
  static const Report kSeed =
      Searcher(test::sample_index(), test::gazetteers()).report("000_f233a536db1b0761");
  return kSeed;
}

// A report with every character the formats must escape.
Report awkward() {
  Report r;
  r.id = "awkward";
  r.title = "Côte d’Ivoire: \"Rights\" & {Wrongs} at 100% - $5 #1 under_score ^~";
  r.publisher = "Amnesty & Partners {Intl}";
  r.author = "Comité des droits";
  r.published = Date{2019, 3, 0};
  r.year = 2019;
  r.series = "other";
  r.country_code = "CI";
  r.country_name = "Côte d'Ivoire";
  r.paragraphs = {{1, ParagraphKind::kText, "First paragraph & more."}};
  label_paragraphs(r.paragraphs);
  return r;
}

struct Golden {
  CitationFormat format;
  const char* extension;
};
constexpr Golden kGoldens[] = {{CitationFormat::kCite, "txt"},
                               {CitationFormat::kBibtex, "bib"},
                               {CitationFormat::kRis, "ris"},
                               {CitationFormat::kCslJson, "json"},
                               {CitationFormat::kMarkdown, "md"}};

TEST(Citations, SeedGoldenInEveryFormat) {
  const fs::path dir = test::source_dir() / "tests" / "data" / "citations";
  for (const Golden& golden : kGoldens) {
    SCOPED_TRACE(std::string(to_string(golden.format)));
    EXPECT_EQ(cite(seed(), golden.format, fixed()),
              slurp(dir / (std::string("seed.") + golden.extension)));
    EXPECT_EQ(cite(seed(), golden.format, fixed("3")),
              slurp(dir / (std::string("seed-para3.") + golden.extension)));
  }
}

TEST(Citations, TheSourcesCiteAsLineIsKeptAndCompleted) {
  // The seed prints no paragraph numbers: its third text paragraph (the fourth block, after
  // the heading) is named by its section, as APA allows.
  const std::string line = cite(seed(), CitationFormat::kCite, fixed("3"));
  EXPECT_TRUE(line.starts_with(
      "United States Department of State, U.S. Department of State 2004 Trafficking in Persons "
      "Report - Kazakhstan, 14 June 2004, Kazakhstan (Tier 2 Watch List), para. 3, available "
      "at: https://dossier.example.org/reports/000_f233a536db1b0761#p4 [accessed 30 November "
      "2026]"))
      << line;
  EXPECT_EQ(citation_key(seed()), "usdos2004tipKazakhstan");
  // The source's stale "[accessed 28 May 2016]" and its no-break spaces stay out of every format.
  for (const Golden& golden : kGoldens) {
    const std::string text = cite(seed(), golden.format, fixed("3"));
    EXPECT_EQ(text.find("28 May 2016"), std::string::npos) << text;
    EXPECT_EQ(text.find("\xC2\xA0"), std::string::npos) << text;
  }
}

TEST(Citations, SpecialCharactersSurviveEveryFormat) {
  const Report r = awkward();
  const std::string bib = cite(r, CitationFormat::kBibtex, fixed("1"));
  EXPECT_NE(bib.find("title = {{Côte d’Ivoire: \"Rights\" \\& \\{Wrongs\\} at 100\\% - \\$5 \\#1 "
                     "under\\_score \\^{}\\~{}}}"),
            std::string::npos)
      << bib;
  EXPECT_NE(bib.find("institution = {Amnesty \\& Partners \\{Intl\\}}"), std::string::npos);
  const std::string ris = cite(r, CitationFormat::kRis, fixed("1"));
  EXPECT_NE(ris.find("TI  - " + r.title + "\r\n"), std::string::npos);
  EXPECT_TRUE(ris.ends_with("ER  - \r\n"));
  EXPECT_EQ(ris.find('\n', 0), ris.find("\r\n", 0) + 1);  // CRLF line ends
  const auto csl = nlohmann::json::parse(cite(r, CitationFormat::kCslJson, fixed("1")));
  EXPECT_EQ(csl[0]["title"], r.title);
  EXPECT_EQ(csl[0]["type"], "report");
  EXPECT_EQ(csl[0]["locator"], "1");
  EXPECT_EQ(csl[0]["label"], "paragraph");
  EXPECT_EQ(csl[0]["issued"]["date-parts"][0], nlohmann::json::array({2019, 3}));
  EXPECT_NE(cite(r, CitationFormat::kCite, fixed()).find(r.title), std::string::npos);
  EXPECT_NE(cite(r, CitationFormat::kMarkdown, fixed("1")).find("> First paragraph & more."),
            std::string::npos);
  EXPECT_EQ(citation_key(r), "api2019CoteDIvoire");
}

// A key's year is the entry's: a review of 2009 published in 2010 is a 2010 entry, in its key
// too; without a publication date, the year covered.
TEST(Citations, AKeysYearIsTheEntrysYear) {
  Report r = awkward();
  r.year = 2009;
  r.published = Date{2010, 1, 4};
  EXPECT_EQ(citation_key(r), "api2010CoteDIvoire");
  const std::string bib = cite(r, CitationFormat::kBibtex, fixed());
  EXPECT_NE(bib.find("@techreport{api2010CoteDIvoire,"), std::string::npos) << bib;
  EXPECT_NE(bib.find("year = {2010}"), std::string::npos) << bib;
  r.published.reset();
  EXPECT_EQ(citation_key(r), "api2009CoteDIvoire");
  EXPECT_NE(cite(r, CitationFormat::kBibtex, fixed()).find("year = {2009}"), std::string::npos);
}

TEST(Citations, AParagraphTheReportLacksIsAnError) {
  try {
    cite(seed(), CitationFormat::kCite, fixed("99"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(
        std::string(e.what()).find("has no paragraph \"99\" (its paragraphs run from 1 to 5)"),
        std::string::npos)
        << e.what();
  }
}

// A citation links the original a report names; the report page only when asked, and only on
// an address that was given: never on the machine that made it.
TEST(Citations, LinksGoToTheOriginalAndToTheReportPageOnlyWhenAsked) {
  Report r = awkward();
  r.source_url = "https://www.state.gov/reports/x/";
  CitationOptions options = fixed("1");
  EXPECT_EQ(citation_urls(r, options), std::vector<std::string>{r.source_url});
  const auto csl = nlohmann::json::parse(cite(r, CitationFormat::kCslJson, options));
  EXPECT_EQ(csl[0]["URL"], r.source_url);  // where styles print it
  EXPECT_FALSE(csl[0].contains("source"));
  options.link = LinkTarget::kBoth;
  const std::string local = "https://dossier.example.org/reports/awkward#p1";
  EXPECT_EQ(citation_urls(r, options), (std::vector<std::string>{r.source_url, local}));
  const std::string bib = cite(r, CitationFormat::kBibtex, options);
  EXPECT_NE(bib.find("url = {" + r.source_url + "}"), std::string::npos) << bib;
  EXPECT_NE(bib.find("note = {para. 1; also \\url{" + local + "}}"), std::string::npos) << bib;
  EXPECT_NE(cite(r, CitationFormat::kCite, options)
                .find("available at: " + r.source_url + " (also " + local + ")"),
            std::string::npos);
  options.link = LinkTarget::kLocal;
  EXPECT_EQ(citation_urls(r, options), std::vector<std::string>{local});
  // No original and no base URL: no address at all, not a loopback one.
  options = fixed("1");
  options.base_url.clear();
  r.source_url.clear();
  EXPECT_TRUE(citation_urls(r, options).empty());
  const std::string line = cite(r, CitationFormat::kCite, options);
  EXPECT_EQ(line.find("available at"), std::string::npos) << line;
  EXPECT_EQ(line.find("127.0.0.1"), std::string::npos) << line;
  options.link = LinkTarget::kLocal;
  EXPECT_THROW(cite(r, CitationFormat::kCite, options), Error);
}

// A UN report prints its paragraph numbers: "para. 3" is what it printed as 3, not the third
// block of its text (its first block is the heading "Introduction").
TEST(Citations, APrintedParagraphNumberIsThePinpoint) {
  Searcher searcher(test::sample_index(), test::gazetteers());
  const Report upr = searcher.report("un-hrc-upr_2010_albania");
  const std::string note = cite(upr, CitationFormat::kMarkdown, fixed("3"));
  EXPECT_TRUE(note.starts_with("> 3. In accordance with paragraph 15 of the annex")) << note;
  EXPECT_NE(note.find(", 4 January 2010, para. 3. <"), std::string::npos) << note;
  EXPECT_THROW(cite(upr, CitationFormat::kCite, fixed("Introduction")), Error);
  // Recommendations are cited by their own numbers.
  const Report bolivia = searcher.report("un-hrc-upr_2014_bolivia");
  EXPECT_TRUE(cite(bolivia, CitationFormat::kMarkdown, fixed("113.2"))
                  .starts_with("> 113.2 Consider ratifying the United Nations Educational"));
  const auto csl = nlohmann::json::parse(cite(bolivia, CitationFormat::kCslJson, fixed("113.2")));
  EXPECT_EQ(csl[0]["locator"], "113.2");
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

// pandoc --citeproc renders a note citing the exported BibTeX and CSL-JSON.
TEST(Citations, PandocRendersTheBibliography) {
  if (!have("pandoc")) GTEST_SKIP() << "pandoc is not installed (apt-get install pandoc)";
  const fs::path dir = test::scratch_dir("pandoc");
  std::ofstream(dir / "note.md")
      << "---\nnocite: '@*'\n---\nAs reported [@usdos2004tipKazakhstan].\n";
  const Report r = awkward();
  std::ofstream(dir / "refs.bib") << cite(seed(), CitationFormat::kBibtex, fixed("3"))
                                  << cite(r, CitationFormat::kBibtex, fixed());
  std::ofstream(dir / "refs.json") << cite(seed(), CitationFormat::kCslJson, fixed("3"));
  for (const char* bibliography : {"refs.bib", "refs.json"}) {
    SCOPED_TRACE(bibliography);
    const std::string out = run("cd '" + dir.string() +
                                "' && pandoc note.md --citeproc -t plain "
                                "--bibliography " +
                                bibliography + " 2>&1");
    // Wrapped lines: compare with white space collapsed.
    std::string flat;
    for (char c : out) {
      if (c == '\n') c = ' ';
      if (!(c == ' ' && !flat.empty() && flat.back() == ' ')) flat.push_back(c);
    }
    EXPECT_NE(flat.find("Trafficking in Persons Report - Kazakhstan"), std::string::npos) << out;
    EXPECT_NE(flat.find("United States Department of State"), std::string::npos) << out;
    EXPECT_NE(flat.find("2004"), std::string::npos) << out;
    if (std::string(bibliography) == "refs.bib") {
      EXPECT_NE(flat.find("Côte d’Ivoire: \"Rights\" & {Wrongs} at 100% - $5 #1 under_score"),
                std::string::npos)
          << out;
      EXPECT_NE(flat.find("Amnesty & Partners {Intl}"), std::string::npos) << out;
    }
  }
}

// bibutils' ris2xml reads the RIS export and gives back the title and the year.
TEST(Citations, Ris2xmlReadsTheRis) {
  if (!have("ris2xml")) GTEST_SKIP() << "bibutils is not installed (apt-get install bibutils)";
  const fs::path dir = test::scratch_dir("ris2xml");
  const Report r = awkward();
  std::ofstream(dir / "refs.ris", std::ios::binary)
      << cite(seed(), CitationFormat::kRis, fixed("3")) << cite(r, CitationFormat::kRis, fixed());
  const std::string xml = run("ris2xml '" + (dir / "refs.ris").string() + "' 2>/dev/null");
  EXPECT_NE(xml.find("<title>U.S. Department of State 2004 Trafficking in Persons Report - "
                     "Kazakhstan</title>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<dateIssued>2004-06-14</dateIssued>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("Rights&quot; &amp; {Wrongs} at 100%"), std::string::npos) << xml;
  EXPECT_NE(xml.find("2019"), std::string::npos) << xml;
}

}  // namespace
}  // namespace dossier
