#include "corpus/report_codec.h"

#include "corpus/paragraphs.h"

#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "corpus/error.h"
#include "corpus/paragraphs.h"
#include "zstd_frame.h"

namespace dossier {

using nlohmann::json;

namespace {

// Xapian would deflate the data itself; zstd's frames come back about three times faster, and
// its output does not shrink under deflate, so Xapian then stores it as it is.
constexpr int kZstdLevel = 3;

std::string compress(const std::string& data) {
  return zstd_frame(data, kZstdLevel);
}

struct FreeDecompressionContext {
  void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};
using DecompressionContext = std::unique_ptr<ZSTD_DCtx, FreeDecompressionContext>;

// The header's length, little-endian, before the header.
constexpr std::size_t kHeaderLengthBytes = 4;

// Decompresses one zstd frame into `out` (its capacity is reused).
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

}  // namespace

std::string encode_report(const Report& report) {
  json paragraphs = json::array();
  std::string texts;
  for (const Paragraph& p : report.paragraphs) {
    paragraphs.push_back(
        {p.number, static_cast<int>(p.kind), p.text.size(), p.page, p.last_page, p.nested});
    texts += p.text;
  }
  json header = {
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
      {"symbol", report.symbol},
      {"last_updated", report.last_updated},
      {"tier", report.tier},
      {"region", report.region},
      {"subregion", report.subregion},
      {"content_hash", report.content_hash},
      {"paragraphs", std::move(paragraphs)},
  };
  if (report.published) {
    header["published"] = {report.published->year, report.published->month, report.published->day};
  }
  const std::vector<std::uint8_t> packed = json::to_msgpack(header);
  std::string first;
  first.reserve(kHeaderLengthBytes + packed.size() + texts.size());
  for (std::size_t byte = 0; byte < kHeaderLengthBytes; ++byte) {
    first += static_cast<char>((packed.size() >> (8 * byte)) & 0xFF);
  }
  first.append(packed.begin(), packed.end());
  first += texts;
  std::string stored = compress(first);
  if (report.entities.empty() && report.facts.empty()) return stored;

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
  const std::vector<std::uint8_t> packed_entities = json::to_msgpack(entities);
  stored += compress(std::string(packed_entities.begin(), packed_entities.end()));
  if (report.facts.empty()) return stored;

  const auto source = [](const FactSource& s) { return json{s.paragraph, s.begin, s.end}; };
  json tiers = json::array();
  for (const TierFact& t : report.facts.tiers) tiers.push_back({t.tier, t.year, source(t.source)});
  json roles = json::array();
  for (const RoleFact& r : report.facts.roles) roles.push_back({r.role, r.year, source(r.source)});
  json flows = json::array();
  for (const FlowFact& f : report.facts.flows) {
    flows.push_back({f.from, f.to, f.purposes, f.who, f.year, source(f.source)});
  }
  const json facts = {{"t", std::move(tiers)}, {"r", std::move(roles)}, {"f", std::move(flows)}};
  const std::vector<std::uint8_t> packed_facts = json::to_msgpack(facts);
  return stored + compress(std::string(packed_facts.begin(), packed_facts.end()));
}

namespace {

// The paragraph layout a header lists: number, kind, byte length, first and last page, nested.
struct ParagraphSpec {
  int number = 0;
  ParagraphKind kind = ParagraphKind::kText;
  std::size_t length = 0;
  int page = 0;
  int last_page = 0;
  bool nested = false;
};
constexpr int kParagraphSpecItems = 6;

// Reads a stored header straight into a Report, as nlohmann's SAX events arrive: building a
// JSON document first and copying out of it cost as much as decompressing the report. Unknown
// keys are skipped; a value of the wrong type or a missing field makes the header unreadable.
class HeaderReader {
 public:
  explicit HeaderReader(Report& report) : report_(report) {}

  // nlohmann::json_sax events; returning false stops the parse (the header is unreadable).
  bool null() { return skipped_scalar(); }
  bool boolean(bool value) {
    if (skipped_scalar()) return true;
    if (depth_ != 3 || item_ != 5) return false;
    spec_.nested = value;
    ++item_;
    return true;
  }
  bool number_integer(json::number_integer_t value) { return number(value); }
  bool number_unsigned(json::number_unsigned_t value) {
    if (value > static_cast<json::number_unsigned_t>(INT32_MAX)) return skipped_scalar();
    return number(static_cast<std::int64_t>(value));
  }
  bool number_float(json::number_float_t, const json::string_t&) { return skipped_scalar(); }
  bool binary(json::binary_t&) { return skipped_scalar(); }
  bool string(json::string_t& value) {
    if (skipped_scalar()) return true;
    if (depth_ == 1) {
      if (field_ == nullptr) return false;
      *field_ = std::move(value);
      seen_ |= key_bit_;
      return true;
    }
    if (depth_ != 2 || key_ != "topics") return false;
    report_.topics.push_back(std::move(value));
    return true;
  }
  bool start_object(std::size_t) {
    if (depth_ > 0) return skipped_container();
    depth_ = 1;
    return true;
  }
  bool end_object() { return close_container(); }
  bool start_array(std::size_t) {
    if (skip_depth_ > 0 || skip_next_) return skipped_container();
    if (depth_ == 1 && (key_ == "topics" || key_ == "paragraphs" || key_ == "published")) {
      seen_ |= key_bit_;
      depth_ = 2;
      return true;
    }
    if (depth_ == 2 && key_ == "paragraphs") {
      spec_ = ParagraphSpec{};
      item_ = 0;
      depth_ = 3;
      return true;
    }
    return false;
  }
  bool end_array() {
    if (depth_ == 3 && skip_depth_ == 0) {
      if (item_ != kParagraphSpecItems) return false;
      paragraphs.push_back(spec_);
    }
    return close_container();
  }
  bool key(json::string_t& name) {
    if (depth_ != 1 || skip_depth_ > 0) return true;
    key_ = std::move(name);
    field_ = string_field(key_);
    key_bit_ = bit_of(key_);
    // A key of a later version: its value is skipped.
    skip_next_ = field_ == nullptr && key_ != "year" && key_ != "topics" && key_ != "paragraphs" &&
                 key_ != "published";
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

  // Whether every field the header must have was read.
  bool complete() const { return (seen_ & kRequired) == kRequired; }

  std::vector<ParagraphSpec> paragraphs;
  std::vector<int> published;

 private:
  bool number(std::int64_t value) {
    if (skipped_scalar()) return true;
    if (depth_ == 1 && key_ == "year") {
      report_.year = static_cast<int>(value);
      seen_ |= key_bit_;
      return true;
    }
    if (depth_ == 2 && key_ == "published") {
      published.push_back(static_cast<int>(value));
      return true;
    }
    if (depth_ != 3 || value < 0) return false;
    switch (item_) {
      case 0:
        spec_.number = static_cast<int>(value);
        break;
      case 1:
        if (value > static_cast<int>(ParagraphKind::kNote)) return false;
        spec_.kind = static_cast<ParagraphKind>(value);
        break;
      case 2:
        spec_.length = static_cast<std::size_t>(value);
        break;
      case 3:
        spec_.page = static_cast<int>(value);
        break;
      case 4:
        spec_.last_page = static_cast<int>(value);
        break;
      default:
        return false;
    }
    ++item_;
    return true;
  }
  // Whether a scalar belongs to a skipped key (as its value, or inside its value).
  bool skipped_scalar() {
    if (skip_depth_ > 0) return true;
    if (!skip_next_) return false;
    skip_next_ = false;
    return true;
  }
  // A container opens: skipped when it is (inside) a skipped key's value, else unexpected.
  bool skipped_container() {
    if (skip_depth_ == 0 && !skip_next_) return false;
    skip_next_ = false;
    ++skip_depth_;
    return true;
  }
  bool close_container() {
    if (skip_depth_ > 0) {
      --skip_depth_;
    } else {
      --depth_;
    }
    return true;
  }

  std::string* string_field(const std::string& name) {
    static constexpr std::pair<std::string_view, std::string Report::*> kFields[] = {
        {"id", &Report::id},
        {"source_path", &Report::source_path},
        {"format", &Report::format},
        {"title", &Report::title},
        {"publisher", &Report::publisher},
        {"author", &Report::author},
        {"country_code", &Report::country_code},
        {"country_name", &Report::country_name},
        {"series", &Report::series},
        {"cite_as", &Report::cite_as},
        {"source_url", &Report::source_url},
        {"symbol", &Report::symbol},
        {"last_updated", &Report::last_updated},
        {"tier", &Report::tier},
        {"region", &Report::region},
        {"subregion", &Report::subregion},
        {"content_hash", &Report::content_hash},
    };
    for (const auto& [field_name, member] : kFields) {
      if (field_name == name) return &(report_.*member);
    }
    return nullptr;
  }
  // One bit per required field, in this order.
  static std::uint32_t bit_of(std::string_view name) {
    static constexpr std::string_view kNames[] = {
        "id",     "source_path", "format",       "title",        "publisher",
        "author", "year",        "country_code", "country_name", "series",
        "topics", "cite_as",     "source_url",   "last_updated", "tier",
        "region", "subregion",   "content_hash", "paragraphs",   "symbol"};
    for (std::size_t i = 0; i < std::size(kNames); ++i) {
      if (kNames[i] == name) return 1u << i;
    }
    return 0;
  }
  static constexpr std::uint32_t kRequired = (1u << 20) - 1;

  Report& report_;
  int depth_ = 0;       // 1 inside the header object, 2 in one of its arrays, 3 in a paragraph
  int skip_depth_ = 0;  // containers open under a skipped key
  bool skip_next_ = false;
  std::string key_;               // the header key being read
  std::string* field_ = nullptr;  // the report's string it fills, if it is one
  std::uint32_t key_bit_ = 0;     // its bit_of
  int item_ = 0;                  // which item of a paragraph's triple comes next
  ParagraphSpec spec_;
  std::uint32_t seen_ = 0;  // bit_of each field read
};

// The report in the first frame of stored data: header length, header, paragraph texts.
Report parse_report(std::string_view data) {
  if (data.size() < kHeaderLengthBytes) {
    throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: no header");
  }
  std::size_t header_size = 0;
  for (std::size_t byte = 0; byte < kHeaderLengthBytes; ++byte) {
    header_size |= static_cast<std::size_t>(static_cast<unsigned char>(data[byte])) << (8 * byte);
  }
  if (header_size > data.size() - kHeaderLengthBytes) {
    throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: header cut short");
  }
  Report report;
  HeaderReader header(report);
  if (!json::sax_parse(data.substr(kHeaderLengthBytes, header_size), &header,
                       json::input_format_t::msgpack) ||
      !header.complete() || (!header.published.empty() && header.published.size() != 3)) {
    throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: damaged header");
  }
  if (header.published.size() == 3) {
    report.published = Date{header.published[0], header.published[1], header.published[2]};
  }
  std::string_view texts = data.substr(kHeaderLengthBytes + header_size);
  report.paragraphs.reserve(header.paragraphs.size());
  for (const ParagraphSpec& p : header.paragraphs) {
    if (p.length > texts.size()) {
      throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: text cut short");
    }
    report.paragraphs.push_back(Paragraph{p.number,
                                          p.kind,
                                          std::string(texts.substr(0, p.length)),
                                          {},
                                          p.page,
                                          p.last_page,
                                          p.nested});
    texts.remove_prefix(p.length);
  }
  // Labels are read from the text, not stored: how they are found may improve without a
  // re-index.
  label_paragraphs(report.paragraphs);
  return report;
}

// The entities of the second frame of stored data.
void parse_entities(std::string_view data, Report& report) {
  try {
    const json entities = json::from_msgpack(data);
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
  } catch (const json::exception& e) {
    throw Error(ErrorKind::kIndexCorrupt, std::string("stored report is unreadable: ") + e.what());
  }
}

// The trafficking facts of the third frame of stored data.
void parse_facts(std::string_view data, Report& report) {
  try {
    const json facts = json::from_msgpack(data);
    const auto source = [](const json& s) {
      return FactSource{s.at(0).get<std::size_t>(), s.at(1).get<std::size_t>(),
                        s.at(2).get<std::size_t>()};
    };
    for (const json& t : facts.at("t")) {
      report.facts.tiers.push_back(
          {t.at(0).get<std::string>(), t.at(1).get<int>(), source(t.at(2))});
    }
    for (const json& r : facts.at("r")) {
      report.facts.roles.push_back(
          {r.at(0).get<std::string>(), r.at(1).get<int>(), source(r.at(2))});
    }
    for (const json& f : facts.at("f")) {
      report.facts.flows.push_back({f.at(0).get<std::string>(), f.at(1).get<std::string>(),
                                    f.at(2).get<std::vector<std::string>>(),
                                    f.at(3).get<std::vector<std::string>>(), f.at(4).get<int>(),
                                    source(f.at(5))});
    }
  } catch (const json::exception& e) {
    throw Error(ErrorKind::kIndexCorrupt, std::string("stored report is unreadable: ") + e.what());
  }
  // A source outside its report's text would be read past the end: refuse it here.
  const auto inside = [&](const FactSource& s) {
    return s.paragraph < report.paragraphs.size() && s.begin <= s.end &&
           s.end <= report.paragraphs[s.paragraph].text.size();
  };
  const bool sound = std::all_of(report.facts.tiers.begin(), report.facts.tiers.end(),
                                 [&](const TierFact& t) { return inside(t.source); }) &&
                     std::all_of(report.facts.roles.begin(), report.facts.roles.end(),
                                 [&](const RoleFact& r) { return inside(r.source); }) &&
                     std::all_of(report.facts.flows.begin(), report.facts.flows.end(),
                                 [&](const FlowFact& f) { return inside(f.source); });
  if (!sound)
    throw Error(ErrorKind::kIndexCorrupt,
                "stored report is unreadable: a fact's source is outside its text");
}

}  // namespace

struct ReportDecoder::Impl {
  DecompressionContext context{ZSTD_createDCtx()};
  std::string buffer;
  std::string entities_buffer;
};

ReportDecoder::ReportDecoder() : impl_(std::make_unique<Impl>()) {
  if (!impl_->context) throw std::bad_alloc();
}
ReportDecoder::~ReportDecoder() = default;
ReportDecoder::ReportDecoder(ReportDecoder&&) noexcept = default;
ReportDecoder& ReportDecoder::operator=(ReportDecoder&&) noexcept = default;

Report ReportDecoder::decode(std::string_view stored, ReportParts parts) {
  const std::size_t first = ZSTD_findFrameCompressedSize(stored.data(), stored.size());
  if (ZSTD_isError(first)) {
    throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: not a zstd frame");
  }
  decompress(*impl_->context, stored.substr(0, first), impl_->buffer);
  Report report = parse_report(impl_->buffer);
  if (parts == ReportParts::kAll && first < stored.size()) {
    const std::string_view rest = stored.substr(first);
    const std::size_t second = ZSTD_findFrameCompressedSize(rest.data(), rest.size());
    if (ZSTD_isError(second)) {
      throw Error(ErrorKind::kIndexCorrupt, "stored report is unreadable: not a zstd frame");
    }
    decompress(*impl_->context, rest.substr(0, second), impl_->entities_buffer);
    parse_entities(impl_->entities_buffer, report);
    if (second < rest.size()) {
      decompress(*impl_->context, rest.substr(second), impl_->entities_buffer);
      parse_facts(impl_->entities_buffer, report);
    }
  }
  return report;
}

Report decode_report(std::string_view stored, ReportParts parts) {
  return ReportDecoder().decode(stored, parts);
}

}  // namespace dossier
