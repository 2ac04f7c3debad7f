// libFuzzer target: HTTP query parameters -> a search request. The input is a query string
// ("q=..&country=..&page=..") split on '&' and '='.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api_request.h"
#include "corpus/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  dossier::Params params;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(start, end - start);
    const std::size_t equals = pair.find('=');
    params.emplace(pair.substr(0, equals),
                   equals == std::string::npos ? "" : pair.substr(equals + 1));
    start = end + 1;
  }
  try {
    dossier::search_request_from(params);
  } catch (const dossier::Error&) {
  }
  return 0;
}
