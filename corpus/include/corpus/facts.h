#pragma once
// Trafficking facts a report states about its subject country (ReportFacts, corpus/report.h):
// its Trafficking in Persons tier placements, its roles (source, transit, destination) and the
// flows of people trafficked from one place to another, each with the sentence it comes from.
// Read from sentence structure and the country table's names and demonyms, never from a report's
// id.
//
// Threading: extract_facts() is a pure function of its arguments.
#include <string>
#include <vector>

#include "corpus/countries.h"
#include "corpus/report.h"

namespace dossier {

// The facts `report` states about its subject country (Report::country_code); none for a report
// without one. Each fact once per report, with the first sentence stating it; by sentence in
// text order (within one sentence, tiers in the order of the rules that found them).
ReportFacts extract_facts(const Report& report, const CountryTable& countries);

// The purposes a flow may state, in this order.
const std::vector<std::string>& flow_purposes();

// The regions a flow may name as its origin or destination ("Middle East", "Western Europe"),
// sorted.
const std::vector<std::string>& flow_regions();

}  // namespace dossier
