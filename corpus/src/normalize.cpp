#include "corpus/normalize.h"

#include <algorithm>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "corpus/error.h"

namespace dossier {
namespace {

// Typographic punctuation that reports and queries mix freely with its ASCII twin.
UChar32 fold_punctuation(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
    case 0x00B4:
    case 0x0060:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    case 0x00A0:
    case 0x2007:
    case 0x202F:
      return ' ';
    default:
      return c;
  }
}

const icu::Normalizer2& instance(const icu::Normalizer2* (*getter)(UErrorCode&), const char* what) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = getter(status);
  if (U_FAILURE(status) || normalizer == nullptr) {
    throw Error(ErrorKind::kInternal, std::string("ICU: cannot load the ") + what +
                                          " normalizer: " + u_errorName(status));
  }
  return *normalizer;
}

bool is_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// "u.s" -> "us", "u.n" -> "un": dotted acronyms index as the bare letters, as a query types them.
void undot_acronym(std::string& term) {
  if (term.find('.') == std::string::npos || term.size() < 3) return;
  for (std::size_t i = 0; i < term.size(); ++i) {
    const bool letter_slot = (i % 2 == 0);
    if (letter_slot != (term[i] != '.')) return;
  }
  std::erase(term, '.');
}

}  // namespace

struct TextNormalizer::Impl {
  const icu::Normalizer2& nfkc_casefold =
      instance(&icu::Normalizer2::getNFKCCasefoldInstance, "NFKC_Casefold");
  const icu::Normalizer2& nfd = instance(&icu::Normalizer2::getNFDInstance, "NFD");
  const icu::Normalizer2& nfc = instance(&icu::Normalizer2::getNFCInstance, "NFC");
  std::unique_ptr<icu::BreakIterator> words;

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) {
      throw Error(ErrorKind::kInternal,
                  std::string("ICU: cannot create a word break iterator: ") + u_errorName(status));
    }
  }

  // NFKC + case fold, then accents removed (NFD, drop nonspacing marks, NFC) and punctuation
  // folded. Returns UTF-8.
  std::string fold_unicode(const icu::UnicodeString& input) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = nfkc_casefold.normalize(input, status);
    icu::UnicodeString decomposed = nfd.normalize(folded, status);
    icu::UnicodeString stripped;
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 c = decomposed.char32At(i);
      i += U16_LENGTH(c);
      if (u_charType(c) == U_NON_SPACING_MARK) continue;
      stripped.append(fold_punctuation(c));
    }
    icu::UnicodeString composed = nfc.normalize(stripped, status);
    if (U_FAILURE(status)) {
      throw Error(ErrorKind::kInternal,
                  std::string("ICU normalization failed: ") + u_errorName(status));
    }
    std::string out;
    composed.toUTF8String(out);
    return out;
  }

  std::string fold_word(std::string_view word) const {
    std::string term;
    if (is_ascii(word)) {
      term.reserve(word.size());
      for (char c : word) {
        term.push_back(c == '`' ? '\'' : static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c));
      }
    } else {
      term = fold_unicode(icu::UnicodeString::fromUTF8(
          icu::StringPiece(word.data(), static_cast<int32_t>(word.size()))));
    }
    // Possessive and elided apostrophes stay inside a word; a trailing one does not.
    while (!term.empty() && term.back() == '\'') term.pop_back();
    while (!term.empty() && term.front() == '\'') term.erase(term.begin());
    undot_acronym(term);
    return term;
  }
};

TextNormalizer::TextNormalizer() : impl_(std::make_unique<Impl>()) {}
TextNormalizer::~TextNormalizer() = default;
TextNormalizer::TextNormalizer(TextNormalizer&&) noexcept = default;
TextNormalizer& TextNormalizer::operator=(TextNormalizer&&) noexcept = default;

std::string TextNormalizer::fold(std::string_view utf8) const {
  std::string folded = impl_->fold_unicode(icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  for (char c : folded) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

namespace {

bool ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

// Whether the ASCII word-break rules below give ICU's segmentation of `text`: letters, digits,
// white space and the punctuation reports use, tested against ICU (others, such as "@" and "_",
// take part in ICU's rules in ways these leave out).
bool simple_ascii(std::string_view text) {
  for (char c : text) {
    if (ascii_letter(c) || ascii_digit(c)) continue;
    switch (c) {
      case ' ':
      case '\t':
      case '\n':
      case '\r':
      case '.':
      case ',':
      case ';':
      case '\'':
      case '-':
      case '(':
      case ')':
      case '"':
      case '!':
      case '?':
      case '/':
      case '%':
      case '$':
      case '&':
      case '*':
      case '+':
      case '=':
      case '[':
      case ']':
      case '#':
      case '<':
      case '>':
        continue;
      default:
        return false;
    }
  }
  return true;
}

// The words of simple ASCII text by the rules of Unicode word segmentation (UAX #29) that apply
// to it: letters and digits run together (WB8-WB10); "." or "'" joins letters (WB6, WB7);
// ",", ";", "." or "'" joins digits (WB11, WB12). Everything else stands alone and is no word.
// TextNormalizer's tests check this against ICU on every sample report.
template <typename Emit>
void ascii_words(std::string_view text, Emit emit) {
  const std::size_t n = text.size();
  auto word_char = [&](std::size_t i) {
    return i < n && (ascii_letter(text[i]) || ascii_digit(text[i]));
  };
  for (std::size_t i = 0; i < n;) {
    if (!word_char(i)) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    for (;;) {
      while (word_char(i)) ++i;
      // A joiner between two word characters of the same kind continues the word.
      if (i + 1 < n && i > begin) {
        const char joiner = text[i];
        const char before = text[i - 1];
        const char after = text[i + 1];
        const bool letters =
            ascii_letter(before) && ascii_letter(after) && (joiner == '.' || joiner == '\'');
        const bool digits = ascii_digit(before) && ascii_digit(after) &&
                            (joiner == '.' || joiner == '\'' || joiner == ',' || joiner == ';');
        if (letters || digits) {
          i += 1;
          continue;
        }
      }
      break;
    }
    emit(begin, i);
  }
}

}  // namespace

std::vector<Token> TextNormalizer::tokenize(std::string_view utf8) const {
  if (simple_ascii(utf8)) {
    std::vector<Token> tokens;
    ascii_words(utf8, [&](std::size_t begin, std::size_t end) {
      std::string term = impl_->fold_word(utf8.substr(begin, end - begin));
      if (!term.empty()) tokens.push_back(Token{std::move(term), begin, end});
    });
    return tokens;
  }
  return tokenize_with_icu(utf8);
}

std::vector<Token> TextNormalizer::tokenize_with_icu(std::string_view utf8) const {
  // Decode once, remembering the UTF-8 offset of every UTF-16 unit so that word boundaries
  // map back to the caller's bytes.
  icu::UnicodeString text;
  std::vector<std::size_t> byte_at;
  byte_at.reserve(utf8.size() + 1);
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  // UTF-16 is never longer (in units) than UTF-8 is in bytes: fill the buffer directly.
  char16_t* units = text.getBuffer(length + 1);
  int32_t written = 0;
  for (int32_t i = 0; i < length;) {
    const std::size_t start = static_cast<std::size_t>(i);
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;
    U16_APPEND_UNSAFE(units, written, c);
    byte_at.push_back(start);
    if (U16_LENGTH(c) == 2) byte_at.push_back(start);
  }
  text.releaseBuffer(written);
  byte_at.push_back(utf8.size());

  std::vector<Token> tokens;
  icu::BreakIterator& words = *impl_->words;
  words.setText(text);
  int32_t begin = words.first();
  for (int32_t end = words.next(); end != icu::BreakIterator::DONE;
       begin = end, end = words.next()) {
    if (words.getRuleStatus() == UBRK_WORD_NONE) continue;
    const std::size_t byte_begin = byte_at[static_cast<std::size_t>(begin)];
    const std::size_t byte_end = byte_at[static_cast<std::size_t>(end)];
    std::string term = impl_->fold_word(utf8.substr(byte_begin, byte_end - byte_begin));
    if (term.empty()) continue;
    tokens.push_back(Token{std::move(term), byte_begin, byte_end});
  }
  return tokens;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::nullopt;
}

std::string slugify(std::string_view utf8) {
  std::string folded = is_ascii(utf8) ? std::string(utf8) : TextNormalizer().fold(utf8);
  std::string slug;
  bool pending_dash = false;
  for (char c : folded) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (!alnum) {
      pending_dash = !slug.empty();
      continue;
    }
    if (pending_dash) slug.push_back('-');
    pending_dash = false;
    slug.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  }
  return slug;
}

}  // namespace dossier

namespace dossier {

std::vector<std::pair<std::size_t, std::size_t>> sentence_spans(std::string_view utf8) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  UErrorCode status = U_ZERO_ERROR;
  // "ss=standard": ICU's suppressions, so "U.S. Department" is one sentence.
  std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
  if (U_FAILURE(status)) {
    throw Error(
        ErrorKind::kInternal,
        std::string("ICU: cannot create a sentence break iterator: ") + u_errorName(status));
  }
  // Over UTF-8 text the iterator's offsets are byte offsets.
  UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  if (U_FAILURE(status)) {
    throw Error(ErrorKind::kInternal,
                std::string("ICU: cannot read the text: ") + u_errorName(status));
  }
  sentences->setText(text, status);
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  int32_t begin = sentences->first();
  for (int32_t end = sentences->next(); U_SUCCESS(status) && end != icu::BreakIterator::DONE;
       begin = end, end = sentences->next()) {
    auto from = static_cast<std::size_t>(begin);
    auto to = static_cast<std::size_t>(end);
    while (from < to && is_space(utf8[from])) ++from;
    while (to > from && is_space(utf8[to - 1])) --to;
    if (from < to) spans.emplace_back(from, to);
  }
  utext_close(text);
  // ICU's abbreviations miss dotted initials: "U.S.", "U.N.", "e.g.", and a lone initial ("J.")
  // end no sentence either, so such a sentence runs on into the next.
  auto ends_in_initials = [&](std::pair<std::size_t, std::size_t> span) {
    std::size_t word = span.second;
    while (word > span.first && !is_space(utf8[word - 1])) --word;
    const std::string_view last = utf8.substr(word, span.second - word);
    if (last.size() < 2 || last.back() != '.') return false;
    const std::string_view stem = last.substr(0, last.size() - 1);
    const bool letters_and_dots = std::all_of(stem.begin(), stem.end(), [](char c) {
      return c == '.' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    });
    const bool lone_initial = stem.size() == 1 && stem[0] >= 'A' && stem[0] <= 'Z';
    return letters_and_dots && (stem.find('.') != std::string_view::npos || lone_initial);
  };
  std::vector<std::pair<std::size_t, std::size_t>> joined;
  for (const auto& span : spans) {
    if (!joined.empty() && ends_in_initials(joined.back())) {
      joined.back().second = span.second;
    } else {
      joined.push_back(span);
    }
  }
  return joined;
}

}  // namespace dossier
