#include "searcher/render.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iomanip>

#include <nlohmann/json.hpp>

#include "corpus/paragraphs.h"
#include "corpus/series.h"
#include "json_writer.h"

namespace dossier {
namespace {

using nlohmann::ordered_json;

std::string dump(const ordered_json& value, JsonLayout layout = JsonLayout::kIndented) {
  return value.dump(layout == JsonLayout::kIndented ? 2 : -1, ' ', false,
                    ordered_json::error_handler_t::replace);
}

void write_facets(JsonWriter& json, const std::vector<Facet>& facets) {
  json.begin_object();
  for (const Facet& facet : facets) {
    json.key(facet.name).begin_array();
    for (const FacetValue& v : facet.values) {
      json.begin_object();
      json.key("value").value(v.value);
      json.key("label").value(v.label);
      json.key("count").value(std::uint64_t{v.count});
      if (!v.group.empty()) json.key("group").value(v.group);
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
}

// "facets_distinct": {"body": 8937}: how many values the facets whose lists were cut have.
void write_facets_distinct(JsonWriter& json, const std::vector<Facet>& facets) {
  const bool any = std::any_of(facets.begin(), facets.end(),
                               [](const Facet& f) { return f.distinct > f.values.size(); });
  if (!any) return;
  json.key("facets_distinct").begin_object();
  for (const Facet& facet : facets) {
    if (facet.distinct > facet.values.size()) {
      json.key(facet.name).value(std::uint64_t{facet.distinct});
    }
  }
  json.end_object();
}

void write_highlights(JsonWriter& json, const std::vector<Highlight>& highlights) {
  json.begin_array();
  for (const Highlight& h : highlights) {
    json.begin_array().value(std::uint64_t{h.begin}).value(std::uint64_t{h.end}).end_array();
  }
  json.end_array();
}

// "¶12 " before a passage: the label `dossier cite --para` takes; nothing for a heading. With
// the page of a PDF: "¶12 (p. 4) ".
std::string paragraph_mark(const Snippet& snippet) {
  if (snippet.label.empty()) return "";
  const std::string page =
      snippet.page > 0 ? "(p. " + std::to_string(snippet.page) + ") " : std::string();
  return "¶" + snippet.label + " " + page;
}

void write_snippet(JsonWriter& json, const Snippet& snippet) {
  json.begin_object();
  json.key("paragraph").value(snippet.paragraph);
  json.key("label");
  if (snippet.label.empty()) {
    json.null();
  } else {
    json.value(snippet.label);
  }
  json.key("page");
  if (snippet.page > 0) {
    json.value(std::int64_t{snippet.page});
  } else {
    json.null();
  }
  json.key("text").value(snippet.text);
  json.key("highlights");
  write_highlights(json, snippet.highlights);
  json.end_object();
}

}  // namespace

void write_hit_fields(JsonWriter& json, const Hit& hit) {
  for (const HitField& shown : hit.fields) {
    const schema::Field& field = *shown.field;
    json.key(field.key());
    const std::string* first = shown.values.empty() ? nullptr : &shown.values.front();
    switch (field.json) {
      case schema::JsonForm::kString:
        json.value(first ? *first : std::string());
        break;
      case schema::JsonForm::kNullableString:
        if (first) {
          json.value(*first);
        } else {
          json.null();
        }
        break;
      case schema::JsonForm::kNullableYear:
        if (first && std::atoi(first->c_str()) > 0) {
          json.value(std::atoi(first->c_str()));
        } else {
          json.null();
        }
        break;
      case schema::JsonForm::kStringList:
        json.begin_array();
        for (const std::string& value : shown.values) json.value(value);
        json.end_array();
        break;
    }
    if (!field.label_key.empty()) {
      json.key(field.label_key).value(shown.labels.empty() ? std::string() : shown.labels.front());
    }
  }
}

namespace {

std::string finish(JsonWriter& json, JsonLayout layout) {
  return layout == JsonLayout::kIndented ? indent_json(json.text()) : json.take();
}

std::string series_label(const std::string& slug) {
  if (auto series = resolve_series(slug)) return std::string(series->label);
  return slug;
}

std::string format_bytes(std::uintmax_t bytes) {
  char buffer[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f MiB",
                  static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  }
  return buffer;
}

void render_facets_text(const std::vector<Facet>& facets, std::size_t limit, std::ostream& out) {
  for (const Facet& facet : facets) {
    if (facet.values.empty()) continue;
    out << facet.label << ":";
    std::size_t shown = 0;
    for (const FacetValue& v : facet.values) {
      if (shown++ == limit) {
        out << " … (" << facet.values.size() - limit << " more)";
        break;
      }
      out << (shown == 1 ? " " : ", ") << v.label;
      if (v.label != v.value && facet.name != "publisher") out << " [" << v.value << "]";
      out << " (" << v.count << ")";
    }
    out << "\n";
  }
}

}  // namespace

std::string mark_text(const std::string& text, const std::vector<Highlight>& highlights,
                      MarkStyle style) {
  const std::string open = style == MarkStyle::kAnsi ? "\x1b[1m" : "**";
  const std::string close = style == MarkStyle::kAnsi ? "\x1b[0m" : "**";
  std::string out;
  std::size_t at = 0;
  for (const Highlight& h : highlights) {
    if (h.begin < at || h.end > text.size() || h.begin >= h.end) continue;
    out.append(text, at, h.begin - at);
    out += open;
    out.append(text, h.begin, h.end - h.begin);
    out += close;
    at = h.end;
  }
  out.append(text, at, std::string::npos);
  return out;
}

// Hits as the CLI prints them: rank, title, the fields, then the snippet or passages.
static void render_hits_text(const std::vector<Hit>& hits, const TextStyle& style,
                             std::ostream& out) {
  using schema::FieldId;
  for (const Hit& hit : hits) {
    out << "\n" << hit.rank << ". " << hit.value(FieldId::kTitle) << "\n   ";
    out << hit.id;
    if (!hit.value(FieldId::kSymbol).empty()) out << " · " << hit.value(FieldId::kSymbol);
    if (!hit.value(FieldId::kCountry).empty()) {
      out << " · " << hit.label(FieldId::kCountry) << " [" << hit.value(FieldId::kCountry) << "]";
    }
    for (const FieldId id :
         {FieldId::kYear, FieldId::kSeries, FieldId::kPublisher, FieldId::kTier}) {
      if (!hit.value(id).empty()) out << " · " << hit.label(id);
    }
    if (hit.duplicates > 0) {
      out << " · +" << hit.duplicates << (hit.duplicates == 1 ? " copy" : " copies");
      if (!hit.duplicate_ids.empty()) {
        out << " (";
        for (std::size_t i = 0; i < hit.duplicate_ids.size(); ++i) {
          out << (i ? ", " : "") << hit.duplicate_ids[i];
        }
        out << ")";
      }
    }
    if (!hit.lacks.empty()) {
      out << " · lacks ";
      for (std::size_t i = 0; i < hit.lacks.size(); ++i) {
        const std::string& part = hit.lacks[i];
        const bool quoted = part.starts_with('"');  // a phrase brings its own quotes
        out << (i == 0 ? "" : ", ") << (quoted ? "" : "\"") << part << (quoted ? "" : "\"");
      }
    }
    if (hit.score > 0) {
      char score[32];
      std::snprintf(score, sizeof score, "%.2f", hit.score);
      out << " · score " << score;
    }
    out << "\n";
    if (!hit.passages.empty()) {
      for (const Snippet& passage : hit.passages) {
        out << "   " << paragraph_mark(passage)
            << mark_text(passage.text, passage.highlights, style.marks) << "\n";
      }
    } else if (!hit.snippet.text.empty()) {
      out << "   " << paragraph_mark(hit.snippet)
          << mark_text(hit.snippet.text, hit.snippet.highlights, style.marks) << "\n";
    }
  }
}

void render_search_text(const SearchResult& result, const TextStyle& style, std::ostream& out) {
  out << result.total << (result.total == 1 ? " report" : " reports");
  if (!result.query.empty()) out << " for: " << result.query;
  if (!result.hits.empty()) {
    out << " (showing " << result.hits.front().rank << "-" << result.hits.back().rank << ")";
  }
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", result.took_ms);
  out << " in " << took << " ms\n";
  if (result.complete) {
    if (result.partial) {
      out << "No report has all the words of the query; these have the most of them.\n";
    } else {
      out << *result.complete << (*result.complete == 1 ? " report has" : " reports have")
          << " all the words of the query; after " << (*result.complete == 1 ? "it" : "them")
          << ", the reports with the most of them.\n";
    }
  }
  if (result.spelling) {
    out << "Did you mean: " << result.spelling->query << " (" << result.spelling->total
        << (result.spelling->total == 1 ? " report" : " reports") << ")?\n";
  }
  if (!result.xapian_query.empty()) {
    out << "\nHow the query was read:\n";
    for (const std::string& line : result.explanation) out << "  - " << line << "\n";
    out << "  Xapian: " << result.xapian_query << "\n";
  }
  render_hits_text(result.hits, style, out);
  if (!result.facets.empty()) {
    out << "\n";
    render_facets_text(result.facets, style.facet_values, out);
  }
}

// A hit as search JSON writes it (README, "JSON output").
static void write_hit(JsonWriter& json, const Hit& hit) {
  json.begin_object();
  json.key("rank").value(std::uint64_t{hit.rank});
  write_hit_fields(json, hit);
  json.key("score").value(hit.score);
  json.key("snippet");
  write_snippet(json, hit.snippet);
  if (!hit.passages.empty()) {
    json.key("passages").begin_array();
    for (const Snippet& passage : hit.passages) write_snippet(json, passage);
    json.end_array();
  }
  if (hit.duplicates > 0) {
    json.key("duplicates").value(std::uint64_t{hit.duplicates});
    json.key("duplicate_ids").begin_array();
    for (const std::string& id : hit.duplicate_ids) json.value(id);
    json.end_array();
  }
  if (!hit.lacks.empty()) {
    json.key("lacks").begin_array();
    for (const std::string& part : hit.lacks) json.value(part);
    json.end_array();
  }
  json.end_object();
}

std::string render_search_json(const SearchResult& result, JsonLayout layout) {
  JsonWriter json;
  json.begin_object();
  json.key("query").value(result.query);
  json.key("total").value(std::uint64_t{result.total});
  if (result.complete) {
    json.key("complete").value(std::uint64_t{*result.complete});
    if (result.partial) json.key("partial").boolean(true);
    json.key("left_out").begin_array();
    for (const std::string& part : result.left_out) json.value(part);
    json.end_array();
  }
  if (result.spelling) {
    json.key("spelling").begin_object();
    json.key("query").value(result.spelling->query);
    json.key("total").value(std::uint64_t{result.spelling->total});
    json.end_object();
  }
  if (!result.xapian_query.empty()) {
    json.key("explain").begin_object();
    json.key("reading").begin_array();
    for (const std::string& line : result.explanation) json.value(line);
    json.end_array();
    json.key("xapian_query").value(result.xapian_query);
    json.end_object();
  }
  json.key("offset").value(std::uint64_t{result.offset});
  json.key("limit").value(std::uint64_t{result.limit});
  json.key("took_ms").value(result.took_ms);
  json.key("revision").value(result.revision);
  json.key("fingerprint").value(result.fingerprint);
  json.key("hits").begin_array();
  for (const Hit& hit : result.hits) write_hit(json, hit);
  json.end_array();
  json.key("facets");
  write_facets(json, result.facets);
  write_facets_distinct(json, result.facets);
  json.end_object();
  return finish(json, layout);
}

std::string render_facets_json(const SearchResult& result, JsonLayout layout) {
  JsonWriter json;
  json.begin_object();
  json.key("total").value(std::uint64_t{result.total});
  json.key("facets");
  write_facets(json, result.facets);
  write_facets_distinct(json, result.facets);
  json.end_object();
  return finish(json, layout);
}

void render_similar_text(const std::string& id, const std::vector<Hit>& hits,
                         const TextStyle& style, std::ostream& out) {
  out << hits.size() << (hits.size() == 1 ? " report" : " reports") << " like " << id
      << " (not counting its identical copies)\n";
  render_hits_text(hits, style, out);
}

std::string render_similar_json(const std::string& id, const std::vector<Hit>& hits,
                                JsonLayout layout) {
  JsonWriter json;
  json.begin_object();
  json.key("id").value(id);
  json.key("hits").begin_array();
  for (const Hit& hit : hits) write_hit(json, hit);
  json.end_array();
  json.end_object();
  return finish(json, layout);
}

namespace {

void write_stated_at(JsonWriter& json, const StatedAt& at) {
  json.key("report").value(at.report);
  json.key("paragraph").value(at.paragraph);
  json.key("label");
  if (at.label.empty()) {
    json.null();
  } else {
    json.value(at.label);
  }
  json.key("sentence").value(at.sentence);
}

void write_strings(JsonWriter& json, const std::vector<std::string>& values) {
  json.begin_array();
  for (const std::string& v : values) json.value(v);
  json.end_array();
}

std::string where(const StatedAt& at) {
  return at.report +
         (at.label.empty() ? " ¶" + std::to_string(at.paragraph) : " para. " + at.label);
}

// What a flow's end names: "country" (an ISO code), "region" (a region's name) or "text" (a
// place as the report wrote it, stored after a "?": "abroad", "other countries").
std::string_view place_kind(std::string_view place) {
  if (place.starts_with('?')) return "text";
  const bool code = place.size() == 2 && std::isupper(static_cast<unsigned char>(place[0])) &&
                    std::isupper(static_cast<unsigned char>(place[1]));
  return code ? "country" : "region";
}

std::string_view place_written(std::string_view place) {
  return place.starts_with('?') ? place.substr(1) : place;
}

std::string place_shown(std::string_view place) {
  if (place.starts_with('?')) return "\"" + std::string(place.substr(1)) + "\"";
  return std::string(place);
}

}  // namespace

void render_country_facts_text(const CountryFacts& facts, std::ostream& out) {
  out << "Trafficking facts for " << facts.name << " [" << facts.country << "], from "
      << facts.reports << (facts.reports == 1 ? " report" : " reports") << "\n";
  out << "\nTiers:\n";
  if (facts.tiers.empty()) out << "  (none stated)\n";
  for (const CountryTier& t : facts.tiers) {
    out << "  " << t.year << "  " << std::left << std::setw(18) << t.tier << where(t.at) << "\n";
  }
  out << "\nRoles:\n";
  if (facts.roles.empty()) out << "  (none stated)\n";
  for (const CountryRole& r : facts.roles) {
    out << "  " << r.year << "  " << std::left << std::setw(12) << r.role << where(r.at) << "\n";
  }
  out << "\nFlows:\n";
  if (facts.flows.empty()) out << "  (none stated)\n";
  for (const CountryFlow& f : facts.flows) {
    out << "  " << f.year << "  " << place_shown(f.from) << " -> " << place_shown(f.to);
    std::string detail;
    for (const std::string& p : f.purposes) detail += (detail.empty() ? "" : ", ") + p;
    for (const std::string& w : f.who) detail += (detail.empty() ? "" : ", ") + w;
    if (!detail.empty()) out << " (" << detail << ")";
    out << "  " << where(f.at);
    if (f.stated_by != facts.country) out << " (" << f.stated_by << "'s report)";
    out << "\n";
  }
}

std::string render_country_facts_json(const CountryFacts& facts, JsonLayout layout) {
  JsonWriter json;
  json.begin_object();
  json.key("country").value(facts.country);
  json.key("name").value(facts.name);
  json.key("reports").value(std::uint64_t{facts.reports});
  json.key("tiers").begin_array();
  for (const CountryTier& t : facts.tiers) {
    json.begin_object();
    json.key("year").value(t.year);
    json.key("tier").value(t.tier);
    write_stated_at(json, t.at);
    json.end_object();
  }
  json.end_array();
  json.key("roles").begin_array();
  for (const CountryRole& r : facts.roles) {
    json.begin_object();
    json.key("year").value(r.year);
    json.key("role").value(r.role);
    write_stated_at(json, r.at);
    json.end_object();
  }
  json.end_array();
  json.key("flows").begin_array();
  for (const CountryFlow& f : facts.flows) {
    json.begin_object();
    json.key("from").value(place_written(f.from));
    json.key("from_kind").value(place_kind(f.from));
    json.key("from_name").value(f.from_name);
    json.key("to").value(place_written(f.to));
    json.key("to_kind").value(place_kind(f.to));
    json.key("to_name").value(f.to_name);
    json.key("purpose");
    write_strings(json, f.purposes);
    json.key("who");
    write_strings(json, f.who);
    json.key("year").value(f.year);
    write_stated_at(json, f.at);
    json.key("stated_by").value(f.stated_by);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return finish(json, layout);
}

void render_report_text(const Report& report, const ReportCopies& report_copies,
                        std::ostream& out) {
  out << report.title << "\n\n";
  auto line = [&](std::string_view label, const std::string& value) {
    if (!value.empty()) out << std::left << std::setw(12) << label << value << "\n";
  };
  line("Id", report.id);
  line("Publisher", report.publisher);
  line("Author", report.author);
  if (report.published) line("Published", report.published->iso());
  if (report.year > 0) line("Year", std::to_string(report.year));
  if (!report.country_code.empty())
    line("Country", report.country_name + " [" + report.country_code + "]");
  line("Series", series_label(report.series));
  if (!report.tier.empty()) line("Tier", report.tier);
  std::string topics;
  for (const std::string& t : report.topics) topics += (topics.empty() ? "" : ", ") + t;
  line("Topics", topics);
  line("Symbol", report.symbol);
  line("Cite as", report.cite_as);
  line("Source URL", report.source_url);
  line("File", report.source_path);
  line("Paragraphs", std::to_string(report.paragraphs.size()));
  const int pages = report.paragraphs.empty() ? 0 : report.paragraphs.back().last_page;
  if (pages > 0) {
    int last = 0;
    for (const Paragraph& p : report.paragraphs) last = std::max(last, p.last_page);
    line("Pages", std::to_string(last));
  }
  std::string copies;
  for (const std::string& copy : report_copies.identical) {
    copies += (copies.empty() ? "" : ", ") + copy;
  }
  line("Same text", copies);
  std::string other_files;
  for (const std::string& copy : report_copies.all) {
    if (std::find(report_copies.identical.begin(), report_copies.identical.end(), copy) ==
        report_copies.identical.end()) {
      other_files += (other_files.empty() ? "" : ", ") + copy;
    }
  }
  line("Copies", other_files);
  if (!report.region.empty()) line("Region", report.region + " > " + report.subregion);
  for (EntityKind kind :
       {EntityKind::kCountry, EntityKind::kStateBody, EntityKind::kOrganization}) {
    std::string names;
    for (const Entity& e : report.entities) {
      if (e.kind != kind) continue;
      if (!names.empty()) names += "; ";
      names += kind == EntityKind::kCountry ? e.name + " [" + e.id + "]" : e.name;
      if (kind == EntityKind::kStateBody && !e.country.empty()) names += " (" + e.country + ")";
    }
    line(kind == EntityKind::kCountry     ? "Mentions"
         : kind == EntityKind::kStateBody ? "Bodies"
                                          : "Orgs",
         names);
  }
  out << "\n";
  // Each paragraph under the label `dossier cite --para` takes, and the page it starts on
  // when the source has pages; the footnotes after a rule.
  bool notes = false;
  for (const Paragraph& p : report.paragraphs) {
    if (p.kind == ParagraphKind::kNote && !notes) {
      out << "Notes\n\n";
      notes = true;
    }
    if (p.kind == ParagraphKind::kHeading) out << "## ";
    if (!p.label.empty()) out << "[" << p.label << "] ";
    if (p.page > 0 && p.kind != ParagraphKind::kHeading) out << "(" << page_locator(p) << ") ";
    out << p.text << "\n\n";
  }
}

std::string render_report_json(const Report& report,
                               const std::map<int, std::vector<Highlight>>& highlights,
                               const ReportCopies& copies, JsonLayout layout) {
  ordered_json entities = ordered_json::array();
  for (const Entity& e : report.entities) {
    ordered_json spans = ordered_json::array();
    for (const EntitySpan& s : e.spans) spans.push_back({s.paragraph, s.begin, s.end});
    ordered_json entity = {{"kind", to_string(e.kind)}, {"id", e.id}, {"name", e.name}};
    if (e.kind == EntityKind::kStateBody) entity["country"] = e.country;
    entity["mentions"] = std::move(spans);
    entities.push_back(std::move(entity));
  }
  ordered_json paragraphs = ordered_json::array();
  for (const Paragraph& p : report.paragraphs) {
    auto page = [](int number) { return number > 0 ? ordered_json(number) : ordered_json(); };
    ordered_json paragraph = {{"number", p.number},
                              {"label", p.label.empty() ? ordered_json() : ordered_json(p.label)},
                              {"kind", to_string(p.kind)},
                              {"page", page(p.page)},
                              {"last_page", page(p.last_page)},
                              {"text", p.text}};
    if (auto it = highlights.find(p.number); it != highlights.end()) {
      ordered_json marks = ordered_json::array();
      for (const Highlight& h : it->second) marks.push_back({h.begin, h.end});
      paragraph["highlights"] = std::move(marks);
    }
    paragraphs.push_back(std::move(paragraph));
  }
  ordered_json out = {
      {"id", report.id},
      {"title", report.title},
      {"publisher", report.publisher},
      {"author", report.author},
      {"published",
       report.published ? ordered_json(report.published->iso()) : ordered_json(nullptr)},
      {"year", report.year > 0 ? ordered_json(report.year) : ordered_json(nullptr)},
      {"country",
       report.country_code.empty() ? ordered_json(nullptr) : ordered_json(report.country_code)},
      {"country_name", report.country_name},
      {"series", report.series},
      {"series_label", series_label(report.series)},
      {"tier", report.tier},
      {"region", report.region},
      {"subregion", report.subregion},
      {"topics", report.topics},
      {"symbol", report.symbol},
      {"cite_as", report.cite_as},
      {"source_url", report.source_url},
      {"last_updated", report.last_updated},
      {"source_path", report.source_path},
      {"format", report.format},
      {"content_hash", report.content_hash},
      {"identical_copies", copies.identical},
      {"copies", copies.all},
      {"entities", std::move(entities)},
      {"paragraphs", std::move(paragraphs)},
  };
  return dump(out, layout);
}

void render_stats_text(const IndexStats& stats, const TextStyle& style, std::ostream& out) {
  out << "Index      " << stats.path.string() << "\n"
      << "Reports    " << stats.reports << "\n"
      << "Terms      " << stats.terms << "\n"
      << "Size       " << format_bytes(stats.bytes_on_disk) << "\n"
      << "Revision   " << stats.revision << "\n\n";
  render_facets_text(stats.facets, style.facet_values, out);
}

std::string render_stats_json(const IndexStats& stats) {
  JsonWriter json;
  json.begin_object();
  json.key("path").value(stats.path.string());
  json.key("reports").value(std::uint64_t{stats.reports});
  json.key("terms").value(std::uint64_t{stats.terms});
  json.key("bytes_on_disk").value(std::uint64_t{stats.bytes_on_disk});
  json.key("revision").value(stats.revision);
  json.key("facets");
  write_facets(json, stats.facets);
  json.end_object();
  return finish(json, JsonLayout::kIndented);
}

}  // namespace dossier
