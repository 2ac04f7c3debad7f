// dossier: index an archive of country reports and search it.
#include <unistd.h>

#include <iostream>
#include <map>

#include "cli.h"
#include "corpus/error.h"

namespace {

// Exit codes, documented in the README: 0 ok, 1 failure, 2 bad usage or query, 3 index locked,
// 4 index or report not found, 5 some files failed to index.
int exit_code_for(dossier::ErrorKind kind) {
  using dossier::ErrorKind;
  switch (kind) {
    case ErrorKind::kInvalidArgument:
    case ErrorKind::kBadQuery:
      return 2;
    case ErrorKind::kIndexLocked:
      return 3;
    case ErrorKind::kIndexMissing:
    case ErrorKind::kNotFound:
      return 4;
    default:
      return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dossier: full-text search over archives of country reports"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dossier 0.1.0");
  dossier::cli::Run run;
  dossier::cli::setup_index(app, run);
  dossier::cli::setup_search(app, run);
  dossier::cli::setup_show(app, run);
  dossier::cli::setup_stats(app, run);
  dossier::cli::setup_entities(app, run);
  dossier::cli::setup_cite(app, run);
  dossier::cli::setup_serve(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    const dossier::Gazetteers gazetteers = dossier::Gazetteers::load();
    const dossier::cli::Context context{gazetteers, ::isatty(STDOUT_FILENO) == 1,
                                        ::isatty(STDERR_FILENO) == 1};
    return run(context);
  } catch (const dossier::Error& e) {
    std::cerr << "dossier: " << e.what() << "\n";
    return exit_code_for(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "dossier: unexpected error: " << e.what() << "\n";
    return 1;
  }
}
