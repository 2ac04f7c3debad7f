#include "json_writer.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include <nlohmann/json.hpp>

#include "searcher/render.h"

namespace dossier {
namespace {

using nlohmann::ordered_json;

std::string reference(const ordered_json& value) {
  return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string written(std::string_view text) {
  JsonWriter json;
  json.value(text);
  return json.take();
}

TEST(JsonWriter, StringsAreEscapedAsNlohmannDoes) {
  for (const std::string& text :
       {std::string(""), std::string("plain"), std::string("quote \" backslash \\ slash /"),
        std::string("\b\f\n\r\t \x01\x1f\x7f"), std::string("nul \0 inside", 12),
        std::string("Côte d’Ivoire — «Ministère» 日本 \xF0\x9F\x98\x80"),
        std::string("bad \xff byte"), std::string("cut \xE2\x80"), std::string("\xC0\xAF overlong"),
        std::string("\xED\xA0\x80 surrogate"), std::string("\xF4\x90\x80\x80 too high")}) {
    EXPECT_EQ(written(text), reference(ordered_json(text))) << text;
  }
}

TEST(JsonWriter, RandomBytesAreEscapedAsNlohmannDoes) {
  std::mt19937 random(20041);
  const std::string alphabet =
      std::string("ab \"\\\n\x01\x7f", 9) + "\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80\xff\x80";
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 24);
    for (int i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    ASSERT_EQ(written(text), reference(ordered_json(text)));
  }
}

TEST(JsonWriter, NumbersAndStructureMatchNlohmann) {
  JsonWriter json;
  json.begin_object();
  json.key("unsigned").value(std::numeric_limits<std::uint64_t>::max());
  json.key("negative").value(-42);
  json.key("whole").value(3.0);
  json.key("fraction").value(0.1);
  json.key("small").value(1.5e-7);
  json.key("nan").value(std::numeric_limits<double>::quiet_NaN());
  json.key("nothing").null();
  json.key("empty").begin_array().end_array();
  json.key("nested")
      .begin_array()
      .begin_object()
      .end_object()
      .value("x")
      .begin_array()
      .value(1)
      .end_array()
      .end_array();
  json.end_object();
  const ordered_json expected = {{"unsigned", std::numeric_limits<std::uint64_t>::max()},
                                 {"negative", -42},
                                 {"whole", 3.0},
                                 {"fraction", 0.1},
                                 {"small", 1.5e-7},
                                 {"nan", std::numeric_limits<double>::quiet_NaN()},
                                 {"nothing", nullptr},
                                 {"empty", ordered_json::array()},
                                 {"nested", {ordered_json::object(), "x", {1}}}};
  EXPECT_EQ(json.text(), reference(expected));
  EXPECT_EQ(indent_json(json.text()), expected.dump(2));
}

}  // namespace
}  // namespace dossier
