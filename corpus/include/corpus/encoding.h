#pragma once
// Bytes of a text file -> UTF-8: byte order marks read, legacy encodings (windows-1251,
// windows-1252, ISO-8859-x, KOI8-R, ...) detected with ICU's charset detector and converted.
#include <string>
#include <string_view>

namespace dossier {

struct DecodedText {
  std::string utf8;
  std::string charset;     // what the bytes were: "UTF-8", "UTF-16LE", "windows-1251", ...
  bool converted = false;  // true when the bytes were not UTF-8 and were converted
  int confidence = 100;    // the detector's confidence (0-100) when it had to guess
};

// Text that is valid UTF-8 (with or without a byte order mark) is returned as it is, less the
// mark. UTF-16 and UTF-32 with a byte order mark are converted. Other text is converted from
// the encoding ICU detects, when it detects one with some confidence; otherwise the bytes are
// returned unchanged with charset "UTF-8" for the caller to repair or reject.
DecodedText decode_text(std::string_view bytes);

}  // namespace dossier
