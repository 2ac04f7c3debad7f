// A messy archive, generated here file by file with the outcome each must have: indexed (and
// findable by a word of its own, with a warning where its bytes had to be converted or repaired)
// or skipped with its reason in the summary, while the rest of the run completes.
#include <sys/wait.h>
#include <unicode/ucnv.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "corpus/error.h"
#include "indexer/index_writer.h"
#include "sample_index.h"
#include "searcher/search.h"
#include "test_paths.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

// `utf8` in another encoding, through ICU's converters.
std::string encode_as(const char* charset, const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t length =
      ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                   static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << charset << ": " << u_errorName(status);
  out.resize(static_cast<std::size_t>(length));
  return out;
}

std::string report(const std::string& title, const std::string& body) {
  return title + "\n\nPublisher Test Publisher\nPublication Date 3 March 2010\n\n" + body + "\n";
}

enum class Outcome { kIndexed, kSkipped };

struct Case {
  std::string file;   // relative to the archive
  std::string bytes;  // its content
  Outcome outcome;
  std::string says;      // a warning (indexed) or the reason (skipped) holds this; "" = none
  std::string findable;  // indexed: a word only this file has
};

class BrokenFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    archive_ = test::scratch_dir("broken-files") / "archive";
    fs::create_directories(archive_);
    const std::string latin_text =
        "Le gouvernement a déclaré que les « victimes » étaient protégées; l’État a créé un "
        "comité spécial, selon le ministère. Mot: ";
    const std::string english_quotes =
        "The ministry said “victims” were protected — and the government’s résumé of its work "
        "was published… Word: ";
    std::string megabyte_line;
    while (megabyte_line.size() < (1u << 20)) megabyte_line += "trafficking victims shelter ";
    cases_ = {
        {"good.txt", report("A good report - Kazakhstan", "The word is zanzibarite."),
         Outcome::kIndexed, "", "zanzibarite"},
        {"cp1251.txt",
         encode_as("windows-1251", report("Доклад о правах человека - Казахстан",
                                          "Правительство сообщило о расследованиях. "
                                          "Слово: квазиморфизм.")),
         Outcome::kIndexed, "converted from windows-1251", "квазиморфизм"},
        {"cp1252.txt",
         encode_as("windows-1252", report("Rapport - Côte d’Ivoire", latin_text + "xylofrance.")),
         Outcome::kIndexed, "windows-1252", "xylofrance"},
        {"latin1.txt",
         encode_as("ISO-8859-1", report("Rapport - Bénin",
                                        "Le gouvernement a déclaré que les étrangers étaient "
                                        "protégés par le comité. Mot: latinoword.")),
         Outcome::kIndexed, "converted from ISO-8859-1", "latinoword"},
        {"macroman.txt",
         encode_as("macintosh", report("Report - Cote d’Ivoire", english_quotes + "macwordly.")),
         Outcome::kIndexed, "converted from macintosh", "macwordly"},
        {"utf16le.txt",
         encode_as("UTF-16LE", "\xEF\xBB\xBF" + report("UTF-16 report - Chad", "Word: sixteenle.")),
         Outcome::kIndexed, "converted from UTF-16LE", "sixteenle"},
        {"utf16be.txt",
         encode_as("UTF-16BE", "\xEF\xBB\xBF" + report("UTF-16 report - Mali", "Word: sixteenbe.")),
         Outcome::kIndexed, "converted from UTF-16BE", "sixteenbe"},
        {"utf8-bom.txt", "\xEF\xBB\xBF" + report("BOM report - Niger", "Word: bommedword."),
         Outcome::kIndexed, "", "bommedword"},
        {"stray-byte.txt",
         report("Stray byte - Perú", "The ministry’s report — Word: strayword \xFF here."),
         Outcome::kIndexed, "invalid UTF-8 at byte offset", "strayword"},
        {"megabyte-line.txt", report("One long line - Chile", megabyte_line + "finalword."),
         Outcome::kIndexed, "", "finalword"},
        {"name-\xE9t\xE9-latin1.txt", report("Latin-1 file name - Togo", "Word: latinname."),
         Outcome::kIndexed, "", "latinname"},
        {"Rapport « été » 2004 (copie).md",
         report("Unicode file name - Gabon", "Word: unicodename."), Outcome::kIndexed, "",
         "unicodename"},
        {"folder.txt/inner.txt", report("In a folder named like a file - Laos", "Word: innerword."),
         Outcome::kIndexed, "", "innerword"},
        {"empty.txt", "", Outcome::kSkipped, "empty file", ""},
        {"binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), Outcome::kSkipped,
         "NUL byte", ""},
        {"nul-inside.txt", report("NUL inside - Iran", std::string("before\0after", 12)),
         Outcome::kSkipped, "NUL byte", ""},
        {"only-header.txt", "Only a title\n", Outcome::kSkipped, "no body text", ""},
        {"noise.txt",
         [] {
           std::string noise = "Title\n\n";
           for (int i = 0; i < 100; ++i) noise += "\x80\xff\xc3";
           return noise;
         }(),
         Outcome::kSkipped, "not UTF-8", ""},
        {"too-large.txt", report("Too large - Fiji", std::string(3u << 20, 'x')), Outcome::kSkipped,
         "file too large: 4 MiB, over the limit of 2 MiB", ""},
    };
    for (const Case& c : cases_) {
      fs::create_directories((archive_ / c.file).parent_path());
      std::ofstream(archive_ / c.file, std::ios::binary) << c.bytes;
    }
    fs::create_symlink("loop.txt", archive_ / "loop.txt");
    fs::create_symlink("missing-target.txt", archive_ / "dangling.txt");
    const fs::path outside = archive_.parent_path() / "outside.txt";
    std::ofstream(outside) << report("Linked from the archive - Oman", "Word: linkedword.");
    fs::create_symlink(outside, archive_ / "link-to-outside.txt");
    fs::create_directory_symlink(".", archive_ / "folder-loop");
  }

  fs::path archive_;
  std::vector<Case> cases_;
};

TEST_F(BrokenFiles, EachFileIsIndexedOrSkippedWithItsReasonAndTheRunCompletes) {
  IndexOptions options;
  options.db = archive_.parent_path() / "db";
  options.roots = {archive_};
  options.max_file_megabytes = 2;
  const IndexSummary summary = index_archive(options, test::gazetteers(), nullptr);

  auto failure_of = [&](const fs::path& path) -> const FileProblem* {
    for (const FileProblem& f : summary.failures) {
      if (f.path == path.string()) return &f;
    }
    return nullptr;
  };
  auto warnings_of = [&](const fs::path& path) {
    std::string all;
    for (const FileProblem& w : summary.warnings) {
      if (w.path == path.string()) all += w.reason + "\n";
    }
    return all;
  };
  Searcher searcher(options.db, test::gazetteers());
  std::size_t indexed = 0;
  for (const Case& c : cases_) {
    const fs::path path = archive_ / c.file;
    SCOPED_TRACE(c.file);
    if (c.outcome == Outcome::kIndexed) {
      ++indexed;
      EXPECT_EQ(failure_of(path), nullptr) << failure_of(path)->reason;
      if (c.says.empty()) {
        EXPECT_EQ(warnings_of(path), "");
      } else {
        EXPECT_NE(warnings_of(path).find(c.says), std::string::npos) << warnings_of(path);
      }
      SearchRequest request;
      request.query = c.findable;
      request.count_facets = false;
      const SearchResult result = searcher.search(request);
      ASSERT_EQ(result.total, 1u) << "searching for " << c.findable;
      EXPECT_FALSE(result.hits[0].snippet.text.empty());
    } else {
      const FileProblem* failure = failure_of(path);
      ASSERT_NE(failure, nullptr) << "not reported as skipped";
      EXPECT_NE(failure->reason.find(c.says), std::string::npos) << failure->reason;
    }
  }
  // Links: one to a report is indexed as its own file; one that cannot be followed is reported;
  // a link to a folder is not followed (so a loop of folders cannot trap the run).
  ++indexed;
  EXPECT_EQ(failure_of(archive_ / "link-to-outside.txt"), nullptr);
  SearchRequest linked;
  linked.query = "linkedword";
  EXPECT_EQ(searcher.search(linked).total, 1u);
  ASSERT_NE(failure_of(archive_ / "loop.txt"), nullptr);
  EXPECT_EQ(failure_of(archive_ / "loop.txt")->reason, "symbolic link loop");
  ASSERT_NE(failure_of(archive_ / "dangling.txt"), nullptr);
  EXPECT_NE(failure_of(archive_ / "dangling.txt")->reason.find("broken symbolic link"),
            std::string::npos);

  EXPECT_EQ(summary.added, indexed);
  EXPECT_EQ(summary.reports_in_index, indexed);
  EXPECT_EQ(summary.failed, summary.failures.size());
  EXPECT_EQ(summary.failures.size(), cases_.size() + 3 - indexed);

  // The Mac Roman report reads as it was written.
  SearchRequest request;
  request.query = "macwordly";
  request.passages = 1;
  const SearchResult mac = searcher.search(request);
  ASSERT_EQ(mac.hits.size(), 1u);
  EXPECT_EQ(mac.hits[0].value(schema::FieldId::kTitle), "Report - Cote d’Ivoire");
}

// A folder under the system's temporary folder, which every user can reach (a checkout's own
// folders may not be reachable by an unprivileged child), open to all so such a child can
// write its index there.
fs::path shared_scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::all);
  return dir;
}

// Runs `check` as an unprivileged user: as this process when it is one, else (root reads and
// enters everything) in a child process that has become "nobody".
bool as_unprivileged_user(const std::function<bool()>& check) {
  if (geteuid() != 0) return check();
  test::gazetteers();  // loaded before the fork, with the privileges to read them
  const pid_t child = ::fork();
  if (child < 0) return false;
  if (child == 0) {
    const bool dropped = ::setgid(65534) == 0 && ::setuid(65534) == 0;
    ::_exit(dropped && check() ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

IndexOptions options_for(const fs::path& root, const fs::path& db) {
  IndexOptions options;
  options.db = db;
  options.roots = {root};
  return options;
}

TEST_F(BrokenFiles, AnUnreadableFileIsSkippedWithItsReason) {
  const fs::path dir = shared_scratch("dossier-unreadable");
  const fs::path locked = dir / "locked.txt";
  std::ofstream(locked) << report("Locked - Nepal", "Word: lockedword.");
  fs::permissions(locked, fs::perms::none);
  const bool skipped = as_unprivileged_user([&] {
    const IndexSummary summary =
        index_archive(options_for(locked, dir / "db"), test::gazetteers(), nullptr);
    return summary.failures.size() == 1 && summary.added == 0 &&
           summary.failures[0].reason.find("cannot open") != std::string::npos;
  });
  fs::remove_all(dir);
  EXPECT_TRUE(skipped) << "the unreadable file was not skipped with \"cannot open\"";
}

TEST_F(BrokenFiles, ARootBehindAClosedFolderIsReportedAsUnreachable) {
  const fs::path dir = shared_scratch("dossier-unreachable");
  fs::create_directories(dir / "closed");
  std::ofstream(dir / "closed" / "inner.txt") << report("Inner - Nepal", "Word: innerword.");
  fs::permissions(dir / "closed", fs::perms::none);
  const fs::path root = dir / "closed" / "inner.txt";
  const bool refused = as_unprivileged_user([&] {
    try {
      index_archive(options_for(root, dir / "db"), test::gazetteers(), nullptr);
    } catch (const Error& e) {
      return e.kind() == ErrorKind::kIo &&
             std::string(e.what()).find("cannot reach " + root.string() + ": Permission denied") !=
                 std::string::npos;
    }
    return false;
  });
  fs::permissions(dir / "closed", fs::perms::owner_all);
  fs::remove_all(dir);
  EXPECT_TRUE(refused) << "not refused with \"cannot reach ...: Permission denied\"";
}

}  // namespace
}  // namespace dossier
