// Metadata inference over the whole real archive (../shared/corpus), checked against its
// MANIFEST.tsv. Skipped, with a message, when the archive is absent.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "indexer/extract.h"
#include "indexer/metadata.h"
#include "sample_index.h"
#include "test_paths.h"

namespace dossier {
namespace {

std::vector<std::vector<std::string>> read_tsv(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, '\t')) cells.push_back(cell);
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(SharedArchive, EveryReportParsesAndAgreesWithTheManifest) {
  const auto archive = test::shared_corpus_dir();
  if (!archive) GTEST_SKIP() << "the shared archive (../shared/corpus) is absent";
  const auto rows = read_tsv(*archive / "MANIFEST.tsv");
  ASSERT_GT(rows.size(), 1000u);
  const CountryTable& countries = test::gazetteers().countries;
  std::map<std::string, int> per_series;
  std::size_t checked = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    ASSERT_GE(row.size(), 5u) << "MANIFEST line " << i + 1;
    const std::string& file = row[0];
    SCOPED_TRACE(file);
    Report report = TextReportExtractor().extract(slurp(*archive / "docs" / file)).report;
    infer_metadata(report, test::gazetteers());
    EXPECT_EQ(report.title, row[1]);
    EXPECT_EQ(report.publisher, row[4]);
    ASSERT_TRUE(report.published);
    const std::string prefix = file.substr(0, file.find('_'));
    if (prefix == "un-hrc-upr") {
      // The year the review took place, as the report's first paragraph states it; the report
      // may appear later, and the manifest labels some by one year and some by the other.
      EXPECT_LE(report.year, report.published->year);
      EXPECT_TRUE(std::to_string(report.year) == row[3] ||
                  std::to_string(report.published->year) == row[3]);
    } else {
      EXPECT_EQ(std::to_string(report.year), row[3]);
    }
    if (row[2] == "World") {
      EXPECT_EQ(report.country_code, "");
    } else {
      const auto expected = countries.resolve(row[2]);
      ASSERT_TRUE(expected) << "manifest country " << row[2];
      EXPECT_EQ(report.country_code, expected->code) << row[2];
    }
    EXPECT_FALSE(report.paragraphs.empty());
    const std::map<std::string, std::string> series_of = {
        {"us-dos-irf", "irf"}, {"cia-wfb", "wfb"}, {"un-hrc-upr", "upr"}, {"hrr", "hrr"}};
    EXPECT_EQ(report.series, series_of.at(prefix));
    if (prefix == "cia-wfb" && report.paragraphs.size() > 3) {
      // The Factbook entries are about watch-list countries and state their tier.
      per_series["wfb-with-tier"] += report.tier.empty() ? 0 : 1;
    }
    per_series[report.series]++;
    ++checked;
  }
  EXPECT_EQ(checked, rows.size() - 1);
  EXPECT_EQ(per_series["irf"], 569);
  EXPECT_EQ(per_series["wfb"], 927);
  EXPECT_EQ(per_series["upr"], 304);
  EXPECT_EQ(per_series["hrr"], 19);
  EXPECT_GT(per_series["wfb-with-tier"], 800);
}

}  // namespace
}  // namespace dossier
