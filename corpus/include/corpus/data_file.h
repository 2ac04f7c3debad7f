#pragma once
// Plain text helpers shared by every reader of dossier's data files (gazetteers, aliases, topic
// rules, word lists): trimming, splitting and tab-separated lines with "file:line" errors.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

// Without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
std::string_view trim(std::string_view text);

// The parts between separators: "a|b||c" -> {"a", "b", "", "c"}; "" -> {""}.
std::vector<std::string_view> split(std::string_view text, char separator);

// One data line of a tab-separated file.
struct DataLine {
  std::vector<std::string_view> cells;  // as written (not trimmed)
  std::size_t number = 0;               // 1-based line number in the file
};

// A tab-separated data file. Lines are split on '\n' with a trailing '\r' dropped; blank lines
// and lines whose first non-blank character is '#' are comments.
class DataFile {
 public:
  // `source` names the file in messages ("corpus/data/topics.tsv").
  DataFile(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  // Every data line, in order; with `has_header`, the first line is not data.
  std::vector<DataLine> lines(bool has_header = false) const;

  // Throws Error{kData} with "source:line: reason".
  [[noreturn]] void fail(std::size_t line, const std::string& reason) const;
  // The same for a line's cell count: "expected N tab-separated columns (WHAT), found M".
  void expect_cells(const DataLine& line, std::size_t count, std::string_view what) const;

  std::string_view source() const { return source_; }

 private:
  std::string_view text_;
  std::string_view source_;
};

// The non-comment lines of a word list (one word or phrase a line, '#' comments), trimmed.
std::vector<std::string_view> word_list(std::string_view text);

}  // namespace dossier
