#include "corpus/series.h"

#include <array>
#include <vector>

#include "corpus/normalize.h"

namespace dossier {
namespace {

struct SeriesRule {
  Series series;
  // Slug-form phrases: a report belongs to the series when its title's slug contains one
  // (or, for title-less hints, its publisher's or author's slug does).
  std::vector<std::string_view> title_phrases;
  std::vector<std::string_view> aliases;  // slug-form short names users type
};

const std::vector<SeriesRule>& rules() {
  static const std::vector<SeriesRule> kRules = {
      {{"tip", "Trafficking in Persons Report"},
       {"trafficking-in-persons-report", "tip-report"},
       {"tip", "trafficking-in-persons", "trafficking-in-persons-report"}},
      {{"hrr", "Country Reports on Human Rights Practices"},
       {"human-rights-report", "country-reports-on-human-rights-practices",
        "country-report-on-human-rights-practices"},
       {"hrr", "human-rights-report", "human-rights-reports", "country-reports",
        "human-rights-practices"}},
      {{"irf", "International Religious Freedom Report"},
       {"international-religious-freedom"},
       {"irf", "religious-freedom", "religious-freedom-report"}},
      {{"upr", "Universal Periodic Review"},
       {"universal-periodic-review"},
       {"upr", "periodic-review"}},
      {{"wfb", "World Factbook"}, {"world-factbook"}, {"wfb", "factbook", "cia-world-factbook"}},
      {{"other", "Other reports"}, {}, {"other"}},
  };
  return kRules;
}

bool contains_phrase(const std::string& slug, std::string_view phrase) {
  // Match whole slug words: "-phrase-" within "-slug-".
  const std::string haystack = "-" + slug + "-";
  return haystack.find("-" + std::string(phrase) + "-") != std::string::npos;
}

}  // namespace

std::span<const Series> all_series() {
  static const std::vector<Series> kAll = [] {
    std::vector<Series> out;
    for (const SeriesRule& rule : rules()) out.push_back(rule.series);
    return out;
  }();
  return kAll;
}

std::optional<Series> resolve_series(std::string_view text) {
  const std::string slug = slugify(text);
  for (const SeriesRule& rule : rules()) {
    if (slug == rule.series.slug || slug == slugify(rule.series.label)) return rule.series;
    for (std::string_view alias : rule.aliases) {
      if (slug == alias) return rule.series;
    }
  }
  return std::nullopt;
}

Series classify_series(std::string_view title, std::string_view publisher,
                       std::string_view author) {
  const std::string title_slug = slugify(title);
  for (const SeriesRule& rule : rules()) {
    for (std::string_view phrase : rule.title_phrases) {
      if (contains_phrase(title_slug, phrase)) return rule.series;
    }
  }
  // Titles that do not name their series: fall back on who wrote them.
  const std::string author_slug = slugify(author);
  const std::string publisher_slug = slugify(publisher);
  if (contains_phrase(author_slug, "office-to-monitor-and-combat-trafficking-in-persons")) {
    return rules()[0].series;
  }
  if (contains_phrase(author_slug, "office-of-international-religious-freedom")) {
    return rules()[2].series;
  }
  if (contains_phrase(author_slug, "working-group-on-the-universal-periodic-review")) {
    return rules()[3].series;
  }
  if (contains_phrase(publisher_slug, "central-intelligence-agency") &&
      contains_phrase(title_slug, "factbook")) {
    return rules()[4].series;
  }
  return rules().back().series;
}

}  // namespace dossier
