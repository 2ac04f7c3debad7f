// dossier cite ID[:PARA]...: citations of reports or of their paragraphs, ready to paste: one
// note and one bibliography for any number of passages.
#include <fstream>
#include <iostream>

#include "cli.h"
#include "corpus/error.h"
#include "searcher/cite.h"
#include "searcher/request.h"
#include "searcher/search.h"

namespace dossier::cli {
namespace {

// "ID" or "ID:PARA" (report ids never hold a colon).
std::pair<std::string, std::optional<std::string>> split_passage(const std::string& arg) {
  const auto colon = arg.find(':');
  if (colon == std::string::npos) return {arg, std::nullopt};
  if (colon + 1 == arg.size()) {
    throw Error::in_parameter(ErrorKind::kInvalidArgument, "para",
                              "\"" + arg + "\" names no paragraph after the colon");
  }
  return {arg.substr(0, colon), arg.substr(colon + 1)};
}

// The bibliography format a file's name asks for.
CitationFormat bibliography_format(const std::string& path) {
  if (path.ends_with(".json")) return CitationFormat::kCslJson;
  if (path.ends_with(".bib")) return CitationFormat::kBibtex;
  throw Error::in_parameter(ErrorKind::kInvalidArgument, "bibliography",
                            "\"" + path + "\" must end in .json (CSL-JSON) or .bib (BibTeX)");
}

}  // namespace

void setup_cite(CLI::App& app, Run& run) {
  struct Options {
    std::vector<std::string> passages;
    ReadIndexOptions index;
    std::string base_url;
    std::string bibliography;
    GivenParameters given;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "cite", "Cite reports or their paragraphs: one note and one bibliography for them all");
  command
      ->add_option("passages", options->passages,
                   "What to cite: a report id, or ID:PARA for one of its paragraphs (the number "
                   "it prints, \"86.1\"); several give one note and one bibliography")
      ->required();
  options->given = add_request_options(*command, Endpoint::kCite);
  command->add_option("--bibliography", options->bibliography,
                      "Also write the bibliography to this file (.json: CSL-JSON, .bib: "
                      "BibTeX); Markdown notes then name it rather than hold the references");
  add_read_index_options(*command, options->index);
  add_base_url_option(*command, options->base_url);
  command->callback([options, &run] {
    run = [options](const Context& context) {
      const CiteCall call = parse_cite(options->given(), kCli);
      CitationOptions cite_options;
      cite_options.accessed = call.accessed.value_or(today());
      cite_options.base_url = resolve_base_url(options->base_url);
      cite_options.link = call.link.value_or(default_link(!cite_options.base_url.empty()));
      cite_options.bibliography = options->bibliography;
      const bool write_bibliography = !options->bibliography.empty();
      const CitationFormat bibliography_as = write_bibliography
                                                 ? bibliography_format(options->bibliography)
                                                 : CitationFormat::kCslJson;
      if (options->passages.size() > 1 && call.paragraph) {
        throw Error::in_parameter(ErrorKind::kInvalidArgument, "para",
                                  "citing several passages, give each paragraph as ID:PARA");
      }
      if (options->passages.size() > 1 && !call.quote.empty()) {
        throw Error::in_parameter(ErrorKind::kInvalidArgument, "quote",
                                  "a quote is of one passage; cite it on its own");
      }
      Searcher searcher = open_searcher(options->index, context.gazetteers);
      std::vector<CitedPassage> passages;
      for (const std::string& arg : options->passages) {
        auto [id, paragraph] = split_passage(arg);
        if (paragraph && call.paragraph) {
          throw Error::in_parameter(ErrorKind::kInvalidArgument, "para",
                                    "\"" + arg + "\" names its paragraph; --para is not needed");
        }
        passages.push_back(cited_passage(searcher, id, paragraph ? paragraph : call.paragraph,
                                         call.query, call.quote));
      }
      const std::string text = cite(passages, call.format, cite_options);
      if (write_bibliography) {
        std::ofstream out(options->bibliography, std::ios::binary);
        out << cite(passages, bibliography_as, cite_options);
        if (!out.flush()) {
          throw Error::in_parameter(ErrorKind::kInvalidArgument, "bibliography",
                                    "cannot write \"" + options->bibliography + "\"");
        }
      }
      std::cout << text;
      return 0;
    };
  });
}

}  // namespace dossier::cli
