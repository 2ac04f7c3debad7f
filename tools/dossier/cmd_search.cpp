// dossier search QUERY [filters]: keyword search with facets.
#include <iostream>

#include "cli.h"
#include "searcher/export.h"
#include "searcher/render.h"
#include "searcher/request.h"
#include "searcher/search.h"

namespace dossier::cli {

void setup_search(CLI::App& app, Run& run) {
  struct Options {
    ReadIndexOptions index;
    std::string base_url;
    GivenParameters given;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("search", "Search the index");
  options->given = add_request_options(*command, Endpoint::kSearch);
  add_read_index_options(*command, options->index);
  add_base_url_option(*command, options->base_url);
  command->callback([options, &run] {
    run = [options](const Context& context) {
      const SearchCall call = parse_search(options->given(), kCli);
      Searcher searcher = open_searcher(options->index, context.gazetteers);
      if (const auto export_format = export_format_of(call.format)) {
        CitationOptions citation;
        citation.accessed = today();
        citation.base_url = resolve_base_url(options->base_url);
        citation.link = default_link(!citation.base_url.empty());
        export_results(searcher, call.request, *export_format, citation,
                       [](std::string_view chunk) {
                         std::cout.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                         return static_cast<bool>(std::cout);
                       });
        std::cout.flush();
        return 0;
      }
      const SearchResult result = searcher.search(call.request);
      if (call.format == ResultFormat::kJson) {
        std::cout << render_search_json(result) << "\n";
      } else {
        TextStyle style;
        style.marks = context.stdout_is_terminal ? MarkStyle::kAnsi : MarkStyle::kAsterisks;
        render_search_text(result, style, std::cout);
      }
      return 0;
    };
  });
}

}  // namespace dossier::cli
