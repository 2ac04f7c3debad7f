#pragma once
// Metadata inference: completes an extracted Report from what it says about itself.
#include <string_view>

#include "corpus/gazetteers.h"
#include "corpus/report.h"

namespace dossier {

// Fills year, subject country, series, topics, tier and content hash. `report.published`,
// title, publisher and author must already be set by the extractor.
void infer_metadata(Report& report, const Gazetteers& gazetteers);

// The report id for a file: its name without extension, lower-cased, every run of characters
// outside [a-z0-9_-] replaced by '-' ("us-dos-irf_2021_afghanistan"). Stable across machines,
// runs and moves of the archive.
std::string report_id_for(std::string_view file_name);

}  // namespace dossier
