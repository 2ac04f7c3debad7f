#pragma once
// The stored form of a report: the index keeps each report whole in the Xapian document's data,
// so the searcher can show and cite it without the source file. The data is a one-line JSON
// header (metadata, entities, and each paragraph's number, kind and byte length), a newline,
// and the paragraph texts back to back, compressed as one zstd frame.
#include <string>
#include <string_view>

#include "corpus/report.h"

namespace dossier {

// Bumped whenever extraction or the stored form changes; an index written with another version
// is re-indexed in full by the next run.
inline constexpr int kReportFormatVersion = 4;

std::string encode_report(const Report& report);
// Throws Error{kIndexCorrupt} when the data is not a stored report.
Report decode_report(std::string_view data);

}  // namespace dossier
