#pragma once
// Named entities of a report: the countries it mentions, the state bodies (ministries,
// committees, courts, parliaments, ...) and the organizations (UN bodies, IGOs, NGOs) it names.
//
// Threading: an EntityTagger is immutable after construction and safe to share between threads.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/normalize.h"
#include "corpus/report.h"

namespace dossier {

struct Gazetteers;

// The known organizations: a curated list (corpus/data/organizations.tsv) and the Correlates of
// War IGO list (corpus/data/igo_cow_v3.tsv); plus the state bodies whose state is fixed
// (corpus/data/state_bodies.tsv).
class EntityGazetteer {
 public:
  // The embedded files. Throws Error{kData} naming the file and line that is malformed.
  static EntityGazetteer load_builtin();
  // From texts, for tests; the names are used in messages.
  static EntityGazetteer parse(std::string_view organizations, std::string_view igos,
                               std::string_view state_bodies);

  EntityGazetteer(EntityGazetteer&&) noexcept;
  EntityGazetteer& operator=(EntityGazetteer&&) noexcept;
  ~EntityGazetteer();

  struct Known {
    EntityKind kind;
    std::string name;     // canonical
    std::string country;  // for state bodies
  };
  // By any name or acronym, case-insensitively for names and exactly for acronyms.
  std::optional<Known> resolve(std::string_view name) const;
  // By a name written with small differences from one it knows: articles, prepositions and
  // plurals aside ("Committee on the Rights of Child", "Committee for the Elimination of
  // Discrimination against Woman"). Names of three or more such words only, and only when one
  // record answers.
  std::optional<Known> resolve_variant(std::string_view name) const;
  // Every name it knows (not acronyms), folded, in no order.
  std::vector<std::string> folded_names() const;

  struct Impl;  // opaque: the name tries, defined with the tagger
  const Impl& impl() const { return *impl_; }

 private:
  explicit EntityGazetteer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The canonical name of a state body or an organization, from any way of writing it: the name
// the gazetteers give it ("IOM" -> "International Organization for Migration"), a ministry in one
// form ("the Justice Ministry", "Ministry for Justice", "ministry of the justice" -> "Ministry of
// Justice"; "Foreign Ministry" -> "Ministry of Foreign Affairs"), typographic apostrophes and
// spacing made plain, a leading "the" and a trailing possessive dropped. The tagger names what
// it finds with it and filters resolve with it, so a filter value is a name the index has.
std::string canonical_entity_name(EntityKind kind, std::string_view name,
                                  const EntityGazetteer& gazetteer);

// A state body's name as a filter value, typed any way the tagger's names come from: the
// state's name and adjective left out, as the tagger keeps the state apart ("Ministry of Justice
// of the Republic of Kazakhstan", "the Russian Ministry of Defense" -> "Ministry of Justice",
// "Ministry of Defense"), then canonical_entity_name().
std::string canonical_state_body_name(std::string_view name, const Gazetteers& gazetteers);

// A state body as a person names it: its canonical name (canonical_state_body_name()) and the
// ISO code of the state the text gives ("" when it gives none): "Ministry of Justice of the
// Republic of Kazakhstan", "the Kazakh Ministry of Justice", "Kazakhstan's Ministry of Justice",
// "Ministry of Justice (Kazakhstan)" and "Ministry of Justice (KZ)" are {"Ministry of Justice",
// "KZ"}.
struct StateBodyName {
  std::string name;
  std::string state;
};
StateBodyName resolve_state_body(std::string_view text, const Gazetteers& gazetteers);

// One body of one state as a facet value: "Ministry of Justice (KZ)"; the name alone when the
// state is unknown. resolve_state_body() reads it back.
std::string state_body_value(std::string_view name, std::string_view state);
// The body's name in such a value: "Ministry of Justice".
std::string state_body_name_of(std::string_view value);
// The value as a person reads it: "Ministry of Justice (Kazakhstan)".
std::string state_body_label(std::string_view value, const Gazetteers& gazetteers);

class EntityTagger {
 public:
  // Keeps a reference to the gazetteers, which must outlive it.
  explicit EntityTagger(const Gazetteers& gazetteers);

  // The entities of a report's body (its paragraphs; not its title or header), in order of
  // first mention. `report.country_code` (the subject country) decides ambiguous names and
  // which state an unqualified ministry belongs to.
  std::vector<Entity> tag(const Report& report) const;

  // As tag(), reusing tokens the caller has for each paragraph (tokens[i] for paragraph i).
  std::vector<Entity> tag(const Report& report,
                          std::span<const std::vector<Token>> paragraph_tokens) const;

 private:
  const Gazetteers& gazetteers_;
};

}  // namespace dossier
