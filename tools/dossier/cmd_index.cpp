// dossier index PATH... : read files and folders into the index.
#include <chrono>
#include <iostream>

#include "cli.h"
#include "indexer/index_writer.h"

namespace dossier::cli {
namespace {

// Progress on stderr: a live bar on a terminal, a plain line per tenth otherwise.
class StderrProgress final : public IndexProgress {
 public:
  explicit StderrProgress(bool terminal) : terminal_(terminal) {}

  void on_scan_done(std::size_t files_found) override {
    std::cerr << "dossier: " << files_found << " files to check\n";
  }

  void on_file_done(std::size_t done, std::size_t total, const std::string& /*path*/) override {
    if (terminal_) {
      const auto now = std::chrono::steady_clock::now();
      if (done != total && now - last_draw_ < std::chrono::milliseconds(100)) return;
      last_draw_ = now;
      constexpr std::size_t kWidth = 30;
      const std::size_t filled = total == 0 ? kWidth : done * kWidth / total;
      std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
                << done << "/" << total << (done == total ? "\n" : "") << std::flush;
      return;
    }
    const std::size_t tenth = total == 0 ? 10 : done * 10 / total;
    if (tenth > last_tenth_ || done == total) {
      last_tenth_ = tenth;
      std::cerr << "dossier: " << done << "/" << total << " files\n";
    }
  }

 private:
  bool terminal_;
  std::size_t last_tenth_ = 0;
  std::chrono::steady_clock::time_point last_draw_{};
};

void print_summary(const IndexSummary& s) {
  std::cerr << "dossier: added " << s.added << ", updated " << s.updated << ", unchanged "
            << s.unchanged << ", removed " << s.removed << ", failed " << s.failed;
  if (s.skipped > 0) std::cerr << ", skipped " << s.skipped << " (unsupported type)";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", s.seconds);
  std::cerr << " in " << seconds << " s; " << s.reports_in_index << " reports in the index\n";
  if (!s.duplicate_groups.empty()) {
    std::size_t reports = 0;
    for (const auto& group : s.duplicate_groups) reports += group.size();
    const auto& first = s.duplicate_groups.front();
    std::cerr << "dossier: " << s.duplicate_groups.size()
              << " groups of files that are one report (identical bodies, or a PDF and its text "
              << "copy: " << reports << " files, e.g. " << first[0] << " = " << first[1]
              << "); 'dossier search --collapse' shows one of each\n";
  }
  for (const FileProblem& f : s.failures)
    std::cerr << "  failed: " << f.path << ": " << f.reason << "\n";
  for (const FileProblem& w : s.warnings)
    std::cerr << "  warning: " << w.path << ": " << w.reason << "\n";
  constexpr std::size_t kSkippedShown = 10;
  for (std::size_t i = 0; i < s.skipped_files.size() && i < kSkippedShown; ++i) {
    std::cerr << "  skipped: " << s.skipped_files[i].path << ": " << s.skipped_files[i].reason
              << "\n";
  }
  if (s.skipped_files.size() > kSkippedShown) {
    std::cerr << "  … and " << s.skipped_files.size() - kSkippedShown << " more skipped\n";
  }
}

}  // namespace

void setup_index(CLI::App& app, Run& run) {
  struct Options {
    std::vector<std::string> paths;
    std::string db;
    unsigned threads = 0;
    std::size_t batch_size = IndexOptions{}.batch_size;
    std::size_t batch_megabytes = IndexOptions{}.batch_megabytes;
    std::size_t max_file_megabytes = IndexOptions{}.max_file_megabytes;
    bool quiet = false;
    bool no_entities = false;
    bool no_facts = false;
    std::size_t shards = 0;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "index", "Index report files and folders (recursively); re-runs are incremental");
  command->add_option("paths", options->paths, "Files or folders to index")->required();
  add_db_option(*command, options->db);
  command->add_option("--threads", options->threads,
                      "Threads in all, one of which writes the index (default: one per core)");
  command
      ->add_option("--batch-size", options->batch_size,
                   "Reports per commit: a killed run loses at most one batch")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  command
      ->add_option("--batch-mb", options->batch_megabytes,
                   "Report text per commit, in MiB: bounds the writer's memory (about 15x this)")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  command
      ->add_option("--max-file-mb", options->max_file_megabytes,
                   "Skip (and report) files larger than this, in MiB")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  command
      ->add_option("--shards", options->shards,
                   "Write a new index of N shards into the --db folder (shard-1 ... and the stub "
                   "XAPIANDB that lists them), each report on the shard its id hashes to")
      ->check(CLI::Range(1, 1024));
  command->add_flag("--quiet,-q", options->quiet, "No progress, only the summary");
  command->add_flag("--no-entities", options->no_entities,
                    "Do not tag countries, state bodies and organizations (faster)");
  command->add_flag("--no-facts", options->no_facts,
                    "Do not read the trafficking facts: tiers, roles and flows (faster)");
  command->callback([options, &run] {
    run = [options](const Context& context) {
      IndexOptions index_options;
      index_options.db = resolve_db(options->db);
      for (const std::string& p : options->paths) index_options.roots.emplace_back(p);
      index_options.threads = options->threads;
      index_options.batch_size = options->batch_size;
      index_options.batch_megabytes = options->batch_megabytes;
      index_options.max_file_megabytes = options->max_file_megabytes;
      index_options.tagging = options->no_entities ? EntityTagging::kOff : EntityTagging::kOn;
      index_options.read_facts = !options->no_facts;
      index_options.shards = options->shards;
      StderrProgress progress(context.stderr_is_terminal);
      const IndexSummary summary =
          index_archive(index_options, context.gazetteers, options->quiet ? nullptr : &progress);
      print_summary(summary);
      return summary.failed > 0 ? 5 : 0;
    };
  });
}

}  // namespace dossier::cli
