#pragma once
// Metadata inference: completes an extracted Report from what it says about itself.
#include <string_view>
#include <vector>

#include "corpus/gazetteers.h"
#include "corpus/normalize.h"
#include "corpus/report.h"

namespace dossier {

enum class EntityTagging { kOn, kOff };

// Fills year, subject country and its UN regions, series, topics, tier, content hash and (with
// tagging on) the named entities. `report.published`, title, publisher and author must already
// be set by the extractor. Returns each paragraph's tokens (TextNormalizer::tokenize), made once
// for the topic rules, the tagger and the index.
std::vector<std::vector<Token>> infer_metadata(Report& report, const Gazetteers& gazetteers,
                                               EntityTagging tagging = EntityTagging::kOn);

// The report id for a file: its name without extension, lower-cased, every run of characters
// outside [a-z0-9_-] replaced by '-' ("us-dos-irf_2021_afghanistan"). Stable across machines,
// runs and moves of the archive.
std::string report_id_for(std::string_view file_name);

}  // namespace dossier
