// dossier-entity-audit: the entity tagger's precision across a whole archive, from a sample of
// (report, entity) pairs judged by reading the reports (docs/entity-audit.md).
//
// Every report of the archive is read and tagged as `dossier index` does. Each state body and
// organization a report is tagged with is a pair (report, kind, name, state). The pairs fall into
// strata by series and kind; from each stratum (a share of the kind's sample in proportion to
// its size, at least a floor) the audit samples the pairs with the smallest
// stable hashes (bottom-k sampling), so a pair stays in the sample for as long as the tagger
// gives it and the rules it is judged under do not change, and a pair the rules stop giving
// makes room for the next one. A fifth of the reports (by the hash of their file name) are held
// out: their pairs are judged like the others, and scored apart, but never read to tune rules.
//
// Judgments: a TSV of report, kind, name, state, verdict (yes|no), reason. The audit scores the
// judged sample: per stratum, per kind (the sample's precision and the archive-wide estimate,
// each stratum weighted by its size), development and held-out apart. Sampled pairs not yet
// judged are listed (--unjudged FILE, with the sentences that mention them) for a reader to
// judge; with --require P the run fails while any is unjudged or a kind's estimate is below P.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "corpus/error.h"
#include "corpus/gazetteers.h"
#include "corpus/hash.h"
#include "indexer/load_report.h"

namespace fs = std::filesystem;
using namespace dossier;

namespace {

struct Pair {
  std::string report;  // the file name without its extension
  std::string series;
  std::string kind;  // state_body | organization
  std::string name;
  std::string state;
  bool held_out = false;
  std::vector<std::string> contexts;  // sentences mentioning it, the mention in [[ ]]
  std::uint64_t hash = 0;

  std::string key() const { return report + '\t' + kind + '\t' + name + '\t' + state; }
};

struct Verdict {
  bool correct = false;
  std::string reason;
};

// A fifth of the reports, chosen by their names' hash: scored, never read to tune the rules.
bool is_held_out(const std::string& report) {
  return StableHash().add(report).value() % 5 == 0;
}

// The sentence around [begin, end) of a paragraph, the mention marked, cut to ~400 bytes.
std::string context_of(const std::string& text, std::size_t begin, std::size_t end) {
  std::size_t from = begin;
  while (from > 0 && begin - from < 200) {
    if (from >= 2 && text[from - 1] == ' ' && (text[from - 2] == '.' || text[from - 2] == ';') &&
        begin - from > 40) {
      break;
    }
    --from;
  }
  std::size_t to = end;
  while (to < text.size() && to - end < 200) {
    if (text[to] == '.' && to + 1 < text.size() && text[to + 1] == ' ' && to - end > 40) {
      ++to;
      break;
    }
    ++to;
  }
  // Whole UTF-8 characters only.
  while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  std::string out = text.substr(from, begin - from) + "[[" + text.substr(begin, end - begin) +
                    "]]" + text.substr(end, to - end);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

std::vector<fs::path> archive_files(const fs::path& archive) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(archive)) {
    if (!entry.is_regular_file()) continue;
    const std::string extension = entry.path().extension().string();
    if (extension == ".txt" || extension == ".md" || extension == ".pdf") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Tags every file, on `threads` threads; a file that cannot be read is reported and skipped.
std::vector<Pair> tag_archive(const fs::path& archive, const Gazetteers& gazetteers,
                              unsigned threads) {
  const std::vector<fs::path> files = archive_files(archive);
  std::vector<std::vector<Pair>> per_file(files.size());
  std::atomic<std::size_t> next{0};
  std::mutex errors;
  auto work = [&] {
    for (std::size_t i; (i = next++) < files.size();) {
      try {
        LoadOptions options;
        options.root = archive;
        const Report report = load_report(files[i], gazetteers, options).report;
        const std::string name = files[i].stem().string();
        for (const Entity& e : report.entities) {
          if (e.kind == EntityKind::kCountry) continue;
          Pair pair{name,
                    report.series,
                    std::string(to_string(e.kind)),
                    e.name,
                    e.country,
                    is_held_out(name),
                    {},
                    0};
          for (const EntitySpan& span : e.spans) {
            if (pair.contexts.size() == 2) break;
            const std::string& text =
                report.paragraphs[static_cast<std::size_t>(span.paragraph - 1)].text;
            pair.contexts.push_back(context_of(text, span.begin, span.end));
          }
          pair.hash = StableHash().add(pair.key()).value();
          per_file[i].push_back(std::move(pair));
        }
      } catch (const Error& e) {
        const std::lock_guard lock(errors);
        std::cerr << files[i].string() << ": skipped: " << e.what() << "\n";
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  std::vector<Pair> pairs;
  for (auto& list : per_file) {
    for (Pair& p : list) pairs.push_back(std::move(p));
  }
  return pairs;
}

std::map<std::string, Verdict> read_judgments(const fs::path& path) {
  std::map<std::string, Verdict> judgments;
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
    if (cells.size() < 5 || (cells[4] != "yes" && cells[4] != "no")) {
      throw std::runtime_error(path.string() + ":" + std::to_string(number) +
                               ": expected report, kind, name, state, yes|no[, reason]");
    }
    const std::string key = cells[0] + '\t' + cells[1] + '\t' + cells[2] + '\t' + cells[3];
    judgments[key] = Verdict{cells[4] == "yes", cells.size() > 5 ? cells[5] : ""};
  }
  return judgments;
}

struct Tally {
  std::size_t population = 0;
  std::size_t sampled = 0;
  std::size_t judged = 0;
  std::size_t correct = 0;
  double precision() const { return judged == 0 ? 0.0 : static_cast<double>(correct) / judged; }
};

// Wilson's 95% interval for a share: honest at shares near 1 with a few hundred judgments.
std::pair<double, double> wilson(std::size_t correct, std::size_t judged) {
  if (judged == 0) return {0.0, 0.0};
  const double z = 1.96;
  const double n = static_cast<double>(judged);
  const double p = static_cast<double>(correct) / n;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  return {centre - half, std::min(1.0, centre + half)};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The entity tagger's precision across an archive, from judged samples"};
  fs::path archive;
  fs::path judgments_path;
  fs::path unjudged_path;
  fs::path pairs_path;
  std::size_t per_kind = 320;
  std::size_t min_per_stratum = 40;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  double require = 0;
  bool show_wrong = false;
  app.add_option("--archive", archive, "the archive's folder (../shared/corpus/docs)")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_option("--judgments", judgments_path, "the judged pairs (TSV)")->required();
  app.add_option("--per-kind", per_kind,
                 "pairs sampled per kind, shared among the series by their numbers of pairs")
      ->check(CLI::Range(1, 100000));
  app.add_option("--min-per-stratum", min_per_stratum, "pairs sampled at least per series and kind")
      ->check(CLI::Range(1, 100000));
  app.add_option("--unjudged", unjudged_path,
                 "write the sampled pairs not yet judged, with their contexts, here");
  app.add_option("--pairs", pairs_path,
                 "write every pair of the development reports, with its contexts, here");
  app.add_option("--threads", threads, "tagging threads")->check(CLI::Range(1, 64));
  app.add_option("--require", require,
                 "fail unless every sampled pair is judged and each kind's estimate is >= this");
  app.add_flag("--show-wrong", show_wrong,
               "list the development part's pairs judged wrong (never the held-out part's)");
  CLI11_PARSE(app, argc, argv);

  try {
    const Gazetteers gazetteers = Gazetteers::load();
    std::vector<Pair> pairs = tag_archive(archive, gazetteers, threads);
    std::map<std::string, Verdict> judgments;
    if (fs::exists(judgments_path)) judgments = read_judgments(judgments_path);

    // Strata: series x kind; the bottom-k of each by hash.
    std::map<std::pair<std::string, std::string>, std::vector<const Pair*>> strata;
    for (const Pair& p : pairs) strata[{p.kind, p.series}].push_back(&p);
    std::map<std::pair<std::string, std::string>, Tally> tallies;  // (kind, series)
    std::map<std::pair<std::string, bool>, Tally> by_part;         // (kind, held out)
    std::vector<const Pair*> unjudged;
    std::vector<std::pair<const Pair*, Verdict>> wrong;
    std::map<std::string, std::size_t> kind_population;
    for (const auto& [stratum, members] : strata) kind_population[stratum.first] += members.size();
    for (auto& [stratum, members] : strata) {
      // Proportional allocation, with a floor so that small series are measured too.
      const std::size_t quota = std::max(
          min_per_stratum,
          static_cast<std::size_t>(std::ceil(static_cast<double>(per_kind * members.size()) /
                                             static_cast<double>(kind_population[stratum.first]))));
      std::sort(members.begin(), members.end(), [](const Pair* a, const Pair* b) {
        return a->hash != b->hash ? a->hash < b->hash : a->key() < b->key();
      });
      Tally& tally = tallies[stratum];
      tally.population = members.size();
      for (std::size_t i = 0; i < members.size() && i < quota; ++i) {
        const Pair& p = *members[i];
        ++tally.sampled;
        const auto verdict = judgments.find(p.key());
        if (verdict == judgments.end()) {
          unjudged.push_back(&p);
          continue;
        }
        Tally& part = by_part[{p.kind, p.held_out}];
        ++tally.judged;
        ++part.judged;
        if (verdict->second.correct) {
          ++tally.correct;
          ++part.correct;
        } else if (!p.held_out) {
          wrong.emplace_back(&p, verdict->second);
        }
      }
    }

    std::printf("%zu (report, state body or organization) pairs\n\n", pairs.size());
    std::printf("%-13s %-7s %10s %8s %7s %8s %10s\n", "kind", "series", "in archive", "sampled",
                "judged", "correct", "precision");
    bool ok = true;
    for (const std::string kind : {"state_body", "organization"}) {
      double weighted = 0;
      std::size_t weight = 0;
      std::size_t judged = 0;
      std::size_t correct = 0;
      for (const auto& [stratum, tally] : tallies) {
        if (stratum.first != kind) continue;
        std::printf("%-13s %-7s %10zu %8zu %7zu %8zu %10.3f\n", kind.c_str(),
                    stratum.second.c_str(), tally.population, tally.sampled, tally.judged,
                    tally.correct, tally.precision());
        if (tally.judged > 0) {
          weighted += tally.precision() * static_cast<double>(tally.population);
          weight += tally.population;
        }
        judged += tally.judged;
        correct += tally.correct;
      }
      const double estimate = weight == 0 ? 0.0 : weighted / static_cast<double>(weight);
      const auto [low, high] = wilson(correct, judged);
      std::printf(
          "%-13s %-7s  archive-wide estimate %.3f (sample %zu/%zu = %.3f, 95%% %.3f-%.3f)\n",
          kind.c_str(), "all", estimate, correct, judged,
          judged ? static_cast<double>(correct) / judged : 0.0, low, high);
      for (const bool held_out : {false, true}) {
        const Tally& part = by_part[{kind, held_out}];
        std::printf("%-13s %-7s  %s: %zu/%zu = %.3f\n", kind.c_str(), "",
                    held_out ? "held-out reports" : "development reports", part.correct,
                    part.judged, part.precision());
      }
      if (require > 0 && estimate < require) {
        std::fprintf(stderr, "%s: estimated precision %.3f is below %.3f\n", kind.c_str(), estimate,
                     require);
        ok = false;
      }
    }
    std::size_t judged_total = 0;
    for (const auto& [stratum, tally] : tallies) judged_total += tally.judged;
    std::printf("\n%zu sampled pairs judged, %zu not yet judged\n", judged_total, unjudged.size());
    if (show_wrong) {
      std::printf("\nJudged wrong (development reports):\n");
      for (const auto& [p, verdict] : wrong) {
        std::printf("  %s  %s \"%s\" %s: %s\n", p->report.c_str(), p->kind.c_str(), p->name.c_str(),
                    p->state.c_str(), verdict.reason.c_str());
      }
    }
    if (!unjudged_path.empty()) {
      std::ofstream out(unjudged_path);
      out << "# report\tkind\tname\tstate\tverdict\treason\tcontexts (the mention in [[ ]])\n";
      for (const Pair* p : unjudged) {
        out << p->report << '\t' << p->kind << '\t' << p->name << '\t' << p->state << "\t\t";
        for (const std::string& c : p->contexts) out << '\t' << c;
        out << '\n';
      }
      std::printf("the unjudged pairs are in %s\n", unjudged_path.c_str());
    }
    if (!pairs_path.empty()) {
      std::ofstream out(pairs_path);
      for (const Pair& p : pairs) {
        if (p.held_out) continue;
        out << p.report << '\t' << p.kind << '\t' << p.name << '\t' << p.state;
        for (const std::string& c : p.contexts) out << '\t' << c;
        out << '\n';
      }
    }
    if (require > 0 && !unjudged.empty()) {
      std::fprintf(stderr, "%zu sampled pairs are not judged\n", unjudged.size());
      ok = false;
    }
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dossier-entity-audit: %s\n", e.what());
    return 2;
  }
}
