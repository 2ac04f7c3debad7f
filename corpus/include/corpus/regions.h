#pragma once
// UN M49 regions of a country, from ICU's region data (CLDR).
#include <optional>
#include <string>
#include <string_view>

namespace dossier {

struct UnRegion {
  std::string continent;     // "Asia"
  std::string subcontinent;  // "Central Asia"
};

// For an ISO 3166-1 alpha-2 code; nothing for a code ICU does not place in a region.
std::optional<UnRegion> un_region_of(std::string_view alpha2);

}  // namespace dossier
