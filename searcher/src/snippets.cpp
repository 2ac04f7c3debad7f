#include "snippets.h"

#include <algorithm>
#include <map>

#include "corpus/entities.h"

namespace dossier {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
constexpr std::size_t kStemCacheLimit = 50000;
// Paragraphs tokenized and scored per report beyond the passages asked for: tokenizing is most
// of a hit's cost, and the substring prefilter ranks paragraphs well enough that the best
// passage is nearly always among its first few.
constexpr std::size_t kExtraScoredParagraphs = 2;

}  // namespace

const std::string& SnippetMaker::stem(const std::string& term) {
  if (stem_cache_.size() > kStemCacheLimit) stem_cache_.clear();
  auto [it, inserted] = stem_cache_.try_emplace(term);
  if (inserted) it->second = stemmer_(term);
  return it->second;
}

SnippetMaker::TokenMatches SnippetMaker::match_tokens(const std::vector<Token>& tokens,
                                                      const HighlightTerms& terms,
                                                      const std::vector<EntityMark>& entity_marks) {
  TokenMatches m{std::vector<int>(tokens.size(), -1), std::vector<std::string>(tokens.size())};
  // Entity mentions first: a mention is one unit, however many words it has.
  for (const EntityMark& mark : entity_marks) {
    std::size_t first = tokens.size();
    std::size_t last = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].begin >= mark.begin && tokens[i].end <= mark.end) {
        first = std::min(first, i);
        last = std::max(last, i);
      }
    }
    if (first < tokens.size()) {
      m.end[first] = static_cast<int>(last);
      m.key[first] = mark.key;
    }
  }
  // English stemming keeps a word's first two letters, so only tokens starting like one of the
  // query's stems are worth stemming (a cache lookup each).
  auto opening = [](std::string_view word) { return word.substr(0, 2); };
  std::vector<std::string_view> stem_openings;
  for (const std::string& stemmed : terms.stems) stem_openings.push_back(opening(stemmed));
  auto may_stem_to_one = [&](const std::string& term) {
    return std::find(stem_openings.begin(), stem_openings.end(), opening(term)) !=
           stem_openings.end();
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (m.end[i] >= 0) {
      i = static_cast<std::size_t>(m.end[i]);
      continue;
    }
    const std::string& term = tokens[i].term;
    for (const auto& phrase : terms.phrases) {
      if (i + phrase.size() > tokens.size()) continue;
      bool all = true;
      for (std::size_t k = 0; k < phrase.size() && all; ++k) all = tokens[i + k].term == phrase[k];
      if (all && static_cast<int>(i + phrase.size() - 1) > m.end[i]) {
        m.end[i] = static_cast<int>(i + phrase.size() - 1);
        m.key[i] = "\"" + phrase.front() + " " + phrase.back();
      }
    }
    if (m.end[i] >= 0) continue;
    if (terms.words.contains(term)) {
      m.key[i] = term;
    } else if (!terms.stems.empty() && !(term[0] >= '0' && term[0] <= '9') &&
               may_stem_to_one(term) && terms.stems.contains(stem(term))) {
      m.key[i] = stem(term);
    } else {
      for (const std::string& prefix : terms.prefixes) {
        if (term.starts_with(prefix)) {
          m.key[i] = prefix + "*";
          break;
        }
      }
    }
    if (!m.key[i].empty()) m.end[i] = static_cast<int>(i);
  }
  return m;
}

namespace {

// How well tokens [begin, end) answer the query: distinct query parts dominate, then different
// parts side by side (the query's sense), then the number of matches.
double score_span(const std::vector<int>& match_end, const std::vector<std::string>& key,
                  std::size_t begin, std::size_t end) {
  std::set<std::string_view> distinct;
  std::size_t count = 0;
  std::size_t adjacent = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (match_end[i] < 0) continue;
    ++count;
    distinct.insert(key[i]);
    const auto next = static_cast<std::size_t>(match_end[i]) + 1;
    if (next < end && match_end[next] >= 0 && key[next] != key[i]) ++adjacent;
  }
  if (count == 0) return 0;
  return static_cast<double>(distinct.size()) * 10.0 + static_cast<double>(adjacent) * 5.0 +
         static_cast<double>(std::min<std::size_t>(count, 10));
}

// Short lower-case ASCII beginnings of every word the terms can match ("forc" for the stem of
// "forced"); empty when some term cannot be prefiltered that way (non-ASCII words).
std::vector<std::string> needles_of(const HighlightTerms& terms) {
  std::vector<std::string> needles;
  bool usable = true;
  auto add = [&](const std::string& word) {
    for (unsigned char c : word) usable = usable && c < 0x80;
    needles.push_back(word.substr(0, std::min<std::size_t>(word.size(), 4)));
  };
  for (const std::string& w : terms.words) add(w);
  for (const std::string& s : terms.stems) add(s);
  for (const std::string& p : terms.prefixes) add(p);
  for (const auto& phrase : terms.phrases) {
    if (!phrase.empty()) add(phrase.front());
  }
  if (!usable) needles.clear();
  return needles;
}

// Calls hit(byte, n) for every occurrence of needle n at the start of a word of the text (ASCII
// case-insensitive), needle by needle. Needles are word beginnings: "forc" inside "enforced" is
// no sign of "forced".
// `lowered` is scratch space, kept by the caller so a report's paragraphs share one buffer.
template <typename Hit>
void for_each_needle_hit(std::string_view text, const std::vector<std::string>& needles,
                         std::string& lowered, Hit hit) {
  lowered.resize(text.size());
  // Branch-free, so the compiler vectorizes it: this runs over every byte of every hit.
  std::transform(text.begin(), text.end(), lowered.begin(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return static_cast<char>(byte | (static_cast<unsigned char>(byte - 'A') < 26 ? 0x20 : 0));
  });
  for (std::size_t n = 0; n < needles.size(); ++n) {
    if (needles[n].empty()) continue;
    for (std::size_t at = lowered.find(needles[n]); at != std::string::npos;
         at = lowered.find(needles[n], at + 1)) {
      const char before = at == 0 ? ' ' : lowered[at - 1];
      const bool word_start =
          !((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9'));
      if (word_start) hit(at, n);
    }
  }
}

// How promising the text is: how many of the needles occur in it (ASCII case-insensitive), then
// how often; 0 means no word of the query can be there. With no needles to decide by, every
// text counts as holding one.
// needles_present() counts each distinct needle this much, and each occurrence one.
constexpr std::size_t kDistinctWeight = 1000;

std::size_t needles_present(std::string_view text, const std::vector<std::string>& needles,
                            std::string& lowered) {
  if (needles.empty()) return 1;
  std::vector<char> seen(needles.size(), 0);
  for (std::size_t n = 0; n < needles.size(); ++n) seen[n] = needles[n].empty();
  std::size_t occurrences = 0;
  for_each_needle_hit(text, needles, lowered, [&](std::size_t, std::size_t n) {
    seen[n] = 1;
    ++occurrences;
  });
  const auto distinct = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), 1));
  if (distinct == 0) return 0;
  return distinct * kDistinctWeight + std::min(occurrences, kDistinctWeight - 1);
}

// Average bytes per word of report prose, to turn word counts into byte windows.
constexpr std::size_t kBytesPerWord = 7;

// The part of a paragraph worth tokenizing for an excerpt of `max_words` words: the whole of a
// short paragraph; in a long one, a window of three excerpts' length around the stretch where
// the most of the needles occur (then the most often), cut at spaces so no word is split.
std::pair<std::size_t, std::size_t> scoring_window(std::string_view text,
                                                   const std::vector<std::string>& needles,
                                                   std::size_t max_words, std::string& lowered) {
  const std::size_t span = kBytesPerWord * max_words;
  if (needles.empty() || text.size() <= 3 * span) return {0, text.size()};
  std::vector<std::pair<std::size_t, std::size_t>> hits;  // (byte, needle)
  for_each_needle_hit(text, needles, lowered,
                      [&](std::size_t at, std::size_t n) { hits.emplace_back(at, n); });
  if (hits.empty()) return {0, std::min(text.size(), 3 * span)};
  std::sort(hits.begin(), hits.end());
  std::size_t best_start = hits.front().first;
  std::size_t best_score = 0;
  std::vector<std::size_t> in_window(needles.size(), 0);
  std::size_t distinct = 0;
  for (std::size_t first = 0, last = 0; first < hits.size(); ++first) {
    for (; last < hits.size() && hits[last].first < hits[first].first + span; ++last) {
      if (in_window[hits[last].second]++ == 0) ++distinct;
    }
    const std::size_t score = distinct * 1000 + (last - first);
    if (score > best_score) {
      best_score = score;
      best_start = hits[first].first;
    }
    if (--in_window[hits[first].second] == 0) --distinct;
  }
  std::size_t from = best_start > span ? best_start - span : 0;
  std::size_t to = std::min(text.size(), best_start + 2 * span);
  if (from > 0) {
    const std::size_t space = text.find(' ', from);
    from = space == std::string_view::npos || space >= best_start ? from : space + 1;
  }
  if (to < text.size()) {
    const std::size_t space = text.rfind(' ', to);
    to = space == std::string_view::npos || space <= best_start ? to : space;
  }
  return {from, to};
}

}  // namespace

std::map<int, std::vector<SnippetMaker::EntityMark>> SnippetMaker::entity_marks(
    const Report& report, const HighlightTerms& terms) const {
  std::map<int, std::vector<EntityMark>> marks;
  if (terms.entities.empty()) return marks;
  for (const Entity& e : report.entities) {
    const std::string kind(to_string(e.kind));
    std::string key =
        kind + "|" + (e.kind == EntityKind::kCountry ? e.id : normalizer_.fold(e.name));
    // A filter on one state's body ("Ministry of Justice (KZ)") marks that state's only.
    if (e.kind == EntityKind::kStateBody && !e.country.empty() && !terms.entities.contains(key)) {
      key = kind + "|" + normalizer_.fold(state_body_value(e.name, e.country));
    }
    if (!terms.entities.contains(key)) continue;
    for (const EntitySpan& span : e.spans) {
      marks[span.paragraph].push_back({span.begin, span.end, key});
    }
  }
  return marks;
}

std::map<int, std::vector<Highlight>> SnippetMaker::mark(const Report& report,
                                                         const HighlightTerms& terms) {
  std::map<int, std::vector<Highlight>> out;
  if (terms.empty()) return out;
  const std::map<int, std::vector<EntityMark>> marks_by_paragraph = entity_marks(report, terms);
  const std::vector<EntityMark> no_marks;
  for (const Paragraph& p : report.paragraphs) {
    const auto found = marks_by_paragraph.find(p.number);
    const std::vector<Token> tokens = normalizer_.tokenize(p.text);
    const TokenMatches matches =
        match_tokens(tokens, terms, found == marks_by_paragraph.end() ? no_marks : found->second);
    std::vector<Highlight> marks;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (matches.end[i] < 0) continue;
      const auto last = static_cast<std::size_t>(matches.end[i]);
      marks.push_back({tokens[i].begin, tokens[last].end});
      i = last;
    }
    if (!marks.empty()) out.emplace(p.number, std::move(marks));
  }
  return out;
}

Snippet SnippetMaker::excerpt(const Paragraph& paragraph, const std::vector<Token>& tokens,
                              const TokenMatches& matches, std::size_t max_words, std::size_t from,
                              std::size_t to) {
  Snippet snippet;
  snippet.paragraph = paragraph.number;
  snippet.label = paragraph.label;
  snippet.page = paragraph.page;
  const std::vector<int>& match_end = matches.end;

  // The window of max_words tokens that answers the query best, started a few words before
  // its first match so the match has some context.
  std::size_t window_begin = 0;
  if (tokens.size() > max_words) {
    double best_window = -1;
    std::size_t best_start = 0;
    for (std::size_t start = 0; start < tokens.size(); ++start) {
      if (match_end[start] < 0 && start != 0) continue;  // windows worth having start at a match
      const double score =
          score_span(match_end, matches.key, start, std::min(start + max_words, tokens.size()));
      if (score > best_window) {
        best_window = score;
        best_start = start;
      }
    }
    window_begin = best_start > 6 ? best_start - 6 : 0;
    window_begin = std::min(window_begin, tokens.size() - max_words);
  }
  const std::string& text = paragraph.text;
  std::size_t byte_begin = from;
  std::size_t byte_end = to;
  if (tokens.size() > max_words) {
    byte_begin = window_begin == 0 ? from : tokens[window_begin].begin;
    const std::size_t last = window_begin + max_words - 1;
    byte_end = last + 1 >= tokens.size() ? to : tokens[last + 1].begin;
    while (byte_end > byte_begin && (text[byte_end - 1] == ' ')) --byte_end;
  }
  const bool cut_front = byte_begin > 0;
  const bool cut_back = byte_end < text.size();
  snippet.text = (cut_front ? std::string(kEllipsis) : "") +
                 text.substr(byte_begin, byte_end - byte_begin) +
                 (cut_back ? std::string(kEllipsis) : "");
  const std::size_t shift = cut_front ? kEllipsis.size() : 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (match_end[i] < 0) continue;
    const auto last = static_cast<std::size_t>(match_end[i]);
    if (tokens[i].begin >= byte_begin && tokens[last].end <= byte_end) {
      snippet.highlights.push_back(
          {tokens[i].begin - byte_begin + shift, tokens[last].end - byte_begin + shift});
    }
    i = last;
  }
  return snippet;
}

std::vector<Snippet> SnippetMaker::passages(const Report& report, const HighlightTerms& terms,
                                            std::size_t count, std::size_t max_words) {
  std::vector<Snippet> out;
  if (report.paragraphs.empty() || count == 0) return out;

  // The mentions of the entities the query names, by paragraph.
  const std::map<int, std::vector<EntityMark>> marks_by_paragraph = entity_marks(report, terms);
  const std::vector<EntityMark> no_marks;
  auto marks_of = [&](const Paragraph& p) -> const std::vector<EntityMark>& {
    auto it = marks_by_paragraph.find(p.number);
    return it == marks_by_paragraph.end() ? no_marks : it->second;
  };

  struct Scored {
    double score;
    const Paragraph* paragraph;
    std::vector<Token> tokens;
    TokenMatches matches;
    std::size_t from;  // the tokens cover [from, to) of the paragraph
    std::size_t to;
  };
  std::vector<Scored> scored;
  if (!terms.empty()) {
    // Tokenizing is the cost here, so only the paragraphs that hold the most of the query's
    // words (by a cheap substring test) are tokenized and scored.
    const std::vector<std::string> needles = needles_of(terms);
    std::vector<std::pair<std::size_t, const Paragraph*>> candidates;
    for (const Paragraph& paragraph : report.paragraphs) {
      // A mention of an entity the query names counts as one more of its words: a paragraph
      // with the name and the words comes before one with the name alone.
      std::size_t present = needles_present(paragraph.text, needles, lowered_);
      if (marks_by_paragraph.contains(paragraph.number)) present += kDistinctWeight;
      if (present > 0) candidates.emplace_back(present, &paragraph);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    // The most promising first, until a few more than asked for hold a match: a paragraph
    // with many of the words need not hold the query (the words apart, or a phrase's words
    // out of order), so one with fewer is read when it does not.
    for (const auto& [present, candidate] : candidates) {
      if (scored.size() >= count + kExtraScoredParagraphs) break;
      // A paragraph with entity mentions to mark is read whole: they need not be near a needle.
      const auto [from, to] = marks_of(*candidate).empty()
                                  ? scoring_window(candidate->text, needles, max_words, lowered_)
                                  : std::pair<std::size_t, std::size_t>{0, candidate->text.size()};
      std::vector<Token> tokens =
          normalizer_.tokenize(std::string_view(candidate->text).substr(from, to - from));
      for (Token& token : tokens) {
        token.begin += from;
        token.end += from;
      }
      TokenMatches matches = match_tokens(tokens, terms, marks_of(*candidate));
      double score = score_span(matches.end, matches.key, 0, tokens.size());
      if (score == 0) continue;
      if (candidate->kind == ParagraphKind::kHeading) score *= 0.5;  // prose over a heading
      scored.push_back({score, candidate, std::move(tokens), std::move(matches), from, to});
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.score > b.score; });
  for (std::size_t i = 0; i < scored.size() && out.size() < count; ++i) {
    Snippet passage = excerpt(*scored[i].paragraph, scored[i].tokens, scored[i].matches, max_words,
                              scored[i].from, scored[i].to);
    // A passage is listed for its match: one whose excerpt shows none is left out.
    if (!passage.highlights.empty()) out.push_back(std::move(passage));
  }
  if (out.empty()) {
    // Nothing to match (a browse, a keyword-only query): the report's first text paragraph.
    const Paragraph* first = &report.paragraphs.front();
    for (const Paragraph& p : report.paragraphs) {
      if (p.kind == ParagraphKind::kText) {
        first = &p;
        break;
      }
    }
    // Its opening is all an excerpt takes: tokenize about twice that, cut at a space.
    const std::string_view text = first->text;
    std::size_t to = text.size();
    if (to > 2 * kBytesPerWord * max_words) {
      const std::size_t space = text.rfind(' ', 2 * kBytesPerWord * max_words);
      if (space != std::string_view::npos && space > 0) to = space;
    }
    std::vector<Token> tokens = normalizer_.tokenize(text.substr(0, to));
    const TokenMatches none{std::vector<int>(tokens.size(), -1),
                            std::vector<std::string>(tokens.size())};
    out.push_back(excerpt(*first, tokens, none, max_words, 0, to));
  }
  return out;
}

Snippet SnippetMaker::best(const Report& report, const HighlightTerms& terms,
                           std::size_t max_words) {
  std::vector<Snippet> found = passages(report, terms, 1, max_words);
  return found.empty() ? Snippet{} : std::move(found.front());
}

}  // namespace dossier
