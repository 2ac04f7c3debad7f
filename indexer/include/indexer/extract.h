#pragma once
// Format extractors: bytes of one file -> a Report with the fields its layout states.
// Inference of what the layout does not state (year, country, series, topics) is metadata.h's job.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/report.h"

namespace dossier {

struct Extraction {
  Report report;
  std::vector<std::string> warnings;  // repaired problems, each naming what and where
};

// One small interface per input format.
class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual std::string_view name() const = 0;
  // Whether this extractor reads files like `path`.
  virtual bool accepts(const std::filesystem::path& path) const = 0;
  // Throws Error{kBadInput} with the reason when the bytes cannot be a report.
  virtual Extraction extract(std::string_view bytes) const = 0;
};

// Text reports: the Refworld layout (title; Publisher, Author, Publication Date, Cite as lines;
// Last Updated and Disclaimer; a trailing "Search Refworld"), Markdown, and plain text whose
// first line is its title. Accepts .txt, .text, .md, .markdown and files with no extension.
class TextReportExtractor final : public Extractor {
 public:
  std::string_view name() const override { return "text"; }
  bool accepts(const std::filesystem::path& path) const override;
  Extraction extract(std::string_view bytes) const override;
};

// PDF reports, read with poppler: each page's words laid out into paragraphs with their pages,
// the page furniture and the table of contents left out, footnotes kept apart (pdf_layout.h);
// title, document symbol and issue date from the first page, not from the Info dictionary.
// Accepts .pdf. Scanned, encrypted and damaged files are errors that say which.
class PdfReportExtractor final : public Extractor {
 public:
  std::string_view name() const override { return "pdf"; }
  bool accepts(const std::filesystem::path& path) const override;
  Extraction extract(std::string_view bytes) const override;
};

// The extractor for a path, or nullptr when no format is known for it.
const Extractor* find_extractor(const std::filesystem::path& path);

}  // namespace dossier
