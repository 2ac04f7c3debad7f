#include "indexer/extract.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "corpus/error.h"
#include "test_paths.h"

namespace dossier {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Extraction extract(std::string_view text) {
  return TextReportExtractor().extract(text);
}

TEST(RefworldLayout, SeedHeaderAndBody) {
  const Extraction e = extract(slurp(test::seed_file()));
  const Report& r = e.report;
  EXPECT_TRUE(e.warnings.empty());
  EXPECT_EQ(r.format, "refworld");
  EXPECT_EQ(r.title, "U.S. Department of State 2004 Trafficking in Persons Report - Kazakhstan");
  EXPECT_EQ(r.publisher, "United States Department of State");
  EXPECT_EQ(r.author, "Office to Monitor and Combat Trafficking in Persons");
  ASSERT_TRUE(r.published);
  EXPECT_EQ(r.published->iso(), "2004-06-14");
  EXPECT_EQ(r.last_updated, "Friday, 27 May 2016, 08:49 GMT");
  EXPECT_EQ(r.cite_as,
            "United States Department of State, U.S. Department of State 2004 Trafficking in "
            "Persons Report - Kazakhstan, 14 June 2004,\u00A0available at:\u00A0[accessed 28 May "
            "2016]");  // the no-break spaces are the source's own
  EXPECT_EQ(r.source_url, "");
  // The tier heading and five paragraphs; the disclaimer and "Search Refworld" are not body.
  ASSERT_EQ(r.paragraphs.size(), 6u);
  EXPECT_EQ(r.paragraphs[0].text, "Kazakhstan (Tier 2 Watch List)");
  EXPECT_EQ(r.paragraphs[0].kind, ParagraphKind::kHeading);
  EXPECT_TRUE(r.paragraphs[1].text.starts_with("Kazakhstan is a source, transit, and destination"));
  EXPECT_EQ(r.paragraphs[1].kind, ParagraphKind::kText);
  EXPECT_TRUE(r.paragraphs[5].text.ends_with("associated with trafficking in persons."));
  for (std::size_t i = 0; i < r.paragraphs.size(); ++i) {
    EXPECT_EQ(r.paragraphs[i].number, static_cast<int>(i) + 1);
    EXPECT_EQ(r.paragraphs[i].text.find("Disclaimer"), std::string::npos);
    EXPECT_EQ(r.paragraphs[i].text.find("Search Refworld"), std::string::npos);
  }
}

TEST(RefworldLayout, ArchiveLayoutWithUrl) {
  const Extraction e = extract(
      "2022 Report on International Religious Freedom: South Korea\n\n"
      "Publisher United States Department of State\n"
      "Author Office of International Religious Freedom\n"
      "Publication Date 15 May 2023\n"
      "Cite as United States Department of State, 2022 Report on International Religious "
      "Freedom: South Korea, 15 May 2023, available at: https://www.state.gov/reports/x/\n\n"
      "Authorities reported that the constitution provides for religious freedom.\n\n"
      "Second paragraph.\n");
  EXPECT_EQ(e.report.publisher, "United States Department of State");
  EXPECT_EQ(e.report.published->iso(), "2023-05-15");
  EXPECT_EQ(e.report.source_url, "https://www.state.gov/reports/x/");
  ASSERT_EQ(e.report.paragraphs.size(), 2u);
  // A body paragraph that starts like a header label is body, not metadata.
  EXPECT_TRUE(e.report.paragraphs[0].text.starts_with("Authorities reported"));
  EXPECT_EQ(e.report.author, "Office of International Religious Freedom");
}

TEST(PlainText, FirstLineIsTheTitleAndWrappedLinesJoin) {
  const Extraction e = extract(
      "Notes on detention in Tajikistan\n\nThe report describes\nconditions in two prisons.\n\n"
      "A second paragraph.\n");
  EXPECT_EQ(e.report.format, "plain");
  EXPECT_EQ(e.report.title, "Notes on detention in Tajikistan");
  ASSERT_EQ(e.report.paragraphs.size(), 2u);
  EXPECT_EQ(e.report.paragraphs[0].text, "The report describes conditions in two prisons.");
  EXPECT_FALSE(e.report.published);
}

TEST(Markdown, HashHeadingsAreSectionHeadings) {
  const Extraction e = extract(
      "# Country chapter: Uzbekistan\n\n## Forced labor\nCotton harvest paragraph text here.\n\n"
      "Another paragraph of prose.\n");
  EXPECT_EQ(e.report.format, "markdown");
  EXPECT_EQ(e.report.title, "Country chapter: Uzbekistan");
  ASSERT_EQ(e.report.paragraphs.size(), 3u);
  EXPECT_EQ(e.report.paragraphs[0].kind, ParagraphKind::kHeading);
  EXPECT_EQ(e.report.paragraphs[0].text, "Forced labor");
  EXPECT_EQ(e.report.paragraphs[1].text, "Cotton harvest paragraph text here.");
}

TEST(BadInput, IsReportedWithAReason) {
  auto reason = [](std::string_view bytes) {
    try {
      extract(bytes);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(reason(""), "empty file");
  EXPECT_NE(reason(std::string("title\n\nbody\0more", 17)).find("NUL byte at offset 11"),
            std::string::npos);
  EXPECT_NE(reason("Only a title\n").find("no body text"), std::string::npos);
  EXPECT_NE(reason("\n\n   \n").find("no text"), std::string::npos);
  // Mostly invalid bytes: not UTF-8 at all (windows-1251 Cyrillic).
  EXPECT_NE(reason("\xCF\xF0\xE8\xE2\xE5\xF2\n\n\xEC\xE8\xF0").find("not UTF-8"),
            std::string::npos);
}

TEST(BadInput, AStrayInvalidByteIsRepairedWithAWarning) {
  std::string text = "Title line\n\n";
  text += std::string(300, 'a') + " \xFF trailing words.\n";
  const Extraction e = extract(text);
  ASSERT_EQ(e.warnings.size(), 1u);
  EXPECT_NE(e.warnings[0].find("invalid UTF-8 at byte offset 313"), std::string::npos);
  EXPECT_NE(e.report.paragraphs[0].text.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Extractors, ChosenByFileType) {
  EXPECT_NE(find_extractor("a/report.txt"), nullptr);
  EXPECT_NE(find_extractor("a/REPORT.MD"), nullptr);
  EXPECT_NE(find_extractor("a/README"), nullptr);
  EXPECT_EQ(find_extractor("a/MANIFEST.tsv"), nullptr);
  EXPECT_EQ(find_extractor("a/report.pdf"), nullptr);
}

}  // namespace
}  // namespace dossier
