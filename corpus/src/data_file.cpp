#include "corpus/data_file.h"

#include "corpus/error.h"

namespace dossier {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::vector<DataLine> DataFile::lines(bool has_header) const {
  std::vector<DataLine> out;
  std::size_t number = 0;
  for (std::string_view line : split(text_, '\n')) {
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (has_header && number == 1) continue;
    const std::string_view trimmed = trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    out.push_back(DataLine{split(line, '\t'), number});
  }
  return out;
}

void DataFile::fail(std::size_t line, const std::string& reason) const {
  throw Error(ErrorKind::kData, std::string(source_) + ":" + std::to_string(line) + ": " + reason);
}

void DataFile::expect_cells(const DataLine& line, std::size_t count, std::string_view what) const {
  if (line.cells.size() == count) return;
  fail(line.number, "expected " + std::to_string(count) + " tab-separated columns (" +
                        std::string(what) + "), found " + std::to_string(line.cells.size()));
}

std::vector<std::string_view> word_list(std::string_view text) {
  std::vector<std::string_view> words;
  for (std::string_view line : split(text, '\n')) {
    const std::string_view word = trim(line);
    if (!word.empty() && word.front() != '#') words.push_back(word);
  }
  return words;
}

}  // namespace dossier
