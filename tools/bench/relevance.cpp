#include "relevance.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

namespace dossier::bench {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    parts.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return parts;
    start = tab + 1;
  }
}

// Calls `each(fields, line number)` for every line that is neither blank nor a # comment.
template <typename Fn>
void each_line(std::istream& in, Fn&& each) {
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    each(split_tabs(line), number);
  }
}

[[noreturn]] void malformed(const std::string& name, std::size_t line, const std::string& what) {
  throw std::runtime_error(name + ":" + std::to_string(line) + ": " + what);
}

double discount(std::size_t rank) {
  return 1.0 / std::log2(static_cast<double>(rank) + 1.0);
}
double gain(int grade) {
  return std::pow(2.0, grade) - 1.0;
}

int grade_of(const std::map<std::string, int>& grades, const std::string& id) {
  const auto found = grades.find(id);
  return found == grades.end() ? 0 : found->second;
}

}  // namespace

std::vector<JudgedQuery> read_judged_queries(std::istream& in, const std::string& name) {
  std::vector<JudgedQuery> queries;
  std::set<std::string> seen;
  each_line(in, [&](const std::vector<std::string>& f, std::size_t line) {
    if (f.size() != 4) malformed(name, line, "expected qid, split, kind and query text");
    if (f[1] != "dev" && f[1] != "heldout") malformed(name, line, "split must be dev or heldout");
    if (f[0].empty() || f[3].empty()) malformed(name, line, "empty qid or query");
    if (!seen.insert(f[0]).second) malformed(name, line, "qid " + f[0] + " repeated");
    queries.push_back({f[0], f[1], f[2], f[3]});
  });
  return queries;
}

Judgments read_judgments(std::istream& in, const std::string& name) {
  Judgments judgments;
  each_line(in, [&](const std::vector<std::string>& f, std::size_t line) {
    if (f.size() < 3) malformed(name, line, "expected qid, report id and grade");
    if (f[2].size() != 1 || f[2][0] < '0' || f[2][0] > '3') {
      malformed(name, line, "grade must be 0, 1, 2 or 3");
    }
    if (!judgments[f[0]].emplace(f[1], f[2][0] - '0').second) {
      malformed(name, line, f[1] + " judged twice for " + f[0]);
    }
  });
  return judgments;
}

RankedRun read_run(std::istream& in, const std::string& name) {
  RankedRun run;
  each_line(in, [&](const std::vector<std::string>& f, std::size_t line) {
    if (f.size() != 3) malformed(name, line, "expected qid, total and ids");
    Ranking ranking;
    try {
      ranking.total = std::stoul(f[1]);
    } catch (const std::exception&) {
      malformed(name, line, "total is not a number");
    }
    std::istringstream ids(f[2]);
    for (std::string id; ids >> id;) ranking.ids.push_back(id);
    run[f[0]] = std::move(ranking);
  });
  return run;
}

void write_run_line(std::ostream& out, const std::string& qid, const Ranking& ranking) {
  out << qid << '\t' << ranking.total << '\t';
  for (std::size_t i = 0; i < ranking.ids.size(); ++i) out << (i ? " " : "") << ranking.ids[i];
  out << '\n';
}

double ndcg_at_10(const std::vector<std::string>& ids, const std::map<std::string, int>& grades) {
  std::vector<int> ideal;
  for (const auto& [id, grade] : grades) {
    if (grade > 0) ideal.push_back(grade);
  }
  if (ideal.empty()) return 0;
  std::sort(ideal.rbegin(), ideal.rend());
  double best = 0;
  for (std::size_t i = 0; i < std::min(kDepth, ideal.size()); ++i) {
    best += gain(ideal[i]) * discount(i + 1);
  }
  double got = 0;
  std::set<std::string> counted;  // an engine that lists a report twice is credited once
  for (std::size_t i = 0; i < std::min(kDepth, ids.size()); ++i) {
    if (counted.insert(ids[i]).second) got += gain(grade_of(grades, ids[i])) * discount(i + 1);
  }
  return got / best;
}

double reciprocal_rank(const std::vector<std::string>& ids,
                       const std::map<std::string, int>& grades) {
  for (std::size_t i = 0; i < std::min(kDepth, ids.size()); ++i) {
    if (grade_of(grades, ids[i]) >= kRelevantGrade) return 1.0 / static_cast<double>(i + 1);
  }
  return 0;
}

double judged_share(const std::vector<std::string>& ids, const std::map<std::string, int>& grades) {
  const std::size_t shown = std::min(kDepth, ids.size());
  if (shown == 0) return 1;
  std::size_t judged = 0;
  for (std::size_t i = 0; i < shown; ++i) judged += grades.contains(ids[i]) ? 1 : 0;
  return static_cast<double>(judged) / static_cast<double>(shown);
}

Measures score(const std::vector<JudgedQuery>& queries, const Judgments& judgments,
               const RankedRun& run, const std::string& split) {
  Measures m;
  static const std::map<std::string, int> kNone;
  static const Ranking kNothing;
  for (const JudgedQuery& q : queries) {
    if (!split.empty() && q.split != split) continue;
    const auto judged = judgments.find(q.qid);
    const std::map<std::string, int>& grades = judged == judgments.end() ? kNone : judged->second;
    const auto ranked = run.find(q.qid);
    const Ranking& ranking = ranked == run.end() ? kNothing : ranked->second;
    ++m.queries;
    m.ndcg += ndcg_at_10(ranking.ids, grades);
    m.mrr += reciprocal_rank(ranking.ids, grades);
    m.zero_results += ranking.ids.empty() ? 1 : 0;
    m.judged += judged_share(ranking.ids, grades);
  }
  if (m.queries > 0) {
    const double n = static_cast<double>(m.queries);
    m.ndcg /= n;
    m.mrr /= n;
    m.zero_results /= n;
    m.judged /= n;
  }
  return m;
}

}  // namespace dossier::bench
