#include "core/config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace agora {

TEST(Config, FileOverridesDefaults) {
  testing::TempDir dir;
  std::ofstream(dir.File("a.toml")) << "data_dir = \"/srv/agora\"\n[http]\nlisten = \"0.0.0.0:9000\"\nthreads = 4\n"
                                       "[auth]\ncookie_secure = true\n";
  Config c;
  ASSERT_TRUE(ApplyConfigFile(c, dir.File("a.toml")));
  EXPECT_EQ(c.data_dir, "/srv/agora");
  EXPECT_EQ(c.http.listen, "0.0.0.0:9000");
  EXPECT_EQ(c.http.threads, 4);
  EXPECT_TRUE(c.auth.cookie_secure);
}

TEST(Config, UnknownKeyIsAnErrorNamingIt) {
  testing::TempDir dir;
  std::ofstream(dir.File("a.toml")) << "[http]\nlisen = \"0.0.0.0:9000\"\n";
  Config c;
  auto st = ApplyConfigFile(c, dir.File("a.toml"));
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("http.lisen"), std::string::npos);
}

// Found by the config fuzzer: tables nested thousands deep exhausted the stack.
TEST(Config, DeeplyNestedTablesAreAnUnknownKeyNotACrash) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += i ? ".x" : "x";
  text += " = 1\n";
  Config c;
  auto st = ApplyConfigText(c, text, "deep.toml");
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("unknown configuration key 'x.x'"), std::string::npos) << st.error().message;
  Config d;
  auto db = ApplyConfigText(d, "[database]\nurl = \"postgresql://agora@db/agora\"\n", "db.toml");
  ASSERT_TRUE(db);
  EXPECT_EQ(d.database.url, "postgresql://agora@db/agora");
  EXPECT_FALSE(ApplyConfigText(d, "[database]\nurl = \"mysql://x\"\n", "db.toml"));
}

TEST(Config, WrongTypeOrRangeIsAnError) {
  testing::TempDir dir;
  std::ofstream(dir.File("a.toml")) << "[http]\nthreads = \"many\"\n";
  Config c;
  EXPECT_FALSE(ApplyConfigFile(c, dir.File("a.toml")));
  EXPECT_FALSE(ApplySetting(c, "node_id", "5000"));
  EXPECT_FALSE(ApplySetting(c, "http.listen", "nocolon"));
}

TEST(Config, SyntaxErrorNamesTheLine) {
  testing::TempDir dir;
  std::ofstream(dir.File("a.toml")) << "data_dir = \"x\"\n[http\n";
  Config c;
  auto st = ApplyConfigFile(c, dir.File("a.toml"));
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find(":2"), std::string::npos) << st.error().message;
}

TEST(Config, EnvironmentOverridesAndUnknownVariablesAreErrors) {
  Config c;
  char a[] = "AGORA_HTTP_LISTEN=127.0.0.1:7000";
  char b[] = "PATH=/usr/bin";
  char* env[] = {a, b, nullptr};
  ASSERT_TRUE(ApplyEnvironment(c, env));
  EXPECT_EQ(c.http.listen, "127.0.0.1:7000");
  char bad[] = "AGORA_HTTP_LISTN=1";
  char* env2[] = {bad, nullptr};
  auto st = ApplyEnvironment(c, env2);
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("AGORA_HTTP_LISTN"), std::string::npos);
}

TEST(Config, EverySettingHasAnEnvironmentName) {
  for (const auto& s : Settings()) {
    std::string expected = "AGORA_";
    for (char ch : s.key) expected.push_back(ch == '.' ? '_' : static_cast<char>(std::toupper(ch)));
    EXPECT_EQ(s.env, expected);
  }
}

}  // namespace agora
