#include "corpus/regions.h"

#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

namespace dossier {
namespace {

std::string english_name(const icu::Region& region) {
  icu::UnicodeString name;
  icu::Locale("", region.getRegionCode()).getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  return out;
}

std::vector<std::string> names_of(URegionType type) {
  std::vector<std::string> names;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> codes(icu::Region::getAvailable(type, status));
  if (U_FAILURE(status) || codes == nullptr) return names;
  while (const char* code = codes->next(nullptr, status)) {
    if (U_FAILURE(status)) break;
    const icu::Region* region = icu::Region::getInstance(code, status);
    if (U_FAILURE(status) || region == nullptr) break;
    names.push_back(english_name(*region));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

std::vector<std::string> un_continents() {
  return names_of(URGN_CONTINENT);
}

std::vector<std::string> un_subcontinents() {
  return names_of(URGN_SUBCONTINENT);
}

std::optional<UnRegion> un_region_of(std::string_view alpha2) {
  if (alpha2.size() != 2) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const std::string code(alpha2);
  const icu::Region* region = icu::Region::getInstance(code.c_str(), status);
  if (U_FAILURE(status) || region == nullptr) return std::nullopt;
  const icu::Region* subcontinent = region->getContainingRegion(URGN_SUBCONTINENT);
  const icu::Region* continent = region->getContainingRegion(URGN_CONTINENT);
  if (subcontinent == nullptr || continent == nullptr) return std::nullopt;
  return UnRegion{english_name(*continent), english_name(*subcontinent)};
}

}  // namespace dossier
