# Script mode: writes OUT, a C++ file defining dossier::embedded::SYMBOL from the bytes of IN.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}"
  "// Generated from ${IN}; do not edit.\n#include <string_view>\n"
  "namespace dossier::embedded {\n"
  "static const char kBytes[] = {${bytes} '\\0'};\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}(kBytes, ${byte_count});\n}\n")
