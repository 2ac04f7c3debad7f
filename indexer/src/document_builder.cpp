#include "document_builder.h"

#include <algorithm>
#include <cstdio>

#include "corpus/report_codec.h"
#include "corpus/schema.h"

namespace dossier {
namespace {

// Longer "words" are base64 blobs, URLs run together or OCR debris: not worth a term.
constexpr std::size_t kMaxWordBytes = 64;
constexpr std::size_t kStemCacheLimit = 200000;

std::string join_values(const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& v : values) {
    if (!joined.empty()) joined.push_back(schema::kValueSeparator);
    joined += v;
  }
  return joined;
}

// The distinct values an entity kind contributes to its facet: country codes, or names.
std::vector<std::string> entity_values(const Report& report, EntityKind kind) {
  std::vector<std::string> values;
  for (const Entity& e : report.entities) {
    if (e.kind != kind) continue;
    std::string value = kind == EntityKind::kCountry ? e.id : e.name;
    if (std::find(values.begin(), values.end(), value) == values.end()) {
      values.push_back(std::move(value));
    }
  }
  return values;
}

}  // namespace

DocumentBuilder::DocumentBuilder() = default;

const std::string& DocumentBuilder::stem(const std::string& term) {
  if (stem_cache_.size() > kStemCacheLimit) stem_cache_.clear();
  auto [it, inserted] = stem_cache_.try_emplace(term);
  if (inserted) it->second = stemmer_(term);
  return it->second;
}

void DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text,
                                 std::string_view prefix, Xapian::termpos& position,
                                 bool also_body) {
  for (const Token& token : normalizer_.tokenize(text)) {
    if (token.term.size() > kMaxWordBytes) continue;
    ++position;
    const std::string& term = token.term;
    doc.add_posting(std::string(prefix) + term, position);
    if (also_body) doc.add_posting(term, position);
    const unsigned char first = static_cast<unsigned char>(term[0]);
    if (first >= '0' && first <= '9') continue;  // numbers are not stemmed
    const std::string& stemmed = stem(term);
    if (stemmed.empty()) continue;
    doc.add_term(std::string(schema::kStemPrefix) + std::string(prefix) + stemmed);
    if (also_body) doc.add_term(std::string(schema::kStemPrefix) + stemmed);
  }
}

Xapian::Document DocumentBuilder::build(const Report& report, const std::string& source_stamp) {
  Xapian::Document doc;
  const schema::Field& id_field = schema::field("id");
  doc.add_boolean_term(std::string(id_field.prefix) + report.id);

  // Title words are body words too, so a plain query finds them; they come first.
  Xapian::termpos position = 0;
  index_text(doc, report.title, schema::field("title").prefix, position, true);
  position += schema::kParagraphPositionGap;
  for (const Paragraph& paragraph : report.paragraphs) {
    index_text(doc, paragraph.text, schema::kBodyPrefix, position, false);
    position += schema::kParagraphPositionGap;
  }
  Xapian::termpos author_position = 0;
  index_text(doc, report.author, schema::field("author").prefix, author_position, false);

  // Keyword fields: boolean terms to filter on, a joined value slot to count facets from.
  const std::string year = report.year > 0 ? schema::year_value(report.year) : std::string();
  std::vector<std::pair<std::string_view, std::vector<std::string>>> keywords = {
      {"country", report.country_code.empty() ? std::vector<std::string>{}
                                              : std::vector<std::string>{report.country_code}},
      {"year", year.empty() ? std::vector<std::string>{} : std::vector<std::string>{year}},
      {"topic", report.topics},
      {"publisher", report.publisher.empty() ? std::vector<std::string>{}
                                             : std::vector<std::string>{report.publisher}},
      {"series", {report.series}},
      {"region", report.region.empty() ? std::vector<std::string>{}
                                       : std::vector<std::string>{report.region}},
      {"subregion", report.subregion.empty() ? std::vector<std::string>{}
                                             : std::vector<std::string>{report.subregion}},
      {"mentions", entity_values(report, EntityKind::kCountry)},
      {"body", entity_values(report, EntityKind::kStateBody)},
      {"org", entity_values(report, EntityKind::kOrganization)},
  };
  for (const auto& [name, values] : keywords) {
    const schema::Field& field = schema::field(name);
    for (const std::string& value : values) {
      doc.add_boolean_term(schema::keyword_term(field, normalizer_.fold(value)));
    }
    if (field.facet_slot && !values.empty()) doc.add_value(*field.facet_slot, join_values(values));
  }

  const std::string date_key =
      report.published ? report.published->sort_key() : schema::year_value(report.year) + "0000";
  doc.add_value(schema::kSlotDate, date_key);
  if (!year.empty()) doc.add_value(schema::kSlotYear, year);
  doc.add_value(schema::kSlotSourcePath, report.source_path);
  doc.add_value(schema::kSlotSourceStamp, source_stamp);
  doc.add_value(schema::kSlotContentHash, report.content_hash);
  doc.add_value(schema::kSlotTitleSort, normalizer_.fold(report.title));
  doc.add_value(schema::kSlotId, report.id);
  doc.set_data(encode_report(report));
  return doc;
}

}  // namespace dossier
