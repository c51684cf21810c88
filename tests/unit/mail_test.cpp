// Mail: the encoding of a message (GMime), the letter layout, digest time slots, the
// reset-request limiter, and the outbox with its worker on a real database (both engines):
// queued in the transaction of its cause, rendered when sent, retried, cancelled.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "modules/identity/request_limiter.h"
#include "modules/mail/letter.h"
#include "modules/mail/message.h"
#include "modules/mail/outbox.h"
#include "modules/mail/worker.h"
#include "modules/notifications/mails.h"
#include "test_support.h"

namespace agora {
namespace {

constexpr std::int64_t kHour = 3600 * 1000;
// 2026-11-30 00:00 UTC, a Monday.
constexpr std::int64_t kMonday = 1795996800000;

TEST(MailMessage, EncodesAnyScriptAsMultipartAlternativeWithCrlf) {
  mail::Message m{"Ана Ёлкина", "ana@example.com", "Привет: ваш аккаунт", "Hello\nline two", "<p>Hello</p>",
                  {{"List-Unsubscribe", "<https://agora.example.com/api/v1/mail/unsubscribe/1.mention.0123456789abcdef>"}}};
  std::string raw = mail::Encode(m, "Acme <agora@acme.example>", "42.agora", kMonday);
  EXPECT_NE(raw.find("Subject: =?UTF-8?"), std::string::npos) << raw;
  EXPECT_NE(raw.find("To: =?UTF-8?"), std::string::npos) << "names in any script are UTF-8 encoded words";
  EXPECT_NE(raw.find("Message-Id: <42.agora@acme.example>"), std::string::npos);
  EXPECT_NE(raw.find("multipart/alternative"), std::string::npos);
  EXPECT_NE(raw.find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
  EXPECT_NE(raw.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(raw.find("List-Unsubscribe: <https://agora.example.com/api/v1/mail/unsubscribe/1.mention.0123456789abcdef>\r\n"),
            std::string::npos)
      << "a structured header is not folded into encoded words";
  for (size_t i = raw.find('\n'); i != std::string::npos; i = raw.find('\n', i + 1)) ASSERT_EQ(raw[i - 1], '\r') << "bare LF at " << i;
  EXPECT_EQ(mail::AddressOf("Acme Agora <agora@acme.example>"), "agora@acme.example");
  // Text that would fit Latin-1 stays UTF-8, as the part says (ü is C3 BC, ß C3 9F).
  mail::Message de{"Jörg", "j@example.com", "Grüße", "Viele Grüße", "<p>Viele Grüße</p>", {}};
  std::string latin = mail::Encode(de, "agora@acme.example", "43.agora", kMonday);
  EXPECT_NE(latin.find("Viele Gr=C3=BC=C3=9Fe"), std::string::npos) << latin;
  EXPECT_EQ(latin.find("iso-8859-1"), std::string::npos) << latin;
  EXPECT_EQ(mail::AddressOf(" agora@acme.example "), "agora@acme.example");
}

TEST(MailLetter, EscapesTextInHtmlAndGivesBothAlternativesTheLink) {
  mail::Context ctx{"https://agora.example.com", "Acme & Co"};
  mail::Letter l{.to_name = "Ana", .to_address = "ana@example.com", .subject = "Hi"};
  l.paragraphs = {"<script>alert(1)</script> & more"};
  l.action = mail::Letter::Action{"Open", "https://agora.example.com/posts/1?a=1&b=2"};
  l.unsubscribe_token = "7.mention.abc";
  auto m = mail::Render(ctx, l);
  EXPECT_EQ(m.html.find("<script>"), std::string::npos);
  EXPECT_NE(m.html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), std::string::npos);
  EXPECT_NE(m.html.find("href=\"https://agora.example.com/posts/1?a=1&amp;b=2\""), std::string::npos);
  EXPECT_NE(m.text.find("https://agora.example.com/posts/1?a=1&b=2"), std::string::npos);
  EXPECT_NE(m.text.find("Acme & Co on Agora"), std::string::npos);
  EXPECT_NE(m.text.find("https://agora.example.com/unsubscribe#token=7.mention.abc"), std::string::npos);
  EXPECT_NE(m.text.find("Hello Ana,"), std::string::npos);
  ASSERT_EQ(m.headers.size(), 3u);
  EXPECT_EQ(m.headers[0].second, "<https://agora.example.com/api/v1/mail/unsubscribe/7.mention.abc>");
  EXPECT_EQ(m.headers[1].second, "List-Unsubscribe=One-Click");
  EXPECT_EQ(m.headers[2], (std::pair<std::string, std::string>{"Content-Language", "en"}));
}

TEST(MailLetter, FrameIsInTheRecipientsLanguage) {
  mail::Context ctx{"https://agora.example.com", "Acme"};
  auto l = mail::LetterTo("ru", "Анна", "anna@example.com");
  l.subject = "Тема";
  l.unsubscribe_token = "7.mention.abc";
  auto m = mail::Render(ctx, l);
  EXPECT_NE(m.text.find("Здравствуйте, Анна!"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("Acme в Agora"), std::string::npos);
  EXPECT_NE(m.text.find("Настройки писем: https://agora.example.com/settings"), std::string::npos);
  EXPECT_NE(m.html.find("<html lang=\"ru\">"), std::string::npos);
  EXPECT_NE(m.html.find(">Отписаться</a>"), std::string::npos);
  EXPECT_EQ(m.headers.back().second, "ru");
  // Without a name (an invitation to an address): the greeting without one.
  auto de = mail::Render(ctx, mail::LetterTo("de", "", "x@example.com"));
  EXPECT_EQ(de.text.rfind("Hallo,\n", 0), 0u) << de.text;
}

TEST(DigestSlots, FollowEachPersonsMorningAndMondays) {
  // Monday 07:00 UTC: today's 08:00 has not come in UTC, so the slot is Sunday's.
  EXPECT_EQ(notifications::LatestSlot(kMonday + 7 * kHour, "", 8, false), kMonday - 16 * kHour);
  EXPECT_EQ(notifications::LatestSlot(kMonday + 9 * kHour, "UTC", 8, false), kMonday + 8 * kHour);
  // Stockholm is UTC+1 in winter: 07:30 UTC is 08:30 there, past its 08:00 (07:00 UTC).
  EXPECT_EQ(notifications::LatestSlot(kMonday + 7 * kHour + 30 * 60000, "Europe/Stockholm", 8, false), kMonday + 7 * kHour);
  // Weekly: Wednesday noon goes back to Monday 08:00.
  EXPECT_EQ(notifications::LatestSlot(kMonday + 2 * 24 * kHour + 12 * kHour, "UTC", 8, true), kMonday + 8 * kHour);
  // Monday 07:00: the latest weekly slot is the Monday before.
  EXPECT_EQ(notifications::LatestSlot(kMonday + 7 * kHour, "UTC", 8, true), kMonday + 8 * kHour - 7 * 24 * kHour);
  // An unknown zone counts as UTC.
  EXPECT_EQ(notifications::LatestSlot(kMonday + 9 * kHour, "Mars/Olympus", 8, false), kMonday + 8 * kHour);
}

TEST(RequestLimiter, CountsPerKeyInAWindow) {
  ManualClock clock(kMonday);
  identity::RequestLimiter limiter(clock, 3, kHour);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Admit("a"), 0);
  EXPECT_GT(limiter.Admit("a"), 3500);
  EXPECT_EQ(limiter.Admit("b"), 0) << "keys are counted apart";
  clock.Advance(kHour);
  EXPECT_EQ(limiter.Admit("a"), 0) << "a new window";
}

class Outbox : public ::testing::Test {
 protected:
  testing::TempDir dir;
  std::unique_ptr<store::Database> db = testing::MigratedDatabase(dir);
  ManualClock clock{kMonday};
  IdGenerator ids{1};
  MailConfig config;
  std::string folder = dir.File("mail");

  mail::Worker MakeWorker(const std::string& where) {
    config.retry_seconds = 60;
    config.max_attempts = 3;
    return mail::Worker(*db, ids, clock, config, mail::FolderTransport(where), {"https://agora.example.com", "Acme"});
  }
  mail::Item Load(Id id) {
    return *db->Read([&](auto& c) { return mail::outbox::Load(c, id); });
  }
  static std::optional<mail::Message> Hello(store::Connection&, const mail::Item& item, const mail::Context& ctx) {
    if (item.payload == R"({"gone":true})") return std::nullopt;
    return mail::Message{"Ana", item.address, "Hi from " + ctx.organization, "text", "<p>html</p>", {}};
  }
};

TEST_F(Outbox, AMailExistsOnlyIfItsTransactionCommitted) {
  Result<Id> failed = db->Write([&](store::Connection& c) -> Result<Id> {
    mail::Enqueue(c, ids, {.kind = "test.hello", .address = "ana@example.com"}, clock.NowMs());
    return Error::Invalid("x", "the change that caused it failed");
  });
  EXPECT_FALSE(failed);
  auto s = db->Read([](auto& c) { return mail::outbox::Summarize(c, 10); });
  EXPECT_EQ(s.queued, 0);
}

TEST_F(Outbox, SendsRendersCancelsAndEmptiesThePayload) {
  auto worker = MakeWorker(folder);
  worker.Register("test.hello", Hello);
  Id sent = db->Write([&](auto& c) {
    return mail::Enqueue(c, ids, {.kind = "test.hello", .address = "ana@example.com", .payload = R"({"secret":"x"})"}, clock.NowMs());
  });
  Id gone = db->Write([&](auto& c) {
    return mail::Enqueue(c, ids, {.kind = "test.hello", .address = "bo@example.com", .payload = R"({"gone":true})"}, clock.NowMs());
  });
  Id unknown = db->Write([&](auto& c) { return mail::Enqueue(c, ids, {.kind = "test.nobody", .address = "x@example.com"}, clock.NowMs()); });
  EXPECT_EQ(worker.SendDue(), 3);
  EXPECT_EQ(Load(sent).state, "sent");
  EXPECT_EQ(Load(sent).payload, "{}") << "a secret in the payload does not outlive the mail";
  EXPECT_EQ(Load(gone).state, "cancelled");
  EXPECT_EQ(Load(unknown).state, "failed");
  std::ifstream eml(folder + "/" + IdToString(sent) + ".eml");
  std::string text((std::istreambuf_iterator<char>(eml)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Subject: Hi from Acme"), std::string::npos) << text;
  EXPECT_FALSE(std::filesystem::exists(folder + "/" + IdToString(gone) + ".eml"));
  EXPECT_EQ(worker.SendDue(), 0) << "nothing is sent twice";
}

TEST_F(Outbox, ATemporaryFailureRetriesWithBackoffThenFails) {
  std::ofstream(dir.File("not-a-folder")) << "x";  // a folder cannot be made under a file
  auto worker = MakeWorker(dir.File("not-a-folder") + "/mail");
  worker.Register("test.hello", Hello);
  Id id = db->Write([&](auto& c) { return mail::Enqueue(c, ids, {.kind = "test.hello", .address = "ana@example.com"}, clock.NowMs()); });
  EXPECT_EQ(worker.SendDue(), 1);
  auto item = Load(id);
  EXPECT_EQ(item.state, "queued");
  EXPECT_EQ(item.attempts, 1);
  EXPECT_GE(item.next_attempt_at, clock.NowMs() + 60'000);
  EXPECT_LE(item.next_attempt_at, clock.NowMs() + 66'000);
  EXPECT_NE(item.last_error.find("cannot write"), std::string::npos) << item.last_error;
  EXPECT_EQ(worker.SendDue(), 0) << "not before it is due";
  clock.Advance(66'000);
  EXPECT_EQ(worker.SendDue(), 1);
  item = Load(id);
  EXPECT_EQ(item.attempts, 2);
  EXPECT_GE(item.next_attempt_at, clock.NowMs() + 120'000) << "the delay doubles";
  clock.Advance(140'000);
  EXPECT_EQ(worker.SendDue(), 1);
  EXPECT_EQ(Load(id).state, "failed") << "after mail.max_attempts";
  EXPECT_TRUE(db->Write([&](auto& c) { return mail::outbox::Requeue(c, id, clock.NowMs()); }));
  EXPECT_EQ(Load(id).state, "queued");
}

}  // namespace
}  // namespace agora
