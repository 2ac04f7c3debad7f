#include "corpus/countries.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <limits>
#include <span>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "corpus/data_file.h"
#include "corpus/edits.h"
#include "corpus/error.h"
#include "corpus/normalize.h"
#include "name_words.h"

namespace dossier::embedded {
extern const std::string_view kCountryAliasesTsv;
}  // namespace dossier::embedded

namespace dossier {
namespace {

using names::join_words;
using names::match_term;
using names::name_words;
using names::thread_normalizer;

// 'name', built without operator+ on a temporary (GCC 12 warns falsely on that at -O2).
std::string quoted(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '\'';
  out += name;
  out += '\'';
  return out;
}

namespace fs = std::filesystem;
using json = nlohmann::json;
using EntryIndex = std::uint32_t;

constexpr std::string_view kEmbeddedAliasSource = "corpus/data/country_aliases.tsv";

bool is_upper_ascii(std::string_view text, std::size_t size) {
  return text.size() == size &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_ascii_alpha(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
}

std::string to_upper_ascii(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

// An alias written in upper case only ("U.S.", "UAE", "DPRK") is an acronym.
bool is_acronym(std::string_view name) {
  bool has_letter = false;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z')) return false;
    if (c >= 'A' && c <= 'Z') has_letter = true;
  }
  return has_letter;
}

bool has_lower_ascii(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Where a name that ends with this word ends: before a possessive ("Kazakhstan’s"), and after
// the final period of a dotted acronym, which ICU leaves out of the word ("U.S." not "U.S").
std::size_t end_of_name(std::string_view text, const Token& token) {
  const std::string_view word = text.substr(token.begin, token.end - token.begin);
  if (word.find('.') != std::string_view::npos && token.end < text.size() &&
      text[token.end] == '.') {
    return token.end + 1;
  }
  if (word.size() < 2 || (word.back() != 's' && word.back() != 'S')) return token.end;
  const std::string_view before_s = word.substr(0, word.size() - 1);
  for (std::string_view apostrophe : {"'", "`", "\u2019", "\u2018", "\u2032", "\u02BC", "\u00B4"}) {
    if (before_s.ends_with(apostrophe)) return token.end - 1 - apostrophe.size();
  }
  return token.end;
}

// Sequences of words mapped to countries, for longest-match scanning of tokenized text.
class WordTrie {
 public:
  struct Terminal {
    EntryIndex entry;
    bool ambiguous = false;
    bool acronym = false;    // matches only text without lower-case letters
    bool no_plural = false;  // its plural is a name ("Lao" -> "Laos"), not a demonym
  };
  struct Match {
    std::size_t token_count;
    Terminal terminal;
  };

  // Adds words -> terminal. Inserting the same words again merges the flags: ambiguous when any
  // insertion says so, acronym only when every insertion is one. Callers ensure one entry.
  void insert(const std::vector<std::string>& words, const Terminal& terminal) {
    std::uint32_t node = 0;
    for (const std::string& word : words) {
      auto found = nodes_[node].children.find(word);
      if (found == nodes_[node].children.end()) {
        const auto child = static_cast<std::uint32_t>(nodes_.size());
        nodes_[node].children.emplace(word, child);
        nodes_.emplace_back();
        node = child;
      } else {
        node = found->second;
      }
    }
    std::optional<Terminal>& existing = nodes_[node].terminal;
    if (!existing) {
      existing = terminal;
    } else {
      existing->ambiguous = existing->ambiguous || terminal.ambiguous;
      existing->acronym = existing->acronym && terminal.acronym;
    }
  }

  // The terminal of exactly these words, to adjust its flags after insertion.
  Terminal* find(const std::vector<std::string>& words) {
    std::uint32_t node = 0;
    for (const std::string& word : words) {
      const auto found = nodes_[node].children.find(word);
      if (found == nodes_[node].children.end()) return nullptr;
      node = found->second;
    }
    return nodes_[node].terminal ? &*nodes_[node].terminal : nullptr;
  }

  // The longest name starting at tokens[start]. terms[i] is match_term(tokens[i].term).
  // plural_last also accepts a last word with an extra "s" ("kazakhstanis").
  std::optional<Match> longest_match(std::string_view text, std::span<const Token> tokens,
                                     std::span<const std::string_view> terms, std::size_t start,
                                     bool plural_last) const {
    std::optional<Match> best;
    bool all_upper = true;
    std::uint32_t node = 0;
    for (std::size_t i = start; i < tokens.size(); ++i) {
      all_upper = all_upper &&
                  !has_lower_ascii(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
      const auto& children = nodes_[node].children;
      if (plural_last && terms[i].size() > 1 && terms[i].back() == 's') {
        const auto singular = children.find(std::string(terms[i].substr(0, terms[i].size() - 1)));
        if (singular != children.end()) {
          consider(singular->second, i - start + 1, all_upper, /*plural=*/true, best);
        }
      }
      const auto next = children.find(std::string(terms[i]));
      if (next == children.end()) break;
      node = next->second;
      consider(node, i - start + 1, all_upper, /*plural=*/false, best);
    }
    return best;
  }

 private:
  struct Node {
    std::unordered_map<std::string, std::uint32_t> children;
    std::optional<Terminal> terminal;
  };

  void consider(std::uint32_t node, std::size_t token_count, bool all_upper, bool plural,
                std::optional<Match>& best) const {
    const std::optional<Terminal>& terminal = nodes_[node].terminal;
    if (!terminal || (terminal->acronym && !all_upper) || (plural && terminal->no_plural)) return;
    if (!best || token_count > best->token_count) best = Match{token_count, *terminal};
  }

  std::vector<Node> nodes_{1};  // nodes_[0] is the root
};

json read_json(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::kData, file.string() + ": cannot open the file");
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw Error(ErrorKind::kData, file.string() + ": " + e.what());
  }
}

// The entries array of an iso-codes file ({"3166-1": [...]}).
const json& iso_entries(const json& document, const char* key, const fs::path& file) {
  if (!document.is_object() || !document.contains(key) || !document[key].is_array()) {
    throw Error(ErrorKind::kData, file.string() + ": no \"" + key + "\" array");
  }
  return document[key];
}

std::optional<std::string> optional_string(const json& entry, const char* field,
                                           const fs::path& file, std::size_t index) {
  const auto found = entry.find(field);
  if (found == entry.end()) return std::nullopt;
  if (!found->is_string()) {
    throw Error(ErrorKind::kData, file.string() + ": entry " + std::to_string(index) + ": \"" +
                                      field + "\" is not a string");
  }
  return found->get<std::string>();
}

std::string required_string(const json& entry, const char* field, const fs::path& file,
                            std::size_t index) {
  std::optional<std::string> value = optional_string(entry, field, file, index);
  if (!value || value->empty()) {
    throw Error(ErrorKind::kData,
                file.string() + ": entry " + std::to_string(index) + ": no \"" + field + "\"");
  }
  return *value;
}

// The loaded table; CountryTable::Impl is this, built by TableBuilder below.
struct TableData {
  struct Entry {
    Country country;
    std::vector<std::string> demonyms;
    bool display_from_aliases = false;
  };

  std::vector<Entry> entries;
  std::unordered_map<std::string, EntryIndex> by_code;     // "KZ" and "KAZ"
  std::unordered_map<std::string, EntryIndex> by_name;     // name_words() joined by ' '
  std::unordered_map<std::string, EntryIndex> by_demonym;  // likewise, for demonyms
  WordTrie names;
  WordTrie demonyms;

  std::optional<EntryIndex> code_index(std::string_view code) const {
    const auto found = by_code.find(to_upper_ascii(code));
    if (found == by_code.end()) return std::nullopt;
    return found->second;
  }

  using Mention = CountryTable::Mention;

  // Greedy longest-match scan from left to right; matches do not overlap.
  std::vector<Mention> scan(const WordTrie& trie, std::string_view text, bool plural_last) const {
    const std::vector<Token> tokens = thread_normalizer().tokenize(text);
    return scan(trie, text, tokens, plural_last);
  }

  std::vector<Mention> scan(const WordTrie& trie, std::string_view text,
                            std::span<const Token> tokens, bool plural_last) const {
    std::vector<std::string_view> terms;
    terms.reserve(tokens.size());
    for (const Token& token : tokens) terms.push_back(match_term(token.term));
    std::vector<Mention> mentions;
    for (std::size_t start = 0; start < tokens.size();) {
      const auto match = trie.longest_match(text, tokens, terms, start, plural_last);
      if (!match) {
        ++start;
        continue;
      }
      const Token& last = tokens[start + match->token_count - 1];
      mentions.push_back(Mention{entries[match->terminal.entry].country, tokens[start].begin,
                                 end_of_name(text, last), match->terminal.ambiguous});
      start += match->token_count;
    }
    return mentions;
  }
};

// Builds a table from iso-codes and the alias file, in that order of precedence: ISO 3166-1
// names first, then the curated aliases (a clash with a name already taken is an error), then
// ISO 3166-3 former names (which give way silently: they are history, not curation).
class TableBuilder {
 public:
  void read_current(const fs::path& file) {
    const json document = read_json(file);
    const json& entries = iso_entries(document, "3166-1", file);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const json& entry = entries[i];
      if (!entry.is_object()) {
        throw Error(ErrorKind::kData,
                    file.string() + ": entry " + std::to_string(i) + " is not an object");
      }
      const std::string alpha2 = required_string(entry, "alpha_2", file, i);
      const std::string alpha3 = required_string(entry, "alpha_3", file, i);
      const std::string name = required_string(entry, "name", file, i);
      if (!is_upper_ascii(alpha2, 2) || !is_upper_ascii(alpha3, 3)) {
        throw Error(ErrorKind::kData, file.string() + ": entry " + std::to_string(i) +
                                          ": malformed code '" + alpha2 + "'/'" + alpha3 + "'");
      }
      if (data_->code_index(alpha2) || data_->code_index(alpha3)) {
        throw Error(ErrorKind::kData, file.string() + ": duplicate code " + alpha2 + "/" + alpha3);
      }
      const std::optional<std::string> common = optional_string(entry, "common_name", file, i);
      const std::optional<std::string> official = optional_string(entry, "official_name", file, i);
      const EntryIndex index = add_entry(alpha2, common.value_or(name));
      data_->by_code.emplace(alpha3, index);
      for (const std::optional<std::string>& each : {std::optional(name), common, official}) {
        if (!each) continue;
        if (auto clash = add_name(*each, index, false)) {
          throw Error(ErrorKind::kData, file.string() + ": " + *clash);
        }
        // "Trinidad and Tobago" written "Trinidad Tobago" or "Trinidad & Tobago" (whose "&" is
        // no word): the name without its "and", where no other country has that name.
        if (const std::size_t joint = each->find(" and "); joint != std::string::npos) {
          (void)add_name(each->substr(0, joint) + " " + each->substr(joint + 5), index, false);
        }
      }
    }
  }

  void read_aliases(std::string_view text, std::string_view source) {
    const DataFile file(text, source);
    for (const DataLine& line : file.lines()) read_alias_line(line, file);
  }

  // A CLDR name and the names it holds: CLDR puts a second name in parentheses ("Myanmar
  // (Birmanie)", "Myanmar (Birma)"), which people use alone. Each part counts when it is a name
  // of five letters or more (not an abbreviation such as "RDC").
  static std::vector<std::string> name_forms(const std::string& name) {
    std::vector<std::string> forms = {name};
    const std::size_t open = name.find(" (");
    const std::size_t close = name.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open) return forms;
    const std::string outside = name.substr(0, open);
    const std::string inside = name.substr(open + 2, close - open - 2);
    for (const std::string& part : {outside, inside}) {
      if (part.size() >= 5 && part.find('.') == std::string::npos) forms.push_back(part);
    }
    return forms;
  }

  // Names in the languages reports and their sources are written in, from ICU's CLDR data
  // ("Казахстан", "México", "Allemagne"), so a Russian or Spanish report finds its countries
  // too. A name that another country already has, in any language, is left out: current and
  // curated English names win.
  void read_cldr_names() {
    static constexpr std::array<const char*, 10> kLanguages = {"ru", "es", "fr", "de", "pt",
                                                               "ar", "zh", "tr", "uk", "it"};
    for (EntryIndex index = 0; index < data_->entries.size(); ++index) {
      const std::string& code = data_->entries[index].country.code;
      for (const char* language : kLanguages) {
        icu::UnicodeString name;
        icu::Locale("", code.c_str()).getDisplayCountry(icu::Locale(language), name);
        std::string utf8;
        name.toUTF8String(utf8);
        // ICU answers with the code itself when it has no name for it.
        if (utf8.empty() || utf8 == code) continue;
        for (const std::string& form : name_forms(utf8)) {
          // Only new names: an English or curated name stays as it is.
          if (data_->by_name.contains(join_words(name_words(form)))) continue;
          // Marked ambiguous: "Mauricio" is also a given name, so it needs a country's context.
          add_name(form, index, true);  // a clash only means the name is taken
        }
      }
    }
  }

  // Former names map to the code the alpha-4 code names ("BUMM": Burma -> MM); "HH" and "XX"
  // mean the country split or merged, and "AA" that it kept its alpha-2 code. A successor that
  // is not a current code (Yugoslavia's CS) is skipped too.
  void read_former(const fs::path& file) {
    const json document = read_json(file);
    const json& entries = iso_entries(document, "3166-3", file);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const json& entry = entries[i];
      if (!entry.is_object()) {
        throw Error(ErrorKind::kData,
                    file.string() + ": entry " + std::to_string(i) + " is not an object");
      }
      const std::string name = required_string(entry, "name", file, i);
      const std::optional<std::string> alpha4 = optional_string(entry, "alpha_4", file, i);
      if (!alpha4 || alpha4->size() != 4) continue;
      std::string successor = alpha4->substr(2);
      if (successor == "HH" || successor == "XX") continue;
      if (successor == "AA") successor = required_string(entry, "alpha_2", file, i);
      if (successor.size() != 2) continue;
      const auto index = data_->code_index(successor);
      if (!index) continue;
      // "Burma, Socialist Republic of the Union of" is also plain "Burma".
      (void)add_name(name, *index, false);
      if (const std::size_t comma = name.find(','); comma != std::string::npos) {
        (void)add_name(name.substr(0, comma), *index, false);
      }
    }
  }

  // Completes the table once every name is known: a demonym whose regular plural is a name
  // ("Lao" and "Laos") does not match that plural.
  TableData finish() {
    for (const auto& [key, index] : data_->by_demonym) {
      if (!data_->by_name.contains(key + "s")) continue;
      std::vector<std::string> words = name_words(key);
      if (WordTrie::Terminal* terminal = data_->demonyms.find(words)) terminal->no_plural = true;
    }
    return std::move(*data_);
  }

 private:
  // Callers have checked that the code is new.
  EntryIndex add_entry(const std::string& alpha2, const std::string& display) {
    const auto index = static_cast<EntryIndex>(data_->entries.size());
    data_->by_code.emplace(alpha2, index);
    data_->entries.push_back(TableData::Entry{Country{alpha2, display}, {}, false});
    return index;
  }

  std::string describe(EntryIndex index) const {
    const Country& country = data_->entries[index].country;
    return country.code + " (" + country.name + ")";
  }

  // Registers a name; returns why it cannot be (no words, or taken by another country).
  // Registering a name again for the same country only merges its flags.
  std::optional<std::string> add_name(std::string_view name, EntryIndex index, bool ambiguous) {
    const std::vector<std::string> words = name_words(name);
    if (words.empty()) return quoted(name) + " has no words";
    const std::string key = join_words(words);
    if (const auto code_owner = data_->code_index(key); code_owner && *code_owner != index) {
      return quoted(name) + " is the code of " + describe(*code_owner);
    }
    const auto [found, inserted] = data_->by_name.emplace(key, index);
    if (!inserted && found->second != index) {
      return quoted(name) + " is already a name of " + describe(found->second);
    }
    data_->names.insert(words, WordTrie::Terminal{index, ambiguous, is_acronym(name)});
    return std::nullopt;
  }

  std::optional<std::string> add_demonym(std::string_view demonym, EntryIndex index) {
    const std::vector<std::string> words = name_words(demonym);
    if (words.empty()) return quoted(demonym) + " has no words";
    const auto [found, inserted] = data_->by_demonym.emplace(join_words(words), index);
    if (!inserted && found->second != index) {
      return quoted(demonym) + " is already a demonym of " + describe(found->second);
    }
    if (inserted) data_->entries[index].demonyms.emplace_back(demonym);
    data_->demonyms.insert(words, WordTrie::Terminal{index, false, false});
    return std::nullopt;
  }

  void read_alias_line(const DataLine& line, const DataFile& file) {
    const auto fail = [&](const std::string& reason) { file.fail(line.number, reason); };
    file.expect_cells(line, 3, "CODE, KIND, TEXT");
    std::vector<std::string_view> fields;
    for (std::string_view cell : line.cells) fields.push_back(trim(cell));
    const std::string_view code = fields[0];
    const std::string_view kind = fields[1];
    const std::string_view text = fields[2];
    if (text.empty()) fail("empty TEXT column");
    const std::string code_text(code);
    if (kind == "country") {
      if (!is_upper_ascii(code, 2)) fail("malformed country code '" + code_text + "'");
      if (data_->code_index(code)) fail("country code " + code_text + " is already defined");
      const EntryIndex index = add_entry(code_text, std::string(text));
      data_->entries[index].display_from_aliases = true;
      if (auto clash = add_name(text, index, false)) fail(*clash);
      return;
    }
    const auto index = is_upper_ascii(code, 2) ? data_->code_index(code) : std::nullopt;
    if (!index) fail("unknown country code '" + code_text + "'");
    std::optional<std::string> problem;
    if (kind == "display") {
      TableData::Entry& entry = data_->entries[*index];
      if (entry.display_from_aliases) fail("second display name for " + code_text);
      entry.country.name = std::string(text);
      entry.display_from_aliases = true;
      problem = add_name(text, *index, false);
    } else if (kind == "name") {
      problem = add_name(text, *index, false);
    } else if (kind == "ambiguous") {
      problem = add_name(text, *index, true);
    } else if (kind == "demonym") {
      problem = add_demonym(text, *index);
    } else {
      fail("unknown kind '" + std::string(kind) +
           "' (expected country, display, name, ambiguous or demonym)");
    }
    if (problem) fail(*problem);
  }

  // On the heap so that the table's hash maps and tries move out in finish() cheaply.
  std::unique_ptr<TableData> data_ = std::make_unique<TableData>();
};

}  // namespace

struct CountryTable::Impl : TableData {
  explicit Impl(TableData&& data) : TableData(std::move(data)) {}
};

CountryTable CountryTable::load(const fs::path& iso_codes_dir) {
  return load(iso_codes_dir, embedded::kCountryAliasesTsv, kEmbeddedAliasSource);
}

CountryTable CountryTable::load(const fs::path& iso_codes_dir, std::string_view alias_text,
                                std::string_view source_name) {
  TableBuilder builder;
  builder.read_current(iso_codes_dir / "iso_3166-1.json");
  builder.read_aliases(alias_text, source_name);
  builder.read_former(iso_codes_dir / "iso_3166-3.json");
  builder.read_cldr_names();
  return CountryTable(std::make_unique<Impl>(builder.finish()));
}

CountryTable::CountryTable(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CountryTable::CountryTable(CountryTable&&) noexcept = default;
CountryTable& CountryTable::operator=(CountryTable&&) noexcept = default;
CountryTable::~CountryTable() = default;

std::optional<Country> CountryTable::resolve(std::string_view name_or_code) const {
  const std::string_view trimmed = trim(name_or_code);
  if ((trimmed.size() == 2 || trimmed.size() == 3) && is_ascii_alpha(trimmed)) {
    if (const auto index = impl_->code_index(trimmed)) return impl_->entries[*index].country;
  }
  const auto found = impl_->by_name.find(join_words(name_words(trimmed)));
  if (found == impl_->by_name.end()) return std::nullopt;
  return impl_->entries[found->second].country;
}

std::vector<std::string> CountryTable::nearest_names(std::string_view name,
                                                     std::size_t count) const {
  const std::string key = join_words(name_words(trim(name)));
  const std::size_t limit = std::max<std::size_t>(1, key.size() / 3);
  std::vector<std::pair<std::size_t, EntryIndex>> found;
  for (const auto& [known, index] : impl_->by_name) {
    const std::size_t edits = edit_distance(key, known, limit);
    if (edits <= limit) found.emplace_back(edits, index);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> names;
  for (const auto& [edits, index] : found) {
    const std::string& display = impl_->entries[index].country.name;
    if (std::find(names.begin(), names.end(), display) == names.end()) names.push_back(display);
    if (names.size() >= count) break;
  }
  return names;
}

std::vector<Country> CountryTable::completions(std::string_view prefix, std::size_t count) const {
  const std::string key = join_words(name_words(trim(prefix)));
  if (key.empty() || count == 0) return {};
  const std::size_t edits_allowed = key.size() / 4;
  // Rank: 0 a name starting with the key, 1 a later word, then 2 + edits.
  std::vector<std::pair<std::size_t, EntryIndex>> found;
  for (const auto& [known, index] : impl_->by_name) {
    std::size_t best = std::numeric_limits<std::size_t>::max();
    for (std::size_t at = 0; at < known.size(); at = known.find(' ', at) + 1) {
      const std::string_view rest = std::string_view(known).substr(at);
      if (rest.starts_with(key)) {
        best = std::min<std::size_t>(best, at == 0 ? 0 : 1);
        break;
      }
      // A word typed with a slip: the key against the start of the word, one letter more or
      // less than the key's length (a letter left out or doubled).
      for (std::size_t length = key.size() - std::min<std::size_t>(key.size(), 1);
           edits_allowed > 0 && length <= key.size() + 1 && length <= rest.size(); ++length) {
        const std::size_t edits = edit_distance(key, rest.substr(0, length), edits_allowed);
        if (edits <= edits_allowed) best = std::min(best, 2 + edits);
      }
      if (known.find(' ', at) == std::string::npos) break;
    }
    if (best != std::numeric_limits<std::size_t>::max()) found.emplace_back(best, index);
  }
  std::sort(found.begin(), found.end());
  std::vector<Country> out;
  for (const auto& [rank, index] : found) {
    const Country& country = impl_->entries[index].country;
    const bool listed = std::any_of(out.begin(), out.end(),
                                    [&](const Country& c) { return c.code == country.code; });
    if (!listed) out.push_back(country);
    if (out.size() >= count) break;
  }
  return out;
}

std::vector<std::string> CountryTable::folded_names() const {
  std::vector<std::string> names;
  names.reserve(impl_->by_name.size());
  for (const auto& [name, index] : impl_->by_name) names.push_back(name);
  return names;
}

std::optional<Country> CountryTable::by_code(std::string_view alpha2) const {
  if (alpha2.size() != 2) return std::nullopt;
  const auto index = impl_->code_index(alpha2);
  if (!index) return std::nullopt;
  return impl_->entries[*index].country;
}

std::vector<CountryTable::Mention> CountryTable::find_names(std::string_view text) const {
  return impl_->scan(impl_->names, text, false);
}

std::vector<CountryTable::Mention> CountryTable::find_names(std::string_view text,
                                                            std::span<const Token> tokens) const {
  return impl_->scan(impl_->names, text, tokens, false);
}

std::vector<CountryTable::Mention> CountryTable::find_demonyms(
    std::string_view text, std::span<const Token> tokens) const {
  return impl_->scan(impl_->demonyms, text, tokens, true);
}

std::vector<std::string> CountryTable::demonyms(std::string_view alpha2) const {
  if (alpha2.size() != 2) return {};
  const auto index = impl_->code_index(alpha2);
  if (!index) return {};
  return impl_->entries[*index].demonyms;
}

std::vector<CountryTable::Mention> CountryTable::find_demonyms(std::string_view text) const {
  return impl_->scan(impl_->demonyms, text, true);
}

std::vector<Country> CountryTable::all() const {
  std::vector<Country> countries;
  countries.reserve(impl_->entries.size());
  for (const TableData::Entry& entry : impl_->entries) countries.push_back(entry.country);
  std::sort(countries.begin(), countries.end(),
            [](const Country& a, const Country& b) { return a.code < b.code; });
  return countries;
}

}  // namespace dossier
