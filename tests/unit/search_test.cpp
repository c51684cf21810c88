// The search index (src/search): words found in their inflected forms in each language,
// the audience filter that never lets a reader see, count or match what they may not read,
// filters, removal and the query language's operators. Real Xapian, in memory and on disk.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "search/bulgarian.h"
#include "search/index.h"

namespace agora::search {
namespace {

Document Post(std::string key, std::string language, std::string text, std::vector<std::string> audience = {"org"},
              std::int64_t author = 1, std::int64_t container = 0, std::int64_t created_at = 1000) {
  return {std::move(key), "post", std::move(language), {{std::move(text), 1}}, std::move(audience), author, container,
          created_at};
}

std::vector<std::string> Keys(const Results& r) {
  std::vector<std::string> keys;
  for (const auto& h : r.hits) keys.push_back(h.key);
  return keys;
}

Query For(std::string text, std::vector<std::string> languages, std::vector<std::string> reader = {"public", "org"}) {
  Query q;
  q.text = std::move(text);
  q.languages = std::move(languages);
  q.reader = std::move(reader);
  return q;
}

TEST(SearchIndex, FindsInflectedFormsInEachLanguage) {
  Index index;
  index.Put(Post("post:1", "ru", "Новое сообщество для тех, кто любит походы в горы"));
  index.Put(Post("post:2", "sv", "Syftet med projektet är att minska resorna"));
  index.Put(Post("post:3", "en", "She was running the migration all night"));
  index.Put(Post("post:4", "de", "Die Häuser am Fluss werden renoviert"));
  index.Put(Post("post:5", "fr", "Les nouvelles équipes commencent lundi"));
  index.Put(Post("post:6", "es", "Las reuniones de los lunes son cortas"));
  index.Put(Post("post:7", "nb", "Vi trenger flere frivillige til dugnaden"));
  EXPECT_EQ(Keys(index.Search(For("сообщества", {"ru"}))), std::vector<std::string>{"post:1"});
  EXPECT_EQ(Keys(index.Search(For("resa", {"sv"}))), std::vector<std::string>{"post:2"});  // resorna
  EXPECT_EQ(Keys(index.Search(For("run", {"en"}))), std::vector<std::string>{"post:3"});
  // A capitalised word is stemmed too (Xapian alone would take it for a name: every German noun).
  EXPECT_EQ(Keys(index.Search(For("Haus", {"de"}))), std::vector<std::string>{"post:4"});
  EXPECT_EQ(Keys(index.Search(For("Häuser", {"de"}))), std::vector<std::string>{"post:4"});
  EXPECT_EQ(Keys(index.Search(For("équipe", {"fr"}))), std::vector<std::string>{"post:5"});
  EXPECT_EQ(Keys(index.Search(For("reunión", {"es"}))), std::vector<std::string>{"post:6"});
  EXPECT_EQ(Keys(index.Search(For("frivillig", {"nb"}))), std::vector<std::string>{"post:7"});
  // A reader of two languages finds words stemmed in either.
  EXPECT_EQ(Keys(index.Search(For("resa", {"en", "sv"}))), std::vector<std::string>{"post:2"});
  // Snowball's Swedish leaves the definite "-et" alone ("syftet" is not "syfte"): a known gap.
  EXPECT_EQ(Keys(index.Search(For("syfte", {"sv"}))), std::vector<std::string>{});
  // Without the language, only the word as written matches.
  EXPECT_EQ(Keys(index.Search(For("сообщества", {"en"}))), std::vector<std::string>{});
  EXPECT_EQ(Keys(index.Search(For("сообщество", {"en"}))), std::vector<std::string>{"post:1"});
  EXPECT_TRUE(HasStemmer("nb"));
  EXPECT_TRUE(HasStemmer("bg"));
  EXPECT_FALSE(HasStemmer("fi"));
}

TEST(SearchIndex, BulgarianIsStemmedFoundAsWrittenAndByPrefix) {
  Index index;
  index.Put(Post("post:1", "bg", "Общността организира доброволчески ден в събота"));
  index.Put(Post("post:2", "bg", "Учениците от нашия град посетиха театъра"));
  EXPECT_EQ(Keys(index.Search(For("общност", {"bg"}))), std::vector<std::string>{"post:1"});
  EXPECT_EQ(Keys(index.Search(For("общността", {"en"}))), std::vector<std::string>{"post:1"});  // as written
  EXPECT_EQ(Keys(index.Search(For("общн*", {"en"}))), std::vector<std::string>{"post:1"});
  EXPECT_EQ(Keys(index.Search(For("ученик театри", {"bg"}))), std::vector<std::string>{"post:2"});
}

// Real words and their forms (article, plural, both; consonant and vowel alternations):
// each group must come to one stem, and different words must not.
TEST(BulgarianStemmer, ConflatesTheFormsOfAWord) {
  const std::vector<std::vector<std::string>> groups = {
      {"книга", "книги", "книгата", "книгите"},
      {"град", "градът", "градове", "градовете"},
      {"ученик", "ученикът", "ученици", "учениците"},
      {"общност", "общността", "общности"},
      {"театър", "театри", "театъра", "театрите"},
      {"червен", "червена", "червено", "червени"},
      {"монах", "монаси"},
  };
  for (const auto& group : groups) {
    for (const auto& w : group) EXPECT_EQ(StemBulgarian(w), StemBulgarian(group.front())) << w << " / " << group.front();
  }
  EXPECT_NE(StemBulgarian("книга"), StemBulgarian("град"));
  EXPECT_NE(StemBulgarian("ученик"), StemBulgarian("учител"));
  EXPECT_EQ(StemBulgarian("ден"), "ден");  // too short to stem
  EXPECT_EQ(StemBulgarian("kubernetes"), "kubernetes");  // not Bulgarian: no rule applies
}

TEST(SearchIndex, TheAudienceFilterDecidesWhatIsFoundAndCounted) {
  Index index;
  index.Put(Post("post:1", "en", "Budget planning for the hiking trip", {"org"}));
  index.Put(Post("post:2", "en", "Secret budget of the board", {"community:9"}, 2, 9));
  index.Put(Post("post:3", "en", "Budget notes for Ana only", {"person:5"}));
  index.Put(Post("post:4", "en", "Public budget report", {"public"}));
  // A member of the organization, not of community 9, and not person 5.
  Results member = index.Search(For("budget", {"en"}, {"public", "org", "person:4"}));
  EXPECT_EQ(member.hits.size(), 2u);
  EXPECT_EQ(member.matches_estimated, 2u) << "the count is of what the reader may see";
  // The community's member and the named person see theirs too.
  EXPECT_EQ(index.Search(For("budget", {"en"}, {"public", "org", "community:9", "person:5"})).hits.size(), 4u);
  // Signed out: public only. No audience terms at all: nothing.
  EXPECT_EQ(Keys(index.Search(For("budget", {"en"}, {"public"}))), std::vector<std::string>{"post:4"});
  EXPECT_TRUE(index.Search(For("budget", {"en"}, {})).hits.empty());
  // A match-all query (empty text) is filtered the same way.
  EXPECT_EQ(index.Search(For("", {"en"}, {"public"})).hits.size(), 1u);
}

TEST(SearchIndex, FiltersByKindAuthorContainerAndDate) {
  Index index;
  index.Put(Post("post:1", "en", "Kubernetes upgrade notes", {"org"}, 1, 0, 100));
  index.Put(Post("post:2", "en", "Kubernetes workshop", {"org"}, 2, 7, 200));
  index.Put({"topic:3", "topic", "en", {{"Kubernetes questions", 3}}, {"org"}, 2, 7, 300});
  index.Put({"person:4", "person", "en", {{"Ana Berg", 5}, {"kubernetes networking", 3}}, {"org"}, 0, 0, 50});
  Query q = For("kubernetes", {"en"});
  q.kinds = {"person"};
  EXPECT_EQ(Keys(index.Search(q)), std::vector<std::string>{"person:4"});
  q.kinds = {};
  q.author = 2;
  EXPECT_EQ(index.Search(q).hits.size(), 2u);
  q.author = 0;
  q.container = 7;
  q.kinds = {"topic"};
  EXPECT_EQ(Keys(index.Search(q)), std::vector<std::string>{"topic:3"});
  q = For("kubernetes", {"en"});
  q.after = 150;
  q.before = 300;
  EXPECT_EQ(Keys(index.Search(q)), std::vector<std::string>{"post:2"});
  q = For("kubernetes", {"en"});
  q.newest_first = true;
  EXPECT_EQ(Keys(index.Search(q)), (std::vector<std::string>{"topic:3", "post:2", "post:1", "person:4"}));
  // The query language: a phrase, a prefix, an excluded word.
  EXPECT_EQ(Keys(index.Search(For("\"upgrade notes\"", {"en"}))), std::vector<std::string>{"post:1"});
  EXPECT_EQ(index.Search(For("kube*", {"en"})).hits.size(), 4u);
  EXPECT_EQ(Keys(index.Search(For("kubernetes -workshop -questions -networking", {"en"}))), std::vector<std::string>{"post:1"});
}

// Dated documents are searched newest first in bands of time (index.h): a band is widened
// until it holds enough matches, a page past a band's last goes on with older ones, and
// paging walks every match once. Bands of 8 places, widened until 5 matches, to see several.
TEST(SearchIndex, PagesThroughBandsOfTimeNewestFirstAndFindsEveryMatchOnce) {
  Index index({}, Bands{8, 5});
  Document community{"community:1", "community", "en", {{"Alpha hikers", 1}}, {"org"}, 0, 1, 1};
  community.dated = false;
  community.always = true;  // on every first page, though the oldest of all
  index.Put(community);
  for (int i = 1; i <= 20; ++i) {  // people: bands of their own, newest first
    Document someone{"person:" + std::to_string(100 + i), "person", "en", {{"Beta Alpha", 1}}, {"org"}, 0, 0, 1};
    someone.dated = false;
    index.Put(someone);
  }
  Document person{"person:1", "person", "en", {{"Alpha Berg", 5}}, {"org"}, 0, 0, 1};
  person.dated = false;  // the newest person: in the newest band
  index.Put(person);
  for (int i = 1; i <= 100; ++i)
    index.Put(Post("post:" + std::to_string(i), "en", i == 3 ? "alpha omega" : "alpha notes", {"org"}, 1, 0, i));
  auto created = [](const std::string& key) { return key.rfind("post:", 0) == 0 ? std::stoi(key.substr(5)) : 0; };

  Query q = For("alpha", {"en"});
  q.limit = 10;
  std::vector<std::string> seen;
  Results page = index.Search(q);
  // The first page: the person, then the newest posts (the first band's 8, one of the next).
  ASSERT_EQ(page.hits.size(), 10u);
  EXPECT_EQ(Keys(page)[0], "person:1");
  EXPECT_NE(std::find(Keys(page).begin(), Keys(page).end(), "community:1"), Keys(page).end());
  for (const auto& key : Keys(page)) {
    if (key.rfind("post:", 0) == 0) {
      EXPECT_GT(created(key), 84) << key;
    } else if (key.rfind("person:", 0) == 0) {
      EXPECT_TRUE(key == "person:1" || std::stoi(key.substr(7)) > 112) << "the newest people: " << key;
    }
  }
  for (int pages = 0; pages < 20; ++pages) {
    for (const auto& key : Keys(page)) seen.push_back(key);
    if (!page.next) break;
    q.band = page.next->band;
    q.offset = page.next->offset;
    page = index.Search(q);
  }
  EXPECT_FALSE(page.next);
  std::vector<std::string> unique = seen;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  EXPECT_EQ(seen.size(), 122u) << "every match, once";
  EXPECT_EQ(unique.size(), 122u);

  // A word only an old document has: the band is widened until it is found, on the first page.
  EXPECT_EQ(Keys(index.Search(For("omega", {"en"}))), std::vector<std::string>{"post:3"});

  // Newest first: dated documents by date down across every page.
  q = For("alpha", {"en"});
  q.newest_first = true;
  q.limit = 7;
  std::vector<int> dates;
  for (int pages = 0; pages < 30; ++pages) {
    page = index.Search(q);
    for (const auto& key : Keys(page))
      if (key.rfind("post:", 0) == 0) dates.push_back(created(key));
    if (!page.next) break;
    q.band = page.next->band;
    q.offset = page.next->offset;
  }
  ASSERT_EQ(dates.size(), 100u);
  EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend())) << "newest first";
  EXPECT_EQ(dates.front(), 100);

  // An edited document keeps its place (its band): it is not made new by an edit.
  index.Put(Post("post:2", "en", "alpha notes, edited", {"org"}, 1, 0, 2));
  q = For("alpha", {"en"});
  q.limit = 10;
  for (const auto& key : Keys(index.Search(q))) EXPECT_NE(key, "post:2");
}

// Counts are exact in the bands a page searched, and a page searches a bounded number of
// places: a word found only long ago is reached by paging on, not by one unbounded walk.
TEST(SearchIndex, CountsTheBandsSearchedAndBoundsTheWalkOfAPage) {
  Index index({}, Bands{8, 5, 8, 16});  // bands of 8 places at most, 16 places a page
  for (int i = 1; i <= 100; ++i)
    index.Put(Post("post:" + std::to_string(i), "en", i == 3 ? "alpha omega" : "alpha notes", {"org"}, 1 + i % 2, 0, i));
  Query q = For("alpha", {"en"});
  q.count_kinds = {"post", "person"};
  q.limit = 10;
  Results page = index.Search(q);
  EXPECT_EQ(page.hits.size(), 10u);  // the newest band's 8, and 2 of the next
  EXPECT_EQ(page.kind_counts["post"], 16u) << "every match of the two bands searched";
  EXPECT_EQ(page.kind_counts["person"], 0u);
  EXPECT_FALSE(page.counted_all);
  ASSERT_EQ(page.authors.size(), 2u);
  EXPECT_EQ(page.authors[0].count + page.authors[1].count, 16u);

  q = For("omega", {"en"});
  page = index.Search(q);
  EXPECT_TRUE(page.hits.empty()) << "not within the first 16 places";
  std::vector<std::string> found;
  for (int pages = 0; page.next && pages < 20; ++pages) {
    q.band = page.next->band;
    q.offset = page.next->offset;
    page = index.Search(q);
    for (const auto& key : Keys(page)) found.push_back(key);
  }
  EXPECT_EQ(found, std::vector<std::string>{"post:3"});

  // An index small enough for one band counts everything.
  Index small;
  small.Put(Post("post:1", "en", "alpha"));
  q = For("alpha", {"en"});
  q.count_kinds = {"post"};
  page = small.Search(q);
  EXPECT_TRUE(page.counted_all);
  EXPECT_EQ(page.kind_counts["post"], 1u);
}

// "A post they wrote" for the people a search found: each author's best match, wherever
// it is in time (one band of everything), within the reader's audience.
TEST(SearchIndex, FindsEachAuthorsBestMatchAcrossTheWholeIndex) {
  Index index({}, Bands{8, 5, 8, 16});  // bands of 8 places: a banded search would not reach post:1
  index.Put(Post("post:1", "en", "kubernetes kubernetes upgrade notes", {"org"}, 7, 0, 1));
  index.Put(Post("post:2", "en", "a kubernetes aside", {"org"}, 7, 0, 2));
  index.Put(Post("post:3", "en", "kubernetes secrets", {"person:8"}, 8, 0, 3));  // only its author and listed
  for (int i = 4; i <= 60; ++i) index.Put(Post("post:" + std::to_string(i), "en", "kubernetes weekly", {"org"}, 9, 0, i));
  Query q = For("kubernetes", {"en"});
  q.kinds = {"post"};
  q.authors = {7, 8};
  q.best_of_each_author = true;
  q.whole_index = true;
  q.limit = 2;
  EXPECT_EQ(Keys(index.Search(q)), std::vector<std::string>{"post:1"}) << "one of author 7's, the better; none of 8's for this reader";
  q.reader = {"org", "person:8"};
  auto both = Keys(index.Search(q));
  std::sort(both.begin(), both.end());
  EXPECT_EQ(both, (std::vector<std::string>{"post:1", "post:3"}));
  q.whole_index = false;
  q.reader = {"org"};
  EXPECT_TRUE(index.Search(q).hits.empty()) << "banded, the first page searches only the newest places";
}

TEST(SearchIndex, ReplacingAndRemovingLeaveNoOldWords) {
  Index index;
  index.Put(Post("post:1", "en", "The offsite is in Lisbon"));
  index.Put(Post("post:1", "en", "The offsite moved to Porto"));
  EXPECT_EQ(index.size(), 1u);
  EXPECT_TRUE(index.Search(For("lisbon", {"en"})).hits.empty());
  EXPECT_EQ(index.Search(For("porto", {"en"})).hits.size(), 1u);
  index.Remove("post:1");
  EXPECT_TRUE(index.Search(For("porto", {"en"})).hits.empty());
  EXPECT_EQ(index.size(), 0u);
}

TEST(SearchIndex, AFieldWithMoreWeightRanksFirst) {
  Index index;
  index.Put({"person:1", "person", "en", {{"Maria Lopez", 5}, {"likes gardening", 1}}, {"org"}, 0, 0, 1});
  index.Put({"person:2", "person", "en", {{"Ola Nordmann", 5}, {"works with gardening and with Maria", 1}}, {"org"}, 0, 0, 1});
  EXPECT_EQ(Keys(index.Search(For("maria", {"en"}))), (std::vector<std::string>{"person:1", "person:2"}));
}

TEST(SearchIndex, KeepsItsDocumentsOnDisk) {
  const auto dir = std::filesystem::temp_directory_path() / ("agora-search-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    Index index(dir.string());
    index.Put(Post("post:1", "sv", "Anteckningar från torsdagens möten"));
    index.Commit();
  }
  {
    Index index(dir.string());
    EXPECT_EQ(index.size(), 1u);
    EXPECT_EQ(Keys(index.Search(For("möte", {"sv"}))), std::vector<std::string>{"post:1"});
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace agora::search
