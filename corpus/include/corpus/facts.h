#pragma once
// Trafficking facts a report states about its subject country: its Trafficking in Persons tier
// placements, its roles (source, transit, destination) and the flows of people trafficked from
// one place to another, each with the sentence it comes from. Read from sentence structure and
// the country table's names and demonyms, never from a report's id.
//
// Threading: extract_facts() is a pure function of its arguments.
#include <cstddef>
#include <string>
#include <vector>

#include "corpus/countries.h"
#include "corpus/report.h"

namespace dossier {

// Where a fact is stated: the paragraph (an index into Report::paragraphs) and the byte span of
// the sentence (or, in a semicolon-joined Factbook line, the clause) in its text.
struct FactSource {
  std::size_t paragraph = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct TierFact {
  std::string tier;  // a tier_scale() name
  int year = 0;      // the year the placement applies to
  FactSource source;
};

struct RoleFact {
  std::string role;  // "source", "transit" or "destination"
  int year = 0;
  FactSource source;
};

// A place of a flow: an ISO 3166-1 alpha-2 code ("KZ"), a region by name ("Middle East",
// "Western Europe", "Gulf states"), or another place as the text names it, after a '?'
// ("?abroad", "?neighboring countries").
struct FlowFact {
  std::string from;
  std::string to;
  std::vector<std::string> purposes;  // "sexual exploitation", "forced labor", ... as stated
  std::vector<std::string> who;       // "women", "men", "children", "girls", "boys" as stated
  int year = 0;
  FactSource source;
};

struct ReportFacts {
  std::vector<TierFact> tiers;
  std::vector<RoleFact> roles;
  std::vector<FlowFact> flows;
  bool empty() const { return tiers.empty() && roles.empty() && flows.empty(); }
};

// The facts `report` states about its subject country (Report::country_code); none for a report
// without one. Each fact once per report (the first sentence stating it), in text order.
ReportFacts extract_facts(const Report& report, const CountryTable& countries);

// The purposes a flow may state, in this order.
const std::vector<std::string>& flow_purposes();

}  // namespace dossier
