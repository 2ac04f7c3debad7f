// The relevance measures of tools/bench/relevance, and the committed judged set they score.
#include "relevance.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "test_paths.h"

namespace dossier::bench {
namespace {

TEST(RelevanceMeasures, NdcgOfAnIdealRankingIsOneAndOfNothingZero) {
  const std::map<std::string, int> grades = {{"a", 3}, {"b", 1}, {"c", 0}};
  EXPECT_DOUBLE_EQ(ndcg_at_10({"a", "b"}, grades), 1.0);
  EXPECT_DOUBLE_EQ(ndcg_at_10({"a", "x", "b"}, grades) < 1.0, true);
  EXPECT_DOUBLE_EQ(ndcg_at_10({}, grades), 0.0);
  EXPECT_DOUBLE_EQ(ndcg_at_10({"c", "x"}, grades), 0.0);
}

TEST(RelevanceMeasures, NdcgByHand) {
  // Gains 7 (grade 3) and 1 (grade 1); the ranking b, a: (1 / log2 2 + 7 / log2 3) over the
  // ideal (7 / log2 2 + 1 / log2 3).
  const std::map<std::string, int> grades = {{"a", 3}, {"b", 1}};
  const double expected = (1.0 + 7.0 / std::log2(3.0)) / (7.0 + 1.0 / std::log2(3.0));
  EXPECT_NEAR(ndcg_at_10({"b", "a"}, grades), expected, 1e-12);
  // A report listed twice is credited once.
  EXPECT_NEAR(ndcg_at_10({"b", "b", "a"}, grades), (1.0 + 7.0 / 2.0) / (7.0 + 1.0 / std::log2(3.0)),
              1e-12);
}

TEST(RelevanceMeasures, OnlyTheFirstTenCount) {
  const std::map<std::string, int> grades = {{"k", 3}};
  std::vector<std::string> ids(10, "x");
  ids.push_back("k");
  EXPECT_DOUBLE_EQ(ndcg_at_10(ids, grades), 0.0);
  EXPECT_DOUBLE_EQ(reciprocal_rank(ids, grades), 0.0);
  ids[9] = "k";
  EXPECT_DOUBLE_EQ(reciprocal_rank(ids, grades), 0.1);
}

TEST(RelevanceMeasures, ReciprocalRankCountsHighlyRelevantOnly) {
  const std::map<std::string, int> grades = {{"a", 1}, {"b", 2}};
  EXPECT_DOUBLE_EQ(reciprocal_rank({"a", "b"}, grades), 0.5);
  EXPECT_DOUBLE_EQ(reciprocal_rank({"a"}, grades), 0.0);
}

TEST(RelevanceMeasures, ScoreSplitsDevelopmentFromHeldOut) {
  const std::vector<JudgedQuery> queries = {{"q1", "dev", "topic", "one"},
                                            {"q2", "heldout", "topic", "two"},
                                            {"q3", "dev", "topic", "x"}};
  const Judgments judgments = {{"q1", {{"a", 3}}}, {"q2", {{"b", 2}}}, {"q3", {{"c", 2}}}};
  const RankedRun run = {{"q1", {{"a"}, 1}}, {"q2", {{"z", "b"}, 2}}};  // q3 is not answered at all
  const Measures dev = score(queries, judgments, run, "dev");
  EXPECT_EQ(dev.queries, 2u);
  EXPECT_DOUBLE_EQ(dev.ndcg, 0.5);
  EXPECT_DOUBLE_EQ(dev.mrr, 0.5);
  EXPECT_DOUBLE_EQ(dev.zero_results, 0.5);
  const Measures held = score(queries, judgments, run, "heldout");
  EXPECT_EQ(held.queries, 1u);
  EXPECT_DOUBLE_EQ(held.mrr, 0.5);
  EXPECT_DOUBLE_EQ(held.judged, 0.5);
  EXPECT_EQ(score(queries, judgments, run, "").queries, 3u);
}

TEST(RelevanceFiles, MalformedLinesNameFileAndLine) {
  std::istringstream queries("q1\tdev\ttopic\tcotton\nq1\tdev\ttopic\trepeated\n");
  try {
    read_judged_queries(queries, "queries.tsv");
    FAIL() << "a repeated qid was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "queries.tsv:2: qid q1 repeated");
  }
  std::istringstream judgments("q1\tdoc\t5\tno such grade\n");
  EXPECT_THROW(read_judgments(judgments, "judgments.tsv"), std::runtime_error);
  std::istringstream run("q1\tmany\ta b\n");
  EXPECT_THROW(read_run(run, "run"), std::runtime_error);
}

TEST(RelevanceFiles, RunLinesReadBack) {
  std::ostringstream out;
  write_run_line(out, "q1", {{"a", "b"}, 42});
  write_run_line(out, "q2", {{}, 0});
  std::istringstream in(out.str());
  const RankedRun run = read_run(in, "run");
  EXPECT_EQ(run.at("q1").ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(run.at("q1").total, 42u);
  EXPECT_TRUE(run.at("q2").ids.empty());
}

// The committed set: enough queries of every kind, a quarter held out, every query with a
// highly relevant report, and (where the archive is at hand) every judged report in it.
TEST(JudgedSet, IsCompleteAndConsistent) {
  const auto dir = test::source_dir() / "tests/data/relevance";
  std::ifstream queries_in(dir / "queries.tsv");
  std::ifstream judgments_in(dir / "judgments.tsv");
  ASSERT_TRUE(queries_in && judgments_in);
  const std::vector<JudgedQuery> queries = read_judged_queries(queries_in, "queries.tsv");
  const Judgments judgments = read_judgments(judgments_in, "judgments.tsv");
  EXPECT_GE(queries.size(), 60u);
  std::size_t held_out = 0;
  std::set<std::string> kinds;
  for (const JudgedQuery& q : queries) {
    held_out += q.split == "heldout" ? 1 : 0;
    kinds.insert(q.kind);
    ASSERT_TRUE(judgments.contains(q.qid)) << q.qid << " has no judgments";
    int best = 0;
    for (const auto& [id, grade] : judgments.at(q.qid)) best = std::max(best, grade);
    EXPECT_GE(best, kRelevantGrade) << q.qid << " has no highly relevant report";
  }
  EXPECT_GE(held_out * 4, queries.size()) << "a quarter of the set is held out";
  EXPECT_EQ(kinds, (std::set<std::string>{"known-item", "topic", "question", "misspelling",
                                          "variant", "foreign-name"}));
  for (const auto& [qid, graded] : judgments) {
    EXPECT_TRUE(std::any_of(queries.begin(), queries.end(),
                            [&](const JudgedQuery& q) { return q.qid == qid; }))
        << "judgments for an unknown query " << qid;
  }
  const auto shared = test::shared_corpus_dir();
  if (!shared) GTEST_SKIP() << "the judged archive (../shared/corpus) is not here";
  for (const auto& [qid, graded] : judgments) {
    for (const auto& [id, grade] : graded) {
      EXPECT_TRUE(std::filesystem::exists(*shared / "docs" / (id + ".txt"))) << qid << ": " << id;
    }
  }
}

}  // namespace
}  // namespace dossier::bench
