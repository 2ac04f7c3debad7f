#include "indexer/metadata.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "indexer/extract.h"
#include "test_paths.h"

namespace dossier {
namespace {

const Gazetteers& gazetteers() {
  static const Gazetteers kGazetteers = Gazetteers::load();
  return kGazetteers;
}

Report report_from(std::string_view text) {
  Report r = TextReportExtractor().extract(text).report;
  infer_metadata(r, gazetteers());
  return r;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The golden test: every field of the seed, parsed and inferred.
TEST(SeedMetadata, EveryFieldExactly) {
  const Report r = report_from(slurp(test::seed_file()));
  EXPECT_EQ(r.title, "U.S. Department of State 2004 Trafficking in Persons Report - Kazakhstan");
  EXPECT_EQ(r.publisher, "United States Department of State");
  EXPECT_EQ(r.author, "Office to Monitor and Combat Trafficking in Persons");
  ASSERT_TRUE(r.published);
  EXPECT_EQ(r.published->iso(), "2004-06-14");
  EXPECT_EQ(r.year, 2004);
  EXPECT_EQ(r.country_code, "KZ");
  EXPECT_EQ(r.country_name, "Kazakhstan");
  EXPECT_EQ(r.series, "tip");
  EXPECT_EQ(r.tier, "Tier 2 Watch List");
  EXPECT_EQ(r.cite_as,
            "United States Department of State, U.S. Department of State 2004 Trafficking in "
            "Persons Report - Kazakhstan, 14 June 2004,\u00A0available at:\u00A0[accessed 28 May "
            "2016]");  // the no-break spaces are the source's own
  EXPECT_EQ(r.paragraphs.size(), 6u);
  EXPECT_EQ(r.topics, (std::vector<std::string>{"human-trafficking", "forced-labour",
                                                "sexual-exploitation", "corruption"}));
  // The hash in every index built since the content hash was introduced (corpus/hash.h).
  EXPECT_EQ(r.content_hash, "83d44a86e6dddbf6");
}

TEST(ReportYear, IsTheYearCoveredNotThePublicationYear) {
  const Report r = report_from(
      "Kazakhstan 2024 Human Rights Report\n\nPublisher United States Department of State\n"
      "Publication Date 2025\n\nExecutive Summary\n\nText.\n");
  EXPECT_EQ(r.year, 2024);
  EXPECT_EQ(r.published->iso(), "2025");
  EXPECT_EQ(r.country_code, "KZ");
  EXPECT_EQ(r.series, "hrr");
}

TEST(ReportYear, FallsBackToThePublicationYear) {
  const Report r = report_from(
      "Report of the Working Group on the Universal Periodic Review: Saudi Arabia\n\n"
      "Publisher UN Human Rights Council\nPublication Date 26 December 2013\n\nIntroduction\n\n"
      "1. The Working Group held its session.\n");
  EXPECT_EQ(r.year, 2013);
  EXPECT_EQ(r.country_code, "SA");
  EXPECT_EQ(r.series, "upr");
}

TEST(SubjectCountry, FromEachTitleForm) {
  auto country_of = [](std::string title) {
    return report_from(title + "\n\nSome body text about the country.\n").country_code;
  };
  EXPECT_EQ(country_of("The World Factbook 2006 - Algeria: Transnational Issues"), "DZ");
  EXPECT_EQ(country_of("2021 Report on International Religious Freedom: Cote d'Ivoire"), "CI");
  EXPECT_EQ(country_of("Kyrgyz Republic 2024 Human Rights Report"), "KG");
  EXPECT_EQ(country_of("2022 Report on International Religious Freedom: Burma"), "MM");
  EXPECT_EQ(
      country_of("Report of the Working Group on the Universal Periodic Review: Papua New Guinea"),
      "PG");
  EXPECT_EQ(country_of("Meeting notes"), "");
}

TEST(ReportId, StableAndUrlSafe) {
  EXPECT_EQ(report_id_for("us-dos-irf_2021_afghanistan.txt"), "us-dos-irf_2021_afghanistan");
  EXPECT_EQ(report_id_for("000_f233a536db1b0761.txt"), "000_f233a536db1b0761");
  EXPECT_EQ(report_id_for("My Report (final).v2.md"), "my-report-final-v2");
  EXPECT_EQ(report_id_for("...txt"), "report");
}

}  // namespace
}  // namespace dossier
