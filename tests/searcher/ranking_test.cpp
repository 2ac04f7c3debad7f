// Ranking on small archives made for it: what each ranking rule changes, all else being equal.
#include <gtest/gtest.h>

#include <fstream>

#include "indexer/index_writer.h"
#include "sample_index.h"
#include "searcher/search.h"
#include "test_paths.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ranked_ids(const fs::path& db, const std::string& query) {
  Searcher searcher(db, test::gazetteers());
  SearchRequest request;
  request.query = query;
  request.count_facets = false;
  std::vector<std::string> ids;
  for (const Hit& hit : searcher.search(request).hits) ids.push_back(hit.id);
  return ids;
}

// Two reports with the same words, as often and as long: the one that has the query's words in
// one paragraph ranks above the one where they are in different paragraphs, whichever was
// indexed first and whatever the order of the words in the query.
TEST(Ranking, WordsInOneParagraphRankAboveScatteredWords) {
  const fs::path dir = test::scratch_dir("paragraph-ranking");
  const std::string filler1 = "The ministry published its annual figures in March.";
  const std::string filler2 = "Officials met donors to discuss the budget for the year.";
  for (const bool together_first : {false, true}) {
    SCOPED_TRACE(together_first ? "together indexed first" : "scattered indexed first");
    const fs::path archive = dir / (together_first ? "a" : "b");
    const std::string together = test::report_text(
        "Report Together", "Inspectors visited every orphanage in the province last spring.\n\n" +
                               filler1 + "\n\n" + filler2);
    const std::string scattered =
        test::report_text("Report Scattered", "Inspectors visited the province last spring.\n\n" +
                                                  filler1 + " Every orphanage.\n\n" + filler2);
    test::write_file(archive / (together_first ? "1-together.txt" : "2-together.txt"), together);
    test::write_file(archive / (together_first ? "2-scattered.txt" : "1-scattered.txt"), scattered);
    IndexOptions options;
    options.db = archive / "db";
    options.roots = {archive};
    ASSERT_EQ(index_archive(options, test::gazetteers(), nullptr).added, 2u);
    for (const std::string query : {"orphanage inspectors", "inspectors orphanage"}) {
      const std::vector<std::string> ids = ranked_ids(options.db, query);
      ASSERT_EQ(ids.size(), 2u) << query;
      EXPECT_NE(ids.front().find("together"), std::string::npos) << query;
    }
  }
}

}  // namespace
}  // namespace dossier
