#include "corpus/encoding.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

namespace dossier {
namespace {

// Below this the detector is guessing: better to repair the bytes as UTF-8 and warn.
constexpr int kMinConfidence = 20;

std::string convert(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
  std::string out;
  text.toUTF8String(out);
  (void)status;
  return out;
}

// How many of the text's non-ASCII characters make sense where they stand, read as `charset`:
// typographic punctuation, and accented letters in words with a plausible case (a capital
// starts a word or follows capitals; "rŽsumŽ" and "ÒquotedÓ" do not make sense). ICU's detector
// does not know Mac Roman, whose quotes and accented letters read as such nonsense in
// windows-1252; this tells the two apart.
std::size_t plausible_characters(std::string_view bytes, const char* charset) {
  const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
  std::size_t plausible = 0;
  auto ascii_letter = [](UChar32 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (int32_t i = 0; i < text.length(); ++i) {
    const UChar32 c = text.char32At(i);
    if (c < 0x80) continue;
    const UChar32 before = i > 0 ? text.char32At(i - 1) : ' ';
    const UChar32 after = i + 1 < text.length() ? text.char32At(i + 1) : ' ';
    switch (c) {
      case 0x2018:
      case 0x2019:
      case 0x201C:
      case 0x201D:
      case 0x2013:
      case 0x2014:
      case 0x2026:
      case 0x00AB:
      case 0x00BB:
      case 0x2022:
        ++plausible;
        continue;
      default:
        break;
    }
    if (!u_isalpha(c)) continue;
    const bool upper = u_isupper(c);
    if (ascii_letter(before)) {
      // Inside a word: a small letter before no capital, a capital only after capitals.
      if (upper ? u_isupper(before) : !u_isupper(after)) ++plausible;
    } else if (ascii_letter(after)) {
      // Starting a word: before small letters, or a capital in an all-capital word.
      if (u_islower(after) || (upper && u_isupper(after))) ++plausible;
    }
  }
  return plausible;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};

}  // namespace

DecodedText decode_text(std::string_view bytes) {
  DecodedText out;
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  struct Mark {
    std::string_view bytes;
    const char* charset;
  };
  // UTF-32 marks first: the UTF-32LE mark begins with the UTF-16LE one.
  for (const Mark& mark : {Mark{std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
                           Mark{std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
                           Mark{std::string_view("\xFF\xFE", 2), "UTF-16LE"},
                           Mark{std::string_view("\xFE\xFF", 2), "UTF-16BE"}}) {
    if (bytes.starts_with(mark.bytes)) {
      out.utf8 = convert(bytes.substr(mark.bytes.size()), mark.charset);
      out.charset = mark.charset;
      out.converted = true;
      return out;
    }
  }
  // Valid UTF-8 is taken as it is. So is text with many valid multi-byte sequences and few
  // invalid bytes: that is UTF-8 with damage, not a legacy encoding (where valid sequences only
  // happen by chance), and the caller repairs it. Asking the detector would turn every "é" of it
  // into "Ã©".
  out.charset = "UTF-8";
  std::size_t valid_multibyte = 0;
  std::size_t invalid = 0;
  const auto* units = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(units, i, length, c);
    if (c < 0) {
      ++invalid;
    } else if (i - start > 1) {
      ++valid_multibyte;
    }
  }
  if (valid_multibyte >= 2 * invalid) {  // also when nothing is invalid
    out.utf8 = std::string(bytes);
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_SUCCESS(status)) {
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
    if (U_SUCCESS(status) && match != nullptr) {
      const char* name = ucsdet_getName(match, &status);
      const int confidence = ucsdet_getConfidence(match, &status);
      if (U_SUCCESS(status) && name != nullptr && confidence >= kMinConfidence &&
          std::string_view(name) != "UTF-8") {
        const std::string_view detected(name);
        if ((detected == "ISO-8859-1" || detected == "windows-1252") &&
            plausible_characters(bytes, "macintosh") >
                plausible_characters(bytes, "windows-1252") * 3 / 2 + 1) {
          name = "macintosh";
        }
        out.utf8 = convert(bytes, name);
        out.charset = name;
        out.converted = true;
        out.confidence = confidence;
        return out;
      }
    }
  }
  out.utf8 = std::string(bytes);  // mostly UTF-8 with stray bytes: the caller repairs
  return out;
}

}  // namespace dossier
