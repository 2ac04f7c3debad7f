#include "openapi.h"

#include <nlohmann/json.hpp>

#include "corpus/error.h"
#include "corpus/schema.h"
#include "searcher/request.h"

namespace dossier {
namespace {

using nlohmann::ordered_json;

ordered_json schema_of(const ParameterSpec& spec) {
  ordered_json schema;
  switch (spec.type) {
    case ParameterType::kText:
      schema = {{"type", "string"}, {"maxLength", spec.max_http}};
      break;
    case ParameterType::kFilter:
    case ParameterType::kEntity:
      schema = {{"type", "string"}};
      break;
    case ParameterType::kYear:
      schema = {{"type", "integer"}, {"minimum", 1000}, {"maximum", 9999}};
      break;
    case ParameterType::kCount:
      schema = {{"type", "integer"}, {"minimum", spec.min}, {"maximum", spec.max_http}};
      break;
    case ParameterType::kBoolean:
      schema = {{"type", "boolean"}};
      break;
    case ParameterType::kChoice:
      schema = {{"type", "string"}, {"enum", spec.choices}};
      break;
    case ParameterType::kDate:
      schema = {{"type", "string"}, {"format", "date"}};
      break;
  }
  if (!spec.default_value.empty() && spec.type != ParameterType::kDate) {
    if (spec.type == ParameterType::kCount) {
      schema["default"] = std::stoull(spec.default_value);
    } else if (spec.type == ParameterType::kBoolean) {
      schema["default"] = spec.default_value == "true";
    } else {
      schema["default"] = spec.default_value;
    }
  }
  if (spec.repeatable) return {{"type", "array"}, {"items", schema}};
  return schema;
}

ordered_json parameter_of(const ParameterSpec& spec, const std::string& name, bool deprecated) {
  ordered_json p = {{"name", name}, {"in", "query"}, {"required", false}};
  p["description"] = deprecated ? "The older name of " + spec.name + ": " + spec.help : spec.help;
  p["schema"] = schema_of(spec);
  if (spec.repeatable) {
    p["style"] = "form";
    p["explode"] = true;
  }
  if (!spec.example.empty()) {
    if (spec.repeatable) {
      p["example"] = ordered_json::array({spec.example});
    } else if (spec.type == ParameterType::kCount || spec.type == ParameterType::kYear) {
      p["example"] = std::stoull(spec.example);
    } else if (spec.type == ParameterType::kBoolean) {
      p["example"] = spec.example == "true";
    } else {
      p["example"] = spec.example;
    }
  }
  if (deprecated) p["deprecated"] = true;
  return p;
}

// Every query parameter of an endpoint over HTTP, and the older names it still takes.
ordered_json query_parameters(Endpoint endpoint) {
  ordered_json list = ordered_json::array();
  for (const ParameterSpec& spec : parameters(endpoint)) {
    if ((spec.surfaces & kHttp) == 0) continue;
    list.push_back(parameter_of(spec, spec.name, false));
    for (const std::string& alias : spec.aliases) list.push_back(parameter_of(spec, alias, true));
  }
  return list;
}

ordered_json hit_field_schema(const schema::Field& field) {
  switch (field.json) {
    case schema::JsonForm::kString:
      return {{"type", "string"}, {"description", field.label}};
    case schema::JsonForm::kNullableString:
      return {{"type", "string"}, {"nullable", true}, {"description", field.label}};
    case schema::JsonForm::kNullableYear:
      return {{"type", "integer"}, {"nullable", true}, {"description", field.label}};
    case schema::JsonForm::kStringList:
      return {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", field.label}};
  }
  return {};  // not reached
}

}  // namespace

std::string openapi_document(std::string_view paths_and_answers) {
  ordered_json document = ordered_json::parse(paths_and_answers);
  const std::pair<const char*, Endpoint> endpoints[] = {
      {"/api/search", Endpoint::kSearch},
      {"/api/facets", Endpoint::kFacets},
      {"/api/suggest", Endpoint::kSuggest},
      {"/api/reports/{id}", Endpoint::kReport},
      {"/api/reports/{id}/cite", Endpoint::kCite},
      {"/api/reports/{id}/similar", Endpoint::kSimilar},
      {"/api/countries/{country}", Endpoint::kCountry},
  };
  for (const auto& [path, endpoint] : endpoints) {
    if (!document["paths"].contains(path)) {
      throw Error(ErrorKind::kInternal, std::string("openapi.json has no path ") + path);
    }
    ordered_json& get = document["paths"][path]["get"];
    ordered_json all = get.value("parameters", ordered_json::array());
    for (ordered_json& parameter : query_parameters(endpoint)) all.push_back(std::move(parameter));
    get["parameters"] = std::move(all);
  }
  ordered_json& hit = document["components"]["schemas"]["Hit"]["properties"];
  for (const schema::Field& field : schema::fields()) {
    if (!field.exposed(schema::kHitField)) continue;
    hit[std::string(field.key())] = hit_field_schema(field);
    if (!field.label_key.empty()) {
      hit[std::string(field.label_key)] = {{"type", "string"},
                                           {"description", std::string(field.label) + ", named"}};
    }
  }
  return document.dump(-1);
}

std::string fields_json() {
  ordered_json fields = ordered_json::array();
  for (const schema::Field& field : schema::fields()) {
    ordered_json f = {{"name", field.name},
                      {"label", field.label},
                      {"facet", field.exposed(schema::kFacet)},
                      {"filter", field.exposed(schema::kFilter)},
                      {"query_field", field.exposed(schema::kQueryField)}};
    f["hit_key"] = field.exposed(schema::kHitField) ? ordered_json(field.key()) : nullptr;
    f["grouped_by"] =
        field.grouping == schema::Grouping::kUnRegion ? ordered_json("region") : nullptr;
    f["help"] = field.help;
    fields.push_back(std::move(f));
  }
  ordered_json filters = ordered_json::array();
  for (const ParameterSpec& spec : parameters(Endpoint::kSearch)) {
    if ((spec.surfaces & kHttp) != 0 &&
        (spec.type == ParameterType::kFilter || spec.type == ParameterType::kEntity)) {
      filters.push_back(spec.name);
    }
  }
  return ordered_json{{"fields", std::move(fields)}, {"filters", std::move(filters)}}.dump(-1);
}

}  // namespace dossier
