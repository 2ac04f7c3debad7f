// libFuzzer target: the date parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "corpus/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto date =
      dossier::parse_date(std::string_view(reinterpret_cast<const char*>(data), size));
  if (date) {
    (void)date->iso();
    (void)date->long_form();
  }
  return 0;
}
