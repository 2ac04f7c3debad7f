// dossier stats: the index's size, report count and facet overview.
#include <iostream>

#include "cli.h"
#include "searcher/render.h"
#include "searcher/search.h"

namespace dossier::cli {

void setup_stats(CLI::App& app, Run& run) {
  struct Options {
    ReadIndexOptions index;
    OutputFormat format = OutputFormat::kText;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("stats", "Summarize the index: size, reports, facets");
  add_read_index_options(*command, options->index);
  add_format_option(*command, options->format);
  command->callback([options, &run] {
    run = [options](const Context& context) {
      Searcher searcher = open_searcher(options->index, context.gazetteers);
      const IndexStats stats = searcher.stats();
      if (options->format == OutputFormat::kJson) {
        std::cout << render_stats_json(stats) << "\n";
      } else {
        render_stats_text(stats, TextStyle{}, std::cout);
      }
      return 0;
    };
  });
}

}  // namespace dossier::cli
