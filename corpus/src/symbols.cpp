#include "corpus/symbols.h"

#include <algorithm>
#include <cctype>

#include "corpus/data_file.h"

namespace dossier {
namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

}  // namespace

bool is_document_symbol(std::string_view token) {
  if (token.size() < 4 || token.size() > 60 || !is_upper(token.front())) return false;
  int slashes = 0;
  bool digit = false;
  for (char c : token) {
    if (c == '/') {
      ++slashes;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (!std::isalpha(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '(' &&
               c != ')') {
      return false;
    }
  }
  // A symbol ends in a letter, a digit or ')'; a trailing '.' or '-' is the sentence's.
  if (slashes < 2 || !digit || token.back() == '/' || token.back() == '.' || token.back() == '-') {
    return false;
  }
  const std::string_view organ = token.substr(0, token.find('/'));
  return std::all_of(organ.begin(), organ.end(), is_upper);
}

std::string canonical_symbol(std::string_view text) {
  std::string_view symbol = trim(text);
  while (!symbol.empty() && symbol.back() == '*') symbol.remove_suffix(1);
  std::string upper(symbol);
  // Users type "a/hrc/13/6": the organ's letters are capitals in every symbol.
  const std::size_t organ_end = upper.find('/');
  for (std::size_t i = 0; i < upper.size() && i < organ_end; ++i) {
    upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
  }
  return is_document_symbol(upper) ? upper : std::string();
}

}  // namespace dossier
