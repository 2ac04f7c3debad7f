#include "corpus/entities.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "corpus/data_file.h"
#include "corpus/error.h"
#include "corpus/gazetteers.h"
#include "name_words.h"

namespace dossier::embedded {
extern const std::string_view kOrganizationsTsv;
extern const std::string_view kIgoCowTsv;
extern const std::string_view kStateBodiesTsv;
}  // namespace dossier::embedded

namespace dossier {

using names::join_words;
using names::match_term;
using names::name_words;
using names::thread_normalizer;

std::string_view to_string(EntityKind kind) {
  switch (kind) {
    case EntityKind::kCountry:
      return "country";
    case EntityKind::kStateBody:
      return "state_body";
    case EntityKind::kOrganization:
      return "organization";
  }
  return "country";
}

namespace {

constexpr std::size_t kMaxNameTokens = 16;

// ---------------------------------------------------------------------------------------------
// Words and their shapes

bool has_lower(std::string_view word) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_islower(c)) return true;
  }
  return false;
}

bool starts_with_capital(std::string_view word) {
  if (word.empty()) return false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(bytes, i, static_cast<int32_t>(word.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

// Written as a name is: capitalized, or in a script without case (Arabic, Chinese). A French
// elided article does not count ("l'Allemagne").
bool starts_upper(std::string_view word) {
  for (std::string_view article : {"l'", "l\u2019"}) {
    if (word.size() > article.size() + 1 && word.starts_with(article))
      word.remove_prefix(article.size());
  }
  if (word.empty()) return false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(bytes, i, static_cast<int32_t>(word.size()), c);
  if (c < 0) return false;
  if (u_isupper(c) || u_istitle(c)) return true;
  return u_isalpha(c) && !u_islower(c) && u_tolower(c) == c && u_toupper(c) == c && c >= 0x0590;
}

// An acronym as written: no lower-case letter and at least two capitals ("IOM", "UN-HABITAT").
bool looks_like_acronym(std::string_view name) {
  int capitals = 0;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') ++capitals;
  }
  return capitals >= 2 && !has_lower(name);
}

// Typographic apostrophes and runs of white space as plain ASCII, for canonical names.
std::string clean_name(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (text.substr(i, 3) == "\xE2\x80\x99" || text.substr(i, 3) == "\xE2\x80\x98") {
      out.push_back('\'');
      i += 2;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  if (out.starts_with("the ") || out.starts_with("The ")) out.erase(0, 4);
  if (out.ends_with("'s")) out.resize(out.size() - 2);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Word lists of the state-body and organization patterns (folded forms).

using WordSet = std::unordered_set<std::string_view>;

const WordSet& state_heads() {
  static const WordSet kWords = {
      "ministry",     "ministries",  "committee",      "commission", "agency",       "service",
      "office",       "council",     "court",          "department", "directorate",  "inspectorate",
      "bureau",       "procuracy",   "prosecutor",     "ombudsman",  "ombudsperson", "parliament",
      "assembly",     "senate",      "majlis",         "duma",       "police",       "militia",
      "guard",        "guards",      "administration", "authority",  "tribunal",     "chamber",
      "cabinet",      "secretariat", "board",          "unit",       "gendarmerie",  "center",
      "centre",       "institute",   "inspection",     "diwan",      "mission",      "congress",
      "prosecutor's", "ombudsman's", "ombudsperson's", "force",      "government"};
  return kWords;
}

// Heads that only organizations have.
const WordSet& organization_heads() {
  static const WordSet kWords = {
      "association", "foundation", "society",   "network",  "coalition",    "alliance",     "watch",
      "movement",    "initiative", "fund",      "league",   "partnership",  "federation",   "union",
      "forum",       "clinic",     "trust",     "campaign", "organization", "organisation", "group",
      "project",     "program",    "programme", "congress"};
  return kWords;
}

// Heads that are organizations unless a word of the name says the state runs it.
const WordSet& shared_heads() {
  static const WordSet kWords = {"center", "centre", "institute", "bureau", "council", "congress"};
  return kWords;
}

const WordSet& state_markers() {
  static const WordSet kWords = {
      "state",         "national",       "republican",  "presidential", "federal",
      "supreme",       "constitutional", "government",  "governmental", "ministry",
      "parliamentary", "regional",       "district",    "city",         "municipal",
      "provincial",    "prosecutor",     "interior",    "royal",        "general",
      "military",      "public",         "judicial",    "interagency",  "inter-agency",
      "central",       "permanent",      "legislative", "executive",    "high",
      "anti"};
  return kWords;
}

// Heads that name a body on their own ("Parliament", "the Majlis").
const WordSet& bare_heads() {
  static const WordSet kWords = {"parliament", "senate",    "majlis",  "duma",
                                 "cabinet",    "procuracy", "congress"};
  return kWords;
}

// Religious communities are not organizations in this taxonomy (tests/data/entities/README.md).
const WordSet& religious_words() {
  static const WordSet kWords = {
      "church",      "churches",    "muslim",    "muslims",     "islamic",    "catholic",
      "orthodox",    "baptist",     "baptists",  "evangelical", "christian",  "christians",
      "buddhist",    "hindu",       "mosque",    "diocese",     "muftiate",   "mufti",
      "jehovah's",   "witnesses",   "adventist", "pentecostal", "protestant", "bishops",
      "spiritual",   "interfaith",  "religious", "sunni",       "shia",       "shiite",
      "bahai",       "baha'i",      "sikh",      "lutheran",    "methodist",  "presbyterian",
      "anglican",    "episcopal",   "jewish",    "rabbinical",  "clergy",     "patriarchate",
      "theological", "brotherhood", "madrassah", "seminary",    "synod",      "ahmadiyya",
      "ahmadi"};
  return kWords;
}

// Capitalized words that begin sentences or dates, not names.
const WordSet& non_name_words() {
  static const WordSet kWords = {
      "the",       "a",         "an",       "in",       "on",        "at",          "by",
      "for",       "from",      "with",     "during",   "after",     "before",      "since",
      "until",     "while",     "when",     "as",       "according", "under",       "this",
      "that",      "these",     "those",    "its",      "their",     "his",         "her",
      "our",       "both",      "each",     "all",      "some",      "many",        "several",
      "other",     "another",   "former",   "local",    "then",      "and",         "or",
      "but",       "if",        "although", "though",   "however",   "also",        "following",
      "january",   "february",  "march",    "april",    "may",       "june",        "july",
      "august",    "september", "october",  "november", "december",  "monday",      "tuesday",
      "wednesday", "thursday",  "friday",   "saturday", "sunday",    "there",       "it",
      "he",        "she",       "they",     "we",       "officials", "authorities", "section",
      "see",       "no",        "not",      "most",     "one",       "two",         "three",
      "four",      "five",      "first",    "second",   "third",     "without",     "despite",
      "between",   "among",     "through",  "over",     "to",        "of",          "via",
      "lack",      "such",      "which",    "who",      "what",      "where"};
  return kWords;
}

const WordSet& compass_words() {
  static const WordSet kWords = {"west",    "east",     "north",    "south",  "western",
                                 "eastern", "northern", "southern", "central"};
  return kWords;
}

// Capitalized phrases that look like bodies but are not.
const std::set<std::string, std::less<>>& not_entities() {
  static const std::set<std::string, std::less<>> kNames = {
      "soviet union",       "working group", "watch list",      "tier 2 watch list",
      "special watch list", "police forces", "security forces", "armed forces"};
  return kNames;
}

bool contains(const WordSet& set, std::string_view word) {
  return set.contains(word);
}

// ---------------------------------------------------------------------------------------------
// A trie of names over folded words, for longest-match scanning.

class NameTrie {
 public:
  void insert(const std::vector<std::string>& words, std::size_t record) {
    std::uint32_t node = 0;
    for (const std::string& word : words) {
      auto [it, inserted] = nodes_[node].children.try_emplace(word, 0);
      if (inserted) {
        it->second = static_cast<std::uint32_t>(nodes_.size());
        nodes_.emplace_back();
      }
      node = it->second;
    }
    if (!nodes_[node].record) nodes_[node].record = record;
  }

  // The longest name at tokens[start]: (token count, record).
  template <typename Accept>
  std::optional<std::pair<std::size_t, std::size_t>> longest(
      std::span<const std::string_view> terms, std::size_t start, Accept accept) const {
    std::optional<std::pair<std::size_t, std::size_t>> best;
    std::uint32_t node = 0;
    for (std::size_t i = start; i < terms.size() && i - start < kMaxNameTokens; ++i) {
      const auto next = nodes_[node].children.find(terms[i]);
      if (next == nodes_[node].children.end()) break;
      node = next->second;
      if (nodes_[node].record && accept(*nodes_[node].record, start, i + 1)) {
        best = std::make_pair(i + 1 - start, *nodes_[node].record);
      }
    }
    return best;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Node {
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> children;
    std::optional<std::size_t> record;
  };
  std::vector<Node> nodes_{1};
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// The gazetteer

struct EntityGazetteer::Impl {
  struct Record {
    EntityKind kind;
    std::string name;
    std::string country;
  };
  struct NameEntry {
    std::size_t record;
    bool acronym;  // matches only text written in capitals
  };
  std::vector<Record> records;
  std::vector<NameEntry> names;  // what the trie's values index
  NameTrie trie;
  std::unordered_map<std::string, std::size_t> by_key;  // folded name -> names index

  // Registers a name of a record. A name already taken keeps its first record: the files are
  // read in order of precedence (state bodies, curated organizations, the IGO list).
  void add(std::size_t record, std::string_view name, const DataFile& file, std::size_t line) {
    name = trim(name);
    if (name.empty()) return;
    const std::vector<std::string> words = name_words(name);
    if (words.empty()) file.fail(line, "\"" + std::string(name) + "\" has no words");
    const bool acronym = looks_like_acronym(name);
    const std::string key = (acronym ? "A:" : "N:") + join_words(words);
    if (by_key.contains(key)) return;
    by_key.emplace(key, names.size());
    trie.insert(words, names.size());
    names.push_back({record, acronym});
  }

  void read_organizations(std::string_view text, std::string_view source) {
    const DataFile file(text, source);
    for (const DataLine& line : file.lines()) {
      file.expect_cells(line, 3, "name, other names, kind");
      const std::string_view kind = trim(line.cells[2]);
      if (kind != "un" && kind != "igo" && kind != "ngo") {
        file.fail(line.number, "unknown kind \"" + std::string(kind) + "\" (un, igo or ngo)");
      }
      const std::size_t record = records.size();
      records.push_back({EntityKind::kOrganization, std::string(trim(line.cells[0])), ""});
      add(record, line.cells[0], file, line.number);
      for (std::string_view alias : split(line.cells[1], '|')) {
        add(record, alias, file, line.number);
      }
    }
  }

  // The Correlates of War IGO list: its long names (without the "(ACRONYM)" they carry) and its
  // acronyms of three or more capitals. Curated names take precedence.
  void read_igos(std::string_view text, std::string_view source) {
    const DataFile file(text, source);
    for (const DataLine& line : file.lines(/*has_header=*/true)) {
      if (line.cells.size() < 3) {
        file.fail(line.number, "expected the columns ioname, orgname, longorgname");
      }
      std::string_view long_name = trim(line.cells[2]);
      if (const auto paren = long_name.rfind(" ("); paren != std::string_view::npos) {
        long_name = trim(long_name.substr(0, paren));
      }
      // Some long names hold a former and a current name: "A/B".
      std::vector<std::string_view> variants = split(long_name, '/');
      if (variants.empty() || trim(variants.back()).empty()) continue;
      if (long_name.size() >= 80) continue;  // cut off in the source file
      const std::size_t record = records.size();
      records.push_back({EntityKind::kOrganization, std::string(trim(variants.back())), ""});
      for (std::string_view variant : variants) add(record, variant, file, line.number);
      const std::string_view acronym = trim(line.cells[0]);
      if (acronym.size() >= 3 && looks_like_acronym(acronym) &&
          std::all_of(acronym.begin(), acronym.end(),
                      [](char c) { return c >= 'A' && c <= 'Z'; })) {
        add(record, acronym, file, line.number);
      }
    }
  }

  void read_state_bodies(std::string_view text, std::string_view source) {
    const DataFile file(text, source);
    for (const DataLine& line : file.lines()) {
      if (line.cells.size() != 3 ||
          (trim(line.cells[0]).size() != 2 && trim(line.cells[0]) != "*")) {
        file.fail(line.number, "expected CODE<TAB>name<TAB>other names");
      }
      const std::size_t record = records.size();
      records.push_back({EntityKind::kStateBody, std::string(trim(line.cells[1])),
                         std::string(trim(line.cells[0]))});
      add(record, line.cells[1], file, line.number);
      for (std::string_view alias : split(line.cells[2], '|')) {
        add(record, alias, file, line.number);
      }
    }
  }
};

EntityGazetteer::EntityGazetteer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EntityGazetteer::EntityGazetteer(EntityGazetteer&&) noexcept = default;
EntityGazetteer& EntityGazetteer::operator=(EntityGazetteer&&) noexcept = default;
EntityGazetteer::~EntityGazetteer() = default;

EntityGazetteer EntityGazetteer::load_builtin() {
  return parse(embedded::kOrganizationsTsv, embedded::kIgoCowTsv, embedded::kStateBodiesTsv);
}

EntityGazetteer EntityGazetteer::parse(std::string_view organizations, std::string_view igos,
                                       std::string_view state_bodies) {
  auto impl = std::make_unique<Impl>();
  impl->read_state_bodies(state_bodies, "corpus/data/state_bodies.tsv");
  impl->read_organizations(organizations, "corpus/data/organizations.tsv");
  impl->read_igos(igos, "corpus/data/igo_cow_v3.tsv");
  return EntityGazetteer(std::move(impl));
}

std::optional<EntityGazetteer::Known> EntityGazetteer::resolve(std::string_view name) const {
  const std::vector<std::string> words = name_words(name);
  if (words.empty()) return std::nullopt;
  const std::string joined = join_words(words);
  auto found = impl_->by_key.find("N:" + joined);
  if (found == impl_->by_key.end()) found = impl_->by_key.find("A:" + joined);
  if (found == impl_->by_key.end()) return std::nullopt;
  const Impl::Record& record = impl_->records[impl_->names[found->second].record];
  return Known{record.kind, record.name, record.country};
}

namespace {

bool starts_with_ascii_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

bool ends_with_ascii_ci(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         starts_with_ascii_ci(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace

std::string canonical_entity_name(EntityKind kind, std::string_view name,
                                  const EntityGazetteer& gazetteer) {
  std::string out = clean_name(name);
  if (ends_with_ascii_ci(out, " ministry") && out.size() > 9) {
    // "Justice Ministry" -> "Ministry of Justice".
    std::string subject = out.substr(0, out.size() - 9);
    const std::string key = thread_normalizer().fold(subject);
    if (key == "foreign") subject += " Affairs";
    if (key == "internal") subject += " Affairs";
    out = "Ministry of " + subject;
  } else if (starts_with_ascii_ci(out, "ministry of the ")) {
    out = "Ministry of " + out.substr(16);  // "Ministry of the Interior"
  } else if (starts_with_ascii_ci(out, "ministry for ")) {
    out = "Ministry of " + out.substr(13);  // "Ministry for Foreign Affairs"
  }
  // "Ministry of Justice and of Human Rights" is the "Ministry of Justice and Human Rights".
  for (std::size_t at; (at = out.find(" and of ")) != std::string::npos;) out.erase(at + 4, 3);
  if (auto known = gazetteer.resolve(out); known && known->kind == kind) return known->name;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The tagger

namespace {

struct Word {
  std::string_view text;  // as written
  std::string_view term;  // folded, possessive dropped
  std::size_t begin;
  std::size_t end;
  bool capitalized;
  bool all_caps;  // no lower-case letter
  bool cased;     // begins with a capital letter of a script that has case
};

// One found mention before merging: what, where (token range), and its canonical identity.
struct Found {
  EntityKind kind;
  std::string name;
  std::string country;
  std::size_t first_token;
  std::size_t end_token;   // one past
  bool ambiguous = false;  // countries only: needs evidence
  bool known = false;      // from the gazetteers: a name of its own, never merged
};

class DocumentTagger {
 public:
  DocumentTagger(const Gazetteers& gazetteers, const Report& report)
      : gazetteers_(gazetteers),
        gazetteer_(gazetteers.entities.impl()),
        subject_(report.country_code) {}

  void tag_paragraph(const Paragraph& paragraph, std::span<const Token> tokens) {
    text_ = paragraph.text;
    words_.clear();
    terms_.clear();
    words_.reserve(tokens.size());
    for (const Token& t : tokens) {
      const std::string_view written = text_.substr(t.begin, t.end - t.begin);
      std::string_view bare = written;
      for (std::string_view possessive : {"'s", "\u2019s"}) {
        if (bare.size() > possessive.size() + 1 && bare.ends_with(possessive)) {
          bare.remove_suffix(possessive.size());
        }
      }
      words_.push_back(Word{written, match_term(t.term), t.begin, t.end, starts_upper(written),
                            !has_lower(bare), starts_with_capital(written)});
      terms_.push_back(words_.back().term);
    }
    claimed_.assign(words_.size(), false);
    organization_at_.assign(words_.size(), false);
    country_at_.assign(words_.size(), {});
    demonym_at_.assign(words_.size(), false);
    std::vector<Found> found;

    find_countries(tokens, found);
    find_known(found);
    find_bodies(found);
    find_cued_organizations(found);
    learn_acronyms(found);
    find_acronym_uses(found);

    for (const Found& f : found) record(paragraph.number, f);
  }

  std::vector<Entity> finish() {
    std::vector<Entity> out;
    out.reserve(order_.size());
    for (std::size_t index : order_) out.push_back(std::move(pending_[index].entity));
    return out;
  }

 private:
  struct Pending {
    Entity entity;
  };

  bool adjacent(std::size_t left, std::size_t right) const {
    // Only a space (or a hyphen inside a compound) between two words of one name.
    const std::string_view gap =
        text_.substr(words_[left].end, words_[right].begin - words_[left].end);
    return gap == " " || gap == "-" || gap == "\xC2\xA0";
  }

  bool gap_is(std::size_t left, std::size_t right, std::string_view expected) const {
    return text_.substr(words_[left].end, words_[right].begin - words_[left].end) == expected;
  }

  // Countries first: other patterns need to know where country names stand.
  void find_countries(std::span<const Token> tokens, std::vector<Found>& found) {
    const CountryTable& countries = gazetteers_.countries;
    auto token_at = [&](std::size_t begin) -> std::optional<std::size_t> {
      auto it = std::lower_bound(words_.begin(), words_.end(), begin,
                                 [](const Word& w, std::size_t b) { return w.begin < b; });
      if (it == words_.end() || it->begin != begin) return std::nullopt;
      return static_cast<std::size_t>(it - words_.begin());
    };
    auto add = [&](const CountryTable::Mention& m, bool demonym) {
      const auto first = token_at(m.begin);
      if (!first) return;
      if (!words_[*first].capitalized) return;  // "turkey", "china" (porcelain)
      // "ethnic Kazakhs" in China are people, not Kazakhstan.
      if (demonym && *first > 0 && words_[*first - 1].term == "ethnic") return;
      // "West and Central African countries" is a region, not the Central African Republic.
      if (demonym && *first > 1 && words_[*first - 1].term == "and" &&
          contains(compass_words(), words_[*first - 2].term)) {
        return;
      }
      std::size_t last = *first;
      while (last + 1 < words_.size() && words_[last + 1].begin < m.end) ++last;
      if (m.ambiguous && !plausible_country(*first, last + 1)) return;
      for (std::size_t i = *first; i <= last; ++i) {
        country_at_[i] = m.country.code;
        demonym_at_[i] = demonym;
      }
      found.push_back(Found{EntityKind::kCountry, m.country.name, m.country.code, *first, last + 1,
                            m.ambiguous});
    };
    for (const auto& m : countries.find_names(text_, tokens)) add(m, false);
    for (const auto& m : countries.find_demonyms(text_, tokens)) add(m, true);
  }

  // An ambiguous name ("Georgia", "Jordan", "Chad", "Niger", "Guinea") is taken for the country
  // unless it is part of a longer capitalized name: a person ("Michael Jordan", "Chad
  // Smith"), a river or region ("Niger Delta", "Jordan River", "New Guinea").
  bool plausible_country(std::size_t first, std::size_t end) const {
    if (end < words_.size() && adjacent(end - 1, end) && words_[end].cased && !is_head(end)) {
      return false;
    }
    if (first > 0 && adjacent(first - 1, first) && words_[first - 1].cased &&
        !contains(non_name_words(), words_[first - 1].term)) {
      return false;
    }
    return true;
  }

  // Names from the gazetteers: curated organizations, IGOs, fixed state bodies.
  void find_known(std::vector<Found>& found) {
    for (std::size_t start = 0; start < words_.size();) {
      if (!words_[start].capitalized &&
          !(words_[start].text.size() > 0 && words_[start].text[0] >= '0' &&
            words_[start].text[0] <= '9')) {
        ++start;
        continue;
      }
      const auto match = gazetteer_.trie.longest(
          terms_, start, [&](std::size_t name_index, std::size_t first, std::size_t end) {
            if (!gazetteer_.names[name_index].acronym) return true;
            for (std::size_t i = first; i < end; ++i) {
              if (!words_[i].all_caps) return false;
            }
            return true;
          });
      if (!match) {
        ++start;
        continue;
      }
      const auto& record = gazetteer_.records[gazetteer_.names[match->second].record];
      const std::string country =
          record.country == "*" ? state_of(start, start + match->first) : record.country;
      found.push_back(
          Found{record.kind, record.name, country, start, start + match->first, false, true});
      for (std::size_t i = start; i < start + match->first; ++i) {
        claimed_[i] = true;
        organization_at_[i] = record.kind == EntityKind::kOrganization;
      }
      start += match->first;
    }
  }

  bool is_head(std::size_t i) const {
    return words_[i].capitalized && (contains(state_heads(), words_[i].term) ||
                                     contains(organization_heads(), words_[i].term));
  }

  bool usable(std::size_t i) const { return !claimed_[i] && words_[i].capitalized; }

  // Heads that need words of their own around them to name a body: "National Police",
  // "Anti-Trafficking Task Force", "National Unity Government".
  // "House" names a body only as "House of Chiefs", "House of Representatives".
  static bool needs_complement(std::string_view head) { return head == "house"; }

  static std::size_t modifiers_needed(std::string_view head) {
    if (head == "police" || head == "force") return 1;
    if (head == "government") return 2;
    return 0;
  }

  // Words that join the parts of a name; title-cased lists write them capitalized too
  // ("Ministry of Justice And Islamic Affairs").
  bool is_connector(std::size_t i) const {
    const std::string_view t = words_[i].term;
    return t == "of" || t == "for" || t == "on" || t == "to" || t == "against" || t == "with" ||
           t == "and" || t == "&";
  }

  // Whether a new body starts within the capitalized words at `from` ("... and the National
  // Committee on Childhood"): a head before the next lower-case word.
  bool head_ahead(std::size_t from) const {
    for (std::size_t i = from; i < words_.size() && words_[i].capitalized; ++i) {
      if (is_head(i)) return true;
      if (i + 1 < words_.size() && !adjacent(i, i + 1)) break;
    }
    return false;
  }

  // Ministries, committees, courts, ... and NGOs with an organization head ("... Association").
  void find_bodies(std::vector<Found>& found) {
    for (std::size_t head = 0; head < words_.size(); ++head) {
      if (claimed_[head] || !is_head(head) || !country_at_[head].empty()) continue;
      const std::string_view head_term = words_[head].term;
      organization_prefix_ = false;
      const bool organization_anchor =
          contains(organization_heads(), head_term) && !contains(state_heads(), head_term);
      // Extend left over capitalized modifiers ("State Television and Radio Broadcasting").
      std::size_t first = head;
      std::size_t modifiers = 0;
      while (first > 0 && modifiers < 6) {
        std::size_t left = first - 1;
        if (!claimed_[left] && words_[left].term == "and" && !words_[left].capitalized &&
            left > 0 && usable(left - 1) && adjacent(left - 1, left) && adjacent(left, first) &&
            !contains(non_name_words(), words_[left - 1].term) && country_at_[left - 1].empty() &&
            !contains(state_markers(), words_[first].term)) {
          first = left - 1;
          modifiers += 1;
          continue;
        }
        // "Inter-ministerial Committee": a compound whose first part is capitalized.
        if (!claimed_[left] && !words_[left].capitalized && left > 0 && usable(left - 1) &&
            gap_is(left - 1, left, "-") && adjacent(left, first)) {
          first = left - 1;
          modifiers += 1;
          continue;
        }
        // "ILO Committee of Experts", "OHCHR Regional Office": a part of a known organization.
        if (claimed_[left] && organization_at_[left] && adjacent(left, first)) {
          std::size_t start = left;
          while (start > 0 && claimed_[start - 1] && organization_at_[start - 1] &&
                 adjacent(start - 1, start)) {
            --start;
          }
          organization_prefix_ = true;
          first = start;
          break;
        }
        if (!usable(left) || !adjacent(left, first)) break;
        if (contains(non_name_words(), words_[left].term)) break;
        // "the Russian Ministry": the state, not the name; but "Botswana Police Service" and
        // "Albanian-American Development Fund" carry the country in their own name.
        if (!country_at_[left].empty() && demonym_at_[left] && !organization_anchor) break;
        if (!country_at_[left].empty() && left > 0 && !country_at_[left - 1].empty()) break;
        first = left;
        ++modifiers;
      }
      // Extend right over capitalized words and "of/for/on/to/against/with (the) Capitalized".
      std::size_t end = head + 1;
      bool has_complement = false;
      while (end < words_.size() && end - first < kMaxNameTokens) {
        const Word& next = words_[end];
        if (usable(end) && adjacent(end - 1, end) && !contains(non_name_words(), next.term)) {
          ++end;
          continue;
        }
        const bool connector = is_connector(end) && adjacent(end - 1, end);
        const bool comma = gap_is(end - 1, end, ", ") && has_complement;
        if (!connector && !comma) break;
        std::size_t after = end + (connector ? 1 : 0);
        if (comma && words_[end].term == "and" && !words_[end].capitalized) ++after;
        // "Ministry of Justice and of Human Rights"
        if (connector && next.term == "and" && after < words_.size() &&
            words_[after].term == "of") {
          ++after;
        }
        if (after < words_.size() && words_[after].term == "the" && !words_[after].capitalized) {
          ++after;
        }
        if (after >= words_.size() || !usable(after)) break;
        const bool joins = next.term == "and" || next.term == "&" || comma;
        if (joins) {
          // "Ministry of Justice and Ministry of Interior" are two bodies, and so is a list of
          // them after a comma; "Ministries of Interior and Justice" is split later.
          if (head_ahead(after) && head_term != "ministries") break;
          if (!country_at_[after].empty() && comma) break;
        } else {
          has_complement = true;
        }
        end = after + 1;
      }
      const std::size_t left_words = head - first;
      if (left_words < modifiers_needed(head_term)) continue;
      if (needs_complement(head_term) && !has_complement) continue;
      if (left_words == 0 && !has_complement && end == head + 1 &&
          !contains(bare_heads(), head_term)) {
        continue;
      }
      // "Human Rights Watch", "Deep South Watch": a watch is the last word of its name.
      if (head_term == "watch" && end != head + 1) continue;
      emit_body(first, head, end, has_complement, found);
    }
  }

  void emit_body(std::size_t first, std::size_t head, std::size_t end, bool has_complement,
                 std::vector<Found>& found) {
    const std::string_view anchor = words_[head].term;
    bool religious = false;
    bool state_marked = false;
    bool worldwide = false;
    for (std::size_t i = first; i < end; ++i) {
      const std::string_view term = words_[i].term;
      religious = religious || contains(religious_words(), term);
      state_marked = state_marked || contains(state_markers(), term);
      worldwide = worldwide || term == "international" || term == "global" || term == "world";
    }
    const bool bare = first == head && end == head + 1;
    EntityKind kind = EntityKind::kStateBody;
    if (!bare && contains(organization_heads(), anchor) && !contains(state_heads(), anchor)) {
      kind = EntityKind::kOrganization;
    } else if (!bare && contains(shared_heads(), anchor) && !state_marked) {
      // "Human Rights Center", "World Jewish Congress": civil society unless the name says the
      // state runs it ("National Center for Human Rights", "Supreme Council for Women").
      kind = anchor == "council" && !worldwide ? EntityKind::kStateBody : EntityKind::kOrganization;
    }
    if (worldwide && kind == EntityKind::kStateBody && !state_marked)
      kind = EntityKind::kOrganization;
    if (organization_prefix_) kind = EntityKind::kOrganization;  // "ILO Committee of Experts"
    // Religious communities are not entities here, but state bodies for religious affairs are.
    if (religious && !state_marked && !worldwide &&
        !(anchor == "ministry" || anchor == "ministries" || anchor == "committee" ||
          anchor == "commission" || anchor == "agency" || anchor == "department" ||
          anchor == "office" || anchor == "court")) {
      return;
    }
    // "Freedom of Association and Collective Bargaining" is a right, not an association.
    if (kind == EntityKind::kOrganization && first > 0 && words_[first - 1].term == "of" &&
        !words_[first - 1].capitalized) {
      return;
    }
    std::string name =
        clean_name(text_.substr(words_[first].begin, words_[end - 1].end - words_[first].begin));
    if (not_entities().contains(thread_normalizer().fold(name))) return;
    for (std::size_t i = first; i < end; ++i) claimed_[i] = true;
    const std::string country =
        kind == EntityKind::kStateBody ? state_of(first, end) : std::string();

    // "Ministries of Interior and Justice": one body each.
    if (anchor == "ministries" && has_complement) {
      std::size_t part_begin = head + 2;  // after "of"
      if (part_begin < end && words_[part_begin].term == "the") ++part_begin;
      for (std::size_t i = part_begin; i <= end; ++i) {
        const bool at_and = i < end && !words_[i].capitalized && words_[i].term == "and";
        const bool at_comma = i < end && i > part_begin && gap_is(i - 1, i, ", ");
        if (i < end && !at_and && !at_comma) continue;
        if (i > part_begin) {
          const std::string subject(
              text_.substr(words_[part_begin].begin, words_[i - 1].end - words_[part_begin].begin));
          found.push_back(Found{
              kind, canonical_entity_name(kind, "Ministry of " + subject, gazetteers_.entities),
              country, part_begin, i});
        }
        part_begin = at_and ? i + 1 : i;
        if (at_comma && words_[i].term == "and") part_begin = i + 1;
      }
      return;
    }
    name = canonical_entity_name(kind, name, gazetteers_.entities);
    found.push_back(Found{kind, name, country, first, end});
  }

  // The state a body belongs to: a country named just before it ("the Russian Ministry of
  // Defense", "Russia's ...", "U.S. Department ...") or at its end ("Supreme Court of
  // Kazakhstan"); else the report's subject country.
  std::string state_of(std::size_t first, std::size_t end) const {
    if (first > 0 && !country_at_[first - 1].empty() && adjacent(first - 1, first)) {
      return country_at_[first - 1];
    }
    if (!country_at_[first].empty()) return country_at_[first];  // "Botswana Police Service"
    if (!country_at_[end - 1].empty()) return country_at_[end - 1];
    return subject_;
  }

  // "the NGO Duay Jai", "nongovernmental organization (NGO) Deep South Watch", "NGOs and
  // monitoring organizations, including Golos Svobody and Spravedlivost".
  void find_cued_organizations(std::vector<Found>& found) {
    for (std::size_t i = 0; i + 1 < words_.size(); ++i) {
      const std::string_view term = words_[i].term;
      const bool plural =
          term == "ngos" || term == "organizations" || term == "organisations" || term == "groups";
      const bool cue =
          words_[i].text == "NGO" || term == "ngo" || term == "ngos" ||
          ((term == "organization" || term == "organisation") && i > 0 &&
           (words_[i - 1].term == "nongovernmental" || words_[i - 1].term == "governmental")) ||
          (plural && i + 1 < words_.size() && words_[i + 1].term == "including");
      if (!cue) continue;
      std::size_t first = i + 1;
      if (first < words_.size() && words_[first].term == "including") ++first;
      if (first < words_.size() && words_[first].text == "NGO") ++first;  // "organization (NGO) X"
      // A list of names: "X", "X and Y", "X, Y, and Z".
      for (int names = 0; names < 8 && first < words_.size(); ++names) {
        if (!usable(first)) break;
        const std::string_view gap =
            text_.substr(words_[first - 1].end, words_[first].begin - words_[first - 1].end);
        if (gap != " " && gap != ") " && gap != ", " && gap != "\xC2\xA0") break;
        if (contains(non_name_words(), words_[first].term) || !country_at_[first].empty()) break;
        std::size_t end = first + 1;
        while (end < words_.size() && end - first < 7 && usable(end) && adjacent(end - 1, end) &&
               !contains(non_name_words(), words_[end].term)) {
          ++end;
        }
        bool religious = false;
        for (std::size_t k = first; k < end; ++k) {
          religious = religious || contains(religious_words(), words_[k].term);
        }
        if (!religious) {
          for (std::size_t k = first; k < end; ++k) claimed_[k] = true;
          found.push_back(Found{
              EntityKind::kOrganization,
              canonical_entity_name(
                  EntityKind::kOrganization,
                  text_.substr(words_[first].begin, words_[end - 1].end - words_[first].begin),
                  gazetteers_.entities),
              "", first, end});
        }
        if (!plural && term != "ngos") break;  // "the NGO X": one name
        // Continue over ", ", " and ", ", and ".
        std::size_t next = end;
        if (next < words_.size() && words_[next].term == "and" && !words_[next].capitalized) ++next;
        if (next == end && !(next < words_.size() && gap_is(end - 1, next, ", "))) break;
        first = next;
      }
    }
  }

  // "State Commission on Religious Affairs (SCRA)": later "SCRA" is that body.
  void learn_acronyms(const std::vector<Found>& found) {
    // The acronym in its definition belongs to the mention it defines, not a mention of its own.
    for (const Found& f : found) {
      if (f.kind == EntityKind::kCountry) continue;
      const std::size_t after = f.end_token;
      if (after >= words_.size()) continue;
      const std::string_view gap =
          text_.substr(words_[after - 1].end, words_[after].begin - words_[after - 1].end);
      if (gap != " (" && gap != "(") continue;
      const Word& acronym = words_[after];
      if (acronym.end >= text_.size() || text_[acronym.end] != ')') continue;
      if (!looks_like_acronym(acronym.text) || acronym.text.size() > 12) continue;
      acronyms_.try_emplace(std::string(acronym.text), f);
      claimed_[after] = true;
    }
  }

  void find_acronym_uses(std::vector<Found>& found) {
    if (acronyms_.empty()) return;
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (claimed_[i] || !words_[i].all_caps) continue;
      const auto it = acronyms_.find(std::string(words_[i].text));
      if (it == acronyms_.end()) continue;
      Found use = it->second;
      use.first_token = i;
      use.end_token = i + 1;
      claimed_[i] = true;
      found.push_back(std::move(use));
    }
  }

  void record(int paragraph, const Found& f) {
    std::string key = std::string(to_string(f.kind)) + "|";
    if (f.kind == EntityKind::kCountry) {
      key += f.country;
    } else {
      key += thread_normalizer().fold(f.name) + "|" + f.country;
    }
    if (f.kind != EntityKind::kCountry && !f.known) {
      if (auto longer = longer_form_of(f); longer) key = *longer;
    }
    auto [it, inserted] = index_.try_emplace(key, pending_.size());
    if (f.known) known_.insert(key);
    if (inserted) {
      Pending p;
      p.entity.kind = f.kind;
      p.entity.name = f.name;
      if (f.kind == EntityKind::kCountry) {
        p.entity.id = f.country;
      } else {
        p.entity.country = f.country;
        p.entity.id = slugify(f.name) + (f.country.empty() ? "" : "." + slugify(f.country));
      }
      pending_.push_back(std::move(p));
      order_.push_back(it->second);
    }
    Pending& p = pending_[it->second];
    p.entity.spans.push_back(
        EntitySpan{paragraph, words_[f.first_token].begin, words_[f.end_token - 1].end});
  }

  // A short and a full name of one body ("the Supreme Council" and "Supreme Council for Women",
  // "Ministry of Labor" and "Ministry of Labor, Social Security, and Migration", in either
  // order): the key of the body found first, when exactly one earlier body's name begins with
  // the other's words.
  std::optional<std::string> longer_form_of(const Found& f) const {
    const std::string folded = thread_normalizer().fold(f.name);
    if (folded.find(' ') == std::string::npos) return std::nullopt;  // one word is too little
    std::optional<std::string> match;
    for (const auto& [key, index] : index_) {
      const Entity& e = pending_[index].entity;
      if (e.kind != f.kind || e.country != f.country || known_.contains(key)) continue;
      const std::string other = thread_normalizer().fold(e.name);
      if (other == folded) continue;
      const std::string& shorter = other.size() < folded.size() ? other : folded;
      const std::string& longer = other.size() < folded.size() ? folded : other;
      if (shorter.find(' ') == std::string::npos) continue;
      // Only a leading part: "Court of Appeal" is not the "Customary Court of Appeal".
      if (!longer.starts_with(shorter + " ") && !longer.starts_with(shorter + ",")) continue;
      if (match) return std::nullopt;  // two candidates: do not guess
      match = key;
    }
    return match;
  }

  const Gazetteers& gazetteers_;
  const EntityGazetteer::Impl& gazetteer_;
  std::string subject_;

  std::string_view text_;
  std::vector<Word> words_;
  std::vector<std::string_view> terms_;
  std::vector<bool> claimed_;
  std::vector<std::string> country_at_;  // per token: the country a name or demonym there names
  std::vector<bool> demonym_at_;         // per token: that country word is a demonym
  std::vector<bool> organization_at_;    // per token: part of a known organization's name
  bool organization_prefix_ = false;     // the body being built starts with an organization

  std::map<std::string, Found> acronyms_;  // for the whole report
  std::unordered_map<std::string, std::size_t> index_;
  std::set<std::string> known_;  // keys of entities named from the gazetteers
  std::vector<Pending> pending_;
  std::vector<std::size_t> order_;
};

}  // namespace

EntityTagger::EntityTagger(const Gazetteers& gazetteers) : gazetteers_(gazetteers) {}

std::vector<Entity> EntityTagger::tag(const Report& report) const {
  std::vector<std::vector<Token>> tokens;
  tokens.reserve(report.paragraphs.size());
  for (const Paragraph& p : report.paragraphs)
    tokens.push_back(thread_normalizer().tokenize(p.text));
  return tag(report, tokens);
}

std::vector<Entity> EntityTagger::tag(const Report& report,
                                      std::span<const std::vector<Token>> paragraph_tokens) const {
  DocumentTagger tagger(gazetteers_, report);
  for (std::size_t i = 0; i < report.paragraphs.size() && i < paragraph_tokens.size(); ++i) {
    tagger.tag_paragraph(report.paragraphs[i], paragraph_tokens[i]);
  }
  return tagger.finish();
}

}  // namespace dossier
