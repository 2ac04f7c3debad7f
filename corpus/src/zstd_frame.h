#pragma once
// One zstd frame of some bytes, as the index stores reports and facet-value snapshots.
#include <string>
#include <string_view>

namespace dossier {

// `data` as one zstd frame at `level`. Throws Error{kInternal} if zstd fails.
std::string zstd_frame(std::string_view data, int level);

}  // namespace dossier
