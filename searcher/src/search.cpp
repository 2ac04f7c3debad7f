#include "searcher/search.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <xapian.h>

#include "corpus/citation_key.h"
#include "corpus/edits.h"
#include "corpus/error.h"
#include "corpus/hash.h"
#include "corpus/report_codec.h"
#include "corpus/schema.h"
#include "corpus/vocabulary.h"
#include "facet_table.h"
#include "filters.h"
#include "index_handle.h"
#include "query_parser.h"
#include "snippets.h"

namespace fs = std::filesystem;

namespace dossier {
namespace {

// A reader loses its revision when a writer commits twice while it reads. It then reads again
// from the latest revision, waiting a little longer each time (1 ms, doubling up to 50 ms) so
// that a run committing in quick succession leaves it a gap; an index run ends, so this ends.
// Only a writer that kept every read from finishing for this long gets an error.
constexpr auto kMaxReadRetrying = std::chrono::seconds(60);
constexpr auto kFirstReadBackoff = std::chrono::milliseconds(1);
constexpr auto kMaxReadBackoff = std::chrono::milliseconds(50);

// Retries of reads that lost their revision, bounded in time (see kMaxReadRetrying).
class ReadRetries {
 public:
  // Whether to read again; waits first.
  bool another() {
    const auto now = std::chrono::steady_clock::now();
    if (attempts_ == 0) started_ = now;
    if (now - started_ > kMaxReadRetrying) return false;
    std::this_thread::sleep_for(backoff_);
    backoff_ = std::min<std::chrono::milliseconds>(backoff_ * 2, kMaxReadBackoff);
    ++attempts_;
    return true;
  }
  int attempts() const { return attempts_; }

 private:
  std::chrono::steady_clock::time_point started_;
  std::chrono::milliseconds backoff_ = kFirstReadBackoff;
  int attempts_ = 0;
};
// No search may run longer than this; past it, Xapian stops matching and counts what it saw.
constexpr double kMatchTimeLimitSeconds = 5.0;
// A result list's fingerprint covers its first this many reports.
constexpr std::size_t kFingerprintDepth = 100;
// Phrase and paragraph boosts (ParsedQuery::phrase_boosts, paragraph_sides) rerank this many of
// the best matches.
constexpr std::size_t kPhraseBoostDepth = 100;
// A report gets this weight on top for each two words (or phrases) the query has side by side
// that it has in one paragraph (ParsedQuery::paragraph_sides): where they are together the report
// speaks of them together; scattered over a long report, it may only mention each. A fixed
// weight, not the words' own again (a report that uses them most would gain most), about a
// quarter of a rare word's: it orders reports of like relevance. Measured on the judged set
// (docs/relevance.md).
constexpr double kParagraphBoost = 0.5;
// A list that goes on past the complete reports (ParsedQuery::relaxed) holds this many reports
// at most: the complete ones, then the best others by how many of the query's parts they have.
constexpr std::size_t kPartialListLength = 100;
// When fewer reports than this (a page) have every part of a query, the list goes on with the
// reports that have most of them.
constexpr std::size_t kFillUpTo = 10;
// "More like this" looks for the reports with the most of this many of a report's most
// distinctive words.
constexpr Xapian::termcount kSimilarWords = 40;
// The weight a report about a country the query names gets on top of its text's (about that
// of one query word that a tenth of the reports have).
constexpr double kAboutCountryWeight = 2.0;

// One entry of a ranked result list.
struct Ranked {
  Xapian::docid doc = 0;
  double weight = 0;
  Xapian::doccount duplicates = 0;  // with collapsing: reports folded into this one
  // In a list that goes on past the reports with every part of the query: which parts
  // (ParsedQuery::parts) this one lacks, by index; empty when it has them all.
  std::vector<std::size_t> lacks;
};

// A fixed set of documents as a boolean query, to run a query over those documents only: their
// id terms, which every backend (remote shards too) matches.
Xapian::Query document_set(const std::vector<Xapian::docid>& docs, const FacetTable& table) {
  const std::string prefix(schema::field(schema::FieldId::kId).prefix);
  std::vector<Xapian::Query> ids;
  ids.reserve(docs.size());
  for (Xapian::docid doc : docs) ids.emplace_back(prefix + table.id_of(doc));
  return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
}

// The Xapian error being handled, thrown again as dossier's: what it means for the index at
// `path`. Call only from a catch block.
[[noreturn]] void throw_translated(const fs::path& path) {
  const std::string index = "the index at " + path.string();
  try {
    throw;
  } catch (const Xapian::DatabaseNotFoundError& e) {
    throw Error(ErrorKind::kIndexMissing,
                "no index at " + path.string() + ": " + e.get_description());
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error(ErrorKind::kIndexMissing,
                "no readable index at " + path.string() + ": " + e.get_description());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw Error(ErrorKind::kIndexCorrupt, index + " is damaged: " + e.get_description() +
                                              " (index the archive again into a new --db)");
  } catch (const Xapian::DatabaseError& e) {
    throw Error(ErrorKind::kIndexCorrupt,
                "cannot read " + index + ": " + e.get_description() +
                    " (it may be damaged or cut short: index the archive again into a new --db)");
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kInternal, "search failed on " + index + ": " + e.get_description());
  }
}

// Whether `error` may mean that a writer discarded the revision being read: Xapian says so with
// DatabaseModifiedError, but a block read while the writer reuses it can also look malformed.
// The caller tells the two apart by whether a newer revision exists.
bool is_lost_revision(const Xapian::DatabaseError& error) {
  // Xapian's error classes have no virtual functions to dynamic_cast by; they name their type.
  const std::string_view type = error.get_type();
  return type == "DatabaseModifiedError" || type == "DatabaseCorruptError";
}

IndexHandle open_index(const fs::path& path, std::chrono::milliseconds shard_timeout) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw Error(ErrorKind::kIndexMissing,
                "no index at " + path.string() + ": run 'dossier index PATH' first, or pass --db");
  }
  // glass rewrites this file at every commit: unchanged, it says that no commit came between.
  const auto version_stamp = [&] {
    std::error_code ec;
    const auto written = fs::last_write_time(path / "iamglass", ec);
    return ec ? fs::file_time_type{} : written;
  };
  for (ReadRetries retries;;) {
    const auto stamp = version_stamp();
    try {
      return IndexHandle::open(path, shard_timeout);
    } catch (const Xapian::DatabaseError& e) {
      // A commit landed while the index was being opened (its blocks may read as modified or,
      // caught mid-write, as malformed): open the new revision. When none did, the index is
      // damaged. Any other database error means it cannot be read.
      if (!is_lost_revision(e)) throw_translated(path);
      if (stamp != fs::file_time_type{} && stamp == version_stamp()) {
        throw Error(ErrorKind::kIndexCorrupt, "the index at " + path.string() +
                                                  " is damaged: " + e.get_description() +
                                                  " (index the archive again into a new --db)");
      }
      if (!retries.another()) {
        throw Error(ErrorKind::kIndexBusy,
                    "the index at " + path.string() + " kept changing while it was opened");
      }
    } catch (const Xapian::Error&) {
      throw_translated(path);
    }
  }
}

}  // namespace

struct Searcher::Impl {
  fs::path path;
  const Gazetteers& gazetteers;
  std::chrono::milliseconds shard_timeout;
  IndexHandle index;
  Xapian::Database& db = index.db();
  // A remote shard failed: its connection is gone, and the next read opens the index again.
  bool reconnect = false;
  TextNormalizer normalizer;
  Vocabulary vocabulary = Vocabulary::load(normalizer);
  Xapian::Stem stemmer{"english"};
  SnippetMaker snippets{normalizer, stemmer};
  ReportDecoder decoder;
  FilterResolver resolver{db, gazetteers, normalizer};

  std::shared_ptr<FacetCache> facets;

  std::optional<std::string> format_checked_at;  // the index version; see check_format

  // Runs `fn` on the latest committed revision of the index. A reader whose revision a writer
  // discarded meanwhile reads again from the new one, so searches never fail while an index run
  // commits; every other Xapian error becomes a dossier::Error.
  template <typename Fn>
  auto read(Fn&& fn) {
    for (ReadRetries retries;;) {
      try {
        if (reconnect || index.stub_changed()) {
          index = open_index(path, shard_timeout);
          reconnect = false;
        }
        db.reopen();
        return fn();
      } catch (const Xapian::NetworkError&) {
        reconnect = true;
        index.rethrow_if_shard_failed();
        throw;  // not reached: a network error is a shard's
      } catch (const Xapian::DatabaseError& e) {
        // Either a writer discarded the revision being read, and there is a newer one, or the
        // index is damaged where it was read. A discarded revision's blocks may be caught while
        // the writer reuses them, and then read as malformed rather than modified; the latest
        // revision's blocks are never rewritten, so there the same error is real damage.
        if (!is_lost_revision(e)) throw_translated(path);
        bool newer = true;
        try {
          newer = db.reopen();
        } catch (const Xapian::Error&) {
          // The next attempt's reopen() says what is wrong.
        }
        if (!newer) {
          throw Error(ErrorKind::kIndexCorrupt, "the index at " + path.string() +
                                                    " is damaged: " + e.get_description() +
                                                    " (index the archive again into a new --db)");
        }
        if (!retries.another()) {
          throw Error(ErrorKind::kIndexBusy,
                      "the index at " + path.string() + " changed " +
                          std::to_string(retries.attempts()) +
                          " times while it was read: an index run is committing very often "
                          "(--batch-size); try again");
        }
      } catch (const Xapian::Error&) {
        throw_translated(path);
      }
    }
  }

  Impl(const fs::path& db_path, const Gazetteers& g, std::shared_ptr<FacetCache> cache,
       std::chrono::milliseconds timeout)
      : path(db_path),
        gazetteers(g),
        shard_timeout(timeout),
        index(open_index(db_path, timeout)),
        facets(cache ? std::move(cache) : std::make_shared<FacetCache>()) {
    read([&] {
      check_format();
      return 0;
    });
  }

  // A stored report; a damaged one is reported as a damaged index, naming it.
  Report decode(std::string_view data, ReportParts parts = ReportParts::kAll) {
    try {
      return decoder.decode(data, parts);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::kIndexCorrupt) throw;
      throw Error(ErrorKind::kIndexCorrupt, "the index at " + path.string() +
                                                " is damaged: " + e.what() +
                                                " (index the archive again into a new --db)");
    }
  }

  // Throws Error{kIndexMissing} when the index stores reports in a form this version does not
  // read (it was written by another version of dossier). Checked once per revision.
  void check_format() {
    std::string revision = index.version();
    if (format_checked_at && *format_checked_at == revision) return;
    const std::string stored = db.get_metadata(std::string(kReportFormatKey));
    if (db.get_doccount() > 0 && stored != std::to_string(kReportFormatVersion)) {
      throw Error(ErrorKind::kIndexMissing,
                  "the index at " + path.string() + " was written by another version of dossier" +
                      " (report format " + (stored.empty() ? "unknown" : stored) +
                      ", this one reads " + std::to_string(kReportFormatVersion) +
                      "): run 'dossier index' on the archive again to bring it up to date");
    }
    format_checked_at = std::move(revision);
  }

  std::shared_ptr<const FacetTable> facet_table() {
    return facets->table_for(db, index.parts(), index.version(), normalizer,
                             [this](const schema::Field& field, const std::string& value) {
                               return FacetTable::Description{
                                   schema::value_label(field, value, gazetteers),
                                   schema::value_group(field, value),
                                   schema::value_sort_key(field, value)};
                             });
  }

  // The document of a report id; throws Error{kNotFound}.
  Xapian::docid docid_of(const std::string& id) const {
    const std::string term = std::string(schema::field(schema::FieldId::kId).prefix) + id;
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) {
      throw Error(ErrorKind::kNotFound, "no report with id \"" + id + "\"");
    }
    return *it;
  }

  // The other documents with the body hash `hash`, by id.
  std::vector<std::string> copies_of(Xapian::docid doc, const std::string& hash) const {
    std::vector<std::string> ids;
    if (hash.empty()) return ids;
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotCollapse, hash, hash));
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet copies = enquire.get_mset(0, db.get_doccount());
    for (auto it = copies.begin(); it != copies.end(); ++it) {
      if (*it != doc) ids.push_back(it.get_document().get_value(schema::kSlotId));
    }
    return ids;
  }

  // Words that set a report apart: stems of body words ("Z" and a lower-case letter), not
  // numbers and not function words.
  class DistinctiveWords : public Xapian::ExpandDecider {
   public:
    explicit DistinctiveWords(const Vocabulary& vocabulary) : vocabulary_(vocabulary) {}
    bool operator()(const std::string& term) const override {
      if (term.size() < 4 || term[0] != 'Z' || term[1] < 'a' || term[1] > 'z') return false;
      return !vocabulary_.is_stopword(std::string_view(term).substr(1));
    }

   private:
    const Vocabulary& vocabulary_;
  };

  std::vector<Hit> similar(const std::string& id, std::size_t limit) {
    check_format();
    const Xapian::docid doc = docid_of(id);
    const std::string hash = db.get_document(doc).get_value(schema::kSlotCollapse);
    Xapian::RSet relevant;
    relevant.add_document(doc);
    Xapian::Enquire expand(db);
    expand.set_query(Xapian::Query(std::string(schema::field(schema::FieldId::kId).prefix) + id));
    const DistinctiveWords words(vocabulary);
    // Exact frequencies: over shards Xapian otherwise scales up those of the report's own
    // shard, and the words chosen would depend on the layout.
    const Xapian::ESet eset =
        expand.get_eset(kSimilarWords, relevant, Xapian::Enquire::USE_EXACT_TERMFREQ, &words);
    std::vector<Xapian::Query> terms;
    ParsedQuery like;
    like.has_text = true;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      terms.emplace_back(*it);
      like.highlights.stems.insert((*it).substr(1));
    }
    std::vector<Hit> hits;
    if (terms.empty() || limit == 0) return hits;
    // Neither the report nor its copies (the reports with its body hash).
    Xapian::Query excluded(std::string(schema::field(schema::FieldId::kId).prefix) + id);
    if (!hash.empty()) {
      excluded = Xapian::Query(
          Xapian::Query::OP_OR, excluded,
          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotCollapse, hash, hash));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                    Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                    excluded));
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    SearchRequest request;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      hits.push_back(
          make_hit({*it, it.get_weight(), 0, {}}, hits.size() + 1, request, like, like.highlights));
    }
    return hits;
  }

  // ------------------------------------------------------------------------------------------
  // Step 1: the filters. Each filter field's values resolved to one query (their OR), and which
  // of its facet column's values that query lets through; the --entity names; and the entity
  // mentions the filters name, to mark in snippets.

  struct FilterPlan {
    std::vector<std::optional<Xapian::Query>> by_column;  // facet columns with a selection
    std::vector<std::vector<char>> allowed;               // per column: the values it lets pass
    std::vector<std::size_t> selected;                    // the columns with a selection
    std::vector<Xapian::Query> always;  // filters that are not facets: every report meets them
    std::set<std::string> entity_marks;
  };

  FilterPlan plan_filters(const SearchRequest& request, const FacetTable& table) const {
    const std::vector<FacetTable::Column>& columns = table.columns();
    FilterPlan plan;
    plan.by_column.resize(columns.size());
    plan.allowed.resize(columns.size());
    for (const auto& [id, values] : request.filters) {
      const schema::Field& field = schema::field(id);
      if (!field.exposed(schema::kFilter)) {
        throw Error::in_parameter(ErrorKind::kInvalidArgument, field.name, "is not a filter");
      }
      if (values.empty()) continue;
      std::vector<Xapian::Query> alternatives;
      std::vector<schema::ResolvedValue> resolved;
      for (const std::string& value : values) {
        try {
          resolved.push_back(schema::resolve_value(field, value, gazetteers));
        } catch (const Error& e) {
          throw Error::in_parameter(e.kind(), field.name, e.reason());
        }
        alternatives.push_back(resolver.query_of(field, resolved.back()));
        if (field.entity) {
          for (const std::string& v : resolved.back().values) {
            plan.entity_marks.insert(entity_key(
                *field.entity, *field.entity == EntityKind::kCountry ? v : normalizer.fold(v)));
          }
        }
      }
      Xapian::Query filter(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
      const auto column =
          std::find_if(columns.begin(), columns.end(),
                       [&](const FacetTable::Column& c) { return c.field == &field; });
      if (column == columns.end()) {
        plan.always.push_back(std::move(filter));
        continue;
      }
      const auto c = static_cast<std::size_t>(column - columns.begin());
      check_named_somewhere(*column, values, resolved, alternatives);
      plan.allowed[c] = allowed_values(*column, filter, resolved);
      plan.by_column[c] = std::move(filter);
      plan.selected.push_back(c);
    }
    std::sort(plan.selected.begin(), plan.selected.end());
    // --flow-from UZ --flow-to KZ: a report stating a flow from one to the other, not one flow
    // from Uzbekistan and another to Kazakhstan.
    const auto from = request.filters.find(schema::FieldId::kFlowFrom);
    const auto to = request.filters.find(schema::FieldId::kFlowTo);
    if (from != request.filters.end() && to != request.filters.end() && !from->second.empty() &&
        !to->second.empty()) {
      const schema::Field& pair = schema::field(schema::FieldId::kFlowPair);
      std::vector<Xapian::Query> pairs;
      for (const std::string& origin : from->second) {
        for (const std::string& destination : to->second) {
          for (const std::string& f :
               schema::resolve_value(schema::field(from->first), origin, gazetteers).values) {
            for (const std::string& t :
                 schema::resolve_value(schema::field(to->first), destination, gazetteers).values) {
              pairs.emplace_back(
                  schema::keyword_term(pair, normalizer.fold(schema::flow_pair_value(f, t))));
            }
          }
        }
      }
      plan.always.emplace_back(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
    }
    // --entity NAME: a state body or an organization of that name (not a facet of its own).
    if (!request.entities.empty()) {
      std::vector<Xapian::Query> alternatives;
      for (const std::string& value : request.entities) {
        for (const schema::FieldId id : {schema::FieldId::kBody, schema::FieldId::kOrg}) {
          const schema::Field& field = schema::field(id);
          try {
            alternatives.push_back(resolver.resolve(field, value));
            for (std::string& key : resolver.entity_keys(field, value)) {
              plan.entity_marks.insert(std::move(key));
            }
          } catch (const Error& e) {
            throw Error::in_parameter(e.kind(), "entity", e.reason());
          }
        }
      }
      plan.always.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }
    return plan;
  }

  // A state body or organization filter value (values[i], resolved[i], its query queries[i])
  // that no report names and the gazetteer does not
  // know, but that is a slip away from names the index has, is refused with those names ("did
  // you mean Human Rights Watch?"): a typo must not pass for "no report names it".
  void check_named_somewhere(const FacetTable::Column& column,
                             const std::vector<std::string>& values,
                             const std::vector<schema::ResolvedValue>& resolved,
                             const std::vector<Xapian::Query>& queries) const {
    const schema::Field& field = *column.field;
    if (!field.entity || *field.entity == EntityKind::kCountry) return;
    constexpr std::size_t kNamesSuggested = 3;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::vector<char> named = allowed_values(column, queries[i], {resolved[i]});
      if (std::find(named.begin(), named.end(), 1) != named.end()) continue;
      if (gazetteers.entities.resolve(values[i])) continue;
      const std::vector<std::string>& offered = column.names;
      const std::vector<std::size_t> nearest =
          nearest_of(normalizer.fold(values[i]), column.folded_names, kNamesSuggested);
      if (nearest.empty()) continue;
      std::string names;
      for (std::size_t n = 0; n < nearest.size(); ++n) {
        names += (n == 0 ? "" : n + 1 == nearest.size() ? " or " : ", ") + offered[nearest[n]];
      }
      throw Error::in_parameter(
          ErrorKind::kInvalidArgument, field.name,
          "no report names \"" + values[i] + "\"; did you mean " + names + "?");
    }
  }

  // Which of a column's values a filter lets through: the same values its query matches, named
  // values by their terms, ranges by the values' years.
  static std::vector<char> allowed_values(const FacetTable::Column& column,
                                          const Xapian::Query& filter,
                                          const std::vector<schema::ResolvedValue>& resolved) {
    std::vector<char> allowed(column.values.size(), 0);
    for (auto term = filter.get_terms_begin(); term != filter.get_terms_end(); ++term) {
      const auto [first, last] = column.by_term.equal_range(*term);
      for (auto found = first; found != last; ++found) allowed[found->second] = 1;
    }
    for (const schema::ResolvedValue& value : resolved) {
      if (!value.years) continue;
      for (std::size_t ordinal = 0; ordinal < column.values.size(); ++ordinal) {
        if (value.years->contains(std::atoi(column.values[ordinal].c_str()))) allowed[ordinal] = 1;
      }
    }
    return allowed;
  }

  // ------------------------------------------------------------------------------------------
  // Step 2: the match. Without facet counts: the query with every filter. With them, a facet
  // with a selection is counted over the other facets' filters only, so its unselected values
  // keep their counts: Xapian then matches every report that fails at most one filter, once,
  // and the tally (step 3) decides per report which counts it adds to and whether it is a hit.

  // Facet counts where the match can run none of dossier's own code (remote shards run only
  // Xapian's own classes; over local shards a decider sees each shard's own document numbers):
  // a match of its own, unweighted and unsorted, lists every report that fails at most one
  // filter (plan_match), and the tally counts them from the facet table by the numbers the
  // whole index gives them, as the decider of a single index does.
  std::unique_ptr<FacetTally> tally_listed(const ParsedQuery& parsed, const FilterPlan& filters,
                                           const FacetTable& table,
                                           Xapian::doccount everything) const {
    Xapian::Enquire listing(db);
    listing.set_query(plan_match(parsed, filters, true));
    listing.set_weighting_scheme(Xapian::BoolWeight());
    listing.set_docid_order(Xapian::Enquire::DONT_CARE);
    const Xapian::MSet all = listing.get_mset(0, everything);
    auto tally = std::make_unique<FacetTally>(table, filters.allowed);
    for (auto it = all.begin(); it != all.end(); ++it) tally->tally(*it);
    return tally;
  }

  Xapian::Query plan_match(const ParsedQuery& parsed, const FilterPlan& filters,
                           bool count_facets) const {
    auto all_of = [&](std::optional<std::size_t> except) -> std::optional<Xapian::Query> {
      std::vector<Xapian::Query> parts;
      for (std::size_t c : filters.selected) {
        if (c != except) parts.push_back(*filters.by_column[c]);
      }
      if (parts.empty()) return std::nullopt;
      return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    };
    std::vector<Xapian::Query> restrictions = filters.always;
    if (!count_facets) {
      if (auto every = all_of(std::nullopt)) restrictions.push_back(*every);
    } else if (filters.selected.size() > 1) {
      std::vector<Xapian::Query> near_misses;
      for (std::size_t c : filters.selected) near_misses.push_back(*all_of(c));
      restrictions.emplace_back(Xapian::Query::OP_OR, near_misses.begin(), near_misses.end());
    }
    if (restrictions.empty()) return parsed.query;
    return Xapian::Query(
        Xapian::Query::OP_FILTER, parsed.query,
        Xapian::Query(Xapian::Query::OP_AND, restrictions.begin(), restrictions.end()));
  }

  // Ties are broken by report id, not by Xapian's document numbers, so that an index and the
  // same reports in shards (whose numbers interleave) list them in one order; by date with
  // words, reports of one date and one weight keep Xapian's order (Xapian sorts by a value,
  // then relevance, then document number, and a key maker that could go on to the id does not
  // run on remote shards).
  Xapian::Enquire enquire_for(const Xapian::Query& matched, SortOrder sort,
                              bool collapse_duplicates, bool has_text) const {
    Xapian::Enquire enquire(db);
    enquire.set_time_limit(kMatchTimeLimitSeconds);
    enquire.set_query(matched);
    if (collapse_duplicates) enquire.set_collapse_key(schema::kSlotCollapse);
    switch (sort) {
      case SortOrder::kRelevance:
        if (has_text) {
          enquire.set_sort_by_relevance_then_value(schema::kSlotId, false);
        } else {
          enquire.set_sort_by_value(schema::kSlotNewestThenId, false);
        }
        break;
      case SortOrder::kDateNewest:
        if (has_text) {
          enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
        } else {
          enquire.set_sort_by_value(schema::kSlotNewestThenId, false);
        }
        break;
      case SortOrder::kDateOldest:
        if (has_text) {
          enquire.set_sort_by_value_then_relevance(schema::kSlotDate, false);
        } else {
          enquire.set_sort_by_value(schema::kSlotOldestThenId, false);
        }
        break;
    }
    return enquire;
  }

  // ------------------------------------------------------------------------------------------
  // Step 3: the tally. The facets' values with a count, in each field's order (by count, then
  // label; years newest first; tiers by their scale), sorted as ordinals: strings are copied
  // only for the values shown.

  // The facet of `column` with `counts`: its first `limit` values (0: all) in the field's order,
  // and the values `selected` lets through (a filter's) wherever they come.
  Facet make_facet(const FacetTable::Column& column, const std::vector<std::uint32_t>& counts,
                   std::size_t limit, const std::vector<char>& selected) const {
    const schema::Field& field = *column.field;
    Facet facet{std::string(field.name), std::string(field.label), {}, 0};
    std::vector<std::uint32_t> shown;
    for (std::size_t ordinal = 0; ordinal < counts.size(); ++ordinal) {
      if (counts[ordinal] != 0) shown.push_back(static_cast<std::uint32_t>(ordinal));
    }
    facet.distinct = shown.size();
    // Only the first `limit` are put in order: a facet of many values (a state body of every
    // state) shows a few.
    const auto order = [&](auto before) {
      if (limit > 0 && shown.size() > limit) {
        std::partial_sort(shown.begin(), shown.begin() + static_cast<std::ptrdiff_t>(limit),
                          shown.end(), before);
        std::vector<std::uint32_t> kept(shown.begin(),
                                        shown.begin() + static_cast<std::ptrdiff_t>(limit));
        for (auto it = shown.begin() + static_cast<std::ptrdiff_t>(limit); it != shown.end();
             ++it) {
          if (*it < selected.size() && selected[*it]) kept.push_back(*it);
        }
        std::sort(kept.begin(), kept.end(), before);
        shown = std::move(kept);
      } else {
        std::sort(shown.begin(), shown.end(), before);
      }
    };
    switch (field.order) {
      case schema::FacetOrder::kNewestFirst:
        order([&](std::uint32_t a, std::uint32_t b) {
          return column.value_rank[a] > column.value_rank[b];
        });
        break;
      case schema::FacetOrder::kScale:
        order([&](std::uint32_t a, std::uint32_t b) {
          return column.value_rank[a] < column.value_rank[b];
        });
        break;
      case schema::FacetOrder::kByCount:
        order([&](std::uint32_t a, std::uint32_t b) {
          return counts[a] != counts[b] ? counts[a] > counts[b]
                                        : column.label_rank[a] < column.label_rank[b];
        });
        break;
    }
    facet.values.reserve(shown.size());
    for (std::uint32_t ordinal : shown) {
      facet.values.push_back({column.values[ordinal], column.labels[ordinal], counts[ordinal],
                              column.groups[ordinal]});
    }
    return facet;
  }

  // ------------------------------------------------------------------------------------------
  // Step 4: the ranking. The first hits in order, the best hundred reranked by their phrases
  // and paragraphs.

  // kParagraphBoost for each two neighbouring sides (ParsedQuery::paragraph_sides) in one
  // paragraph.
  std::vector<Xapian::Query> paragraph_boosts(
      const std::vector<std::vector<std::string>>& paragraph_sides) const {
    std::vector<Xapian::Query> boosts;
    if (paragraph_sides.empty()) return boosts;
    const std::vector<Xapian::Query> sides = positional_queries(paragraph_sides, resolver, stemmer);
    for (std::size_t at = 0; at + 1 < sides.size(); ++at) {
      const Xapian::Query pair[] = {sides[at], sides[at + 1]};
      boosts.emplace_back(
          Xapian::Query::OP_FILTER,
          Xapian::Query((new Xapian::FixedWeightPostingSource(kParagraphBoost))->release()),
          Xapian::Query(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair),
                        schema::kParagraphPositionGap));
    }
    return boosts;
  }

  // Adds to each of the first kPhraseBoostDepth results the weight of the boosts it matches
  // (phrases; the query's words in one paragraph), and reranks them. The same weights as
  // matching them with every report would give, at a small fraction of the cost; a report below
  // that depth is not lifted by them.
  void boost(const std::vector<Xapian::Query>& boosts, const FacetTable& table,
             std::vector<Ranked>& ranked) {
    const std::size_t depth = std::min(ranked.size(), kPhraseBoostDepth);
    if (depth < 2) return;
    std::vector<Xapian::docid> docs;
    for (std::size_t at = 0; at < depth; ++at) docs.push_back(ranked[at].doc);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()),
        document_set(docs, table)));
    const Xapian::MSet boosted = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    if (boosted.empty()) return;
    std::unordered_map<Xapian::docid, double> extra;
    for (auto it = boosted.begin(); it != boosted.end(); ++it) extra[*it] = it.get_weight();
    for (std::size_t at = 0; at < depth; ++at) {
      if (auto found = extra.find(ranked[at].doc); found != extra.end()) {
        ranked[at].weight += found->second;
      }
    }
    std::stable_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(depth),
                     [](const Ranked& a, const Ranked& b) { return a.weight > b.weight; });
  }

  // The stable hash of the ids of the first kFingerprintDepth reports and the total: the same
  // result list gives the same fingerprint on any machine, until the index changes what matches.
  static std::string fingerprint_of(const std::vector<Ranked>& ranked, const FacetTable& table,
                                    std::size_t total) {
    StableHash hash;
    const std::size_t first = std::min(ranked.size(), kFingerprintDepth);
    for (std::size_t at = 0; at < first; ++at) hash.add_line(table.id_of(ranked[at].doc));
    hash.add_line(std::to_string(total));
    return hash.hex();
  }

  // ------------------------------------------------------------------------------------------
  // Step 5: the hits of the page, each from its stored report.

  Hit make_hit(const Ranked& entry, std::size_t rank, const SearchRequest& request,
               const ParsedQuery& parsed, const HighlightTerms& highlights) {
    // Entities are only read when the query names some (to mark their mentions).
    const Report report =
        decode(db.get_document(entry.doc).get_data(),
               highlights.entities.empty() ? ReportParts::kWithoutEntities : ReportParts::kAll);
    Hit hit;
    hit.rank = rank;
    hit.id = report.id;
    hit.score = parsed.has_text ? entry.weight : 0.0;
    hit.duplicates = request.collapse_duplicates ? entry.duplicates : 0;
    if (hit.duplicates > 0) {
      hit.duplicate_ids =
          copies_of(entry.doc, db.get_document(entry.doc).get_value(schema::kSlotCollapse));
    }
    for (std::size_t part : entry.lacks) hit.lacks.push_back(parsed.parts[part].text);
    for (const schema::Field& field : schema::fields()) {
      if (!field.exposed(schema::kHitField)) continue;
      HitField shown{&field, field.values(report), {}};
      if (!field.label_key.empty()) {
        for (const std::string& value : shown.values) {
          shown.labels.push_back(schema::value_label(field, value, gazetteers));
        }
      }
      hit.fields.push_back(std::move(shown));
    }
    if (request.passages > 0)
      hit.passages = snippets.passages(report, highlights, request.passages);
    hit.snippet = snippets.best(report, highlights);
    return hit;
  }

  // The query as ranked: reports about a country the text names get kAboutCountryWeight more.
  Xapian::Query ranked_query(const Xapian::Query& query,
                             const std::vector<std::string>& countries) const {
    if (countries.empty()) return query;
    std::vector<Xapian::Query> about;
    for (const std::string& code : countries) {
      about.push_back(resolver.resolve(schema::field(schema::FieldId::kCountry), code));
    }
    const Xapian::Query weight(
        (new Xapian::FixedWeightPostingSource(kAboutCountryWeight))->release());
    return Xapian::Query(
        Xapian::Query::OP_AND_MAYBE, query,
        Xapian::Query(Xapian::Query::OP_FILTER, weight,
                      Xapian::Query(Xapian::Query::OP_OR, about.begin(), about.end())));
  }

  // A list that goes on past the complete reports: `ranked` holds the complete ones and the
  // others, in their order. Puts the complete ones first (in their order), then the others: by
  // relevance, those with more of the query's parts first, then by weight; by date, in date
  // order. Marks what each of the others lacks.
  void rank_by_parts(const std::unordered_set<Xapian::docid>& complete, const FacetTable& table,
                     const std::vector<QueryPart>& parts, SortOrder sort,
                     std::vector<Ranked>& ranked) const {
    const auto others = std::stable_partition(
        ranked.begin(), ranked.end(), [&](const Ranked& r) { return complete.contains(r.doc); });
    // Which parts each has: each part matched against just them (exact for phrases, names and
    // groups, where a term list would only tell words apart).
    std::vector<Xapian::docid> examined;
    for (auto it = others; it != ranked.end(); ++it) examined.push_back(it->doc);
    std::sort(examined.begin(), examined.end());
    for (std::size_t p = 0; p < parts.size() && !examined.empty(); ++p) {
      Xapian::Enquire enquire(db);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_query(
          Xapian::Query(Xapian::Query::OP_FILTER, parts[p].query, document_set(examined, table)));
      const Xapian::MSet having =
          enquire.get_mset(0, static_cast<Xapian::doccount>(examined.size()));
      const std::unordered_set<Xapian::docid> has(having.begin(), having.end());
      for (auto it = others; it != ranked.end(); ++it) {
        if (!has.contains(it->doc)) it->lacks.push_back(p);
      }
    }
    if (sort == SortOrder::kRelevance) {
      std::stable_sort(others, ranked.end(), [](const Ranked& a, const Ranked& b) {
        return a.lacks.size() < b.lacks.size();
      });
      return;
    }
    // The date slot sorts as a string; ties keep their order by relevance.
    std::unordered_map<Xapian::docid, std::string> date;
    for (auto it = others; it != ranked.end(); ++it) {
      date[it->doc] = db.get_document(it->doc).get_value(schema::kSlotDate);
    }
    const bool newest = sort == SortOrder::kDateNewest;
    std::stable_sort(others, ranked.end(), [&](const Ranked& a, const Ranked& b) {
      return newest ? date[a.doc] > date[b.doc] : date[a.doc] < date[b.doc];
    });
  }

  // The query with each of its words that no report has replaced by the index's spelling
  // suggestion (Xapian's spelling data, within two edits); nothing when no word was replaced.
  std::optional<std::string> corrected(const std::string& query, const ParsedQuery& parsed) {
    std::string out = query;
    bool changed = false;
    // From the last word back, so earlier offsets stay right.
    for (auto word = parsed.words.rbegin(); word != parsed.words.rend(); ++word) {
      if (db.term_exists(word->folded) ||
          db.term_exists(std::string(schema::kStemPrefix) + stemmer(word->folded))) {
        continue;
      }
      const std::string suggestion = db.get_spelling_suggestion(word->folded, 2);
      if (suggestion.empty() || suggestion == word->folded) continue;
      out.replace(word->begin, word->length, suggestion);
      changed = true;
    }
    if (!changed) return std::nullopt;
    return out;
  }

  // `counting`: the total only (for a spelling correction's count), without hits, facets, the
  // reranking or the fingerprint.
  SearchResult run(const SearchRequest& request, bool counting = false) {
    check_format();
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    result.limit = request.limit;
    ParsedQuery parsed = parse_query(request.query, normalizer, stemmer, resolver, vocabulary);
    const std::shared_ptr<const FacetTable> table = facet_table();
    const std::vector<FacetTable::Column>& columns = table->columns();

    FilterPlan filters = plan_filters(request, *table);
    HighlightTerms highlights = parsed.highlights;
    highlights.entities.insert(filters.entity_marks.begin(), filters.entity_marks.end());

    // The first kFingerprintDepth hits are fetched too, for the fingerprint.
    const std::size_t depth =
        counting ? 0 : std::max(kFingerprintDepth, request.offset + request.limit);
    const Xapian::doccount everything = std::max<Xapian::doccount>(db.get_doccount(), 1);
    struct Matched {
      Xapian::Enquire enquire;
      Xapian::MSet mset;
      std::unique_ptr<FacetTally> tally;  // a match spy: it stays where Xapian saw it
      Xapian::doccount total = 0;
    };
    // One match ranks the first `depth` and counts every match and its facets.
    parsed.query = ranked_query(parsed.query, parsed.countries);
    // In a single index the tally counts the facets as the match's decider; over shards, from a
    // listing of the matches (tally_listed).
    const bool tally_in_match = request.count_facets && index.single();
    Matched matched{enquire_for(plan_match(parsed, filters, tally_in_match), request.sort,
                                request.collapse_duplicates, parsed.has_text),
                    {},
                    {},
                    0};
    if (tally_in_match) {
      matched.tally = std::make_unique<FacetTally>(*table, filters.allowed);
      matched.mset = matched.enquire.get_mset(0, static_cast<Xapian::doccount>(depth), everything,
                                              nullptr, matched.tally.get());
    } else {
      matched.mset = matched.enquire.get_mset(0, static_cast<Xapian::doccount>(depth), everything);
      if (request.count_facets) matched.tally = tally_listed(parsed, filters, *table, everything);
    }
    matched.total = matched.mset.get_matches_estimated();
    // Fewer than kFillUpTo reports have every part: the list goes on with the reports that have
    // most of them, and says so (ParsedQuery::relaxed). It is the complete reports and the best
    // others, kPartialListLength in all, and counts and tallies just those: many reports have
    // some word of a query, and a count of them would say nothing (nor be cheap).
    std::vector<Ranked> complete;
    std::vector<Ranked> others;
    if (matched.total < kFillUpTo && parsed.relaxed) {
      parsed.query = ranked_query(*parsed.relaxed, parsed.countries);
      // By relevance whatever the order asked for: the best are listed, then put in that order.
      Xapian::Enquire enquire =
          enquire_for(plan_match(parsed, filters, false), SortOrder::kRelevance,
                      request.collapse_duplicates, parsed.has_text);
      const auto length = static_cast<Xapian::doccount>(kPartialListLength);
      const Xapian::MSet best = enquire.get_mset(0, length, length);
      for (auto it = matched.mset.begin(); it != matched.mset.end(); ++it) {
        complete.push_back({*it, it.get_weight(), it.get_collapse_count(), {}});
      }
      std::unordered_set<Xapian::docid> listed;
      for (const Ranked& entry : complete) listed.insert(entry.doc);
      for (auto it = best.begin(); it != best.end() && listed.size() < kPartialListLength; ++it) {
        if (listed.insert(*it).second) {
          others.push_back({*it, it.get_weight(), it.get_collapse_count(), {}});
        }
      }
      if (!others.empty()) {
        result.complete = complete.size();
        result.partial = complete.empty();
        matched.enquire = std::move(enquire);
        matched.total = static_cast<Xapian::doccount>(listed.size());
        if (request.count_facets) {  // from the table, on any backend
          matched.tally = std::make_unique<FacetTally>(*table, filters.allowed);
          for (Xapian::docid doc : listed) matched.tally->tally(doc);
        }
      } else {
        complete.clear();
      }
    }
    const Xapian::MSet& mset = matched.mset;
    result.total = matched.total;
    if (request.explain) {
      result.explanation = parsed.reading;
      if (result.complete) {
        result.explanation.push_back(
            std::to_string(*result.complete) +
            (*result.complete == 1 ? " report has" : " reports have") +
            " every part; fewer than ten, so the list goes on with the reports that have most "
            "of them");
      }
      result.xapian_query = matched.enquire.get_query().get_description();
    }
    if (counting) return result;
    if (request.count_facets) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        result.facets.push_back(make_facet(columns[c], matched.tally->counts(c),
                                           request.facet_limit, filters.allowed[c]));
      }
    }

    // The reports with every part first (when the list goes on past them), then the others.
    std::vector<Ranked> ranked;
    if (result.complete) {
      ranked = complete;
      ranked.insert(ranked.end(), others.begin(), others.end());
    } else {
      ranked.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        ranked.push_back({*it, it.get_weight(), it.get_collapse_count(), {}});
      }
    }
    if (request.sort == SortOrder::kRelevance && parsed.has_text) {
      std::vector<Xapian::Query> boosts = parsed.phrase_boosts;
      for (Xapian::Query& pair : paragraph_boosts(parsed.paragraph_sides)) {
        boosts.push_back(std::move(pair));
      }
      if (!boosts.empty()) boost(boosts, *table, ranked);
    }
    if (result.complete) {
      std::unordered_set<Xapian::docid> first;
      for (const Ranked& entry : complete) first.insert(entry.doc);
      rank_by_parts(first, *table, parsed.parts, request.sort, ranked);
      for (std::size_t p : ranked.front().lacks) result.left_out.push_back(parsed.parts[p].text);
    }
    // Did you mean: when some report lacks a word no report has.
    if ((result.total == 0 || result.complete) && !parsed.words.empty()) {
      if (std::optional<std::string> better = corrected(request.query, parsed)) {
        SearchRequest count = request;
        count.query = *better;
        count.limit = 0;
        count.offset = 0;
        count.count_facets = false;
        count.explain = false;
        const SearchResult found = run(count, true);
        if (found.total > 0) result.spelling = SearchResult::Spelling{*better, found.total};
      }
    }
    result.revision = index.version();
    result.fingerprint = fingerprint_of(ranked, *table, result.total);

    const std::size_t page_end =
        std::min<std::size_t>(ranked.size(), request.offset + request.limit);
    for (std::size_t at = request.offset; at < page_end; ++at) {
      result.hits.push_back(make_hit(ranked[at], at + 1, request, parsed, highlights));
    }
    return result;
  }
};

namespace {

// Whether `folded_name` has a word that starts with `folded_prefix` (both folded).
bool word_starts_with(std::string_view folded_name, std::string_view folded_prefix) {
  for (std::size_t at = 0; at < folded_name.size();) {
    if (folded_name.substr(at).starts_with(folded_prefix)) return true;
    const std::size_t space = folded_name.find_first_of(" -(", at);
    if (space == std::string_view::npos) break;
    at = space + 1;
  }
  return false;
}

const std::vector<std::string>& no_values() {
  static const std::vector<std::string> kNone;
  return kNone;
}

const std::string& no_value() {
  static const std::string kNone;
  return kNone;
}

}  // namespace

const std::vector<std::string>& Hit::values(schema::FieldId id) const {
  for (const HitField& f : fields) {
    if (f.field->id == id) return f.values;
  }
  return no_values();
}

const std::string& Hit::value(schema::FieldId id) const {
  const std::vector<std::string>& all = values(id);
  return all.empty() ? no_value() : all.front();
}

const std::string& Hit::label(schema::FieldId id) const {
  for (const HitField& f : fields) {
    if (f.field->id != id) continue;
    if (!f.labels.empty()) return f.labels.front();
    return f.values.empty() ? no_value() : f.values.front();
  }
  return no_value();
}

std::vector<Suggestion> Searcher::suggest(const std::string& prefix, std::size_t limit) {
  const std::string folded = impl_->normalizer.fold(prefix);
  if (folded.empty() || limit == 0) return {};

  // Facet values known to this index, most frequent first.
  std::vector<Suggestion> values;
  SearchRequest everything;
  everything.limit = 0;
  const SearchResult all = search(everything);
  const std::vector<std::pair<schema::FieldId, std::string>> kinds = {
      {schema::FieldId::kCountry, "country"},
      {schema::FieldId::kTopic, "topic"},
      {schema::FieldId::kBody, "state_body"},
      {schema::FieldId::kOrg, "organization"}};
  // Countries by any of their names, typos forgiven (CountryTable::completions), in its order.
  constexpr std::size_t kMostCountriesLookedAt = 50;
  const std::vector<Country> countries =
      impl_->gazetteers.countries.completions(prefix, kMostCountriesLookedAt);
  for (const auto& [id, kind] : kinds) {
    const std::string_view facet_name = schema::field(id).name;
    for (const Facet& facet : all.facets) {
      if (facet.name != facet_name) continue;
      if (id == schema::FieldId::kCountry) {
        for (const Country& country : countries) {
          const auto v = std::find_if(facet.values.begin(), facet.values.end(),
                                      [&](const FacetValue& f) { return f.value == country.code; });
          if (v != facet.values.end() && values.size() < limit) {
            values.push_back({kind, v->label, facet.name, v->value});
          }
        }
        continue;
      }
      // A wider value two or more values share ("Ministry of Justice" of every state) comes
      // before the first of them, when its own name is what was typed (not only a state's).
      const schema::Field& field = schema::field(id);
      std::map<std::string, int> shared;
      if (field.wider_values) {
        for (const FacetValue& v : facet.values) {
          for (std::string& wider : field.wider_values(v.value)) {
            if (wider != v.value) ++shared[std::move(wider)];
          }
        }
      }
      std::set<std::string> offered;
      for (const FacetValue& v : facet.values) {
        if (values.size() >= limit) break;
        if (!word_starts_with(impl_->normalizer.fold(v.label), folded)) continue;
        if (field.wider_values) {
          for (std::string& wider : field.wider_values(v.value)) {
            if (values.size() + 1 < limit && shared[wider] > 1 &&
                word_starts_with(impl_->normalizer.fold(wider), folded) &&
                offered.insert(wider).second) {
              values.push_back(
                  {kind, wider + " (" + std::string(field.wider_label) + ")", facet.name, wider});
            }
          }
        }
        values.push_back({kind, v.label, facet.name, v.value});
      }
    }
  }
  std::vector<Suggestion> titles;
  std::vector<Suggestion> words;
  impl_->read([&] {
    titles.clear();
    words.clear();
    // Titles with a word starting with the prefix, newest first, reports of one date by id (the
    // date-and-id slot: the same order from one index and from shards, whose docids differ).
    const std::string title_prefix(schema::field(schema::FieldId::kTitle).prefix);
    const std::vector<std::string> title_words =
        most_frequent_terms(impl_->db, title_prefix + folded, 200);
    Xapian::Enquire enquire(impl_->db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, title_words.begin(), title_words.end()));
    enquire.set_sort_by_value(schema::kSlotNewestThenId, false);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Report report =
          impl_->decode(it.get_document().get_data(), ReportParts::kWithoutEntities);
      titles.push_back({"title", report.title, "", report.id});
    }
    // Indexed words, the most frequent first.
    if (folded.find(' ') == std::string::npos) {
      std::vector<std::pair<Xapian::doccount, std::string>> found;
      std::size_t scanned = 0;
      for (auto it = impl_->db.allterms_begin(folded);
           it != impl_->db.allterms_end(folded) && scanned < 5000; ++it, ++scanned) {
        found.emplace_back(it.get_termfreq(), *it);
      }
      std::sort(found.begin(), found.end(),
                [](const auto& a, const auto& b) { return a.first > b.first; });
      for (const auto& [freq, word] : found) words.push_back({"term", word, "", ""});
    }
    return 0;
  });
  // A mix: facet values first (they become filters), then words, then titles; each kind gets
  // a share and the rest of the list goes to whatever is left.
  std::vector<Suggestion> out;
  const std::size_t share = std::max<std::size_t>(1, limit / 3);
  std::size_t v = 0, w = 0, t = 0;
  auto take = [&](std::vector<Suggestion>& from, std::size_t& at, std::size_t count) {
    for (std::size_t i = 0; i < count && at < from.size() && out.size() < limit; ++i) {
      out.push_back(from[at++]);
    }
  };
  take(values, v, share);
  take(words, w, share);
  take(titles, t, share);
  take(values, v, limit);
  take(words, w, limit);
  take(titles, t, limit);
  return out;
}

Searcher::Searcher(const fs::path& db, const Gazetteers& gazetteers,
                   std::shared_ptr<FacetCache> facet_cache, std::chrono::milliseconds shard_timeout)
    : impl_(std::make_unique<Impl>(db, gazetteers, std::move(facet_cache), shard_timeout)) {}

std::shared_ptr<FacetCache> Searcher::make_facet_cache() {
  return std::make_shared<FacetCache>();
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  SearchResult result = impl_->read([&] { return impl_->run(request); });
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

Report Searcher::report(const std::string& id) {
  return impl_->read([&]() -> Report {
    const Xapian::docid doc = impl_->docid_of(id);
    impl_->check_format();
    return impl_->decode(impl_->db.get_document(doc).get_data());
  });
}

std::vector<Hit> Searcher::similar(const std::string& id, std::size_t limit) {
  return impl_->read([&] { return impl_->similar(id, limit); });
}

CountryFacts Searcher::country_facts(const std::string& country,
                                     const std::vector<std::string>& years) {
  const auto known = impl_->gazetteers.countries.resolve(country);
  if (!known) {
    throw Error::in_parameter(ErrorKind::kInvalidArgument, "country",
                              "\"" + country + "\" is not a country (a name or an ISO code)");
  }
  CountryFacts facts;
  facts.country = known->code;
  facts.name = known->name;
  const schema::Field& country_field = schema::field(schema::FieldId::kCountry);
  const schema::Field& year_field = schema::field(schema::FieldId::kYear);
  std::vector<Xapian::Query> in_years;
  for (const std::string& value : years) {
    try {
      in_years.push_back(impl_->resolver.resolve(year_field, value));
    } catch (const Error& e) {
      throw Error::in_parameter(ErrorKind::kInvalidArgument, "years", e.what());
    }
  }
  // Its own reports, and the reports of other countries that state a flow from or to it.
  const Xapian::Query own = impl_->resolver.resolve(country_field, known->code);
  const Xapian::Query flows_named(
      Xapian::Query::OP_OR,
      impl_->resolver.resolve(schema::field(schema::FieldId::kFlowFrom), known->code),
      impl_->resolver.resolve(schema::field(schema::FieldId::kFlowTo), known->code));
  Xapian::Query query(Xapian::Query::OP_OR, own, flows_named);
  if (!in_years.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, in_years.begin(), in_years.end()));
  }
  const auto place_name = [&](const std::string& place) {
    if (place.starts_with('?')) return place.substr(1);
    const auto named = impl_->gazetteers.countries.by_code(place);
    return named ? named->name : place;
  };
  return impl_->read([&] {
    CountryFacts out = facts;
    Xapian::Enquire enquire(impl_->db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(query);
    enquire.set_sort_by_value(schema::kSlotOldestThenId, false);
    const Xapian::MSet mset = enquire.get_mset(0, impl_->db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Report report = impl_->decode(it.get_document().get_data(), ReportParts::kAll);
      const bool its_own = report.country_code == out.country;
      const auto at = [&](const FactSource& source) {
        const Paragraph& p = report.paragraphs[source.paragraph];
        return StatedAt{report.id, p.number, p.label,
                        p.text.substr(source.begin, source.end - source.begin)};
      };
      for (const FlowFact& f : report.facts.flows) {
        if (!its_own && f.from != out.country && f.to != out.country) continue;
        out.flows.push_back({f.from, f.to, f.purposes, f.who, f.year, at(f.source),
                             report.country_code, place_name(f.from), place_name(f.to)});
      }
      if (!its_own) continue;  // another country's tiers and roles are its own
      ++out.reports;
      for (const TierFact& t : report.facts.tiers) {
        out.tiers.push_back({t.year, t.tier, at(t.source)});
      }
      for (const RoleFact& r : report.facts.roles) {
        out.roles.push_back({r.year, r.role, at(r.source)});
      }
    }
    const auto by_year = [](const auto& a, const auto& b) {
      return a.year != b.year ? a.year < b.year : a.at.report < b.at.report;
    };
    std::stable_sort(out.tiers.begin(), out.tiers.end(), by_year);
    std::stable_sort(out.roles.begin(), out.roles.end(), by_year);
    std::stable_sort(out.flows.begin(), out.flows.end(), by_year);
    return out;
  });
}

std::string Searcher::citation_key(const Report& report) {
  const std::string base = citation_base_key(report);
  return impl_->read([&] {
    const Xapian::Database& db = impl_->db;
    const std::string term = schema::keyword_term(schema::field(schema::FieldId::kCitationKey),
                                                  impl_->normalizer.fold(base));
    // (publication date, id) of every report with this base key.
    std::vector<std::pair<std::string, std::string>> sharing;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      const Xapian::Document doc = db.get_document(*it);
      sharing.emplace_back(doc.get_value(schema::kSlotDate), doc.get_value(schema::kSlotId));
    }
    std::sort(sharing.begin(), sharing.end());
    const auto it = std::find_if(sharing.begin(), sharing.end(),
                                 [&](const auto& entry) { return entry.second == report.id; });
    // A report the index does not hold (read from elsewhere) keeps its base key.
    const std::size_t rank =
        it == sharing.end() ? 0 : static_cast<std::size_t>(it - sharing.begin());
    return disambiguated_key(base, rank);
  });
}

std::vector<std::string> Searcher::identical_copies(const std::string& id) {
  return impl_->read([&] {
    const Xapian::docid doc = impl_->docid_of(id);
    const std::string hash = impl_->db.get_document(doc).get_value(schema::kSlotContentHash);
    std::vector<std::string> identical;
    for (const std::string& copy :
         impl_->copies_of(doc, impl_->db.get_document(doc).get_value(schema::kSlotCollapse))) {
      const Xapian::docid other = impl_->docid_of(copy);
      if (impl_->db.get_document(other).get_value(schema::kSlotContentHash) == hash) {
        identical.push_back(copy);
      }
    }
    return identical;
  });
}

std::vector<std::string> Searcher::copies(const std::string& id) {
  return impl_->read([&] {
    const Xapian::docid doc = impl_->docid_of(id);
    return impl_->copies_of(doc, impl_->db.get_document(doc).get_value(schema::kSlotCollapse));
  });
}

std::string Searcher::original_path(const std::string& id) {
  return impl_->read([&] {
    return impl_->db.get_document(impl_->docid_of(id)).get_value(schema::kSlotSourcePath);
  });
}

std::map<int, std::vector<Highlight>> Searcher::highlights(const Report& report,
                                                           const std::string& query) {
  if (query.empty()) return {};
  const ParsedQuery parsed = impl_->read([&] {
    return parse_query(query, impl_->normalizer, impl_->stemmer, impl_->resolver,
                       impl_->vocabulary);
  });
  return impl_->snippets.mark(report, parsed.highlights);
}

IndexStats Searcher::stats(StatsDetail detail) {
  IndexStats stats;
  std::error_code absolute_error;
  stats.path = fs::absolute(impl_->path, absolute_error);
  impl_->read([&] {
    stats.reports = impl_->db.get_doccount();
    stats.revision = impl_->index.version();
    return 0;
  });
  if (detail == StatsDetail::kCounts) return stats;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(impl_->path, ec)) {
    if (entry.is_regular_file(ec)) stats.bytes_on_disk += entry.file_size(ec);
  }
  SearchRequest all;
  all.limit = 0;
  SearchResult everything = search(all);
  stats.facets = std::move(everything.facets);
  impl_->read([&] {
    std::size_t terms = 0;
    for (auto it = impl_->db.allterms_begin(); it != impl_->db.allterms_end(); ++it) ++terms;
    stats.terms = terms;
    return 0;
  });
  return stats;
}

}  // namespace dossier
