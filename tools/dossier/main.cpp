// dossier: index an archive of country reports and search it.
#include <unistd.h>

#include <iostream>
#include <map>

#include <xapian.h>

#include "cli.h"
#include "corpus/error.h"

namespace {

// Exit codes, documented in the README: 0 ok, 1 failure, 2 bad usage or query, 3 index locked or
// busy, 4 index missing, unreadable or damaged, a shard that did not answer, or report not found,
// 5 some files failed to index.
int exit_code_for(dossier::ErrorKind kind) {
  using dossier::ErrorKind;
  switch (kind) {
    case ErrorKind::kInvalidArgument:
    case ErrorKind::kBadQuery:
      return 2;
    case ErrorKind::kIndexLocked:
    case ErrorKind::kIndexBusy:
      return 3;
    case ErrorKind::kIndexMissing:
    case ErrorKind::kIndexCorrupt:
    case ErrorKind::kShardUnavailable:
    case ErrorKind::kNotFound:
      return 4;
    case ErrorKind::kBadInput:
    case ErrorKind::kData:
    case ErrorKind::kIo:
    case ErrorKind::kInternal:
      return 1;
  }
  return 1;  // not reached: the switch covers every kind
}

// An error as the command line says it: a parameter by its option ("--country: ...").
std::string message_of(const dossier::Error& error) {
  if (error.parameter().empty()) return error.what();
  const std::string option =
      error.parameter() == "q" ? "query" : dossier::cli_option(error.parameter());
  return option + ": " + error.reason();
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
  dossier::cli::setup_similar(app, run);
  dossier::cli::setup_facts(app, run);
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
    std::cerr << "dossier: " << message_of(e) << "\n";
    return exit_code_for(e.kind());
  } catch (const Xapian::Error& e) {
    // The libraries translate Xapian's errors; one that escapes is still reported, not aborted on.
    std::cerr << "dossier: unexpected index error: " << e.get_description() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "dossier: unexpected error: " << e.what() << "\n";
    return 1;
  } catch (...) {
    std::cerr << "dossier: unexpected error\n";
    return 1;
  }
}
