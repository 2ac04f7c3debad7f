#include "web/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <charconv>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "api_request.h"
#include "corpus/error.h"
#include "html.h"
#include "json_api.h"
#include "searcher/cite.h"
#include "searcher/export.h"
#include "searcher/render.h"
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
      return 503;
    default:
      return 500;
  }
}

// Connections the kernel holds for the accepting thread; Linux caps it at net.core.somaxconn.
constexpr int kListenBacklog = 1024;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Searchers are not thread-safe and costly to open: a pool of them, one per busy worker.
class SearcherPool {
 public:
  SearcherPool(std::filesystem::path db, const Gazetteers& gazetteers)
      : db_(std::move(db)), gazetteers_(gazetteers) {
    idle_.push_back(
        std::make_unique<Searcher>(db_, gazetteers_, facet_cache_));  // fails early if no index
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
    return Lease(*this, std::make_unique<Searcher>(db_, gazetteers_, facet_cache_));
  }

 private:
  void give_back(std::unique_ptr<Searcher> searcher) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(searcher));
  }

  std::filesystem::path db_;
  const Gazetteers& gazetteers_;
  std::shared_ptr<FacetCache> facet_cache_ = Searcher::make_facet_cache();
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
};

Params params_of(const httplib::Request& request) {
  Params params;
  for (const auto& [name, value] : request.params) params.emplace(name, value);
  return params;
}

void send_json(httplib::Response& response, const std::string& body, int status = 200) {
  response.status = status;
  response.set_content(body, "application/json; charset=utf-8");
}

void send_error(httplib::Response& response, ErrorKind kind, const std::string& message) {
  send_json(response, error_json(kind, message), http_status_for(kind));
}

void send_asset(httplib::Response& response, std::string_view body, const char* type) {
  response.set_header("Cache-Control", "no-cache");
  response.set_content(std::string(body), type);
}

}  // namespace

struct WebServer::Impl {
  ServeOptions options;
  SearcherPool searchers;
  httplib::Server http;
  int bound_port = 0;
  int listening_socket = -1;

  Impl(ServeOptions o, const Gazetteers& gazetteers)
      : options(std::move(o)), searchers(options.db, gazetteers) {
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
            send_error(response, e.kind(), e.what());
          } catch (const std::exception& e) {
            send_error(response, ErrorKind::kInternal, std::string("internal error: ") + e.what());
          } catch (...) {
            send_error(response, ErrorKind::kInternal, "internal error");
          }
        });
    http.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
      if (!response.body.empty()) return;  // a handler already said what went wrong
      const bool api = request.path.starts_with("/api/");
      const std::string message = response.status == 404   ? "no such page: " + request.path
                                  : response.status == 405 ? "method not allowed"
                                                           : "request not served";
      if (api || response.status != 404) {
        send_json(
            response,
            error_json(response.status == 404 ? ErrorKind::kNotFound : ErrorKind::kInvalidArgument,
                       message),
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
    http.Get("/api/openapi.json", [](const httplib::Request&, httplib::Response& r) {
      send_json(r, std::string(embedded::kOpenApiJson));
    });
    http.Get("/api/search", [this](const httplib::Request& q, httplib::Response& r) {
      const SearchRequest request = search_request_from(params_of(q));
      const std::string format = q.get_param_value("format");
      if (!format.empty() && format != "json") {
        stream_export(request, format, r);
        return;
      }
      auto searcher = searchers.borrow();
      send_json(r, render_search_json(searcher->search(request), JsonLayout::kCompact));
    });
    http.Get("/api/facets", [this](const httplib::Request& q, httplib::Response& r) {
      SearchRequest request = search_request_from(params_of(q));
      request.limit = 0;
      request.offset = 0;
      request.count_facets = true;
      auto searcher = searchers.borrow();
      send_json(r, render_facets_json(searcher->search(request), JsonLayout::kCompact));
    });
    http.Get("/api/suggest", [this](const httplib::Request& q, httplib::Response& r) {
      const std::string prefix = q.get_param_value("q");
      if (prefix.size() > 200) {
        throw Error(ErrorKind::kInvalidArgument, "parameter \"q\" is longer than 200 bytes");
      }
      auto searcher = searchers.borrow();
      send_json(r, suggestions_json(prefix, searcher->suggest(prefix, 10)));
    });
    http.Get(R"(/api/reports/([a-z0-9_.-]+)/cite)",
             [this](const httplib::Request& q, httplib::Response& r) { cite_report(q, r); });
    http.Get(
        R"(/api/reports/([a-z0-9_.-]+))", [this](const httplib::Request& q, httplib::Response& r) {
          const std::string query = q.get_param_value("q");
          if (query.size() > kMaxQueryBytes) {
            throw Error(ErrorKind::kInvalidArgument,
                        "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
          }
          auto searcher = searchers.borrow();
          const Report report = searcher->report(q.matches[1]);
          send_json(r, render_report_json(report, searcher->highlights(report, query),
                                          JsonLayout::kCompact));
        });
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
  void stream_export(const SearchRequest& request, const std::string& format_name,
                     httplib::Response& r) {
    const auto format = export_format_from(format_name);
    if (!format) {
      throw Error(ErrorKind::kInvalidArgument,
                  "parameter \"format\" must be json, csv, jsonl, bibtex, ris or csl-json");
    }
    {
      auto searcher = searchers.borrow();  // a bad query fails here, before the 200 is sent
      SearchRequest probe = request;
      probe.limit = 0;
      probe.count_facets = false;
      searcher->search(probe);
    }
    CitationOptions citation;
    citation.accessed = today();
    citation.base_url = base_url();
    const char* extension = *format == ExportFormat::kBibtex    ? "bib"
                            : *format == ExportFormat::kCslJson ? "json"
                                                                : format_name.c_str();
    r.set_header("Content-Disposition",
                 std::string("attachment; filename=\"dossier-results.") + extension + "\"");
    r.set_chunked_content_provider(
        std::string(media_type(*format)),
        [this, request, format = *format, citation](std::size_t, httplib::DataSink& sink) {
          auto searcher = searchers.borrow();
          export_results(*searcher, request, format, citation, [&sink](std::string_view chunk) {
            return sink.write(chunk.data(), chunk.size());
          });
          sink.done();
          return true;
        });
  }

  // GET /api/reports/{id}/cite?format=&para=&accessed=
  void cite_report(const httplib::Request& q, httplib::Response& r) {
    const std::string format_name = q.has_param("format") ? q.get_param_value("format") : "cite";
    const auto format = citation_format_from(format_name);
    if (!format) {
      throw Error(ErrorKind::kInvalidArgument,
                  "parameter \"format\" must be cite, bibtex, ris, csl-json or markdown");
    }
    CitationOptions cite_options;
    cite_options.accessed = today();
    cite_options.base_url = base_url();
    if (q.has_param("para")) {
      const std::string para = q.get_param_value("para");
      int value = 0;
      const auto [end, ec] = std::from_chars(para.data(), para.data() + para.size(), value);
      if (ec != std::errc() || end != para.data() + para.size() || value < 1) {
        throw Error(ErrorKind::kInvalidArgument, "parameter \"para\" must be a paragraph number");
      }
      cite_options.paragraph = value;
    }
    if (q.has_param("accessed")) {
      const auto date = parse_date(q.get_param_value("accessed"));
      if (!date || date->day == 0) {
        throw Error(ErrorKind::kInvalidArgument,
                    "parameter \"accessed\" must be a date (2026-11-30)");
      }
      cite_options.accessed = *date;
    }
    auto searcher = searchers.borrow();
    const Report report = searcher->report(q.matches[1]);
    r.set_content(cite(report, *format, cite_options), std::string(media_type(*format)));
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
