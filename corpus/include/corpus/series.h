#pragma once
// The report series dossier knows, and how a report is assigned to one.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dossier {

struct Series {
  std::string_view slug;   // "tip"
  std::string_view label;  // "Trafficking in Persons Report"
};

// All series, "other" last.
std::span<const Series> all_series();

// By slug, label or a common short name ("TIP", "human rights report", "UPR", "factbook").
std::optional<Series> resolve_series(std::string_view text);

// The series a report belongs to, from its title, publisher and author.
Series classify_series(std::string_view title, std::string_view publisher, std::string_view author);

}  // namespace dossier
