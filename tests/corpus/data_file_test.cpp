// The shared reader of dossier's data files.
#include <gtest/gtest.h>

#include "corpus/data_file.h"
#include "corpus/error.h"

namespace dossier {
namespace {

TEST(DataFile, SkipsCommentsAndBlankLinesAndKeepsLineNumbers) {
  const DataFile file("# a comment\r\nKZ\tKazakhstan\r\n\n   \n  # indented comment\nUZ\t\tx\n",
                      "test.tsv");
  const std::vector<DataLine> lines = file.lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].number, 2u);
  EXPECT_EQ(lines[0].cells, (std::vector<std::string_view>{"KZ", "Kazakhstan"}));
  EXPECT_EQ(lines[1].number, 6u);
  EXPECT_EQ(lines[1].cells, (std::vector<std::string_view>{"UZ", "", "x"}));
}

TEST(DataFile, HeaderLineIsNotData) {
  const DataFile file("ioname\torgname\nUN\tUnited Nations\n", "igo.tsv");
  ASSERT_EQ(file.lines(true).size(), 1u);
  EXPECT_EQ(file.lines(true)[0].cells[0], "UN");
  EXPECT_EQ(file.lines(false).size(), 2u);
}

TEST(DataFile, ErrorsNameFileAndLine) {
  const DataFile file("a\tb\n\nc\n", "words.tsv");
  const std::vector<DataLine> lines = file.lines();
  try {
    file.expect_cells(lines[1], 2, "KEY, VALUE");
    FAIL() << "a line with one cell passed";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kData);
    EXPECT_STREQ(e.what(), "words.tsv:3: expected 2 tab-separated columns (KEY, VALUE), found 1");
  }
  EXPECT_NO_THROW(file.expect_cells(lines[0], 2, "KEY, VALUE"));
}

TEST(DataFile, TrimAndSplit) {
  EXPECT_EQ(trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(split("a|b||c", '|'), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_EQ(split("", '|'), (std::vector<std::string_view>{""}));
  EXPECT_EQ(word_list("# words\nministry\n\n  office  \n#x\n"),
            (std::vector<std::string_view>{"ministry", "office"}));
}

}  // namespace
}  // namespace dossier
