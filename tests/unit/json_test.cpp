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
