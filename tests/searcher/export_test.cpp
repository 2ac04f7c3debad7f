// Exports of whole result sets, streamed batch by batch, and the passages of hits.
#include "searcher/export.h"

#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "sample_index.h"
#include "test_paths.h"

namespace dossier {
namespace {

struct Collected {
  std::string text;
  std::size_t chunks = 0;
  std::size_t largest = 0;
};

Collected run_export(ExportFormat format, const std::string& query = "") {
  Searcher searcher(test::sample_index(), test::gazetteers());
  SearchRequest request;
  request.query = query;
  CitationOptions citation;
  citation.accessed = Date{2026, 11, 30};
  citation.base_url = "https://dossier.example.org";
  Collected out;
  export_results(searcher, request, format, citation, [&](std::string_view chunk) {
    out.text += chunk;
    ++out.chunks;
    out.largest = std::max(out.largest, chunk.size());
    return true;
  });
  return out;
}

TEST(Export, StreamsEveryHitInBatches) {
  const Collected all = run_export(ExportFormat::kJsonLines);
  EXPECT_EQ(std::count(all.text.begin(), all.text.end(), '\n'), 178);
  EXPECT_GE(all.chunks, 2u);  // written as it was read, not built whole
  EXPECT_LT(all.largest, all.text.size());
}

TEST(Export, CsvOpensWithPythonsCsvModule) {
  const Collected csv = run_export(ExportFormat::kCsv, "trafficking");
  const auto dir = test::scratch_dir("csv");
  std::ofstream(dir / "export.csv", std::ios::binary) << csv.text;
  if (std::system("command -v python3 >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 is not installed";
  }
  const std::string command =
      "python3 -c \"import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline='', "
      "encoding='utf-8'))); print(len(rows), sorted(set(map(len, rows))))\" '" +
      (dir / "export.csv").string() + "' > '" + (dir / "out.txt").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(dir / "out.txt");
  std::string line;
  std::getline(in, line);
  Searcher searcher(test::sample_index(), test::gazetteers());
  SearchRequest request;
  request.query = "trafficking";
  request.limit = 0;
  const std::size_t total = searcher.search(request).total;
  // A header and one row per report, each with rank, the schema's CSV columns (and their label
  // columns), url, paragraph and snippet.
  std::size_t columns = 4;
  for (const schema::Field& field : schema::fields()) {
    if (field.exposed(schema::kCsvColumn)) columns += field.label_key.empty() ? 1 : 2;
  }
  EXPECT_EQ(columns, 16u);
  EXPECT_EQ(line, std::to_string(total + 1) + " [" + std::to_string(columns) + "]");
}

TEST(Export, CitationFormatsForEveryHit) {
  const Collected bib = run_export(ExportFormat::kBibtex, "cotton");
  const Collected ris = run_export(ExportFormat::kRis, "cotton");
  const auto csl = nlohmann::json::parse(run_export(ExportFormat::kCslJson, "cotton").text);
  std::size_t entries = 0;
  std::set<std::string> keys;
  for (std::size_t at = bib.text.find("@techreport{"); at != std::string::npos;
       at = bib.text.find("@techreport{", at + 1)) {
    keys.insert(bib.text.substr(at + 12, bib.text.find(',', at) - at - 12));
    ++entries;
  }
  EXPECT_EQ(keys.size(), entries);  // unique keys
  EXPECT_EQ(csl.size(), entries);
  std::size_t ris_records = 0;
  for (std::size_t at = ris.text.find("TY  - RPRT"); at != std::string::npos;
       at = ris.text.find("TY  - RPRT", at + 1)) {
    ++ris_records;
  }
  EXPECT_EQ(ris_records, entries);
  EXPECT_GT(entries, 5u);
}

TEST(Passages, TheBestParagraphsOfEachHitBestFirst) {
  Searcher searcher(test::sample_index(), test::gazetteers());
  SearchRequest request;
  request.query = "\"forced labor\" cotton";
  request.passages = 3;
  request.count_facets = false;
  const SearchResult result = searcher.search(request);
  ASSERT_FALSE(result.hits.empty());
  for (const Hit& hit : result.hits) {
    ASSERT_FALSE(hit.passages.empty());
    EXPECT_LE(hit.passages.size(), 3u);
    EXPECT_EQ(hit.passages.front().paragraph, hit.snippet.paragraph);
    std::set<int> numbers;
    for (const Snippet& passage : hit.passages) {
      numbers.insert(passage.paragraph);
      ASSERT_FALSE(passage.highlights.empty());
      // The quoted phrase is one mark, not two.
      for (const Highlight& h : passage.highlights) {
        const std::string marked = passage.text.substr(h.begin, h.end - h.begin);
        EXPECT_TRUE(marked == "cotton" || marked == "Cotton" ||
                    marked.find(' ') != std::string::npos)
            << marked;
      }
    }
    EXPECT_EQ(numbers.size(), hit.passages.size());
  }
}

}  // namespace
}  // namespace dossier
