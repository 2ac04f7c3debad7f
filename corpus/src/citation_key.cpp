#include "corpus/citation_key.h"

#include <cctype>

#include "corpus/normalize.h"

namespace dossier {
namespace {

bool is_minor_word(std::string_view word) {
  return word == "the" || word == "and";
}

// "United States Department of State" -> "usdos"; accents folded first ("Ministère de
// l'Intérieur" -> "mdli").
std::string initials(std::string_view name) {
  std::string out;
  const std::string slug = slugify(name);
  std::size_t begin = 0;
  while (begin < slug.size()) {
    std::size_t end = slug.find('-', begin);
    if (end == std::string::npos) end = slug.size();
    const std::string_view word = std::string_view(slug).substr(begin, end - begin);
    if (!word.empty() && !is_minor_word(word)) out.push_back(word[0]);
    begin = end + 1;
  }
  return out;
}

// CamelCase ASCII of a name: "Kyrgyz Republic" -> "KyrgyzRepublic", "Côte d'Ivoire" ->
// "CoteDIvoire".
std::string camel(std::string_view name) {
  const std::string slug = slugify(name);
  std::string out;
  bool upper = true;
  for (char c : slug) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

}  // namespace

std::string citation_base_key(const Report& report) {
  std::string key = initials(report.publisher.empty() ? report.author : report.publisher);
  // The entry's year (its publication's), so the key never disagrees with the entry: a review
  // of 2009 published in 2010 is a 2010 entry.
  if (const int year = report.published ? report.published->year : report.year) {
    key += std::to_string(year);
  }
  if (!report.series.empty() && report.series != "other") key += report.series;
  key += camel(report.country_name.empty() ? report.id : report.country_name);
  if (key.empty()) key = "report";
  return key;
}

std::string disambiguated_key(std::string_view base_key, std::size_t rank) {
  std::string key(base_key);
  if (rank == 0) return key;
  // Base keys are letters and digits only, so a suffix after '-' never makes another base key.
  key.push_back('-');
  if (rank < 26) {
    key.push_back(static_cast<char>('a' + rank));
  } else {
    key += std::to_string(rank + 1);
  }
  return key;
}

}  // namespace dossier
