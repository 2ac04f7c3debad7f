#pragma once
// Judged queries and the measures scored over them (docs/relevance.md): nDCG@10, MRR@10 and the
// zero-result rate, for the development queries and the held-out queries apart.
#include <cstddef>
#include <filesystem>
#include <istream>
#include <map>
#include <string>
#include <vector>

namespace dossier::bench {

// A query of the judged set: `qid<TAB>split<TAB>kind<TAB>text`.
struct JudgedQuery {
  std::string qid;
  std::string split;  // "dev" (may be looked at while tuning) or "heldout" (may not)
  std::string kind;   // known-item, topic, question, misspelling, variant, foreign-name
  std::string text;
};

// Graded judgments, `qid<TAB>report id<TAB>grade<TAB>reason`: 3 exactly what was asked for,
// 2 highly relevant, 1 marginally, 0 judged not relevant. Unjudged reports count as 0.
using Judgments = std::map<std::string, std::map<std::string, int>>;  // qid -> id -> grade

// What an engine returned for one query: the ids in rank order (the first ten are scored) and
// how many reports matched in all.
struct Ranking {
  std::vector<std::string> ids;
  std::size_t total = 0;
};
using RankedRun = std::map<std::string, Ranking>;  // qid -> ranking

// Readers. Throw std::runtime_error naming the file and line of a malformed entry.
std::vector<JudgedQuery> read_judged_queries(std::istream& in, const std::string& name);
Judgments read_judgments(std::istream& in, const std::string& name);
// Run files: `qid<TAB>total<TAB>id id id ...` (ids space-separated, best first).
RankedRun read_run(std::istream& in, const std::string& name);
void write_run_line(std::ostream& out, const std::string& qid, const Ranking& ranking);

// Per-query measures at depth 10.
constexpr std::size_t kDepth = 10;
constexpr int kRelevantGrade = 2;  // MRR counts the first report graded this or higher
// nDCG@10 with gains 2^grade - 1 and log2(rank + 1) discounts, over the ideal ordering of every
// judged report of the query; 0 when the query has no report graded above 0.
double ndcg_at_10(const std::vector<std::string>& ids, const std::map<std::string, int>& grades);
// 1 / the rank of the first report graded kRelevantGrade or higher in the first ten; else 0.
double reciprocal_rank(const std::vector<std::string>& ids,
                       const std::map<std::string, int>& grades);
// Of the first ten ids, the share that were judged (a low share means the figures say little).
double judged_share(const std::vector<std::string>& ids, const std::map<std::string, int>& grades);

// Means over a set of queries.
struct Measures {
  std::size_t queries = 0;
  double ndcg = 0;
  double mrr = 0;
  double zero_results = 0;  // share of queries with no result at all
  double judged = 0;        // mean judged_share
};
// Over the queries of `split` ("dev", "heldout", or "" for all). A query missing from the run
// counts as answered with nothing.
Measures score(const std::vector<JudgedQuery>& queries, const Judgments& judgments,
               const RankedRun& run, const std::string& split);

}  // namespace dossier::bench
