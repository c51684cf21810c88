// Markdown rendering: what people may write, and what never reaches a page.
#include "core/markdown.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

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
    // Not a link to the page itself (href=""): the words alone.
    EXPECT_EQ(html.find("<a"), std::string::npos) << link << " -> " << html;
  }
  EXPECT_EQ(ToHtml("see [the docs](javascript:alert(1)) now"), "<p>see the docs now</p>\n");
  EXPECT_EQ(RenderPost("[x](javascript:alert(1))", nullptr).html, "<p>x</p>\n");
}

TEST(Markdown, PicturesFromOtherServersBecomeLinks) {
  EXPECT_EQ(ToHtml("![a pixel](https://evil.example/t.png)"), "<p><a href=\"https://evil.example/t.png\">a pixel</a></p>\n");
  EXPECT_EQ(ToHtml("![](//evil.example/t.png)"), "<p><a href=\"//evil.example/t.png\">//evil.example/t.png</a></p>\n");
  EXPECT_EQ(ToHtml("![x](/\\evil.example/t.png)").find("<img"), std::string::npos);
  EXPECT_EQ(ToHtml("![x](http://10.0.0.1/t.png \"title\")"), "<p><a href=\"http://10.0.0.1/t.png\" title=\"title\">x</a></p>\n");
  EXPECT_EQ(ToHtml("![ours](/api/v1/images/42/512)"), "<p><img src=\"/api/v1/images/42/512\" alt=\"ours\" /></p>\n");
  auto post = RenderPost("see ![#pic by @ana](https://evil.example/t.png)", [](const std::string&) { return std::optional<std::string>("/people/ana"); });
  EXPECT_EQ(post.html.find("<img"), std::string::npos) << post.html;
  EXPECT_TRUE(post.tags.empty()) << "the text of a link is not scanned for tags";
}

TEST(Markdown, MentionsAndHashtagsBecomeLinksOutsideCodeAndLinks) {
  std::vector<std::string> asked;
  auto resolve = [&](const std::string& h) -> std::optional<std::string> {
    asked.push_back(h);
    if (h == "ana.berg" || h == "bo_") return "/people/" + h;
    return std::nullopt;
  };
  auto r = RenderPost(
      "Hi @Ana.Berg, @bo_ and @ghost. Mail ana@example.com. #Kubernetes #Åsa-stil #2024 "
      "`#code @ana.berg` [#inlink](https://x.example) https://x.example/#frag a#b C#",
      resolve);
  EXPECT_NE(r.html.find("<a href=\"/people/ana.berg\">@Ana.Berg</a>,"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("<a href=\"/people/bo_\">@bo_</a>"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("@ghost."), std::string::npos);
  EXPECT_EQ(r.html.find("/people/ghost"), std::string::npos);
  EXPECT_EQ(r.html.find("/people/example.com"), std::string::npos) << "an e-mail address is not a mention";
  EXPECT_EQ(r.mentions, (std::vector<std::string>{"ana.berg", "bo_"}));
  EXPECT_EQ(r.tags, (std::vector<std::string>{"kubernetes", "åsa-stil"}));
  EXPECT_NE(r.html.find("<a href=\"/tags/%C3%A5sa-stil\">#Åsa-stil</a>"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("<code>#code @ana.berg</code>"), std::string::npos);
  EXPECT_EQ(r.html.find("/tags/inlink"), std::string::npos);
  EXPECT_EQ(r.html.find("/tags/frag"), std::string::npos);
  EXPECT_EQ(r.html.find("/tags/b"), std::string::npos);
  EXPECT_EQ(r.html.find("/tags/2024"), std::string::npos) << "a tag needs a letter";
}

TEST(Markdown, HostileInputStaysNeutralWithMentionsAround) {
  auto r = RenderPost("@ana <script>alert(1)</script> [x](javascript:alert(1)) #tag<img src=x onerror=alert(1)>",
                      [](const std::string&) { return std::optional<std::string>("/people/ana"); });
  EXPECT_EQ(r.html.find("<script"), std::string::npos);
  EXPECT_EQ(r.html.find("javascript:"), std::string::npos);
  EXPECT_EQ(r.html.find("onerror"), std::string::npos);
  EXPECT_EQ(NormalizeTag("Kubernetes"), "kubernetes");
  EXPECT_EQ(NormalizeTag("a b"), "");
  EXPECT_EQ(NormalizeTag(std::string(51, 'a')), "");
  EXPECT_EQ(NormalizeTag("\xff"), "");
}

}  // namespace
}  // namespace agora::markdown

namespace agora {
TEST(Markdown, PlainTextIsWhatReadersSee) {
  EXPECT_EQ(markdown::ToPlainText("the **budget** for [2027](https://example.com) is `ready`"),
            "the budget for 2027 is ready\n");
  EXPECT_EQ(markdown::ToPlainText("<b>raw</b> html"), "raw html\n") << "no markup survives";
}
}  // namespace agora
