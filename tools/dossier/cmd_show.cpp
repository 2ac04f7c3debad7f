// dossier show ID: one report with its metadata and numbered paragraphs.
#include <iostream>

#include "cli.h"
#include "searcher/render.h"
#include "searcher/search.h"

namespace dossier::cli {

void setup_show(CLI::App& app, Run& run) {
  struct Options {
    std::string id;
    ReadIndexOptions index;
    OutputFormat format = OutputFormat::kText;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      app.add_subcommand("show", "Print one report: metadata and numbered paragraphs");
  command->add_option("id", options->id, "Report id (as search prints it)")->required();
  add_read_index_options(*command, options->index);
  add_format_option(*command, options->format);
  command->callback([options, &run] {
    run = [options](const Context& context) {
      Searcher searcher = open_searcher(options->index, context.gazetteers);
      const Report report = searcher.report(options->id);
      const ReportCopies copies{searcher.identical_copies(options->id),
                                searcher.copies(options->id)};
      if (options->format == OutputFormat::kJson) {
        std::cout << render_report_json(report, {}, copies) << "\n";
      } else {
        render_report_text(report, copies, std::cout);
      }
      return 0;
    };
  });
}

}  // namespace dossier::cli
