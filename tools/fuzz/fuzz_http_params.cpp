// libFuzzer target: request parameters, end to end. The input is a query string
// ("q=..&country=..&page=..") split on '&' and '=', parsed by the request model for every
// endpoint, and a search that parses is run on an index of the sample archive (so filter values
// are resolved and matched too).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "corpus/error.h"
#include "sample_searcher.h"
#include "searcher/request.h"
#include "searcher/search.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dossier::Searcher& searcher = dossier::fuzz::sample_searcher("dossier-fuzz-params-index");
  const std::string text(reinterpret_cast<const char*>(data), size);
  dossier::Parameters params;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(start, end - start);
    const std::size_t equals = pair.find('=');
    params.emplace_back(pair.substr(0, equals),
                        equals == std::string::npos ? "" : pair.substr(equals + 1));
    start = end + 1;
  }
  for (const dossier::Surface surface : {dossier::kHttp, dossier::kCli}) {
    try {
      dossier::SearchRequest request = dossier::parse_search(params, surface).request;
      request.limit = std::min<std::size_t>(request.limit, 3);
      request.offset = std::min<std::size_t>(request.offset, 3);
      searcher.search(request);
    } catch (const dossier::Error&) {
    }
    try {
      dossier::parse_search(params, surface, dossier::Endpoint::kFacets);
    } catch (const dossier::Error&) {
    }
    try {
      dossier::parse_cite(params, surface);
    } catch (const dossier::Error&) {
    }
  }
  return 0;
}
