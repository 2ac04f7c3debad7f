#pragma once
// UN M49 regions of a country, from ICU's region data (CLDR).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

struct UnRegion {
  std::string continent;     // "Asia"
  std::string subcontinent;  // "Central Asia"
};

// For an ISO 3166-1 alpha-2 code; nothing for a code ICU does not place in a region.
std::optional<UnRegion> un_region_of(std::string_view alpha2);

// Every continent ("Africa", "Americas", ...) and every sub-region ("Central Asia", ...) that
// countries are placed in, as un_region_of() names them, sorted.
std::vector<std::string> un_continents();
std::vector<std::string> un_subcontinents();

}  // namespace dossier
