// libFuzzer target: the text report extractor and metadata inference on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "corpus/error.h"
#include "corpus/gazetteers.h"
#include "indexer/extract.h"
#include "indexer/metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const dossier::Gazetteers gazetteers = dossier::Gazetteers::load();
  try {
    dossier::Extraction e = dossier::TextReportExtractor().extract(
        std::string_view(reinterpret_cast<const char*>(data), size));
    dossier::infer_metadata(e.report, gazetteers);
  } catch (const dossier::Error&) {
    // A reported bad input is the expected outcome for most bytes.
  }
  return 0;
}
