#include "http/openapi.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <set>

#include "core/yaml.h"

namespace agora::http {
namespace {

namespace json = boost::json;

std::string LowerMethod(Method m) {
  std::string s(MethodName(m));
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return static_cast<char>(c - 'A' + 'a'); });
  return s;
}

json::object Ref(std::string_view where) { return {{"$ref", std::string(where)}}; }

// Merges `from` into `into` one level down (`components.schemas.X`): a name defined twice is
// an error, so two modules cannot quietly redefine each other's schemas.
void MergeSection(json::object& into, const json::object& from, const std::string& where, std::string_view file,
                  std::vector<std::string>& errors) {
  for (const auto& [name, value] : from) {
    if (into.contains(name)) {
      errors.push_back(std::string(file) + ": " + where + "." + std::string(name) + " is defined twice");
      continue;
    }
    into[name] = value;
  }
}

// The parameters an operation declares (its own and its path item's), by location and name,
// following $refs into components.parameters.
std::set<std::pair<std::string, std::string>> DeclaredParameters(const json::object& doc, const json::object* item,
                                                                  const json::object& op) {
  std::set<std::pair<std::string, std::string>> out;
  auto collect = [&](const json::value* list) {
    if (!list || !list->is_array()) return;
    for (const auto& p : list->as_array()) {
      const json::object* param = p.if_object();
      if (param && param->contains("$ref")) {
        std::string_view ref = param->at("$ref").as_string();
        constexpr std::string_view kPrefix = "#/components/parameters/";
        param = nullptr;
        if (ref.substr(0, kPrefix.size()) == kPrefix) {
          const auto* components = doc.if_contains("components");
          const auto* section = components && components->is_object() ? components->as_object().if_contains("parameters") : nullptr;
          const auto* params = section ? section->if_object() : nullptr;
          if (params) {
            auto it = params->find(ref.substr(kPrefix.size()));
            if (it != params->end()) param = it->value().if_object();
          }
        }
      }
      if (param && param->contains("in") && param->contains("name") && param->at("in").is_string() && param->at("name").is_string())
        out.emplace(std::string(param->at("in").as_string()), std::string(param->at("name").as_string()));
    }
  };
  if (item) collect(item->if_contains("parameters"));
  collect(op.if_contains("parameters"));
  return out;
}

void AddParameter(json::object& op, std::string_view ref) {
  auto& params = op["parameters"];
  if (!params.is_array()) params = json::array{};
  params.as_array().push_back(Ref(ref));
}

void AddResponse(json::object& responses, std::string_view status, std::string_view component) {
  if (!responses.contains(status)) responses[status] = Ref(std::string("#/components/responses/") + std::string(component));
}

bool HasJsonSuccess(const json::object& responses) {
  const auto* ok = responses.if_contains("200");
  if (!ok || !ok->is_object()) return false;
  const auto* content = ok->as_object().if_contains("content");
  return content && content->is_object() && content->as_object().contains("application/json");
}

// What follows from the route's options, written once here instead of in every file: who may
// call it, the CSRF header and Idempotency-Key it takes, conditional GET, and the problems
// the HTTP layer answers before the handler runs.
void Complete(json::object& op, const Route& route) {
  const auto& o = route.options;
  const bool writes = !IsSafe(route.method);
  switch (o.access) {
    case Access::kPublic:  // credentials optional: the answer may depend on who asks
      op["security"] = json::array{json::object{}, json::object{{"bearer", json::array{}}}, json::object{{"session", json::array{}}}};
      break;
    case Access::kAnonymous: op["security"] = json::array{}; break;
    case Access::kUser: break;  // the document's default: bearer token or session cookie
    case Access::kAdmin: {
      op["x-agora-role"] = "admin";
      auto* d = op.if_contains("description");
      std::string text = d && d->is_string() ? std::string(d->as_string()) + "\n\n" : std::string();
      op["description"] = text + "Admins only.";
      break;
    }
  }
  if (writes && o.access != Access::kAnonymous) AddParameter(op, "#/components/parameters/CsrfToken");
  auto& responses = op["responses"].as_object();
  if (o.idempotent) {
    // A retry with the same key gets the first answer again, marked; the same key with
    // another request is 422, and a retry while the first still runs is 409.
    AddParameter(op, "#/components/parameters/IdempotencyKey");
    for (auto& [status, response] : responses) {
      if (status.empty() || status[0] != '2' || !response.is_object() || response.as_object().contains("$ref")) continue;
      auto& headers = response.as_object()["headers"];
      if (!headers.is_object()) headers = json::object{};
      headers.as_object()["Idempotent-Replayed"] = Ref("#/components/headers/IdempotentReplayed");
    }
    AddResponse(responses, "409", "Conflict");
    AddResponse(responses, "422", "InvalidField");
  }
  if (route.method == Method::kGet && HasJsonSuccess(responses)) {
    AddParameter(op, "#/components/parameters/IfNoneMatch");
    auto& ok = responses["200"].as_object();
    auto& headers = ok["headers"];
    if (!headers.is_object()) headers = json::object{};
    headers.as_object()["ETag"] = Ref("#/components/headers/ETag");
    AddResponse(responses, "304", "NotModified");
  }
  if (op.contains("requestBody")) {
    AddResponse(responses, "400", "Malformed");
    AddResponse(responses, "413", "TooLarge");
    AddResponse(responses, "415", "UnsupportedMediaType");
  }
  if (o.access == Access::kUser || o.access == Access::kAdmin) AddResponse(responses, "401", "Unauthenticated");
  if (o.access == Access::kAdmin || (writes && o.access != Access::kAnonymous)) AddResponse(responses, "403", "Forbidden");
  if (writes && (o.access == Access::kUser || o.access == Access::kAdmin)) AddResponse(responses, "429", "RateLimited");
  if (std::any_of(route.segments.begin(), route.segments.end(), [](const std::string& s) { return s.front() == '{'; }))
    AddResponse(responses, "404", "NotFound");
  // Whatever reads the database answers 503 while it is unreachable (PostgreSQL down).
  if (route.pattern != "/healthz" && route.pattern != "/metrics") AddResponse(responses, "503", "Unavailable");
}

}  // namespace

bool IsDescribed(std::string_view pattern) {
  return pattern.rfind("/api/", 0) == 0 || pattern.rfind("/feeds/", 0) == 0 || pattern == "/healthz" || pattern == "/readyz" ||
         pattern == "/metrics";
}

OpenApiDocument BuildOpenApi(const Router& router, const OpenApiFiles& files) {
  OpenApiDocument out;
  auto& errors = out.errors;
  json::object doc;
  json::object paths;
  json::object components;
  for (const auto& [file, text] : files) {
    auto parsed = yaml::ToJson(text);
    if (!parsed) {
      errors.push_back(std::string(file) + ": " + parsed.error().message);
      continue;
    }
    if (!parsed->is_object()) {
      errors.push_back(std::string(file) + ": not a mapping");
      continue;
    }
    for (const auto& [key, value] : parsed->as_object()) {
      if (key == "paths" || key == "components") {
        if (!value.is_object()) {
          errors.push_back(std::string(file) + ": " + std::string(key) + " is not a mapping");
          continue;
        }
        for (const auto& [name, section] : value.as_object()) {
          if (key == "paths") {
            auto& item = paths[name];
            if (!item.is_object()) item = json::object{};
            if (section.is_object()) MergeSection(item.as_object(), section.as_object(), "paths." + std::string(name), file, errors);
          } else {
            auto& into = components[name];
            if (!into.is_object()) into = json::object{};
            if (section.is_object())
              MergeSection(into.as_object(), section.as_object(), "components." + std::string(name), file, errors);
          }
        }
      } else if (doc.contains(key)) {
        errors.push_back(std::string(file) + ": " + std::string(key) + " is defined twice");
      } else {
        doc[key] = value;
      }
    }
  }
  doc["components"] = std::move(components);
  if (auto* info = doc.if_contains("info"); info && info->is_object()) info->as_object()["version"] = AGORA_VERSION;

  // Each described route has its operation, with a path parameter for each "{name}".
  std::set<std::pair<std::string, std::string>> routed;
  for (const auto& route : router.routes()) {
    if (!IsDescribed(route.pattern)) continue;
    std::string method = LowerMethod(route.method);
    routed.emplace(route.pattern, method);
    const std::string where = std::string(MethodName(route.method)) + " " + route.pattern;
    auto* item = paths.if_contains(route.pattern);
    auto* op = item && item->is_object() ? item->as_object().if_contains(method) : nullptr;
    if (!op || !op->is_object()) {
      errors.push_back(where + " is in the router but no openapi.yaml describes it");
      continue;
    }
    auto& o = op->as_object();
    for (const char* required : {"operationId", "summary", "responses"})
      if (!o.contains(required)) errors.push_back(where + " has no " + required);
    if (!o.contains("responses") || !o.at("responses").is_object()) continue;
    auto declared = DeclaredParameters(doc, &item->as_object(), o);
    for (const auto& seg : route.segments) {
      if (seg.size() > 2 && seg.front() == '{' && !declared.count({"path", seg.substr(1, seg.size() - 2)}))
        errors.push_back(where + " does not declare its path parameter " + seg);
    }
    Complete(o, route);
  }
  for (const auto& [path, item] : paths) {
    if (!item.is_object()) continue;
    for (const auto& [method, op] : item.as_object()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      if (!routed.count({std::string(path), std::string(method)}))
        errors.push_back(std::string(method) + " " + std::string(path) + " is described but no route serves it");
    }
  }
  doc["paths"] = std::move(paths);
  out.json = json::serialize(doc);
  return out;
}

}  // namespace agora::http
