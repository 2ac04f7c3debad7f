#pragma once
// Publication dates as precise as the source gives them.
#include <optional>
#include <string>
#include <string_view>

namespace dossier {

struct Date {
  int year = 0;
  int month = 0;  // 1-12, or 0 when the source gives only a year
  int day = 0;    // 1-31, or 0 when the source gives no day

  // "2004-06-14", "2023-05" or "2025": ISO 8601 at the precision known.
  std::string iso() const;
  // "14 June 2004", "May 2023" or "2025": the form citations use.
  std::string long_form() const;
  // A sortable key, yyyymmdd with unknown parts as 00.
  std::string sort_key() const;
  friend bool operator==(const Date&, const Date&) = default;
};

// Parses "14 June 2004", "June 14, 2004", "2004-06-14", "14/06/2004" (day first), "May 2023",
// "Friday, 27 May 2016, 08:49 GMT" and "2025". Returns nothing for text that is not a valid date
// (including impossible days such as 31 April).
std::optional<Date> parse_date(std::string_view text);

// Years as filters take them, inclusive at both ends: one year or a range, either end of which
// may be open. The one dialect of year ranges, for the CLI, the API and "year:" in queries.
struct YearRange {
  int from = 0;  // 0: open
  int to = 0;    // 0: open
  bool contains(int year) const {
    return year > 0 && (from == 0 || year >= from) && (to == 0 || year <= to);
  }
  friend bool operator==(const YearRange&, const YearRange&) = default;
};

// "2004", "2001..2004", "2001.." or "..2004" (four-digit years; spaces around them ignored).
// Throws Error{kInvalidArgument} saying how years are written, for anything else, for ".." alone
// and for a range that ends before it starts.
YearRange parse_year_range(std::string_view text);

// English month name ("June") for 1-12.
std::string_view month_name(int month);

}  // namespace dossier
