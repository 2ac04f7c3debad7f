#include "corpus/report_codec.h"

#include <nlohmann/json.hpp>

#include "corpus/error.h"

namespace dossier {

using nlohmann::json;

std::string encode_report(const Report& report) {
  json paragraphs = json::array();
  for (const Paragraph& p : report.paragraphs) {
    paragraphs.push_back(
        {{"n", p.number}, {"h", p.kind == ParagraphKind::kHeading}, {"t", p.text}});
  }
  json entities = json::array();
  for (const Entity& e : report.entities) {
    json spans = json::array();
    for (const EntitySpan& span : e.spans) spans.push_back({span.paragraph, span.begin, span.end});
    entities.push_back({{"k", to_string(e.kind)},
                        {"i", e.id},
                        {"n", e.name},
                        {"c", e.country},
                        {"s", std::move(spans)}});
  }
  json out = {
      {"id", report.id},
      {"source_path", report.source_path},
      {"format", report.format},
      {"title", report.title},
      {"publisher", report.publisher},
      {"author", report.author},
      {"year", report.year},
      {"country_code", report.country_code},
      {"country_name", report.country_name},
      {"series", report.series},
      {"topics", report.topics},
      {"cite_as", report.cite_as},
      {"source_url", report.source_url},
      {"last_updated", report.last_updated},
      {"tier", report.tier},
      {"region", report.region},
      {"subregion", report.subregion},
      {"content_hash", report.content_hash},
      {"entities", std::move(entities)},
      {"paragraphs", std::move(paragraphs)},
  };
  if (report.published) {
    out["published"] = {report.published->year, report.published->month, report.published->day};
  }
  // Invalid UTF-8 never reaches here (the extractor repairs it), but do not throw on it anyway.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Report decode_report(std::string_view data) {
  try {
    const json in = json::parse(data);
    Report report;
    report.id = in.at("id").get<std::string>();
    report.source_path = in.at("source_path").get<std::string>();
    report.format = in.at("format").get<std::string>();
    report.title = in.at("title").get<std::string>();
    report.publisher = in.at("publisher").get<std::string>();
    report.author = in.at("author").get<std::string>();
    report.year = in.at("year").get<int>();
    report.country_code = in.at("country_code").get<std::string>();
    report.country_name = in.at("country_name").get<std::string>();
    report.series = in.at("series").get<std::string>();
    report.topics = in.at("topics").get<std::vector<std::string>>();
    report.cite_as = in.at("cite_as").get<std::string>();
    report.source_url = in.at("source_url").get<std::string>();
    report.last_updated = in.at("last_updated").get<std::string>();
    report.tier = in.at("tier").get<std::string>();
    report.region = in.at("region").get<std::string>();
    report.subregion = in.at("subregion").get<std::string>();
    for (const json& e : in.at("entities")) {
      Entity entity;
      const std::string kind = e.at("k").get<std::string>();
      entity.kind = kind == "country"      ? EntityKind::kCountry
                    : kind == "state_body" ? EntityKind::kStateBody
                                           : EntityKind::kOrganization;
      entity.id = e.at("i").get<std::string>();
      entity.name = e.at("n").get<std::string>();
      entity.country = e.at("c").get<std::string>();
      for (const json& span : e.at("s")) {
        entity.spans.push_back(EntitySpan{span.at(0).get<int>(), span.at(1).get<std::size_t>(),
                                          span.at(2).get<std::size_t>()});
      }
      report.entities.push_back(std::move(entity));
    }
    report.content_hash = in.at("content_hash").get<std::string>();
    if (auto it = in.find("published"); it != in.end()) {
      report.published = Date{it->at(0).get<int>(), it->at(1).get<int>(), it->at(2).get<int>()};
    }
    for (const json& p : in.at("paragraphs")) {
      report.paragraphs.push_back(
          Paragraph{p.at("n").get<int>(),
                    p.at("h").get<bool>() ? ParagraphKind::kHeading : ParagraphKind::kText,
                    p.at("t").get<std::string>()});
    }
    return report;
  } catch (const json::exception& e) {
    throw Error(ErrorKind::kIndexCorrupt, std::string("stored report is unreadable: ") + e.what());
  }
}

}  // namespace dossier
