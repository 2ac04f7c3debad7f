// End to end: the dossier binary itself, as a user runs it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "test_paths.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// Runs dossier with the arguments (no shell interpretation of them); stdout and stderr apart.
CommandRun dossier(const std::vector<std::string>& args, const fs::path& scratch) {
  std::string command = quote(DOSSIER_BINARY);
  for (const std::string& a : args) command += " " + quote(a);
  const fs::path out = scratch / "stdout", err = scratch / "stderr";
  command += " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new fs::path(test::scratch_dir("e2e"));
    db_ = new std::string((*scratch_ / "db").string());
    const CommandRun run =
        dossier({"index", test::samples_dir().string(), "--db", *db_}, *scratch_);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    index_stderr_ = new std::string(run.err);
  }
  static fs::path* scratch_;
  static std::string* db_;
  static std::string* index_stderr_;
};
fs::path* Cli::scratch_ = nullptr;
std::string* Cli::db_ = nullptr;
std::string* Cli::index_stderr_ = nullptr;

TEST_F(Cli, IndexPrintsProgressAndASummaryOnStderr) {
  EXPECT_NE(index_stderr_->find("added 175, updated 0, unchanged 0, removed 0, failed 0"),
            std::string::npos)
      << *index_stderr_;
  EXPECT_NE(index_stderr_->find("175/175 files"), std::string::npos);
  const CommandRun again =
      dossier({"index", test::samples_dir().string(), "--db", *db_}, *scratch_);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find("added 0, updated 0, unchanged 175, removed 0, failed 0"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(again.out, "");
}

TEST_F(Cli, SearchJsonIsAloneOnStdoutAndDocumented) {
  const CommandRun run = dossier({"search", "forced labor", "--country", "Kazakhstan", "--format",
                                  "json", "--limit", "3", "--db", *db_},
                                 *scratch_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_GE(json["total"].get<int>(), 2);
  EXPECT_LE(json["hits"].size(), 3u);
  for (const char* key : {"total", "hits", "facets", "took_ms", "query", "offset", "limit"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  for (const auto& hit : json["hits"]) {
    EXPECT_EQ(hit["country"], "KZ");
    for (const char* key : {"id", "title", "country", "country_name", "year", "publisher", "series",
                            "score", "snippet"}) {
      EXPECT_TRUE(hit.contains(key)) << key;
    }
  }
  for (const char* facet : {"country", "year", "topic", "publisher", "series"}) {
    EXPECT_TRUE(json["facets"].contains(facet)) << facet;
  }
}

TEST_F(Cli, SearchTextMarksTheQueryTerms) {
  const CommandRun run = dossier({"search", "\"Justice Ministry\"", "--db", *db_}, *scratch_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("**Justice Ministry**"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("000_f233a536db1b0761"), std::string::npos);
}

TEST_F(Cli, ShowAndStats) {
  const CommandRun show = dossier({"show", "000_f233a536db1b0761", "--db", *db_}, *scratch_);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("Published   2004-06-14"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("[6] "), std::string::npos);
  const CommandRun json =
      dossier({"show", "000_f233a536db1b0761", "--format", "json", "--db", *db_}, *scratch_);
  EXPECT_EQ(nlohmann::json::parse(json.out)["paragraphs"].size(), 6u);
  const CommandRun stats = dossier({"stats", "--format", "json", "--db", *db_}, *scratch_);
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const auto s = nlohmann::json::parse(stats.out);
  EXPECT_EQ(s["reports"], 175);
  EXPECT_GT(s["bytes_on_disk"].get<long>(), 0);
}

TEST_F(Cli, ErrorsAreOneLineWithTheRightExitCode) {
  const CommandRun bad_query = dossier({"search", "(forced labor", "--db", *db_}, *scratch_);
  EXPECT_EQ(bad_query.exit_code, 2);
  EXPECT_EQ(bad_query.err, "dossier: this '(' is never closed (at character 1)\n");
  EXPECT_EQ(bad_query.out, "");

  const CommandRun no_index =
      dossier({"search", "x", "--db", (*scratch_ / "missing").string()}, *scratch_);
  EXPECT_EQ(no_index.exit_code, 4);
  EXPECT_NE(no_index.err.find("no index at"), std::string::npos);

  const CommandRun unknown = dossier({"show", "nope", "--db", *db_}, *scratch_);
  EXPECT_EQ(unknown.exit_code, 4);
  EXPECT_EQ(unknown.err, "dossier: no report with id \"nope\"\n");

  const CommandRun bad_filter =
      dossier({"search", "--country", "Atlantis", "--db", *db_}, *scratch_);
  EXPECT_EQ(bad_filter.exit_code, 2);

  const CommandRun bad_option = dossier({"search", "--limit", "many", "--db", *db_}, *scratch_);
  EXPECT_EQ(bad_option.exit_code, 2);
}

TEST_F(Cli, DbComesFromTheEnvironmentToo) {
  const std::string command = "DOSSIER_DB=" + quote(*db_) + " " + quote(DOSSIER_BINARY) +
                              " search --limit 0 --no-facets --format json >" +
                              quote((*scratch_ / "env.json").string()) + " 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(nlohmann::json::parse(slurp(*scratch_ / "env.json"))["total"], 175);
}

TEST_F(Cli, EntitiesOfAFileWithoutAnIndex) {
  const std::string seed = test::seed_file().string();
  const CommandRun run = dossier({"entities", seed, "--format", "json"}, *scratch_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["file"], seed);
  EXPECT_EQ(json["subject_country"], "KZ");
  bool found_ministry = false;
  for (const auto& e : json["entities"]) {
    for (const char* key : {"kind", "id", "name", "mentions", "spans"}) {
      EXPECT_TRUE(e.contains(key)) << key;
    }
    EXPECT_EQ(e["mentions"], e["spans"].size());
    if (e["kind"] == "state_body" && e["name"] == "Ministry of Justice") {
      found_ministry = true;
      EXPECT_EQ(e["country"], "KZ");
      EXPECT_EQ(e["mentions"],
                4);  // "the Ministries of Interior and Justice", 3 x "Justice Ministry"
    }
    if (e["kind"] == "country") {
      EXPECT_EQ(e["id"].get<std::string>().size(), 2u);
    }
  }
  EXPECT_TRUE(found_ministry);
  // Offsets point into the body: the paragraphs joined by blank lines.
  const auto& first = json["entities"][0];
  EXPECT_EQ(first["id"], "KZ");
  EXPECT_EQ(first["spans"][0][0], 0);
  EXPECT_EQ(first["spans"][0][1], 10);

  const CommandRun two = dossier({"entities", seed, seed, "--format", "json"}, *scratch_);
  EXPECT_EQ(nlohmann::json::parse(two.out).size(), 2u);
  const CommandRun missing = dossier({"entities", (*scratch_ / "nope.txt").string()}, *scratch_);
  EXPECT_EQ(missing.exit_code, 5);
  EXPECT_NE(missing.err.find("nope.txt: cannot open"), std::string::npos);
}

}  // namespace
}  // namespace dossier

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace dossier {
namespace {

// Starts `dossier index` in the background; returns its pid.
pid_t start_index(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    static std::string binary = DOSSIER_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies(args);
    for (std::string& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

// Killing the indexer at any moment leaves an index that opens and holds only whole reports (or
// none at all, when it is killed while creating it); the next run completes it without
// duplicates.
TEST(CrashSafety, SigkillAtSeveralPointsLosesNothing) {
  const fs::path scratch = test::scratch_dir("crash");
  const std::string db = (scratch / "db").string();
  const std::string archive = test::samples_dir().string();
  for (int delay_ms : {10, 30, 60, 100, 150, 400, 900}) {
    SCOPED_TRACE("killed after " + std::to_string(delay_ms) + " ms");
    const pid_t pid = start_index({"index", archive, "--db", db, "--batch-size", "7", "--quiet"});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!fs::exists(db)) continue;  // killed before the index was created
    // The index opens, every stored report decodes, and the ids are unique.
    const CommandRun stats = dossier({"stats", "--format", "json", "--db", db}, scratch);
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    const auto reports = nlohmann::json::parse(stats.out)["reports"].get<int>();
    EXPECT_LE(reports, 175);
    const CommandRun all = dossier(
        {"search", "--limit", "1000", "--no-facets", "--format", "json", "--db", db}, scratch);
    ASSERT_EQ(all.exit_code, 0) << all.err;
    const auto listed = nlohmann::json::parse(all.out);
    std::set<std::string> ids;
    for (const auto& hit : listed["hits"]) ids.insert(hit["id"].get<std::string>());
    EXPECT_EQ(static_cast<int>(ids.size()), reports);
  }
  // The next run completes the index: every report once.
  const CommandRun finish = dossier({"index", archive, "--db", db, "--quiet"}, scratch);
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  const CommandRun all = dossier(
      {"search", "--limit", "1000", "--no-facets", "--format", "json", "--db", db}, scratch);
  const auto hits = nlohmann::json::parse(all.out)["hits"];
  std::set<std::string> ids;
  for (const auto& hit : hits) ids.insert(hit["id"]);
  EXPECT_EQ(hits.size(), 175u);
  EXPECT_EQ(ids.size(), 175u);
  // A run killed while creating the index left only a staging folder, which a later run removed.
  for (const auto& entry : fs::directory_iterator(scratch)) {
    EXPECT_EQ(entry.path().filename().string().find(".creating-"), std::string::npos)
        << entry.path();
  }
}

// Searches keep working while an index run commits, and never see half a report.
TEST(Concurrency, SearchesWhileIndexing) {
  const fs::path scratch = test::scratch_dir("concurrent");
  const std::string db = (scratch / "db").string();
  // A first report, so there is an index to search from the start.
  fs::create_directories(scratch / "first");
  std::ofstream(scratch / "first" / "one.txt") << "First report - Kenya\n\nOne paragraph.\n";
  ASSERT_EQ(
      dossier({"index", (scratch / "first").string(), "--db", db, "--quiet"}, scratch).exit_code,
      0);
  const pid_t indexer =
      start_index({"index", (scratch / "first").string(), test::samples_dir().string(), "--db", db,
                   "--batch-size", "5", "--quiet"});
  int searches = 0;
  int last_total = 0;
  bool monotonic = true;
  for (int status = 0; ::waitpid(indexer, &status, WNOHANG) == 0; ++searches) {
    const CommandRun run =
        dossier({"search", "--format", "json", "--limit", "3", "--db", db}, scratch);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto json = nlohmann::json::parse(run.out);
    const int total = json["total"];
    monotonic = monotonic && total >= last_total;
    last_total = total;
    for (const auto& hit : json["hits"]) EXPECT_FALSE(hit["title"].get<std::string>().empty());
  }
  EXPECT_GT(searches, 0);
  EXPECT_TRUE(monotonic);
  const CommandRun done =
      dossier({"search", "--format", "json", "--limit", "0", "--db", db}, scratch);
  EXPECT_EQ(nlohmann::json::parse(done.out)["total"], 176);
}

}  // namespace
}  // namespace dossier
