#include "query_parser.h"

#include <optional>

#include "corpus/error.h"

namespace dossier {
namespace {

enum class TokenType { kWord, kPhrase, kOpen, kClose, kAnd, kOr, kNot, kMinus, kField, kEnd };

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
  Parser(std::vector<QueryToken> tokens, const TextNormalizer& normalizer,
         const Xapian::Stem& stemmer, const KeywordResolver& resolver, const QueryLimits& limits)
      : tokens_(std::move(tokens)),
        normalizer_(normalizer),
        stemmer_(stemmer),
        resolver_(resolver),
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
    std::vector<Operand> alternatives{parse_and()};
    while (peek().type == TokenType::kOr) {
      const QueryToken& op = take();
      if (!starts_operand(peek().type)) fail("OR needs a term after it", op.position);
      alternatives.push_back(parse_and());
    }
    if (alternatives.size() == 1) return alternatives.front();
    std::vector<Xapian::Query> queries;
    for (Operand& a : alternatives) {
      queries.push_back(
          a.negated ? Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, a.query)
                    : a.query);
    }
    return {Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end()), false};
  }

  // Adjacent operands are ANDed; "NOT x" and "-x" exclude x from the rest. Two or more plain
  // words side by side make a phrase boost (ParsedQuery::phrase_boosts).
  Operand parse_and() {
    std::vector<Xapian::Query> required;
    std::vector<Xapian::Query> excluded;
    std::vector<std::string> run_of_words;  // the current run of adjacent plain words
    auto end_run = [&] {
      if (run_of_words.size() >= 2 && !excluding_) {
        std::vector<Xapian::Query> parts(run_of_words.begin(), run_of_words.end());
        phrase_boosts_.emplace_back(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                                    static_cast<Xapian::termcount>(parts.size()));
      }
      run_of_words.clear();
    };
    for (;;) {
      if (peek().type == TokenType::kAnd) {
        const QueryToken& op = take();
        if (required.empty() && excluded.empty()) fail("AND needs a term before it", op.position);
        if (!starts_operand(peek().type)) fail("AND needs a term after it", op.position);
      }
      if (!starts_operand(peek().type)) break;
      last_plain_word_.reset();
      Operand operand = parse_unary();
      if (!operand.negated && last_plain_word_) {
        run_of_words.push_back(*last_plain_word_);
      } else {
        end_run();
      }
      (operand.negated ? excluded : required).push_back(std::move(operand.query));
    }
    end_run();
    if (required.empty() && excluded.empty()) {
      const QueryToken& t = peek();
      if (t.type == TokenType::kOr) fail("OR needs a term before it", t.position);
      if (t.type == TokenType::kClose) fail("empty parentheses or a ')' with no '('", t.position);
      fail("expected a word, a phrase or '('", t.position);
    }
    Xapian::Query exclusion(Xapian::Query::OP_OR, excluded.begin(), excluded.end());
    if (required.empty()) return {exclusion, true};
    Xapian::Query positive(Xapian::Query::OP_AND, required.begin(), required.end());
    if (excluded.empty()) return {positive, false};
    return {Xapian::Query(Xapian::Query::OP_AND_NOT, positive, exclusion), false};
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
    // "Burma" also finds reports that say "Myanmar": a country's name stands for the country.
    if (field == nullptr) {
      if (auto code = resolver_.country_named(token.text)) {
        if (!excluding_) highlights_.entities.insert(entity_key(EntityKind::kCountry, *code));
        return Xapian::Query(Xapian::Query::OP_OR, query,
                             resolver_.resolve(schema::field(schema::FieldId::kMentions), *code));
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
      return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix + words[0].term,
                           limits_.max_wildcard_expansion,
                           Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    if (words.size() == 1) {
      const std::string& term = words[0].term;
      if (quoted || (term[0] >= '0' && term[0] <= '9')) {
        if (!excluding_) highlights_.words.insert(term);
        return Xapian::Query(prefix + term);
      }
      const std::string stem = stemmer_(term);
      if (!excluding_) highlights_.stems.insert(stem);
      if (field == nullptr) last_plain_word_ = term;
      return Xapian::Query(std::string(schema::kStemPrefix) + prefix + stem);
    }
    // Several words in one ("anti-trafficking", a quoted phrase): a phrase query.
    std::vector<Xapian::Query> parts;
    std::vector<std::string> phrase;
    for (const Token& w : words) {
      parts.emplace_back(prefix + w.term);
      phrase.push_back(w.term);
    }
    if (!excluding_) highlights_.phrases.push_back(std::move(phrase));
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                         static_cast<Xapian::termcount>(parts.size()));
  }

  std::vector<QueryToken> tokens_;
  std::size_t next_ = 0;
  const TextNormalizer& normalizer_;
  const Xapian::Stem& stemmer_;
  const KeywordResolver& resolver_;
  QueryLimits limits_;
  const schema::Field* field_ = nullptr;  // the field of an enclosing "field:( ... )"
  bool excluding_ = false;
  bool has_text_ = false;
  std::size_t depth_ = 0;       // open parentheses around the current token
  std::size_t words_seen_ = 0;  // words, phrases and field values so far
  // Set by text_query() when the operand it parsed was one unquoted body word (its exact form).
  std::optional<std::string> last_plain_word_;
  HighlightTerms highlights_;
  std::vector<Xapian::Query> phrase_boosts_;  // see ParsedQuery::phrase_boosts
};

}  // namespace

std::string entity_key(EntityKind kind, std::string_view id_or_folded_name) {
  return std::string(to_string(kind)) + "|" + std::string(id_or_folded_name);
}

ParsedQuery parse_query(std::string_view text, const TextNormalizer& normalizer,
                        const Xapian::Stem& stemmer, const KeywordResolver& resolver,
                        const QueryLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw Error(ErrorKind::kBadQuery, "the query is " + std::to_string(text.size()) +
                                          " bytes long; the limit is " +
                                          std::to_string(limits.max_bytes));
  }
  return Parser(lex(text), normalizer, stemmer, resolver, limits).parse();
}

}  // namespace dossier
