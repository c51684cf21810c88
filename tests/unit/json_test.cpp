#include "core/json.h"

#include <gtest/gtest.h>

namespace agora {

TEST(JsonBody, ParsesAnObject) {
  auto o = json::ParseObject(R"({"email":"a@b.c","n":1})");
  ASSERT_TRUE(o);
  EXPECT_EQ(*json::RequiredString(*o, "email"), "a@b.c");
}

TEST(JsonBody, MalformedInvalidUtf8AndNonObjectsAre400) {
  for (std::string bad : {std::string("{"), std::string("[1]"), std::string("{\"a\":\"\xC3\x28\"}"),
                          std::string("{} trailing"), std::string(40, '[') + std::string(40, ']')}) {
    auto o = json::ParseObject(bad);
    ASSERT_FALSE(o) << bad;
    EXPECT_EQ(o.error().code, ErrorCode::kMalformed);
  }
}

TEST(JsonBody, DuplicateKeysAndControlCharactersNameTheField) {
  auto twice = json::ParseObject(R"({"body":"a","body":"b"})");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kInvalidField);
  EXPECT_EQ(twice.error().field, "body");
  EXPECT_EQ(json::ParseObject(R"({"a":{"b":1,"c":2,"b":3}})").error().field, "a.b");
  EXPECT_TRUE(json::ParseObject(R"({"a":{"b":1},"c":{"b":2}})")) << "the same key in two objects is fine";
  auto nul = json::ParseObject(R"({"body":"a\u0000b"})");
  ASSERT_FALSE(nul);
  EXPECT_EQ(nul.error().code, ErrorCode::kInvalidField);
  EXPECT_EQ(nul.error().field, "body");
  EXPECT_EQ(json::ParseObject(R"({"people":["1","2","x\u001b"]})").error().field, "people[2]");
  EXPECT_EQ(json::ParseObject(R"({"bio":"\u0085"})").error().field, "bio") << "C1 controls too";
  EXPECT_EQ(json::ParseObject(R"({"\u0007":1})").error().code, ErrorCode::kInvalidField);
  auto text = json::ParseObject(R"({"body":"tab\there\r\nnext line, \u202e and ünïcödé"})");
  ASSERT_TRUE(text) << "tabs, line ends and other characters are text";
  EXPECT_EQ(std::string(text->at("body").as_string()), "tab\there\r\nnext line, \u202e and ünïcödé");
}

TEST(JsonBody, FieldErrorsNameTheField) {
  auto o = *json::ParseObject(R"({"email":5,"flag":"yes"})");
  auto e = json::RequiredString(o, "email");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::kInvalidField);
  EXPECT_EQ(e.error().field, "email");
  EXPECT_EQ(json::RequiredString(o, "missing").error().field, "missing");
  EXPECT_EQ(json::OptionalBool(o, "flag").error().field, "flag");
  EXPECT_EQ(json::OnlyKeys(o, {"email"}).error().field, "flag");
}

}  // namespace agora
