#pragma once
// Citation keys a reader recognizes: who published the report, when, in which series, about
// which country ("usdos2004tipKazakhstan"). The base key is a function of the report alone; the
// index stores it (schema field "key") so the searcher can tell reports that share one apart
// (Searcher::citation_key, docs/design.md "Citation keys").
#include <cstddef>
#include <string>
#include <string_view>

#include "corpus/report.h"

namespace dossier {

// The publisher's initials (the author's when there is no publisher; "the" and "and" left
// out), the entry's year (the publication's, else the year covered), the series slug (none
// for "other") and the country's name in CamelCase ASCII (the report id when it has no
// country). ASCII letters and digits only, so it is a valid key for BibTeX, CSL and pandoc.
std::string citation_base_key(const Report& report);

// The key of the `rank`-th report (0-based) among those sharing a base key, ordered by
// publication date and then id: the first keeps the base key, the second gets "-b", the third
// "-c", ... up to "-z", then "-27", "-28", ... (as author-date styles tell apart works of one
// year: 2010, 2010b).
std::string disambiguated_key(std::string_view base_key, std::size_t rank);

}  // namespace dossier
