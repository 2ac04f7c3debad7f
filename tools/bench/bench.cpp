// dossier-bench: the in-process half of tools/bench/run.
//
//   dossier-bench export --db DOSSIER_INDEX --out RECORDS --script XAPIAN_IDX
//       Writes every indexed report as a scriptindex record, and the scriptindex script that
//       indexes them: the peers index the same text and the same facet values dossier found. The
//       facets, their prefixes and slots come from dossier's schema table.
//   dossier-bench fts5-index --records RECORDS --db FILE.sqlite
//       Builds the SQLite FTS5 peer from those records.
//   dossier-bench search --engine dossier|xapian|fts5 --db PATH --queries FILE
//       Runs every query of a query log (URL query strings, as gen-corpus writes them) and prints
//       one tab-separated line: engine, queries, errors, p50, p95, p99 and mean latency in ms,
//       and the mean number of matches.
//   dossier-bench rank --engine dossier|xapian|fts5 --db PATH --queries QUERIES.tsv --out RUN
//       Answers every query of a judged set (docs/relevance.md) with the engine's ten best
//       reports, the way a plain application of it would: dossier as its users search; Xapian's
//       QueryParser with the default OR and BM25; SQLite FTS5 with bm25, all words, else any.
//   dossier-bench score --queries QUERIES.tsv --judgments JUDGMENTS.tsv NAME=RUN...
//       nDCG@10, MRR@10 and the zero-result rate of each run, the development and the held-out
//       queries apart, as a Markdown table.
//   dossier-bench pool --queries QUERIES.tsv --judgments JUDGMENTS.tsv RUN...
//       The reports in some run's first ten that have no judgment yet, for assessors to grade.
//
// Every engine does the same work per query: match with the filters applied, count every facet of
// dossier's schema exactly over all matches (a facet with a selected value over the other
// filters only), and return the ten best hits with a snippet each.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <sqlite3.h>
#include <xapian.h>
#include <CLI/CLI.hpp>

#include "corpus/gazetteers.h"
#include "corpus/report_codec.h"
#include "corpus/schema.h"
#include "relevance.h"
#include "searcher/request.h"
#include "searcher/search.h"

namespace fs = std::filesystem;

namespace dossier::bench {
namespace {

constexpr std::size_t kHitsPerPage = 10;

// ---------------------------------------------------------------------------------------------
// The query log.

struct BenchQuery {
  std::string text;
  Parameters parameters;                                    // as the log line gives them
  std::map<std::string, std::vector<std::string>> filters;  // the filters among them, by name
};

std::string url_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<BenchQuery> read_queries(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<BenchQuery> queries;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    BenchQuery query;
    std::size_t start = 0;
    while (start <= line.size()) {
      const std::size_t end = std::min(line.find('&', start), line.size());
      const std::string_view pair(line.data() + start, end - start);
      const std::size_t eq = pair.find('=');
      if (eq != std::string_view::npos) {
        const std::string name(pair.substr(0, eq));
        std::string value = url_decode(pair.substr(eq + 1));
        query.parameters.emplace_back(name, value);
        if (name == "q") {
          query.text = std::move(value);
        } else {
          query.filters[name].push_back(std::move(value));
        }
      }
      start = end + 1;
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

// ---------------------------------------------------------------------------------------------
// Records: the scriptindex input format ("name=value" lines, "=" continues a value, a blank line
// ends a record).

using Record = std::vector<std::pair<std::string, std::string>>;

// A facet as the peers store it: dossier's prefix and value slot, and whether a report may have
// several values (then the SQLite peer keeps them in a table of its own).
struct FacetColumn {
  std::string name;  // query-log filter name and record field
  std::string prefix;
  Xapian::valueno slot;
  bool multi;
};

// Every facet of dossier's schema table.
const std::vector<FacetColumn>& facet_columns() {
  static const std::vector<FacetColumn> kColumns = [] {
    std::vector<FacetColumn> columns;
    for (const schema::Field& field : schema::fields()) {
      if (!field.facet_slot || !field.exposed(schema::kFacet)) continue;
      columns.push_back({std::string(field.name), std::string(field.prefix), *field.facet_slot,
                         field.json == schema::JsonForm::kStringList});
    }
    return columns;
  }();
  return kColumns;
}

// The scriptindex script for the records export_records() writes: the fields dossier indexes,
// positions on. Keyword fields become boolean terms to filter on (lower-cased, as dossier's) and,
// joined with "|", a value slot to count the facet from (the slots dossier uses).
std::string xapian_index_script() {
  std::string script =
      "# scriptindex script for the Xapian peer, made by dossier-bench from dossier's schema.\n"
      "id : field boolean=Q unique=Q\n"
      "title : field index=S index\n"
      "text : field index\n";
  for (const FacetColumn& f : facet_columns()) {
    script += f.name + " : lower boolean=" + f.prefix + "\n";
    script += f.name + "_all : value=" + std::to_string(f.slot) + "\n";
  }
  return script;
}

void write_record(std::ostream& out, const Record& record) {
  for (const auto& [name, value] : record) {
    out << name << '=';
    for (char c : value) {
      out << c;
      if (c == '\n') out << '=';
    }
    out << '\n';
  }
  out << '\n';
}

// Calls `each` with every record of `file`.
void read_records(const fs::path& file, const std::function<void(const Record&)>& each) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  Record record;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) {
      if (!record.empty()) each(record);
      record.clear();
    } else if (line[0] == '=' && !record.empty()) {
      record.back().second += '\n';
      record.back().second.append(line, 1);
    } else if (const std::size_t eq = line.find('='); eq != std::string::npos) {
      record.emplace_back(line.substr(0, eq), line.substr(eq + 1));
    }
  }
  if (!record.empty()) each(record);
}

int export_records(const fs::path& db_path, const fs::path& out_path, const fs::path& script_path) {
  std::ofstream(script_path) << xapian_index_script();
  Xapian::Database db(db_path.string());
  std::ofstream out(out_path, std::ios::binary);
  std::size_t written = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Report report = decode_report(db.get_document(*it).get_data());
    Record record = {{"id", report.id}, {"title", report.title}};
    std::string body;
    for (const Paragraph& p : report.paragraphs) {
      if (!body.empty()) body += '\n';
      body += p.text;
    }
    record.emplace_back("text", std::move(body));
    for (const schema::Field& field : schema::fields()) {
      if (!field.facet_slot || !field.exposed(schema::kFacet)) continue;
      const std::string name(field.name);
      std::string joined;
      for (const std::string& v : field.values(report)) {
        record.emplace_back(name, v);
        joined += (joined.empty() ? "" : "|") + v;
      }
      if (!joined.empty()) record.emplace_back(name + "_all", joined);
    }
    write_record(out, record);
    ++written;
  }
  if (!out) throw std::runtime_error("cannot write " + out_path.string());
  std::cerr << "exported " << written << " reports\n";
  return 0;
}

// ---------------------------------------------------------------------------------------------
// SQLite FTS5.

class Sqlite {
 public:
  explicit Sqlite(const fs::path& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path.string() + ": " + sqlite3_errmsg(db_));
    }
  }
  ~Sqlite() { sqlite3_close(db_); }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string what = message ? message : "?";
      sqlite3_free(message);
      throw std::runtime_error("sqlite: " + what + " in: " + sql);
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error("sqlite: " + std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    }
    return statement;
  }
  // Runs a statement with text parameters; `row` is called per result row.
  void query(const std::string& sql, const std::vector<std::string>& parameters,
             const std::function<void(sqlite3_stmt*)>& row = {}) {
    sqlite3_stmt* statement = prepare(sql);
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      sqlite3_bind_text(statement, static_cast<int>(i + 1), parameters[i].c_str(), -1,
                        SQLITE_TRANSIENT);
    }
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
      if (row) row(statement);
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) {
      throw std::runtime_error("sqlite: " + std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

int fts5_index(const fs::path& records, const fs::path& db_path) {
  fs::remove(db_path);
  Sqlite db(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  db.exec("CREATE VIRTUAL TABLE doc USING fts5(title, body, tokenize='porter unicode61')");
  std::string columns;
  for (const FacetColumn& f : facet_columns()) {
    if (!f.multi) columns += std::string(", ") + f.name + " TEXT";
  }
  db.exec("CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT" + columns + ")");
  db.exec("CREATE TABLE facet(rowid INTEGER, field TEXT, value TEXT)");
  db.exec("BEGIN");
  sqlite3_stmt* insert_doc = db.prepare("INSERT INTO doc(rowid, title, body) VALUES (?, ?, ?)");
  std::string meta_sql = "INSERT INTO meta VALUES (?, ?";
  for (const FacetColumn& f : facet_columns()) {
    if (!f.multi) meta_sql += ", ?";
  }
  sqlite3_stmt* insert_meta = db.prepare(meta_sql + ")");
  sqlite3_stmt* insert_facet = db.prepare("INSERT INTO facet VALUES (?, ?, ?)");
  sqlite3_int64 rowid = 0;
  auto step = [](sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) throw std::runtime_error("sqlite insert failed");
    sqlite3_reset(s);
  };
  read_records(records, [&](const Record& record) {
    ++rowid;
    auto field = [&](std::string_view name) -> std::string {
      for (const auto& [n, v] : record) {
        if (n == name) return v;
      }
      return {};
    };
    sqlite3_bind_int64(insert_doc, 1, rowid);
    const std::string title = field("title"), body = field("text");
    sqlite3_bind_text(insert_doc, 2, title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_doc, 3, body.c_str(), -1, SQLITE_TRANSIENT);
    step(insert_doc);
    sqlite3_bind_int64(insert_meta, 1, rowid);
    const std::string id = field("id");
    sqlite3_bind_text(insert_meta, 2, id.c_str(), -1, SQLITE_TRANSIENT);
    int column = 3;
    for (const FacetColumn& f : facet_columns()) {
      if (f.multi) {
        for (const auto& [n, v] : record) {
          if (n != f.name) continue;
          sqlite3_bind_int64(insert_facet, 1, rowid);
          sqlite3_bind_text(insert_facet, 2, f.name.c_str(), -1, SQLITE_STATIC);
          sqlite3_bind_text(insert_facet, 3, v.c_str(), -1, SQLITE_TRANSIENT);
          step(insert_facet);
        }
      } else {
        const std::string v = field(f.name);
        sqlite3_bind_text(insert_meta, column++, v.c_str(), -1, SQLITE_TRANSIENT);
      }
    }
    step(insert_meta);
  });
  sqlite3_finalize(insert_doc);
  sqlite3_finalize(insert_meta);
  sqlite3_finalize(insert_facet);
  db.exec("COMMIT");
  db.exec("CREATE INDEX facet_by_row ON facet(rowid, field, value)");
  db.exec("CREATE INDEX facet_by_value ON facet(field, value, rowid)");
  for (const FacetColumn& f : facet_columns()) {
    if (!f.multi) db.exec(std::string("CREATE INDEX meta_") + f.name + " ON meta(" + f.name + ")");
  }
  db.exec("INSERT INTO doc(doc) VALUES ('optimize')");
  std::cerr << "indexed " << rowid << " reports\n";
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Engines.

class Engine {
 public:
  virtual ~Engine() = default;
  // Runs one query; returns the number of matches.
  virtual std::size_t run(const BenchQuery& query) = 0;
};

class DossierEngine : public Engine {
 public:
  explicit DossierEngine(const fs::path& db)
      : gazetteers_(Gazetteers::load()), searcher_(db, gazetteers_) {}
  std::size_t run(const BenchQuery& query) override {
    // The query log is what the API takes: the same parser reads it.
    SearchRequest request = parse_search(query.parameters, kHttp).request;
    request.limit = kHitsPerPage;
    return searcher_.search(request).total;
  }

 private:
  Gazetteers gazetteers_;
  Searcher searcher_;
};

// Counts the values of a "|"-joined value slot over every document it sees.
class SplitValueCounter : public Xapian::MatchSpy {
 public:
  explicit SplitValueCounter(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string joined = doc.get_value(slot_);
    if (joined.empty()) return;
    for (std::size_t start = 0;;) {
      const std::size_t end = joined.find('|', start);
      ++counts_[joined.substr(start, end == std::string::npos ? std::string::npos : end - start)];
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  const std::map<std::string, std::size_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, std::size_t> counts_;
};

// What a Xapian application does without dossier: QueryParser, filters as boolean terms, a
// match spy per facet, MSet::snippet on the stored body.
class XapianEngine : public Engine {
 public:
  explicit XapianEngine(const fs::path& db) : db_(db.string()), stemmer_("english") {
    parser_.set_database(db_);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.add_prefix("title", "S");
  }

  std::size_t run(const BenchQuery& query) override {
    const Xapian::Query text =
        query.text.empty()
            ? Xapian::Query::MatchAll
            : parser_.parse_query(query.text, Xapian::QueryParser::FLAG_DEFAULT |
                                                  Xapian::QueryParser::FLAG_WILDCARD);
    std::map<std::string, Xapian::Query> filters;
    for (const auto& [name, values] : query.filters) {
      const FacetColumn* facet = find(name);
      if (facet == nullptr) continue;
      std::vector<Xapian::Query> terms;
      for (const std::string& v : values) terms.emplace_back(facet->prefix + lower(v));
      filters.emplace(name, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    }
    auto filtered = [&](const std::string& except) {
      std::vector<Xapian::Query> parts;
      for (const auto& [name, filter] : filters) {
        if (name != except) parts.push_back(filter);
      }
      if (parts.empty()) return text;
      return Xapian::Query(Xapian::Query::OP_FILTER, text,
                           Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
    };
    const Xapian::doccount everything = db_.get_doccount();
    Xapian::Enquire enquire(db_);
    enquire.set_query(filtered(""));
    std::vector<std::unique_ptr<SplitValueCounter>> spies;
    for (const FacetColumn& f : facet_columns()) {
      if (filters.contains(f.name)) continue;
      spies.push_back(std::make_unique<SplitValueCounter>(f.slot));
      enquire.add_matchspy(spies.back().get());
    }
    const Xapian::MSet mset = enquire.get_mset(0, kHitsPerPage, everything);
    for (const auto& [name, filter] : filters) {
      Xapian::Enquire facet_enquire(db_);
      facet_enquire.set_query(filtered(name));
      facet_enquire.set_weighting_scheme(Xapian::BoolWeight());
      SplitValueCounter spy(find(name)->slot);
      facet_enquire.add_matchspy(&spy);
      facet_enquire.get_mset(0, 0, everything);
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string data = it.get_document().get_data();
      const std::size_t body = data.find("\ntext=");
      std::string text = body == std::string::npos ? data : data.substr(body + 6);
      const std::string snippet = mset.snippet(text, 300, stemmer_);
      if (snippet.empty() && !text.empty()) ++empty_snippets_;
    }
    return mset.get_matches_estimated();
  }

 private:
  static const FacetColumn* find(std::string_view name) {
    for (const FacetColumn& f : facet_columns()) {
      if (name == f.name) return &f;
    }
    return nullptr;
  }
  static std::string lower(std::string text) {
    for (char& c : text) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return text;
  }

  Xapian::Database db_;
  Xapian::Stem stemmer_;
  Xapian::QueryParser parser_;
  std::size_t empty_snippets_ = 0;
};

// SQLite FTS5: MATCH for the text, the filters as IN-subqueries on the facet tables, GROUP BY
// per facet over the matching rows, ORDER BY rank with snippet() for the page.
class Fts5Engine : public Engine {
 public:
  explicit Fts5Engine(const fs::path& db) : db_(db, SQLITE_OPEN_READWRITE) {
    db_.exec("PRAGMA temp_store=MEMORY");
  }

  std::size_t run(const BenchQuery& query) override {
    std::vector<std::string> parameters;
    const std::string match =
        query.text.empty() ? "SELECT rowid FROM meta" : "SELECT rowid FROM doc WHERE doc MATCH ?1";
    if (!query.text.empty()) parameters.push_back(query.text);
    auto condition = [&](const std::string& except) {
      std::string where;
      for (const auto& [name, values] : query.filters) {
        if (name == except) continue;
        const FacetColumn* facet = nullptr;
        for (const FacetColumn& f : facet_columns()) {
          if (name == f.name) facet = &f;
        }
        if (facet == nullptr) continue;
        std::string list;
        for (const std::string& v : values) {
          list += (list.empty() ? "" : ", ") + quoted(v);
        }
        where += " AND m.rowid IN (";
        where += facet->multi ? "SELECT rowid FROM facet WHERE field = '" +
                                    std::string(facet->name) + "' AND value IN (" + list + ")"
                              : "SELECT rowid FROM meta WHERE " + std::string(facet->name) +
                                    " IN (" + list + ")";
        where += ")";
      }
      return where;
    };
    // The matching rows with every filter applied, once; facets without a selection count them.
    db_.exec("DROP TABLE IF EXISTS temp.hits");
    const std::string fill =
        "CREATE TEMP TABLE hits AS SELECT m.rowid AS rowid FROM meta m "
        "WHERE m.rowid IN (" +
        match + ")" + condition("");
    db_.query(fill, parameters);
    std::size_t total = 0;
    db_.query("SELECT count(*) FROM temp.hits", {}, [&](sqlite3_stmt* s) {
      total = static_cast<std::size_t>(sqlite3_column_int64(s, 0));
    });
    for (const FacetColumn& f : facet_columns()) {
      const bool selected = query.filters.contains(f.name);
      const std::string rows = selected ? "SELECT m.rowid FROM meta m WHERE m.rowid IN (" + match +
                                              ")" + condition(f.name)
                                        : "SELECT rowid FROM temp.hits";
      const std::string sql =
          f.multi ? "SELECT value, count(*) FROM facet WHERE field = '" + std::string(f.name) +
                        "' AND rowid IN (" + rows + ") GROUP BY value"
                  : "SELECT " + std::string(f.name) + ", count(*) FROM meta WHERE rowid IN (" +
                        rows + ") GROUP BY " + f.name;
      db_.query(sql, selected ? parameters : std::vector<std::string>{}, [](sqlite3_stmt*) {});
    }
    if (query.text.empty()) {
      db_.query("SELECT m.id FROM meta m WHERE m.rowid IN (SELECT rowid FROM temp.hits) LIMIT 10",
                {});
    } else {
      // "+rowid": without it FTS5 takes the IN list as rowids to look up one by one, and
      // re-runs the MATCH for each (seconds on common words, instead of milliseconds).
      db_.query(
          "SELECT rowid, title, snippet(doc, 1, '[', ']', '…', 40) FROM doc WHERE doc MATCH "
          "?1 AND +rowid IN (SELECT rowid FROM temp.hits) ORDER BY rank LIMIT 10",
          parameters, [](sqlite3_stmt*) {});
    }
    return total;
  }

 private:
  static std::string quoted(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
      out += c;
      if (c == '\'') out += '\'';
    }
    return out + "'";
  }
  // FTS5's MATCH syntax takes the query log's forms as they are: words (ANDed), "phrases",
  // OR and NOT.
  Sqlite db_;
};

// ---------------------------------------------------------------------------------------------
// Relevance: each engine's ten best reports for the queries of a judged set.

class Ranker {
 public:
  virtual ~Ranker() = default;
  // Throws on a query the engine refuses (the caller counts it as answered with nothing).
  virtual Ranking rank(const std::string& text) = 0;
};

// dossier as its users search: the query as typed, every rule of the searcher on.
class DossierRanker : public Ranker {
 public:
  explicit DossierRanker(const fs::path& db)
      : gazetteers_(Gazetteers::load()), searcher_(db, gazetteers_) {}
  Ranking rank(const std::string& text) override {
    SearchRequest request = parse_search({{"q", text}}, kHttp).request;
    request.limit = kDepth;
    request.count_facets = false;
    const SearchResult result = searcher_.search(request);
    Ranking ranking;
    ranking.total = result.total;
    for (const Hit& hit : result.hits) ranking.ids.push_back(hit.id);
    return ranking;
  }

 private:
  Gazetteers gazetteers_;
  Searcher searcher_;
};

// A plain Xapian application over the scriptindex peer: QueryParser with the default OR,
// English stemming, BM25.
class XapianRanker : public Ranker {
 public:
  explicit XapianRanker(const fs::path& db) : db_(db.string()), stemmer_("english") {
    parser_.set_database(db_);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_OR);
  }
  Ranking rank(const std::string& text) override {
    Xapian::Enquire enquire(db_);
    enquire.set_query(parser_.parse_query(text));
    const Xapian::MSet mset = enquire.get_mset(0, kDepth);
    Ranking ranking;
    ranking.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string data = it.get_document().get_data();
      const std::size_t at = data.find("id=");
      if (at == std::string::npos) continue;
      ranking.ids.push_back(data.substr(at + 3, data.find('\n', at) - at - 3));
    }
    return ranking;
  }

 private:
  Xapian::Database db_;
  Xapian::Stem stemmer_;
  Xapian::QueryParser parser_;
};

// SQLite FTS5 over its peer index: the query's words all (FTS5's default), and when nothing
// has them all, any of them; ranked by FTS5's bm25.
class Fts5Ranker : public Ranker {
 public:
  explicit Fts5Ranker(const fs::path& db) : db_(db, SQLITE_OPEN_READONLY) {}
  Ranking rank(const std::string& text) override {
    const std::vector<std::string> words = words_of(text);
    if (words.empty()) return {};
    Ranking ranking = match(joined(words, " "));
    if (ranking.total == 0) ranking = match(joined(words, " OR "));
    return ranking;
  }

 private:
  // Runs of letters and digits (any byte above ASCII counts as a letter, as unicode61 reads
  // them), each quoted so that FTS5 reads no operator into them.
  static std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || u >= 0x80) {
        word += c;
      } else if (!word.empty()) {
        words.push_back('"' + word + '"');
        word.clear();
      }
    }
    if (!word.empty()) words.push_back('"' + word + '"');
    return words;
  }
  static std::string joined(const std::vector<std::string>& words, const std::string& glue) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : glue) + w;
    return out;
  }
  Ranking match(const std::string& expression) {
    Ranking ranking;
    db_.query("SELECT count(*) FROM doc WHERE doc MATCH ?1", {expression}, [&](sqlite3_stmt* s) {
      ranking.total = static_cast<std::size_t>(sqlite3_column_int64(s, 0));
    });
    db_.query(
        "SELECT meta.id FROM doc JOIN meta ON meta.rowid = doc.rowid WHERE doc MATCH ?1 "
        "ORDER BY rank LIMIT " +
            std::to_string(kDepth),
        {expression}, [&](sqlite3_stmt* s) {
          ranking.ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        });
    return ranking;
  }
  Sqlite db_;
};

std::vector<JudgedQuery> load_judged_queries(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return read_judged_queries(in, file.string());
}

Judgments load_judgments(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return read_judgments(in, file.string());
}

RankedRun load_run(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return read_run(in, file.string());
}

int run_rank(const std::string& engine_name, const fs::path& db, const fs::path& queries_file,
             const fs::path& out_path) {
  const std::vector<JudgedQuery> queries = load_judged_queries(queries_file);
  std::unique_ptr<Ranker> ranker;
  if (engine_name == "dossier") {
    ranker = std::make_unique<DossierRanker>(db);
  } else if (engine_name == "xapian") {
    ranker = std::make_unique<XapianRanker>(db);
  } else if (engine_name == "fts5") {
    ranker = std::make_unique<Fts5Ranker>(db);
  } else {
    throw std::runtime_error("unknown engine " + engine_name);
  }
  std::ofstream out(out_path);
  for (const JudgedQuery& q : queries) {
    Ranking ranking;
    try {
      ranking = ranker->rank(q.text);
    } catch (const std::exception& e) {
      std::cerr << engine_name << ": " << q.qid << " \"" << q.text << "\": " << e.what() << "\n";
    } catch (const Xapian::Error& e) {
      std::cerr << engine_name << ": " << q.qid << " \"" << q.text << "\": " << e.get_description()
                << "\n";
    }
    write_run_line(out, q.qid, ranking);
  }
  if (!out) throw std::runtime_error("cannot write " + out_path.string());
  return 0;
}

int run_score(const fs::path& queries_file, const fs::path& judgments_file,
              const std::vector<std::string>& named_runs) {
  const std::vector<JudgedQuery> queries = load_judged_queries(queries_file);
  const Judgments judgments = load_judgments(judgments_file);
  std::printf("| engine | queries | nDCG@10 | MRR@10 | zero results | judged@10 |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  for (const std::string& split : {std::string("dev"), std::string("heldout")}) {
    for (const std::string& named : named_runs) {
      const std::size_t eq = named.find('=');
      if (eq == std::string::npos) throw std::runtime_error("expected NAME=RUN, got " + named);
      const Measures m = score(queries, judgments, load_run(named.substr(eq + 1)), split);
      std::printf("| %s (%s) | %zu | %.3f | %.3f | %.0f%% | %.0f%% |\n",
                  named.substr(0, eq).c_str(), split == "dev" ? "development" : "held out",
                  m.queries, m.ndcg, m.mrr, 100 * m.zero_results, 100 * m.judged);
    }
  }
  return 0;
}

int run_pool(const fs::path& queries_file, const fs::path& judgments_file,
             const std::vector<std::string>& runs) {
  const std::vector<JudgedQuery> queries = load_judged_queries(queries_file);
  const Judgments judgments = load_judgments(judgments_file);
  std::vector<RankedRun> loaded;
  for (const std::string& file : runs) loaded.push_back(load_run(file));
  for (const JudgedQuery& q : queries) {
    std::set<std::string> listed;
    const auto judged = judgments.find(q.qid);
    for (const RankedRun& run : loaded) {
      const auto ranked = run.find(q.qid);
      if (ranked == run.end()) continue;
      for (std::size_t i = 0; i < std::min(kDepth, ranked->second.ids.size()); ++i) {
        const std::string& id = ranked->second.ids[i];
        if (judged != judgments.end() && judged->second.contains(id)) continue;
        if (listed.insert(id).second)
          std::printf("%s\t%s\t%s\n", q.qid.c_str(), id.c_str(), q.text.c_str());
      }
    }
  }
  return 0;
}

int run_search(const std::string& engine_name, const fs::path& db, const fs::path& queries_file,
               std::size_t warmup) {
  const std::vector<BenchQuery> queries = read_queries(queries_file);
  std::unique_ptr<Engine> engine;
  if (engine_name == "dossier") {
    engine = std::make_unique<DossierEngine>(db);
  } else if (engine_name == "xapian") {
    engine = std::make_unique<XapianEngine>(db);
  } else if (engine_name == "fts5") {
    engine = std::make_unique<Fts5Engine>(db);
  } else {
    throw std::runtime_error("unknown engine " + engine_name);
  }
  std::size_t errors = 0;
  auto run_one = [&](const BenchQuery& q) -> std::size_t {
    try {
      return engine->run(q);
    } catch (const std::exception& e) {
      if (errors++ < 3) std::cerr << engine_name << ": \"" << q.text << "\": " << e.what() << "\n";
      return 0;
    } catch (const Xapian::Error& e) {
      if (errors++ < 3) {
        std::cerr << engine_name << ": \"" << q.text << "\": " << e.get_description() << "\n";
      }
      return 0;
    }
  };
  for (std::size_t i = 0; i < std::min(warmup, queries.size()); ++i) run_one(queries[i]);
  errors = 0;
  std::vector<double> latencies;
  double matches = 0;
  for (const BenchQuery& q : queries) {
    const auto started = std::chrono::steady_clock::now();
    matches += static_cast<double>(run_one(q));
    latencies.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count());
  }
  if (latencies.empty()) throw std::runtime_error("no queries in " + queries_file.string());
  std::vector<double> sorted = latencies;
  std::sort(sorted.begin(), sorted.end());
  auto percentile = [&](double p) {
    const std::size_t at =
        std::min(sorted.size() - 1, static_cast<std::size_t>(p / 100.0 * sorted.size()));
    return sorted[at];
  };
  double sum = 0;
  for (double l : latencies) sum += l;
  std::printf("%s\t%zu\t%zu\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\n", engine_name.c_str(), queries.size(),
              errors, percentile(50), percentile(95), percentile(99), sum / latencies.size(),
              matches / static_cast<double>(queries.size()));
  return 0;
}

}  // namespace
}  // namespace dossier::bench

int main(int argc, char** argv) {
  using namespace dossier::bench;
  CLI::App app{"In-process benchmarks of dossier and its peers (see tools/bench/run)"};
  app.require_subcommand(1);
  std::string db, out, script, records, queries, engine = "dossier";
  std::size_t warmup = 50;
  CLI::App* exp = app.add_subcommand("export", "Write a dossier index as scriptindex records");
  exp->add_option("--db", db, "dossier index")->required();
  exp->add_option("--out", out, "records file")->required();
  exp->add_option("--script", script, "the scriptindex script to write for the records")
      ->required();
  CLI::App* fts = app.add_subcommand("fts5-index", "Build the SQLite FTS5 peer from records");
  fts->add_option("--records", records, "records file")->required();
  fts->add_option("--db", db, "SQLite database to create")->required();
  CLI::App* search = app.add_subcommand("search", "Time a query log against one engine");
  search->add_option("--engine", engine, "dossier, xapian or fts5")->required();
  search->add_option("--db", db, "the engine's index")->required();
  search->add_option("--queries", queries, "query log")->required();
  search->add_option("--warmup", warmup, "queries run once before timing")->capture_default_str();
  std::string judgments;
  std::vector<std::string> runs;
  CLI::App* rank = app.add_subcommand("rank", "Answer a judged query set with one engine");
  rank->add_option("--engine", engine, "dossier, xapian or fts5")->required();
  rank->add_option("--db", db, "the engine's index")->required();
  rank->add_option("--queries", queries, "judged queries (TSV)")->required();
  rank->add_option("--out", out, "run file to write")->required();
  CLI::App* scoring = app.add_subcommand("score", "Score runs against the judgments");
  scoring->add_option("--queries", queries, "judged queries (TSV)")->required();
  scoring->add_option("--judgments", judgments, "judgments (TSV)")->required();
  scoring->add_option("runs", runs, "NAME=RUN_FILE, one per engine")->required();
  CLI::App* pool = app.add_subcommand("pool", "List unjudged reports in the runs' first ten");
  pool->add_option("--queries", queries, "judged queries (TSV)")->required();
  pool->add_option("--judgments", judgments, "judgments (TSV)")->required();
  pool->add_option("runs", runs, "run files")->required();
  CLI11_PARSE(app, argc, argv);
  try {
    if (app.got_subcommand(exp)) return export_records(db, out, script);
    if (app.got_subcommand(fts)) return fts5_index(records, db);
    if (app.got_subcommand(rank)) return run_rank(engine, db, queries, out);
    if (app.got_subcommand(scoring)) return run_score(queries, judgments, runs);
    if (app.got_subcommand(pool)) return run_pool(queries, judgments, runs);
    return run_search(engine, db, queries, warmup);
  } catch (const std::exception& e) {
    std::cerr << "dossier-bench: " << e.what() << "\n";
    return 1;
  } catch (const Xapian::Error& e) {
    std::cerr << "dossier-bench: " << e.get_description() << "\n";
    return 1;
  }
}
