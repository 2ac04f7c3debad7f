// dossier cite ID: a citation of a report or of one paragraph, ready to paste.
#include <iostream>

#include "cli.h"
#include "searcher/cite.h"
#include "searcher/request.h"
#include "searcher/search.h"

namespace dossier::cli {

void setup_cite(CLI::App& app, Run& run) {
  struct Options {
    std::string id;
    std::string db;
    std::string base_url;
    GivenParameters given;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("cite", "Cite a report or one of its paragraphs");
  command->add_option("id", options->id, "Report id")->required();
  options->given = add_request_options(*command, Endpoint::kCite);
  add_db_option(*command, options->db);
  add_base_url_option(*command, options->base_url);
  command->callback([options, &run] {
    run = [options](const Context& context) {
      const CiteCall call = parse_cite(options->given(), kCli);
      CitationOptions cite_options;
      cite_options.paragraph = call.paragraph;
      cite_options.accessed = call.accessed.value_or(today());
      cite_options.base_url = resolve_base_url(options->base_url);
      cite_options.link = call.link.value_or(default_link(!cite_options.base_url.empty()));
      Searcher searcher(resolve_db(options->db), context.gazetteers);
      const Report report = searcher.report(options->id);
      std::cout << cite(report, call.format, cite_options);
      return 0;
    };
  });
}

}  // namespace dossier::cli
