#include "cli.h"

#include <cstdlib>

namespace dossier::cli {

std::filesystem::path resolve_db(const std::string& db_option) {
  if (!db_option.empty()) return db_option;
  if (const char* env = std::getenv("DOSSIER_DB"); env != nullptr && *env != '\0') return env;
  return "dossier-index";
}

void add_db_option(CLI::App& command, std::string& db) {
  command.add_option("--db", db, "Index folder (default: $DOSSIER_DB or ./dossier-index)");
}

void add_format_option(CLI::App& command, OutputFormat& format) {
  const std::map<std::string, OutputFormat> formats{{"text", OutputFormat::kText},
                                                    {"json", OutputFormat::kJson}};
  command.add_option("--format", format, "Output format: text or json")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
}

}  // namespace dossier::cli
