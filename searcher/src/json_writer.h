#pragma once
// Compact JSON written straight into a string, for the renderers on the search path: a page of
// results carries hundreds of facet values, and building them as a nlohmann document first cost
// more than the search itself. The output is byte for byte what nlohmann::json::dump(-1) makes of
// the same values with invalid UTF-8 replaced (json_writer_test holds it to that). Private to the
// searcher.
#include <cstdint>
#include <string>
#include <string_view>

#include "searcher/search.h"

namespace dossier {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // An object member's name; the next call writes its value.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(double number);
  JsonWriter& null();
  // Named apart from value(): a bool would otherwise pass for a number.
  JsonWriter& boolean(bool truth);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();
  void append_string(std::string_view text);

  std::string out_;
  bool needs_comma_ = false;  // a value was written in the open container
};

// The same JSON indented by two spaces, for people (the CLI).
std::string indent_json(const std::string& compact);

// A hit's fields as members of the open object, each in its schema JSON form (and its labels
// under the field's label key): the one form of hits in search JSON and JSON Lines.
void write_hit_fields(JsonWriter& json, const Hit& hit);

}  // namespace dossier
