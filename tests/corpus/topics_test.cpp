#include "corpus/topics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/error.h"
#include "corpus/normalize.h"
#include "test_paths.h"

namespace dossier {
namespace {

using Slugs = std::vector<std::string>;

struct ReportText {
  std::string title;
  std::vector<std::string> paragraphs;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// Groups lines [first, end) into paragraphs separated by blank lines.
std::vector<std::string> paragraphs_from(const std::vector<std::string>& lines, std::size_t first) {
  std::vector<std::string> paragraphs;
  std::string current;
  for (std::size_t i = first; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \t") == std::string::npos) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (!current.empty()) current += '\n';
    current += lines[i];
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return paragraphs;
}

// The archive layout (shared/corpus/README.md): title, blank, header lines, blank, paragraphs.
ReportText read_archive_report(const std::filesystem::path& path) {
  const std::vector<std::string> lines = lines_of(read_file(path));
  ReportText report;
  if (lines.empty()) return report;
  report.title = lines[0];
  std::size_t i = 1;
  while (i < lines.size() && lines[i].empty()) ++i;   // blank after the title
  while (i < lines.size() && !lines[i].empty()) ++i;  // Publisher, Author, Date, Cite as
  report.paragraphs = paragraphs_from(lines, i);
  return report;
}

// The seed's Refworld layout: "Last Updated", title, headers, then the body after the
// "Disclaimer..." line.
ReportText read_seed() {
  const std::vector<std::string> lines = lines_of(read_file(test::seed_file()));
  ReportText report;
  report.title = lines.at(2);
  std::size_t body = 0;
  while (body < lines.size() && !lines[body].starts_with("Disclaimer")) ++body;
  report.paragraphs = paragraphs_from(lines, body + 1);
  return report;
}

const TopicTable& builtin() {
  static const TopicTable table = TopicTable::load_builtin();
  return table;
}

Slugs classify_archive_report(const std::string& file) {
  const auto dir = test::shared_corpus_dir();
  const ReportText report = read_archive_report(*dir / "docs" / file);
  return builtin().classify(report.title, report.paragraphs);
}

bool has(const Slugs& slugs, const std::string& slug) {
  return std::find(slugs.begin(), slugs.end(), slug) != slugs.end();
}

#define SKIP_WITHOUT_SHARED_CORPUS()                                                          \
  if (!test::shared_corpus_dir()) {                                                           \
    GTEST_SKIP() << "the shared report archive (../shared/corpus or $DOSSIER_SHARED_CORPUS) " \
                    "is absent";                                                              \
  }

TEST(TopicTable, BuiltinTaxonomyIsSmallAndKebabCase) {
  const auto& topics = builtin().topics();
  EXPECT_GE(topics.size(), 15u);
  EXPECT_LE(topics.size(), 22u);
  for (const Topic& topic : topics) {
    EXPECT_FALSE(topic.label.empty()) << topic.slug;
    EXPECT_EQ(topic.slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-"),
              std::string::npos)
        << topic.slug;
  }
  EXPECT_EQ(topics.front().slug, "human-trafficking");
}

TEST(TopicTable, SeedTraffickingReportGetsExactlyItsTopics) {
  const ReportText seed = read_seed();
  ASSERT_EQ(seed.title, "U.S. Department of State 2004 Trafficking in Persons Report - Kazakhstan");
  ASSERT_FALSE(seed.paragraphs.empty());
  // Trafficking for sexual exploitation and forced labour, official corruption; the rest of
  // the chapter (prison sentences, illegal immigration, repatriation) is incidental.
  EXPECT_EQ(builtin().classify(seed.title, seed.paragraphs),
            (Slugs{"human-trafficking", "forced-labour", "sexual-exploitation", "corruption"}));
}

TEST(TopicTable, ReligiousFreedomReportGetsFreedomOfReligion) {
  SKIP_WITHOUT_SHARED_CORPUS();
  const Slugs kiribati = classify_archive_report("us-dos-irf_2022_kiribati.txt");
  EXPECT_EQ(kiribati, (Slugs{"freedom-of-religion"}));
}

TEST(TopicTable, FactbookEntryGetsItsSections) {
  SKIP_WITHOUT_SHARED_CORPUS();
  // Trafficking for forced labour and sexual exploitation, Sahrawi refugees, IDPs and the
  // Western Sahara dispute; the 2006 Algeria entry has no "Illicit drugs" section.
  EXPECT_EQ(
      classify_archive_report("cia-wfb_2006_algeria.txt"),
      (Slugs{"human-trafficking", "forced-labour", "sexual-exploitation", "refugees-and-asylum",
             "internally-displaced-persons", "international-disputes"}));
  const Slugs burma = classify_archive_report("cia-wfb_2013_burma-myanmar.txt");
  EXPECT_TRUE(has(burma, "illicit-drugs"));
  EXPECT_TRUE(has(burma, "human-trafficking"));
  EXPECT_FALSE(has(burma, "freedom-of-religion"));
  // "Illicit drugs: NA" and "Disputes - international: none" assign nothing.
  const Slugs timor_leste = classify_archive_report("cia-wfb_2015_timor-leste.txt");
  EXPECT_FALSE(has(timor_leste, "illicit-drugs"));
}

TEST(TopicTable, UniversalPeriodicReviewGetsItsMainThemes) {
  SKIP_WITHOUT_SHARED_CORPUS();
  // The 2008 review of Algeria dwelt on torture and disappearances, women's rights (the Family
  // Code), the press and the judiciary; a 6,000-word report needs ~9 mentions of a topic.
  const Slugs algeria = classify_archive_report("un-hrc-upr_2008_algeria.txt");
  for (const char* slug :
       {"freedom-of-expression", "rule-of-law", "detention-and-torture", "womens-rights"}) {
    EXPECT_TRUE(has(algeria, slug)) << slug;
  }
  for (const char* slug : {"illicit-drugs", "lgbti-rights", "forced-labour", "elections"}) {
    EXPECT_FALSE(has(algeria, slug)) << slug;
  }
}

TEST(TopicTable, HumanRightsReportGetsItsMainThemes) {
  SKIP_WITHOUT_SHARED_CORPUS();
  // The 12,000-word 2023 Burma chapter: the coup's detentions, displacement and the armed
  // conflict dominate; drugs are mentioned in passing only.
  const Slugs burma = classify_archive_report("hrr_2023_burma.txt");
  for (const char* slug :
       {"detention-and-torture", "internally-displaced-persons", "international-disputes",
        "freedom-of-expression", "refugees-and-asylum"}) {
    EXPECT_TRUE(has(burma, slug)) << slug;
  }
  EXPECT_FALSE(has(burma, "illicit-drugs"));
  EXPECT_FALSE(has(burma, "death-penalty"));
}

TEST(TopicTable, TitleMentionAloneAssignsTheTopic) {
  EXPECT_EQ(builtin().classify("Report on the Death Penalty in Ruritania",
                               {"A long report about nothing in particular."}),
            (Slugs{"death-penalty"}));
}

TEST(TopicTable, MatchingIgnoresCaseAccentsAndQuotes) {
  const TopicTable table = TopicTable::parse(
      "lgbti-rights\tLGBTI rights\t1\tsame-sex|lgbt*\n"
      "womens-rights\tWomen's rights\t1\twomen's rights\n",
      "inline");
  EXPECT_EQ(table.classify("", {"SAME–SEX couples"}), (Slugs{"lgbti-rights"}));
  EXPECT_EQ(table.classify("", {"LGBTQI+ persons"}), (Slugs{"lgbti-rights"}));
  EXPECT_EQ(table.classify("", {"Advancing WOMEN\u2019S RIGHTS"}), (Slugs{"womens-rights"}));
  EXPECT_EQ(table.classify("", {"W\u00f3men's Rights"}), (Slugs{"womens-rights"}));
  EXPECT_TRUE(table.classify("", {"sex, same", "women rights"}).empty());
}

TEST(TopicTable, ThresholdCountsBodyOccurrences) {
  const TopicTable table =
      TopicTable::parse("corruption\tCorruption\t2\tcorruption|bribe*\n", "inline");
  EXPECT_TRUE(table.classify("", {"Corruption was mentioned once."}).empty());
  EXPECT_EQ(table.classify("", {"Corruption was mentioned.", "Officials took bribes."}),
            (Slugs{"corruption"}));
}

TEST(TopicTable, LongReportsNeedMoreOccurrences) {
  const TopicTable table = TopicTable::parse(
      "@words-per-threshold\t100\n"
      "corruption\tCorruption\t1\tcorruption\n",
      "inline");
  std::string filler;
  for (int i = 0; i < 148; ++i) filler += "word ";
  // 150 words need ceil(1 * 150 / 100) = 2 occurrences.
  EXPECT_EQ(table.classify("", {filler + "corruption corruption"}), (Slugs{"corruption"}));
  EXPECT_TRUE(table.classify("", {filler + "corruption nothing"}).empty());
  // A title mention still assigns it.
  EXPECT_EQ(table.classify("Corruption", {filler + "nothing nothing"}), (Slugs{"corruption"}));
}

TEST(TopicTable, NonCountingPhraseShadowsShorterOne) {
  const TopicTable table = TopicTable::parse(
      "human-trafficking\tHuman trafficking\t1\ttraffick*|!drug traffick*\n"
      "illicit-drugs\tIllicit drugs\t1\tdrug traffick*\n",
      "inline");
  EXPECT_EQ(table.classify("", {"Drug trafficking is rampant."}), (Slugs{"illicit-drugs"}));
  EXPECT_EQ(table.classify("", {"Drug traffickers also trafficked women."}),
            (Slugs{"human-trafficking", "illicit-drugs"}));
}

TEST(TopicTable, ResultsFollowTaxonomyOrder) {
  const TopicTable table = TopicTable::parse(
      "b-topic\tB\t1\tbravo\n"
      "a-topic\tA\t1\talpha\n",
      "inline");
  EXPECT_EQ(table.classify("", {"alpha bravo"}), (Slugs{"b-topic", "a-topic"}));
}

TEST(TopicTable, MalformedRulesNameTheLine) {
  const auto message_of = [](std::string_view text) -> std::string {
    try {
      TopicTable::parse(text, "rules.tsv");
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::kData);
      return error.what();
    }
    return "no error";
  };
  const std::string good = "# comment\n\ncorruption\tCorruption\t1\tcorruption\n";
  EXPECT_EQ(message_of(good + "drugs\tIllicit drugs\t1\n").rfind("rules.tsv:4: ", 0), 0u)
      << message_of(good + "drugs\tIllicit drugs\t1\n");
  EXPECT_EQ(message_of(good + "drugs\tIllicit drugs\tmany\tcocaine\n").rfind("rules.tsv:4: ", 0),
            0u);
  EXPECT_EQ(message_of(good + "Drugs\tIllicit drugs\t1\tcocaine\n").rfind("rules.tsv:4: ", 0), 0u);
  EXPECT_EQ(message_of(good + "drugs\tIllicit drugs\t1\tco*caine\n").rfind("rules.tsv:4: ", 0), 0u);
  EXPECT_EQ(
      message_of(good + "drugs\tIllicit drugs\t1\tcocaine||heroin\n").rfind("rules.tsv:4: ", 0),
      0u);
  EXPECT_EQ(message_of(good + "drugs\tIllicit drugs\t1\t!cocaine\n").rfind("rules.tsv:4: ", 0), 0u);
  EXPECT_EQ(message_of(good + "corruption\tGraft\t1\tgraft\n").rfind("rules.tsv:4: ", 0), 0u);
  EXPECT_EQ(message_of(good + "drugs\tCorruption\t1\tcocaine\n").rfind("rules.tsv:4: ", 0), 0u);
  EXPECT_EQ(message_of(good + "@unknown\t3\n").rfind("rules.tsv:4: ", 0), 0u);
  EXPECT_EQ(message_of("# nothing\n"), "rules.tsv:0: no topics defined");
  EXPECT_EQ(message_of(good), "no error");
}

TEST(TopicTable, ResolvesSlugLabelAndVariants) {
  const TopicTable& table = builtin();
  for (const char* name : {"forced-labour", "Forced labour", "forced labour", "Forced-Labour",
                           "forced labor", "FORCED LABOR", "forced_labour"}) {
    const auto topic = table.resolve(name);
    ASSERT_TRUE(topic.has_value()) << name;
    EXPECT_EQ(topic->slug, "forced-labour") << name;
    EXPECT_EQ(topic->label, "Forced labour");
  }
  EXPECT_EQ(table.resolve("child labor")->slug, "child-labour");
  EXPECT_EQ(table.resolve("Women\u2019s rights")->slug, "womens-rights");
  EXPECT_EQ(table.resolve("womens rights")->slug, "womens-rights");
  EXPECT_EQ(table.resolve("LGBTQI+")->slug, "lgbti-rights");
  EXPECT_EQ(table.resolve("R\u00e9fug\u00e9es and ASYLUM")->slug, "refugees-and-asylum");
  EXPECT_EQ(table.resolve("Freedom of Religion")->slug, "freedom-of-religion");
  EXPECT_EQ(table.resolve("IDPs")->slug, "internally-displaced-persons");
  EXPECT_FALSE(table.resolve("astrology").has_value());
  EXPECT_FALSE(table.resolve("").has_value());
}

// Survey of the whole archive, for tuning the rules (docs/topics.md has its table):
//   corpus_tests --gtest_also_run_disabled_tests --gtest_filter='*TopicSurvey*'
// Set DOSSIER_TOPIC_SURVEY_SHOW=<slug> to list the files that get that topic.
TEST(DISABLED_TopicSurvey, PrintsTopicsPerSeries) {
  SKIP_WITHOUT_SHARED_CORPUS();
  const std::vector<std::string> prefixes = {"cia-wfb_", "us-dos-irf_", "un-hrc-upr_", "hrr_"};
  std::map<std::string, std::map<std::string, int>> counts;  // slug -> prefix -> reports
  std::map<std::string, int> reports_per_prefix;
  const char* show = std::getenv("DOSSIER_TOPIC_SURVEY_SHOW");
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(*test::shared_corpus_dir() / "docs")) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    const auto prefix = std::find_if(prefixes.begin(), prefixes.end(),
                                     [&](const std::string& p) { return name.starts_with(p); });
    const std::string series = prefix == prefixes.end() ? "other" : *prefix;
    ++reports_per_prefix[series];
    const ReportText report = read_archive_report(path);
    for (const std::string& slug : builtin().classify(report.title, report.paragraphs)) {
      ++counts[slug][series];
      if (show != nullptr && slug == show) std::cout << "  " << name << "\n";
    }
  }
  std::cout << "| topic |";
  for (const auto& prefix : prefixes) {
    std::cout << " " << prefix << " (" << reports_per_prefix[prefix] << ") |";
  }
  std::cout << "\n|---|";
  for (std::size_t i = 0; i < prefixes.size(); ++i) std::cout << "---:|";
  std::cout << "\n";
  for (const Topic& topic : builtin().topics()) {
    std::cout << "| " << topic.slug << " |";
    for (const auto& prefix : prefixes) std::cout << " " << counts[topic.slug][prefix] << " |";
    std::cout << "\n";
  }
}

}  // namespace
}  // namespace dossier
