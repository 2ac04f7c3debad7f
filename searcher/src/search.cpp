#include "searcher/search.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <unordered_map>

#include <xapian.h>

#include "corpus/entities.h"
#include "corpus/error.h"
#include "corpus/regions.h"
#include "corpus/report_codec.h"
#include "corpus/schema.h"
#include "corpus/series.h"
#include "facet_table.h"
#include "query_parser.h"
#include "snippets.h"

namespace fs = std::filesystem;

namespace dossier {
namespace {

// A reader loses its revision when a writer commits twice while it reads; a fast index run can
// do that several times in a row, and reopening costs little.
constexpr int kMaxReopenAttempts = 10;
// No search may run longer than this; past it, Xapian stops matching and counts what it saw.
constexpr double kMatchTimeLimitSeconds = 5.0;
// A result list's fingerprint covers its first this many reports.
constexpr std::size_t kFingerprintDepth = 100;
// Phrase boosts (ParsedQuery::phrase_boosts) rerank this many of the best matches.
constexpr std::size_t kPhraseBoostDepth = 100;

// One entry of a ranked result list.
struct Ranked {
  Xapian::docid doc = 0;
  double weight = 0;
  Xapian::doccount duplicates = 0;  // with collapsing: reports folded into this one
};

// A fixed set of documents as a boolean query, to run a query over those documents only.
class DocumentSet : public Xapian::PostingSource {
 public:
  explicit DocumentSet(std::vector<Xapian::docid> sorted) : docs_(std::move(sorted)) {}
  Xapian::doccount get_termfreq_min() const override { return count(); }
  Xapian::doccount get_termfreq_est() const override { return count(); }
  Xapian::doccount get_termfreq_max() const override { return count(); }
  void init(const Xapian::Database&) override { started_ = false; }
  void next(double) override {
    at_ = started_ ? at_ + 1 : 0;
    started_ = true;
  }
  void skip_to(Xapian::docid doc, double) override {
    const std::size_t from = started_ ? at_ : 0;
    started_ = true;
    at_ = static_cast<std::size_t>(
        std::lower_bound(docs_.begin() + static_cast<std::ptrdiff_t>(from), docs_.end(), doc) -
        docs_.begin());
  }
  bool at_end() const override { return started_ && at_ >= docs_.size(); }
  Xapian::docid get_docid() const override { return docs_[at_]; }
  std::string get_description() const override { return "DocumentSet"; }

 private:
  Xapian::doccount count() const { return static_cast<Xapian::doccount>(docs_.size()); }
  std::vector<Xapian::docid> docs_;
  std::size_t at_ = 0;
  bool started_ = false;
};

std::optional<int> parse_year(std::string_view text) {
  int year = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || end != text.data() + text.size() || text.size() != 4)
    return std::nullopt;
  return year;
}

// A year filter value as a range: "2001..2004", "..2004" or "2001.." (0 = open); nothing for a
// single year. Throws Error{kBadQuery} for a malformed range.
std::optional<YearRange> year_range_of(std::string_view value) {
  const auto dots = value.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  const auto from = dots == 0 ? std::optional<int>(0) : parse_year(value.substr(0, dots));
  const auto to =
      dots + 2 == value.size() ? std::optional<int>(0) : parse_year(value.substr(dots + 2));
  if (!from || !to) {
    throw Error(ErrorKind::kBadQuery,
                "a year range is written 2001..2004, not \"" + std::string(value) + "\"");
  }
  return YearRange{*from, *to};
}

Xapian::Query year_range_query(int from, int to) {
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotYear,
                       schema::year_value(from == 0 ? 1 : from),
                       schema::year_value(to == 0 ? 9999 : to));
}

Xapian::Database open_index(const fs::path& db) {
  std::error_code ec;
  if (!fs::exists(db, ec)) {
    throw Error(ErrorKind::kIndexMissing,
                "no index at " + db.string() + ": run 'dossier index PATH' first, or pass --db");
  }
  try {
    return Xapian::Database(db.string());
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error(ErrorKind::kIndexMissing,
                "no readable index at " + db.string() + ": " + e.get_description());
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIndexCorrupt,
                "cannot open the index at " + db.string() + ": " + e.get_description());
  }
}

}  // namespace

struct Searcher::Impl : KeywordResolver {
  fs::path path;
  const Gazetteers& gazetteers;
  Xapian::Database db;
  TextNormalizer normalizer;
  Xapian::Stem stemmer{"english"};
  SnippetMaker snippets{normalizer, stemmer};
  ReportDecoder decoder;

  std::shared_ptr<FacetCache> facets;
  std::optional<Xapian::rev> format_checked_at;  // see check_format

  Impl(const fs::path& db_path, const Gazetteers& g, std::shared_ptr<FacetCache> cache)
      : path(db_path),
        gazetteers(g),
        db(open_index(db_path)),
        facets(cache ? std::move(cache) : std::make_shared<FacetCache>()) {
    try {
      check_format();
    } catch (const Xapian::Error& e) {
      throw Error(ErrorKind::kIndexCorrupt,
                  "cannot read the index at " + path.string() + ": " + e.get_description());
    }
  }

  // KeywordResolver: the same mapping for CLI filters, API parameters and field:value queries.
  Xapian::Query resolve(const schema::Field& field, std::string_view value) const override {
    const std::string name(field.name);
    auto term = [&](std::string_view folded) {
      return Xapian::Query(schema::keyword_term(field, folded));
    };
    if (name == "country") {
      auto country = gazetteers.countries.resolve(value);
      if (!country) {
        throw Error(ErrorKind::kBadQuery,
                    "unknown country \"" + std::string(value) + "\" (use a name or an ISO code)");
      }
      return term(normalizer.fold(country->code));
    }
    if (name == "year") {
      if (auto range = year_range_of(value)) return year_range_query(range->from, range->to);
      if (!parse_year(value)) {
        throw Error(ErrorKind::kBadQuery,
                    "a year has four digits (2004) or is a range (2001..2004), not \"" +
                        std::string(value) + "\"");
      }
      return term(value);
    }
    if (name == "topic") {
      auto topic = gazetteers.topics.resolve(value);
      if (!topic) {
        std::string known;
        for (const Topic& t : gazetteers.topics.topics())
          known += (known.empty() ? "" : ", ") + t.slug;
        throw Error(ErrorKind::kBadQuery,
                    "unknown topic \"" + std::string(value) + "\"; the topics are " + known);
      }
      return term(normalizer.fold(topic->slug));
    }
    if (name == "series") {
      auto series = resolve_series(value);
      if (!series) {
        std::string known;
        for (const Series& s : all_series())
          known += (known.empty() ? "" : ", ") + std::string(s.slug);
        throw Error(ErrorKind::kBadQuery,
                    "unknown series \"" + std::string(value) + "\"; the series are " + known);
      }
      return term(series->slug);
    }
    if (name == "publisher") return publisher_query(field, value);
    if (name == "mentions") {
      auto country = gazetteers.countries.resolve(value);
      if (!country) {
        throw Error(ErrorKind::kBadQuery,
                    "unknown country \"" + std::string(value) + "\" (use a name or an ISO code)");
      }
      return term(normalizer.fold(country->code));
    }
    if (name == "body" || name == "org") return term(normalizer.fold(entity_name(field, value)));
    if (name == "region" || name == "subregion") return term(normalizer.fold(value));
    throw Error(ErrorKind::kBadQuery, "\"" + name + "\" cannot be used as a filter");
  }

  // The canonical name the index uses for a state body or organization as a user writes it:
  // "IOM" -> "International Organization for Migration", "Justice Ministry" -> "Ministry of
  // Justice".
  std::string entity_name(const schema::Field& field, std::string_view value) const {
    const EntityKind kind =
        field.name == "body" ? EntityKind::kStateBody : EntityKind::kOrganization;
    if (auto known = gazetteers.entities.resolve(value); known && known->kind == kind) {
      return known->name;
    }
    std::string name(value);
    if (kind == EntityKind::kStateBody && name.size() > 9 &&
        normalizer.fold(name).ends_with(" ministry")) {
      std::string subject = name.substr(0, name.size() - 9);
      if (normalizer.fold(subject) == "foreign") subject += " Affairs";
      name = "Ministry of " + subject;
    }
    return name;
  }

  std::optional<std::string> country_named(std::string_view text) const override {
    // Codes are not names: "in", "to" and "us" are words.
    if (text.size() <= 3) return std::nullopt;
    auto country = gazetteers.countries.resolve(text);
    if (!country || normalizer.fold(text) == normalizer.fold(country->code)) return std::nullopt;
    return country->code;
  }

  std::vector<std::string> entity_keys(const schema::Field& field,
                                       std::string_view value) const override {
    const std::string name(field.name);
    if (name == "mentions") {
      if (auto country = gazetteers.countries.resolve(value)) return {"country|" + country->code};
    } else if (name == "body") {
      return {"state_body|" + normalizer.fold(entity_name(field, value))};
    } else if (name == "org") {
      return {"organization|" + normalizer.fold(entity_name(field, value))};
    }
    return {};
  }

  // A publisher is matched by its full name, or by words of it: "department of state" finds
  // "United States Department of State". Unknown publishers match nothing (not an error: the
  // list depends on the archive).
  Xapian::Query publisher_query(const schema::Field& field, std::string_view value) const {
    const std::string folded = normalizer.fold(value);
    const std::string exact = schema::keyword_term(field, folded);
    if (db.term_exists(exact)) return Xapian::Query(exact);
    std::vector<Xapian::Query> matches;
    const std::string prefix(field.prefix);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const std::string name = (*it).substr(prefix.size());
      const std::string padded = " " + name + " ";
      if (padded.find(" " + folded + " ") != std::string::npos) matches.emplace_back(*it);
    }
    if (matches.empty()) return Xapian::Query(exact);
    return Xapian::Query(Xapian::Query::OP_OR, matches.begin(), matches.end());
  }

  // The filter of one facet: its values ORed (and, for years, the ranges).
  std::optional<Xapian::Query> facet_filter(const SearchRequest& request,
                                            const schema::Field& field) const {
    std::vector<Xapian::Query> alternatives;
    if (auto it = request.filters.find(std::string(field.name)); it != request.filters.end()) {
      for (const std::string& value : it->second) {
        try {
          alternatives.push_back(resolve(field, value));
        } catch (const Error& e) {
          throw Error(ErrorKind::kInvalidArgument,
                      "--" + std::string(field.name) + ": " + e.what());
        }
      }
    }
    if (field.name == "year") {
      for (const YearRange& range : request.year_ranges) {
        if (range.from != 0 && range.to != 0 && range.from > range.to) {
          throw Error(ErrorKind::kInvalidArgument, "--years: " + std::to_string(range.from) +
                                                       " is after " + std::to_string(range.to));
        }
        alternatives.push_back(year_range_query(range.from, range.to));
      }
    }
    if (alternatives.empty()) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  }

  std::string label_for(const schema::Field& field, const std::string& value) const {
    if (field.name == "country" || field.name == "mentions") {
      if (auto country = gazetteers.countries.by_code(value)) return country->name;
    } else if (field.name == "topic") {
      if (auto topic = gazetteers.topics.resolve(value)) return topic->label;
    } else if (field.name == "series") {
      if (auto series = resolve_series(value)) return std::string(series->label);
    }
    return value;
  }

  // The facet's values with a count, years newest first and the others by count, then label
  // (sorted as ordinals: the strings are copied only for the values shown).
  Facet make_facet(const FacetTable::Column& column, const std::vector<std::uint32_t>& counts,
                   std::size_t limit) const {
    const schema::Field& field = *column.field;
    Facet facet{std::string(field.name), std::string(field.label), {}};
    std::vector<std::uint32_t> shown;
    for (std::size_t ordinal = 0; ordinal < counts.size(); ++ordinal) {
      if (counts[ordinal] != 0) shown.push_back(static_cast<std::uint32_t>(ordinal));
    }
    if (field.name == "year") {
      std::sort(shown.begin(), shown.end(), [&](std::uint32_t a, std::uint32_t b) {
        return column.value_rank[a] > column.value_rank[b];
      });
    } else {
      std::sort(shown.begin(), shown.end(), [&](std::uint32_t a, std::uint32_t b) {
        return counts[a] != counts[b] ? counts[a] > counts[b]
                                      : column.label_rank[a] < column.label_rank[b];
      });
    }
    if (limit > 0 && shown.size() > limit) shown.resize(limit);
    facet.values.reserve(shown.size());
    for (std::uint32_t ordinal : shown) {
      facet.values.push_back({column.values[ordinal], column.labels[ordinal], counts[ordinal],
                              column.groups[ordinal]});
    }
    return facet;
  }

  // Which of a column's values a facet filter lets through, the same values its Xapian filter
  // query (`filter`, from facet_filter) matches: named values by its terms, years also by range.
  std::vector<char> allowed_values(const SearchRequest& request, const FacetTable::Column& column,
                                   const Xapian::Query& filter) const {
    std::vector<char> allowed(column.values.size(), 0);
    for (auto term = filter.get_terms_begin(); term != filter.get_terms_end(); ++term) {
      if (auto found = column.by_term.find(*term); found != column.by_term.end()) {
        allowed[found->second] = 1;
      }
    }
    if (column.field->name != "year") return allowed;
    std::vector<YearRange> ranges = request.year_ranges;
    if (auto it = request.filters.find("year"); it != request.filters.end()) {
      for (const std::string& value : it->second) {
        if (auto range = year_range_of(value)) ranges.push_back(*range);
      }
    }
    for (std::size_t ordinal = 0; ordinal < column.values.size(); ++ordinal) {
      const int year = parse_year(column.values[ordinal]).value_or(-1);
      for (const YearRange& range : ranges) {
        if (year >= 0 && (range.from == 0 || year >= range.from) &&
            (range.to == 0 || year <= range.to)) {
          allowed[ordinal] = 1;
        }
      }
    }
    return allowed;
  }

  // Throws Error{kIndexMissing} when the index stores reports in a form this version does not
  // read (it was written by another version of dossier). Checked once per revision.
  void check_format() {
    const Xapian::rev revision = db.get_revision();
    if (format_checked_at && *format_checked_at == revision) return;
    const std::string stored = db.get_metadata(std::string(kReportFormatKey));
    if (db.get_doccount() > 0 && stored != std::to_string(kReportFormatVersion)) {
      throw Error(ErrorKind::kIndexMissing,
                  "the index at " + path.string() + " was written by another version of dossier" +
                      " (report format " + (stored.empty() ? "unknown" : stored) +
                      ", this one reads " + std::to_string(kReportFormatVersion) +
                      "): run 'dossier index' on the archive again to bring it up to date");
    }
    format_checked_at = revision;
  }

  SearchResult run(const SearchRequest& request) {
    check_format();
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    result.limit = request.limit;
    const ParsedQuery parsed = parse_query(request.query, normalizer, stemmer, *this);
    const std::shared_ptr<const FacetTable> table =
        facets->table_for(db, normalizer, [this](const schema::Field& field, const std::string& v) {
          std::string group;
          if (field.name == "country" || field.name == "mentions") {
            if (auto region = un_region_of(v)) group = region->continent;
          }
          return std::pair{label_for(field, v), std::move(group)};
        });
    const std::vector<FacetTable::Column>& columns = table->columns();

    // One filter query per facet with a selection (in column order).
    std::vector<std::optional<Xapian::Query>> filters(columns.size());
    std::vector<std::size_t> selected;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      filters[c] = facet_filter(request, *columns[c].field);
      if (filters[c]) selected.push_back(c);
    }
    for (const auto& [name, values] : request.filters) {
      if (name == "entity") continue;
      const schema::Field* field = schema::find_field(name);
      if (field == nullptr || !field->facet_slot) {
        throw Error(ErrorKind::kInvalidArgument, "there is no filter named \"" + name + "\"");
      }
    }
    // --entity NAME: a state body or an organization of that name (not a facet of its own).
    std::optional<Xapian::Query> entity_filter;
    HighlightTerms highlights = parsed.highlights;
    if (auto it = request.filters.find("entity");
        it != request.filters.end() && !it->second.empty()) {
      std::vector<Xapian::Query> alternatives;
      for (const std::string& value : it->second) {
        for (const char* name : {"body", "org"}) {
          const schema::Field& field = schema::field(name);
          alternatives.push_back(resolve(field, value));
          for (std::string& key : entity_keys(field, value))
            highlights.entities.insert(std::move(key));
        }
      }
      entity_filter = Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }
    for (const char* name : {"mentions", "body", "org"}) {
      if (auto it = request.filters.find(name); it != request.filters.end()) {
        for (const std::string& value : it->second) {
          for (std::string& key : entity_keys(schema::field(name), value)) {
            highlights.entities.insert(std::move(key));
          }
        }
      }
    }

    // What Xapian matches. Without facet counts: the query with every filter. With them, a facet
    // with a selection is counted over the other facets' filters only, so its unselected values
    // keep their counts: Xapian then matches every report that fails at most one filter, once,
    // and the tally decides per report which counts it adds to and whether it is a hit.
    auto all_of = [&](std::optional<std::size_t> except) -> std::optional<Xapian::Query> {
      std::vector<Xapian::Query> parts;
      for (std::size_t c : selected) {
        if (c != except) parts.push_back(*filters[c]);
      }
      if (parts.empty()) return std::nullopt;
      return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    };
    std::optional<Xapian::Query> restriction;
    if (!request.count_facets) {
      restriction = all_of(std::nullopt);
    } else if (selected.size() > 1) {
      std::vector<Xapian::Query> near_misses;
      for (std::size_t c : selected) near_misses.push_back(*all_of(c));
      restriction = Xapian::Query(Xapian::Query::OP_OR, near_misses.begin(), near_misses.end());
    }
    if (entity_filter) {
      restriction = restriction ? Xapian::Query(Xapian::Query::OP_AND, *restriction, *entity_filter)
                                : *entity_filter;
    }
    const Xapian::Query matched =
        restriction ? Xapian::Query(Xapian::Query::OP_FILTER, parsed.query, *restriction)
                    : parsed.query;

    const Xapian::doccount everything = std::max<Xapian::doccount>(db.get_doccount(), 1);
    Xapian::Enquire enquire(db);
    enquire.set_time_limit(kMatchTimeLimitSeconds);
    enquire.set_query(matched);
    if (request.collapse_duplicates) enquire.set_collapse_key(schema::kSlotContentHash);
    switch (request.sort) {
      case SortOrder::kRelevance:
        if (!parsed.has_text) enquire.set_sort_by_value(schema::kSlotDate, true);
        break;
      case SortOrder::kDateNewest:
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
        break;
      case SortOrder::kDateOldest:
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, false);
        break;
    }
    std::optional<FacetTally> tally;
    if (request.count_facets) {
      std::vector<std::vector<char>> allowed(columns.size());
      for (std::size_t c : selected) allowed[c] = allowed_values(request, columns[c], *filters[c]);
      tally.emplace(*table, std::move(allowed));
    }
    // The first kFingerprintDepth hits are fetched too, for the fingerprint.
    const std::size_t depth = std::max(kFingerprintDepth, request.offset + request.limit);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth), everything,
                                               nullptr, tally ? &*tally : nullptr);
    result.total = mset.get_matches_estimated();
    if (tally) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        result.facets.push_back(make_facet(columns[c], tally->counts(c), request.facet_limit));
      }
    }
    std::vector<Ranked> ranked;
    ranked.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      ranked.push_back({*it, it.get_weight(), it.get_collapse_count()});
    }
    if (request.sort == SortOrder::kRelevance && parsed.has_text && !parsed.phrase_boosts.empty()) {
      boost_phrases(parsed.phrase_boosts, ranked);
    }
    result.revision = std::to_string(db.get_revision());
    result.fingerprint = fingerprint_of(ranked, *table, result.total);

    std::size_t rank = request.offset;
    const std::size_t page_end =
        std::min<std::size_t>(ranked.size(), request.offset + request.limit);
    for (std::size_t at = request.offset; at < page_end; ++at) {
      const Ranked& entry = ranked[at];
      // Entities are only read when the query names some (to mark their mentions).
      const Report report = decoder.decode(
          db.get_document(entry.doc).get_data(),
          highlights.entities.empty() ? ReportParts::kWithoutEntities : ReportParts::kAll);
      Hit hit;
      hit.rank = ++rank;
      hit.id = report.id;
      hit.title = report.title;
      hit.country_code = report.country_code;
      hit.country_name = report.country_name;
      hit.year = report.year;
      hit.published = report.published ? report.published->iso() : "";
      hit.publisher = report.publisher;
      hit.series = report.series;
      if (auto series = resolve_series(report.series)) hit.series_label = series->label;
      hit.topics = report.topics;
      hit.score = parsed.has_text ? entry.weight : 0.0;
      hit.duplicates = request.collapse_duplicates ? entry.duplicates : 0;
      if (request.passages > 0) {
        hit.passages = snippets.passages(report, highlights, request.passages);
        hit.snippet = snippets.best(report, highlights);
      } else {
        hit.snippet = snippets.best(report, highlights);
      }
      result.hits.push_back(std::move(hit));
    }
    return result;
  }

  // Adds to each of the first kPhraseBoostDepth results the weight of the phrases it contains,
  // and reranks them. The same weights as matching the phrases with every report would give,
  // at a small fraction of the cost; a report below that depth is not lifted by its phrases.
  void boost_phrases(const std::vector<Xapian::Query>& phrases, std::vector<Ranked>& ranked) {
    const std::size_t depth = std::min(ranked.size(), kPhraseBoostDepth);
    if (depth < 2) return;
    std::vector<Xapian::docid> docs;
    for (std::size_t at = 0; at < depth; ++at) docs.push_back(ranked[at].doc);
    std::sort(docs.begin(), docs.end());
    Xapian::Enquire enquire(db);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER,
                      Xapian::Query(Xapian::Query::OP_OR, phrases.begin(), phrases.end()),
                      Xapian::Query((new DocumentSet(std::move(docs)))->release())));
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

  // FNV-1a over the ids of the first kFingerprintDepth reports and the total: the same result
  // list gives the same fingerprint on any machine, until the index changes what matches.
  static std::string fingerprint_of(const std::vector<Ranked>& ranked, const FacetTable& table,
                                    std::size_t total) {
    std::uint64_t hash = 1469598103934665603ULL;
    auto mix = [&hash](std::string_view text) {
      for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
      }
      hash ^= '\n';
      hash *= 1099511628211ULL;
    };
    const std::size_t first = std::min(ranked.size(), kFingerprintDepth);
    for (std::size_t at = 0; at < first; ++at) mix(table.id_of(ranked[at].doc));
    mix(std::to_string(total));
    char buffer[20];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
  }
  template <typename Fn>
  auto with_reopen(Fn&& fn) {
    for (int attempt = 1;; ++attempt) {
      try {
        return fn();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= kMaxReopenAttempts) {
          throw Error(ErrorKind::kInternal, "the index kept changing while it was read; try again");
        }
        db.reopen();
      } catch (const Xapian::DatabaseCorruptError& e) {
        throw Error(ErrorKind::kIndexCorrupt, "the index is damaged: " + e.get_description());
      } catch (const Xapian::Error& e) {
        throw Error(ErrorKind::kInternal, "search failed: " + e.get_description());
      }
    }
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

}  // namespace

std::vector<Suggestion> Searcher::suggest(const std::string& prefix, std::size_t limit) {
  impl_->db.reopen();
  const std::string folded = impl_->normalizer.fold(prefix);
  if (folded.empty() || limit == 0) return {};

  // Facet values known to this index, most frequent first.
  std::vector<Suggestion> values;
  SearchRequest everything;
  everything.limit = 0;
  const SearchResult all = search(everything);
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"country", "country"}, {"topic", "topic"}, {"body", "state_body"}, {"org", "organization"}};
  for (const auto& [facet_name, kind] : kinds) {
    for (const Facet& facet : all.facets) {
      if (facet.name != facet_name) continue;
      for (const FacetValue& v : facet.values) {
        if (values.size() >= limit) break;
        if (word_starts_with(impl_->normalizer.fold(v.label), folded)) {
          values.push_back({kind, v.label, facet_name, v.value});
        }
      }
    }
  }
  std::vector<Suggestion> titles;
  std::vector<Suggestion> words;
  impl_->with_reopen([&] {
    // Titles with a word starting with the prefix, newest first.
    Xapian::Enquire enquire(impl_->db);
    const std::string title_prefix(schema::field("title").prefix);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_WILDCARD, title_prefix + folded, 200,
                                    Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));
    enquire.set_sort_by_value(schema::kSlotDate, true);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Report report =
          impl_->decoder.decode(it.get_document().get_data(), ReportParts::kWithoutEntities);
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
                   std::shared_ptr<FacetCache> facet_cache)
    : impl_(std::make_unique<Impl>(db, gazetteers, std::move(facet_cache))) {}

std::shared_ptr<FacetCache> Searcher::make_facet_cache() {
  return std::make_shared<FacetCache>();
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  impl_->db.reopen();  // see the latest committed state of the index
  SearchResult result = impl_->with_reopen([&] { return impl_->run(request); });
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

Report Searcher::report(const std::string& id) {
  impl_->db.reopen();
  return impl_->with_reopen([&]() -> Report {
    const std::string term = std::string(schema::field("id").prefix) + id;
    auto it = impl_->db.postlist_begin(term);
    if (it == impl_->db.postlist_end(term)) {
      throw Error(ErrorKind::kNotFound, "no report with id \"" + id + "\"");
    }
    impl_->check_format();
    return impl_->decoder.decode(impl_->db.get_document(*it).get_data());
  });
}

std::map<int, std::vector<Highlight>> Searcher::highlights(const Report& report,
                                                           const std::string& query) {
  if (query.empty()) return {};
  const ParsedQuery parsed = parse_query(query, impl_->normalizer, impl_->stemmer, *impl_);
  return impl_->snippets.mark(report, parsed.highlights);
}

IndexStats Searcher::stats(StatsDetail detail) {
  impl_->db.reopen();
  IndexStats stats;
  std::error_code absolute_error;
  stats.path = fs::absolute(impl_->path, absolute_error);
  stats.reports = impl_->db.get_doccount();
  stats.revision = std::to_string(impl_->db.get_revision());
  if (detail == StatsDetail::kCounts) return stats;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(impl_->path, ec)) {
    if (entry.is_regular_file(ec)) stats.bytes_on_disk += entry.file_size(ec);
  }
  SearchRequest all;
  all.limit = 0;
  SearchResult everything = search(all);
  stats.facets = std::move(everything.facets);
  impl_->with_reopen([&] {
    std::size_t terms = 0;
    for (auto it = impl_->db.allterms_begin(); it != impl_->db.allterms_end(); ++it) ++terms;
    stats.terms = terms;
    return 0;
  });
  return stats;
}

}  // namespace dossier
