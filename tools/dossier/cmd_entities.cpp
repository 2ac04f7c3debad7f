// dossier entities FILE...: what the entity tagger finds in files, without indexing them.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "corpus/error.h"
#include "indexer/load_report.h"

namespace dossier::cli {
namespace {

using nlohmann::ordered_json;

Report tag_file(const std::string& path, const Gazetteers& gazetteers) {
  try {
    Report report = load_report(path, gazetteers, LoadOptions{}).report;
    report.source_path = path;  // as the user named it
    return report;
  } catch (const Error& e) {
    throw Error(e.kind(), path + ": " + e.what());
  }
}

// Offsets in the body: the paragraphs joined by a blank line ("\n\n").
std::vector<std::size_t> paragraph_offsets(const Report& report) {
  std::vector<std::size_t> offsets;
  std::size_t at = 0;
  for (const Paragraph& p : report.paragraphs) {
    offsets.push_back(at);
    at += p.text.size() + 2;
  }
  return offsets;
}

ordered_json to_json(const Report& report) {
  const std::vector<std::size_t> offsets = paragraph_offsets(report);
  ordered_json entities = ordered_json::array();
  for (const Entity& e : report.entities) {
    ordered_json spans = ordered_json::array();
    for (const EntitySpan& s : e.spans) {
      const std::size_t base = offsets[static_cast<std::size_t>(s.paragraph - 1)];
      spans.push_back({base + s.begin, base + s.end});
    }
    ordered_json entity = {{"kind", to_string(e.kind)}, {"id", e.id}, {"name", e.name}};
    if (e.kind == EntityKind::kStateBody) entity["country"] = e.country;
    entity["mentions"] = e.spans.size();
    entity["spans"] = std::move(spans);
    entities.push_back(std::move(entity));
  }
  return {{"file", report.source_path},
          {"subject_country",
           report.country_code.empty() ? ordered_json(nullptr) : ordered_json(report.country_code)},
          {"entities", std::move(entities)}};
}

void print_text(const Report& report, std::ostream& out) {
  out << report.source_path << "\n  subject country: "
      << (report.country_code.empty() ? "unknown"
                                      : report.country_name + " [" + report.country_code + "]")
      << "\n";
  for (const Entity& e : report.entities) {
    std::string kind(to_string(e.kind));
    kind.resize(14, ' ');
    out << "  " << kind << e.name;
    if (e.kind == EntityKind::kCountry) out << " [" << e.id << "]";
    if (e.kind == EntityKind::kStateBody && !e.country.empty()) out << " (" << e.country << ")";
    out << " ×" << e.spans.size() << "\n";
  }
}

}  // namespace

void setup_entities(CLI::App& app, Run& run) {
  struct Options {
    std::vector<std::string> files;
    OutputFormat format = OutputFormat::kText;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "entities", "Show the countries, state bodies and organizations found in files (no index)");
  command->add_option("files", options->files, "Report files")->required();
  add_format_option(*command, options->format);
  command->callback([options, &run] {
    run = [options](const Context& context) {
      int failures = 0;
      ordered_json all = ordered_json::array();
      for (const std::string& file : options->files) {
        try {
          const Report report = tag_file(file, context.gazetteers);
          if (options->format == OutputFormat::kJson) {
            all.push_back(to_json(report));
          } else {
            print_text(report, std::cout);
          }
        } catch (const Error& e) {
          std::cerr << "dossier: " << e.what() << "\n";
          ++failures;
        }
      }
      if (options->format == OutputFormat::kJson) {
        const ordered_json& out = options->files.size() == 1 && all.size() == 1 ? all[0] : all;
        std::cout << out.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
      }
      return failures == 0 ? 0 : 5;
    };
  });
}

}  // namespace dossier::cli
