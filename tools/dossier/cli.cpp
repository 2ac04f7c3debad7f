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

void add_read_index_options(CLI::App& command, ReadIndexOptions& options) {
  command.add_option("--db", options.db,
                     "Index folder, or a stub listing shards (default: $DOSSIER_DB or "
                     "./dossier-index)");
  command
      .add_option("--shard-timeout", options.shard_timeout_seconds,
                  "Seconds a remote shard may take to connect or to answer before the command "
                  "fails naming it")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 3600.0));
}

std::chrono::milliseconds shard_timeout_of(const ReadIndexOptions& options) {
  return std::chrono::milliseconds(
      static_cast<std::chrono::milliseconds::rep>(options.shard_timeout_seconds * 1000 + 0.5));
}

Searcher open_searcher(const ReadIndexOptions& options, const Gazetteers& gazetteers) {
  return Searcher(resolve_db(options.db), gazetteers, nullptr, shard_timeout_of(options));
}

void add_format_option(CLI::App& command, OutputFormat& format) {
  const std::map<std::string, OutputFormat> formats{{"text", OutputFormat::kText},
                                                    {"json", OutputFormat::kJson}};
  command.add_option("--format", format, "Output format: text or json")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
}

GivenParameters add_request_options(CLI::App& command, Endpoint endpoint) {
  struct Given {
    const ParameterSpec* spec;
    std::vector<std::string> values;  // as CLI11 collects them
    bool flag = false;                // booleans: whether the flag was given
  };
  // One slot per parameter, owned by the closure: CLI11 writes into it while parsing.
  auto given = std::make_shared<std::vector<Given>>();
  given->reserve(parameters(endpoint).size());
  for (const ParameterSpec& spec : parameters(endpoint)) {
    if ((spec.surfaces & kCli) == 0) continue;
    given->push_back({&spec, {}, false});
    Given& slot = given->back();
    std::string help = spec.help;
    if (!spec.default_value.empty() && spec.type != ParameterType::kBoolean) {
      help += " (default: " + spec.default_value + ")";
    }
    if (spec.cli_positional) {
      command.add_option("query", slot.values, help);
      continue;
    }
    if (spec.type == ParameterType::kBoolean) {
      // A flag says the opposite of the default.
      const bool on_by_default = spec.default_value == "true";
      command.add_flag(
          on_by_default ? "--no-" + cli_option(spec.name).substr(2) : cli_option(spec.name),
          slot.flag, help);
      continue;
    }
    std::string names = cli_option(spec.name);
    for (const std::string& alias : spec.aliases) names += "," + cli_option(alias);
    if (!spec.cli_short.empty()) names += ",-" + spec.cli_short;
    CLI::Option* option = command.add_option(names, slot.values, help);
    if (!spec.cli_flag_value.empty()) {
      option->expected(0, 1);  // a bare "--passages" means cli_flag_value
    }
  }
  return [given] {
    Parameters pairs;
    for (const Given& slot : *given) {
      const ParameterSpec& spec = *slot.spec;
      if (spec.type == ParameterType::kBoolean) {
        if (slot.flag)
          pairs.emplace_back(spec.name, spec.default_value == "true" ? "false" : "true");
        continue;
      }
      if (spec.cli_positional) {
        std::string words;
        for (const std::string& word : slot.values) words += (words.empty() ? "" : " ") + word;
        if (!slot.values.empty()) pairs.emplace_back(spec.name, words);
        continue;
      }
      for (const std::string& value : slot.values) {
        pairs.emplace_back(
            spec.name, value.empty() && !spec.cli_flag_value.empty() ? spec.cli_flag_value : value);
      }
    }
    return pairs;
  };
}

std::string resolve_base_url(const std::string& base_url_option) {
  if (!base_url_option.empty()) return base_url_option;
  if (const char* env = std::getenv("DOSSIER_BASE_URL"); env != nullptr) return env;
  return {};
}

void add_base_url_option(CLI::App& command, std::string& base_url) {
  command.add_option("--base-url", base_url,
                     "Where the report pages are served (https://...): citations and exports "
                     "then link them beside the original (default: $DOSSIER_BASE_URL; without "
                     "either, the original only)");
}

}  // namespace dossier::cli
