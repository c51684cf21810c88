#include "modules/notifications/mails.h"

#include <sodium.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>

#include "core/crypto.h"
#include "core/markdown.h"
#include "core/text.h"
#include "core/log.h"
#include "i18n/messages.h"
#include "modules/communities/store.h"
#include "modules/content/audience.h"
#include "modules/identity/store.h"
#include "modules/notifications/writer.h"

namespace agora::notifications {
namespace {

using agora::store::Connection;

constexpr const char* kKey = "SELECT value FROM site_secrets WHERE name = 'unsubscribe'";
constexpr const char* kMakeKey = "INSERT INTO site_secrets (name, value) VALUES ('unsubscribe', ?1) ON CONFLICT DO NOTHING";

// Notifications with what a mail says about them, of those the recipient may read.
const std::string kAbout = std::string(
    "SELECT n.kind, ua.display_name, ua.handle, n.actor_count, n.content_id, n.comment_id, c.kind, co.name, co.handle,"
    " n.read_at IS NOT NULL, coalesce(p.body, t.title, be.title, wp.title, ''), coalesce(cm.body, ''), n.created_at FROM notifications n"
    " JOIN users ua ON ua.id = n.actor_id LEFT JOIN content c ON c.id = n.content_id"
    " LEFT JOIN communities co ON co.id = n.community_id LEFT JOIN posts p ON p.content_id = n.content_id"
    " LEFT JOIN topics t ON t.content_id = n.content_id LEFT JOIN blog_entries be ON be.content_id = n.content_id"
    " LEFT JOIN wiki_pages wp ON wp.content_id = n.content_id"
    " LEFT JOIN comments cm ON cm.id = n.comment_id"
    " WHERE (n.content_id IS NULL OR ") + content::kVisibleToViewer + ")"
    " AND (n.community_id IS NULL OR " + communities::store::kVisibleToViewer + ")";
const std::string kOne = kAbout + " AND n.id = ?1 AND n.recipient_id = ?2";
const std::string kWaiting = kAbout + " AND n.recipient_id = ?1 AND n.digest = ?2 AND n.read_at IS NULL"
                                      " ORDER BY n.updated_at DESC LIMIT 30";
constexpr const char* kTakeWaiting = "UPDATE notifications SET digest = NULL WHERE recipient_id = ?1 AND digest = ?2";
// The most active posts since the last digest, by people the reader follows and in their
// communities (reactions and comments stand for "most read": reads are not counted).
const std::string kTopPosts = std::string(
    "SELECT c.id, ua.display_name, p.body FROM content c JOIN posts p ON p.content_id = c.id"
    " JOIN users ua ON ua.id = c.author_id"
    " WHERE c.kind = 'post' AND c.created_at > ?2 AND c.author_id != ?1 AND p.is_share = 0"
    " AND (c.author_id IN (SELECT followee_id FROM follows WHERE follower_id = ?1)"
    " OR c.container_id IN (SELECT community_id FROM community_members WHERE person_id = ?1 AND state = 'active'))"
    " AND c.reaction_count + c.comment_count > 0 AND ") + content::kVisibleToViewer +
    " ORDER BY c.reaction_count + c.comment_count DESC, c.id DESC LIMIT 3";
constexpr const char* kWaitingPeople =
    "SELECT DISTINCT n.recipient_id, n.digest, coalesce(pr.timezone, ''), coalesce(ds.last_at, 0) FROM notifications n"
    " LEFT JOIN profiles pr ON pr.user_id = n.recipient_id"
    " LEFT JOIN digest_state ds ON ds.person_id = n.recipient_id AND ds.cadence = n.digest"
    " WHERE n.digest IS NOT NULL";
constexpr const char* kLastDigest = "SELECT last_at FROM digest_state WHERE person_id = ?1 AND cadence = ?2";
constexpr const char* kDigestQueued =
    "INSERT INTO digest_state (person_id, cadence, last_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (person_id, cadence) DO UPDATE SET last_at = excluded.last_at";
// Mail of a kind off: in the app only (a kind turned off stays off).
constexpr const char* kMailOff =
    "INSERT INTO notification_settings (person_id, kind, enabled, delivery) VALUES (?1, ?2, 1, 'app')"
    " ON CONFLICT (person_id, kind) DO UPDATE SET delivery = 'app'";
constexpr const char* kNoDigest = "UPDATE notifications SET digest = NULL WHERE recipient_id = ?1 AND digest IS NOT NULL";

struct About {
  std::string kind, actor, actor_handle;
  std::int64_t actor_count = 1;
  std::optional<Id> content, comment;
  std::string content_kind, community, community_handle;
  bool read = false;
  std::string text;  // the post or topic's text, or the comment's (a wiki page's title)
  std::int64_t created_at = 0;
};

About ReadAbout(agora::store::Query& q) {
  About a;
  a.kind = q.Text(0);
  a.actor = q.Text(1);
  a.actor_handle = q.Text(2);
  a.actor_count = q.Int(3);
  a.content = q.OptInt(4);
  a.comment = q.OptInt(5);
  a.content_kind = q.IsNull(6) ? "" : q.Text(6);
  a.community = q.IsNull(7) ? "" : q.Text(7);
  a.community_handle = q.IsNull(8) ? "" : q.Text(8);
  a.read = q.Int(9) != 0;
  a.text = q.Text(11).empty() ? q.Text(10) : q.Text(11);
  a.created_at = q.Int(12);
  return a;
}

// What the content a notification is about is called in its sentence.
std::string What(const About& a) {
  if (a.comment && (a.kind == "mention" || a.kind == "reaction")) return "comment";
  if (a.content_kind == "topic" || a.content_kind == "blog_entry" || a.content_kind == "wiki_page") return a.content_kind;
  return "post";
}

// Each kind's sentence, and the one for several people at once where the app has one.
struct SentenceIds {
  std::string_view kind;
  const char* one;
  const char* group;  // nullptr: the first person's sentence stands for all
};
constexpr SentenceIds kSentences[] = {
    {"mention", "notification.mention", "notification.mention_group"},
    {"comment", "notification.comment", "notification.comment_group"},
    {"reply", "notification.reply", "notification.reply_group"},
    {"reaction", "notification.reaction", "notification.reaction_group"},
    {"follow", "notification.follow", "notification.follow_group"},
    {"share", "notification.share", "notification.share_group"},
    {"community_invite", "notification.community_invite", nullptr},
    {"community_request", "notification.community_request", nullptr},
    {"community_accepted", "notification.community_accepted", nullptr},
    {"blog_entry", "notification.blog_entry", nullptr},
    {"comment_held", "notification.comment_held", nullptr},
    {"wiki_change", "notification.wiki_change", "notification.wiki_change_group"},
    {"wiki_review", "notification.wiki_review", nullptr},
};

// The notification as one sentence in `lang`: the app's words (the server's catalogs hold
// the same "notification.*" messages as the web client's; the unit test keeps them equal).
std::string Sentence(const std::string& lang, const About& a) {
  const std::string what = What(a);
  for (const auto& s : kSentences) {
    if (s.kind != a.kind) continue;
    if (a.actor_count > 1 && s.group)
      return messages::Format(lang, s.group, {{"name", a.actor}, {"others", a.actor_count - 1}, {"what", what}});
    return messages::Format(lang, s.one, {{"who", a.actor}, {"what", what}, {"community", a.community}});
  }
  return messages::Format(lang, "mail.notification_other", {{"who", a.actor}});
}

std::string Link(const mail::Context& ctx, const About& a) {
  if (a.content) {
    // A blog entry's and a wiki page's pages are found by their id alone (the web client goes
    // on to the address in its blog or space).
    const char* page = a.content_kind == "topic"        ? "/topics/"
                       : a.content_kind == "blog_entry" ? "/blog-entries/"
                       : a.content_kind == "wiki_page"  ? "/wiki-pages/"
                                                        : "/posts/";
    return ctx.base_url + page + IdToString(*a.content);
  }
  if (!a.community_handle.empty()) return ctx.base_url + "/communities/" + a.community_handle;
  return ctx.base_url + "/people/" + a.actor_handle;
}

// What a reader sees of a Markdown text, on one line, at most 280 characters.
std::string Excerpt(std::string_view markdown) { return text::Excerpt(markdown::ToPlainText(markdown), 280); }

// The excerpt in the quotation marks of `lang`.
std::string Quote(const std::string& lang, std::string_view markdown) {
  return messages::Format(lang, "mail.quote", {{"text", Excerpt(markdown)}});
}

struct Recipient {
  identity::User user;
  content::Viewer viewer;
  std::string language;
};

std::optional<Recipient> RecipientOf(Connection& c, const mail::Item& item) {
  auto found = identity::store::FindUserById(c, item.user_id.value_or(0));
  if (!found || !found->user.active || !found->password_hash) return std::nullopt;  // not activated: no mail
  return Recipient{found->user, content::Viewer{found->user.id, found->user.role}, identity::store::LanguageOf(c, found->user)};
}

std::optional<mail::Message> One(Connection& c, const mail::Item& item, const mail::Context& ctx, UnsubscribeLinks& links,
                                 const ChangeDetail& wiki_change) {
  auto r = RecipientOf(c, item);
  if (!r) return std::nullopt;
  boost::system::error_code ec;
  auto payload = boost::json::parse(item.payload, ec);
  if (ec || !payload.is_object() || !payload.as_object().contains("notification_id")) return std::nullopt;
  auto id = ParseId(payload.at("notification_id").as_string());
  if (!id) return std::nullopt;
  auto q = c.Prepare(kOne, *id, r->user.id);
  content::BindViewer(q, r->viewer);
  communities::store::BindViewer(q, r->viewer);
  if (!q.Next()) return std::nullopt;  // deleted, or no longer theirs to read
  About a = ReadAbout(q);
  if (a.read) return std::nullopt;  // seen in the app already
  auto l = mail::LetterTo(r->language, r->user.display_name, r->user.email);
  const std::string& lang = l.language;
  l.subject = Sentence(lang, a);
  l.paragraphs = {a.community.empty() || a.kind.starts_with("community")
                      ? l.subject + "."
                      : messages::Format(lang, "mail.in_community", {{"sentence", l.subject}, {"community", a.community}})};
  if (!a.text.empty()) l.paragraphs.push_back(Quote(lang, a.text));
  // A wiki change: what changed since the notification began (until the person looks, later
  // changes join it and this mail is not sent again).
  if (a.kind == "wiki_change" && wiki_change && a.content)
    if (auto change = wiki_change(c, *a.content, a.created_at)) {
      l.paragraphs.push_back(messages::Format(lang, "mail.wiki_diff", {{"from", std::int64_t{change->from}}, {"to", std::int64_t{change->to}}}));
      l.diff = std::move(change->lines);
      if (change->more > 0) l.after_diff = messages::Format(lang, "mail.wiki_diff_more", {{"count", change->more}});
    }
  l.action = mail::Letter::Action{messages::Format(lang, "mail.open"), Link(ctx, a)};
  l.note = messages::Format(lang, "mail.notification_note", {{"kind", a.kind}});
  l.unsubscribe_token = links.Token(c, r->user.id, a.kind);
  return mail::Render(ctx, l);
}

std::optional<mail::Message> Digest(Connection& c, const mail::Item& item, const mail::Context& ctx, UnsubscribeLinks& links,
                                    std::int64_t now) {
  auto r = RecipientOf(c, item);
  if (!r) return std::nullopt;
  boost::system::error_code ec;
  auto payload = boost::json::parse(item.payload, ec);
  if (ec || !payload.is_object() || !payload.as_object().contains("cadence")) return std::nullopt;
  const std::string cadence(payload.at("cadence").as_string());
  const bool weekly = cadence == "weekly";
  std::vector<About> waiting;
  {
    auto q = c.Prepare(kWaiting, r->user.id, cadence);
    content::BindViewer(q, r->viewer);
    communities::store::BindViewer(q, r->viewer);
    while (q.Next()) waiting.push_back(ReadAbout(q));
  }
  c.Prepare(kTakeWaiting, r->user.id, cadence).Run();
  std::vector<std::pair<std::string, std::string>> top;  // (line, link)
  {
    const std::int64_t since = now - (weekly ? 7 : 1) * 24LL * 3600 * 1000;
    auto q = c.Prepare(kTopPosts, r->user.id, since);
    content::BindViewer(q, r->viewer);
    while (q.Next())
      top.emplace_back(q.Text(1) + ": " + Quote(r->language, q.Text(2)), ctx.base_url + "/posts/" + IdToString(q.Int(0)));
  }
  if (waiting.empty() && top.empty()) return std::nullopt;  // never an empty digest

  auto l = mail::LetterTo(r->language, r->user.display_name, r->user.email);
  const std::string& lang = l.language;
  l.subject = messages::Format(lang, "mail.digest_subject", {{"cadence", cadence},
                                                             {"site", ctx.SiteName(lang)},
                                                             {"count", static_cast<std::int64_t>(waiting.size())}});
  if (!waiting.empty()) {
    l.paragraphs.push_back(messages::Format(lang, "mail.digest_waiting"));
    for (const auto& a : waiting) l.paragraphs.push_back("• " + Sentence(lang, a) + " — " + Link(ctx, a));
  }
  if (!top.empty()) {
    l.paragraphs.push_back(messages::Format(lang, "mail.digest_top", {{"cadence", cadence}}));
    for (const auto& [line, link] : top) l.paragraphs.push_back("• " + line + " — " + link);
  }
  l.action = mail::Letter::Action{messages::Format(lang, "mail.digest_action"), ctx.base_url + "/notifications"};
  l.note = messages::Format(lang, "mail.digest_note", {{"cadence", cadence}});
  l.unsubscribe_token = links.Token(c, r->user.id, "digest");
  return mail::Render(ctx, l);
}

// The UTC offset of `zone` at `at_ms` (0 for an unknown or empty zone).
std::int64_t OffsetMs(std::string_view zone, std::int64_t at_ms) {
  if (zone.empty()) return 0;
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())))));
  if (!tz) return 0;
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  tz->getOffset(static_cast<UDate>(at_ms), false, raw, dst, status);
  return U_FAILURE(status) ? 0 : std::int64_t{raw} + dst;
}

}  // namespace

std::int64_t LatestSlot(std::int64_t now_ms, std::string_view time_zone, int hour, bool weekly) {
  constexpr std::int64_t kDay = 24LL * 3600 * 1000;
  const std::int64_t offset = OffsetMs(time_zone, now_ms);
  const std::int64_t local = now_ms + offset;
  std::int64_t day = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;  // days since 1970-01-01 (a Thursday)
  std::int64_t slot = day * kDay + std::int64_t{hour} * 3600 * 1000;
  if (slot > local) {
    slot -= kDay;
    --day;
  }
  if (weekly) slot -= ((day + 3) % 7) * kDay;  // back to Monday
  return slot - offset;
}

std::string UnsubscribeLinks::Key(Connection& c) {
  std::lock_guard lock(mu_);
  if (!key_.empty()) return key_;
  auto q = c.Prepare(kKey);
  if (q.Next()) return key_ = q.Text(0);
  if (c.IsWriter()) {
    c.Prepare(kMakeKey, crypto::ToHex(crypto::RandomToken())).Run();
    auto again = c.Prepare(kKey);
    if (again.Next()) return key_ = again.Text(0);
  }
  return {};
}

namespace {
std::string Mac(const std::string& key, const std::string& message) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         reinterpret_cast<const unsigned char*>(key.data()));  // key is 64+ bytes of hex
  return crypto::ToHex(std::string(reinterpret_cast<const char*>(mac), 16));
}
}  // namespace

std::string UnsubscribeLinks::Token(Connection& c, Id person, std::string_view kind) {
  const std::string message = IdToString(person) + "." + std::string(kind);
  return message + "." + Mac(Key(c), message);
}

Result<std::pair<Id, std::string>> UnsubscribeLinks::Verify(std::string_view token) {
  const auto unknown = Error::NotFound("this unsubscribe link is not valid");
  auto last = token.rfind('.');
  auto first = token.find('.');
  if (token.size() > 200 || first == std::string_view::npos || last == first) return unknown;
  const std::string message(token.substr(0, last));
  auto person = ParseId(token.substr(0, first));
  const std::string kind(token.substr(first + 1, last - first - 1));
  if (!person || (kind != "digest" && !ParseKind(kind))) return unknown;
  std::string key = db_.Read([&](Connection& c) { return Key(c); });
  if (key.empty() || !crypto::ConstantTimeEquals(Mac(key, message), token.substr(last + 1))) return unknown;
  return std::make_pair(*person, kind);
}

Status UnsubscribeLinks::Apply(std::string_view token) {
  auto who = Verify(token);
  if (!who) return who.error();
  db_.Write([&](Connection& c) {
    if (who->second != "digest") {
      c.Prepare(kMailOff, who->first, who->second).Run();
      return;
    }
    for (Kind k : kAllKinds) {  // the digest's kinds stay in the app only
      Delivery d = DeliveryOf(c, who->first, k);
      if (d == Delivery::kDaily || d == Delivery::kWeekly) c.Prepare(kMailOff, who->first, KindName(k)).Run();
    }
    c.Prepare(kNoDigest, who->first).Run();
  });
  return OkStatus();
}

void RegisterMails(mail::Worker& worker, const Clock& clock, UnsubscribeLinks& links, ChangeDetail wiki_change) {
  worker.Register(kMailNotification, [&links, wiki_change](Connection& c, const mail::Item& item, const mail::Context& ctx) {
    return One(c, item, ctx, links, wiki_change);
  });
  worker.Register(kMailDigest, [&links, &clock](Connection& c, const mail::Item& item, const mail::Context& ctx) {
    return Digest(c, item, ctx, links, clock.NowMs());
  });
}

std::int64_t QueueDueDigests(agora::store::Database& db, IdGenerator& ids, std::int64_t now, int hour) {
  struct Due {
    Id person;
    std::string cadence;
    std::int64_t slot;
  };
  const auto started = std::chrono::steady_clock::now();
  std::vector<Due> due = db.Read([&](Connection& c) {
    std::vector<Due> out;
    auto q = c.Prepare(kWaitingPeople);
    while (q.Next()) {
      const std::string cadence = q.Text(1);
      const std::int64_t slot = LatestSlot(now, q.TextView(2), hour, cadence == "weekly");
      if (q.Int(3) < slot) out.push_back({q.Int(0), cadence, slot});
    }
    return out;
  });
  // In transactions of a thousand, so that a morning of 100,000 digests never holds the
  // writer for long; each person checked again inside (another node may have queued it).
  std::int64_t queued = 0;
  for (size_t begin = 0; begin < due.size(); begin += 1000) {
    const size_t end = std::min(due.size(), begin + 1000);
    queued += db.Write([&](Connection& c) {
      std::int64_t n = 0;
      for (size_t i = begin; i < end; ++i) {
        const Due& d = due[i];
        auto last = c.Prepare(kLastDigest, d.person, d.cadence);
        if (last.Next() && last.Int(0) >= d.slot) continue;
        boost::json::object payload{{"cadence", d.cadence}};
        mail::Enqueue(c, ids, {.kind = kMailDigest, .user_id = d.person, .payload = boost::json::serialize(payload)}, now);
        c.Prepare(kDigestQueued, d.person, d.cadence, now).Run();
        ++n;
      }
      return n;
    });
  }
  if (queued > 0)
    log::Info("digests queued", {{"count", queued},
                                 {"ms", static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - started).count())}});
  return queued;
}

}  // namespace agora::notifications
