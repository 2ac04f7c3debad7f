#include "corpus/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <memory>

#include "corpus/normalize.h"

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
  out.charset = "UTF-8";
  if (!find_invalid_utf8(bytes)) {
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
