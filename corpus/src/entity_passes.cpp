#include "entity_passes.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

#include "corpus/data_file.h"
#include "corpus/error.h"
#include "entity_gazetteer.h"
#include "name_words.h"

namespace dossier::embedded {
extern const std::string_view kEntityWordsTxt;
}  // namespace dossier::embedded

namespace dossier::tagging {

using names::match_term;
using names::thread_normalizer;

namespace {

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
    if (word.size() > article.size() + 1 && word.starts_with(article)) {
      word.remove_prefix(article.size());
    }
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

}  // namespace

// ---------------------------------------------------------------------------------------------
// Word lists

EntityWords EntityWords::parse(std::string_view text, std::string_view source) {
  EntityWords words;
  const std::pair<std::string_view, Set*> lists[] = {
      {"state_heads", &words.state_heads},       {"organization_heads", &words.organization_heads},
      {"shared_heads", &words.shared_heads},     {"state_markers", &words.state_markers},
      {"bare_heads", &words.bare_heads},         {"religious_words", &words.religious_words},
      {"non_name_words", &words.non_name_words}, {"compass_words", &words.compass_words},
      {"not_entities", &words.not_entities},     {"office_titles", &words.office_titles},
      {"acting_words", &words.acting_words},     {"law_words", &words.law_words},
      {"unit_heads", &words.unit_heads},         {"armed_words", &words.armed_words},
      {"plan_words", &words.plan_words},
  };
  const DataFile file(text, source);
  Set* list = nullptr;
  for (const DataLine& line : file.lines()) {
    const std::string_view entry = trim(line.cells[0]);
    if (entry.starts_with('[') && entry.ends_with(']')) {
      const std::string_view name = entry.substr(1, entry.size() - 2);
      const auto known = std::find_if(std::begin(lists), std::end(lists),
                                      [&](const auto& l) { return l.first == name; });
      if (known == std::end(lists))
        file.fail(line.number, "unknown list [" + std::string(name) + "]");
      list = known->second;
      continue;
    }
    if (list == nullptr) file.fail(line.number, "a word before the first [list]");
    list->insert(entry);
  }
  return words;
}

const EntityWords& EntityWords::builtin() {
  static const EntityWords kWords =
      parse(embedded::kEntityWordsTxt, "corpus/data/entity_words.txt");
  return kWords;
}

bool looks_like_acronym(std::string_view name) {
  int capitals = 0;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') ++capitals;
  }
  return capitals >= 2 && !has_lower(name);
}

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
// The paragraph view

ParagraphView::ParagraphView(std::string_view paragraph, std::span<const Token> tokens)
    : text(paragraph) {
  words.reserve(tokens.size());
  terms.reserve(tokens.size());
  for (const Token& t : tokens) {
    const std::string_view written = text.substr(t.begin, t.end - t.begin);
    std::string_view bare = written;
    for (std::string_view possessive : {"'s", "\u2019s"}) {
      if (bare.size() > possessive.size() + 1 && bare.ends_with(possessive)) {
        bare.remove_suffix(possessive.size());
      }
    }
    const bool possessive =
        written.ends_with("'s") || written.ends_with("\u2019s") || written.ends_with("s'");
    words.push_back(Word{written, match_term(t.term), t.begin, t.end, starts_upper(written),
                         !has_lower(bare), starts_with_capital(written), possessive});
    terms.push_back(words.back().term);
  }
  claimed.assign(words.size(), false);
  organization_at.assign(words.size(), false);
  country_at.assign(words.size(), {});
  demonym_at.assign(words.size(), false);
}

std::string_view ParagraphView::gap(std::size_t left, std::size_t right) const {
  return text.substr(words[left].end, words[right].begin - words[left].end);
}

bool ParagraphView::adjacent(std::size_t left, std::size_t right) const {
  const std::string_view between = gap(left, right);
  return between == " " || between == "-" || between == "\xC2\xA0";
}

std::optional<std::size_t> ParagraphView::word_at(std::size_t begin) const {
  auto it = std::lower_bound(words.begin(), words.end(), begin,
                             [](const Word& w, std::size_t b) { return w.begin < b; });
  if (it == words.end() || it->begin != begin) return std::nullopt;
  return static_cast<std::size_t>(it - words.begin());
}

void ParagraphView::claim(std::size_t first, std::size_t end) {
  for (std::size_t i = first; i < end; ++i) claimed[i] = true;
}

bool is_head(const ParagraphView& view, const EntityWords& words, std::size_t i) {
  // "Civil Society" is everyone outside the state, no body's name.
  if (view.words[i].term == "society" && i > 0 && view.words[i - 1].term == "civil") return false;
  return view.words[i].capitalized && (words.state_heads.contains(view.words[i].term) ||
                                       words.organization_heads.contains(view.words[i].term));
}

std::string state_of(const ParagraphView& view, const TaggingContext& context, std::size_t first,
                     std::size_t end) {
  if (first > 0 && !view.country_at[first - 1].empty() && view.adjacent(first - 1, first)) {
    return view.country_at[first - 1];
  }
  if (!view.country_at[first].empty()) return view.country_at[first];  // "Botswana Police"
  if (!view.country_at[end - 1].empty()) return view.country_at[end - 1];
  return context.subject;
}

// ---------------------------------------------------------------------------------------------
// Pass 1: countries. First, because the other passes need to know where country names stand.

namespace {

// An ambiguous name ("Georgia", "Jordan", "Chad", "Niger", "Guinea") is taken for the country
// unless it is part of a longer capitalized name: a person ("Michael Jordan", "Chad Smith"), a
// river or region ("Niger Delta", "Jordan River", "New Guinea").
bool plausible_country(const ParagraphView& view, const EntityWords& words, std::size_t first,
                       std::size_t end) {
  if (end < view.words.size() && view.adjacent(end - 1, end) && view.words[end].cased &&
      !is_head(view, words, end)) {
    return false;
  }
  if (first > 0 && view.adjacent(first - 1, first) && view.words[first - 1].cased &&
      !words.non_name_words.contains(view.words[first - 1].term)) {
    return false;
  }
  return true;
}

}  // namespace

void find_countries(ParagraphView& view, const TaggingContext& context,
                    std::span<const Token> tokens, std::vector<Found>& found) {
  const CountryTable& countries = context.gazetteers.countries;
  auto add = [&](const CountryTable::Mention& m, bool demonym) {
    const auto first = view.word_at(m.begin);
    if (!first) return;
    if (!view.words[*first].capitalized) return;  // "turkey", "china" (porcelain)
    // "ethnic Kazakhs" in China are people, not Kazakhstan.
    if (demonym && *first > 0 && view.words[*first - 1].term == "ethnic") return;
    // "West and Central African countries" is a region, not the Central African Republic.
    if (demonym && *first > 1 && view.words[*first - 1].term == "and" &&
        context.words.compass_words.contains(view.words[*first - 2].term)) {
      return;
    }
    std::size_t last = *first;
    while (last + 1 < view.words.size() && view.words[last + 1].begin < m.end) ++last;
    if (m.ambiguous && !plausible_country(view, context.words, *first, last + 1)) return;
    for (std::size_t i = *first; i <= last; ++i) {
      view.country_at[i] = m.country.code;
      view.demonym_at[i] = demonym;
    }
    found.push_back(
        Found{EntityKind::kCountry, m.country.name, m.country.code, *first, last + 1, m.ambiguous});
  };
  for (const auto& m : countries.find_names(view.text, tokens)) add(m, false);
  for (const auto& m : countries.find_demonyms(view.text, tokens)) add(m, true);
}

// ---------------------------------------------------------------------------------------------
// Pass 2: names from the gazetteers: curated organizations, IGOs, fixed state bodies.

namespace {

// Whether an acronym may mean a gazetteer record in this report: yes unless the report defines
// the acronym itself as something whose words hold none of the record's names.
bool acronym_means(const EntityGazetteer::Impl& gazetteer, const TaggingContext& context,
                   std::string_view acronym, std::size_t record) {
  const auto definition = context.definitions.find(acronym);
  if (definition == context.definitions.end()) return true;
  const std::string words = " " + definition->second + " ";
  for (const std::string& name : gazetteer.record_names[record]) {
    if (words.find(" " + name + " ") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

void find_acronym_definitions(std::string_view text, std::span<const Token> tokens,
                              AcronymDefinitions& definitions) {
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.begin < 1 || text[t.begin - 1] != '(' || t.end >= text.size() || text[t.end] != ')') {
      continue;
    }
    const std::string_view acronym = text.substr(t.begin, t.end - t.begin);
    if (!looks_like_acronym(acronym) || acronym.size() > 12 || definitions.contains(acronym)) {
      continue;
    }
    // The words before "(": back over a name's capitalized words and its joining words.
    std::size_t first = i;
    while (first > 0 && i - first < kMaxNameTokens) {
      const Token& w = tokens[first - 1];
      const std::string_view gap = text.substr(w.end, tokens[first].begin - w.end);
      if (first < i && gap != " " && gap != "-" && gap != " & " && gap != ", ") break;
      const std::string_view written = text.substr(w.begin, w.end - w.begin);
      const std::string_view term = match_term(w.term);
      const bool joining = term == "of" || term == "for" || term == "on" || term == "and" ||
                           term == "the" || term == "against" || term == "in" || term == "to" ||
                           term == "with";
      if (!starts_upper(written) && !joining) break;
      --first;
    }
    if (first == i) continue;  // "UN forces (UNOCI)": no name before it to go by
    std::string words;
    for (std::size_t k = first; k < i; ++k) {
      if (!words.empty()) words.push_back(' ');
      words += match_term(tokens[k].term);
    }
    definitions.emplace(std::string(acronym), std::move(words));
  }
}

void find_gazetteer_names(ParagraphView& view, const TaggingContext& context,
                          std::vector<Found>& found) {
  const EntityGazetteer::Impl& gazetteer = context.gazetteers.entities.impl();
  const std::vector<Word>& words = view.words;
  for (std::size_t start = 0; start < words.size();) {
    if (!words[start].capitalized && !(!words[start].text.empty() && words[start].text[0] >= '0' &&
                                       words[start].text[0] <= '9')) {
      ++start;
      continue;
    }
    const auto match = gazetteer.trie.longest(
        view.terms, start, [&](std::size_t name_index, std::size_t first, std::size_t end) {
          if (!gazetteer.names[name_index].acronym) return true;
          for (std::size_t i = first; i < end; ++i) {
            if (!words[i].all_caps) return false;
          }
          return true;
        });
    if (!match) {
      ++start;
      continue;
    }
    const auto& entry = gazetteer.names[match->second];
    const auto& record = gazetteer.records[entry.record];
    // "the Human Rights Foundation of Monland", "the Commission on Human Rights of the
    // Philippines": a listed name followed by "of" and another name is a longer, other name.
    if (record.kind == EntityKind::kOrganization && !entry.acronym) {
      std::size_t after = start + match->first;
      if (after + 1 < words.size() && words[after].term == "of" && !words[after].capitalized &&
          view.adjacent(after - 1, after)) {
        ++after;
        if (after + 1 < words.size() && words[after].term == "the" && !words[after].capitalized) {
          ++after;
        }
        if (words[after].capitalized && view.country_at[after].empty() &&
            !context.words.non_name_words.contains(words[after].term)) {
          ++start;
          continue;
        }
      }
    }
    // "the Presidential Human Rights Committee" is a state's, not the UN's Human Rights
    // Committee: a state marker written before a listed organization's name makes another body.
    if (record.kind == EntityKind::kOrganization && !entry.acronym && start > 0 &&
        words[start - 1].capitalized && view.adjacent(start - 1, start) &&
        context.words.state_markers.contains(words[start - 1].term)) {
      ++start;
      continue;
    }
    // "A/HRC/13/13" is a document symbol, not the Human Rights Council.
    const bool in_symbol =
        entry.acronym &&
        ((words[start].begin > 0 && view.text[words[start].begin - 1] == '/') ||
         (words[start].end < view.text.size() && view.text[words[start].end] == '/'));
    if (in_symbol ||
        (entry.acronym && !acronym_means(gazetteer, context, words[start].text, entry.record))) {
      ++start;  // the report says what it stands for, and it is something else
      continue;
    }
    const std::string country = record.country == "*"
                                    ? state_of(view, context, start, start + match->first)
                                    : record.country;
    Found name{record.kind, record.name, country, start, start + match->first, false, true};
    // "CERD recommendations": the committee, whatever else the report names.
    const std::size_t after = start + match->first;
    name.needs_context =
        !entry.alone && !(after < words.size() && view.adjacent(after - 1, after) &&
                          context.words.acting_words.contains(words[after].term));
    name.record = entry.record;
    found.push_back(std::move(name));
    for (std::size_t i = start; i < start + match->first; ++i) {
      view.claimed[i] = true;
      view.organization_at[i] = record.kind == EntityKind::kOrganization;
    }
    start += match->first;
  }
}

// ---------------------------------------------------------------------------------------------
// Pass 3: body patterns.

namespace {

// The end of a name at [first, end) extended to an acronym in parentheses just after it ("the
// National Center to prevent Torture (NCPT)"), when the initials of the name's words (small
// words aside) spell the acronym; else `end`.
std::size_t acronym_end(const ParagraphView& view, std::size_t first, std::size_t end) {
  const std::vector<Word>& words = view.words;
  for (std::size_t close = end; close < words.size() && close - end < 6; ++close) {
    const std::string_view gap = view.gap(close - 1, close);
    if (gap == " (" && looks_like_acronym(words[close].text) &&
        words[close].end < view.text.size() && view.text[words[close].end] == ')') {
      std::string initials;
      for (std::size_t i = first; i < close; ++i) {
        const std::string_view t = words[i].term;
        if (t == "of" || t == "to" || t == "in" || t == "for" || t == "and" || t == "the" ||
            t == "on" || t == "against") {
          continue;
        }
        initials.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(t[0]))));
      }
      return initials == words[close].text ? close : end;
    }
    if (gap != " " || view.claimed[close]) return end;
  }
  return end;
}

}  // namespace
// ("... Association"), by the shape of their names around a head word.

namespace {

class BodyPatterns {
 public:
  BodyPatterns(ParagraphView& view, const TaggingContext& context)
      : view_(view), words_(view.words), lists_(context.words), context_(context) {}

  void find(std::vector<Found>& found) {
    for (std::size_t head = 0; head < words_.size(); ++head) {
      if (view_.claimed[head] || !is_head(view_, lists_, head) || !view_.country_at[head].empty()) {
        continue;
      }
      const std::string_view head_term = words_[head].term;
      organization_prefix_ = false;
      return_law_ = false;
      two_states_ = false;
      state_named_ = false;
      const bool organization_anchor =
          lists_.organization_heads.contains(head_term) && !lists_.state_heads.contains(head_term);
      // Extend left over capitalized modifiers ("State Television and Radio Broadcasting").
      std::size_t first = head;
      std::size_t modifiers = 0;
      while (first > 0 && modifiers < 6) {
        std::size_t left = first - 1;
        // ("Abu Dhabi Municipality and Sharjah's Supreme Council": a possessive owns the name
        // it begins, and a head word ends a name of its own.)
        if (!view_.claimed[left] && words_[left].term == "and" && !words_[left].capitalized &&
            left > 0 && view_.usable(left - 1) && view_.adjacent(left - 1, left) &&
            !words_[first].possessive && !is_head(view_, lists_, left - 1) &&
            view_.adjacent(left, first) && !lists_.non_name_words.contains(words_[left - 1].term) &&
            view_.country_at[left - 1].empty() &&
            (!lists_.state_markers.contains(words_[first].term) ||
             (first + 1 < words_.size() && view_.gap_is(first, first + 1, "-")))) {
          first = left - 1;
          modifiers += 1;
          continue;
        }
        // "Armed Conflict Location & Event Data Project"
        if (view_.gap_is(left, first, " & ") && view_.usable(left) &&
            !lists_.non_name_words.contains(words_[left].term) && view_.country_at[left].empty()) {
          first = left;
          modifiers += 1;
          continue;
        }
        // "Inter-ministerial Committee": a compound whose first part is capitalized (but
        // "Brussels-based" and "Russia-backed" describe a body, they do not name it).
        if (!view_.claimed[left] && !words_[left].capitalized && !is_description(left) &&
            left > 0 && view_.usable(left - 1) && view_.gap_is(left - 1, left, "-") &&
            view_.adjacent(left, first)) {
          first = left - 1;
          modifiers += 1;
          continue;
        }
        // "ILO Committee of Experts", "OHCHR Regional Office": a part of a known organization.
        if (view_.claimed[left] && view_.organization_at[left] && view_.adjacent(left, first)) {
          std::size_t start = left;
          while (start > 0 && view_.claimed[start - 1] && view_.organization_at[start - 1] &&
                 view_.adjacent(start - 1, start)) {
            --start;
          }
          organization_prefix_ = true;
          first = start;
          break;
        }
        // "the Prevention of People Trafficking ... Task Force", "the Men against Violence
        // Advocacy Group": capitalized words joined to the name by a small word, just after
        // "the", begin it.
        if (const std::size_t start = joined_start(left, first); start != first) {
          first = start;
          modifiers += 1;
          continue;
        }
        if (!view_.usable(left) || !view_.adjacent(left, first)) break;
        if (lists_.non_name_words.contains(words_[left].term)) break;
        // "the NGO Action and Protection League", "Director General Prisons Department".
        if (is_descriptor(left)) break;
        // "the Russian Ministry": the state, not the name; but "Botswana Police Service" and
        // "Albanian-American Development Fund" carry the country in their own name.
        if (!view_.country_at[left].empty() && view_.demonym_at[left] && !organization_anchor) {
          state_named_ = true;
          break;
        }
        // "New Zealand Law Society": a state's name of several words is one modifier.
        if (!view_.country_at[left].empty() && !view_.demonym_at[left] && left > 0 &&
            view_.country_at[left - 1] == view_.country_at[left] && view_.usable(left - 1) &&
            view_.adjacent(left - 1, left) && head_term != "ministry") {
          std::size_t start = left - 1;
          while (start > 0 && view_.country_at[start - 1] == view_.country_at[left] &&
                 view_.usable(start - 1) && view_.adjacent(start - 1, start)) {
            --start;
          }
          first = start;
          ++modifiers;
          continue;
        }
        if (!view_.country_at[left].empty() && left > 0 && !view_.country_at[left - 1].empty()) {
          // "the Ethiopia-Eritrea Boundary Commission": a body of two states.
          if (view_.gap_is(left - 1, left, "-") &&
              view_.country_at[left - 1] != view_.country_at[left] && !view_.demonym_at[left]) {
            first = left - 1;
            two_states_ = true;
          }
          break;
        }
        // "the UAE Interior Ministry": a state's ministry, named without its state.
        if (!view_.country_at[left].empty() && head_term == "ministry") break;
        first = left;
        ++modifiers;
      }
      // Extend right over capitalized words and "of/for/on/to/against/with (the) Capitalized".
      std::size_t end = head + 1;
      bool has_complement = false;
      // Where the name stood before its first ", ", and whether an "and" came after it: a list
      // of a name's parts ends in "and" ("Ministry of Environment, Lands and Agricultural
      // Development"); what follows a comma without one is not the name's ("Ministry of Foreign
      // Affairs, Frank Belfrage").
      std::size_t before_comma = 0;
      bool list_joined = false;
      while (end < words_.size() && end - first < kMaxNameTokens) {
        const Word& next = words_[end];
        // "the Ministry of Labor's Factories and ... Department": what follows a possessive is
        // another body (the gazetteers hold the names that have one: "Prosecutor General's
        // Office").
        if (words_[end - 1].possessive && !is_head(view_, lists_, end) &&
            (body_follows(end) || plan_ahead(end))) {
          break;  // (also "the Legal Aid Council's Duty Solicitor Scheme": a plan)
        }
        // "Private Employment Agency Law": the title of a law, not a body ("Commission on
        // Humanitarian Law" is a body).
        if (end - 1 == head && view_.adjacent(end - 1, end) && next.capitalized &&
            lists_.law_words.contains(next.term)) {
          return_law_ = true;
          break;
        }
        // "the Interior Ministry Ahmed Naser": "X Ministry" is a whole name.
        if (end == head + 1 && first < head && head_term == "ministry" && !is_connector(end)) {
          break;
        }
        // "Commonwealth Fund for Technical Co-operation"
        if (view_.gap_is(end - 1, end, "-") && !next.capitalized && !view_.claimed[end] &&
            !is_description(end)) {
          ++end;
          continue;
        }
        // "National Commission to Combat the Commercial Sexual Exploitation of Children": what
        // a body is set up to do is part of its name.
        if (next.term == "the" && !next.capitalized && has_complement && end + 1 < words_.size() &&
            view_.usable(end + 1) && view_.adjacent(end, end + 1) &&
            is_purpose_verb(words_[end - 1].term) && end >= 2 && words_[end - 2].term == "to") {
          end += 2;
          continue;
        }
        if (view_.usable(end) && view_.adjacent(end - 1, end) &&
            !lists_.non_name_words.contains(next.term)) {
          // "the Humanist Association of Nigeria Mubarak Bala": a state's name ends a name.
          if (!view_.country_at[end - 1].empty() && !view_.demonym_at[end - 1] &&
              view_.country_at[end].empty() && has_complement && !body_follows(end)) {
            break;
          }
          // "Ombudsman Barbados": a country after a name is not part of it (its "of" is).
          if (!view_.country_at[end].empty() && !view_.demonym_at[end] &&
              view_.country_at[end - 1].empty() && view_.gap_is(end - 1, end, " ")) {
            break;
          }
          ++end;
          continue;
        }
        const bool connector =
            (is_connector(end) || place_connector(end, first)) && view_.adjacent(end - 1, end);
        // "Permanent Mission of Jamaica, Geneva": a state's name ends a list of the name's parts.
        const bool comma =
            view_.gap_is(end - 1, end, ", ") && has_complement && view_.country_at[end - 1].empty();
        if (!connector && !comma) break;
        std::size_t after = end + (connector ? 1 : 0);
        if (comma && words_[end].term == "and" && !words_[end].capitalized) ++after;
        // "Ministry of Justice and of Human Rights"
        if (connector && next.term == "and" && after < words_.size() &&
            words_[after].term == "of") {
          ++after;
        }
        const bool joins = next.term == "and" || next.term == "&" || comma;
        if (after < words_.size() && words_[after].term == "the" && !words_[after].capitalized) {
          // "the Public Ministry and the Comptroller General", "Congress of State, the
          // Government": "the" begins another name (but "Ministry for the Advancement of Women,
          // Children and the Family" is one).
          if ((joins && !has_complement) || comma) break;
          // "Ministry of Education and the Government of the Federation": a body of its own.
          if (joins && after + 1 < words_.size() && words_[after + 1].capitalized &&
              (words_[after + 1].term == "government" || head_ahead(after + 1, false))) {
            break;
          }
          ++after;
        }
        if (after >= words_.size() || !view_.usable(after)) break;
        // "Council of Ministers on December 3", "Parliament on July 25" (but "Ministry of
        // Housing and Local Government").
        // "Ministry of Justice, Deputy Head of Delegation": a title after it.
        if ((next.term == "on" || comma) &&
            (lists_.non_name_words.contains(words_[after].term) || is_descriptor(after))) {
          break;
        }
        // "Parliament for the Protocol to Prevent ... Trafficking": a treaty is not part of it.
        if (!joins && words_[after].capitalized && lists_.law_words.contains(words_[after].term)) {
          break;
        }
        // "UN Office and Other International Organizations".
        if (joins && words_[after].term == "other") break;
        // "Joint Border Commission with Nigeria": the other party, not the name.
        if (next.term == "with" && !view_.country_at[after].empty()) break;
        // "Department of Translation and Interpretation, MFA": its ministry's acronym.
        if ((comma || joins) && words_[after].all_caps) break;
        if (joins) {
          // "Ministry of Justice and Ministry of Interior" are two bodies, and so is a list of
          // them after a comma; "Ministries of Interior and Justice" is split later.
          // (A ministry's list of subjects may hold a head word: "Ministry of Justice, Human
          // Rights and Correctional Service".)
          // ("Independent Police Complaints and Misconduct Commission": words after the head
          // and no complement yet make one name.)
          const bool words_after_head = end - 1 > head && !has_complement &&
                                        !is_head(view_, lists_, end - 1) &&
                                        !lists_.state_markers.contains(words_[end - 1].term);
          // (A ministry's subjects may hold an "and" of their own too: "Ministry of Justice,
          // Human Rights and Correctional Service".)
          const bool across_and = !comma && head_term != "ministry";
          if (head_ahead(after, across_and) && head_term != "ministries" && !words_after_head &&
              !(head_term == "ministry" && before_comma != 0)) {
            break;
          }
          if (!view_.country_at[after].empty() && comma) break;
          // "High Commission for Family Protection and the National Strategy to ...": a plan.
          if (words_[after - 1].term == "the" && plan_ahead(after)) break;
        } else {
          has_complement = true;
        }
        if (comma && before_comma == 0) before_comma = end;
        if (!comma && (next.term == "and" || next.term == "&") && before_comma != 0) {
          list_joined = true;
        }
        if (comma && words_[end].term == "and") list_joined = true;  // ", and"
        end = after + 1;
      }
      if (before_comma != 0 && !list_joined) end = before_comma;
      // "Abdullahi Ibrahim Ministry of Foreign Affairs": a ministry named by its subject takes
      // only words of the state before it ("Federal Ministry of Justice"), not a person's name.
      if (head_term == "ministry" && has_complement && first < head && !organization_prefix_) {
        bool stately = true;
        for (std::size_t i = first; i < head; ++i) {
          stately = stately && (lists_.state_markers.contains(words_[i].term) ||
                                !view_.country_at[i].empty() || words_[i].term == "vice");
        }
        if (!stately) first = head;
      }
      const std::size_t left_words = head - first;
      if (left_words < modifiers_needed(head_term)) continue;
      if (needs_complement(head_term) && !has_complement) continue;
      if (left_words == 0 && !has_complement && end == head + 1 &&
          !lists_.bare_heads.contains(head_term)) {
        continue;
      }
      // "Human Rights Watch", "Deep South Watch": a watch is the last word of its name.
      if (head_term == "watch" && end != head + 1) continue;
      if (return_law_ || names_a_law(first)) continue;
      // "the Deputy Prime Minister for the Knowledge-Based Society": a minister's portfolio
      // ("Head of the Human Rights Directorate" works in a body: a state's heads are bodies).
      if (first >= 2 && !lists_.state_heads.contains(head_term)) {
        std::size_t before = first - 1;
        if (words_[before].term == "the" && !words_[before].capitalized) --before;
        const std::string_view joint = words_[before].term;
        if ((joint == "for" || joint == "of") && before > 0 &&
            words_[before - 1].term == "minister") {
          continue;
        }
      }
      // "Myanmar National Democratic Alliance Army" is an armed group; "International
      // Organization Desk Officer" a person's title.
      if (lists_.armed_words.contains(words_[end - 1].term) ||
          lists_.office_titles.contains(words_[end - 1].term)) {
        continue;
      }
      // A political party is no organization here: "Arab Women League Party", and a league for
      // democracy ("National League for Democracy", "Arakan League for Democracy").
      if (const std::string_view last = words_[end - 1].term;
          last == "party" || last == "parties" ||
          (head_term == "league" && (last == "democracy" || last == "democrats"))) {
        continue;
      }
      // "Federation and Republika Srpska": a head that begins a name is followed by what the
      // body is of or for ("Federation of Trade Unions"), not by "and".
      if (first == head && end > head + 1 && lists_.organization_heads.contains(head_term) &&
          !lists_.state_heads.contains(head_term) && words_[head + 1].term == "and") {
        continue;
      }
      emit(first, head, end, has_complement, found);
    }
  }

 private:
  // "House" names a body only as "House of Chiefs", "House of Representatives".
  static bool needs_complement(std::string_view head) { return head == "house"; }

  // Heads that need words of their own around them to name a body: "National Police",
  // "Anti-Trafficking Task Force", "National Unity Government".
  static std::size_t modifiers_needed(std::string_view head) {
    if (head == "police" || head == "force") return 1;
    if (head == "government") return 2;
    return 0;
  }

  // Words that join the parts of a name; title-cased lists write them capitalized too
  // ("Ministry of Justice And Islamic Affairs").
  bool is_connector(std::size_t i) const {
    const std::string_view t = words_[i].term;
    // "National Commission to Combat Trafficking in Persons"
    if (t == "in" && i > 0 && words_[i - 1].term == "trafficking") return true;
    return t == "of" || t == "for" || t == "on" || t == "to" || t == "against" || t == "with" ||
           t == "and" || t == "&";
  }

  // The end of a name without a trailing "of [the] [Republic of] <country>", when what is left
  // still names a body (more than its head word).
  std::size_t without_state_suffix(std::size_t first, std::size_t head, std::size_t end) const {
    if (view_.country_at[end - 1].empty()) return end;
    std::size_t cut = end;
    while (cut > head + 1 && view_.country_at[cut - 1] == view_.country_at[end - 1]) --cut;
    for (;;) {
      if (cut <= head + 1) return end;
      const std::string_view t = words_[cut - 1].term;
      if (t == "the" || t == "republic" ||
          (t == "of" && cut - 2 > head && words_[cut - 2].term == "republic")) {
        --cut;
        continue;
      }
      break;
    }
    if (words_[cut - 1].term != "of" || words_[cut - 1].capitalized) return end;
    --cut;
    // "Assembly of the People of Kazakhstan": the state's name completes the name.
    const std::string_view last = words_[cut - 1].term;
    if (last == "people" || last == "peoples" || last == "nation" || last == "nations") return end;
    if (cut - first < 2) return end;  // "Embassy of Japan" stays whole
    return cut;
  }

  // Where a name beginning at `first` begins when the small word at `joint` joins it to one or
  // two capitalized words that follow "the" ("the Men against Violence Advocacy Group"); else
  // `first`. A person's office ("the President of National Assembly"), a law's title, a state
  // and a head word (a body named on its own) begin no such name.
  std::size_t joined_start(std::size_t joint, std::size_t first) const {
    const std::string_view small = words_[joint].term;
    if (view_.claimed[joint] || words_[joint].capitalized || joint < 2 ||
        !view_.adjacent(joint, first) ||
        (small != "of" && small != "against" && small != "for" && small != "on" &&
         !(small == "in" && words_[joint - 1].term == "trafficking"))) {
      return first;
    }
    std::size_t start = joint;
    while (start > 0 && joint - start < 2 && view_.usable(start - 1) &&
           view_.adjacent(start - 1, start)) {
      const std::size_t i = start - 1;
      const std::string_view t = words_[i].term;
      if (lists_.non_name_words.contains(t) || lists_.office_titles.contains(t) ||
          lists_.law_words.contains(t) || lists_.plan_words.contains(t) ||
          is_head(view_, lists_, i) || !view_.country_at[i].empty() || is_descriptor(i) ||
          t == "president" || t == "chair" || t == "commissioner" || t == "governor" ||
          t == "mayor" || t == "prime" || t == "chief" || t == "general" || t == "king" ||
          t == "queen" || t == "prince" || t == "sultan" || t == "emir") {
        return first;
      }
      start = i;
    }
    if (start == joint || start == 0 || view_.claimed[start - 1] ||
        words_[start - 1].term != "the" || words_[start - 1].capitalized ||
        !view_.adjacent(start - 1, start)) {
      return first;
    }
    return start;
  }

  // The state body whose unit the name at [first, end) is: one named just before it with a
  // possessive, or just after it as "of the ..."; nullptr when none.
  const Found* state_body_owning(std::size_t first, std::size_t end,
                                 const std::vector<Found>& found) const {
    for (const Found& f : found) {
      if (f.kind != EntityKind::kStateBody) continue;
      if (f.end_token == first && first > 0 && possessive_before(first)) return &f;
      if (end + 2 <= words_.size() && f.first_token == end + 2 && words_[end].term == "of" &&
          words_[end + 1].term == "the" && !words_[end + 1].capitalized) {
        return &f;
      }
    }
    return nullptr;
  }

  // Whether the word before `i` owns it: "Labor's Department", "Affairs' Center".
  bool possessive_before(std::size_t i) const {
    const std::string_view gap = view_.gap(i - 1, i);
    return (words_[i - 1].possessive && gap == " ") || gap == "' " || gap == "\u2019 ";
  }

  // What a body may be set up "to" do: "Commission to Combat the ...".
  static bool is_purpose_verb(std::string_view t) {
    return t == "combat" || t == "prevent" || t == "fight" || t == "eliminate" || t == "end" ||
           t == "protect" || t == "promote" || t == "suppress" || t == "eradicate" ||
           t == "counter" || t == "monitor" || t == "coordinate";
  }

  // "the Act on Registered Partnership", "Law on the Ombudsman": a law's title.
  bool names_a_law(std::size_t first) const {
    if (first < 2) return false;
    const std::string_view joining = words_[first - 1].term;
    if (words_[first - 1].capitalized || (joining != "on" && joining != "of" && joining != "the"))
      return false;
    std::size_t before = first - 2;
    if (joining == "the" && before > 0 &&
        (words_[before].term == "on" || words_[before].term == "of"))
      --before;
    return words_[before].capitalized && lists_.law_words.contains(words_[before].term);
  }

  // Whether the capitalized words at `from` name a plan or a strategy ("the National Strategy
  // to Combat Violence"), not a body.
  bool plan_ahead(std::size_t from) const {
    for (std::size_t i = from; i < words_.size() && words_[i].capitalized && i - from < 6; ++i) {
      if (lists_.plan_words.contains(words_[i].term)) return true;
      if (i + 1 < words_.size() && !view_.adjacent(i, i + 1)) break;
    }
    return false;
  }

  // A word that says what a body is or who holds an office, not part of its name: "NGO",
  // "Director", "Minister".
  bool is_description(std::size_t i) const {
    const std::string_view t = words_[i].term;
    return t == "based" || t == "backed" || t == "led" || t == "funded" || t == "affiliated" ||
           t == "run" || t == "owned" || t == "sponsored" || t == "linked" || t == "aligned" ||
           t == "operated" || t == "controlled" || t == "appointed" || t == "supported";
  }

  // Whether a body's name follows at `from`: a head within the next few capitalized and
  // joining words ("Factories and General Labor Laws Inspection Department").
  bool body_follows(std::size_t from) const {
    for (std::size_t i = from; i < words_.size() && i - from < 10; ++i) {
      if (is_head(view_, lists_, i)) return true;
      if (!words_[i].capitalized && !is_connector(i)) return false;
      if (i + 1 < words_.size() && !view_.adjacent(i, i + 1)) return false;
    }
    return false;
  }

  bool is_descriptor(std::size_t i) const {
    // "Vice-Ministry for Justice" is a body of its own.
    if (i + 1 < words_.size() && view_.gap_is(i, i + 1, "-")) return false;
    const std::string_view t = words_[i].term;
    return t == "ngo" || t == "ngos" || lists_.office_titles.contains(t);
  }

  // "in"/"at" join a place to the name of an international mission or office ("UN Stabilization
  // Mission in Haiti", "United Nations Office at Geneva"), not to a state's body.
  bool place_connector(std::size_t i, std::size_t first) const {
    const std::string_view t = words_[i].term;
    if ((t != "in" && t != "at") || !(organization_prefix_ || view_.organization_at[first])) {
      return false;
    }
    return i + 1 < words_.size() && view_.usable(i + 1) &&
           !lists_.non_name_words.contains(words_[i + 1].term);
  }

  // Whether a new body starts within the capitalized words at `from` ("... and the National
  // Committee on Childhood"): a head before the next lower-case word.
  // With `across_and` the words may hold an "and" of their own ("Supreme Council for Family
  // Affairs and Prevention and Safety Authority").
  bool head_ahead(std::size_t from, bool across_and) const {
    for (std::size_t i = from;
         i < words_.size() && (words_[i].capitalized || (i > from && view_.gap_is(i - 1, i, "-")));
         ++i) {
      const bool after_and = i > from && words_[i - 1].term == "and";
      // "Ministry of Housing and Local Government": a government is a body only with a name
      // of its own ("National Unity Government").
      // "Ministry of Interior and Administration Reform": a head word inside a subject ends
      // no name, so it starts no body.
      const bool ends_name = i + 1 >= words_.size() || !words_[i + 1].capitalized ||
                             !view_.adjacent(i, i + 1) || is_connector(i + 1);
      // "Institute for Religion and Society": a head straight after "and" is a subject unless
      // it names a body alone ("and Parliament").
      const bool own_name = (i > from && !after_and) ||
                            lists_.bare_heads.contains(words_[i].term) ||
                            (i + 1 < words_.size() && is_connector(i + 1));
      if (is_head(view_, lists_, i) && ends_name && own_name && words_[i].term != "government") {
        return true;
      }
      if (i + 1 < words_.size() && !view_.adjacent(i, i + 1)) break;
      if (across_and && i + 2 < words_.size() && words_[i + 1].term == "and" &&
          !words_[i + 1].capitalized && words_[i + 2].capitalized && view_.adjacent(i + 1, i + 2)) {
        ++i;  // over the "and"
      }
    }
    return false;
  }

  void emit(std::size_t first, std::size_t head, std::size_t end, bool has_complement,
            std::vector<Found>& found) {
    const std::string_view anchor = words_[head].term;
    bool religious = false;
    bool religious_before_head = false;  // "Christian Church Steering Committee"
    bool state_marked = false;
    bool worldwide = false;
    bool of_ministers = false;  // "Inter-Ministerial Working Group": a government's own
    for (std::size_t i = first; i < end; ++i) {
      const std::string_view term = words_[i].term;
      of_ministers = of_ministers || term == "ministerial" || term == "interministerial" ||
                     term == "inter-ministerial" || term == "interdepartmental" ||
                     term == "inter-departmental" || term == "interagency" ||
                     term == "inter-agency" || term == "governmental";
      religious = religious || lists_.religious_words.contains(term);
      // ("Islamic Affairs" is a subject, not a faith's own body.)
      religious_before_head =
          religious_before_head ||
          (i < head && lists_.religious_words.contains(term) && words_[i + 1].term != "affairs");
      state_marked = state_marked || lists_.state_markers.contains(term);
      // Bodies of several states: "International ...", "Joint Border Commission".
      worldwide = worldwide || term == "international" || term == "global" || term == "world" ||
                  term == "joint" || term == "bilateral" || term == "intergovernmental" ||
                  term == "multinational";
      // A continent's bodies before the head: "African Commission", "Inter-American Court".
      worldwide = worldwide || (i < head && (term == "african" || term == "pan-african" ||
                                             term == "inter-american" || term == "arab" ||
                                             term == "caribbean" || term == "asean"));
    }
    const bool bare = first == head && end == head + 1;
    EntityKind kind = EntityKind::kStateBody;
    // A state's initiative or project is a programme it runs, not a body ("National Human
    // Development Initiative", "National Child Labour Project").
    if ((anchor == "initiative" || anchor == "project") && state_marked && !worldwide) return;
    if (!bare && lists_.organization_heads.contains(anchor) &&
        !lists_.state_heads.contains(anchor) && !(of_ministers && !worldwide)) {
      kind = EntityKind::kOrganization;
    } else if (!bare && lists_.shared_heads.contains(anchor) && !state_marked &&
               !(state_named_ && first == head)) {
      // ("the Mexican Institute of Social Security" is the state's: its adjective is its mark.)
      // "Human Rights Center", "World Jewish Congress": civil society unless the name says the
      // state runs it ("National Center for Human Rights", "Supreme Council for Women").
      kind = anchor == "council" && !worldwide ? EntityKind::kStateBody : EntityKind::kOrganization;
    }
    // "International Law Department", "International Service" are units of a state's
    // ministries; other bodies of several states are organizations.
    if (worldwide && kind == EntityKind::kStateBody && !state_marked &&
        !lists_.unit_heads.contains(anchor)) {
      kind = EntityKind::kOrganization;
    }
    if (organization_prefix_) kind = EntityKind::kOrganization;  // "ILO Committee of Experts"
    if (two_states_) kind = EntityKind::kOrganization;
    // "the Office for the Coordination of Humanitarian Affairs' Access Unit": an organization's.
    if (first > 0 && view_.organization_at[first - 1] && possessive_before(first)) {
      kind = EntityKind::kOrganization;
    }
    // A state body's unit is the state's: "the Ministry of Awqaf and Islamic Affairs' Center
    // for the Promotion of Moderation", "the Network Ethics Team of the Korea Communications
    // Commission".
    owner_state_.reset();
    if (const Found* owner = state_body_owning(first, end, found); owner != nullptr) {
      kind = EntityKind::kStateBody;
      owner_state_ = owner->country;
    }
    // "United States Congress": a state's congress is its legislature.
    if (anchor == "congress" && !worldwide) {
      for (std::size_t i = first; i < end; ++i) {
        if (!view_.country_at[i].empty() && !view_.demonym_at[i]) {
          kind = EntityKind::kStateBody;
          owner_state_ = view_.country_at[i];
          break;
        }
      }
    }
    // Religious communities are not entities here, but state bodies for religious affairs are.
    // An association, alliance or federation of churches is a religious body whatever words of
    // the state its name has ("National Evangelical Association of Belize").
    const bool community_head = lists_.organization_heads.contains(anchor) &&
                                !lists_.state_heads.contains(anchor) &&
                                !lists_.shared_heads.contains(anchor);
    // "Uganda Muslim Supreme Council", "Christian Church Steering Committee": a faith's body.
    if (religious_before_head && anchor != "ministry" && anchor != "ministries") {
      return;
    }
    if (religious && (!state_marked || community_head) && !worldwide &&
        !(anchor == "ministry" || anchor == "ministries" || anchor == "committee" ||
          anchor == "commission" || anchor == "agency" || anchor == "department" ||
          anchor == "office" || anchor == "court")) {
      return;
    }
    // "Legal Aid Fund", "Women's Development Fund": a state's funds are money, not bodies; a
    // fund is an organization when it is international ("Global Fund") or binational
    // ("Albanian-American Development Fund").
    if (anchor == "fund" && !worldwide && !organization_prefix_) {
      bool names_country = false;
      for (std::size_t i = first; i < end; ++i) names_country |= !view_.country_at[i].empty();
      if (!names_country) return;
    }
    // "Freedom of Association and Collective Bargaining" is a right, not an association; so is
    // "Freedoms of Peaceful Assembly".
    if (first > 0 && words_[first - 1].term == "of" && !words_[first - 1].capitalized &&
        (kind == EntityKind::kOrganization ||
         (first > 1 &&
          (words_[first - 2].term == "freedom" || words_[first - 2].term == "freedoms" ||
           words_[first - 2].term == "right" || words_[first - 2].term == "rights")))) {
      return;
    }
    // "the National Center to prevent Torture (NCPT)", "End Child Prostitution in Asian Tourism
    // (ECPAT)": the words up to the acronym the name is given are its name when their initials
    // spell it.
    end = acronym_end(view_, first, end);
    // "Ministry of Justice of the Republic of Kazakhstan" is Kazakhstan's Ministry of Justice:
    // the state's name goes to the state, and the body has one name in every report.
    const std::size_t name_end =
        kind == EntityKind::kStateBody ? without_state_suffix(first, head, end) : end;
    std::string name = clean_name(
        view_.text.substr(words_[first].begin, words_[name_end - 1].end - words_[first].begin));
    if (lists_.not_entities.contains(thread_normalizer().fold(name))) return;
    view_.claim(first, end);
    const EntityGazetteer& gazetteer = context_.gazetteers.entities;
    // "Committee on the Rights of Child" is the UN's Committee on the Rights of the Child.
    std::string country;
    if (auto known = gazetteer.resolve_variant(name); known && anchor != "ministries") {
      if (known->kind == EntityKind::kStateBody) {
        country = known->country == "*" ? state_of(view_, context_, first, end) : known->country;
      }
      found.push_back(Found{known->kind, known->name, country, first, end, false, true});
      return;
    }
    if (kind == EntityKind::kStateBody) {
      country = owner_state_ ? *owner_state_ : state_of(view_, context_, first, end);
    }

    // "Ministries of Interior and Justice": one body each. A list whose last part follows ", and"
    // is split at its commas only, for its parts may have an "and" of their own ("Ministries of
    // Labour and Social Welfare, Gender Equality and Child Welfare, and Safety and Security").
    if (anchor == "ministries" && has_complement) {
      std::size_t part_begin = head + 2;  // after "of"
      if (part_begin < end && words_[part_begin].term == "the") ++part_begin;
      bool serial_comma = false;
      for (std::size_t i = part_begin + 1; i < end; ++i) {
        serial_comma = serial_comma || (words_[i].term == "and" && view_.gap_is(i - 1, i, ", "));
      }
      for (std::size_t i = part_begin; i <= end; ++i) {
        const bool at_and = i < end && !words_[i].capitalized && words_[i].term == "and" &&
                            (!serial_comma || view_.gap_is(i - 1, i, ", "));
        const bool at_comma = i < end && i > part_begin && view_.gap_is(i - 1, i, ", ");
        if (i < end && !at_and && !at_comma) continue;
        if (i > part_begin) {
          const std::string subject(view_.text.substr(
              words_[part_begin].begin, words_[i - 1].end - words_[part_begin].begin));
          found.push_back(Found{kind,
                                canonical_entity_name(kind, "Ministry of " + subject, gazetteer),
                                country, part_begin, i});
        }
        part_begin = at_and ? i + 1 : i;
        if (at_comma && words_[i].term == "and") part_begin = i + 1;
      }
      return;
    }
    if (organization_prefix_) {
      // "UN Stabilization Mission in Haiti" names the mission, not the United Nations.
      std::erase_if(found, [&](const Found& f) {
        return f.known && f.first_token >= first && f.end_token <= end;
      });
    }
    found.push_back(Found{kind, canonical_entity_name(kind, name, gazetteer), country, first, end});
  }

  ParagraphView& view_;
  const std::vector<Word>& words_;
  const EntityWords& lists_;
  const TaggingContext& context_;
  bool organization_prefix_ = false;  // the name being built starts with an organization's
  bool return_law_ = false;           // the name being built is followed by "Law", "Act", ...
  bool two_states_ = false;           // the name being built begins with two states' names
  bool state_named_ = false;          // a state's adjective stands before the name being built
  std::optional<std::string> owner_state_;  // the state of the body the name being built is part of
};

}  // namespace

void find_body_patterns(ParagraphView& view, const TaggingContext& context,
                        std::vector<Found>& found) {
  BodyPatterns(view, context).find(found);
}

// ---------------------------------------------------------------------------------------------
// Pass 4: cued organizations. "the NGO Duay Jai", "nongovernmental organization (NGO) Deep
// South Watch", "NGOs and monitoring organizations, including Golos Svobody and Spravedlivost".

namespace {

// A law's title within the three words after `at` ("NGO Registration (Amendment) Act").
bool law_follows(const ParagraphView& view, const EntityWords& lists, std::size_t at) {
  for (std::size_t i = at; i < view.words.size() && i < at + 3; ++i) {
    if (view.words[i].capitalized && lists.law_words.contains(view.words[i].term)) return true;
  }
  return false;
}

}  // namespace

void find_cued_organizations(ParagraphView& view, const TaggingContext& context,
                             std::vector<Found>& found) {
  const std::vector<Word>& words = view.words;
  const EntityWords& lists = context.words;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string_view term = words[i].term;
    // "groups, including" lists peoples and faiths as often as NGOs: only rights, advocacy and
    // civil-society groups cue names.
    const bool organization_groups =
        term == "groups" && i > 0 &&
        (words[i - 1].term == "rights" || words[i - 1].term == "advocacy" ||
         words[i - 1].term == "society" || words[i - 1].term == "monitoring" ||
         words[i - 1].term == "nongovernmental" || words[i - 1].term == "watchdog");
    // "terrorist organizations, including Hamas" lists no NGOs.
    const bool not_civil =
        i > 0 && (words[i - 1].term == "terrorist" || words[i - 1].term == "armed" ||
                  words[i - 1].term == "militant" || words[i - 1].term == "extremist" ||
                  words[i - 1].term == "political" || words[i - 1].term == "religious");
    const bool plural = !not_civil && (term == "ngos" || term == "organizations" ||
                                       term == "organisations" || organization_groups);
    const bool cue =
        words[i].text == "NGO" || term == "ngo" || term == "ngos" ||
        ((term == "organization" || term == "organisation") && i > 0 &&
         (words[i - 1].term == "nongovernmental" || words[i - 1].term == "governmental")) ||
        (plural && i + 1 < words.size() && words[i + 1].term == "including");
    if (!cue) continue;
    std::size_t first = i + 1;
    if (first < words.size() && words[first].term == "including") ++first;
    if (first < words.size() && words[first].text == "NGO") ++first;  // "organization (NGO) X"
    // A list of names: "X", "X and Y", "X, Y, and Z".
    for (int names = 0; names < 8 && first < words.size(); ++names) {
      if (!view.usable(first)) break;
      const std::string_view gap = view.gap(first - 1, first);
      if (gap != " " && gap != ") " && gap != ", " && gap != "\xC2\xA0") break;
      if (lists.non_name_words.contains(words[first].term) || !view.country_at[first].empty()) {
        break;
      }
      std::size_t end = first + 1;
      for (;
           end < words.size() && end - first < 7 && view.usable(end) && view.adjacent(end - 1, end);
           ++end) {
        if (!lists.non_name_words.contains(words[end].term)) continue;
        // Title case writes a name's small words capitalized: "Human Rights Without Frontiers".
        const bool small_word = words[end].term == "without" || words[end].term == "for" ||
                                words[end].term == "of" || words[end].term == "against" ||
                                words[end].term == "and" || words[end].term == "in";
        if (!small_word || end + 1 >= words.size() || !view.usable(end + 1) ||
            !view.adjacent(end, end + 1) || lists.non_name_words.contains(words[end + 1].term)) {
          break;
        }
      }
      end = acronym_end(view, first, end);  // "End Child Prostitution in Asian Tourism (ECPAT)"
      bool religious = false;
      for (std::size_t k = first; k < end; ++k) {
        religious = religious || lists.religious_words.contains(words[k].term);
      }
      // "organizations, including President Ghazouani": a person; "the NGO Board": a body
      // that regulates NGOs, not one.
      const bool person = lists.office_titles.contains(words[first].term) ||
                          words[first].term == "president" || words[first].term == "minister";
      const bool regulator = end == first + 1 && (lists.state_heads.contains(words[first].term) ||
                                                  law_follows(view, lists, end));
      if (!religious && !person && !regulator) {
        view.claim(first, end);
        found.push_back(
            Found{EntityKind::kOrganization,
                  canonical_entity_name(
                      EntityKind::kOrganization,
                      view.text.substr(words[first].begin, words[end - 1].end - words[first].begin),
                      context.gazetteers.entities),
                  "", first, end});
      }
      if (!plural && term != "ngos") break;  // "the NGO X": one name
      // Continue over ", ", " and ", ", and ".
      std::size_t next = end;
      if (next < words.size() && words[next].term == "and" && !words[next].capitalized) ++next;
      if (next == end && !(next < words.size() && view.gap_is(end - 1, next, ", "))) break;
      first = next;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Pass 5: acronyms.

void Acronyms::learn(ParagraphView& view, const std::vector<Found>& found) {
  for (const Found& f : found) {
    if (f.kind == EntityKind::kCountry) continue;
    const std::size_t after = f.end_token;
    if (after >= view.words.size()) continue;
    const std::string_view gap = view.gap(after - 1, after);
    if (gap != " (" && gap != "(") continue;
    const Word& acronym = view.words[after];
    if (acronym.end >= view.text.size() || view.text[acronym.end] != ')') continue;
    if (!looks_like_acronym(acronym.text) || acronym.text.size() > 12) continue;
    defined_.try_emplace(std::string(acronym.text), f);
    view.claimed[after] = true;
  }
}

void Acronyms::find_uses(ParagraphView& view, std::vector<Found>& found) const {
  if (defined_.empty()) return;
  for (std::size_t i = 0; i < view.words.size(); ++i) {
    if (view.claimed[i] || !view.words[i].all_caps) continue;
    const auto it = defined_.find(std::string(view.words[i].text));
    if (it == defined_.end()) continue;
    Found use = it->second;
    use.first_token = i;
    use.end_token = i + 1;
    view.claimed[i] = true;
    found.push_back(std::move(use));
  }
}

namespace {

// Whether `shorter`'s words (two or more) are some of `longer`'s, in order.
bool is_short_form(const std::vector<std::string>& shorter,
                   const std::vector<std::string>& longer) {
  if (shorter.size() < 2 || shorter.size() >= longer.size()) return false;
  std::size_t at = 0;
  for (const std::string& word : longer) {
    if (at < shorter.size() && word == shorter[at]) ++at;
  }
  return at == shorter.size();
}

}  // namespace

void Acronyms::extend_to_acronyms(ParagraphView& view, std::vector<Found>& found) {
  const std::vector<Word>& words = view.words;
  // Small words a name's acronym leaves out, in English, French, Spanish and Portuguese.
  const auto small = [](std::string_view t) {
    return t == "of" || t == "to" || t == "in" || t == "for" || t == "and" || t == "the" ||
           t == "on" || t == "against" || t == "de" || t == "des" || t == "du" || t == "la" ||
           t == "le" || t == "les" || t == "et" || t == "pour" || t == "del" || t == "y" ||
           t == "para" || t == "da" || t == "do" || t == "dos" || t == "das" || t == "e" ||
           t == "l" || t == "d";
  };
  // "l'Homme" is spelt by its "H".
  const auto initial = [](std::string_view t) {
    if (t.size() > 2 && (t.starts_with("l'") || t.starts_with("d'"))) t.remove_prefix(2);
    return static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  };
  std::vector<Found> extended;
  for (const Found& f : found) {
    if (f.kind == EntityKind::kCountry) continue;
    bool lower_case = false;
    for (std::size_t close = f.end_token; close < words.size() && close - f.end_token < 7;
         ++close) {
      const std::string_view gap = view.gap(close - 1, close);
      if (gap == " (" && looks_like_acronym(words[close].text) &&
          words[close].end < view.text.size() && view.text[words[close].end] == ')') {
        // The name may begin a word or two before the mention: "the Vice Ministry of Worship
        // (VMW)", where "Vice" is no part of a ministry's name on its own.
        std::size_t start = f.first_token;
        bool spelt = false;
        for (std::size_t before = 0; before <= 2 && !spelt; ++before) {
          if (before > 0) {
            // (A state's name or adjective stays the state's: "Ethiopian Human Rights
            // Commission (EHRC)" is Ethiopia's Human Rights Commission.)
            if (start == 0 || view.claimed[start - 1] || !words[start - 1].capitalized ||
                !view.adjacent(start - 1, start) || !view.country_at[start - 1].empty()) {
              break;
            }
            --start;
          }
          std::string initials;
          for (std::size_t i = start; i < close; ++i) {
            if (!small(words[i].term)) initials.push_back(initial(words[i].term));
          }
          spelt = initials == words[close].text && (lower_case || before > 0);
        }
        if (!spelt) break;
        std::string name;
        for (std::size_t i = start; i < close; ++i) {
          if (i > start) name += ' ';
          std::string word(words[i].text);
          const bool elided = word.size() > 2 && word[1] == '\'';  // "l'Homme" stays
          if (!small(words[i].term) && !elided && !word.empty() && word[0] >= 'a' &&
              word[0] <= 'z') {
            word[0] = static_cast<char>(word[0] - 'a' + 'A');
          }
          name += word;
        }
        Found whole{
            f.kind == EntityKind::kStateBody ? EntityKind::kStateBody : EntityKind::kOrganization,
            clean_name(name), f.kind == EntityKind::kStateBody ? f.country : "", start, close};
        view.claim(start, close);
        extended.push_back(std::move(whole));
        break;
      }
      // (An elided article is one word with its noun, or two: "l'Homme".)
      if ((gap != " " && gap != "'" && gap != "\u2019") ||
          (view.claimed[close] && !view.words[close].all_caps)) {
        break;
      }
      lower_case = lower_case || !words[close].capitalized;
    }
  }
  if (extended.empty()) return;
  // The mentions a whole name holds are parts of it.
  std::erase_if(found, [&](const Found& f) {
    return std::any_of(extended.begin(), extended.end(), [&](const Found& whole) {
      return f.first_token >= whole.first_token && f.end_token <= whole.end_token;
    });
  });
  for (Found& whole : extended) found.push_back(std::move(whole));
}

void Acronyms::learn_short_forms(const ParagraphView& view, const std::vector<Found>& found) {
  for (const Found& short_form : found) {
    if (short_form.kind == EntityKind::kCountry || short_form.known) continue;
    const std::size_t open = short_form.first_token;
    const std::size_t close = short_form.end_token - 1;
    if (open == 0 || !view.gap(open - 1, open).ends_with("(") ||
        view.words[close].end >= view.text.size() || view.text[view.words[close].end] != ')') {
      continue;
    }
    const std::vector<std::string> short_words = names::name_words(short_form.name);
    const Found* named = nullptr;
    for (const Found& f : found) {
      if (f.kind == EntityKind::kCountry || f.end_token > open || open - f.end_token > 6) continue;
      if (!is_short_form(short_words, names::name_words(f.name))) continue;
      if (named == nullptr || f.end_token > named->end_token) named = &f;
    }
    if (named != nullptr) {
      short_forms_.try_emplace(thread_normalizer().fold(short_form.name), *named);
    }
  }
}

void Acronyms::apply_short_forms(std::vector<Found>& found) const {
  if (short_forms_.empty()) return;
  for (Found& f : found) {
    if (f.kind == EntityKind::kCountry || f.known) continue;
    const auto it = short_forms_.find(thread_normalizer().fold(f.name));
    if (it == short_forms_.end()) continue;
    const std::size_t first = f.first_token;
    const std::size_t end = f.end_token;
    f = it->second;
    f.first_token = first;
    f.end_token = end;
  }
}

// ---------------------------------------------------------------------------------------------
// Merging mentions into entities

void EntityCollector::record(const EntitySpan& span, const Found& f) {
  std::string key = std::string(to_string(f.kind)) + "|";
  if (f.kind == EntityKind::kCountry) {
    key += f.country;
  } else {
    key += thread_normalizer().fold(f.name) + "|" + f.country;
  }
  if (f.kind != EntityKind::kCountry && !f.known) {
    if (auto longer = longer_form_of(f); longer) key = *longer;
  }
  auto [it, inserted] = index_.try_emplace(key, entities_.size());
  if (f.known) known_keys_.insert(key);
  if (inserted) {
    Entity entity;
    entity.kind = f.kind;
    entity.name = f.name;
    if (f.kind == EntityKind::kCountry) {
      entity.id = f.country;
    } else {
      entity.country = f.country;
      entity.id = slugify(f.name) + (f.country.empty() ? "" : "." + slugify(f.country));
    }
    entities_.push_back(std::move(entity));
  }
  entities_[it->second].spans.push_back(span);
}

// A short and a full name of one body ("the Supreme Council" and "Supreme Council for Women",
// "Ministry of Labor" and "Ministry of Labor, Social Security, and Migration", in either order):
// the key of the body found first, when exactly one earlier body's name begins with the other's
// words.
std::optional<std::string> EntityCollector::longer_form_of(const Found& f) const {
  const std::string folded = thread_normalizer().fold(f.name);
  if (folded.find(' ') == std::string::npos) return std::nullopt;  // one word is too little
  std::optional<std::string> match;
  for (const auto& [key, index] : index_) {
    const Entity& e = entities_[index];
    if (e.kind != f.kind || e.country != f.country || known_keys_.contains(key)) continue;
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

std::vector<Entity> EntityCollector::finish() {
  return std::move(entities_);
}

}  // namespace dossier::tagging
