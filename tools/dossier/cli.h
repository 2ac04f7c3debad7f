#pragma once
// Shared pieces of the dossier subcommands. Each subcommand has a setup_x() that declares its
// options on the CLI11 app and stores a run function; main() runs the chosen one.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "corpus/gazetteers.h"
#include "searcher/request.h"
#include "searcher/search.h"

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

// Where a reading subcommand finds the index: --db (an index folder or a stub of shards), and
// --shard-timeout for its remote shards.
struct ReadIndexOptions {
  std::string db;
  double shard_timeout_seconds = std::chrono::duration<double>(kDefaultShardTimeout).count();
};
void add_read_index_options(CLI::App& command, ReadIndexOptions& options);
Searcher open_searcher(const ReadIndexOptions& options, const Gazetteers& gazetteers);
std::chrono::milliseconds shard_timeout_of(const ReadIndexOptions& options);

enum class OutputFormat { kText, kJson };
void add_format_option(CLI::App& command, OutputFormat& format);

// Declares an option for every command-line parameter of `endpoint` (searcher/request.h): the
// query as the command's arguments, "--name VALUE" (repeatable where the parameter is),
// booleans as flags ("--collapse", "--no-facets"), older names as aliases. Returns what gives,
// once the command line is parsed, the name-value pairs the user wrote, for parse_search() or
// parse_cite(): the command line and HTTP share one parser.
using GivenParameters = std::function<Parameters()>;
GivenParameters add_request_options(CLI::App& command, Endpoint endpoint);

// The base URL for links in citations and exports: --base-url, else $DOSSIER_BASE_URL.
std::string resolve_base_url(const std::string& base_url_option);
void add_base_url_option(CLI::App& command, std::string& base_url);

void setup_index(CLI::App& app, Run& run);
void setup_search(CLI::App& app, Run& run);
void setup_show(CLI::App& app, Run& run);
void setup_stats(CLI::App& app, Run& run);
void setup_entities(CLI::App& app, Run& run);
void setup_serve(CLI::App& app, Run& run);
void setup_cite(CLI::App& app, Run& run);
void setup_similar(CLI::App& app, Run& run);
void setup_facts(CLI::App& app, Run& run);

}  // namespace dossier::cli
