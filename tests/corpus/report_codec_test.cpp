// The stored form of a report: what goes in comes back, and damaged data is reported as such.
#include "corpus/report_codec.h"

#include <gtest/gtest.h>

#include <zstd.h>

#include "corpus/error.h"

#include <nlohmann/json.hpp>

namespace dossier {
namespace {

Report sample_report() {
  Report r;
  r.id = "tip_2004_kazakhstan";
  r.source_path = "/archive/tip/2004/Kazakhstan « draft ».txt";
  r.format = "refworld";
  r.title = "Trafficking in Persons Report 2004 – Kazakhstan \"quoted\"";
  r.publisher = "United States Department of State";
  r.author = "Office to Monitor and Combat Trafficking";
  r.published = Date{2004, 6, 14};
  r.year = 2004;
  r.country_code = "KZ";
  r.country_name = "Kazakhstan";
  r.series = "tip";
  r.topics = {"human-trafficking", "child-labour"};
  r.cite_as = "US Department of State, Trafficking in Persons Report 2004";
  r.source_url = "https://www.refworld.org/docid/4680d7f2c.html";
  r.symbol = "A/HRC/26/10";
  r.last_updated = "2007-06-26";
  r.tier = "Tier 2";
  r.region = "Asia";
  r.subregion = "Central Asia";
  r.paragraphs = {{1, ParagraphKind::kHeading, "Kazakhstan (Tier 2)"},
                  {2, ParagraphKind::kText, "Kazakhstan is a source, transit, and destination"},
                  {3, ParagraphKind::kText, "Côte d’Ivoire\nand line breaks\n{\"not\": \"json\"}"},
                  {5, ParagraphKind::kText, ""}};
  r.entities = {{EntityKind::kCountry, "KZ", "Kazakhstan", "", {{1, 0, 10}, {2, 0, 10}}},
                {EntityKind::kStateBody,
                 "ministry-of-justice-kz",
                 "Ministry of Justice",
                 "KZ",
                 {{3, 4, 23}}}};
  r.content_hash = "0123456789abcdef";
  return r;
}

void expect_same_without_entities(const Report& a, const Report& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.source_path, b.source_path);
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.publisher, b.publisher);
  EXPECT_EQ(a.author, b.author);
  ASSERT_EQ(a.published.has_value(), b.published.has_value());
  if (a.published) {
    EXPECT_EQ(a.published->iso(), b.published->iso());
  }
  EXPECT_EQ(a.year, b.year);
  EXPECT_EQ(a.symbol, b.symbol);
  EXPECT_EQ(a.country_code, b.country_code);
  EXPECT_EQ(a.country_name, b.country_name);
  EXPECT_EQ(a.series, b.series);
  EXPECT_EQ(a.topics, b.topics);
  EXPECT_EQ(a.cite_as, b.cite_as);
  EXPECT_EQ(a.source_url, b.source_url);
  EXPECT_EQ(a.last_updated, b.last_updated);
  EXPECT_EQ(a.tier, b.tier);
  EXPECT_EQ(a.region, b.region);
  EXPECT_EQ(a.subregion, b.subregion);
  EXPECT_EQ(a.content_hash, b.content_hash);
  ASSERT_EQ(a.paragraphs.size(), b.paragraphs.size());
  for (std::size_t i = 0; i < a.paragraphs.size(); ++i) {
    EXPECT_EQ(a.paragraphs[i].number, b.paragraphs[i].number);
    EXPECT_EQ(a.paragraphs[i].kind, b.paragraphs[i].kind);
    EXPECT_EQ(a.paragraphs[i].text, b.paragraphs[i].text);
  }
}

std::string frame(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 1));
  return out;
}

// The first frame of a stored report, taken apart: its header and its paragraph texts.
struct Parts {
  nlohmann::json header;
  std::string texts;
};

Parts parts_of(const std::string& stored) {
  const std::size_t first = ZSTD_findFrameCompressedSize(stored.data(), stored.size());
  std::string data(ZSTD_getFrameContentSize(stored.data(), first), '\0');
  data.resize(ZSTD_decompress(data.data(), data.size(), stored.data(), first));
  std::size_t length = 0;
  for (int byte = 0; byte < 4; ++byte) {
    length |= static_cast<std::size_t>(static_cast<unsigned char>(data[byte])) << (8 * byte);
  }
  return {nlohmann::json::from_msgpack(data.substr(4, length)), data.substr(4 + length)};
}

// A stored report (first frame only) made of a header and texts.
std::string stored_of(const nlohmann::json& header, const std::string& texts) {
  const std::vector<std::uint8_t> packed = nlohmann::json::to_msgpack(header);
  std::string data;
  for (int byte = 0; byte < 4; ++byte)
    data += static_cast<char>((packed.size() >> (8 * byte)) & 0xFF);
  data.append(packed.begin(), packed.end());
  return frame(data + texts);
}

ErrorKind decode_error(const std::string& stored) {
  try {
    decode_report(stored);
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;  // "no error" is not what any test expects
}

TEST(ReportCodec, WhatGoesInComesBack) {
  const Report in = sample_report();
  const Report out = decode_report(encode_report(in));
  expect_same_without_entities(in, out);
  ASSERT_EQ(out.entities.size(), 2u);
  EXPECT_EQ(out.entities[1].kind, EntityKind::kStateBody);
  EXPECT_EQ(out.entities[1].id, "ministry-of-justice-kz");
  EXPECT_EQ(out.entities[1].name, "Ministry of Justice");
  EXPECT_EQ(out.entities[1].country, "KZ");
  ASSERT_EQ(out.entities[0].spans.size(), 2u);
  EXPECT_EQ(out.entities[0].spans[1].paragraph, 2);
  EXPECT_EQ(out.entities[0].spans[1].end, 10u);
}

TEST(ReportCodec, EntitiesCanBeLeftUnread) {
  const Report in = sample_report();
  const Report out = decode_report(encode_report(in), ReportParts::kWithoutEntities);
  expect_same_without_entities(in, out);
  EXPECT_TRUE(out.entities.empty());
}

TEST(ReportCodec, OneDecoderReadsManyReports) {
  Report small = sample_report();
  small.id = "small";
  small.published.reset();
  small.topics.clear();
  small.paragraphs.resize(1);
  ReportDecoder decoder;
  for (const Report& in : {sample_report(), small, sample_report(), small}) {
    expect_same_without_entities(in, decoder.decode(encode_report(in)));
  }
}

TEST(ReportCodec, AHeaderKeyOfALaterVersionIsSkipped) {
  Parts parts = parts_of(encode_report(sample_report()));
  parts.header["added_later"] = {{"nested", {1, {{"x", nullptr}}}}, {"flag", true}};
  parts.header["score"] = 1.5;
  parts.header["list"] = nlohmann::json::array();
  parts.header["note"] = "n";
  parts.header["big"] = 1ULL << 40;
  expect_same_without_entities(sample_report(),
                               decode_report(stored_of(parts.header, parts.texts)));
}

TEST(ReportCodec, DamagedDataIsReportedAsACorruptIndex) {
  const std::string good = encode_report(sample_report());
  EXPECT_EQ(decode_error("not a report"), ErrorKind::kIndexCorrupt);
  EXPECT_EQ(decode_error(good.substr(0, good.size() / 2)), ErrorKind::kIndexCorrupt);
  // No header length, a header that runs past the data or is not MessagePack.
  EXPECT_EQ(decode_error(frame("ab")), ErrorKind::kIndexCorrupt);
  EXPECT_EQ(decode_error(frame(std::string("\xff\x00\x00\x00{}", 6))), ErrorKind::kIndexCorrupt);
  EXPECT_EQ(decode_error(frame(std::string("\x02\x00\x00\x00\xc1\xc1", 6))),
            ErrorKind::kIndexCorrupt);
  // A field missing or of the wrong type, a paragraph without its length.
  const Parts parts = parts_of(good);
  auto changed = [&](auto change) {
    nlohmann::json header = parts.header;
    change(header);
    return decode_error(stored_of(header, parts.texts));
  };
  EXPECT_EQ(changed([](nlohmann::json& h) { h.erase("id"); }), ErrorKind::kIndexCorrupt);
  EXPECT_EQ(changed([](nlohmann::json& h) { h["year"] = "2004"; }), ErrorKind::kIndexCorrupt);
  EXPECT_EQ(changed([](nlohmann::json& h) { h["paragraphs"][0].erase(2); }),
            ErrorKind::kIndexCorrupt);
  EXPECT_EQ(changed([](nlohmann::json& h) {
              h["published"] = {2004, 6};
            }),
            ErrorKind::kIndexCorrupt);
  // Paragraph lengths that run past the texts.
  EXPECT_EQ(decode_error(stored_of(parts.header, parts.texts.substr(0, parts.texts.size() - 20))),
            ErrorKind::kIndexCorrupt);
  // Damaged entities are found when they are read, and only then.
  const std::string damaged_entities = good.substr(0, good.size() - 3);
  EXPECT_EQ(decode_error(damaged_entities), ErrorKind::kIndexCorrupt);
  EXPECT_NO_THROW(decode_report(damaged_entities, ReportParts::kWithoutEntities));
}

TEST(ReportCodec, AReportWithoutEntitiesIsOneFrame) {
  Report none = sample_report();
  none.entities.clear();
  const std::string stored = encode_report(none);
  EXPECT_EQ(ZSTD_findFrameCompressedSize(stored.data(), stored.size()), stored.size());
  EXPECT_TRUE(decode_report(stored).entities.empty());
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST(ReportCodec, FactsComeBackWithTheirSentences) {
  Report in = sample_report();
  in.facts.tiers = {{"Tier 2", 2004, {0, 0, 19}}};
  in.facts.roles = {{"source", 2004, {1, 0, 12}}, {"transit", 2004, {1, 0, 12}}};
  in.facts.flows = {{"UZ", "KZ", {"forced labor"}, {"men"}, 2004, {1, 0, 20}},
                    {"KZ", "Middle East", {}, {}, 2004, {1, 0, 20}}};
  for (bool entities : {true, false}) {
    if (!entities) in.entities.clear();
    const std::string stored = encode_report(in);
    const Report out = decode_report(stored);
    ASSERT_EQ(out.facts.tiers.size(), 1u);
    EXPECT_EQ(out.facts.tiers[0].tier, "Tier 2");
    EXPECT_EQ(out.facts.tiers[0].year, 2004);
    ASSERT_EQ(out.facts.roles.size(), 2u);
    EXPECT_EQ(out.facts.roles[1].role, "transit");
    ASSERT_EQ(out.facts.flows.size(), 2u);
    EXPECT_EQ(out.facts.flows[0].purposes, std::vector<std::string>{"forced labor"});
    EXPECT_EQ(out.facts.flows[0].who, std::vector<std::string>{"men"});
    EXPECT_EQ(out.facts.flows[1].to, "Middle East");
    EXPECT_EQ(out.facts.flows[1].source.end, 20u);
    EXPECT_EQ(out.entities.size(), entities ? 2u : 0u);
    EXPECT_TRUE(decode_report(stored, ReportParts::kWithoutEntities).facts.empty());
  }
  // A fact whose sentence lies outside its report's text is damage, not a crash later.
  in.facts.flows[0].source = {1, 0, 5000};
  EXPECT_EQ(decode_error(encode_report(in)), ErrorKind::kIndexCorrupt);
}

}  // namespace
}  // namespace dossier
