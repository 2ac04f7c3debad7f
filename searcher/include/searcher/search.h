#pragma once
// The search model: one request type, one result type, rendered by render.h into every format.
//
// Threading: a Searcher holds an open read-only Xapian database and is not thread-safe; give each
// thread its own. It reopens the database when an index run has committed meanwhile.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpus/gazetteers.h"
#include "corpus/report.h"
#include "corpus/schema.h"

namespace dossier {

enum class SortOrder { kRelevance, kDateNewest, kDateOldest };

// What to search for. Built by parse_search_request() (searcher/request.h) from the parameters
// of any surface, or directly.
struct SearchRequest {
  std::string query;  // the query language of docs/query-language.md; empty browses
  // Filters on the schema's filter fields, values as users type them ("Kazakhstan", "KZ",
  // "2001..2004"): values are ORed within a field and the fields ANDed.
  std::map<schema::FieldId, std::vector<std::string>> filters;
  // State bodies or organizations with any of these names (either kind), ANDed with the rest.
  std::vector<std::string> entities;
  SortOrder sort = SortOrder::kRelevance;
  std::size_t offset = 0;
  std::size_t limit = 10;
  bool count_facets = true;
  // Values listed per facet (the selected ones always); 0 = all. A request made by parse_search
  // lists kDefaultFacetValues unless it says otherwise.
  std::size_t facet_limit = 0;
  std::size_t passages = 0;  // best matching paragraphs to list per hit (0: the snippet only)
  // One hit per group of reports with identical bodies (the best ranked); the total then counts
  // groups. Facets still count every report.
  bool collapse_duplicates = false;
  bool explain = false;  // fill SearchResult::explanation
};

// A span [begin, end) of UTF-8 bytes in a text, to be marked.
struct Highlight {
  std::size_t begin;
  std::size_t end;
};

struct Snippet {
  int paragraph = 0;  // the paragraph it comes from (1-based); 0 when the report has none
  std::string label;  // that paragraph's label (Paragraph::label), "" when it has none
  std::string text;   // an excerpt of the paragraph; may start or end with "…"
  std::vector<Highlight> highlights;
  int page = 0;  // the page of the original it starts on (a PDF's); 0 when it has none
};

// A field of a hit: the report's values (and, for fields with a label key, their labels).
struct HitField {
  const schema::Field* field = nullptr;
  std::vector<std::string> values;
  std::vector<std::string> labels;  // value_label() of each value, when field->label_key is set
};

struct Hit {
  std::size_t rank = 0;  // 1-based position in the whole result list
  std::string id;
  double score = 0;  // relevance weight (0 when sorted by date with no query)
  Snippet snippet;
  std::vector<Snippet> passages;  // the best matching paragraphs, best first (when asked for)
  std::size_t duplicates = 0;     // with collapsing: other reports with the same body
  std::vector<std::string> duplicate_ids;  // with collapsing: their ids
  // In a list that goes on past the reports with every part of the query: the parts this one
  // lacks, as the query wrote them (SearchResult::complete).
  std::vector<std::string> lacks;
  // Every field the schema shows in hits (kHitField), in the table's order.
  std::vector<HitField> fields;

  // A field's values (empty for a field not shown in hits); its first value or "".
  const std::vector<std::string>& values(schema::FieldId id) const;
  const std::string& value(schema::FieldId id) const;
  // The first value's label, or the value when the field has no labels.
  const std::string& label(schema::FieldId id) const;
};

struct FacetValue {
  std::string value;  // what a filter takes ("KZ", "2004", "human-trafficking")
  std::string label;  // what a person reads ("Kazakhstan")
  std::size_t count = 0;
  std::string group;  // countries: their UN region ("Asia"), for grouping; else empty
};

struct Facet {
  std::string name;   // "country"
  std::string label;  // "Country"
  std::vector<FacetValue> values;
  // How many values have a report: more than values.size() when SearchRequest::facet_limit
  // cut the list.
  std::size_t distinct = 0;
};

struct SearchResult {
  std::string query;
  std::size_t total = 0;  // exact number of matching reports (of a partial list: see below)
  // When fewer than ten reports have every part of the query (every word, phrase or name it
  // ANDs), the list goes on with the reports that have most of them: `complete` says how many
  // have them all (they come first), `partial` that none has, and `left_out` names the parts
  // the first hit lacks. Each hit lists what it lacks (Hit::lacks). Such a list holds a hundred
  // reports at most, chosen by relevance whatever the order; `total` and the facets count them.
  std::optional<std::size_t> complete;
  bool partial = false;
  std::vector<std::string> left_out;
  // When no report has every word and some word is in no report: the query with those words
  // spelled as the index knows them, and how many reports it finds (never 0).
  struct Spelling {
    std::string query;
    std::size_t total = 0;
  };
  std::optional<Spelling> spelling;
  // With SearchRequest::explain: how the query was read, one sentence per rule that applied
  // ("labour" also as "labor", ...), and the Xapian query that ran.
  std::vector<std::string> explanation;
  std::string xapian_query;
  std::size_t offset = 0;
  std::size_t limit = 0;
  std::vector<Hit> hits;
  std::vector<Facet> facets;  // in schema order
  double took_ms = 0;
  // For citing a result list: the index revision it was read at, and a fingerprint (16 hex
  // digits) of the ids of its first 100 reports, in order, and its total.
  std::string revision;
  std::string fingerprint;
};

struct IndexStats {
  std::filesystem::path path;
  std::size_t reports = 0;
  std::size_t terms = 0;
  std::uintmax_t bytes_on_disk = 0;
  std::string revision;
  std::vector<Facet> facets;  // over the whole index
};

// A completion for what a user is typing.
struct Suggestion {
  std::string kind;    // "country", "state_body", "organization", "topic", "title", "term"
  std::string text;    // what to show
  std::string filter;  // for a facet value: the filter it stands for ("country"), else empty
  std::string value;   // that filter's value ("KZ"), or the report id of a title
};

// Where a fact of a country's dossier is stated: the report, the paragraph (its number, and the
// label a citation gives it), and the sentence.
struct StatedAt {
  std::string report;
  int paragraph = 0;
  std::string label;
  std::string sentence;
};

struct CountryTier {
  int year = 0;
  std::string tier;
  StatedAt at;
};

struct CountryRole {
  int year = 0;
  std::string role;
  StatedAt at;
};

struct CountryFlow {
  std::string from;  // an ISO code, a region's name, or "?" and a place as written
  std::string to;
  std::vector<std::string> purposes;
  std::vector<std::string> who;
  int year = 0;
  StatedAt at;
  std::string stated_by;  // the subject country of the report stating it (its ISO code)
  std::string from_name;  // how a person reads `from` and `to`: a country's name, a region, or
  std::string to_name;    // the words as written
};

// The trafficking facts a country's own reports state, oldest year first (then by report id),
// and the flows from or to it that other countries' reports state.
struct CountryFacts {
  std::string country;      // ISO code
  std::string name;         // display name
  std::size_t reports = 0;  // its own reports read (in the years asked for)
  std::vector<CountryTier> tiers;
  std::vector<CountryRole> roles;
  std::vector<CountryFlow> flows;
};

class FacetCache;  // searcher-internal: the facet tables of one index, by revision

// How long a remote shard may take to connect, and to answer each request.
inline constexpr std::chrono::milliseconds kDefaultShardTimeout{10000};

class Searcher {
 public:
  // Opens the index read-only. Throws Error{kIndexMissing} when there is none at `db`, or when
  // it was written by a version of dossier that stored reports in another form (searches throw
  // the same after a run of such a version).
  //
  // Facets are counted from a table of every report's facet values, read once per index
  // revision; searchers sharing a FacetCache (make_facet_cache) share those tables.
  //
  // `db` is an index folder, or a Xapian stub listing shards (a file, or a folder holding
  // XAPIANDB): local ones, and remote ones xapian-tcpsrv serves, each of which must answer
  // within `shard_timeout`, or the call throws Error{kShardUnavailable} naming it. After such an
  // error the next call connects again.
  Searcher(const std::filesystem::path& db, const Gazetteers& gazetteers,
           std::shared_ptr<FacetCache> facet_cache = nullptr,
           std::chrono::milliseconds shard_timeout = kDefaultShardTimeout);
  static std::shared_ptr<FacetCache> make_facet_cache();
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Throws Error{kBadQuery} (message says what and where) or Error{kInvalidArgument}.
  SearchResult search(const SearchRequest& request);
  // Throws Error{kNotFound} for an unknown id.
  Report report(const std::string& id);
  // The reports most like a report (by the words that set it apart from the archive, as a
  // Xapian relevance-feedback expansion), best first, at most `limit`; neither the report nor
  // its identical copies. Hits as a search's, each with a snippet of the words they share.
  // Throws Error{kNotFound} for an unknown id.
  std::vector<Hit> similar(const std::string& id, std::size_t limit = 10);
  // The report's citation key, unique in the index and the same on every run over the same
  // archive: its base key (citation_base_key()), made distinct among the reports that share it
  // by their order of publication date (undated first) and id (disambiguated_key()).
  std::string citation_key(const Report& report);
  // The ids of the other reports with exactly this report's body. Throws Error{kNotFound}.
  std::vector<std::string> identical_copies(const std::string& id);
  // The ids of the other files of the same report: identical copies, and the report in another
  // format (a PDF and its text copy, with the same symbol, or title, country and date). They
  // collapse into one hit. Throws Error{kNotFound}.
  std::vector<std::string> copies(const std::string& id);
  // Where the report's file was when it was indexed (absolute). Throws Error{kNotFound}.
  std::string original_path(const std::string& id);
  enum class StatsDetail { kCounts, kFull };  // kCounts: reports and revision only (cheap)
  IndexStats stats(StatsDetail detail = StatsDetail::kFull);
  // Where the query's words (and the entities it names) stand in each paragraph of a report:
  // paragraph number -> highlights, for showing a report with the query marked.
  std::map<int, std::vector<Highlight>> highlights(const Report& report, const std::string& query);
  // Completions for a prefix: countries, state bodies, organizations and topics whose names
  // have a word starting with it, report titles, and indexed words. At most `limit`.
  std::vector<Suggestion> suggest(const std::string& prefix, std::size_t limit = 10);
  // The facts the reports about a country state (corpus/facts.h), over `years` (values of the
  // year filter: "2004", "2004..2010"; all when empty). The country by code or any name. Throws
  // Error::in_parameter naming "country" or "years" for a value that names nothing.
  CountryFacts country_facts(const std::string& country, const std::vector<std::string>& years);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier
