// The API description's assembly (http/openapi.h): YAML files merged, checked against the
// router both ways, and completed from each route's options.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/yaml.h"
#include "http/openapi.h"
#include "http/response.h"

namespace agora::http {
namespace {

namespace json = boost::json;

Handler Ok() {
  return [](Request&) { return Json(200, {{"ok", true}}); };
}

constexpr std::string_view kBase = R"(
openapi: 3.1.0
info: {title: Test, version: x}
components:
  parameters:
    IdPath: {name: id, in: path, required: true, schema: {type: string}}
)";

constexpr std::string_view kThings = R"(
paths:
  /api/v1/things/{id}:
    get:
      operationId: getThing
      summary: A thing
      parameters: [{$ref: '#/components/parameters/IdPath'}]
      responses:
        '200':
          description: The thing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
  /api/v1/things:
    post:
      operationId: createThing
      summary: Make a thing
      requestBody:
        content:
          application/json:
            schema: {type: object}
      responses:
        '201': {description: Made}
components:
  schemas:
    Thing: {type: object, properties: {ok: {type: boolean}}}
)";

Router ThingRouter() {
  Router r;
  r.Add(Method::kGet, "/api/v1/things/{id}", {.access = Access::kPublic}, Ok());
  r.Add(Method::kPost, "/api/v1/things", {.access = Access::kAdmin, .idempotent = true}, Ok());
  r.Add(Method::kGet, "/scim/v2/Users", {.access = Access::kAnonymous}, Ok());  // not ours to describe
  return r;
}

TEST(Yaml, ScalarsFollowTheCoreSchema) {
  auto v = yaml::ToJson("a: 1\nb: '1'\nc: true\nd: null\ne: 1.5\nf: text\ng: [x, 2]\n'200': ok\n");
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(json::serialize(*v), R"({"a":1,"b":"1","c":true,"d":null,"e":1.5E0,"f":"text","g":["x",2],"200":"ok"})");
  auto bad = yaml::ToJson("a: [1, 2\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("line"), std::string::npos);
}

TEST(OpenApi, MergesFilesAndCompletesOperationsFromRouteOptions) {
  auto doc = BuildOpenApi(ThingRouter(), {{"base", kBase}, {"things", kThings}});
  ASSERT_TRUE(doc.errors.empty()) << doc.errors.front();
  auto v = json::parse(doc.json);
  EXPECT_EQ(v.at_pointer("/info/version"), AGORA_VERSION);
  EXPECT_TRUE(v.at_pointer("/components/schemas/Thing").is_object());
  // A public read: credentials optional, conditional GET, 404 for its path parameter.
  const auto& get = v.at_pointer("/paths/~1api~1v1~1things~1{id}/get");
  EXPECT_EQ(get.at("security").as_array().size(), 3u);
  EXPECT_TRUE(get.at_pointer("/responses/200/headers/ETag").is_object());
  EXPECT_TRUE(get.at_pointer("/responses/304").is_object());
  EXPECT_TRUE(get.at_pointer("/responses/404").is_object());
  EXPECT_FALSE(get.at("responses").as_object().contains("401"));
  // An admin write: CSRF and Idempotency-Key headers, 401/403/429 and the body's problems.
  const auto& post = v.at_pointer("/paths/~1api~1v1~1things/post");
  EXPECT_EQ(json::serialize(post.at("parameters")),
            R"([{"$ref":"#/components/parameters/CsrfToken"},{"$ref":"#/components/parameters/IdempotencyKey"}])");
  EXPECT_TRUE(post.at_pointer("/responses/201/headers/Idempotent-Replayed").is_object());
  for (const char* status : {"400", "401", "403", "409", "413", "415", "422", "429", "503"})
    EXPECT_TRUE(post.at("responses").as_object().contains(status)) << status;
  EXPECT_EQ(post.at("x-agora-role"), "admin");
  EXPECT_EQ(post.at("description"), "Admins only.");
  EXPECT_FALSE(v.at("paths").as_object().contains("/scim/v2/Users"));
}

TEST(OpenApi, ARouteWithoutDescriptionIsAnError) {
  Router r = ThingRouter();
  r.Add(Method::kDelete, "/api/v1/things/{id}", {}, Ok());
  auto doc = BuildOpenApi(r, {{"base", kBase}, {"things", kThings}});
  ASSERT_EQ(doc.errors.size(), 1u);
  EXPECT_EQ(doc.errors[0], "DELETE /api/v1/things/{id} is in the router but no openapi.yaml describes it");
}

TEST(OpenApi, ADescriptionWithoutRouteIsAnError) {
  Router r;
  r.Add(Method::kGet, "/api/v1/things/{id}", {.access = Access::kPublic}, Ok());
  auto doc = BuildOpenApi(r, {{"base", kBase}, {"things", kThings}});
  ASSERT_EQ(doc.errors.size(), 1u);
  EXPECT_EQ(doc.errors[0], "post /api/v1/things is described but no route serves it");
}

TEST(OpenApi, PathParametersMustBeDeclaredAndNamesDefinedOnce) {
  Router r;
  r.Add(Method::kGet, "/api/v1/things/{id}/{size}", {.access = Access::kPublic}, Ok());
  constexpr std::string_view kSized = R"(
paths:
  /api/v1/things/{id}/{size}:
    get:
      operationId: getSized
      summary: Sized
      parameters: [{$ref: '#/components/parameters/IdPath'}]
      responses: {'200': {description: ok}}
components:
  parameters:
    IdPath: {name: id, in: path, required: true, schema: {type: string}}
)";
  auto doc = BuildOpenApi(r, {{"base", kBase}, {"sized", kSized}});
  ASSERT_EQ(doc.errors.size(), 2u);
  EXPECT_EQ(doc.errors[0], "sized: components.parameters.IdPath is defined twice");
  EXPECT_EQ(doc.errors[1], "GET /api/v1/things/{id}/{size} does not declare its path parameter {size}");
}

TEST(OpenApi, TheEmbeddedFilesParse) {
  ASSERT_FALSE(EmbeddedOpenApiFiles().empty());
  for (const auto& [name, text] : EmbeddedOpenApiFiles()) {
    auto v = yaml::ToJson(text);
    EXPECT_TRUE(v && v->is_object()) << name << ": " << (v ? "not a mapping" : v.error().message);
  }
}

}  // namespace
}  // namespace agora::http
