#include "snippets.h"

#include <algorithm>

namespace dossier {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
constexpr std::size_t kStemCacheLimit = 50000;

}  // namespace

const std::string& SnippetMaker::stem(const std::string& term) {
  if (stem_cache_.size() > kStemCacheLimit) stem_cache_.clear();
  auto [it, inserted] = stem_cache_.try_emplace(term);
  if (inserted) it->second = stemmer_(term);
  return it->second;
}

std::vector<int> SnippetMaker::match_tokens(const std::vector<Token>& tokens,
                                            const HighlightTerms& terms) {
  std::vector<int> match_end(tokens.size(), -1);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& term = tokens[i].term;
    for (const auto& phrase : terms.phrases) {
      if (i + phrase.size() > tokens.size()) continue;
      bool all = true;
      for (std::size_t k = 0; k < phrase.size() && all; ++k) all = tokens[i + k].term == phrase[k];
      if (all) {
        match_end[i] = static_cast<int>(std::max<std::size_t>(
            i + phrase.size() - 1, match_end[i] < 0 ? 0 : static_cast<std::size_t>(match_end[i])));
      }
    }
    if (match_end[i] >= 0) continue;
    bool hit = terms.words.contains(term);
    if (!hit && !terms.stems.empty() && !(term[0] >= '0' && term[0] <= '9')) {
      hit = terms.stems.contains(stem(term));
    }
    if (!hit) {
      for (const std::string& prefix : terms.prefixes) {
        if (term.starts_with(prefix)) {
          hit = true;
          break;
        }
      }
    }
    if (hit) match_end[i] = static_cast<int>(i);
  }
  return match_end;
}

std::vector<Highlight> SnippetMaker::mark(std::string_view text, const HighlightTerms& terms) {
  std::vector<Highlight> marks;
  if (terms.empty()) return marks;
  const std::vector<Token> tokens = normalizer_.tokenize(text);
  const std::vector<int> match_end = match_tokens(tokens, terms);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (match_end[i] < 0) continue;
    const auto last = static_cast<std::size_t>(match_end[i]);
    marks.push_back({tokens[i].begin, tokens[last].end});
    i = last;
  }
  return marks;
}

Snippet SnippetMaker::best(const Report& report, const HighlightTerms& terms,
                           std::size_t max_words) {
  Snippet snippet;
  if (report.paragraphs.empty()) return snippet;

  // Score: distinct query parts matched dominate; then the number of matches.
  const Paragraph* best = nullptr;
  std::vector<Token> best_tokens;
  std::vector<int> best_matches;
  double best_score = 0;
  if (!terms.empty()) {
    for (const Paragraph& paragraph : report.paragraphs) {
      std::vector<Token> tokens = normalizer_.tokenize(paragraph.text);
      std::vector<int> matches = match_tokens(tokens, terms);
      std::size_t count = 0;
      std::size_t adjacent = 0;  // two different query words side by side: the query's sense
      std::set<std::string> distinct;
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (matches[i] < 0) continue;
        ++count;
        distinct.insert(tokens[i].term);
        const auto next = static_cast<std::size_t>(matches[i]) + 1;
        if (next < tokens.size() && matches[next] >= 0 && tokens[next].term != tokens[i].term) {
          ++adjacent;
        }
      }
      if (count == 0) continue;
      double score = static_cast<double>(distinct.size()) * 10.0 +
                     static_cast<double>(adjacent) * 5.0 + static_cast<double>(count);
      if (paragraph.kind == ParagraphKind::kHeading) score *= 0.5;  // prefer prose to a heading
      if (score > best_score) {
        best_score = score;
        best = &paragraph;
        best_tokens = std::move(tokens);
        best_matches = std::move(matches);
      }
    }
  }
  if (best == nullptr) {
    for (const Paragraph& paragraph : report.paragraphs) {
      if (paragraph.kind == ParagraphKind::kText) {
        best = &paragraph;
        break;
      }
    }
    if (best == nullptr) best = &report.paragraphs.front();
    best_tokens = normalizer_.tokenize(best->text);
    best_matches.assign(best_tokens.size(), -1);
  }
  snippet.paragraph = best->number;

  // The window of max_words tokens holding the most matches, its start nudged back a little so
  // the first match has some context.
  std::size_t window_begin = 0;
  if (best_tokens.size() > max_words) {
    std::size_t in_window = 0;
    std::size_t best_count = 0;
    std::size_t best_start = 0;
    for (std::size_t i = 0; i < best_tokens.size(); ++i) {
      if (best_matches[i] >= 0) ++in_window;
      if (i >= max_words && best_matches[i - max_words] >= 0) --in_window;
      if (i + 1 >= max_words && in_window > best_count) {
        best_count = in_window;
        best_start = i + 1 - max_words;
      }
    }
    // Start a few words before the first match in the window.
    std::size_t first_match = best_start;
    while (first_match < best_tokens.size() && best_matches[first_match] < 0) ++first_match;
    window_begin = first_match > best_start + 6 ? first_match - 6 : best_start;
    window_begin = std::min(window_begin, best_tokens.size() - max_words);
  }
  const std::string& text = best->text;
  std::size_t byte_begin = 0;
  std::size_t byte_end = text.size();
  if (best_tokens.size() > max_words) {
    byte_begin = window_begin == 0 ? 0 : best_tokens[window_begin].begin;
    const std::size_t last = window_begin + max_words - 1;
    byte_end = last + 1 >= best_tokens.size() ? text.size() : best_tokens[last + 1].begin;
    // Keep the punctuation right after the last word, drop the space.
    while (byte_end > byte_begin && (text[byte_end - 1] == ' ')) --byte_end;
  }
  const bool cut_front = byte_begin > 0;
  const bool cut_back = byte_end < text.size();
  snippet.text = (cut_front ? std::string(kEllipsis) : "") +
                 text.substr(byte_begin, byte_end - byte_begin) +
                 (cut_back ? std::string(kEllipsis) : "");
  const std::size_t shift = cut_front ? kEllipsis.size() : 0;
  for (std::size_t i = 0; i < best_tokens.size(); ++i) {
    if (best_matches[i] < 0) continue;
    const auto last = static_cast<std::size_t>(best_matches[i]);
    if (best_tokens[i].begin >= byte_begin && best_tokens[last].end <= byte_end) {
      snippet.highlights.push_back(
          {best_tokens[i].begin - byte_begin + shift, best_tokens[last].end - byte_begin + shift});
    }
    i = last;
  }
  return snippet;
}

}  // namespace dossier
