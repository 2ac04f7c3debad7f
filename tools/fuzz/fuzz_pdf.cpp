// libFuzzer target: the PDF extractor (poppler and the layout over its words) on any bytes.
// Any input may be rejected with an Error; none may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "corpus/error.h"
#include "indexer/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    dossier::PdfReportExtractor().extract(
        std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const dossier::Error&) {
  }
  return 0;
}
