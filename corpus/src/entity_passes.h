#pragma once
// The entity tagger's passes, private to corpus/. A paragraph is tokenized once and seen through
// a ParagraphView: its words, their shapes, and what earlier passes marked at each word (a
// country's name, a known organization, a word already claimed by a name). The passes run in
// this order, each reading the marks of the ones before:
//
//   find_countries            country names and demonyms ("Kazakhstani"), ambiguous ones only
//                             where they read as countries
//   find_gazetteer_names      names the gazetteers list: organizations, IGOs, fixed state bodies
//   find_body_patterns        state bodies and organizations by the shape of their names
//                             ("Ministry of Justice", "the Justice Ministry", "... Association")
//   find_cued_organizations   names a cue introduces ("the NGO Duay Jai", "NGOs, including X")
//   Acronyms                  "Long Name (ACR)" definitions, then later uses of "ACR"
//
// Each pass adds what it finds to a list of Found mentions; EntityCollector merges them into the
// report's entities.
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "corpus/entities.h"
#include "corpus/gazetteers.h"
#include "corpus/normalize.h"
#include "corpus/report.h"

namespace dossier::tagging {

// Names are at most this many words.
inline constexpr std::size_t kMaxNameTokens = 16;

// The word lists the passes use (corpus/data/entity_words.txt), folded.
struct EntityWords {
  using Set = std::unordered_set<std::string_view>;
  Set state_heads;         // "ministry", "committee", "court", ...
  Set organization_heads;  // "association", "foundation", ...: only organizations
  Set shared_heads;        // "center", "council", ...: organizations unless state-marked
  Set state_markers;       // "national", "supreme", ...: the state runs it
  Set bare_heads;          // "parliament", "majlis", ...: a name on their own
  Set religious_words;     // religious communities are not organizations here
  Set non_name_words;      // "the", "during", month names: not part of a name
  Set compass_words;       // "west", "central", ...
  Set not_entities;        // phrases that look like bodies but are not ("working group")
  Set office_titles;       // "director", "minister": a person's title, not a body's name
  Set acting_words;        // "recommendations", "urged": what bodies, not treaties, do
  Set law_words;           // "act", "law", "code": a law's title, not a body's name
  Set unit_heads;          // "department", "service": units of a state's ministries
  Set armed_words;         // "army", "militia": the last word of an armed group's name
  Set plan_words;          // "strategy", "plan": what a government adopts, not a body

  // Parses the file's "[list]" sections. Throws Error{kData} naming the line of an unknown list
  // or a word outside any list.
  static EntityWords parse(std::string_view text, std::string_view source);
  // The embedded corpus/data/entity_words.txt.
  static const EntityWords& builtin();
};

// An acronym as written: no lower-case letter and at least two capitals ("IOM", "UN-HABITAT").
bool looks_like_acronym(std::string_view name);
// Typographic apostrophes and runs of white space as plain ASCII, a leading "the" and a
// trailing possessive dropped: the raw form of a canonical name.
std::string clean_name(std::string_view text);

struct Word {
  std::string_view text;  // as written
  std::string_view term;  // folded, possessive dropped
  std::size_t begin;
  std::size_t end;
  bool capitalized;
  bool all_caps;    // no lower-case letter
  bool cased;       // begins with a capital letter of a script that has case
  bool possessive;  // "Labor's", "Ministry’s"
};

// One mention a pass found: what, where (word range), and its canonical identity.
struct Found {
  EntityKind kind;
  std::string name;
  std::string country;
  std::size_t first_token;
  std::size_t end_token;   // one past
  bool ambiguous = false;  // countries only: needs evidence
  bool known = false;      // from the gazetteers: a name of its own, never merged
  // From the gazetteers by a form that may not name its record alone: kept only when the report
  // names the record another way too.
  bool needs_context = false;
  std::size_t record = kNoRecord;  // the gazetteer record, when known
  static constexpr std::size_t kNoRecord = static_cast<std::size_t>(-1);
};

// The acronyms a report defines itself, "Protestant Church of Algeria (EPA)": acronym -> the
// folded words before it. A report's own definition wins over any list's.
using AcronymDefinitions = std::map<std::string, std::string, std::less<>>;
void find_acronym_definitions(std::string_view text, std::span<const Token> tokens,
                              AcronymDefinitions& definitions);

// One paragraph as the passes see it, with the marks they leave at each word.
struct ParagraphView {
  ParagraphView(std::string_view text, std::span<const Token> tokens);

  std::string_view text;
  std::vector<Word> words;
  std::vector<std::string_view> terms;  // each word's term, for trie lookups
  std::vector<bool> claimed;            // part of a name found already
  std::vector<std::string> country_at;  // the country a name or demonym there names
  std::vector<bool> demonym_at;         // that country word is a demonym
  std::vector<bool> organization_at;    // part of a known organization's name

  // The text between two words.
  std::string_view gap(std::size_t left, std::size_t right) const;
  // Only a space (or a hyphen inside a compound) between two words of one name.
  bool adjacent(std::size_t left, std::size_t right) const;
  bool gap_is(std::size_t left, std::size_t right, std::string_view expected) const {
    return gap(left, right) == expected;
  }
  // Capitalized and not yet part of a name.
  bool usable(std::size_t i) const { return !claimed[i] && words[i].capitalized; }
  // The word that starts at a byte offset.
  std::optional<std::size_t> word_at(std::size_t begin) const;
  void claim(std::size_t first, std::size_t end);
};

// What the passes over one report share.
struct TaggingContext {
  const Gazetteers& gazetteers;
  const EntityWords& words;
  std::string subject;  // the report's subject country ("" when unknown)
  const AcronymDefinitions& definitions;
};

// A word that heads a body's or an organization's name ("Ministry", "Association").
bool is_head(const ParagraphView& view, const EntityWords& words, std::size_t i);
// The state a body belongs to: a country named just before it ("the Russian Ministry of
// Defense", "Russia's ...") or in it ("Supreme Court of Kazakhstan"); else the subject country.
std::string state_of(const ParagraphView& view, const TaggingContext& context, std::size_t first,
                     std::size_t end);

void find_countries(ParagraphView& view, const TaggingContext& context,
                    std::span<const Token> tokens, std::vector<Found>& found);
void find_gazetteer_names(ParagraphView& view, const TaggingContext& context,
                          std::vector<Found>& found);
void find_body_patterns(ParagraphView& view, const TaggingContext& context,
                        std::vector<Found>& found);
void find_cued_organizations(ParagraphView& view, const TaggingContext& context,
                             std::vector<Found>& found);

// "State Commission on Religious Affairs (SCRA)": later "SCRA" is that body, in any paragraph
// of the report.
class Acronyms {
 public:
  // Learns the definitions among the mentions found so far in the paragraph (and claims the
  // acronyms in them: they belong to the mention they define).
  void learn(ParagraphView& view, const std::vector<Found>& found);
  // Adds a mention for each use of an acronym learned so far.
  void find_uses(ParagraphView& view, std::vector<Found>& found) const;
  // "the United Nations interim security Force for Abyei (UNISFA)": a mention followed by
  // words, lower-case ones among them, and an acronym their initials spell names the whole
  // (written with capitals, as its acronym shows it is). Runs before learn().
  static void extend_to_acronyms(ParagraphView& view, std::vector<Found>& found);
  // "the Elie Wiesel National Institute for the Study of the Holocaust in Romania (Wiesel
  // Institute)": a short form the report gives a name in parentheses, its words the name's, is
  // that name wherever the report uses it, from its definition on.
  void learn_short_forms(const ParagraphView& view, const std::vector<Found>& found);
  void apply_short_forms(std::vector<Found>& found) const;

 private:
  std::map<std::string, Found> defined_;
  std::map<std::string, Found> short_forms_;  // folded short form -> the name it stands for
};

// Merges the mentions of a report into its entities: one per country, and one per body or
// organization and state, where a short and a full form of one name ("the Supreme Council",
// "Supreme Council for Women") count as one.
class EntityCollector {
 public:
  void record(const EntitySpan& span, const Found& found);
  std::vector<Entity> finish();

 private:
  std::optional<std::string> longer_form_of(const Found& found) const;

  std::map<std::string, std::size_t> index_;  // key -> entities_ index
  std::set<std::string> known_keys_;          // keys of entities named from the gazetteers
  std::vector<Entity> entities_;              // in order of first mention
};

}  // namespace dossier::tagging
