#include "indexer/index_writer.h"

#include <gtest/gtest.h>

#include <fstream>

#include "corpus/error.h"
#include "corpus/report_codec.h"
#include "sample_index.h"
#include "searcher/search.h"
#include "test_paths.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

std::size_t count(const fs::path& db, const std::string& query) {
  Searcher searcher(db, test::gazetteers());
  SearchRequest request;
  request.query = query;
  request.count_facets = false;
  return searcher.search(request).total;
}

class IncrementalIndex : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::scratch_dir("incremental");
    archive_ = dir_ / "archive";
    options_.db = dir_ / "db";
    options_.roots = {archive_};
    test::write_file(archive_ / "a.txt",
                     test::report_text("Report A - Kazakhstan", "Alpha paragraph on labour."));
    test::write_file(archive_ / "sub" / "b.txt",
                     test::report_text("Report B - Uzbekistan", "Bravo paragraph on cotton."));
    test::write_file(archive_ / "c.md",
                     test::report_text("Report C - Tajikistan", "Charlie paragraph on migrants."));
  }
  IndexSummary run() { return index_archive(options_, test::gazetteers(), nullptr); }

  fs::path dir_, archive_;
  IndexOptions options_;
};

TEST_F(IncrementalIndex, SecondRunSkipsChangesAddsAndRemoves) {
  IndexSummary first = run();
  EXPECT_EQ(first.added, 3u);
  EXPECT_EQ(first.failed, 0u);
  EXPECT_EQ(first.reports_in_index, 3u);

  IndexSummary again = run();
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.updated, 0u);
  EXPECT_EQ(again.unchanged, 3u);
  EXPECT_EQ(again.removed, 0u);

  // Change one, delete one, add one.
  test::write_file(
      archive_ / "a.txt",
      test::report_text("Report A - Kazakhstan", "Alpha paragraph rewritten on xylophones."));
  fs::remove(archive_ / "sub" / "b.txt");
  test::write_file(archive_ / "d.txt",
                   test::report_text("Report D - Turkmenistan", "Delta paragraph on gas."));
  IndexSummary third = run();
  EXPECT_EQ(third.added, 1u);
  EXPECT_EQ(third.updated, 1u);
  EXPECT_EQ(third.unchanged, 1u);
  EXPECT_EQ(third.removed, 1u);
  EXPECT_EQ(third.reports_in_index, 3u);

  EXPECT_EQ(count(options_.db, "xylophones"), 1u);
  EXPECT_EQ(count(options_.db, "labour"), 0u);
  EXPECT_EQ(count(options_.db, "cotton"), 0u);
  EXPECT_EQ(count(options_.db, "gas"), 1u);
  // Ids survive the re-index.
  Searcher searcher(options_.db, test::gazetteers());
  EXPECT_EQ(searcher.report("a").title, "Report A - Kazakhstan");
  EXPECT_EQ(searcher.report("d").country_code, "TM");
}

TEST_F(IncrementalIndex, TouchedButUnchangedFileIsNotCountedAsUpdated) {
  run();
  fs::last_write_time(archive_ / "a.txt",
                      fs::last_write_time(archive_ / "a.txt") + std::chrono::hours(1));
  IndexSummary again = run();
  EXPECT_EQ(again.updated, 0u);
  EXPECT_EQ(again.unchanged, 3u);
}

TEST_F(IncrementalIndex, FailedFilesAreReportedAndTheRestIndexed) {
  test::write_file(archive_ / "empty.txt", "");
  test::write_file(archive_ / "binary.txt", std::string("PK\x03\x04\0\0binary", 12));
  test::write_file(archive_ / "table.tsv", "a\tb\n");
  IndexSummary summary = run();
  EXPECT_EQ(summary.added, 3u);
  EXPECT_EQ(summary.failed, 2u);
  EXPECT_EQ(summary.skipped, 1u);
  ASSERT_EQ(summary.failures.size(), 2u);
  EXPECT_EQ(summary.failures[0].path, (archive_ / "binary.txt").string());
  EXPECT_NE(summary.failures[0].reason.find("NUL byte"), std::string::npos);
  EXPECT_EQ(summary.failures[1].path, (archive_ / "empty.txt").string());
  EXPECT_EQ(summary.failures[1].reason, "empty file");
}

TEST_F(IncrementalIndex, ABrokenEditKeepsThePreviousVersion) {
  run();
  test::write_file(archive_ / "a.txt", "");
  IndexSummary summary = run();
  EXPECT_EQ(summary.failed, 1u);
  EXPECT_NE(summary.failures[0].reason.find("previously indexed version is kept"),
            std::string::npos);
  EXPECT_EQ(count(options_.db, "alpha"), 1u);
}

TEST_F(IncrementalIndex, IdenticalReportsAreDetectedAndCanBeCollapsed) {
  test::write_file(archive_ / "copy-of-a.txt",
                   test::report_text("Report A (copy) - Kazakhstan", "Alpha paragraph on labour."));
  const IndexSummary summary = run();
  ASSERT_EQ(summary.duplicate_groups.size(), 1u);
  EXPECT_EQ(summary.duplicate_groups[0], (std::vector<std::string>{"a", "copy-of-a"}));
  Searcher searcher(options_.db, test::gazetteers());
  SearchRequest request;
  request.query = "alpha";
  EXPECT_EQ(searcher.search(request).total, 2u);
  request.collapse_duplicates = true;
  const SearchResult collapsed = searcher.search(request);
  EXPECT_EQ(collapsed.total, 1u);
  ASSERT_EQ(collapsed.hits.size(), 1u);
  EXPECT_EQ(collapsed.hits[0].duplicates, 1u);
}

TEST_F(IncrementalIndex, OneReportInTwoFilesIsOneGroupUntilACopyGoes) {
  // The same symbol, spelt with and without a cover note's marker; and the same title, country
  // and date as another report (a PDF and its text copy have different bodies).
  test::write_file(archive_ / "upr.txt",
                   "Report of the Working Group\n\nPublisher UN Human Rights Council\n"
                   "Document Symbol A/HRC/12/5*\nPublication Date 3 March 2010\n\nOne text.\n");
  test::write_file(archive_ / "upr-other.txt",
                   "Working Group report (copy)\n\nPublisher UN Human Rights Council\n"
                   "Document Symbol A/HRC/12/5\nPublication Date 3 March 2010\n\nOther text.\n");
  test::write_file(archive_ / "a-copy.txt",
                   test::report_text("Report A - Kazakhstan", "Alpha, as another file has it."));
  IndexSummary summary = run();
  ASSERT_EQ(summary.duplicate_groups.size(), 2u);
  EXPECT_EQ(summary.duplicate_groups[0], (std::vector<std::string>{"a", "a-copy"}));
  EXPECT_EQ(summary.duplicate_groups[1], (std::vector<std::string>{"upr", "upr-other"}));
  {
    Searcher searcher(options_.db, test::gazetteers());
    EXPECT_EQ(searcher.copies("a"), (std::vector<std::string>{"a-copy"}));
  }
  fs::remove(archive_ / "a-copy.txt");
  summary = run();
  ASSERT_EQ(summary.duplicate_groups.size(), 1u);
  EXPECT_EQ(summary.duplicate_groups[0], (std::vector<std::string>{"upr", "upr-other"}));
  Searcher searcher(options_.db, test::gazetteers());
  EXPECT_TRUE(searcher.copies("a").empty());
  SearchRequest request;
  request.query = "alpha";
  request.collapse_duplicates = true;
  EXPECT_EQ(searcher.search(request).hits.at(0).duplicates, 0u);
}

TEST_F(IncrementalIndex, SameFileNameInTwoFoldersGetsTwoIds) {
  test::write_file(archive_ / "x" / "a.txt",
                   test::report_text("Another A - Kenya", "Echo paragraph."));
  run();
  Searcher searcher(options_.db, test::gazetteers());
  SearchRequest request;
  request.query = "title:another";
  const SearchResult result = searcher.search(request);
  ASSERT_EQ(result.total, 1u);
  EXPECT_TRUE(result.hits[0].id.starts_with("a-")) << result.hits[0].id;
  EXPECT_EQ(searcher.report("a").title, "Report A - Kazakhstan");
}

TEST(IndexErrors, MissingRootAndLockedIndex) {
  const auto dir = test::scratch_dir("index-errors");
  IndexOptions options;
  options.db = dir / "db";
  options.roots = {dir / "no-such-folder"};
  try {
    index_archive(options, test::gazetteers(), nullptr);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
  }
}

TEST(IndexErrors, SearchingWithoutAnIndexSaysSo) {
  const auto dir = test::scratch_dir("no-index");
  try {
    Searcher searcher(dir / "db", test::gazetteers());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIndexMissing);
    EXPECT_NE(std::string(e.what()).find("dossier index"), std::string::npos);
  }
}

}  // namespace
}  // namespace dossier

#include <xapian.h>

namespace dossier {
namespace {

TEST(IndexErrors, ASecondWriterIsToldTheIndexIsLocked) {
  const auto dir = test::scratch_dir("locked");
  std::ofstream(dir / "r.txt") << "Title - Kenya\n\nBody text.\n";
  Xapian::WritableDatabase holder((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  IndexOptions options;
  options.db = dir / "db";
  options.roots = {dir / "r.txt"};
  try {
    index_archive(options, test::gazetteers(), nullptr);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIndexLocked);
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos);
  }
}

TEST(IndexErrors, TheLockMessageSaysWhoHoldsIt) {
  const auto dir = test::scratch_dir("locked-by");
  std::ofstream(dir / "r.txt") << "Title - Kenya\n\nBody text.\n";
  Xapian::WritableDatabase holder((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  std::ofstream(dir / "db" / "dossier-writer.txt")
      << "pid 4242 on lab-host, since 2026-11-30T07:50:00Z\n";
  IndexOptions options;
  options.db = dir / "db";
  options.roots = {dir / "r.txt"};
  try {
    index_archive(options, test::gazetteers(), nullptr);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIndexLocked);
    EXPECT_NE(std::string(e.what()).find("(pid 4242 on lab-host, since 2026-11-30T07:50:00Z)"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST_F(IncrementalIndex, AnIndexOfAnotherFormatIsRefusedUntilReindexed) {
  run();
  {
    Xapian::WritableDatabase db(options_.db.string(), Xapian::DB_OPEN);
    db.set_metadata(std::string(kReportFormatKey), "4");
    db.commit();
  }
  try {
    count(options_.db, "alpha");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIndexMissing);
    EXPECT_NE(std::string(e.what()).find("written by another version of dossier (report format 4"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("run 'dossier index'"), std::string::npos) << e.what();
  }
  const IndexSummary again = run();
  EXPECT_EQ(again.reports_in_index, 3u);
  EXPECT_EQ(count(options_.db, "alpha"), 1u);
}

}  // namespace
}  // namespace dossier
