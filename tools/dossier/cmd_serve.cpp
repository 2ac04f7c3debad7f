// dossier serve: the search page and the JSON API.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "cli.h"
#include "web/server.h"

namespace dossier::cli {

void setup_serve(CLI::App& app, Run& run) {
  auto options = std::make_shared<ServeOptions>();
  auto index = std::make_shared<ReadIndexOptions>();
  CLI::App* command = app.add_subcommand("serve", "Serve the search page and the JSON API");
  add_read_index_options(*command, *index);
  command->add_option("--bind", options->bind, "Address to listen on (default 127.0.0.1)");
  command->add_option("--port", options->port, "Port (default 8080; 0 = any free port)")
      ->check(CLI::Range(0, 65535));
  command->add_option(
      "--threads", options->threads,
      "Worker threads, one per open connection (default: 64, or 16 per core if more)");
  command->add_option("--base-url", options->base_url,
                      "The address readers reach the server at (https://...): the page's citations "
                      "and exports then link its report pages beside the originals");
  command->callback([options, index, &run] {
    run = [options, index](const Context& context) {
      options->db = resolve_db(index->db);
      options->shard_timeout = shard_timeout_of(*index);
      // Ctrl-C and SIGTERM stop the server cleanly: the signals are taken by one thread
      // (sigwait), never delivered to the workers.
      sigset_t signals;
      sigemptyset(&signals);
      sigaddset(&signals, SIGINT);
      sigaddset(&signals, SIGTERM);
      pthread_sigmask(SIG_BLOCK, &signals, nullptr);

      WebServer server(*options, context.gazetteers);
      server.bind();
      std::cout << "dossier: serving " << options->db.string() << " at " << server.url()
                << " (Ctrl-C to stop)" << std::endl;
      std::thread waiter([&server, signals] {
        int signal = 0;
        sigwait(&signals, &signal);
        server.stop();
      });
      server.run();
      // run() also returns when the listening socket fails; wake the waiter either way.
      pthread_kill(waiter.native_handle(), SIGTERM);
      waiter.join();
      std::cerr << "dossier: stopped" << std::endl;
      return 0;
    };
  });
}

}  // namespace dossier::cli
