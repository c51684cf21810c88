// The live stream's hub: delivery to a person's connections, history and resume, watching.
#include "live/stream_hub.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace agora::live {
namespace {

// Collects what the hub sends, as a WebSocket connection would write it.
struct FakeConnection : StreamConnection {
  std::vector<std::string> frames;
  bool closed = false;
  void Send(Frame f) override { frames.push_back(*f); }
  void Close() override { closed = true; }
  std::string TypeAt(size_t i) const { return std::string(boost::json::parse(frames.at(i)).at("type").as_string()); }
  std::string IdAt(size_t i) const { return std::string(boost::json::parse(frames.at(i)).at("id").as_string()); }
};

TEST(StreamHub, DeliversToEveryConnectionOfAPersonAndNoOneElse) {
  StreamHub hub;
  auto a1 = std::make_shared<FakeConnection>(), a2 = std::make_shared<FakeConnection>(), b = std::make_shared<FakeConnection>();
  hub.Attach(a1, {1, identity::Role::kMember}, "");
  hub.Attach(a2, {1, identity::Role::kMember}, "");
  hub.Attach(b, {2, identity::Role::kGuest}, "");
  hub.SendTo(1, "post", R"({"id":"5"})");
  ASSERT_EQ(a1->frames.size(), 1u);
  EXPECT_EQ(a1->frames, a2->frames);
  EXPECT_TRUE(b->frames.empty());
  auto parsed = boost::json::parse(a1->frames[0]);
  EXPECT_EQ(parsed.at("type"), "post");
  EXPECT_EQ(parsed.at("data").at("id"), "5");
  hub.SendTo(3, "post", "{}");  // never connected: nothing kept
  EXPECT_EQ(hub.Present().size(), 2u);
  hub.Disconnect(1);
  EXPECT_TRUE(a1->closed && a2->closed && !b->closed);
}

TEST(StreamHub, AReturningClientGetsWhatItMissedOrAResync) {
  StreamHub hub(3);
  auto first = std::make_shared<FakeConnection>();
  hub.Attach(first, {1, identity::Role::kMember}, "");
  hub.SendTo(1, "post", R"({"n":1})");
  std::string seen = first->IdAt(0);
  hub.Detach(first.get());
  hub.SendTo(1, "post", R"({"n":2})");  // away: kept for the return
  hub.SendTo(1, "notifications", R"({"unread":1})");
  auto back = std::make_shared<FakeConnection>();
  hub.Attach(back, {1, identity::Role::kMember}, seen);
  ASSERT_EQ(back->frames.size(), 2u);
  EXPECT_NE(back->frames[0].find(R"("n":2)"), std::string::npos);
  EXPECT_EQ(back->TypeAt(1), "notifications");
  hub.Detach(back.get());
  for (int i = 0; i < 5; ++i) hub.SendTo(1, "post", "{}");  // more than the 3 kept
  auto late = std::make_shared<FakeConnection>();
  hub.Attach(late, {1, identity::Role::kMember}, back->IdAt(1));
  ASSERT_EQ(late->frames.size(), 1u);
  EXPECT_EQ(late->TypeAt(0), "resync");
  auto stranger = std::make_shared<FakeConnection>();
  hub.Attach(stranger, {1, identity::Role::kMember}, "0badcafe.1");  // another run of the server
  EXPECT_EQ(stranger->TypeAt(0), "resync");
}

TEST(StreamHub, WatchingIsFilteredAndAnsweredMessagesAreSmall) {
  StreamHub hub;
  hub.SetWatchFilter([](const StreamReader& r, std::vector<Id> ids) {
    std::erase_if(ids, [&](Id id) { return r.role == identity::Role::kGuest && id == 7; });
    return ids;
  });
  auto member = std::make_shared<FakeConnection>(), guest = std::make_shared<FakeConnection>();
  hub.Attach(member, {1, identity::Role::kMember}, "");
  hub.Attach(guest, {2, identity::Role::kGuest}, "");
  EXPECT_FALSE(hub.OnMessage(member.get(), R"({"type":"watch","ids":["7","8","x"]})"));
  EXPECT_FALSE(hub.OnMessage(guest.get(), R"({"type":"watch","ids":["7","8"]})"));
  auto w7 = hub.Watchers(7), w8 = hub.Watchers(8);
  ASSERT_EQ(w7.size(), 1u);
  EXPECT_EQ(w7[0].user, 1);
  EXPECT_EQ(w8.size(), 2u);
  EXPECT_FALSE(hub.OnMessage(member.get(), R"({"type":"watch","ids":[]})"));  // replaces the list
  EXPECT_TRUE(hub.Watchers(7).empty());
  EXPECT_EQ(hub.Watchers(8).size(), 1u);
  EXPECT_EQ(**hub.OnMessage(member.get(), R"({"type":"ping"})"), R"({"type":"pong"})");
  for (const char* bad : {"nonsense", "[]", R"({"type":5})", R"({"kind":"ping"})", R"({"type":"shout"})"})
    EXPECT_NE((*hub.OnMessage(member.get(), bad))->find("error"), std::string::npos) << bad;
  hub.Detach(guest.get());
  EXPECT_TRUE(hub.Watchers(8).empty());
}

}  // namespace
}  // namespace agora::live
