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

namespace agora::csv {
// Spreadsheets save "CSV" with their locale's separator: Excel in Swedish, German or Russian
// writes ';'; some exports use tabs. The header line says which.
TEST(Csv, TheHeaderLineSaysWhichSeparator) {
  EXPECT_EQ(DetectDelimiter("email;display_name;country\n"), ';');
  EXPECT_EQ(DetectDelimiter("email\tdisplay_name\n"), '\t');
  EXPECT_EQ(DetectDelimiter("email,display_name\n"), ',');
  EXPECT_EQ(DetectDelimiter("\"a;b\",c\n"), ',') << "separators inside quotes do not count";
  auto rows = Parse("email;display_name;title\nana@example.com;\"Berg, Ana\";Engineer\n");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows->at(1).fields, (std::vector<std::string>{"ana@example.com", "Berg, Ana", "Engineer"}));
}
}  // namespace agora::csv
