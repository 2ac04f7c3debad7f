// dossier similar ID: the reports most like one, as search hits.
#include <iostream>

#include "cli.h"
#include "searcher/render.h"
#include "searcher/request.h"
#include "searcher/search.h"

namespace dossier::cli {

void setup_similar(CLI::App& app, Run& run) {
  struct Options {
    std::string id;
    ReadIndexOptions index;
    GivenParameters given;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "similar", "Reports like one (by its most distinctive words), not its identical copies");
  command->add_option("id", options->id, "Report id (as search prints it)")->required();
  options->given = add_request_options(*command, Endpoint::kSimilar);
  add_read_index_options(*command, options->index);
  command->callback([options, &run] {
    run = [options](const Context& context) {
      const SimilarCall call = parse_similar(options->given(), kCli);
      Searcher searcher = open_searcher(options->index, context.gazetteers);
      const std::vector<Hit> hits = searcher.similar(options->id, call.limit);
      if (call.format == ResultFormat::kJson) {
        std::cout << render_similar_json(options->id, hits) << "\n";
      } else {
        TextStyle style;
        style.marks = context.stdout_is_terminal ? MarkStyle::kAnsi : MarkStyle::kAsterisks;
        render_similar_text(options->id, hits, style, std::cout);
      }
      return 0;
    };
  });
}

}  // namespace dossier::cli
