#include "corpus/dates.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <vector>

#include "corpus/data_file.h"
#include "corpus/error.h"

namespace dossier {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// A word of the date: a run of letters or a run of digits.
struct Piece {
  std::string text;
  bool numeric;
};

std::vector<Piece> pieces_of(std::string_view text) {
  std::vector<Piece> pieces;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isdigit(c) || std::isalpha(c)) {
      const bool numeric = std::isdigit(c);
      std::size_t j = i;
      while (j < text.size() && (numeric ? std::isdigit(static_cast<unsigned char>(text[j]))
                                         : std::isalpha(static_cast<unsigned char>(text[j])))) {
        ++j;
      }
      std::string piece(text.substr(i, j - i));
      for (char& ch : piece) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      pieces.push_back({std::move(piece), numeric});
      i = j;
    } else {
      ++i;
    }
  }
  return pieces;
}

int month_number(std::string_view word) {
  if (word.size() < 3) return 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    // Full names, and three-letter abbreviations ("Sept" too).
    if (word == kMonths[m] || (word.size() <= 4 && kMonths[m].starts_with(word))) {
      return static_cast<int>(m + 1);
    }
  }
  return 0;
}

bool is_weekday(std::string_view word) {
  for (std::string_view day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                               "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
    if (word == day) return true;
  }
  return false;
}

int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::optional<Date> validated(int year, int month, int day) {
  if (year < 1000 || year > 2999) return std::nullopt;
  if (month < 0 || month > 12) return std::nullopt;
  if (day != 0 && (month == 0 || day < 1 || day > days_in_month(year, month))) return std::nullopt;
  return Date{year, month, day};
}

}  // namespace

std::string Date::iso() const {
  char buffer[16];
  if (month == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  }
  return buffer;
}

std::string Date::long_form() const {
  std::string out;
  if (day != 0) out += std::to_string(day) + " ";
  if (month != 0) out += std::string(month_name(month)) + " ";
  return out + std::to_string(year);
}

std::string Date::sort_key() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", year, month, day);
  return buffer;
}

std::string_view month_name(int month) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  if (month < 1 || month > 12) return "";
  return kNames[static_cast<std::size_t>(month - 1)];
}

std::optional<Date> parse_date(std::string_view text) {
  std::vector<Piece> pieces = pieces_of(text);
  // Drop a leading weekday ("Friday, 27 May 2016") and a trailing time ("08:49 GMT").
  if (!pieces.empty() && !pieces.front().numeric && is_weekday(pieces.front().text)) {
    pieces.erase(pieces.begin());
  }
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0 && pieces[i].numeric && pieces[i].text.size() == 4) {
      // Anything after the year is a time of day or a zone: ignore it.
      pieces.resize(i + 1);
      break;
    }
  }
  if (pieces.empty() || pieces.size() > 3) {
    // ISO with a time part "2004-06-14T10:00": first three numbers.
    if (pieces.size() > 3 && pieces[0].numeric && pieces[0].text.size() == 4)
      pieces.resize(3);
    else
      return std::nullopt;
  }
  std::vector<std::string_view> words;
  for (const Piece& p : pieces) words.push_back(p.text);

  auto numeric = [&](std::size_t i) { return pieces[i].numeric; };
  auto digits = [&](std::size_t i) { return pieces[i].text.size(); };

  switch (pieces.size()) {
    case 1:  // "2025"
      if (numeric(0) && digits(0) == 4) return validated(to_int(words[0]), 0, 0);
      return std::nullopt;
    case 2:  // "May 2023", "2023 May"
      if (!numeric(0) && numeric(1) && digits(1) == 4 && month_number(words[0]) != 0) {
        return validated(to_int(words[1]), month_number(words[0]), 0);
      }
      if (numeric(0) && digits(0) == 4 && numeric(1) && digits(1) <= 2) {  // "2023-05"
        return validated(to_int(words[0]), to_int(words[1]), 0);
      }
      return std::nullopt;
    case 3:
      if (numeric(0) && digits(0) == 4 && numeric(1) && numeric(2)) {  // 2004-06-14
        return validated(to_int(words[0]), to_int(words[1]), to_int(words[2]));
      }
      if (numeric(0) && !numeric(1) && numeric(2) && digits(2) == 4 && digits(0) <= 2) {
        const int month = month_number(words[1]);  // 14 June 2004
        if (month == 0) return std::nullopt;
        return validated(to_int(words[2]), month, to_int(words[0]));
      }
      if (!numeric(0) && numeric(1) && numeric(2) && digits(2) == 4 && digits(1) <= 2) {
        const int month = month_number(words[0]);  // June 14, 2004
        if (month == 0) return std::nullopt;
        return validated(to_int(words[2]), month, to_int(words[1]));
      }
      if (numeric(0) && numeric(1) && numeric(2) && digits(2) == 4 && digits(0) <= 2 &&
          digits(1) <= 2) {  // 14/06/2004, day first as in the reports' own conventions
        return validated(to_int(words[2]), to_int(words[1]), to_int(words[0]));
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

YearRange parse_year_range(std::string_view text) {
  const auto bad = [&]() -> Error {
    return Error(ErrorKind::kInvalidArgument,
                 "a year is written 2004 and a range 2001..2004 (either end may be left open: "
                 "2001.. or ..2004), not \"" +
                     std::string(text) + "\"");
  };
  // A year of four digits, or nothing (an open end) when `open_allowed`.
  const auto year = [&](std::string_view part, bool open_allowed) -> int {
    part = trim(part);
    if (part.empty() && open_allowed) return 0;
    int value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.size() != 4 || ec != std::errc() || end != part.data() + part.size() || value < 1) {
      throw bad();
    }
    return value;
  };
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    const int single = year(text, false);
    return YearRange{single, single};
  }
  const YearRange range{year(text.substr(0, dots), true), year(text.substr(dots + 2), true)};
  if (range.from == 0 && range.to == 0) throw bad();
  if (range.from != 0 && range.to != 0 && range.from > range.to) {
    throw Error(ErrorKind::kInvalidArgument,
                "the range " + std::string(trim(text)) + " ends before it starts");
  }
  return range;
}

}  // namespace dossier
