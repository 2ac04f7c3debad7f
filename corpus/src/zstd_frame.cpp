#include "zstd_frame.h"

#include <zstd.h>

#include "corpus/error.h"

namespace dossier {

std::string zstd_frame(std::string_view data, int level) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
  if (ZSTD_isError(size)) {
    throw Error(ErrorKind::kInternal, std::string("zstd: ") + ZSTD_getErrorName(size));
  }
  out.resize(size);
  return out;
}

}  // namespace dossier
