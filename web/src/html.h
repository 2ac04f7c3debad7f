#pragma once
// HTML made on the server: the escaper, and the report page's head for reference managers.
#include <string>
#include <string_view>

#include "corpus/report.h"

namespace dossier {

// Text and attribute values: & < > " ' escaped.
std::string html_escape(std::string_view text);

// The page shell with a report's <title> and Highwire Press citation_* meta tags (read by
// Zotero's and Mendeley's browser connectors) put into its head.
std::string report_page(std::string_view shell, const Report& report, const std::string& base_url);

}  // namespace dossier
