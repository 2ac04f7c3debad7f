#pragma once
// Shared pieces of the dossier subcommands. Each subcommand has a setup_x() that declares its
// options on the CLI11 app and stores a run function; main() runs the chosen one.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "corpus/gazetteers.h"

namespace dossier::cli {

// What a subcommand needs at run time; built once in main().
struct Context {
  const Gazetteers& gazetteers;
  bool stdout_is_terminal;
  bool stderr_is_terminal;
};

using Run = std::function<int(const Context&)>;

// The index location: --db if given, else $DOSSIER_DB, else ./dossier-index.
std::filesystem::path resolve_db(const std::string& db_option);
// Adds the --db option every index-reading or -writing subcommand takes.
void add_db_option(CLI::App& command, std::string& db);

enum class OutputFormat { kText, kJson };
void add_format_option(CLI::App& command, OutputFormat& format);

void setup_index(CLI::App& app, Run& run);
void setup_search(CLI::App& app, Run& run);
void setup_show(CLI::App& app, Run& run);
void setup_stats(CLI::App& app, Run& run);
void setup_entities(CLI::App& app, Run& run);
void setup_serve(CLI::App& app, Run& run);
void setup_cite(CLI::App& app, Run& run);

}  // namespace dossier::cli
