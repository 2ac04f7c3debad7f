#include "query_parser.h"

#include <algorithm>
#include <optional>

#include "corpus/error.h"
#include "corpus/schema.h"
#include "corpus/symbols.h"

namespace dossier {
namespace {

// The weight of a document symbol's own report in a query for the symbol: above what words
// weigh in BM25 (a few units per word), so the report comes before the reports citing it.
constexpr double kSymbolMatchWeight = 20;

enum class TokenType {
  kWord,
  kPhrase,
  kOpen,
  kClose,
  kAnd,
  kOr,
  kNot,
  kMinus,
  kNear,
  kField,
  kEnd
};

struct QueryToken {
  TokenType type;
  std::string text;      // word or phrase text; field name for kField
  std::size_t position;  // 0-based byte offset in the query
};

[[noreturn]] void fail(const std::string& what, std::size_t position) {
  throw Error(ErrorKind::kBadQuery, what + " (at character " + std::to_string(position + 1) + ")");
}

std::string known_fields() {
  std::string names;
  for (const schema::Field& f : schema::fields()) {
    if (!f.exposed(schema::kQueryField)) continue;
    if (!names.empty()) names += ", ";
    names += std::string(f.name) + ":";
  }
  return names;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool ends_word(char c) {
  return is_space(c) || c == '(' || c == ')' || c == '"';
}

bool is_field_name(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) return false;
  }
  return true;
}

std::vector<QueryToken> lex(std::string_view text) {
  std::vector<QueryToken> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '(' || c == ')') {
      tokens.push_back({c == '(' ? TokenType::kOpen : TokenType::kClose, {}, i});
      ++i;
      continue;
    }
    // Typographic quotes count as quotes: queries are pasted from reports.
    auto quote_length = [&](std::size_t at) -> std::size_t {
      if (text[at] == '"') return 1;
      if (text.substr(at, 3) == "\xE2\x80\x9C" || text.substr(at, 3) == "\xE2\x80\x9D") return 3;
      return 0;
    };
    if (std::size_t q = quote_length(i); q > 0) {
      const std::size_t start = i;
      std::size_t j = i + q;
      std::size_t close = 0;
      while (j < text.size() && (close = quote_length(j)) == 0) ++j;
      if (j >= text.size()) fail("this quote is never closed", start);
      tokens.push_back({TokenType::kPhrase, std::string(text.substr(i + q, j - i - q)), start});
      i = j + close;
      continue;
    }
    if (c == '-' && i + 1 < text.size() && !is_space(text[i + 1]) && text[i + 1] != ')') {
      tokens.push_back({TokenType::kMinus, {}, i});
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && !ends_word(text[j]) && quote_length(j) == 0) {
      if (text[j] == ':' && is_field_name(text.substr(i, j - i))) break;
      ++j;
    }
    const std::string word(text.substr(i, j - i));
    if (j < text.size() && text[j] == ':' && is_field_name(word)) {
      const schema::Field* field = schema::find_field(word);
      if (field == nullptr || !field->exposed(schema::kQueryField)) {
        fail("unknown field \"" + word + ":\"; the fields are " + known_fields(), i);
      }
      tokens.push_back({TokenType::kField, std::string(field->name), i});
      i = j + 1;
      continue;
    }
    if (word == "AND" || word == "&&")
      tokens.push_back({TokenType::kAnd, word, i});
    else if (word == "OR" || word == "||")
      tokens.push_back({TokenType::kOr, word, i});
    else if (word == "NOT")
      tokens.push_back({TokenType::kNot, word, i});
    else if (word == "NEAR" || word.starts_with("NEAR/"))
      tokens.push_back({TokenType::kNear, word, i});
    else
      tokens.push_back({TokenType::kWord, word, i});
    i = j;
  }
  tokens.push_back({TokenType::kEnd, {}, text.size()});
  return tokens;
}

// A parsed operand: its query, and whether it only excludes (NOT x / -x).
struct Operand {
  Xapian::Query query;
  bool negated = false;
};

class Parser {
 public:
  Parser(std::string_view source, std::vector<QueryToken> tokens, const TextNormalizer& normalizer,
         const Xapian::Stem& stemmer, const KeywordResolver& resolver, const Vocabulary& vocabulary,
         const QueryLimits& limits)
      : source_(source),
        tokens_(std::move(tokens)),
        normalizer_(normalizer),
        stemmer_(stemmer),
        resolver_(resolver),
        vocabulary_(vocabulary),
        limits_(limits) {}

  ParsedQuery parse() {
    ParsedQuery out;
    if (peek().type == TokenType::kEnd) {
      out.query = Xapian::Query::MatchAll;
      return out;
    }
    Operand top = parse_or();
    if (peek().type == TokenType::kClose) fail("this ')' has no matching '('", peek().position);
    if (peek().type != TokenType::kEnd) fail("unexpected text", peek().position);
    out.query = top.negated
                    ? Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, top.query)
                    : top.query;
    out.highlights = std::move(highlights_);
    out.has_text = has_text_;
    out.phrase_boosts = std::move(phrase_boosts_);
    out.paragraph_sides = std::move(paragraph_sides_);
    out.countries = std::move(countries_);
    out.reading = std::move(reading_);
    out.words = std::move(words_);
    if (top_parts_.size() >= 2) {
      out.parts = std::move(top_parts_);
      out.relaxed = std::move(top_relaxed_);
    }
    return out;
  }

 private:
  const QueryToken& peek() const { return tokens_[next_]; }
  const QueryToken& take() { return tokens_[next_++]; }

  static bool starts_operand(TokenType t) {
    return t == TokenType::kWord || t == TokenType::kPhrase || t == TokenType::kOpen ||
           t == TokenType::kNot || t == TokenType::kMinus || t == TokenType::kField;
  }

  Operand parse_or() {
    const bool top = at_top();
    std::vector<Operand> alternatives{parse_and()};
    while (peek().type == TokenType::kOr) {
      const QueryToken& op = take();
      if (!starts_operand(peek().type)) fail("OR needs a term after it", op.position);
      alternatives.push_back(parse_and());
    }
    if (alternatives.size() == 1) return alternatives.front();
    if (top) top_parts_.clear();  // "a b OR c" has no parts to relax
    std::vector<Xapian::Query> queries;
    for (Operand& a : alternatives) {
      queries.push_back(
          a.negated ? Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, a.query)
                    : a.query);
    }
    return {Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end()), false};
  }

  // Whether the operands being parsed are the query's own, not a group's or a field's.
  bool at_top() const { return depth_ == 0 && field_ == nullptr && !excluding_; }

  // An operand of an AND, with what it means for the rest.
  struct AndOperand {
    Operand operand;
    std::string text;       // as the query writes it
    bool optional = false;  // a function word: not required when other words are
    bool field = false;     // field:value, which a partial match still requires
    // Its folded words when it is body words or a phrase (not a NEAR, which has its own reach).
    std::optional<std::vector<std::string>> positional;
  };

  // Adjacent operands are ANDed; "NOT x" and "-x" exclude x from the rest. A function word
  // (corpus/data/stopwords.txt) is not required when the AND has other words, only ranked by.
  // Two or more plain words side by side make a phrase boost (ParsedQuery::phrase_boosts).
  Operand parse_and() {
    const bool top = at_top();
    std::vector<AndOperand> operands;
    bool explicit_and = false;                // "a AND b": every part is asked for
    std::vector<Xapian::Query> run_of_words;  // the current run of adjacent plain words
    auto end_run = [&] {
      if (run_of_words.size() >= 2 && !excluding_) {
        phrase_boosts_.emplace_back(Xapian::Query::OP_PHRASE, run_of_words.begin(),
                                    run_of_words.end(),
                                    static_cast<Xapian::termcount>(run_of_words.size()));
      }
      run_of_words.clear();
    };
    for (;;) {
      if (peek().type == TokenType::kAnd) {
        const QueryToken& op = take();
        if (operands.empty()) fail("AND needs a term before it", op.position);
        if (!starts_operand(peek().type)) fail("AND needs a term after it", op.position);
        explicit_and = true;
      }
      if (!starts_operand(peek().type)) break;
      last_plain_word_.reset();
      run_word_.reset();
      const std::size_t first = next_;
      AndOperand entry;
      last_positional_.reset();
      if (std::optional<Operand> named = parse_named_run()) {
        entry.operand = std::move(*named);
      } else {
        entry.operand = parse_unary();
        if (last_plain_word_) run_word_ = Xapian::Query(*last_plain_word_);
        entry.optional = !entry.operand.negated && last_plain_word_ &&
                         vocabulary_.is_stopword(*last_plain_word_) &&
                         !written_as_acronym(tokens_[first].text);
      }
      entry.positional = last_positional_;
      if (peek().type == TokenType::kNear) {
        entry.operand = parse_near(entry.operand);
        entry.optional = false;
        entry.positional.reset();
        run_word_.reset();
      }
      if (!entry.operand.negated && run_word_) {
        run_of_words.push_back(*run_word_);
      } else {
        end_run();
      }
      entry.text = source_text(first, next_);
      entry.field = tokens_[first].type == TokenType::kField;
      operands.push_back(std::move(entry));
    }
    end_run();
    if (operands.empty()) {
      const QueryToken& t = peek();
      if (t.type == TokenType::kOr) fail("OR needs a term before it", t.position);
      if (t.type == TokenType::kNear) fail("NEAR needs a word or a phrase before it", t.position);
      if (t.type == TokenType::kClose) fail("empty parentheses or a ')' with no '('", t.position);
      fail("expected a word, a phrase or '('", t.position);
    }
    const bool others = std::any_of(operands.begin(), operands.end(), [](const AndOperand& o) {
      return !o.operand.negated && !o.optional;
    });
    std::vector<Xapian::Query> required;
    std::vector<Xapian::Query> optional;
    std::vector<Xapian::Query> excluded;
    std::vector<Xapian::Query> fields;  // required even of a partial match
    std::vector<QueryPart> parts;       // free text, which a partial match may leave out
    for (AndOperand& o : operands) {
      if (o.operand.negated) {
        excluded.push_back(std::move(o.operand.query));
      } else if (o.optional && others) {
        optional.push_back(std::move(o.operand.query));
      } else {
        (o.field ? fields.push_back(o.operand.query) : parts.push_back({o.text, o.operand.query}));
        required.push_back(std::move(o.operand.query));
      }
    }
    if (!optional.empty()) {
      std::string words;
      for (const AndOperand& o : operands) {
        if (o.optional) words += (words.empty() ? "\"" : ", \"") + o.text + "\"";
      }
      reading_.push_back(words + ": function words, not required (they still rank)");
    }
    if (top) {
      paragraph_sides_.clear();
      for (const AndOperand& o : operands) {
        if (!o.operand.negated && !o.optional && !o.field && o.positional) {
          paragraph_sides_.push_back(*o.positional);
        }
      }
      if (paragraph_sides_.size() < 2) paragraph_sides_.clear();
    }
    Xapian::Query exclusion(Xapian::Query::OP_OR, excluded.begin(), excluded.end());
    if (top) top_parts_.clear();
    if (required.empty()) return {exclusion, true};
    auto with_the_rest = [&](Xapian::Query positive) {
      if (!optional.empty()) {
        positive =
            Xapian::Query(Xapian::Query::OP_AND_MAYBE, positive,
                          Xapian::Query(Xapian::Query::OP_OR, optional.begin(), optional.end()));
      }
      if (excluded.empty()) return positive;
      return Xapian::Query(Xapian::Query::OP_AND_NOT, positive, exclusion);
    };
    // Words side by side, two or more of them free text: a partial match may leave some out.
    if (top && !explicit_and && parts.size() >= 2) {
      std::vector<Xapian::Query> any;
      for (const QueryPart& part : parts) any.push_back(part.query);
      Xapian::Query relaxed(Xapian::Query::OP_OR, any.begin(), any.end());
      if (!fields.empty()) {
        fields.push_back(relaxed);
        relaxed = Xapian::Query(Xapian::Query::OP_AND, fields.begin(), fields.end());
      }
      top_relaxed_ = with_the_rest(relaxed);
      top_parts_ = std::move(parts);
    }
    return {with_the_rest(Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end())),
            false};
  }

  // "a NEAR b", "a NEAR/n b", "a NEAR/P b" (chained: "a NEAR b NEAR c"): the words or phrases
  // on either side within n words of each other (10 by default), or anywhere in one paragraph
  // (P), in either order; never across paragraphs (they are further apart than any n allowed).
  // Words are matched in any form that shares their stem; a phrase as written. A chain takes
  // its widest reach.
  Operand parse_near(const Operand& left) {
    const QueryToken& first_near = peek();
    if (left.negated || !last_positional_) {
      fail("NEAR needs a word or a phrase before it", first_near.position);
    }
    std::vector<std::vector<std::string>> sides = {*last_positional_};
    std::vector<Xapian::Query> required = {left.query};
    Xapian::termcount distance = 0;
    bool paragraph = false;
    while (peek().type == TokenType::kNear) {
      const QueryToken& op = take();
      if (std::optional<Xapian::termcount> n = near_distance(op)) {
        distance = std::max(distance, *n);
      } else {
        paragraph = true;
      }
      last_positional_.reset();
      const TokenType next = peek().type;
      if (next != TokenType::kWord && next != TokenType::kPhrase) {
        fail("NEAR needs a word or a phrase after it", op.position);
      }
      if (std::optional<Operand> named = parse_named_run()) {
        required.push_back(named->query);
      } else {
        required.push_back(parse_primary(nullptr).query);
      }
      if (!last_positional_) fail("NEAR needs a word or a phrase after it", op.position);
      sides.push_back(*last_positional_);
    }
    const std::vector<Xapian::Query> positional = positional_queries(sides, resolver_, stemmer_);
    Xapian::termcount words = 0;
    for (const std::vector<std::string>& side : sides) {
      words += static_cast<Xapian::termcount>(side.size());
    }
    // The window spans every word and the distance between the sides; a paragraph's is the gap
    // between paragraphs (schema::kParagraphPositionGap).
    const Xapian::termcount window =
        paragraph ? schema::kParagraphPositionGap
                  : words + distance * static_cast<Xapian::termcount>(sides.size() - 1);
    std::string joined;
    for (const std::vector<std::string>& side : sides) {
      std::string words_of_side;
      for (const std::string& w : side) words_of_side += (words_of_side.empty() ? "" : " ") + w;
      joined += (joined.empty() ? "\"" : "\", \"") + words_of_side;
    }
    reading_.push_back(joined + (paragraph ? "\": anywhere in one paragraph, in either order"
                                           : "\": at most " + std::to_string(distance) +
                                                 " words apart, in either order, in one "
                                                 "paragraph"));
    required.emplace_back(Xapian::Query::OP_NEAR, positional.begin(), positional.end(), window);
    return {Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end()), false};
  }

  // The n of "NEAR/n" (10 for "NEAR"), 1 to schema::kMostNearDistance words; nothing for
  // "NEAR/P" (in one paragraph).
  static std::optional<Xapian::termcount> near_distance(const QueryToken& op) {
    constexpr Xapian::termcount kDefaultDistance = 10;
    constexpr Xapian::termcount kMostDistance = schema::kMostNearDistance;
    if (op.text == "NEAR") return kDefaultDistance;
    const std::string_view reach = std::string_view(op.text).substr(5);
    if (reach == "P" || reach == "p") return std::nullopt;
    Xapian::termcount n = 0;
    bool valid = !reach.empty() && reach.size() <= 3;
    for (char c : reach) {
      valid = valid && c >= '0' && c <= '9';
      if (valid) n = n * 10 + static_cast<Xapian::termcount>(c - '0');
    }
    if (!valid || n == 0 || n > kMostDistance) {
      fail("\"" + op.text + "\": NEAR/n takes a number of words from 1 to " +
               std::to_string(kMostDistance) +
               " (NEAR alone is NEAR/10), or P for in one paragraph (NEAR/P)",
           op.position);
    }
    return n;
  }

  // The query's text from token `first` up to token `end` (not included), trimmed.
  std::string source_text(std::size_t first, std::size_t end) const {
    const std::size_t from = tokens_[first].position;
    const std::size_t to = std::min(tokens_[end].position, source_.size());
    std::string_view text = source_.substr(from, to > from ? to - from : 0);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return std::string(text);
  }

  // A run of plain words that names something as a whole: a country by a name of two words or
  // more ("Ivory Coast", "Corée du Nord"; one-word names are read in text_query), or a form of
  // a variant ("labour", "internally displaced persons", "IDPs"). Consumes its tokens.
  std::optional<Operand> parse_named_run() {
    if (field_ != nullptr) return std::nullopt;
    constexpr std::size_t kLongestCountryName = 6;  // words ("Saint Vincent and the Grenadines")
    std::vector<std::string> words;
    const std::size_t longest = std::max(kLongestCountryName, vocabulary_.longest_form());
    for (std::size_t at = next_; at < tokens_.size() && words.size() < longest; ++at) {
      const QueryToken& token = tokens_[at];
      if (token.type != TokenType::kWord || token.text.ends_with('*')) break;
      const std::vector<Token> folded = normalizer_.tokenize(token.text);
      if (folded.size() != 1) break;
      words.push_back(folded.front().term);
    }
    if (words.empty()) return std::nullopt;
    for (std::size_t length = std::min(words.size(), kLongestCountryName); length >= 2; --length) {
      std::string name;
      for (std::size_t i = 0; i < length; ++i) {
        name += (i ? " " : "") + tokens_[next_ + i].text;
      }
      if (std::optional<std::string> code = resolver_.country_named(name)) {
        const std::vector<std::string> named(words.begin(),
                                             words.begin() + static_cast<std::ptrdiff_t>(length));
        consume_words(length);
        last_positional_ = named;
        return Operand{country_query(words_query_of(named), *code, named, name), false};
      }
    }
    const Vocabulary::Match match = vocabulary_.variants_at(words);
    if (match.words == 0) return std::nullopt;
    last_positional_ = std::vector<std::string>(
        words.begin(), words.begin() + static_cast<std::ptrdiff_t>(match.words));
    std::string typed;
    for (std::size_t i = 0; i < match.words; ++i) typed += (i ? " " : "") + tokens_[next_ + i].text;
    std::string others;
    for (const Vocabulary::Form& form : *match.forms) {
      if (form.words == *last_positional_) continue;
      others += (others.empty() ? "\"" : ", \"") + form.text + "\"";
    }
    reading_.push_back("\"" + typed + "\": also " + others + " (variants, as one word)");
    consume_words(match.words);
    return Operand{variants_query(*match.forms), false};
  }

  void consume_words(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      const QueryToken& token = take();
      if (++words_seen_ > limits_.max_words) {
        fail("the query has more than " + std::to_string(limits_.max_words) +
                 " words and phrases; narrow it with filters",
             token.position);
      }
    }
  }

  // Folded words as the body is searched for them: one word by its stem, several as a phrase.
  Xapian::Query words_query_of(const std::vector<std::string>& words) {
    if (words.size() == 1) {
      const std::string& term = words.front();
      if (term[0] >= '0' && term[0] <= '9') {
        if (!excluding_) highlights_.words.insert(term);
        return Xapian::Query(term);
      }
      const std::string stem = stemmer_(term);
      if (!excluding_) highlights_.stems.insert(stem);
      return Xapian::Query(std::string(schema::kStemPrefix) + stem);
    }
    if (!excluding_) highlights_.phrases.push_back(words);
    std::vector<Xapian::Query> parts(words.begin(), words.end());
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                         static_cast<Xapian::termcount>(parts.size()));
  }

  // A country named in free text: its name, or any mention of it; reports about it rank first.
  Xapian::Query country_query(Xapian::Query name, const std::string& code,
                              const std::vector<std::string>& words, std::string_view typed) {
    reading_.push_back("\"" + std::string(typed) + "\": the country " + code +
                       ": its name or any mention of it" +
                       (excluding_ ? "" : "; reports about it rank first"));
    if (!excluding_) {
      has_text_ = true;
      highlights_.entities.insert(entity_key(EntityKind::kCountry, code));
      if (std::find(countries_.begin(), countries_.end(), code) == countries_.end()) {
        countries_.push_back(code);
      }
    }
    if (words.size() == 1) run_word_ = Xapian::Query(words.front());
    return Xapian::Query(Xapian::Query::OP_OR, name,
                         resolver_.resolve(schema::field(schema::FieldId::kMentions), code));
  }

  // Every form of a variant group as one word of the query (OP_SYNONYM).
  Xapian::Query variants_query(const std::vector<Vocabulary::Form>& forms) {
    if (!excluding_) has_text_ = true;
    std::vector<Xapian::Query> alternatives;
    std::vector<Xapian::Query> exact;  // the forms' words, when every form is one word
    for (const Vocabulary::Form& form : forms) {
      alternatives.push_back(words_query_of(form.words));
      if (form.words.size() == 1) exact.emplace_back(form.words.front());
    }
    if (exact.size() == forms.size()) {
      run_word_ = Xapian::Query(Xapian::Query::OP_OR, exact.begin(), exact.end());
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
  }

  Operand parse_unary() {
    if (peek().type == TokenType::kNot || peek().type == TokenType::kMinus) {
      const QueryToken& op = take();
      if (!starts_operand(peek().type) || peek().type == TokenType::kNot ||
          peek().type == TokenType::kMinus) {
        fail(std::string(op.type == TokenType::kNot ? "NOT" : "'-'") +
                 " needs a word, a phrase or '(' after it",
             op.position);
      }
      const bool saved = excluding_;
      excluding_ = true;
      Operand inner = parse_primary(nullptr);
      excluding_ = saved;
      return {inner.query, true};
    }
    return parse_primary(nullptr);
  }

  Operand parse_primary(const schema::Field* field) {
    const QueryToken& token = take();
    switch (token.type) {
      case TokenType::kOpen: {
        if (peek().type == TokenType::kClose) fail("empty parentheses", token.position);
        if (++depth_ > limits_.max_depth) {
          fail("parentheses are nested more than " + std::to_string(limits_.max_depth) + " deep",
               token.position);
        }
        const schema::Field* saved = field_;
        field_ = field ? field : field_;
        Operand inner = parse_or();
        field_ = saved;
        if (peek().type != TokenType::kClose) fail("this '(' is never closed", token.position);
        take();
        --depth_;
        return inner;
      }
      case TokenType::kField: {
        const schema::Field& named = *schema::find_field(token.text);
        const TokenType next = peek().type;
        if (next != TokenType::kWord && next != TokenType::kPhrase && next != TokenType::kOpen) {
          fail("\"" + token.text + ":\" needs a value right after it", token.position);
        }
        return parse_primary(&named);
      }
      case TokenType::kPhrase:
        return {text_query(token, field ? field : field_, true), false};
      case TokenType::kWord:
        return {text_query(token, field ? field : field_, false), false};
      case TokenType::kClose:
        fail("this ')' has no matching '('", token.position);
      case TokenType::kNear:
        fail("NEAR needs a word or a phrase before it", token.position);
      case TokenType::kAnd:
      case TokenType::kOr:
      case TokenType::kNot:
      case TokenType::kMinus:
      case TokenType::kEnd:
        fail("expected a word, a phrase or '('", token.position);
    }
    fail("expected a word, a phrase or '('", token.position);  // not reached
  }

  Xapian::Query text_query(const QueryToken& token, const schema::Field* field, bool quoted) {
    if (++words_seen_ > limits_.max_words) {
      fail("the query has more than " + std::to_string(limits_.max_words) +
               " words and phrases; narrow it with filters",
           token.position);
    }
    if (field != nullptr && field->kind == schema::FieldKind::kKeyword) {
      if (token.text.empty())
        fail("\"" + std::string(field->name) + ":\" needs a value", token.position);
      try {
        if (!excluding_) {
          for (std::string& key : resolver_.entity_keys(*field, token.text)) {
            highlights_.entities.insert(std::move(key));
          }
        }
        return resolver_.resolve(*field, token.text);
      } catch (const Error& e) {
        fail(e.what(), token.position);
      }
    }
    Xapian::Query query = words_query(token, field, quoted);
    // "A/HRC/13/6" finds the report with that symbol, and the reports that cite it.
    if (field == nullptr) {
      if (const std::string symbol = canonical_symbol(token.text); !symbol.empty()) {
        // The report the symbol names ranks first: its match weighs more than any words do.
        const schema::Field& symbols = schema::field(schema::FieldId::kSymbol);
        const Xapian::Query named(
            Xapian::Query::OP_FILTER,
            Xapian::Query((new Xapian::FixedWeightPostingSource(kSymbolMatchWeight))->release()),
            Xapian::Query(schema::keyword_term(symbols, normalizer_.fold(symbol))));
        return Xapian::Query(Xapian::Query::OP_OR, query, named);
      }
    }
    // "Burma" also finds reports that say "Myanmar": a country's name stands for the country.
    if (field == nullptr) {
      if (auto code = resolver_.country_named(token.text)) {
        std::optional<std::string> plain = last_plain_word_;
        Xapian::Query named = country_query(query, *code, {}, token.text);
        last_plain_word_ = plain;
        return named;
      }
    }
    return query;
  }

  Xapian::Query words_query(const QueryToken& token, const schema::Field* field, bool quoted) {
    const std::string prefix(field ? field->prefix : schema::kBodyPrefix);
    std::string word = token.text;
    const bool wildcard = !quoted && word.size() > 1 && word.back() == '*';
    if (wildcard) word.pop_back();
    if (word.find('*') != std::string::npos && !quoted) {
      fail("'*' is only allowed at the end of a word", token.position + word.find('*'));
    }
    std::vector<Token> words = normalizer_.tokenize(word);
    if (words.empty()) {
      // Punctuation alone ("&", "...") means nothing to search for; a phrase of it is an error.
      if (quoted) fail("this phrase has no words in it", token.position);
      return Xapian::Query::MatchAll;
    }
    if (!excluding_) has_text_ = true;
    if (wildcard && words.size() == 1) {
      if (!excluding_) highlights_.prefixes.push_back(words[0].term);
      const std::vector<std::string> terms =
          resolver_.terms_starting_with(prefix + words[0].term, limits_.max_wildcard_expansion);
      if (terms.empty()) return Xapian::Query::MatchNothing;
      // OP_SYNONYM, as Xapian's own wildcard combines its words: one word, in any of its forms.
      return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    }
    if (words.size() == 1) {
      const std::string& term = words[0].term;
      if (quoted || (term[0] >= '0' && term[0] <= '9')) {
        if (!excluding_) highlights_.words.insert(term);
        if (field == nullptr) last_positional_ = std::vector<std::string>{term};
        return Xapian::Query(prefix + term);
      }
      const std::string stem = stemmer_(term);
      if (!excluding_) highlights_.stems.insert(stem);
      if (field == nullptr) {
        last_plain_word_ = term;
        last_positional_ = std::vector<std::string>{term};
        if (!excluding_) words_.push_back({token.position, token.text.size(), term});
      }
      return Xapian::Query(std::string(schema::kStemPrefix) + prefix + stem);
    }
    // Several words in one ("anti-trafficking", a quoted phrase): a phrase query.
    std::vector<Xapian::Query> parts;
    std::vector<std::string> phrase;
    for (const Token& w : words) {
      parts.emplace_back(prefix + w.term);
      phrase.push_back(w.term);
    }
    if (field == nullptr) last_positional_ = phrase;
    if (!excluding_) highlights_.phrases.push_back(std::move(phrase));
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                         static_cast<Xapian::termcount>(parts.size()));
  }

  std::string_view source_;
  std::vector<QueryToken> tokens_;
  std::size_t next_ = 0;
  const TextNormalizer& normalizer_;
  const Xapian::Stem& stemmer_;
  const KeywordResolver& resolver_;
  const Vocabulary& vocabulary_;
  QueryLimits limits_;
  const schema::Field* field_ = nullptr;  // the field of an enclosing "field:( ... )"
  bool excluding_ = false;
  bool has_text_ = false;
  std::size_t depth_ = 0;       // open parentheses around the current token
  std::size_t words_seen_ = 0;  // words, phrases and field values so far
  // Set by text_query() when the operand it parsed was one unquoted body word (its exact form).
  std::optional<std::string> last_plain_word_;
  // Set by parse_named_run() when the operand it parsed can stand in a phrase boost.
  std::optional<Xapian::Query> run_word_;
  // The folded words of the operand just parsed when it was body words or a phrase, for NEAR.
  std::optional<std::vector<std::string>> last_positional_;
  HighlightTerms highlights_;
  std::vector<Xapian::Query> phrase_boosts_;               // see ParsedQuery::phrase_boosts
  std::vector<std::vector<std::string>> paragraph_sides_;  // see ParsedQuery::paragraph_sides
  std::vector<std::string> countries_;                     // see ParsedQuery::countries
  std::vector<std::string> reading_;                       // see ParsedQuery::reading
  std::vector<ParsedQuery::Word> words_;                   // see ParsedQuery::words
  std::vector<QueryPart> top_parts_;                       // see ParsedQuery::parts
  std::optional<Xapian::Query> top_relaxed_;               // see ParsedQuery::relaxed
};

}  // namespace

std::vector<Xapian::Query> positional_queries(const std::vector<std::vector<std::string>>& sides,
                                              const KeywordResolver& resolver,
                                              const Xapian::Stem& stemmer) {
  std::vector<Xapian::Query> positional;
  for (const std::vector<std::string>& side : sides) {
    if (side.size() == 1) {
      const std::vector<std::string> forms = resolver.forms_of(side.front(), stemmer);
      positional.emplace_back(Xapian::Query::OP_OR, forms.begin(), forms.end());
    } else {
      for (const std::string& word : side) positional.emplace_back(word);
    }
  }
  return positional;
}

std::string entity_key(EntityKind kind, std::string_view id_or_folded_name) {
  return std::string(to_string(kind)) + "|" + std::string(id_or_folded_name);
}

ParsedQuery parse_query(std::string_view text, const TextNormalizer& normalizer,
                        const Xapian::Stem& stemmer, const KeywordResolver& resolver,
                        const Vocabulary& vocabulary, const QueryLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw Error(ErrorKind::kBadQuery, "the query is " + std::to_string(text.size()) +
                                          " bytes long; the limit is " +
                                          std::to_string(limits.max_bytes));
  }
  return Parser(text, lex(text), normalizer, stemmer, resolver, vocabulary, limits).parse();
}

}  // namespace dossier
