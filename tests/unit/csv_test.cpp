#include "core/csv.h"

#include <gtest/gtest.h>

namespace agora::csv {

TEST(Csv, ReadsQuotedFieldsAndKeepsLineNumbers) {
  auto r = Parse("\xEF\xBB\xBF" "email,name\na@x.se,\"Berg, Åsa\"\nb@x.se,\"two\nlines\"\n\nc@x.se,\"say \"\"hi\"\"\"");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].fields[0], "email");
  EXPECT_EQ((*r)[1].fields[1], "Berg, Åsa");
  EXPECT_EQ((*r)[1].line, 2);
  EXPECT_EQ((*r)[2].fields[1], "two\nlines");
  EXPECT_EQ((*r)[2].line, 3);
  EXPECT_EQ((*r)[3].line, 6) << "blank lines are skipped but still counted";
  EXPECT_EQ((*r)[3].fields[1], "say \"hi\"");
}

TEST(Csv, FailOnUnclosedQuoteNamingTheLine) {
  auto r = Parse("email,name\na@x.se,\"open\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
  auto stray = Parse("email,name\na@x.se,\"closed\"junk\n");
  ASSERT_FALSE(stray);
  EXPECT_NE(stray.error().message.find("line 2"), std::string::npos) << stray.error().message;
}

}  // namespace agora::csv
