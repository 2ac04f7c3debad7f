#include "corpus/facts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "corpus/tiers.h"

namespace dossier {
namespace {

// The text in ASCII lower case, byte for byte (offsets stay those of the text), with the
// punctuation reports write in UTF-8 (curly quotes and apostrophes, dashes: U+2000-U+206F) and
// no-break spaces turned into spaces, so that they bound words as their ASCII forms do.
std::string lower(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto byte = static_cast<unsigned char>(out[i]);
    if (byte == 0xE2 && i + 2 < out.size() &&
        (static_cast<unsigned char>(out[i + 1]) == 0x80 ||
         static_cast<unsigned char>(out[i + 1]) == 0x81)) {
      out.replace(i, 3, "   ");
      i += 2;
    } else if (byte == 0xC2 && i + 1 < out.size() &&
               static_cast<unsigned char>(out[i + 1]) == 0xA0) {
      out.replace(i, 2, "  ");
      ++i;
    } else {
      out[i] = static_cast<char>(std::tolower(byte));
    }
  }
  return out;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) != 0;
}

// Whether `needle` occurs in `hay` at `at` as whole words.
bool word_at(std::string_view hay, std::size_t at, std::string_view needle) {
  if (hay.compare(at, needle.size(), needle) != 0) return false;
  if (at > 0 && is_word_char(hay[at - 1])) return false;
  const std::size_t end = at + needle.size();
  return end >= hay.size() || !is_word_char(hay[end]);
}

std::size_t find_word(std::string_view hay, std::string_view needle, std::size_t from = 0) {
  for (std::size_t at = hay.find(needle, from); at != std::string_view::npos;
       at = hay.find(needle, at + 1)) {
    if (word_at(hay, at, needle)) return at;
  }
  return std::string_view::npos;
}

bool has_word(std::string_view hay, std::string_view needle) {
  return find_word(hay, needle) != std::string_view::npos;
}

// The "(2009)" markers of a paragraph, by position: a Factbook line closes its statements with
// the year they apply to, and a merged line ("... (2023) trafficking profile: ...") has several.
std::vector<std::pair<std::size_t, int>> year_markers(std::string_view text) {
  std::vector<std::pair<std::size_t, int>> out;
  for (std::size_t at = text.find('('); at != std::string_view::npos; at = text.find('(', at + 1)) {
    if (at + 6 > text.size() || text[at + 5] != ')') continue;
    int year = 0;
    bool digits = true;
    for (std::size_t i = at + 1; i < at + 5; ++i) {
      digits = digits && std::isdigit(static_cast<unsigned char>(text[i]));
      if (digits) year = year * 10 + (text[i] - '0');
    }
    if (digits && year >= 1990 && year <= 2100) out.emplace_back(at, year);
  }
  return out;
}

struct Clause {
  std::size_t begin;
  std::size_t end;
};

// The sentences of a paragraph, and within them the clauses a semicolon ends (a Factbook line
// joins its statements with semicolons).
std::vector<Clause> clauses_of(std::string_view text, std::size_t from) {
  std::vector<Clause> out;
  std::size_t begin = from;
  for (std::size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    bool ends = false;
    if (c == ';') ends = true;
    // ", while foreigners are exploited in ...": a second statement, with a subject of its own.
    if (c == ',' &&
        (text.substr(i).starts_with(", while ") || text.substr(i).starts_with(", whereas "))) {
      ends = true;
    }
    // "(2023) trafficking profile: ...": a year marker closes what comes before it.
    if (c == ')' && i >= 5 && text[i - 5] == '(' && i + 1 < text.size() && text[i + 1] == ' ' &&
        std::isdigit(static_cast<unsigned char>(text[i - 1]))) {
      ends = true;
    }
    // A full stop before a capital, or before an opening curly quote ("... country. “The").
    if (c == '.' && i + 2 < text.size() && text[i + 1] == ' ' &&
        (std::isupper(static_cast<unsigned char>(text[i + 2])) ||
         text.substr(i + 2).starts_with("\u201C"))) {
      // Not after an abbreviation of one or two letters ("U.S. Government", "St. Lucia").
      std::size_t word = i;
      while (word > begin && std::isalpha(static_cast<unsigned char>(text[word - 1]))) --word;
      ends = i == word || i - word > 2 || std::islower(static_cast<unsigned char>(text[word]));
    }
    if (!ends) continue;
    if (i > begin) out.push_back({begin, i + 1});
    begin = i + 1;
    while (begin < text.size() && text[begin] == ' ') ++begin;
  }
  if (begin < text.size()) out.push_back({begin, text.size()});
  return out;
}

// ------------------------------------------------------------------------------------------
// Tiers

constexpr std::array<std::string_view, 5> kTierNames = {"tier 2 watch list", "special case",
                                                        "tier 1", "tier 2", "tier 3"};

// The tier named at `at` of the lower-cased text, longest name first.
std::optional<std::string> tier_at(std::string_view low, std::size_t at) {
  for (std::string_view name : kTierNames) {
    if (word_at(low, at, name)) {
      if (auto tier = resolve_tier(name)) return std::string(*tier);
    }
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// "in September 2003", "in 2003" right after `at`: that year.
std::optional<int> year_stated_after(std::string_view low, std::size_t at) {
  const std::size_t in_window = low.substr(at, 28).find(" in ");
  if (in_window == std::string_view::npos) return std::nullopt;
  const std::size_t in = at + in_window;
  std::size_t p = in + 4;
  for (std::string_view month : kMonths) {
    if (low.compare(p, month.size(), month) == 0) {
      p += month.size() + 1;
      break;
    }
  }
  if (p + 4 > low.size()) return std::nullopt;
  int year = 0;
  for (std::size_t i = p; i < p + 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(low[i]))) return std::nullopt;
    year = year * 10 + (low[i] - '0');
  }
  if (p + 4 < low.size() && std::isdigit(static_cast<unsigned char>(low[p + 4]))) {
    return std::nullopt;
  }
  return year;
}

// The placements a clause states: one it opens with ("Tier 2 Watch List - Ghana does not ...",
// not a list's "Tier 3: countries whose ..."), and one a verb of placement names ("placed on
// Tier 2 Watch List", "upgraded to Tier 2", "Tier 2 placement in September 2003").
std::vector<std::pair<std::string, int>> tiers_in(std::string_view low, int year) {
  std::vector<std::pair<std::string, int>> out;
  if (auto tier = tier_at(low, 0)) {
    std::size_t after = 0;
    for (std::string_view name : kTierNames) {
      if (word_at(low, 0, name)) {
        after = name.size();
        break;
      }
    }
    if (after >= low.size() || low[after] != ':') out.emplace_back(*tier, year);
  }
  for (std::string_view verb : {"placed on ", "placement on ", "upgraded to ", "downgraded to ",
                                "remains on ", "remained on ", "remains in ", "remained in ",
                                "placed in ", "reassessment on ", "reassessed on "}) {
    for (std::size_t at = low.find(verb); at != std::string_view::npos;
         at = low.find(verb, at + 1)) {
      std::size_t p = at + verb.size();
      if (low.compare(p, 4, "the ") == 0) p += 4;
      if (auto tier = tier_at(low, p)) {
        const std::size_t end = low.find(' ', p + 5);
        out.emplace_back(
            *tier, year_stated_after(low, end == std::string_view::npos ? p : end).value_or(year));
      }
    }
  }
  for (std::size_t at = low.find(" placement"); at != std::string_view::npos;
       at = low.find(" placement", at + 1)) {
    for (std::string_view name : kTierNames) {
      if (at >= name.size() && low.compare(at - name.size(), name.size(), name) == 0 &&
          word_at(low, at - name.size(), name)) {
        if (auto tier = resolve_tier(name)) {
          out.emplace_back(std::string(*tier), year_stated_after(low, at + 1).value_or(year));
        }
        break;
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Roles

constexpr std::array<std::string_view, 4> kRoleWords = {"source", "transit", "destination",
                                                        "origin"};

std::optional<std::string_view> role_word_at(std::string_view low, std::size_t at) {
  for (std::string_view word : kRoleWords) {
    if (word_at(low, at, word)) return word;
  }
  return std::nullopt;
}

// Words that may stand between the role words of one list ("a source and, to a lesser extent,
// a transit country").
bool role_list_glue(std::string_view word) {
  static constexpr std::array<std::string_view, 17> kGlue = {
      "and",     "or",      "to",           "a",           "an",       "lesser",
      "greater", "extent",  "major",        "significant", "primary",  "primarily",
      "mainly",  "growing", "increasingly", "also",        "important"};
  return std::find(kGlue.begin(), kGlue.end(), word) != kGlue.end();
}

struct RoleList {
  std::size_t begin;
  std::vector<std::string> roles;
};

// "a source, transit, and destination country", "a destination and transit country", "a country
// of origin, transit and destination", "a significant transit point".
std::vector<RoleList> role_lists_in(std::string_view low) {
  std::vector<RoleList> out;
  std::size_t i = 0;
  while (i < low.size()) {
    const auto first = role_word_at(low, i);
    if (!first) {
      ++i;
      continue;
    }
    RoleList list{i, {}};
    std::size_t p = i;
    std::size_t last_end = i;
    // Over role words and their glue to the noun that ends the list.
    while (p < low.size()) {
      if (auto role = role_word_at(low, p)) {
        list.roles.emplace_back(*role == "origin" ? "source" : *role);
        p += role->size();
        last_end = p;
        continue;
      }
      if (low[p] == ' ' || low[p] == ',') {
        ++p;
        continue;
      }
      std::size_t word_end = p;
      while (word_end < low.size() && is_word_char(low[word_end])) ++word_end;
      if (word_end == p || !role_list_glue(low.substr(p, word_end - p))) break;
      p = word_end;
    }
    std::string_view rest = low.substr(last_end);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    bool noun = false;
    for (std::string_view n : {"country", "countries", "point", "hub", "nation", "area"}) {
      noun = noun ||
             (rest.starts_with(n) && (rest.size() == n.size() || !is_word_char(rest[n.size()])));
    }
    // "country of origin, transit and destination": the noun before the list.
    const bool noun_before = list.begin >= 11 && low.substr(list.begin - 11, 11) == "country of ";
    if ((noun || noun_before) && !list.roles.empty()) {
      if (noun_before) list.begin -= 11;
      out.push_back(std::move(list));
    }
    i = std::max(last_end, i + 1);
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Flows

struct Region {
  std::string_view phrase;  // lower case, as written
  std::string_view name;    // as facts name it
};

// Regions as reports name them, longest first where one holds another.
constexpr std::array<Region, 52> kRegions = {{
    {"sub-saharan africa", "sub-Saharan Africa"},
    {"sub-saharan african countries", "sub-Saharan Africa"},
    {"middle eastern countries", "Middle East"},
    {"middle east", "Middle East"},
    {"persian gulf", "Gulf states"},
    {"gulf states", "Gulf states"},
    {"gulf countries", "Gulf states"},
    {"western europe", "Western Europe"},
    {"western european countries", "Western Europe"},
    {"eastern europe", "Eastern Europe"},
    {"eastern european countries", "Eastern Europe"},
    {"central europe", "Central Europe"},
    {"northern europe", "Northern Europe"},
    {"southern europe", "Southern Europe"},
    {"european countries", "Europe"},
    {"european union", "Europe"},
    {"europe", "Europe"},
    {"northeast asia", "Northeast Asia"},
    {"southeast asia", "Southeast Asia"},
    {"southeast asian countries", "Southeast Asia"},
    {"east asia", "East Asia"},
    {"south asia", "South Asia"},
    {"south asian countries", "South Asia"},
    {"central asia", "Central Asia"},
    {"central asian countries", "Central Asia"},
    {"asian countries", "Asia"},
    {"asia", "Asia"},
    {"west africa", "West Africa"},
    {"west african countries", "West Africa"},
    {"east africa", "East Africa"},
    {"east african countries", "East Africa"},
    {"central africa", "Central Africa"},
    {"central african countries", "Central Africa"},
    {"north africa", "North Africa"},
    {"southern africa", "Southern Africa"},
    {"african countries", "Africa"},
    {"africa", "Africa"},
    {"caribbean", "Caribbean"},
    {"central america", "Central America"},
    {"central american countries", "Central America"},
    {"south america", "South America"},
    {"south american countries", "South America"},
    {"latin america", "Latin America"},
    {"north america", "North America"},
    {"oceania", "Oceania"},
    {"neighboring countries", "?neighboring countries"},
    {"neighbouring countries", "?neighboring countries"},
    {"neighboring states", "?neighboring states"},
    {"other countries", "?other countries"},
    {"third countries", "?third countries"},
    {"abroad", "?abroad"},
    {"overseas", "?abroad"},
}};

enum class PlaceKind { kName, kDemonym, kRegion };

struct Place {
  std::size_t begin;
  std::size_t end;
  std::string value;
  PlaceKind kind;
};

std::vector<Place> places_in(std::string_view text, std::string_view low,
                             const CountryTable& countries) {
  std::vector<Place> found;
  for (const auto& m : countries.find_names(text)) {
    found.push_back({m.begin, m.end, m.country.code, PlaceKind::kName});
  }
  for (const auto& m : countries.find_demonyms(text)) {
    // "Kazakhstani women", "Burmese children", "Ethiopian and Eritrean women": a demonym before
    // a word for people (within a few words) names where they come from; "a British court",
    // "Thai fishing" do not.
    bool people = false;
    std::size_t p = m.end;
    for (int words = 0; words < 7 && p < low.size() && !people; ++words) {
      while (p < low.size() && (low[p] == ' ' || low[p] == ',')) ++p;
      std::size_t e = p;
      while (e < low.size() && (is_word_char(low[e]) || low[e] == '-')) ++e;
      const std::string_view w = low.substr(p, e - p);
      for (std::string_view noun :
           {"women",     "men",     "children", "girls",     "boys",   "nationals", "citizens",
            "victims",   "workers", "migrants", "adults",    "people", "persons",   "laborers",
            "labourers", "minors",  "refugees", "teenagers", "youth",  "infants",   "individuals",
            "females",   "males",   "domestic", "child",     "woman",  "man"}) {
        people = people || w == noun;
      }
      if (e == p) break;
      p = e;
    }
    // A demonym in the plural is people: "Kazakhstanis", "Haitians".
    if (m.end > m.begin + 1 && low[m.end - 1] == 's' && low[m.end - 2] != 's') people = true;
    if (m.end < low.size() && low[m.end] == 's' &&
        (m.end + 1 >= low.size() || !is_word_char(low[m.end + 1]))) {
      people = true;
    }
    if (people) found.push_back({m.begin, m.end, m.country.code, PlaceKind::kDemonym});
  }
  for (const Region& region : kRegions) {
    for (std::size_t at = find_word(low, region.phrase); at != std::string_view::npos;
         at = find_word(low, region.phrase, at + 1)) {
      found.push_back(
          {at, at + region.phrase.size(), std::string(region.name), PlaceKind::kRegion});
      // "South and East Asia", "West and Central African countries", "African and European
      // states": the word before "and" with the same ending names a region too.
      const std::size_t space = region.phrase.find(' ');
      for (std::string_view joint : {" and ", ", "}) {
        if (at < joint.size() + 2 || low.substr(at - joint.size(), joint.size()) != joint) continue;
        std::size_t word = at - joint.size();
        while (word > 0 && is_word_char(low[word - 1])) --word;
        const std::string_view first = low.substr(word, at - joint.size() - word);
        const std::string ending =
            space == std::string_view::npos ? "" : std::string(region.phrase.substr(space));
        for (const Region& other : kRegions) {
          if (other.phrase == std::string(first) + ending ||
              (!ending.empty() && other.phrase == std::string(first) + " countries")) {
            found.push_back(
                {word, word + first.size(), std::string(other.name), PlaceKind::kRegion});
            break;
          }
        }
      }
    }
  }
  // Countries the report counts or spreads over the world, not names: "over 50 countries",
  // "more than 20 countries", "countries throughout the world", kept as the report words them.
  for (std::size_t at = find_word(low, "countries"); at != std::string_view::npos;
       at = find_word(low, "countries", at + 1)) {
    std::size_t begin = at;
    std::size_t end = at + std::string_view("countries").size();
    for (std::string_view spread : {" throughout the world", " around the world",
                                    " across the world", " worldwide", " all over the world"}) {
      if (low.substr(end, spread.size()) == spread) {
        end += spread.size();
        break;
      }
    }
    // A number before "countries", and the word that says how exact it is.
    const auto digit = [&](std::size_t i) {
      return std::isdigit(static_cast<unsigned char>(low[i]));
    };
    if (begin > 1 && low[begin - 1] == ' ' && digit(begin - 2)) {
      begin -= 1;
      while (begin > 0 && digit(begin - 1)) --begin;
      for (std::string_view bound : {"over ", "more than ", "at least ", "some ", "about ",
                                     "nearly ", "almost ", "approximately ", "around "}) {
        if (begin >= bound.size() && low.substr(begin - bound.size(), bound.size()) == bound &&
            (begin == bound.size() || !is_word_char(low[begin - bound.size() - 1]))) {
          begin -= bound.size();
          break;
        }
      }
    }
    if (begin == at && end == at + std::string_view("countries").size()) continue;
    found.push_back(
        {begin, end, "?" + std::string(text.substr(begin, end - begin)), PlaceKind::kRegion});
  }
  // "Southeast Asian men", "African migrants": a region's adjective before a word for people
  // names where they come from, as a demonym does.
  for (const auto& [adjective, name] :
       std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"southeast asian", "Southeast Asia"},
           {"central asian", "Central Asia"},
           {"south asian", "South Asia"},
           {"east asian", "East Asia"},
           {"sub-saharan african", "sub-Saharan Africa"},
           {"west african", "West Africa"},
           {"east african", "East Africa"},
           {"central african", "Central Africa"},
           {"african", "Africa"},
           {"asian", "Asia"},
           {"eastern european", "Eastern Europe"},
           {"european", "Europe"},
           {"middle eastern", "Middle East"},
           {"central american", "Central America"},
           {"south american", "South America"}}) {
    for (std::size_t at = low.find(adjective); at != std::string_view::npos;
         at = low.find(adjective, at + 1)) {
      if (at > 0 && is_word_char(low[at - 1])) continue;
      std::size_t end = at + adjective.size();
      // "Central Americans", "Africans": the plural is people.
      const bool plural = end < low.size() && low[end] == 's' &&
                          (end + 1 >= low.size() || !is_word_char(low[end + 1]));
      if (!plural && end < low.size() && is_word_char(low[end])) continue;
      bool people = plural;
      std::string_view rest = low.substr(end);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      for (std::string_view noun : {"women", "men", "children", "girls", "boys", "nationals",
                                    "migrants", "workers", "victims", "adults", "refugees"}) {
        people = people || (rest.starts_with(noun) &&
                            (rest.size() == noun.size() || !is_word_char(rest[noun.size()])));
      }
      if (plural) ++end;
      if (people) found.push_back({at, end, std::string(name), PlaceKind::kDemonym});
    }
  }
  for (const auto& [adjective, name] :
       std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"african", "Africa"},
           {"european", "Europe"},
           {"asian", "Asia"},
           {"middle eastern", "Middle East"},
           {"central asian", "Central Asia"},
           {"eastern european", "Eastern Europe"},
           {"west african", "West Africa"},
           {"central african", "Central Africa"},
           {"southeast asian", "Southeast Asia"}}) {
    // "African and European states": an adjective joined to a region's adjective.
    for (std::size_t at = find_word(low, adjective); at != std::string_view::npos;
         at = find_word(low, adjective, at + 1)) {
      const std::string_view rest = low.substr(at + adjective.size());
      if (rest.starts_with(" and ") || rest.starts_with(" states") ||
          rest.starts_with(" nations")) {
        found.push_back({at, at + adjective.size(), std::string(name), PlaceKind::kRegion});
      }
    }
  }
  // Longest first at each place; then drop those inside an earlier one.
  std::sort(found.begin(), found.end(), [](const Place& a, const Place& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Place> out;
  for (Place& p : found) {
    if (!out.empty() && p.begin < out.back().end) continue;
    out.push_back(std::move(p));
  }
  // "other countries in Europe, Central Asia and Asia": the places after "in" name those
  // countries, which are then no place of their own.
  std::vector<Place> named;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Place& p = out[i];
    const bool unnamed_countries =
        p.value.starts_with('?') && (p.value.ends_with("countries") || p.value.ends_with("states"));
    if (unnamed_countries && i + 1 < out.size()) {
      std::string_view gap = low.substr(p.end, out[i + 1].begin - p.end);
      if (gap == " in " || gap == " in the ") continue;
    }
    named.push_back(p);
  }
  return named;
}

enum class Side { kNone, kFrom, kTo, kBoth, kRoute };

// What the words between two places (or a clause's start and its first place) make of the
// second: "from" an origin, "to", "in", "into" a destination, "through" a route; a list's
// comma or "and" keeps the side of the place before it.
Side side_after(std::string_view gap, Side previous, bool first) {
  std::string_view g = gap;
  while (!g.empty() && (g.back() == ' ')) g.remove_suffix(1);
  for (std::string_view article : {" the", " other", " neighboring"}) {
    if (g.ends_with(article)) g.remove_suffix(article.size());
  }
  while (!g.empty() && (g.back() == ' ')) g.remove_suffix(1);
  while (!g.empty() && (g.front() == ' ')) g.remove_prefix(1);
  if (g == "the") g = "";
  const auto ends_with_word = [&](std::string_view w) {
    return g.size() >= w.size() && g.substr(g.size() - w.size()) == w &&
           (g.size() == w.size() || !is_word_char(g[g.size() - w.size() - 1]));
  };
  if (ends_with_word("to and from") || ends_with_word("from and to")) return Side::kBoth;
  // "people from Russia and other countries in Europe": still where they come from.
  if (previous == Side::kFrom && (ends_with_word("countries in") || ends_with_word("states in"))) {
    return Side::kFrom;
  }
  // "other source regions include South America": where victims come from.
  if ((ends_with_word("include") || ends_with_word("includes") || ends_with_word("are")) &&
      (g.find("source") != std::string_view::npos || g.find("origin") != std::string_view::npos)) {
    return Side::kFrom;
  }
  if (ends_with_word("from")) return Side::kFrom;
  if (ends_with_word("through") || ends_with_word("via") || ends_with_word("transit") ||
      ends_with_word("across")) {
    return Side::kRoute;
  }
  // "... countries, including Malaysia", "especially Burma, and also China": more of the same.
  for (std::string_view w : {"including", "such as", "especially", "particularly", "primarily",
                             "mainly", "notably", "and also", "also", "most often"}) {
    if (ends_with_word(w)) return first || previous == Side::kNone ? Side::kTo : previous;
  }
  for (std::string_view w : {"to", "in", "into", "throughout", "toward", "towards", "within",
                             "often", "elsewhere in", "for work in", "destined for"}) {
    if (ends_with_word(w)) return Side::kTo;
  }
  if (!first &&
      (g.empty() || g == "," || g == "and" || g == ", and" || g == "or" || g == ", or" ||
       g == "as well as" || g == ", as well as" || g == "and possibly" || g == ", and possibly" ||
       g == "and to" || g == ", and to" || g == "and in" || g == ", and in")) {
    if (g.ends_with("to") || g.ends_with("in")) return Side::kTo;
    return previous;
  }
  return Side::kNone;
}

// A clause about drugs, not people ("a transit country for Afghan opiates").
bool about_drugs(std::string_view low) {
  for (std::string_view cue : {"drug", "narcotic", "opiate", "heroin", "cocaine", "cannabis",
                               "methamphetamine", "precursor", "hashish", "marijuana", "opium"}) {
    if (low.find(cue) != std::string_view::npos) return true;
  }
  return false;
}

// A clause about people: who are trafficked, or the trafficking of them.
bool about_people(std::string_view low) {
  for (std::string_view stem : {"traffick", "exploit", "servitude", "prostitut", "sexual"}) {
    if (low.find(stem) != std::string_view::npos) return true;
  }
  for (std::string_view word :
       {"forced", "victims", "persons", "people", "women", "men", "children", "girls", "boys",
        "adults", "labor", "labour", "sex", "workers", "migrants"}) {
    if (has_word(low, word)) return true;
  }
  return false;
}

// Whether a clause speaks of people, not only of goods: "forced begging and narcotics
// cultivation" is about people, "a transit country for Afghan opiates" is not.
bool about_people_not_only_goods(std::string_view low) {
  for (std::string_view word : {"victims", "persons", "people", "women", "men", "children", "girls",
                                "boys", "adults", "nationals", "workers", "migrants"}) {
    if (has_word(low, word)) return true;
  }
  return false;
}

bool mentions_trafficking(std::string_view low) {
  // Not "victims" alone: victims of torture or of crime are not trafficked. Not "forced" or
  // "sexual" alone either: "forced closure", "enforced disappearances", "sexual violence" and
  // "exploiting migrants" to cross a border are other abuses.
  for (std::string_view cue :
       {"traffick",           "exploited",         "exploitation", "servitude",
        "prostitution",       "begging",           "bondage",      "commercial sex",
        "sex trade",          "sex work",          "sex industry", "forced labor",
        "forced labour",      "forced to",         "forced into",  "forced or coerced",
        "forced begging",     "forced marriage",   "forced work",  "forced prostitution",
        "forced child labor", "forced and bonded", "exploitative"}) {
    if (low.find(cue) != std::string_view::npos) return true;
  }
  return false;
}

std::vector<std::string> purposes_in(std::string_view low) {
  std::vector<std::string> out;
  const auto any = [&](std::initializer_list<std::string_view> cues) {
    return std::any_of(cues.begin(), cues.end(),
                       [&](std::string_view c) { return low.find(c) != std::string_view::npos; });
  };
  if (any({"sex", "prostitution", "sexual"})) out.emplace_back("sexual exploitation");
  if (any({"forced labor", "forced labour", "labor trafficking", "involuntary servitude",
           "debt bondage", "exploitative labor", "forced to work", "labor exploitation",
           "labour exploitation", "forced work"})) {
    out.emplace_back("forced labor");
  }
  if (any({"domestic servitude", "domestic service", "domestic work", "domestic labor"})) {
    out.emplace_back("domestic servitude");
  }
  if (any({"begging"})) out.emplace_back("forced begging");
  if (any({"forced marriage", "brides", "marriage"})) out.emplace_back("forced marriage");
  if (any({"child soldier", "combatants"})) out.emplace_back("child soldiers");
  if (has_word(low, "organ") || has_word(low, "organs") || any({"kidney"})) {
    out.emplace_back("organ removal");
  }
  if (any({"drug", "narcotic", "criminal activit", "theft", "smuggling of"}))
    out.emplace_back("other");
  return out;
}

std::vector<std::string> who_in(std::string_view low) {
  std::vector<std::string> out;
  for (std::string_view w : {"women", "men", "children", "girls", "boys"}) {
    if (has_word(low, w)) out.emplace_back(w);
  }
  return out;
}

bool internal_trafficking(std::string_view low, std::string_view subject_low) {
  for (std::string_view cue :
       {"within the country", "internal trafficking", "internally", "from rural", "domestically",
        "in-country", "within their own country"}) {
    if (low.find(cue) != std::string_view::npos) return true;
  }
  return !subject_low.empty() &&
         low.find("within " + std::string(subject_low)) != std::string::npos;
}

}  // namespace

const std::vector<std::string>& flow_purposes() {
  static const std::vector<std::string> kPurposes = {
      "sexual exploitation", "forced labor",   "domestic servitude", "forced begging",
      "forced marriage",     "child soldiers", "organ removal",      "other"};
  return kPurposes;
}

const std::vector<std::string>& flow_regions() {
  static const std::vector<std::string> kNames = [] {
    std::set<std::string> names;
    for (const Region& region : kRegions) {
      if (!region.name.starts_with('?')) names.emplace(region.name);
    }
    return std::vector<std::string>(names.begin(), names.end());
  }();
  return kNames;
}

// A name two countries share ("Congo", "Korea"), and how each is named in full.
struct SharedName {
  std::string_view name;  // lower case
  std::array<std::pair<std::string_view, std::vector<std::string_view>>, 2> full;
};

const std::array<SharedName, 2>& shared_names() {
  static const std::array<SharedName, 2> kShared = {{
      {"congo",
       {{{"CD",
          {"democratic republic of the congo", "democratic republic of congo", "drc",
           "congo-kinshasa", "congo (kinshasa)", "congo, democratic republic"}},
         {"CG",
          {"republic of the congo", "congo-brazzaville", "congo (brazzaville)",
           "congo, republic of the"}}}}},
      {"korea",
       {{{"KP", {"north korea", "democratic people's republic of korea", "dprk", "korea, north"}},
         {"KR", {"south korea", "republic of korea", "korea, south"}}}}},
  }};
  return kShared;
}

// The country a bare shared name means in this report: the one of the two it names in full,
// when it names exactly one ("women from Uganda, Kenya, and Congo" in a report that speaks of
// the Democratic Republic of the Congo elsewhere). Else none: the country table's reading.
std::map<std::string, std::string, std::less<>> shared_name_readings(const Report& report) {
  std::string all;
  for (const Paragraph& p : report.paragraphs) all += lower(p.text) + "\n";
  std::map<std::string, std::string, std::less<>> readings;
  for (const SharedName& shared : shared_names()) {
    std::vector<std::string_view> named;
    for (const auto& [code, forms] : shared.full) {
      for (std::string_view form : forms) {
        bool found = false;
        for (std::size_t at = find_word(all, form); at != std::string::npos;
             at = find_word(all, form, at + 1)) {
          // "republic of the congo" inside "democratic republic of the congo" is the other one.
          const bool inside_longer =
              (at >= 11 && std::string_view(all).substr(at - 11, 11) == "democratic ") ||
              (at >= 9 && std::string_view(all).substr(at - 9, 9) == "people's ");
          if (!inside_longer) {
            found = true;
            break;
          }
        }
        if (found) {
          named.push_back(code);
          break;
        }
      }
    }
    if (named.size() == 1) readings.emplace(shared.name, named.front());
  }
  return readings;
}

ReportFacts extract_facts(const Report& report, const CountryTable& countries) {
  ReportFacts facts;
  const std::string& subject = report.country_code;
  if (subject.empty()) return facts;
  const auto shared_readings = shared_name_readings(report);
  const int published_year = report.published ? report.published->year : report.year;
  const std::string subject_low = lower(report.country_name);
  std::map<std::pair<std::string, std::string>, std::size_t> flow_index;  // (from, to) -> flows[]
  for (std::size_t p = 0; p < report.paragraphs.size(); ++p) {
    const Paragraph& paragraph = report.paragraphs[p];
    const std::string_view text = paragraph.text;
    const std::string low = lower(text);
    // A TIP chapter's heading, "Kazakhstan (Tier 2 Watch List)": the placement of that year.
    if (text.size() < 80 && text.ends_with(")") &&
        (low.find("tier") != std::string::npos || low.find("special case") != std::string::npos)) {
      const std::size_t open = text.rfind('(');
      const auto tier = open == std::string_view::npos
                            ? std::nullopt
                            : resolve_tier(text.substr(open + 1, text.size() - open - 2));
      const auto named =
          open == std::string_view::npos ? std::nullopt : countries.resolve(text.substr(0, open));
      if (tier && named && named->code == subject &&
          std::none_of(facts.tiers.begin(), facts.tiers.end(), [&](const TierFact& t) {
            return t.tier == *tier && t.year == published_year;
          })) {
        facts.tiers.push_back({std::string(*tier), published_year, {p, 0, text.size()}});
      }
    }
    if (paragraph.kind != ParagraphKind::kText) continue;
    std::size_t from = 0;
    for (std::string_view label : {"current situation:", "tier rating:"}) {
      if (std::string_view(low).starts_with(label)) from = label.size();
    }
    while (from < text.size() && text[from] == ' ') ++from;
    const bool paragraph_on_trafficking = mentions_trafficking(low);
    const std::vector<std::pair<std::size_t, int>> markers = year_markers(text);
    std::size_t next_marker = 0;  // the first marker at or after the clause (both in text order)
    for (const Clause& clause : clauses_of(text, from)) {
      while (next_marker < markers.size() && markers[next_marker].first < clause.begin) {
        ++next_marker;
      }
      const int year = next_marker < markers.size() ? markers[next_marker].second : published_year;
      const std::string_view clause_text = text.substr(clause.begin, clause.end - clause.begin);
      const std::string_view clause_low =
          std::string_view(low).substr(clause.begin, clause.end - clause.begin);
      const FactSource source{p, clause.begin, clause.end};

      // (A pair, not a structured binding: clang 14 cannot capture one in the lambda below.)
      for (const std::pair<std::string, int>& placement : tiers_in(clause_low, year)) {
        const bool known = std::any_of(facts.tiers.begin(), facts.tiers.end(), [&](const auto& t) {
          return t.tier == placement.first && t.year == placement.second;
        });
        if (!known) facts.tiers.push_back({placement.first, placement.second, source});
      }

      // The cheap tests first: most clauses state no role and speak of no trafficking, and
      // finding a clause's places (country names and demonyms) is the costly part.
      const bool drugs = about_drugs(clause_low) && !about_people_not_only_goods(clause_low);
      const bool negated = clause_low.find("no longer") != std::string_view::npos ||
                           clause_low.find("not a ") != std::string_view::npos || drugs ||
                           !about_people(clause_low);
      const std::vector<RoleList> role_lists =
          negated ? std::vector<RoleList>{} : role_lists_in(clause_low);
      // "victims" speaks of trafficking in a paragraph that does ("foreign victims in Serbia
      // have been identified from ..."), not in one about torture or crime.
      const bool on_trafficking = mentions_trafficking(clause_low) ||
                                  (has_word(clause_low, "victims") && paragraph_on_trafficking);
      // Not about people, or only that they may be at risk: no flow stated. Returns and
      // deportations are not trafficking ("the return of Russian children from Iraq").
      const bool flows_stated = !drugs && on_trafficking &&
                                clause_low.find("vulnerable to") == std::string_view::npos &&
                                clause_low.find("at risk") == std::string_view::npos &&
                                clause_low.find("return of") == std::string_view::npos &&
                                clause_low.find("repatriat") == std::string_view::npos &&
                                clause_low.find("deport") == std::string_view::npos;
      if (role_lists.empty() && !flows_stated) continue;
      std::vector<Place> places = places_in(clause_text, clause_low, countries);
      for (Place& place : places) {
        if (place.kind != PlaceKind::kName) continue;
        const auto reading =
            shared_readings.find(clause_low.substr(place.begin, place.end - place.begin));
        if (reading != shared_readings.end()) place.value = reading->second;
      }
      for (const RoleList& list : role_lists) {
        // About the subject: no other country named as the clause's subject before it.
        std::string named_before;
        for (const Place& place : places) {
          if (place.begin < list.begin && place.kind == PlaceKind::kName)
            named_before = place.value;
        }
        if (!named_before.empty() && named_before != subject) continue;
        for (const std::string& role : list.roles) {
          const bool known = std::any_of(facts.roles.begin(), facts.roles.end(),
                                         [&](const auto& r) { return r.role == role; });
          if (!known) facts.roles.push_back({role, year, source});
        }
      }

      if (!flows_stated) continue;
      // Places in groups of one side each, in text order: "from A to B and from C to D" pairs A
      // with B and C with D; otherwise every origin goes with every destination.
      struct Group {
        Side side;
        std::vector<std::string> places;
      };
      std::vector<Group> groups;
      const auto add = [&](Side side, const std::string& value) {
        if (groups.empty() || groups.back().side != side) groups.push_back({side, {}});
        auto& places_of = groups.back().places;
        if (std::find(places_of.begin(), places_of.end(), value) == places_of.end()) {
          places_of.push_back(value);
        }
      };
      std::vector<std::string> both_ways;
      Side previous = Side::kNone;
      std::size_t last_end = 0;
      for (std::size_t k = 0; k < places.size(); ++k) {
        const Place& place = places[k];
        Side side;
        if (place.kind == PlaceKind::kDemonym) {
          side = Side::kFrom;
        } else {
          side = side_after(clause_low.substr(last_end, place.begin - last_end), previous, k == 0);
          // "Kazakhstanis abroad", "exploited abroad": abroad is where they are taken, unless
          // they come "from abroad".
          // ("overseas labor recruitment": an adjective, no place.)
          if (place.value == "?abroad" && clause_low.substr(place.begin).starts_with("overseas ") &&
              place.end + 1 < clause_low.size() && is_word_char(clause_low[place.end + 1])) {
            last_end = place.end;
            continue;
          }
          if (place.value == "?abroad") {
            std::string_view gap = clause_low.substr(last_end, place.begin - last_end);
            while (!gap.empty() && gap.back() == ' ') gap.remove_suffix(1);
            side = gap.ends_with(" from") || gap == "from" ? Side::kFrom : Side::kTo;
          }
        }
        if (side == Side::kBoth) {
          // "trafficked to and from other West African countries": both ways, with the subject.
          if (place.value != subject) {
            both_ways.push_back(place.value);
          }
        } else if (side == Side::kFrom || side == Side::kTo) {
          add(side, place.value);
        }
        previous = side;
        last_end = place.end;
      }
      std::vector<std::string> origins;
      std::vector<std::string> destinations;
      for (const Group& g : groups) {
        auto& into = g.side == Side::kFrom ? origins : destinations;
        for (const std::string& v : g.places) {
          if (std::find(into.begin(), into.end(), v) == into.end()) into.push_back(v);
        }
      }
      const bool role_stated = !role_lists.empty();
      const bool transit_only =
          role_stated && std::all_of(role_lists.begin(), role_lists.end(), [](const RoleList& l) {
            return l.roles.size() == 1 && l.roles[0] == "transit";
          });
      std::vector<std::pair<std::string, std::string>> pairs;
      const bool alternating =
          groups.size() >= 4 && groups.front().side == Side::kFrom && groups.size() % 2 == 0;
      if (alternating) {
        for (std::size_t g = 0; g + 1 < groups.size(); g += 2) {
          for (const std::string& o : groups[g].places) {
            for (const std::string& d : groups[g + 1].places) pairs.emplace_back(o, d);
          }
        }
      } else {
        // An origin without a destination is trafficked to the subject; a destination without
        // an origin takes the subject's own people there. Not for the subject alone: "victims
        // remain in the UAE" states no movement.
        const bool only_subject = destinations.size() == 1 && destinations[0] == subject;
        if (origins.empty() && !destinations.empty() && !transit_only && !only_subject) {
          origins.push_back(subject);
        }
        const bool foreign_origin = std::any_of(origins.begin(), origins.end(),
                                                [&](const std::string& o) { return o != subject; });
        if (destinations.empty() && foreign_origin && !transit_only)
          destinations.push_back(subject);
        for (const std::string& o : origins) {
          for (const std::string& d : destinations) pairs.emplace_back(o, d);
        }
      }
      for (const std::string& place : both_ways) {
        pairs.emplace_back(place, subject);
        pairs.emplace_back(subject, place);
      }
      if (internal_trafficking(clause_low, subject_low)) pairs.emplace_back(subject, subject);
      if (pairs.empty()) continue;
      const std::vector<std::string> purposes = purposes_in(clause_low);
      const std::vector<std::string> who = who_in(clause_low);
      for (auto& [o, d] : pairs) {
        const auto [at, added] = flow_index.try_emplace({o, d}, facts.flows.size());
        if (added) {
          facts.flows.push_back({o, d, purposes, who, year, source});
          continue;
        }
        const auto known = facts.flows.begin() + static_cast<std::ptrdiff_t>(at->second);
        for (const std::string& v : purposes) {
          if (std::find(known->purposes.begin(), known->purposes.end(), v) ==
              known->purposes.end()) {
            known->purposes.push_back(v);
          }
        }
        for (const std::string& v : who) {
          if (std::find(known->who.begin(), known->who.end(), v) == known->who.end()) {
            known->who.push_back(v);
          }
        }
      }
    }
  }
  return facts;
}

}  // namespace dossier
