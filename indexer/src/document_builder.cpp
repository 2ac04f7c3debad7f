#include "document_builder.h"

#include "corpus/error.h"
#include "corpus/report_codec.h"
#include "corpus/schema.h"
#include "corpus/symbols.h"

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

}  // namespace

DocumentBuilder::DocumentBuilder() = default;

const std::string& DocumentBuilder::stem(const std::string& term) {
  if (stem_cache_.size() > kStemCacheLimit) stem_cache_.clear();
  auto [it, inserted] = stem_cache_.try_emplace(term);
  if (inserted) it->second = stemmer_(term);
  return it->second;
}

void DocumentBuilder::index_tokens(Xapian::Document& doc, std::span<const Token> tokens,
                                   std::string_view prefix, Xapian::termpos& position,
                                   bool also_body) {
  for (const Token& token : tokens) {
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

Xapian::Document DocumentBuilder::build(const Report& report,
                                        std::span<const std::vector<Token>> paragraph_tokens,
                                        const SourceInfo& source) {
  if (paragraph_tokens.size() != report.paragraphs.size()) {
    throw Error(ErrorKind::kInternal, "tokens for " + std::to_string(paragraph_tokens.size()) +
                                          " paragraphs, the report has " +
                                          std::to_string(report.paragraphs.size()));
  }
  Xapian::Document doc;
  // Body positions: the words of the text fields that are body words too (titles) come first,
  // then the paragraphs, a gap between each, so that phrases do not match across them.
  Xapian::termpos body_position = 0;
  // Positions are 32 bits: past this (some 260,000 paragraphs), paragraphs are only as far
  // apart as phrases and NEAR/n need, and NEAR/P may take two of them for one.
  constexpr Xapian::termpos kWideGapsUpTo = Xapian::termpos{1} << 31;
  const auto end_paragraph = [&] {
    body_position += body_position < kWideGapsUpTo ? schema::kParagraphPositionGap
                                                   : schema::kMostNearDistance + 1;
  };
  for (const schema::Field& field : schema::fields()) {
    if (field.kind != schema::FieldKind::kText || !field.text_in_body) continue;
    for (const std::string& text : field.values(report)) {
      index_tokens(doc, normalizer_.tokenize(text), field.prefix, body_position, true);
      end_paragraph();
    }
  }
  for (const std::vector<Token>& tokens : paragraph_tokens) {
    index_tokens(doc, tokens, schema::kBodyPrefix, body_position, false);
    end_paragraph();
  }

  for (const schema::Field& field : schema::fields()) {
    switch (field.kind) {
      case schema::FieldKind::kUniqueId:
        doc.add_boolean_term(std::string(field.prefix) + report.id);
        break;
      case schema::FieldKind::kText:
        if (!field.text_in_body) {
          Xapian::termpos position = 0;
          for (const std::string& text : field.values(report)) {
            index_tokens(doc, normalizer_.tokenize(text), field.prefix, position, false);
          }
        }
        break;
      case schema::FieldKind::kKeyword: {
        // Boolean terms to filter on, a joined value slot to count facets from.
        const std::vector<std::string> values = field.values(report);
        for (const std::string& value : values) {
          doc.add_boolean_term(schema::keyword_term(field, normalizer_.fold(value)));
        }
        if (field.wider_values) {
          for (const std::string& value : values) {
            for (const std::string& wider : field.wider_values(value)) {
              doc.add_boolean_term(schema::keyword_term(field, normalizer_.fold(wider)));
            }
          }
        }
        if (field.facet_slot && !values.empty()) {
          doc.add_value(*field.facet_slot, join_values(values));
        }
        if (field.range_slot && !values.empty()) doc.add_value(*field.range_slot, values.front());
        break;
      }
      case schema::FieldKind::kStored:
        break;
    }
  }

  const std::string date_key =
      report.published ? report.published->sort_key() : schema::year_value(report.year) + "0000";
  doc.add_value(schema::kSlotDate, date_key);
  std::string inverted_date = date_key;
  for (char& c : inverted_date) c = static_cast<char>('0' + ('9' - c));
  doc.add_value(schema::kSlotOldestThenId, date_key + '\n' + report.id);
  doc.add_value(schema::kSlotNewestThenId, inverted_date + '\n' + report.id);
  doc.add_value(schema::kSlotSourcePath, source.absolute_path);
  doc.add_value(schema::kSlotSourceStamp, source.stamp);
  doc.add_value(schema::kSlotContentHash, report.content_hash);
  // Until the index knows the report's copies (IndexWriter's last pass), it is its own group.
  doc.add_value(schema::kSlotCollapse, report.content_hash);
  // One spelling per symbol, so that "A/HRC/12/5*" (a cover note's marker) in one file and
  // "A/HRC/12/5" in the other are one report.
  if (const std::string symbol = canonical_symbol(report.symbol); !symbol.empty()) {
    doc.add_value(schema::kSlotSameSymbol, symbol);
  }
  if (report.published && !report.title.empty()) {
    doc.add_value(schema::kSlotSameTitle, normalizer_.fold(report.title) + "|" +
                                              report.country_code + "|" + report.published->iso());
  }
  doc.add_value(schema::kSlotTitleSort, normalizer_.fold(report.title));
  doc.add_value(schema::kSlotId, report.id);
  doc.set_data(encode_report(report));
  return doc;
}

}  // namespace dossier
