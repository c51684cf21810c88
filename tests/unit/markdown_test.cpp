// Markdown rendering: what people may write, and what never reaches a page.
#include "core/markdown.h"

#include <gtest/gtest.h>

namespace agora::markdown {
namespace {

TEST(Markdown, RendersCommonMarkAndGitHubExtensions) {
  EXPECT_EQ(ToHtml("**Ask me** about *clusters*."), "<p><strong>Ask me</strong> about <em>clusters</em>.</p>\n");
  EXPECT_NE(ToHtml("~~old~~").find("<del>old</del>"), std::string::npos);
  EXPECT_NE(ToHtml("see https://example.com/x").find("<a href=\"https://example.com/x\">"), std::string::npos);
  EXPECT_NE(ToHtml("| a | b |\n|---|---|\n| 1 | 2 |\n").find("<table>"), std::string::npos);
  EXPECT_NE(ToHtml("[site](https://example.com)").find("href=\"https://example.com\""), std::string::npos);
}

TEST(Markdown, HostileInputIsNeutralized) {
  for (const char* hostile : {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                              "<a href=\"javascript:alert(1)\">x</a>", "<iframe src=\"https://evil.example\"></iframe>",
                              "<div onmouseover=\"alert(1)\">hover</div>"}) {
    auto html = ToHtml(hostile);
    EXPECT_EQ(html.find("<script"), std::string::npos) << hostile;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << hostile;
    EXPECT_EQ(html.find("onmouseover"), std::string::npos) << hostile;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << hostile;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << hostile;
  }
  for (const char* link : {"[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](vbscript:msgbox)",
                           "[x](data:text/html;base64,PHNjcmlwdD4=)", "![x](javascript:alert(1))"}) {
    auto html = ToHtml(link);
    EXPECT_EQ(html.find("script:"), std::string::npos) << link << " -> " << html;
    EXPECT_EQ(html.find("data:text"), std::string::npos) << link << " -> " << html;
  }
}

}  // namespace
}  // namespace agora::markdown
