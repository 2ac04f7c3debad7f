#include "corpus/entities.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "corpus/data_file.h"
#include "corpus/error.h"
#include "corpus/gazetteers.h"
#include "entity_gazetteer.h"
#include "entity_passes.h"
#include "name_words.h"

namespace dossier::embedded {
extern const std::string_view kOrganizationsTsv;
extern const std::string_view kIgoCowTsv;
extern const std::string_view kStateBodiesTsv;
}  // namespace dossier::embedded

namespace dossier {

using names::join_words;
using names::name_words;
using names::thread_normalizer;
using tagging::clean_name;
using tagging::looks_like_acronym;

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

// ---------------------------------------------------------------------------------------------
// The gazetteer

namespace {

// Fills a gazetteer's tables from the data files.
struct GazetteerLoader {
  EntityGazetteer::Impl& impl;

  // Registers a name of a record. A name already taken keeps its first record: the files are
  // read in order of precedence (state bodies, curated organizations, the IGO list). A name
  // written "~NAME", and every acronym when `acronyms_alone` is false, names the record only in
  // a report that also names it another way.
  void add(std::size_t record, std::string_view name, const DataFile& file, std::size_t line,
           bool acronyms_alone = true) {
    name = trim(name);
    bool alone = true;
    if (name.starts_with('~')) {
      alone = false;
      name = trim(name.substr(1));
    }
    if (name.empty()) return;
    const std::vector<std::string> words = name_words(name);
    if (words.empty()) file.fail(line, "\"" + std::string(name) + "\" has no words");
    const bool acronym = looks_like_acronym(name);
    if (acronym && !acronyms_alone) alone = false;
    const std::string key = (acronym ? "A:" : "N:") + join_words(words);
    if (impl.record_names.size() <= record) impl.record_names.resize(record + 1);
    if (!acronym) impl.record_names[record].push_back(join_words(words));
    if (!acronym) {
      if (std::string variant = variant_key(words); !variant.empty()) {
        auto [at, inserted] = impl.by_variant.try_emplace(std::move(variant), record);
        if (!inserted && at->second != record) at->second = EntityGazetteer::Impl::kAmbiguous;
      }
    }
    if (impl.by_key.contains(key)) return;
    impl.by_key.emplace(key, impl.names.size());
    impl.trie.insert(words, impl.names.size());
    impl.names.push_back({record, acronym, alone});
  }

  void read_organizations(std::string_view text, std::string_view source) {
    const DataFile file(text, source);
    for (const DataLine& line : file.lines()) {
      file.expect_cells(line, 3, "name, other names, kind");
      const std::string_view kind = trim(line.cells[2]);
      if (kind != "un" && kind != "igo" && kind != "ngo") {
        file.fail(line.number, "unknown kind \"" + std::string(kind) + "\" (un, igo or ngo)");
      }
      const std::size_t record = impl.records.size();
      impl.records.push_back({EntityKind::kOrganization, std::string(trim(line.cells[0])), ""});
      add(record, line.cells[0], file, line.number);
      for (std::string_view alias : split(line.cells[1], '|')) {
        add(record, alias, file, line.number);
      }
    }
  }

  // The Correlates of War IGO list: its long names (without the "(ACRONYM)" they carry) and its
  // acronyms of three or more capitals. Curated names take precedence. Most of its 534
  // organizations are obscure, and their acronyms are common letters ("EPA" is the European
  // Productivity Agency, 1953-1961): an acronym names one only in a report that also names it
  // in full.
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
      const std::size_t record = impl.records.size();
      impl.records.push_back({EntityKind::kOrganization, std::string(trim(variants.back())), ""});
      for (std::string_view variant : variants) add(record, variant, file, line.number);
      const std::string_view acronym = trim(line.cells[0]);
      if (acronym.size() >= 3 && looks_like_acronym(acronym) &&
          std::all_of(acronym.begin(), acronym.end(),
                      [](char c) { return c >= 'A' && c <= 'Z'; })) {
        add(record, acronym, file, line.number, /*acronyms_alone=*/false);
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
      const std::size_t record = impl.records.size();
      impl.records.push_back({EntityKind::kStateBody, std::string(trim(line.cells[1])),
                              std::string(trim(line.cells[0]))});
      add(record, line.cells[1], file, line.number);
      for (std::string_view alias : split(line.cells[2], '|')) {
        add(record, alias, file, line.number);
      }
    }
  }
};

}  // namespace

std::string variant_key(const std::vector<std::string>& words) {
  static const std::set<std::string_view> kSmallWords = {"the", "of", "on", "for", "against", "and",
                                                         "a",   "an", "to", "in",  "&"};
  std::string key;
  int count = 0;
  for (std::string_view word : words) {
    if (kSmallWords.contains(word)) continue;
    if (word == "women") word = "woman";
    if (word == "children") word = "child";
    if (word.size() > 3 && word.ends_with('s') && !word.ends_with("ss")) word.remove_suffix(1);
    if (!key.empty()) key.push_back(' ');
    key += word;
    ++count;
  }
  return count >= 3 ? key : std::string();
}

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
  GazetteerLoader loader{*impl};
  loader.read_state_bodies(state_bodies, "corpus/data/state_bodies.tsv");
  loader.read_organizations(organizations, "corpus/data/organizations.tsv");
  loader.read_igos(igos, "corpus/data/igo_cow_v3.tsv");
  return EntityGazetteer(std::move(impl));
}

std::vector<std::string> EntityGazetteer::folded_names() const {
  std::vector<std::string> names;
  for (const auto& [key, index] : impl_->by_key) {
    if (key.starts_with("N:")) names.push_back(key.substr(2));
  }
  return names;
}

namespace {

EntityGazetteer::Known known_of(const EntityGazetteer::Impl& impl, std::size_t record_index) {
  const EntityGazetteer::Impl::Record& record = impl.records[record_index];
  return EntityGazetteer::Known{record.kind, record.name, record.country};
}

// By a name's words (name_words()), exactly.
std::optional<EntityGazetteer::Known> known_by_words(const EntityGazetteer::Impl& impl,
                                                     const std::vector<std::string>& words) {
  if (words.empty()) return std::nullopt;
  const std::string joined = join_words(words);
  auto found = impl.by_key.find("N:" + joined);
  if (found == impl.by_key.end()) found = impl.by_key.find("A:" + joined);
  if (found == impl.by_key.end()) return std::nullopt;
  return known_of(impl, impl.names[found->second].record);
}

// By a name's words, articles, prepositions and plurals aside.
std::optional<EntityGazetteer::Known> known_by_variant(const EntityGazetteer::Impl& impl,
                                                       const std::vector<std::string>& words) {
  const std::string key = variant_key(words);
  if (key.empty()) return std::nullopt;
  const auto found = impl.by_variant.find(key);
  if (found == impl.by_variant.end() || found->second == EntityGazetteer::Impl::kAmbiguous) {
    return std::nullopt;
  }
  return known_of(impl, found->second);
}

}  // namespace

std::optional<EntityGazetteer::Known> EntityGazetteer::resolve_variant(
    std::string_view name) const {
  return known_by_variant(*impl_, name_words(name));
}

std::optional<EntityGazetteer::Known> EntityGazetteer::resolve(std::string_view name) const {
  return known_by_words(*impl_, name_words(name));
}

// ---------------------------------------------------------------------------------------------
// Canonical names

namespace {

bool starts_with_ascii_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with_ascii_ci(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         starts_with_ascii_ci(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace

std::string canonical_entity_name(EntityKind kind, std::string_view name,
                                  const EntityGazetteer& gazetteer) {
  std::string out = clean_name(name);
  // Only a subject of capitalized words turns around: "the Unit of the Ministry" does not.
  const auto lower_word = [](std::string_view text) {
    for (std::size_t at = 0; at < text.size(); ++at) {
      if ((at == 0 || text[at - 1] == ' ') && std::islower(static_cast<unsigned char>(text[at]))) {
        return true;
      }
    }
    return false;
  };
  // "Public Ministry" (the prosecution service of civil-law states) is its name, not a subject.
  if (ends_with_ascii_ci(out, " ministry") && out.size() > 9 &&
      !lower_word(std::string_view(out).substr(0, out.size() - 9)) &&
      !(out.size() == 15 && starts_with_ascii_ci(out, "public "))) {
    // "Justice Ministry" -> "Ministry of Justice".
    std::string subject = clean_name(out.substr(0, out.size() - 9));  // "Attorney General's"
    const std::string key = thread_normalizer().fold(subject);
    if (key == "foreign") subject += " Affairs";
    if (key == "internal") subject += " Affairs";
    out = "Ministry of " + subject;
  } else if (starts_with_ascii_ci(out, "ministry of the ")) {
    out = "Ministry of " + out.substr(16);  // "Ministry of the Interior"
  } else if (starts_with_ascii_ci(out, "ministry for ")) {
    out = "Ministry of " + out.substr(13);  // "Ministry for Foreign Affairs"
  }
  // "Ministry of Internal Affairs" and "Ministry of the Interior" are one ministry.
  for (std::string_view internal : {"Ministry of Internal Affairs", "Ministry of Interior Affairs",
                                    "Ministry of Home and Internal Affairs"}) {
    if (out.size() == internal.size() && starts_with_ascii_ci(out, to_lower_ascii(internal))) {
      out = "Ministry of Interior";
    }
  }
  // "Ministry of Justice and of Human Rights" is the "Ministry of Justice and Human Rights".
  for (std::size_t at; (at = out.find(" and of ")) != std::string::npos;) out.erase(at + 4, 3);
  const std::vector<std::string> words = name_words(out);  // tokenized once for both lookups
  if (auto known = known_by_words(gazetteer.impl(), words); known && known->kind == kind) {
    return known->name;
  }
  if (auto known = known_by_variant(gazetteer.impl(), words); known && known->kind == kind) {
    return known->name;
  }
  return out;
}

StateBodyName resolve_state_body(std::string_view text, const Gazetteers& gazetteers) {
  std::string out = clean_name(text);
  std::string state;
  const auto words_of = [](std::string_view part) {
    std::vector<std::string> words;
    for (std::string_view word : split(part, ' ')) {
      if (!word.empty()) words.emplace_back(word);
    }
    return words;
  };
  // "Ministry of Justice (Kazakhstan)", "Ministry of Justice (KZ)": the form facets label and
  // store a body with.
  if (out.size() > 4 && out.back() == ')') {
    if (const std::size_t open = out.rfind(" ("); open != std::string::npos && open > 0) {
      if (const auto country =
              gazetteers.countries.resolve(out.substr(open + 2, out.size() - open - 3))) {
        state = country->code;
        out.resize(open);
      }
    }
  }
  // "... of the Republic of Kazakhstan": the state's name after the body's.
  if (const auto names = gazetteers.countries.find_names(out);
      state.empty() && !names.empty() && names.back().end == out.size()) {
    std::vector<std::string> before = words_of(std::string_view(out).substr(0, names.back().begin));
    while (!before.empty() &&
           (to_lower_ascii(before.back()) == "the" || to_lower_ascii(before.back()) == "republic" ||
            (to_lower_ascii(before.back()) == "of" && before.size() > 1 &&
             to_lower_ascii(before[before.size() - 2]) == "republic"))) {
      before.pop_back();
    }
    const bool completes =
        before.size() > 1 && (to_lower_ascii(before[before.size() - 2]) == "people" ||
                              to_lower_ascii(before[before.size() - 2]) == "peoples");
    if (before.size() > 2 && to_lower_ascii(before.back()) == "of" && !completes) {
      before.pop_back();
      out = names::join_words(before);
      state = names.back().country.code;
    }
  }
  // "the Russian Ministry of Defense", "Kazakhstan's Ministry of Justice": the state's adjective
  // or name before it.
  // A state's name only with a possessive: the tagger keeps "Botswana Police" whole.
  const auto take_leading = [&](const std::vector<CountryTable::Mention>& found, bool possessive) {
    if (!state.empty() || found.empty() || found.front().begin != 0) return;
    std::size_t end = found.front().end;
    if (possessive) {
      if (out.compare(end, 2, "'s") != 0) return;
      end += 2;
    }
    if (end >= out.size() || out[end] != ' ') return;
    const std::string rest = out.substr(end + 1);
    if (words_of(rest).size() < 2) return;
    out = rest;
    state = found.front().country.code;
  };
  take_leading(gazetteers.countries.find_demonyms(out), false);
  take_leading(gazetteers.countries.find_names(out), true);
  return {canonical_entity_name(EntityKind::kStateBody, out, gazetteers.entities),
          std::move(state)};
}

std::string canonical_state_body_name(std::string_view name, const Gazetteers& gazetteers) {
  return resolve_state_body(name, gazetteers).name;
}

std::string state_body_value(std::string_view name, std::string_view state) {
  std::string value(name);
  if (!state.empty()) value += " (" + std::string(state) + ")";
  return value;
}

namespace {

// "Ministry of Justice (KZ)": the state's code, or "" for a name alone.
std::string_view state_code_of(std::string_view value) {
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const std::size_t n = value.size();
  if (n > 5 && value.substr(n - 5, 2) == " (" && upper(value[n - 3]) && upper(value[n - 2]) &&
      value[n - 1] == ')') {
    return value.substr(n - 3, 2);
  }
  return {};
}

}  // namespace

std::string state_body_name_of(std::string_view value) {
  const std::string_view code = state_code_of(value);
  return std::string(code.empty() ? value : value.substr(0, value.size() - 5));
}

std::string state_body_label(std::string_view value, const Gazetteers& gazetteers) {
  if (const std::string_view code = state_code_of(value); !code.empty()) {
    if (const auto country = gazetteers.countries.by_code(code)) {
      return state_body_name_of(value) + " (" + country->name + ")";
    }
  }
  return std::string(value);
}

// ---------------------------------------------------------------------------------------------
// The tagger: the passes of entity_passes.h over each paragraph, in order.

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
  using namespace tagging;
  AcronymDefinitions definitions;
  for (std::size_t i = 0; i < report.paragraphs.size() && i < paragraph_tokens.size(); ++i) {
    find_acronym_definitions(report.paragraphs[i].text, paragraph_tokens[i], definitions);
  }
  const TaggingContext context{gazetteers_, EntityWords::builtin(), report.country_code,
                               definitions};
  Acronyms acronyms;
  // Every mention first: whether a form that may not name its record alone does depends on the
  // whole report.
  std::vector<std::pair<EntitySpan, Found>> mentions;
  std::set<std::size_t> records_named;  // gazetteer records named by a form that may stand alone
  std::vector<Found> found;
  for (std::size_t i = 0; i < report.paragraphs.size() && i < paragraph_tokens.size(); ++i) {
    const Paragraph& paragraph = report.paragraphs[i];
    ParagraphView view(paragraph.text, paragraph_tokens[i]);
    found.clear();
    find_countries(view, context, paragraph_tokens[i], found);
    find_gazetteer_names(view, context, found);
    find_body_patterns(view, context, found);
    find_cued_organizations(view, context, found);
    Acronyms::extend_to_acronyms(view, found);
    acronyms.learn(view, found);
    acronyms.learn_short_forms(view, found);
    acronyms.apply_short_forms(found);
    acronyms.find_uses(view, found);
    for (Found& f : found) {
      if (f.record != Found::kNoRecord && !f.needs_context) records_named.insert(f.record);
      const EntitySpan span{paragraph.number, view.words[f.first_token].begin,
                            view.words[f.end_token - 1].end};
      mentions.emplace_back(span, std::move(f));
    }
  }
  EntityCollector entities;
  for (const auto& [span, f] : mentions) {
    if (f.needs_context && !records_named.contains(f.record)) continue;
    entities.record(span, f);
  }
  return entities.finish();
}

}  // namespace dossier
