#include "corpus/report_codec.h"

#include <zstd.h>
#include <nlohmann/json.hpp>

#include "corpus/error.h"

namespace dossier {

using nlohmann::json;

namespace {

// Xapian would deflate the data itself; zstd's frames come back about three times faster, and
// its output does not shrink under deflate, so Xapian then stores it as it is.
constexpr int kZstdLevel = 3;

std::string compress(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size =
      ZSTD_compress(out.data(), out.size(), data.data(), data.size(), kZstdLevel);
  if (ZSTD_isError(size)) {
    throw Error(ErrorKind::kInternal, std::string("zstd: ") + ZSTD_getErrorName(size));
  }
  out.resize(size);
  return out;
}

struct FreeDecompressionContext {
  void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};
using DecompressionContext = std::unique_ptr<ZSTD_DCtx, FreeDecompressionContext>;

// Decompresses a stored report into `out` (its capacity is reused).
void decompress(ZSTD_DCtx& context, std::string_view data, std::string& out) {
  const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: not a zstd frame");
  }
  out.resize(static_cast<std::size_t>(size));
  const std::size_t got =
      ZSTD_decompressDCtx(&context, out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(got) || got != out.size()) {
    throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: damaged zstd frame");
  }
}

Report parse_report(std::string_view data, ReportParts parts);

}  // namespace

std::string encode_report(const Report& report) {
  // Paragraph texts follow the JSON header raw: reading a hit's text then costs a copy, not a
  // JSON string scan.
  json paragraphs = json::array();
  std::string texts;
  for (const Paragraph& p : report.paragraphs) {
    paragraphs.push_back({p.number, p.kind == ParagraphKind::kHeading, p.text.size()});
    texts += p.text;
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
      {"paragraphs", std::move(paragraphs)},
  };
  if (report.published) {
    out["published"] = {report.published->year, report.published->month, report.published->day};
  }
  // Invalid UTF-8 never reaches here (the extractor repairs it), but do not throw on it anyway.
  // A dumped JSON value has no raw newline, so the first one ends the header.
  std::string data = out.dump(-1, ' ', false, json::error_handler_t::replace);
  data += '\n';
  data += entities.dump(-1, ' ', false, json::error_handler_t::replace);
  data += '\n';
  data += texts;
  return compress(data);
}

struct ReportDecoder::Impl {
  DecompressionContext context{ZSTD_createDCtx()};
  std::string buffer;
};

ReportDecoder::ReportDecoder() : impl_(std::make_unique<Impl>()) {
  if (!impl_->context) throw std::bad_alloc();
}
ReportDecoder::~ReportDecoder() = default;
ReportDecoder::ReportDecoder(ReportDecoder&&) noexcept = default;
ReportDecoder& ReportDecoder::operator=(ReportDecoder&&) noexcept = default;

Report ReportDecoder::decode(std::string_view stored, ReportParts parts) {
  decompress(*impl_->context, stored, impl_->buffer);
  return parse_report(impl_->buffer, parts);
}

Report decode_report(std::string_view stored, ReportParts parts) {
  return ReportDecoder().decode(stored, parts);
}

namespace {

// The report in decompressed stored data.
Report parse_report(std::string_view data, ReportParts parts) {
  try {
    const std::size_t header_end = data.find('\n');
    const std::size_t entities_end =
        header_end == std::string_view::npos ? header_end : data.find('\n', header_end + 1);
    if (entities_end == std::string_view::npos) {
      throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: no header");
    }
    const json in = json::parse(data.substr(0, header_end));
    std::string_view texts = data.substr(entities_end + 1);
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
    const json entities =
        parts == ReportParts::kAll
            ? json::parse(data.substr(header_end + 1, entities_end - header_end - 1))
            : json::array();
    for (const json& e : entities) {
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
      const auto length = p.at(2).get<std::size_t>();
      if (length > texts.size()) {
        throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: text cut short");
      }
      report.paragraphs.push_back(Paragraph{
          p.at(0).get<int>(), p.at(1).get<bool>() ? ParagraphKind::kHeading : ParagraphKind::kText,
          std::string(texts.substr(0, length))});
      texts.remove_prefix(length);
    }
    return report;
  } catch (const json::exception& e) {
    throw Error(ErrorKind::kIndexCorrupt, std::string("stored report is unreadable: ") + e.what());
  }
}

}  // namespace

}  // namespace dossier
