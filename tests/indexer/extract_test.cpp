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

// A UN document's symbol, when the header names it, is its report number in citations.
TEST(RefworldLayout, DocumentSymbol) {
  const Extraction e = extract(
      "Report of the Working Group on the Universal Periodic Review: Belize\n\n"
      "Publisher UN Human Rights Council\n"
      "Document Symbol A/HRC/25/15\n"
      "Publication Date 11 December 2013\n\n"
      "1. The Working Group on the Universal Periodic Review held its seventeenth session.\n");
  EXPECT_EQ(e.report.symbol, "A/HRC/25/15");
  EXPECT_EQ(e.report.publisher, "UN Human Rights Council");
  ASSERT_EQ(e.report.paragraphs.size(), 1u);
  EXPECT_EQ(extract("Title\n\nPublisher P\nSymbol E/CN.4/2005/7\n\nBody.\n").report.symbol,
            "E/CN.4/2005/7");
}

// Archives that copy a UN document's first page state its symbol as the body's opening line; a
// symbol the text cites further down is another document's.
TEST(RefworldLayout, DocumentSymbolStatedAtTheTopOfTheBody) {
  const Extraction e = extract(
      "Report of the Working Group on the Universal Periodic Review: Afghanistan\n\n"
      "Publisher UN Human Rights Council\n"
      "Publication Date 2009\n\n"
      "UN document symbol: A/HRC/12/9\n\n"
      "Introduction\n\n"
      "1. The Working Group on the Universal Periodic Review held its fifth session.\n");
  EXPECT_EQ(e.report.symbol, "A/HRC/12/9");
  // The line is the document's number, not its text (as a header's symbol line).
  ASSERT_EQ(e.report.paragraphs.size(), 2u);
  EXPECT_EQ(e.report.paragraphs[0].text, "Introduction");
  EXPECT_EQ(e.report.paragraphs[1].number, 2);
  EXPECT_EQ(extract("Title\n\nPublisher P\n\nIntroduction\n\nA first paragraph.\n\n"
                    "The second.\n\nThe third.\n\nSymbol: A/HRC/12/9\n")
                .report.symbol,
            "");
  EXPECT_EQ(
      extract("Title\n\nPublisher P\n\nSymbol: A/HRC/12/9 and others.\n\nBody.\n").report.symbol,
      "");
  EXPECT_EQ(
      extract("Title\n\nPublisher P\n\nDocument symbol: not-a-symbol\n\nBody.\n").report.symbol,
      "");
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
  // Bytes no encoding explains: reported, not indexed as garbage.
  std::string noise;
  for (int i = 0; i < 64; ++i) noise += "\x80\xff\xc3";
  EXPECT_NE(reason("Title\n\n" + noise).find("not UTF-8"), std::string::npos);
}

TEST(BadInput, AStrayInvalidByteIsRepairedWithAWarning) {
  std::string text = "Title line\n\n";
  text += std::string(300, 'a') + " \xFF trailing words.\n";
  const Extraction e = extract(text);
  ASSERT_EQ(e.warnings.size(), 1u);
  EXPECT_NE(e.warnings[0].find("invalid UTF-8 at byte offset 313"), std::string::npos);
  EXPECT_NE(e.report.paragraphs[0].text.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Encodings, LegacyAndUtf16TextIsConvertedWithAWarning) {
  // windows-1251 Russian, as many archives of the region still hold it.
  const std::string cp1251(
      "\xc4\xee\xea\xeb\xe0\xe4\x20\xee\x20\xef\xee\xeb\xee\xe6\xe5\xed\xe8\xe8\x20\xf1\x20\xef\xf0"
      "\xe0\xe2\xe0\xec\xe8\x20\xf7\xe5\xeb\xee\xe2\xe5\xea\xe0\x20\x2d\x20"
      "\xca\xe0\xe7\xe0\xf5\xf1\xf2\xe0\xed\x0a\x0a\xcf\xf0\xe0\xe2\xe8\xf2\xe5\xeb\xfc\xf1\xf2\xe2"
      "\xee\x20\xca\xe0\xe7\xe0\xf5\xf1\xf2\xe0\xed\xe0\x20\xf1\xee\xee\xe1"
      "\xf9\xe8\xeb\xee\x20\xee\x20\xf0\xe0\xf1\xf1\xeb\xe5\xe4\xee\xe2\xe0\xed\xe8\xff\xf5\x20\xf1"
      "\xeb\xf3\xf7\xe0\xe5\xe2\x20\xf2\xee\xf0\xe3\xee\xe2\xeb\xe8\x20\xeb"
      "\xfe\xe4\xfc\xec\xe8\x2e\x20\xcc\xe8\xed\xe8\xf1\xf2\xe5\xf0\xf1\xf2\xe2\xee\x20\xfe\xf1\xf2"
      "\xe8\xf6\xe8\xe8\x20\xe8\x20\xcc\xe8\xed\xe8\xf1\xf2\xe5\xf0\xf1\xf2"
      "\xe2\xee\x20\xe2\xed\xf3\xf2\xf0\xe5\xed\xed\xe8\xf5\x20\xe4\xe5\xeb\x20\xf1\xee\xe7\xe4\xe0"
      "\xeb\xe8\x20\xe3\xee\xf0\xff\xf7\xe8\xe5\x20\xeb\xe8\xed\xe8\xe8\x20"
      "\xe4\xeb\xff\x20\xe3\xf0\xe0\xe6\xe4\xe0\xed\x2e\x0a",
      213);
  const Extraction ru = extract(cp1251);
  EXPECT_EQ(ru.report.title, "Доклад о положении с правами человека - Казахстан");
  EXPECT_TRUE(ru.report.paragraphs[0].text.starts_with("Правительство Казахстана"));
  ASSERT_EQ(ru.warnings.size(), 1u);
  EXPECT_TRUE(ru.warnings[0].starts_with("converted from windows-1251")) << ru.warnings[0];

  // windows-1252 French with its typographic apostrophe (0x92) and guillemets.
  const std::string cp1252(
      "\x52\x61\x70\x70\x6f\x72\x74\x20\x73\x75\x72\x20\x6c\x61\x20\x74\x72\x61\x69\x74\x65\x20\x64"
      "\x65\x73\x20\x70\x65\x72\x73\x6f\x6e\x6e\x65\x73\x20\x2d\x20\x43\xf4"
      "\x74\x65\x20\x64\x92\x49\x76\x6f\x69\x72\x65\x0a\x0a\x4c\x65\x20\x67\x6f\x75\x76\x65\x72\x6e"
      "\x65\x6d\x65\x6e\x74\x20\x61\x20\x64\xe9\x63\x6c\x61\x72\xe9\x20\x71"
      "\x75\x65\x20\x6c\x65\x73\x20\xab\x20\x76\x69\x63\x74\x69\x6d\x65\x73\x20\xbb\x20\xe9\x74\x61"
      "\x69\x65\x6e\x74\x20\x70\x72\x6f\x74\xe9\x67\xe9\x65\x73\x3b\x20\x6c"
      "\x92\xc9\x74\x61\x74\x20\x61\x20\x63\x72\xe9\xe9\x20\x75\x6e\x20\x63\x6f\x6d\x69\x74\xe9\x20"
      "\x73\x70\xe9\x63\x69\x61\x6c\x2c\x20\x73\x65\x6c\x6f\x6e\x20\x6c\x65"
      "\x20\x6d\x69\x6e\x69\x73\x74\xe8\x72\x65\x2e\x0a",
      172);
  const Extraction fr = extract(cp1252);
  EXPECT_EQ(fr.report.title, "Rapport sur la traite des personnes - Côte d’Ivoire");
  ASSERT_EQ(fr.warnings.size(), 1u);
  EXPECT_NE(fr.warnings[0].find("windows-1252"), std::string::npos) << fr.warnings[0];

  // UTF-16LE with its byte order mark: NUL bytes, but text.
  const std::string utf16(
      "\xff\xfe\x52\x00\x61\x00\x70\x00\x70\x00\x6f\x00\x72\x00\x74\x00\x20\x00\x73\x00\x75\x00\x72"
      "\x00\x20\x00\x6c\x00\x61\x00\x20\x00\x74\x00\x72\x00\x61\x00\x69\x00"
      "\x74\x00\x65\x00\x20\x00\x64\x00\x65\x00\x73\x00\x20\x00\x70\x00\x65\x00\x72\x00\x73\x00\x6f"
      "\x00\x6e\x00\x6e\x00\x65\x00\x73\x00\x20\x00\x2d\x00\x20\x00\x43\x00"
      "\xf4\x00\x74\x00\x65\x00\x20\x00\x64\x00\x19\x20\x49\x00\x76\x00\x6f\x00\x69\x00\x72\x00\x65"
      "\x00\x0a\x00\x0a\x00\x4c\x00\x65\x00\x20\x00\x67\x00\x6f\x00\x75\x00"
      "\x76\x00\x65\x00\x72\x00\x6e\x00\x65\x00\x6d\x00\x65\x00\x6e\x00\x74\x00\x20\x00\x61\x00\x20"
      "\x00\x64\x00\xe9\x00\x63\x00\x6c\x00\x61\x00\x72\x00\xe9\x00\x20\x00"
      "\x71\x00\x75\x00\x65\x00\x20\x00\x6c\x00\x65\x00\x73\x00\x20\x00\xab\x00\x20\x00\x76\x00\x69"
      "\x00\x63\x00\x74\x00\x69\x00\x6d\x00\x65\x00\x73\x00\x20\x00\xbb\x00"
      "\x20\x00\xe9\x00\x74\x00\x61\x00\x69\x00\x65\x00\x6e\x00\x74\x00\x20\x00\x70\x00\x72\x00\x6f"
      "\x00\x74\x00\xe9\x00\x67\x00\xe9\x00\x65\x00\x73\x00\x3b\x00\x20\x00"
      "\x6c\x00\x19\x20\xc9\x00\x74\x00\x61\x00\x74\x00\x20\x00\x61\x00\x20\x00\x63\x00\x72\x00\xe9"
      "\x00\xe9\x00\x20\x00\x75\x00\x6e\x00\x20\x00\x63\x00\x6f\x00\x6d\x00"
      "\x69\x00\x74\x00\xe9\x00\x20\x00\x73\x00\x70\x00\xe9\x00\x63\x00\x69\x00\x61\x00\x6c\x00\x2c"
      "\x00\x20\x00\x73\x00\x65\x00\x6c\x00\x6f\x00\x6e\x00\x20\x00\x6c\x00"
      "\x65\x00\x20\x00\x6d\x00\x69\x00\x6e\x00\x69\x00\x73\x00\x74\x00\xe8\x00\x72\x00\x65\x00\x2e"
      "\x00\x0a\x00",
      346);
  const Extraction u16 = extract(utf16);
  EXPECT_EQ(u16.report.title, "Rapport sur la traite des personnes - Côte d’Ivoire");
  ASSERT_EQ(u16.warnings.size(), 1u);
  EXPECT_EQ(u16.warnings[0], "converted from UTF-16LE");
}

TEST(Extractors, ChosenByFileType) {
  EXPECT_NE(find_extractor("a/report.txt"), nullptr);
  EXPECT_NE(find_extractor("a/REPORT.MD"), nullptr);
  EXPECT_NE(find_extractor("a/README"), nullptr);
  EXPECT_EQ(find_extractor("a/MANIFEST.tsv"), nullptr);
  EXPECT_NE(find_extractor("a/report.pdf"), nullptr);
  EXPECT_NE(find_extractor("a/REPORT.PDF"), nullptr);
  EXPECT_EQ(find_extractor("a/report.docx"), nullptr);
}

}  // namespace
}  // namespace dossier
