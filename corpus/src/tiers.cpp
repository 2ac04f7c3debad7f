#include "corpus/tiers.h"

#include <array>
#include <cctype>

namespace dossier {
namespace {

constexpr std::array<std::string_view, 5> kScale = {"Tier 1", "Tier 2", "Tier 2 Watch List",
                                                    "Tier 3", "Special Case"};

// Paragraphs of a report that may state its placement: the heading and the first sentences.
constexpr std::size_t kOpeningParagraphs = 12;

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Whether `text` at `at` reads `word`, ignoring case.
bool reads(std::string_view text, std::size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(text[at + i]) != lower(word[i])) return false;
  }
  return true;
}

// The placement named at `at` (case-insensitively, at a word start) and its length in bytes.
std::optional<std::pair<std::string_view, std::size_t>> placement_at(std::string_view text,
                                                                     std::size_t at) {
  if (at > 0 && is_word_char(text[at - 1])) return std::nullopt;
  const auto ends_word = [&](std::size_t end) {
    return end >= text.size() || !is_word_char(text[end]);
  };
  if (reads(text, at, "special case") && ends_word(at + 12)) {
    return std::pair{kScale[4], std::size_t{12}};
  }
  if (!reads(text, at, "tier ") || at + 5 >= text.size()) return std::nullopt;
  const char digit = text[at + 5];
  if (digit < '1' || digit > '3' || !ends_word(at + 6)) return std::nullopt;
  if (digit == '2' && reads(text, at + 6, " watch list") && ends_word(at + 17)) {
    return std::pair{kScale[2], std::size_t{17}};
  }
  return std::pair{kScale[digit == '1' ? 0 : digit == '2' ? 1 : 3], std::size_t{6}};
}

// A placement defined or listed ("Tier 3: countries that ..."), not stated.
bool is_list_entry(std::string_view text, std::size_t end) {
  while (end < text.size() && text[end] == ' ') ++end;
  return end < text.size() && text[end] == ':';
}

// The Factbook's "tier rating: Tier 3 - ...": the placement right after the label.
std::optional<std::string_view> rated(std::string_view text) {
  for (std::size_t at = 0; at + 12 <= text.size(); ++at) {
    if (!reads(text, at, "tier rating:")) continue;
    std::size_t from = at + 12;
    while (from < text.size() && (text[from] == ' ' || text[from] == '|')) ++from;
    const auto placement = placement_at(text, from);
    if (!placement || is_list_entry(text, from + placement->second)) return std::nullopt;
    return placement->first;
  }
  return std::nullopt;
}

// A TIP chapter's heading "Kazakhstan (Tier 2 Watch List)", or its first sentences' "Tier N".
std::optional<std::string_view> first_named(std::string_view text, bool parenthesized_only) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] != 'T' && text[at] != 't' && text[at] != 'S' && text[at] != 's') continue;
    const auto placement = placement_at(text, at);
    if (!placement) continue;
    const std::size_t end = at + placement->second;
    if (is_list_entry(text, end)) continue;
    const bool in_parentheses =
        at > 0 && text[at - 1] == '(' && end < text.size() && text[end] == ')';
    // "special case" is a common phrase; only a heading's "(Special Case)" is a placement.
    if (placement->first == kScale[4] && !in_parentheses) continue;
    if (parenthesized_only && !in_parentheses) continue;
    return placement->first;
  }
  return std::nullopt;
}

}  // namespace

std::span<const std::string_view> tier_scale() {
  return kScale;
}

std::optional<std::string_view> resolve_tier(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (is_word_char(c)) key.push_back(lower(c));
  }
  if (key.starts_with("tier")) key.erase(0, 4);
  if (key == "1") return kScale[0];
  if (key == "2") return kScale[1];
  if (key == "2watchlist" || key == "2wl" || key == "watchlist") return kScale[2];
  if (key == "3") return kScale[3];
  if (key == "specialcase") return kScale[4];
  return std::nullopt;
}

std::size_t tier_rank(std::string_view tier) {
  for (std::size_t i = 0; i < kScale.size(); ++i) {
    if (kScale[i] == tier) return i;
  }
  return kScale.size();
}

std::string stated_tier(const Report& report) {
  // Other series mention placements only in passing ("see the Trafficking in Persons Report").
  if (report.series != "tip" && report.series != "wfb") return {};
  if (report.country_code.empty()) return {};
  const std::size_t opening = std::min(report.paragraphs.size(), kOpeningParagraphs);
  for (std::size_t i = 0; i < opening; ++i) {
    if (auto placement = rated(report.paragraphs[i].text)) return std::string(*placement);
  }
  for (const bool parenthesized_only : {true, false}) {
    for (std::size_t i = 0; i < opening; ++i) {
      if (auto placement = first_named(report.paragraphs[i].text, parenthesized_only)) {
        return std::string(*placement);
      }
    }
  }
  return {};
}

}  // namespace dossier
