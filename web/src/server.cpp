#include "web/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <charconv>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "corpus/error.h"
#include "html.h"
#include "json_api.h"
#include "openapi.h"
#include "searcher/cite.h"
#include "searcher/export.h"
#include "searcher/render.h"
#include "searcher/request.h"
#include "searcher/search.h"

namespace dossier::embedded {
extern const std::string_view kIndexHtml;
extern const std::string_view kAppJs;
extern const std::string_view kAppCss;
extern const std::string_view kOpenApiJson;
}  // namespace dossier::embedded

namespace dossier {
namespace {

// The one mapping of error kinds to HTTP statuses.
int http_status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
    case ErrorKind::kBadQuery:
      return 400;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kIndexMissing:
    case ErrorKind::kIndexLocked:
    case ErrorKind::kIndexBusy:
    case ErrorKind::kIndexCorrupt:
    case ErrorKind::kShardUnavailable:
      return 503;
    case ErrorKind::kBadInput:
    case ErrorKind::kData:
    case ErrorKind::kIo:
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;  // not reached: the switch covers every kind
}

// Hits an export reads before it answers, so that most errors are still a status.
constexpr std::size_t kExportProbe = 100;

// Connections the kernel holds for the accepting thread; Linux caps it at net.core.somaxconn.
constexpr int kListenBacklog = 1024;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Searchers are not thread-safe and costly to open: a pool of them, one per busy worker.
class SearcherPool {
 public:
  SearcherPool(std::filesystem::path db, const Gazetteers& gazetteers,
               std::chrono::milliseconds shard_timeout)
      : db_(std::move(db)), gazetteers_(gazetteers), shard_timeout_(shard_timeout) {
    idle_.push_back(std::make_unique<Searcher>(db_, gazetteers_, facet_cache_,
                                               shard_timeout_));  // fails early if no index
  }

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher)
        : pool_(pool), searcher_(std::move(searcher)) {}
    ~Lease() { pool_.give_back(std::move(searcher_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Searcher& operator*() { return *searcher_; }
    Searcher* operator->() { return searcher_.get(); }

   private:
    SearcherPool& pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  Lease borrow() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto searcher = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(searcher));
      }
    }
    return Lease(*this, std::make_unique<Searcher>(db_, gazetteers_, facet_cache_, shard_timeout_));
  }

 private:
  void give_back(std::unique_ptr<Searcher> searcher) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(searcher));
  }

  std::filesystem::path db_;
  const Gazetteers& gazetteers_;
  std::chrono::milliseconds shard_timeout_;
  std::shared_ptr<FacetCache> facet_cache_ = Searcher::make_facet_cache();
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
};

Parameters params_of(const httplib::Request& request) {
  return Parameters(request.params.begin(), request.params.end());
}

void send_json(httplib::Response& response, const std::string& body, int status = 200) {
  response.status = status;
  response.set_content(body, "application/json; charset=utf-8");
}

void send_error(httplib::Response& response, const Error& error) {
  send_json(response, error_json(error), http_status_for(error.kind()));
}

void send_asset(httplib::Response& response, std::string_view body, const char* type) {
  response.set_header("Cache-Control", "no-cache");
  response.set_content(std::string(body), type);
}

}  // namespace

struct WebServer::Impl {
  ServeOptions options;
  SearcherPool searchers;
  // Made once from the tables that define the API.
  const std::string openapi = openapi_document(embedded::kOpenApiJson);
  const std::string fields = fields_json();
  httplib::Server http;
  int bound_port = 0;
  int listening_socket = -1;

  Impl(ServeOptions o, const Gazetteers& gazetteers)
      : options(std::move(o)), searchers(options.db, gazetteers, options.shard_timeout) {
    configure();
    route();
  }

  void configure() {
    // cpp-httplib gives each open connection a worker for as long as it is kept alive, so the
    // pool is sized for concurrent clients, not for cores: a connection beyond it waits for
    // another to close.
    const unsigned threads = options.threads > 0
                                 ? options.threads
                                 : std::max(64u, 16 * std::thread::hardware_concurrency());
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_default_headers({
        {"Content-Security-Policy", std::string(kContentSecurityPolicy)},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    });
    // Our own options for the listening socket: cpp-httplib's default sets SO_REUSEPORT, which
    // would let a second server on the same port take a share of the connections. The socket
    // is kept to widen its backlog once bound.
    http.set_socket_options([this](int socket) {
      const int yes = 1;
      ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listening_socket = socket;
    });
    http.set_payload_max_length(64 * 1024);
    // Responses go out as several writes (headers, then body); with Nagle's algorithm on, each
    // would wait for the client's delayed ACK, about 40 ms.
    http.set_tcp_nodelay(true);
    // A client that is slow to send its request holds a worker: it gets 5 seconds, not more.
    http.set_read_timeout(5, 0);
    http.set_write_timeout(10, 0);
    http.set_keep_alive_timeout(5);
    http.set_keep_alive_max_count(1000);
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
          try {
            std::rethrow_exception(error);
          } catch (const Error& e) {
            send_error(response, e);
          } catch (const std::exception& e) {
            send_error(response,
                       Error(ErrorKind::kInternal, std::string("internal error: ") + e.what()));
          } catch (...) {
            send_error(response, Error(ErrorKind::kInternal, "internal error"));
          }
        });
    http.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
      if (!response.body.empty()) return;  // a handler already said what went wrong
      const bool api = request.path.starts_with("/api/");
      const std::string message = response.status == 404   ? "no such page: " + request.path
                                  : response.status == 405 ? "method not allowed"
                                                           : "request not served";
      if (api || response.status != 404) {
        send_json(response,
                  error_json(Error(
                      response.status == 404 ? ErrorKind::kNotFound : ErrorKind::kInvalidArgument,
                      message)),
                  response.status);
      } else {
        response.set_content("<!doctype html><title>Not found</title><p>Not found.</p>",
                             "text/html; charset=utf-8");
      }
    });
  }

  // The routes, as a table of what each path serves.
  void route() {
    http.Get("/", [](const httplib::Request&, httplib::Response& r) { page(r); });
    http.Get(R"(/reports/([a-z0-9_.-]+))", [this](const httplib::Request& q, httplib::Response& r) {
      // The report's head (title, citation_* tags) is made here, for reference managers that
      // read pages without running their script; an unknown id still gets the page, which
      // says so.
      auto searcher = searchers.borrow();
      try {
        const Report report = searcher->report(q.matches[1]);
        r.set_header("Cache-Control", "no-cache");
        r.set_content(report_page(embedded::kIndexHtml, report, base_url()),
                      "text/html; charset=utf-8");
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::kNotFound) throw;
        r.status = 404;
        page(r);
      }
    });
    // A country's dossier: the page reads it from /api/countries/{country}.
    http.Get(R"(/countries/([^/]+))",
             [](const httplib::Request&, httplib::Response& r) { page(r); });
    http.Get("/assets/app.js", [](const httplib::Request&, httplib::Response& r) {
      send_asset(r, embedded::kAppJs, "text/javascript; charset=utf-8");
    });
    http.Get("/assets/app.css", [](const httplib::Request&, httplib::Response& r) {
      send_asset(r, embedded::kAppCss, "text/css; charset=utf-8");
    });
    http.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& r) { r.status = 204; });
    http.Get("/healthz", [this](const httplib::Request&, httplib::Response& r) {
      auto searcher = searchers.borrow();
      const IndexStats stats = searcher->stats(Searcher::StatsDetail::kCounts);
      send_json(r, health_json(stats.reports, stats.revision));
    });
    http.Get("/api/openapi.json",
             [this](const httplib::Request&, httplib::Response& r) { send_json(r, openapi); });
    http.Get("/api/fields",
             [this](const httplib::Request&, httplib::Response& r) { send_json(r, fields); });
    http.Get("/api/search", [this](const httplib::Request& q, httplib::Response& r) {
      const SearchCall call = parse_search(params_of(q), kHttp);
      if (const auto format = export_format_of(call.format)) {
        stream_export(call.request, *format, r);
        return;
      }
      auto searcher = searchers.borrow();
      const SearchResult result = searcher->search(call.request);
      if (call.format == ResultFormat::kText) {
        std::ostringstream text;
        render_search_text(result, TextStyle{}, text);
        r.set_content(text.str(), "text/plain; charset=utf-8");
        return;
      }
      send_json(r, render_search_json(result, JsonLayout::kCompact));
    });
    http.Get("/api/facets", [this](const httplib::Request& q, httplib::Response& r) {
      const SearchCall call = parse_search(params_of(q), kHttp, Endpoint::kFacets);
      auto searcher = searchers.borrow();
      send_json(r, render_facets_json(searcher->search(call.request), JsonLayout::kCompact));
    });
    http.Get("/api/suggest", [this](const httplib::Request& q, httplib::Response& r) {
      const std::string prefix = parse_query_only(params_of(q), kHttp, Endpoint::kSuggest);
      auto searcher = searchers.borrow();
      send_json(r, suggestions_json(prefix, searcher->suggest(prefix, 10)));
    });
    http.Get(R"(/api/reports/([a-z0-9_.-]+)/cite)",
             [this](const httplib::Request& q, httplib::Response& r) { cite_report(q, r); });
    http.Get(R"(/api/countries/([^/]+))", [this](const httplib::Request& q, httplib::Response& r) {
      const CountryCall call = parse_country(params_of(q), kHttp);
      auto searcher = searchers.borrow();
      send_json(r, render_country_facts_json(searcher->country_facts(q.matches[1], call.years),
                                             JsonLayout::kCompact));
    });
    http.Get(R"(/api/reports/([a-z0-9_.-]+)/similar)", [this](const httplib::Request& q,
                                                              httplib::Response& r) {
      const SimilarCall call = parse_similar(params_of(q), kHttp);
      auto searcher = searchers.borrow();
      send_json(r, render_similar_json(q.matches[1], searcher->similar(q.matches[1], call.limit),
                                       JsonLayout::kCompact));
    });
    http.Get(R"(/api/reports/([a-z0-9_.-]+))", [this](const httplib::Request& q,
                                                      httplib::Response& r) {
      const std::string query = parse_query_only(params_of(q), kHttp, Endpoint::kReport);
      auto searcher = searchers.borrow();
      const Report report = searcher->report(q.matches[1]);
      const ReportCopies copies{searcher->identical_copies(report.id), searcher->copies(report.id)};
      send_json(r, render_report_json(report, searcher->highlights(report, query), copies,
                                      JsonLayout::kCompact));
    });
    // The file the report was read from, as it is now: a PDF opens at a page with #page=N.
    http.Get(R"(/api/reports/([a-z0-9_.-]+)/original)",
             [this](const httplib::Request& q, httplib::Response& r) { send_original(q, r); });
  }

  // The server's public URL without a trailing slash: --base-url, else where it listens.
  std::string base_url() const {
    std::string url = options.base_url;
    if (url.empty()) {
      const std::string& host = options.bind;
      const bool ipv6 = host.find(':') != std::string::npos;
      const std::string shown = host == "0.0.0.0" ? "127.0.0.1" : (ipv6 ? "[" + host + "]" : host);
      url = "http://" + shown + ":" + std::to_string(bound_port);
    }
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }

  // GET /api/search?format=csv|jsonl|bibtex|ris|csl-json: every hit, streamed in chunks as they
  // are read, so a large export is never held whole in memory.
  void stream_export(const SearchRequest& request, ExportFormat format, httplib::Response& r) {
    {
      // A bad query, or an index that cannot be read, fails here, before the 200 is sent: the
      // first batch is read as the export will read it.
      auto searcher = searchers.borrow();
      SearchRequest probe = request;
      probe.limit = kExportProbe;
      probe.count_facets = false;
      searcher->search(probe);
    }
    CitationOptions citation;
    citation.accessed = today();
    citation.link = default_link(!options.base_url.empty());
    citation.base_url = options.base_url.empty() ? "" : base_url();
    r.set_header("Content-Disposition", "attachment; filename=\"dossier-results." +
                                            std::string(file_extension(format)) + "\"");
    r.set_chunked_content_provider(
        std::string(media_type(format)),
        [this, request, format, citation](std::size_t, httplib::DataSink& sink) {
          // Past the headers an error can no longer be a status: the export is cut short (the
          // chunked response never ends properly, so the client knows) and the reason logged.
          try {
            auto searcher = searchers.borrow();
            export_results(*searcher, request, format, citation, [&sink](std::string_view chunk) {
              return sink.write(chunk.data(), chunk.size());
            });
          } catch (const std::exception& e) {
            std::cerr << "dossier: an export was cut short: " << e.what() << "\n";
            return false;
          }
          sink.done();
          return true;
        });
  }

  // GET /api/reports/{id}/original: the file the report was indexed from, when it is still
  // there (the index keeps its path, not its bytes).
  void send_original(const httplib::Request& q, httplib::Response& r) {
    const std::string id = q.matches[1];
    auto searcher = searchers.borrow();
    const std::filesystem::path path = searcher->original_path(id);
    // Only a regular file (a device or a pipe put in its place would block or never end).
    std::error_code ec;
    const bool regular = !path.empty() && std::filesystem::is_regular_file(path, ec);
    std::ifstream in;
    if (regular) in.open(path, std::ios::binary);
    if (!regular || !in) {
      throw Error(ErrorKind::kNotFound, "the file report \"" + id +
                                            "\" was indexed from is no longer there (" +
                                            path.filename().string() + ")");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string extension = path.extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const char* type = extension == ".pdf"  ? "application/pdf"
                       : extension == ".md" ? "text/markdown; charset=utf-8"
                                            : "text/plain; charset=utf-8";
    r.set_header("Content-Disposition", "inline; filename=\"" + path.filename().string() + "\"");
    r.set_content(std::move(bytes).str(), type);
  }

  // GET /api/reports/{id}/cite?format=&para=&query=&quote=&link=&accessed=
  void cite_report(const httplib::Request& q, httplib::Response& r) {
    const CiteCall call = parse_cite(params_of(q), kHttp);
    CitationOptions options;
    options.accessed = call.accessed.value_or(today());
    // The page's address only when it was configured (--base-url) or a link to it is asked for:
    // by default a citation never points at the machine that made it.
    const bool configured = !this->options.base_url.empty();
    options.link = call.link.value_or(default_link(configured));
    options.base_url = configured || options.link != LinkTarget::kSource ? base_url() : "";
    auto searcher = searchers.borrow();
    const std::vector<CitedPassage> passages = {
        cited_passage(*searcher, q.matches[1], call.paragraph, call.query, call.quote)};
    r.set_content(cite(passages, call.format, options), std::string(media_type(call.format)));
  }

  static void page(httplib::Response& response) {
    send_asset(response, embedded::kIndexHtml, "text/html; charset=utf-8");
  }
};

WebServer::WebServer(ServeOptions options, const Gazetteers& gazetteers)
    : impl_(std::make_unique<Impl>(std::move(options), gazetteers)) {}
WebServer::~WebServer() = default;

int WebServer::bind() {
  const auto& o = impl_->options;
  if (o.port == 0) {
    impl_->bound_port = impl_->http.bind_to_any_port(o.bind);
  } else if (impl_->http.bind_to_port(o.bind, o.port)) {
    impl_->bound_port = o.port;
  } else {
    impl_->bound_port = -1;
  }
  if (impl_->bound_port <= 0) {
    throw Error(ErrorKind::kIo, "cannot listen on " + o.bind + ":" + std::to_string(o.port) +
                                    " (in use, or not an address of this machine)");
  }
  // cpp-httplib listens with a backlog of 5: a burst of new connections overflows it, and the
  // kernel makes each client beyond it retry a second later. Listening again widens it.
  if (impl_->listening_socket >= 0) ::listen(impl_->listening_socket, kListenBacklog);
  return impl_->bound_port;
}

void WebServer::run() {
  impl_->http.listen_after_bind();
}

void WebServer::stop() {
  impl_->http.stop();
}

std::string WebServer::url() const {
  return impl_->base_url() + "/";
}

}  // namespace dossier
