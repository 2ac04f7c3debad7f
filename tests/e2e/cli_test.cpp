// End to end: the dossier binary itself, as a user runs it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corpus/schema.h"
#include "sample_index.h"
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

// The commands run on the shared sample index (read-only), from a scratch folder of their own.
class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new fs::path(test::scratch_dir("e2e"));
    db_ = new std::string(test::sample_index().string());
  }
  static fs::path* scratch_;
  static std::string* db_;
};
fs::path* Cli::scratch_ = nullptr;
std::string* Cli::db_ = nullptr;

TEST_F(Cli, IndexPrintsProgressAndASummaryOnStderr) {
  const std::string db = (*scratch_ / "db").string();
  const CommandRun run = dossier({"index", test::samples_dir().string(), "--db", db}, *scratch_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("added 178, updated 0, unchanged 0, removed 0, failed 0"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("178/178 files"), std::string::npos);
  const CommandRun again = dossier({"index", test::samples_dir().string(), "--db", db}, *scratch_);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find("added 0, updated 0, unchanged 178, removed 0, failed 0"),
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
  // Each text paragraph under the label `cite --para` takes; the heading under none.
  EXPECT_NE(show.out.find("[5] "), std::string::npos) << show.out;
  EXPECT_EQ(show.out.find("[6] "), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("## Kazakhstan (Tier 2 Watch List)\n"), std::string::npos) << show.out;
  const CommandRun json =
      dossier({"show", "000_f233a536db1b0761", "--format", "json", "--db", *db_}, *scratch_);
  const nlohmann::json paragraphs = nlohmann::json::parse(json.out)["paragraphs"];
  EXPECT_EQ(paragraphs.size(), 6u);
  // Each paragraph's place, label and kind: the heading has no label, text is counted after it.
  EXPECT_EQ(paragraphs[0]["kind"], "heading");
  EXPECT_TRUE(paragraphs[0]["label"].is_null());
  EXPECT_EQ(paragraphs[1]["number"], 2);
  EXPECT_EQ(paragraphs[1]["label"], "1");
  EXPECT_EQ(nlohmann::json::parse(json.out)["source_path"], "seed/000_f233a536db1b0761.txt");
  EXPECT_EQ(nlohmann::json::parse(json.out)["tier"], "Tier 2 Watch List");
  const CommandRun stats = dossier({"stats", "--format", "json", "--db", *db_}, *scratch_);
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const auto s = nlohmann::json::parse(stats.out);
  EXPECT_EQ(s["reports"], 178);
  EXPECT_GT(s["bytes_on_disk"].get<long>(), 0);
}

TEST_F(Cli, FactsOfACountry) {
  const CommandRun text = dossier({"facts", "--country", "KZ", "--db", *db_}, *scratch_);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Trafficking facts for Kazakhstan [KZ]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("2004  Tier 2 Watch List"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("KG -> KZ (sexual exploitation, forced labor)"), std::string::npos)
      << text.out;
  const CommandRun json = dossier(
      {"facts", "--country", "Kazakhstan", "--years", "2004", "--format", "json", "--db", *db_},
      *scratch_);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto facts = nlohmann::json::parse(json.out);
  EXPECT_EQ(facts["country"], "KZ");
  EXPECT_EQ(facts["reports"], 1);
  ASSERT_FALSE(facts["flows"].empty());
  EXPECT_EQ(facts["flows"][0]["report"], "000_f233a536db1b0761");
  EXPECT_FALSE(facts["flows"][0]["sentence"].get<std::string>().empty());
  // No country, or one that is none: a message naming the option.
  const CommandRun missing = dossier({"facts", "--db", *db_}, *scratch_);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--country"), std::string::npos) << missing.err;
  const CommandRun unknown = dossier({"facts", "--country", "Atlantis", "--db", *db_}, *scratch_);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("Atlantis"), std::string::npos) << unknown.err;
}

// An index built without the facts states none, and says so as empty lists.
TEST_F(Cli, AnIndexWithoutFactsHasEmptyLists) {
  const std::string db = (*scratch_ / "no-facts").string();
  const CommandRun index =
      dossier({"index", (test::source_dir() / "corpus/samples/archive/seed").string(), "--db", db,
               "--quiet", "--no-facts"},
              *scratch_);
  ASSERT_EQ(index.exit_code, 0) << index.err;
  const CommandRun json =
      dossier({"facts", "--country", "KZ", "--format", "json", "--db", db}, *scratch_);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto facts = nlohmann::json::parse(json.out);
  EXPECT_EQ(facts["reports"], 1);
  EXPECT_TRUE(facts["tiers"].empty());
  EXPECT_TRUE(facts["flows"].empty());
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

  // A parameter's error names the option as the command line spells it.
  const CommandRun bad_filter =
      dossier({"search", "--country", "Atlantis", "--db", *db_}, *scratch_);
  EXPECT_EQ(bad_filter.exit_code, 2);
  EXPECT_EQ(bad_filter.err,
            "dossier: --country: unknown country \"Atlantis\" (use a name or an ISO code)\n");
  const CommandRun bad_years =
      dossier({"search", "--years", "2004..2001", "--db", *db_}, *scratch_);
  EXPECT_EQ(bad_years.exit_code, 2);
  EXPECT_EQ(bad_years.err, "dossier: --year: the range 2004..2001 ends before it starts\n");
  const CommandRun bad_limit = dossier({"search", "--limit", "many", "--db", *db_}, *scratch_);
  EXPECT_EQ(bad_limit.exit_code, 2);
  EXPECT_EQ(bad_limit.err,
            "dossier: --limit: must be a whole number from 0 to 10000, not \"many\"\n");
  const CommandRun twice =
      dossier({"search", "--sort", "date", "--sort", "relevance", "--db", *db_}, *scratch_);
  EXPECT_EQ(twice.err, "dossier: --sort: is given more than once\n");
  const CommandRun bad_para =
      dossier({"cite", "000_f233a536db1b0761", "--para", "0", "--db", *db_}, *scratch_);
  EXPECT_EQ(bad_para.exit_code, 2);
  EXPECT_EQ(bad_para.err,
            "dossier: --para: report 000_f233a536db1b0761 has no paragraph \"0\" (its paragraphs "
            "run from 1 to 5)\n");
  const CommandRun local_link =
      dossier({"cite", "000_f233a536db1b0761", "--link", "local", "--db", *db_}, *scratch_);
  EXPECT_EQ(local_link.exit_code, 2);
  EXPECT_EQ(local_link.err,
            "dossier: --link: a link to the report page needs the address the pages are served "
            "at (--base-url, or DOSSIER_BASE_URL)\n");
  const CommandRun bad_option = dossier({"search", "--colour", "red", "--db", *db_}, *scratch_);
  EXPECT_EQ(bad_option.exit_code, 2);
}

// The options of `dossier search` are the request model's: every filter of the schema, the tier
// among them, and the names the API also takes.
TEST_F(Cli, SearchOptionsComeFromTheSchema) {
  const CommandRun help = dossier({"search", "--help"}, *scratch_);
  EXPECT_EQ(help.exit_code, 0);
  for (const schema::Field& field : schema::fields()) {
    if (!field.exposed(schema::kFilter)) continue;
    std::string option = "--" + std::string(field.name);  // "--flow-from" for flow_from
    std::replace(option.begin(), option.end(), '_', '-');
    EXPECT_TRUE(help.out.find(option + " ") != std::string::npos ||
                help.out.find(option + ",") != std::string::npos)
        << field.name;
  }
  for (const char* option :
       {"--entity", "--from", "--to", "--years", "--sort", "--limit", "-n", "--size", "--page",
        "--offset", "--no-facets", "--passages", "--collapse", "--format", "--base-url", "--db"}) {
    EXPECT_NE(help.out.find(option), std::string::npos) << option;
  }
  const CommandRun tier = dossier(
      {"search", "--tier", "2wl", "--format", "json", "--limit", "1", "--no-facets", "--db", *db_},
      *scratch_);
  ASSERT_EQ(tier.exit_code, 0) << tier.err;
  const auto json = nlohmann::json::parse(tier.out);
  EXPECT_GT(json["total"].get<int>(), 10);
  EXPECT_EQ(json["hits"][0]["tier"], "Tier 2 Watch List");
  // Old and new names of one parameter are one parameter.
  const CommandRun pages = dossier({"search", "trafficking", "--size", "5", "--page", "2",
                                    "--format", "json", "--no-facets", "--db", *db_},
                                   *scratch_);
  ASSERT_EQ(pages.exit_code, 0) << pages.err;
  EXPECT_EQ(nlohmann::json::parse(pages.out)["offset"], 5);
}

// A damaged or cut-short index is reported in one line with exit code 4, never by an abort.
// (A command that reads no damaged part of it answers as usual.)
TEST_F(Cli, ADamagedIndexIsReportedNotCrashedOn) {
  for (const char* table : {"postlist.glass", "docdata.glass", "termlist.glass", "iamglass"}) {
    for (const bool truncate : {true, false}) {
      SCOPED_TRACE(std::string(table) + (truncate ? " cut short" : " overwritten"));
      const fs::path copy = test::copy_of_sample_index(*scratch_ / "damaged");
      const fs::path file = copy / table;
      if (truncate) {
        fs::resize_file(file, fs::file_size(file) / 3);
      } else {
        // Garbage over the first blocks (after the first 16 bytes: a table's header).
        std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekp(16);
        for (int i = 0; i < 20000; ++i) bytes.put(static_cast<char>((i * 7919) % 251));
      }
      int refused = 0;
      for (const std::vector<std::string>& command :
           {std::vector<std::string>{"search", "forced labor", "--passages"},
            std::vector<std::string>{"search", "--limit", "10000", "--format", "jsonl"},
            std::vector<std::string>{"show", "000_f233a536db1b0761"},
            std::vector<std::string>{"stats"},
            std::vector<std::string>{"index", test::samples_dir().string(), "--quiet"}}) {
        std::vector<std::string> args = command;
        args.insert(args.end(), {"--db", copy.string()});
        const CommandRun run = dossier(args, *scratch_);
        EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 4) << command[0] << ": " << run.err;
        if (run.exit_code != 4) continue;
        ++refused;
        EXPECT_TRUE(run.err.starts_with("dossier: ")) << run.err;
        EXPECT_NE(run.err.find(copy.string()), std::string::npos) << run.err;
        EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
      }
      EXPECT_GT(refused, 0);
    }
  }
}

TEST_F(Cli, DbComesFromTheEnvironmentToo) {
  const std::string command = "DOSSIER_DB=" + quote(*db_) + " " + quote(DOSSIER_BINARY) +
                              " search --limit 0 --no-facets --format json >" +
                              quote((*scratch_ / "env.json").string()) + " 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(nlohmann::json::parse(slurp(*scratch_ / "env.json"))["total"], 178);
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
    EXPECT_LE(reports, 178);
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
  EXPECT_EQ(hits.size(), 178u);
  EXPECT_EQ(ids.size(), 178u);
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
  EXPECT_EQ(nlohmann::json::parse(done.out)["total"], 179);
}

}  // namespace
}  // namespace dossier
