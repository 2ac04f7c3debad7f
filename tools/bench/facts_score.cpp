// dossier-facts-score: the trafficking facts dossier extracts, scored against the judged set
// (tests/data/facts: every fact of 60 reports, annotated by reading them).
//
//   dossier-facts-score --archive ../shared/corpus/docs --seeds ../shared/seeds
//                       --judged tests/data/facts [--show-wrong] [--require KIND=P/R ...]
//
// A tier matches on (report, tier, year), a role on (report, role), a flow on (report, from, to)
// (places compared without case); a flow's purposes, and who, are compared over the flows that
// match. Precision and recall per kind, the development and held-out parts apart. --show-wrong
// lists the development part's misses and false facts only, never the held-out part's.
#include <CLI/CLI.hpp>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "corpus/error.h"
#include "corpus/facts.h"
#include "corpus/gazetteers.h"
#include "indexer/load_report.h"

namespace fs = std::filesystem;
using namespace dossier;

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, '\t');) cells.push_back(cell);
  if (!line.empty() && line.back() == '\t') cells.emplace_back();
  return cells;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

struct Key {
  std::string report;
  std::string kind;
  std::string what;  // "Tier 2|2004", "source", "KZ>RU"
  auto operator<=>(const Key&) const = default;
};

struct Tally {
  std::size_t judged = 0, extracted = 0, matched = 0;
};

double ratio(std::size_t a, std::size_t b) {
  return b == 0 ? 1.0 : static_cast<double>(a) / static_cast<double>(b);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Score the extracted trafficking facts against the judged set"};
  fs::path archive = "../shared/corpus/docs";
  fs::path seeds = "../shared/seeds";
  fs::path judged = "tests/data/facts";
  bool show_wrong = false;
  std::vector<std::string> requirements;
  app.add_option("--archive", archive, "the archive's folder");
  app.add_option("--seeds", seeds, "the folder of the seed report");
  app.add_option("--judged", judged, "the judged set's folder (reports.tsv, facts.tsv)");
  app.add_flag("--show-wrong", show_wrong,
               "list the development part's misses and false facts (never the held-out part's)");
  app.add_option("--require", requirements,
                 "KIND=P/R: exit 3 when that kind's precision or recall, on either part, is below "
                 "P or R (\"flow=0.85/0.70\")");
  CLI11_PARSE(app, argc, argv);

  try {
    const Gazetteers gazetteers = Gazetteers::load();
    std::map<std::string, std::string> part_of;  // report -> dev | heldout
    {
      std::ifstream in(judged / "reports.tsv");
      if (!in) throw Error(ErrorKind::kIo, "cannot read " + (judged / "reports.tsv").string());
      std::string line;
      std::getline(in, line);
      while (std::getline(in, line)) {
        const auto cells = split_tabs(line);
        if (cells.size() >= 2) part_of[cells[0]] = cells[1];
      }
    }
    std::set<Key> expected;
    std::map<Key, std::pair<std::string, std::string>> expected_detail;  // purposes, who
    std::map<Key, std::string> sentence_of;
    {
      std::ifstream in(judged / "facts.tsv");
      if (!in) throw Error(ErrorKind::kIo, "cannot read " + (judged / "facts.tsv").string());
      std::string line;
      std::getline(in, line);
      while (std::getline(in, line)) {
        const auto c = split_tabs(line);
        if (c.size() < 10) continue;
        Key key{c[0], c[2], ""};
        if (c[2] == "tier") key.what = c[4] + "|" + c[3];
        if (c[2] == "role") key.what = c[4];
        if (c[2] == "flow") key.what = lower(c[5]) + ">" + lower(c[6]);
        expected.insert(key);
        expected_detail[key] = {c[7], c[8]};
        sentence_of[key] = c[9];
      }
    }
    std::set<Key> extracted;
    std::map<Key, std::pair<std::string, std::string>> extracted_detail;
    std::map<Key, std::string> extracted_sentence;
    for (const auto& [report_id, part] : part_of) {
      fs::path file = archive / (report_id + ".txt");
      if (!fs::exists(file)) file = seeds / (report_id + ".txt");
      LoadOptions options;
      options.root = file.parent_path();
      const Report report = load_report(file, gazetteers, options).report;
      const ReportFacts facts = extract_facts(report, gazetteers.countries);
      const auto sentence = [&](const FactSource& s) {
        return report.paragraphs[s.paragraph].text.substr(s.begin, s.end - s.begin);
      };
      const auto joined = [](const std::vector<std::string>& v) {
        std::string out;
        for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
        return out;
      };
      for (const TierFact& t : facts.tiers) {
        const Key key{report_id, "tier", t.tier + "|" + std::to_string(t.year)};
        extracted.insert(key);
        extracted_sentence[key] = sentence(t.source);
      }
      for (const RoleFact& r : facts.roles) {
        const Key key{report_id, "role", r.role};
        extracted.insert(key);
        extracted_sentence[key] = sentence(r.source);
      }
      for (const FlowFact& f : facts.flows) {
        const Key key{report_id, "flow", lower(f.from) + ">" + lower(f.to)};
        extracted.insert(key);
        extracted_detail[key] = {joined(f.purposes), joined(f.who)};
        extracted_sentence[key] = sentence(f.source);
      }
    }

    std::map<std::pair<std::string, std::string>, Tally> tallies;  // (kind, part)
    // part -> flows whose purposes agree, whose who agree, flows matched
    std::map<std::string, std::array<std::size_t, 3>> detail;
    for (const Key& k : expected) {
      Tally& t = tallies[{k.kind, part_of[k.report]}];
      ++t.judged;
      if (extracted.contains(k)) {
        ++t.matched;
        if (k.kind == "flow") {
          auto& [purposes_agree, who_agree, total] = detail[part_of[k.report]];
          ++total;
          const auto set_of = [](const std::string& s) {
            std::set<std::string> out;
            std::stringstream stream(s);
            for (std::string v; std::getline(stream, v, ',');) out.insert(v);
            return out;
          };
          if (set_of(expected_detail[k].first) == set_of(extracted_detail[k].first)) {
            ++purposes_agree;
          }
          if (set_of(expected_detail[k].second) == set_of(extracted_detail[k].second)) ++who_agree;
        }
      }
    }
    for (const Key& k : extracted) ++tallies[{k.kind, part_of[k.report]}].extracted;

    std::printf("| kind | part | judged | extracted | right | precision | recall |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    for (const std::string kind : {"tier", "role", "flow"}) {
      for (const std::string part : {"dev", "heldout"}) {
        const Tally& t = tallies[{kind, part}];
        std::printf("| %s | %s | %zu | %zu | %zu | %.3f | %.3f |\n", kind.c_str(),
                    part == "dev" ? "development" : "held out", t.judged, t.extracted, t.matched,
                    ratio(t.matched, t.extracted), ratio(t.matched, t.judged));
      }
    }
    for (const std::string part : {"dev", "heldout"}) {
      const auto& [purposes_agree, who_agree, total] = detail[part];
      std::printf("flows matched (%s): %zu, their purposes agreeing %zu, who agreeing %zu\n",
                  part == "dev" ? "development" : "held out", total, purposes_agree, who_agree);
    }
    if (show_wrong) {
      std::printf("\nMissed (development):\n");
      for (const Key& k : expected) {
        if (part_of[k.report] == "dev" && !extracted.contains(k)) {
          std::printf("  %s %s %s :: %s\n", k.report.c_str(), k.kind.c_str(), k.what.c_str(),
                      sentence_of[k].substr(0, 160).c_str());
        }
      }
      std::printf("\nExtracted, not judged (development):\n");
      for (const Key& k : extracted) {
        if (part_of[k.report] == "dev" && !expected.contains(k)) {
          std::printf("  %s %s %s :: %s\n", k.report.c_str(), k.kind.c_str(), k.what.c_str(),
                      extracted_sentence[k].substr(0, 160).c_str());
        }
      }
    }
    int status = 0;
    for (const std::string& requirement : requirements) {
      const std::size_t equals = requirement.find('=');
      const std::size_t slash = requirement.find('/');
      if (equals == std::string::npos || slash == std::string::npos || slash < equals) {
        std::fprintf(stderr, "dossier-facts-score: --require %s: expected KIND=P/R\n",
                     requirement.c_str());
        return 2;
      }
      const std::string kind = requirement.substr(0, equals);
      const auto number = [&](const std::string& text) {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
        return value;
      };
      const double precision = number(requirement.substr(equals + 1, slash - equals - 1));
      const double recall = number(requirement.substr(slash + 1));
      for (const std::string part : {"dev", "heldout"}) {
        const Tally& t = tallies[{kind, part}];
        if (t.judged == 0) {
          std::fprintf(stderr, "dossier-facts-score: no judged %s facts\n", kind.c_str());
          status = 3;
        }
        if (ratio(t.matched, t.extracted) < precision || ratio(t.matched, t.judged) < recall) {
          std::fprintf(stderr, "dossier-facts-score: %s (%s) below %.2f / %.2f\n", kind.c_str(),
                       part.c_str(), precision, recall);
          status = 3;
        }
      }
    }
    return status;
  } catch (const std::invalid_argument&) {
    std::fprintf(stderr, "dossier-facts-score: --require takes numbers (KIND=P/R)\n");
    return 2;
  } catch (const std::out_of_range&) {
    std::fprintf(stderr, "dossier-facts-score: --require takes numbers from 0 to 1\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dossier-facts-score: %s\n", e.what());
    return 1;
  }
  return 0;
}
