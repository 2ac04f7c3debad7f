// A sharded index answers as one index of the same reports: local shards, and remote ones (served
// by xapian-progsrv, Xapian's remote protocol over a pipe). Remote shards that fail are named.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <spawn.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>
#include <utility>

#include "corpus/error.h"
#include "corpus/shards.h"
#include "corpus/value_snapshot.h"
#include "facet_table.h"
#include "index_handle.h"
#include "indexer/index_writer.h"
#include "sample_index.h"
#include "searcher/search.h"
#include "test_paths.h"

namespace dossier {
namespace {
namespace fs = std::filesystem;

constexpr const char* kProgsrv = "/usr/bin/xapian-progsrv";

// A Xapian server (xapian-tcpsrv, xapian-replicate-server) on a loopback port found free, in a
// process group of its own (on SIGTERM these servers signal their whole group); stopped with
// the object.
class Server {
 public:
  // PROGRAM BEFORE... -p PORT AFTER...; another port when the one found was taken meanwhile.
  // `port` > 0: that port.
  static Server start(const std::string& program, const std::vector<std::string>& before,
                      const std::vector<std::string>& after, int port = 0) {
    Server server;
    for (int attempt = 0; attempt < 10 && server.pid_ < 0; ++attempt) {
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      address.sin_port = htons(static_cast<std::uint16_t>(port));
      if (port == 0) {
        const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
        ::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address);
        socklen_t length = sizeof address;
        ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
        ::close(probe);
      }
      server.port_ = std::to_string(ntohs(address.sin_port));
      std::vector<std::string> args = {program};
      args.insert(args.end(), before.begin(), before.end());
      args.insert(args.end(), {"-p", server.port_});
      args.insert(args.end(), after.begin(), after.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      posix_spawnattr_t attributes;
      ::posix_spawnattr_init(&attributes);
      ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
      ::posix_spawnattr_setpgroup(&attributes, 0);
      pid_t pid = -1;
      const int spawned =
          ::posix_spawn(&pid, program.c_str(), nullptr, &attributes, argv.data(), environ);
      ::posix_spawnattr_destroy(&attributes);
      if (spawned != 0) break;
      // Listening, or gone (the port was taken): a hang guard, not a wait for an outcome.
      for (int poll = 0; poll < 6000; ++poll) {
        const int s = ::socket(AF_INET, SOCK_STREAM, 0);
        const bool up = ::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        ::close(s);
        if (up) {
          server.pid_ = pid;
          break;
        }
        if (::waitpid(pid, nullptr, WNOHANG) == pid) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      if (port != 0) break;
    }
    return server;
  }
  Server() = default;
  Server(Server&& other) noexcept
      : pid_(std::exchange(other.pid_, -1)), port_(std::move(other.port_)) {}
  Server& operator=(Server&& other) noexcept {
    stop();
    pid_ = std::exchange(other.pid_, -1);
    port_ = std::move(other.port_);
    return *this;
  }
  ~Server() { stop(); }

  bool running() const { return pid_ > 0; }
  const std::string& port() const { return port_; }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  std::string port_;
};

class Shards : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new fs::path(test::scratch_dir("shards"));
    IndexOptions options;
    options.db = *folder_ / "sharded";
    options.roots = {test::samples_dir()};
    options.shards = 3;
    index_archive(options, test::gazetteers(), nullptr);
    std::ofstream stub(*folder_ / "remote.stub");
    for (std::size_t k = 0; k < 3; ++k) {
      stub << "remote :" << kProgsrv << " " << (options.db / shard_folder_name(k)).string() << "\n";
    }
  }
  static void TearDownTestSuite() { delete folder_; }

  static fs::path sharded() { return *folder_ / "sharded"; }
  static fs::path remote_stub() { return *folder_ / "remote.stub"; }

  static SearchRequest request(const std::string& query,
                               std::map<std::string, std::vector<std::string>> filters = {},
                               SortOrder sort = SortOrder::kRelevance, std::size_t offset = 0) {
    SearchRequest r;
    r.query = query;
    r.filters = test::by_field(filters);
    r.sort = sort;
    r.offset = offset;
    r.limit = 20;
    r.passages = 2;
    return r;
  }

  // The parts of a result that must agree (not its time, nor the index's revision).
  static std::string summary(const SearchResult& result) {
    std::string out =
        "total " + std::to_string(result.total) + " fingerprint " + result.fingerprint + "\n";
    for (const Facet& facet : result.facets) {
      out += facet.name + ":";
      for (const FacetValue& v : facet.values) out += " " + v.value + "=" + std::to_string(v.count);
      out += "\n";
    }
    for (const Hit& hit : result.hits) {
      out += std::to_string(hit.rank) + " " + hit.id + " | " + hit.snippet.text + "\n";
      for (const auto& p : hit.passages) out += "  " + p.text + "\n";
    }
    return out;
  }

  static fs::path* folder_;
};
fs::path* Shards::folder_ = nullptr;

TEST_F(Shards, EachReportIsOnTheShardItsIdHashesTo) {
  for (std::size_t k = 0; k < 3; ++k) {
    Searcher shard(sharded() / shard_folder_name(k), test::gazetteers());
    SearchRequest all;
    all.limit = 1000;
    all.count_facets = false;
    const SearchResult result = shard.search(all);
    EXPECT_GT(result.total, 30u);
    for (const Hit& hit : result.hits) EXPECT_EQ(shard_of(hit.id, 3), k) << hit.id;
  }
}

TEST_F(Shards, LocalAndRemoteShardsAnswerAsOneIndex) {
  if (!fs::exists(kProgsrv))
    GTEST_SKIP() << "xapian-progsrv is missing (apt-get install xapian-tools)";
  Searcher single(test::sample_index(), test::gazetteers());
  Searcher local(sharded(), test::gazetteers());
  Searcher remote(remote_stub(), test::gazetteers());
  const std::vector<SearchRequest> requests = {
      request("trafficking"),
      request("\"forced labor\""),
      request("trafficking", {{"country", {"KZ", "UZ"}}}),
      request("", {{"country", {"KZ"}}}),
      request("", {{"series", {"tip"}}, {"year", {"2004"}}}),
      request("torture", {}, SortOrder::kDateNewest),
      request("police NEAR/5 corruption"),
      request("children -labor"),
      request("", {{"body", {"Ministry of Justice"}}}),
      request("zqxvw trafficking women"),
      request("", {{"topic", {"human-trafficking"}}, {"region", {"Asia"}}, {"tier", {"2wl"}}}),
      request("religious freedom", {{"mentions", {"Turkey"}}, {"series", {"irf"}}}),
      request("\"Ministry of Interior\"", {}, SortOrder::kDateOldest, 20),
      request("", {}, SortOrder::kRelevance, 40),
      // A trailing '*' stands for the same words on every layout (the most frequent of the
      // whole index, when there are more than Xapian is allowed to take).
      request("traffick* women"),
      request("gov* corruption"),
      request("\"forced labor\" -recruit*"),
  };
  for (SearchRequest r : requests) {
    for (bool collapse : {false, true}) {
      r.collapse_duplicates = collapse;
      const std::string expected = summary(single.search(r));
      EXPECT_EQ(summary(local.search(r)), expected) << r.query << " collapse " << collapse;
      EXPECT_EQ(summary(remote.search(r)), expected) << r.query << " collapse " << collapse;
    }
  }
  // Reports, citation keys and similar reports come from the shards alike.
  const Report report = single.report("000_f233a536db1b0761");
  EXPECT_EQ(remote.report("000_f233a536db1b0761").paragraphs.size(), report.paragraphs.size());
  EXPECT_EQ(remote.citation_key(report), single.citation_key(report));
  EXPECT_EQ(local.citation_key(report), single.citation_key(report));
  const auto ids = [](const std::vector<Hit>& hits) {
    std::string out;
    for (const Hit& hit : hits) out += hit.id + " " + hit.snippet.text + "\n";
    return out;
  };
  for (const std::string id : {"000_f233a536db1b0761", "cia-wfb_2022_china", "belize2013"}) {
    const std::string expected = ids(single.similar(id, 10));
    EXPECT_FALSE(expected.empty()) << id;
    EXPECT_EQ(ids(local.similar(id, 10)), expected) << id;
    EXPECT_EQ(ids(remote.similar(id, 10)), expected) << id;
  }
  // Suggestions (words and titles) alike.
  for (const std::string prefix : {"traf", "kaz", "rel"}) {
    std::string expected;
    for (const Suggestion& s : single.suggest(prefix, 12))
      expected += s.kind + " " + s.text + " " + s.value + "\n";
    for (Searcher* sharded : {&local, &remote}) {
      std::string got;
      for (const Suggestion& s : sharded->suggest(prefix, 12))
        got += s.kind + " " + s.text + " " + s.value + "\n";
      EXPECT_EQ(got, expected) << prefix;
    }
  }
}

// Each column's values and every report's values and id, as one string to compare.
std::string table_contents(const FacetTable& table, Xapian::docid last) {
  std::string out;
  for (const FacetTable::Column& column : table.columns()) {
    out += std::string(column.field->name) + ":";
    for (Xapian::docid doc = 1; doc <= last; ++doc) {
      out += " " + std::to_string(doc) + "=";
      for (std::uint32_t ordinal : column.of(doc)) out += column.values[ordinal] + ",";
    }
    out += "\n";
  }
  for (Xapian::docid doc = 1; doc <= last; ++doc) out += table.id_of(doc) + " ";
  return out;
}

FacetTable::Description plain(const schema::Field&, const std::string& value) {
  return {value, "", value};
}

// Remote shards give their facet values in one request each (the snapshot each commit stores),
// the same as the value streams of the whole index; a snapshot the index has moved past (a
// writer other than dossier's) is passed over for the value streams.
TEST_F(Shards, FacetValuesComeFromEachShardsSnapshotWhileItIsCurrent) {
  if (!fs::exists(kProgsrv))
    GTEST_SKIP() << "xapian-progsrv is missing (apt-get install xapian-tools)";
  const TextNormalizer normalizer;
  IndexHandle remote = IndexHandle::open(remote_stub(), std::chrono::seconds(10));
  IndexHandle local = IndexHandle::open(sharded(), std::chrono::seconds(10));
  const auto from_snapshots =
      FacetTable::load(remote.db(), remote.parts(), remote.version(), normalizer, plain);
  EXPECT_TRUE(from_snapshots->from_snapshots());
  const auto from_streams = FacetTable::load(local.db(), {}, local.version(), normalizer, plain);
  EXPECT_FALSE(from_streams->from_snapshots());
  const Xapian::docid last = local.db().get_lastdocid();
  EXPECT_EQ(remote.db().get_lastdocid(), last);
  EXPECT_EQ(table_contents(*from_snapshots, last), table_contents(*from_streams, last));

  const fs::path copy = test::copy_of_sample_index(test::scratch_dir("stale-snapshot"));
  {
    IndexHandle untouched = IndexHandle::open(copy, std::chrono::seconds(10));
    EXPECT_TRUE(
        FacetTable::load(untouched.db(), untouched.parts(), untouched.version(), normalizer, plain)
            ->from_snapshots());
  }
  {
    Xapian::WritableDatabase db(copy.string());
    Xapian::Document doc;
    doc.add_value(schema::kSlotId, "added-by-another-writer");
    doc.add_value(*schema::field(schema::FieldId::kCountry).facet_slot, "ZZ");
    db.add_document(doc);
    db.commit();
  }
  IndexHandle changed = IndexHandle::open(copy, std::chrono::seconds(10));
  const auto table =
      FacetTable::load(changed.db(), changed.parts(), changed.version(), normalizer, plain);
  EXPECT_FALSE(table->from_snapshots());
  EXPECT_EQ(table->id_of(changed.db().get_lastdocid()), "added-by-another-writer");
  EXPECT_TRUE(std::any_of(table->columns().begin(), table->columns().end(),
                          [](const FacetTable::Column& c) { return c.ordinal_of.contains("ZZ"); }));
}

// Writes a short report about `country` to `path`.
void write_report(const fs::path& path, const std::string& country, int year) {
  std::ofstream(path) << "Country Note " << path.stem().string() << " - " << country
                      << "\n\nPublisher Ministry of Foreign Affairs (Norway)\nPublication Date "
                      << year << "\n\nThe Ministry of Justice of " << country
                      << " reported on forced labor and the police in " << year << ".\n";
}

// Each commit brings the snapshot up to date by rewriting only the chunks whose reports changed:
// over many chunks (1,024 reports each), with reports added, changed and removed, and after a
// writer other than dossier's, the snapshot always agrees with the value streams.
TEST(ValueSnapshots, StayEqualToTheValueStreamsRunAfterRun) {
  const fs::path dir = test::scratch_dir("value-snapshots");
  const fs::path archive = dir / "archive";
  fs::create_directories(archive);
  const std::vector<std::string> countries = {"Kazakhstan", "Chile", "Nepal", "Ghana", "Peru"};
  constexpr int kReports = 2300;  // three chunks for one index
  for (int i = 0; i < kReports; ++i) {
    write_report(archive / ("note-" + std::to_string(i) + ".txt"), countries[i % 5], 2000 + i % 20);
  }
  const TextNormalizer normalizer;
  const auto check = [&](const fs::path& db, const std::string& when) {
    IndexHandle index = IndexHandle::open(db, std::chrono::seconds(10));
    const auto snapshots =
        FacetTable::load(index.db(), index.parts(), index.version(), normalizer, plain);
    const auto streams = FacetTable::load(index.db(), {}, index.version(), normalizer, plain);
    EXPECT_TRUE(snapshots->from_snapshots()) << db << " " << when;
    const Xapian::docid last = index.db().get_lastdocid();
    EXPECT_EQ(table_contents(*snapshots, last), table_contents(*streams, last))
        << db << " " << when;
  };
  const auto index_into = [&](const fs::path& db, std::size_t shards) {
    IndexOptions options;
    options.db = db;
    options.roots = {archive};
    options.shards = shards;
    options.batch_size = 700;  // several commits a run
    index_archive(options, test::gazetteers(), nullptr);
  };
  for (std::size_t shards : {std::size_t{1}, std::size_t{3}}) {
    const fs::path db = dir / ("db-" + std::to_string(shards));
    index_into(db, shards);
    check(db, "first run");
  }
  // Reports removed from two chunks, changed in one, added at the end.
  for (int i : {3, 4, 1500, 2299}) fs::remove(archive / ("note-" + std::to_string(i) + ".txt"));
  for (int i : {10, 11, 12})
    write_report(archive / ("note-" + std::to_string(i) + ".txt"), "Fiji", 1999);
  for (int i : {5000, 5001})
    write_report(archive / ("note-" + std::to_string(i) + ".txt"), "Tonga", 2021);
  for (std::size_t shards : {std::size_t{1}, std::size_t{3}}) {
    const fs::path db = dir / ("db-" + std::to_string(shards));
    index_into(db, shards);
    check(db, "after changes");
  }
  // Another writer deletes a report: the snapshot no longer counts...
  {
    Xapian::WritableDatabase db((dir / "db-1").string());
    db.delete_document(1);
    db.commit();
  }
  {
    IndexHandle index = IndexHandle::open(dir / "db-1", std::chrono::seconds(10));
    EXPECT_FALSE(FacetTable::load(index.db(), index.parts(), index.version(), normalizer, plain)
                     ->from_snapshots());
  }
  // ... until the next index run rewrites it whole.
  write_report(archive / "note-6000.txt", "Tonga", 2022);
  index_into(dir / "db-1", 1);
  check(dir / "db-1", "after another writer");
}

// Three xapian-tcpsrv on loopback serve the shards: the same answers as one index; one of them
// stopped, the next search names it (and its stub line); started again, the search after answers.
TEST_F(Shards, ThreeTcpServersAnswerAsOneIndexAndOneStopping) {
  const std::string program = "/usr/bin/xapian-tcpsrv";
  if (!fs::exists(program)) GTEST_SKIP() << "xapian-tools is not installed";
  std::vector<Server> servers;
  std::string stub_text;
  for (std::size_t k = 0; k < 3; ++k) {
    servers.push_back(Server::start(program, {"--interface", "127.0.0.1"},
                                    {(sharded() / shard_folder_name(k)).string()}));
    ASSERT_TRUE(servers.back().running()) << "xapian-tcpsrv did not start";
    stub_text += "remote 127.0.0.1:" + servers.back().port() + "\n";
  }
  const fs::path stub = test::scratch_dir("tcp-stub") / "cluster.stub";
  std::ofstream(stub) << stub_text;
  Searcher single(test::sample_index(), test::gazetteers());
  Searcher remote(stub, test::gazetteers(), nullptr, std::chrono::milliseconds(5000));
  for (const SearchRequest& r :
       {request("trafficking", {{"country", {"KZ", "UZ"}}}), request("\"forced labor\""),
        request("", {{"series", {"upr"}}}, SortOrder::kDateOldest, 20)}) {
    EXPECT_EQ(summary(remote.search(r)), summary(single.search(r))) << r.query;
  }
  const std::string port = servers[1].port();
  servers[1].stop();
  try {
    remote.search(request("trafficking"));
    ADD_FAILURE() << "a search with a shard stopped answered";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kShardUnavailable);
    EXPECT_NE(std::string(e.what()).find("shard 127.0.0.1:" + port + " (line 2 of"),
              std::string::npos)
        << e.what();
  }
  servers[1] = Server::start(program, {"--interface", "127.0.0.1"},
                             {(sharded() / shard_folder_name(1)).string()}, std::stoi(port));
  ASSERT_TRUE(servers[1].running()) << "xapian-tcpsrv did not start again on port " << port;
  EXPECT_EQ(remote.search(request("trafficking")).total,
            single.search(request("trafficking")).total);
}

// A stub line that is not a shard, a shard that is not there, and a port where nothing listens
// are errors naming the stub's line.
TEST_F(Shards, BadStubsAndDeadShardsAreNamed) {
  const fs::path dir = test::scratch_dir("bad-stubs");
  const auto error_of = [&](const std::string& text) -> Error {
    const fs::path stub = dir / "index.stub";
    std::ofstream(stub) << text;
    try {
      Searcher searcher(stub, test::gazetteers(), nullptr, std::chrono::milliseconds(2000));
    } catch (const Error& e) {
      return e;
    }
    return Error(ErrorKind::kInternal, "no error");
  };
  Error malformed =
      error_of("# shards\nauto " + (sharded() / "shard-1").string() + "\nremote localhost\n");
  EXPECT_EQ(malformed.kind(), ErrorKind::kIndexMissing);
  EXPECT_NE(std::string(malformed.what()).find("line 3"), std::string::npos) << malformed.what();
  EXPECT_NE(std::string(malformed.what()).find("is not HOST:PORT"), std::string::npos);
  EXPECT_NE(std::string(error_of("remote 127.0.0.1:http\n").what()).find("is not a port"),
            std::string::npos);
  EXPECT_NE(std::string(error_of("glassy /tmp/x\n").what()).find("is not a shard"),
            std::string::npos);
  EXPECT_NE(std::string(error_of("# nothing\n").what()).find("lists no shard"), std::string::npos);
  Error missing = error_of("auto " + (dir / "no-such-shard").string() + "\n");
  EXPECT_EQ(missing.kind(), ErrorKind::kIndexMissing);
  EXPECT_NE(std::string(missing.what()).find("line 1"), std::string::npos);
  // A bound socket that does not listen refuses connections: nothing answers at that port.
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length);
  const std::string port = std::to_string(ntohs(address.sin_port));
  Error refused =
      error_of("auto " + (sharded() / "shard-1").string() + "\nremote 127.0.0.1:" + port + "\n");
  ::close(sock);
  EXPECT_EQ(refused.kind(), ErrorKind::kShardUnavailable);
  EXPECT_NE(std::string(refused.what()).find("shard 127.0.0.1:" + port + " (line 2 of"),
            std::string::npos)
      << refused.what();
}

// The remote shard's server dies between two searches: the search after says which shard did
// not answer, and once it can be reached again the next one answers in full.
TEST_F(Shards, ASearcherRecoversWhenAShardComesBack) {
  if (!fs::exists(kProgsrv))
    GTEST_SKIP() << "xapian-progsrv is missing (apt-get install xapian-tools)";
  Searcher remote(remote_stub(), test::gazetteers());
  const std::size_t total = remote.search(request("trafficking")).total;
  // Kill the servers this process started (Xapian runs one xapian-progsrv per shard connection).
  std::size_t killed = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string pid, comm, state;
    long parent = 0;
    if (!(stat >> pid >> comm >> state >> parent)) continue;
    if (parent == ::getpid() && comm == "(xapian-progsrv)") {
      ::kill(static_cast<pid_t>(std::stol(pid)), SIGKILL);
      ::waitpid(static_cast<pid_t>(std::stol(pid)), nullptr, 0);
      ++killed;
    }
  }
  ASSERT_GT(killed, 0u);
  try {
    remote.search(request("trafficking"));
    ADD_FAILURE() << "a search over dead shards answered";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kShardUnavailable);
    EXPECT_NE(std::string(e.what()).find("did not answer"), std::string::npos) << e.what();
  }
  EXPECT_EQ(remote.search(request("trafficking")).total, total);
}

// Read replicas: xapian-replicate keeps a copy of the master in step; a searcher open on the copy
// sees each replicated commit, and a full copy (which switches the replica's stub to a new
// folder), without being opened again.
TEST(Replica, ASearcherOnAReplicaSeesTheMastersCommits) {
  const char* server_program = "/usr/bin/xapian-replicate-server";
  const char* client_program = "/usr/bin/xapian-replicate";
  if (!fs::exists(server_program) || !fs::exists(client_program)) {
    GTEST_SKIP() << "xapian-tools is not installed";
  }
  const fs::path dir = test::scratch_dir("replica");
  const fs::path archive = dir / "archive";
  fs::create_directories(archive);
  std::vector<fs::path> reports;
  for (const auto& entry : fs::recursive_directory_iterator(test::samples_dir())) {
    if (entry.path().extension() == ".txt") reports.push_back(entry.path());
  }
  std::sort(reports.begin(), reports.end());
  ASSERT_GT(reports.size(), 20u);
  const auto add_reports = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      fs::copy_file(reports[i], archive / (std::to_string(i) + ".txt"));
    }
    // The master keeps changesets for replicas only when told to (Xapian reads this when the
    // writer opens the index).
    ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
    IndexOptions options;
    options.db = dir / "master" / "db";
    options.roots = {archive};
    index_archive(options, test::gazetteers(), nullptr);
    ::unsetenv("XAPIAN_MAX_CHANGESETS");
  };
  add_reports(0, 5);

  // The master's server.
  const Server server =
      Server::start(server_program, {"-I", "127.0.0.1"}, {(dir / "master").string()});
  ASSERT_TRUE(server.running()) << "xapian-replicate-server did not start";
  const std::string port = server.port();
  const fs::path replica = dir / "replica";
  const auto replicate = [&](const std::string& extra) {
    const std::string command = std::string(client_program) + " -h 127.0.0.1 -p " + port +
                                " -m db -o -q " + extra + " " + replica.string();
    return std::system(command.c_str());
  };
  ASSERT_EQ(replicate(""), 0);
  Searcher searcher(replica, test::gazetteers());
  SearchRequest all;
  all.limit = 0;
  EXPECT_EQ(searcher.search(all).total, 5u);
  add_reports(5, 12);  // changesets
  ASSERT_EQ(replicate(""), 0);
  EXPECT_EQ(searcher.search(all).total, 12u);
  add_reports(12, 15);  // a full copy into a new folder
  ASSERT_EQ(replicate("-f"), 0);
  EXPECT_EQ(searcher.search(all).total, 15u);
}

}  // namespace
}  // namespace dossier
