// dossier cite ID: a citation of a report or of one paragraph, ready to paste.
#include <cstdlib>
#include <iostream>

#include "cli.h"
#include "corpus/error.h"
#include "searcher/cite.h"
#include "searcher/search.h"

namespace dossier::cli {

void setup_cite(CLI::App& app, Run& run) {
  struct Options {
    std::string id;
    std::string db;
    int paragraph = 0;
    std::string format = "cite";
    std::string accessed;
    std::string base_url;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("cite", "Cite a report or one of its paragraphs");
  command->add_option("id", options->id, "Report id")->required();
  add_db_option(*command, options->db);
  command->add_option("--para", options->paragraph, "Cite this paragraph")
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--format", options->format, "cite (default), bibtex, ris, csl-json or markdown")
      ->check(CLI::IsMember({"cite", "bibtex", "ris", "csl-json", "markdown"}));
  command->add_option("--accessed", options->accessed,
                      "Accessed date, YYYY-MM-DD (default: today)");
  command->add_option("--base-url", options->base_url,
                      "Where the report pages are served (default: $DOSSIER_BASE_URL or "
                      "http://127.0.0.1:8080)");
  command->callback([options, &run] {
    run = [options](const Context& context) {
      CitationOptions cite_options;
      if (options->paragraph > 0) cite_options.paragraph = options->paragraph;
      if (options->accessed.empty()) {
        cite_options.accessed = today();
      } else {
        const auto date = parse_date(options->accessed);
        if (!date || date->day == 0) {
          throw Error(ErrorKind::kInvalidArgument,
                      "--accessed takes a date like 2026-11-30, not \"" + options->accessed + "\"");
        }
        cite_options.accessed = *date;
      }
      cite_options.base_url = options->base_url;
      if (cite_options.base_url.empty()) {
        if (const char* env = std::getenv("DOSSIER_BASE_URL")) cite_options.base_url = env;
      }
      Searcher searcher(resolve_db(options->db), context.gazetteers);
      const Report report = searcher.report(options->id);
      std::cout << cite(report, *citation_format_from(options->format), cite_options);
      return 0;
    };
  });
}

}  // namespace dossier::cli
