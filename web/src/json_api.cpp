#include "json_api.h"

#include <nlohmann/json.hpp>

namespace dossier {

using nlohmann::ordered_json;

namespace {
std::string dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}
}  // namespace

std::string error_json(const Error& error) {
  ordered_json body = {{"kind", to_string(error.kind())}, {"message", error.what()}};
  if (!error.parameter().empty()) body["parameter"] = error.parameter();
  return dump({{"error", std::move(body)}});
}

std::string suggestions_json(const std::string& query, const std::vector<Suggestion>& suggestions) {
  ordered_json list = ordered_json::array();
  for (const Suggestion& s : suggestions) {
    ordered_json item = {{"kind", s.kind}, {"text", s.text}};
    if (!s.filter.empty()) item["filter"] = {{"name", s.filter}, {"value", s.value}};
    if (s.kind == "title") item["id"] = s.value;
    list.push_back(std::move(item));
  }
  return dump({{"query", query}, {"suggestions", std::move(list)}});
}

std::string health_json(std::size_t reports, const std::string& revision) {
  return dump({{"status", "ok"}, {"reports", reports}, {"revision", revision}});
}

}  // namespace dossier
