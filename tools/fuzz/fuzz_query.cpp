// libFuzzer target: query handling, end to end, on an index of the sample archive.
#include <cstddef>
#include <cstdint>
#include <string>

#include "corpus/error.h"
#include "sample_searcher.h"
#include "searcher/search.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dossier::Searcher& searcher = dossier::fuzz::sample_searcher("dossier-fuzz-query-index");
  dossier::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data), size);
  request.limit = 3;
  request.passages = 2;
  try {
    searcher.search(request);
  } catch (const dossier::Error&) {
    // A bad query is refused with a message: fine.
  }
  return 0;
}
