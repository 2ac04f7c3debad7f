#pragma once
// Placements of the Trafficking in Persons Report: the scale, how users write them, and which
// one a report states for its subject country.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "corpus/report.h"

namespace dossier {

// "Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case", in that order.
std::span<const std::string_view> tier_scale();

// A placement as users write it, case-insensitively: its name ("tier 2 watch list", "Tier 2
// Watch list"), its number ("1", "2", "3"), "2WL" or "watch list", "special case". Nothing for
// anything else.
std::optional<std::string_view> resolve_tier(std::string_view text);

// Its place in tier_scale(), or the scale's size for a value not in it.
std::size_t tier_rank(std::string_view tier);

// The placement the report states for its subject country, as a tier_scale() name, or "" when
// it states none. Read from the opening paragraphs of Trafficking in Persons chapters ("Kazakhstan
// (Tier 2 Watch List)") and Factbook entries ("tier rating: Tier 3 - ..."). A report without a
// subject country states none, and neither does a list of placements ("tier rating: | Tier 2
// Watch List: countries that ...; Tier 3: ...", the Factbook's world entry). Needs the report's
// series and subject country.
std::string stated_tier(const Report& report);

}  // namespace dossier
