// dossier facts --country KZ: the trafficking facts a country's reports state (tiers by year,
// roles, flows), each with the report and paragraph that states it.
#include <iostream>

#include "cli.h"
#include "searcher/render.h"
#include "searcher/request.h"
#include "searcher/search.h"

namespace dossier::cli {

void setup_facts(CLI::App& app, Run& run) {
  struct Options {
    ReadIndexOptions index;
    GivenParameters given;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "facts",
      "A country's trafficking facts: tiers by year, roles, and flows, with their sentences");
  options->given = add_request_options(*command, Endpoint::kCountry);
  add_read_index_options(*command, options->index);
  command->callback([options, &run] {
    run = [options](const Context& context) {
      const CountryCall call = parse_country(options->given(), kCli);
      Searcher searcher = open_searcher(options->index, context.gazetteers);
      const CountryFacts facts = searcher.country_facts(call.country, call.years);
      if (call.format == ResultFormat::kJson) {
        std::cout << render_country_facts_json(facts) << "\n";
      } else {
        render_country_facts_text(facts, std::cout);
      }
      return 0;
    };
  });
}

}  // namespace dossier::cli
