#pragma once
// The HTTP server: the browser search page and the JSON API, from one binary (assets compiled
// in). The index is opened read-only; each worker thread borrows its own Searcher.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "corpus/gazetteers.h"
#include "searcher/search.h"

namespace dossier {

struct ServeOptions {
  std::filesystem::path db;
  std::string bind = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port
  unsigned threads = 0;            // worker threads; 0 = eight per core, at least 16
  std::string base_url;            // public URL of the server, for links; default from bind/port
  // How long a remote shard may take to connect or answer; past it the request gets a 503.
  std::chrono::milliseconds shard_timeout = kDefaultShardTimeout;
};

class WebServer {
 public:
  // Opens the index (Error{kIndexMissing} when there is none). Does not listen yet.
  WebServer(ServeOptions options, const Gazetteers& gazetteers);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds the socket; returns the port (useful with port 0). Throws Error{kIo} when it cannot.
  int bind();
  // Serves until stop(); call bind() first.
  void run();
  // Stops run() from another thread; safe to call more than once.
  void stop();
  // The URL the page is served at ("http://127.0.0.1:8080/").
  std::string url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier
