#pragma once
// The stored form of a report: the index keeps each report whole in the Xapian document's data,
// so the searcher can show and cite it without the source file. The data is one zstd frame of
// the header's length (4 bytes, little-endian), the header in MessagePack (metadata, and each
// paragraph's number, kind, byte length, pages and nesting) and the paragraph texts back to back;
// then, when the report has entities or facts, a second zstd frame of its entities in MessagePack
// (an empty list when it has none); then, when it has facts, a third of them.
#include <memory>
#include <string>
#include <string_view>

#include "corpus/report.h"

namespace dossier {

// Bumped whenever extraction or the stored form changes (10: document symbols, and each report's
// citation key as a term; 11: PDF reports, each paragraph's pages, footnotes, nested items; 13:
// trafficking facts; 14: the flow fields, and the tagging and facts rules that came with them);
// an index written with another version is re-indexed in full by the next run.
inline constexpr int kReportFormatVersion = 14;
// The index metadata key that records the version its reports were stored with.
inline constexpr std::string_view kReportFormatKey = "dossier.report_format";

std::string encode_report(const Report& report);
enum class ReportParts { kAll, kWithoutEntities };
// Throws Error{kIndexCorrupt} when the data is not a stored report. kWithoutEntities leaves
// Report::entities and Report::facts empty and skips reading them (a large share of a long
// report's header).
Report decode_report(std::string_view data, ReportParts parts = ReportParts::kAll);

// decode_report for many reports in a row: keeps its decompression context and buffer between
// reports (setting up a zstd context costs about as much as decompressing a short report).
// Not thread-safe; one per thread.
class ReportDecoder {
 public:
  ReportDecoder();
  ~ReportDecoder();
  ReportDecoder(ReportDecoder&&) noexcept;
  ReportDecoder& operator=(ReportDecoder&&) noexcept;

  Report decode(std::string_view data, ReportParts parts = ReportParts::kAll);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier
