// The wiki's text machinery: titles and their keys, [[links]] and headings in Markdown, the
// three-way merge (libgit2) and the word-marking diff.
#include <gtest/gtest.h>

#include "core/markdown.h"
#include "modules/wiki/blame.h"
#include "modules/wiki/diff.h"
#include "modules/wiki/md_links.h"
#include "modules/wiki/merge.h"
#include "modules/wiki/titles.h"
#include "modules/wiki/wikitext.h"

namespace agora::wiki {
namespace {

TEST(WikiTitles, KeysIgnoreCaseSpacesAndUnderscores) {
  EXPECT_EQ(TitleKey("Release checklist"), "release-checklist");
  EXPECT_EQ(TitleKey("  release_Checklist "), "release-checklist");
  EXPECT_EQ(TitleKey("Team/Onboarding  guide"), "team-onboarding-guide");
  EXPECT_EQ(TitleKey("Ärende Översikt"), "ärende-översikt");
  EXPECT_EQ(*CheckTitle("  A   title\twith space "), "A title with space");
  EXPECT_FALSE(CheckTitle("a [b]"));
  EXPECT_FALSE(CheckTitle("a|b"));
  EXPECT_FALSE(CheckTitle("   "));
  EXPECT_FALSE(CheckTitle(std::string(201, 'x')));
}

TEST(WikiTitles, TargetsNameASpaceOnlyWhenThePrefixCouldBeOne) {
  auto t = ParseTarget("ops:Runbook");
  EXPECT_EQ(t.space, "ops");
  EXPECT_EQ(t.title, "Runbook");
  t = ParseTarget("Ops: Runbook");  // handles are compared in lower case; Render falls back when no such space exists
  EXPECT_EQ(t.space, "ops");
  EXPECT_EQ(t.title, "Runbook");
  t = ParseTarget("Why not: because");  // a handle has no spaces: a title
  EXPECT_EQ(t.space, "");
  EXPECT_EQ(t.title, "Why not: because");
  EXPECT_EQ(t.section, "");
}

TEST(WikiTitles, TargetsMayNameAHeading) {
  auto t = ParseTarget("ops:Runbook # Rolling back ");
  EXPECT_EQ(t.space, "ops");
  EXPECT_EQ(t.title, "Runbook");
  EXPECT_EQ(t.section, "Rolling back");
  t = ParseTarget("#Getting started!");
  EXPECT_EQ(t.title, "");
  EXPECT_EQ(t.section, "Getting started!");
  EXPECT_EQ(markdown::HeadingId(t.section), "getting-started");
}

TEST(WikiMarkdown, LinksOutsideCodeAndHeadingIds) {
  std::vector<std::string> asked;
  auto r = markdown::RenderPage("# Intro\n\nSee [[A page|the page]], [[B]] and `[[code]]`.\n\n## Intro\n", nullptr,
                                [&](const std::string& target) -> std::optional<std::string> {
                                  asked.push_back(target);
                                  if (target == "B") return std::nullopt;
                                  return "/wiki/s/a-page";
                                });
  EXPECT_EQ(asked, (std::vector<std::string>{"A page", "B"}));
  EXPECT_EQ(r.wiki_links, (std::vector<std::string>{"A page", "B"}));
  EXPECT_NE(r.html.find("<a href=\"/wiki/s/a-page\">the page</a>"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find(", B and <code>[[code]]</code>"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("<h1 id=\"intro\">Intro</h1>"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("<h2 id=\"intro-2\">Intro</h2>"), std::string::npos) << r.html;
  ASSERT_EQ(r.headings.size(), 2u);
}

TEST(WikiMarkdown, RawHtmlStaysOff) {
  auto r = markdown::RenderPage("<script>alert(1)</script>\n\n[[x]]", nullptr, [](const std::string&) { return "/wiki/s/x"; });
  EXPECT_EQ(r.html.find("<script>"), std::string::npos);
}

TEST(WikiMerge, DifferentLinesMergeCleanly) {
  auto m = MergeThreeWay("a\n\nb\n\nc\n", "A\n\nb\n\nc\n", "a\n\nb\n\nC\n");
  ASSERT_TRUE(m.clean);
  EXPECT_EQ(m.text, "A\n\nb\n\nC\n");
}

TEST(WikiMerge, TextWithoutAFinalNewlineKeepsIt) {
  auto m = MergeThreeWay("a\n\nb", "A\n\nb", "a\n\nB");
  ASSERT_TRUE(m.clean);
  EXPECT_EQ(m.text, "A\n\nB");
}

TEST(WikiMerge, TheSameLineIsAConflictWithBothSides) {
  auto m = MergeThreeWay("top\n\nmiddle\n\nend\n", "top\n\nmiddle by them\n\nend\n", "top\n\nmiddle by me\n\nend\n");
  ASSERT_FALSE(m.clean);
  ASSERT_EQ(m.passages.size(), 3u);
  EXPECT_EQ(m.passages[0].text, "top\n\n");
  EXPECT_TRUE(m.passages[1].conflict);
  EXPECT_EQ(m.passages[1].theirs, "middle by them\n");
  EXPECT_EQ(m.passages[1].yours, "middle by me\n");
  EXPECT_EQ(m.passages[2].text, "\nend\n");
}

TEST(WikiMerge, AHundredKilobytePageMerges) {
  std::string base;
  for (int i = 0; i < 2000; ++i) base += "Paragraph " + std::to_string(i) + " of a long page with some words in it.\n\n";
  std::string theirs = base, yours = base;
  theirs.replace(theirs.find("Paragraph 10 "), 12, "Paragraph ten");
  yours.replace(yours.find("Paragraph 1990 "), 14, "Paragraph 1990!");
  auto m = MergeThreeWay(base, theirs, yours);
  ASSERT_TRUE(m.clean);
  EXPECT_NE(m.text.find("Paragraph ten"), std::string::npos);
  EXPECT_NE(m.text.find("Paragraph 1990!"), std::string::npos);
}

TEST(WikiDiff, ChangedWordsAreMarked) {
  auto hunks = DiffTexts("one\nthe quick brown fox\nthree\n", "one\nthe quick red fox\nthree\nfour\n");
  ASSERT_EQ(hunks.size(), 1u);
  const auto& lines = hunks[0].lines;
  std::string removed, added;
  for (const auto& l : lines)
    for (const auto& p : l.pieces)
      if (p.changed && l.op == '-') removed += p.text;
      else if (p.changed && l.op == '+') added += p.text;
  EXPECT_EQ(removed, "brown");
  EXPECT_EQ(added, "redfour");
  EXPECT_NE(UnifiedText(hunks).find("-the quick brown fox\n+the quick red fox\n"), std::string::npos);
}

TEST(WikiDiff, LineOriginsPairTheUnchangedLines) {
  EXPECT_EQ(LineOrigins("a\nb\nc\n", "a\nx\nc\nd"), (std::vector<int>{1, 0, 3, 0}));
  EXPECT_EQ(LineOrigins("", "a\nb\n"), (std::vector<int>{0, 0}));
  EXPECT_EQ(LineOrigins("a\nb\n", ""), (std::vector<int>{}));
  EXPECT_EQ(LineOrigins("a\nb\nc\n", "c\na\nb\n"), (std::vector<int>{0, 1, 2}));
}

TEST(WikiBlame, EachParagraphIsCreditedToItsLastChangeAndItsWriters) {
  BlameBuilder b;
  b.Add(1, 100, 1000, "# Title\n\nAna wrote this.\nAnd this.\n\nAna's end.\n");
  b.Add(2, 200, 2000, "# Title\n\nAna wrote this.\nBo changed this.\n\nAna's end.\n\nBo's new paragraph.\n");
  b.Add(3, 100, 3000, "# Title\n\nAna wrote this.\nBo changed this.\n\nAna's end.\n\nBo's new paragraph.\n");  // no change
  auto ps = b.Paragraphs();
  ASSERT_EQ(ps.size(), 4u);
  EXPECT_EQ(ps[0].text, "# Title");
  EXPECT_EQ(ps[0].last.revision, 1);
  EXPECT_EQ(ps[1].text, "Ana wrote this.\nBo changed this.");
  EXPECT_EQ(ps[1].last.revision, 2);
  EXPECT_EQ(ps[1].last.author, 200);
  EXPECT_EQ(ps[1].authors.size(), 2u);  // one line each
  EXPECT_EQ(ps[2].last.author, 100);
  EXPECT_EQ(ps[2].authors, (std::vector<Id>{100}));
  EXPECT_EQ(ps[3].last.revision, 2);
  EXPECT_EQ(ps[3].last.at, 2000);
  // A line moved keeps nothing of its past (the diff sees it removed and added).
  b.Add(4, 300, 4000, "Bo's new paragraph.\n\n# Title\n\nAna wrote this.\nBo changed this.\n\nAna's end.\n");
  ps = b.Paragraphs();
  ASSERT_EQ(ps.size(), 4u);
  EXPECT_EQ(ps[0].text, "Bo's new paragraph.");
  EXPECT_EQ(ps[0].last.author, 300);
  EXPECT_EQ(ps[1].last.revision, 1);
}

TEST(WikiImport, PandocsWikiLinksComeBackAsLinks) {
  EXPECT_EQ(WikiLinksBack("See [Main Page](Main_Page \"wikilink\") and [the words](Other_page \"wikilink\").\n"),
            "See [[Main Page]] and [[Other page|the words]].\n");
  EXPECT_EQ(WikiLinksBack("[Category:Release engineering](Category:Release_engineering \"wikilink\")"), "#releaseengineering");
  EXPECT_EQ(WikiLinksBack("![A logo](Logo.png \"A logo\") ![x](https://example.com/x.png)"),
            "*[Logo.png: A logo]* ![x](https://example.com/x.png)");
}

TEST(WikiImport, MarkdownLinksAreFoundAndRewritten) {
  std::vector<std::string> seen;
  const std::string out = RewriteMdLinks("A [b](c.md#d) and ![e](<f g.png> \"h\") [not a link] (x) [i](j) [[k]]", [&](const MdLink& l) {
    seen.push_back((l.picture ? "!" : "") + l.words + "|" + l.target + "|" + l.title);
    return l.target == "j" ? std::optional<std::string>("J") : std::nullopt;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"b|c.md#d|", "!e|f g.png|h", "i|j|"}));
  EXPECT_EQ(out, "A [b](c.md#d) and ![e](<f g.png> \"h\") [not a link] (x) J [[k]]");
}

}  // namespace
}  // namespace agora::wiki
