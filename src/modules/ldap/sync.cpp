#include "modules/ldap/sync.h"

#include <sys/resource.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <fstream>
#include <algorithm>
#include <unordered_map>

#include "core/crypto.h"
#include "core/log.h"
#include "core/text.h"
#include "modules/identity/store.h"
#include "modules/ldap/client.h"
#include "modules/ldap/store.h"
#include "modules/media/sniff.h"
#include "modules/sso/store.h"

namespace agora::ldap {
namespace {

constexpr std::int64_t kRunLeaseMs = 3600 * 1000;  // a run that never finished is forgotten after this
constexpr size_t kProblemsKept = 200;

// An entry's stable id as text: binary ids (objectGUID) in hex.
std::string SubjectOf(const Entry& e, const std::string& attribute) {
  const std::string& v = e.First(attribute);
  if (v.empty()) return NormalDn(e.dn);  // no id attribute: the DN (renames then look like new people)
  return text::IsValidUtf8(v) && !text::HasControlCharacters(v) ? v : crypto::ToHex(v);
}

boost::json::array Strings(const std::vector<std::string>& v) {
  boost::json::array a;
  for (const auto& s : v) a.push_back(boost::json::string(s));
  return a;
}

}  // namespace

boost::json::object ReportJson(const SyncReport& r) {
  boost::json::array bad;
  for (const auto& p : r.problems) bad.push_back(boost::json::string(p));
  return {{"dry_run", r.dry_run},
          {"entries", r.entries},
          {"without_email", r.without_email},
          {"created", r.people.created},
          {"updated", r.people.updated},
          {"unchanged", r.people.unchanged},
          {"skipped", r.people.skipped},
          {"missing", r.people.marked_alumni},
          {"emails_changed", r.emails_changed},
          {"photos_updated", r.photos_updated},
          {"photos_failed", r.photos_failed},
          {"created_people", Strings(r.people.created_people)},
          {"updated_people", Strings(r.people.updated_people)},
          {"missing_people", Strings(r.people.missing_people)},
          {"problems", std::move(bad)},
          {"seconds", static_cast<double>(r.finished_at - r.started_at) / 1000.0}};
}

LdapSync::LdapSync(agora::store::Database& db, IdGenerator& ids, const Clock& clock, identity::AdminService& admin,
                   people::PhotoService* photos, const LdapConfig& config, bus::Bus* bus)
    : db_(db), ids_(ids), clock_(clock), admin_(admin), photos_(photos), config_(config), bus_(bus) {}

Status LdapSync::Validate(LdapConfig& c) {
  if (c.url.empty()) return OkStatus();
  if (c.base_dn.empty()) return Error::Invalid("ldap.base_dn", "ldap.base_dn is required with ldap.url");
  if (c.attr_email.empty()) return Error::Invalid("ldap.attr_email", "ldap.attr_email must name an attribute");
  if (c.url.rfind("ldap://", 0) == 0 && !c.start_tls && !c.bind_dn.empty()) {
    // Allowed (a directory on this machine), but say so: passwords would cross the network in clear.
    log::Warn("ldap.url is ldap:// without ldap.start_tls: passwords are sent unencrypted");
  }
  if (!c.bind_password_file.empty()) {
    std::ifstream in(c.bind_password_file);
    std::string line;
    if (!in || !std::getline(in, line))
      return Error::Invalid("ldap.bind_password_file", "cannot read ldap.bind_password_file " + c.bind_password_file);
    c.bind_password = std::string(text::Trim(line));
  }
  return OkStatus();
}

Result<SyncReport> LdapSync::Run(const SyncOptions& options, const identity::Actor& actor) {
  if (!configured()) return Error::Invalid("ldap.url", "no directory is configured (ldap.url)");
  const Id run_id = ids_.Next();
  const auto started = clock_.NowMs();
  auto begun = db_.Write([&](agora::store::Connection& c) -> Status {
    if (store::RunningSince(c, started - kRunLeaseMs)) return Error::Conflict("a directory sync is already running");
    store::InsertRun(c, {run_id, started, std::nullopt, options.dry_run, options.started_by, "", ""});
    return OkStatus();
  });
  if (!begun) return begun.error();
  Result<SyncReport> report = Error::Internal("directory sync failed");
  try {
    report = Sync(options, actor);
  } catch (const std::exception& e) {
    report = Error::Internal(std::string("directory sync failed: ") + e.what());
  }
  const auto finished = clock_.NowMs();
  if (report) {
    report->started_at = started;
    report->finished_at = finished;
  }
  db_.Write([&](agora::store::Connection& c) {
    store::FinishRun(c, run_id, finished, report ? boost::json::serialize(ReportJson(*report)) : "{}",
                     report ? "" : report.error().message);
  });
  return report;
}

Result<SyncReport> LdapSync::Sync(const SyncOptions& options, const identity::Actor& actor) {
  SyncReport report;
  report.dry_run = options.dry_run;
  auto progress = [&](const char* stage, size_t done, size_t total) {
    if (options.progress) options.progress({stage, done, total});
  };
  auto client = Client::Connect(config_);
  if (!client) return client.error();
  if (!config_.bind_dn.empty()) {
    auto bound = (*client)->Bind(config_.bind_dn, config_.bind_password);
    if (!bound) return bound.error();
    if (!*bound) return Error::Invalid("ldap.bind_dn", "the directory refused ldap.bind_dn and its password");
  }

  // 1. Everyone, without photos (those come last, page by page, only when they changed).
  struct Person {
    std::string subject, dn;
    people::StaffRecord record;
    std::string manager_dn;
  };
  std::vector<Person> found;
  std::unordered_map<std::string, std::string> email_of_dn;  // NormalDn -> e-mail
  std::vector<std::string> attributes = {config_.attr_id,         config_.attr_email, config_.attr_name, "cn",
                                         config_.attr_title,      config_.attr_department, config_.attr_office,
                                         config_.attr_phone,      config_.attr_manager};
  auto searched = (*client)->Search(config_.base_dn, config_.filter, attributes, config_.page_size, [&](const Entry& e) {
    ++report.entries;
    const std::string& email = e.First(config_.attr_email);
    if (email.empty()) {
      ++report.without_email;
      if (report.problems.size() < kProblemsKept) report.problems.push_back(e.dn + ": no " + config_.attr_email + " (left out)");
      return;
    }
    Person p;
    p.subject = SubjectOf(e, config_.attr_id);
    p.dn = e.dn;
    std::string name = config_.attr_name.empty() ? "" : e.First(config_.attr_name);
    if (name.empty()) name = e.First("cn");
    auto field = [&](const std::string& attribute) { return attribute.empty() ? std::string() : e.First(attribute); };
    p.record = {static_cast<int>(found.size() + 1), email, name, field(config_.attr_title), field(config_.attr_department),
                field(config_.attr_office), "", "", field(config_.attr_phone), "", {}};
    p.manager_dn = field(config_.attr_manager);
    email_of_dn[NormalDn(e.dn)] = email;
    found.push_back(std::move(p));
    if (found.size() % 1000 == 0) progress("reading", found.size(), 0);
  });
  if (!searched) return searched.error();
  progress("reading", found.size(), found.size());

  // 2. Managers by DN; a manager outside the synced people leaves the field empty.
  for (auto& p : found)
    if (!p.manager_dn.empty())
      if (auto it = email_of_dn.find(NormalDn(p.manager_dn)); it != email_of_dn.end()) p.record.manager_email = it->second;

  // 3. An entry already linked to an account whose address differs: the person's address
  //    changed; the account follows (before the import, which matches by address).
  auto links = db_.Read([&](agora::store::Connection& c) { return sso::store::LinksOf(c, kProvider); });
  std::vector<std::string> moved_emails;
  if (!options.dry_run) {
    std::vector<Id> moved;
    std::vector<std::string> refused;
    db_.Write([&](agora::store::Connection& c) {
      moved.clear();  // a retried transaction starts again
      moved_emails.clear();
      refused.clear();
      const auto now = clock_.NowMs();
      for (const auto& p : found) {
        auto link = links.find(p.subject);
        if (link == links.end()) continue;
        auto account = identity::store::FindUserById(c, link->second.user_id);
        if (!account || text::EmailKey(account->user.email) == text::EmailKey(p.record.email)) continue;
        if (auto st = identity::ChangeAccountEmail(c, account->user.id, p.record.email, now); st) {
          moved.push_back(account->user.id);
          moved_emails.push_back(p.record.email);
        } else {
          refused.push_back(p.dn + ": " + st.error().message);
        }
      }
    });
    for (auto& r : refused)
      if (report.problems.size() < kProblemsKept) report.problems.push_back(std::move(r));
    report.emails_changed = moved.size();
    if (bus_ && !moved.empty()) bus_->Publish({.kind = bus::Event::Kind::kAccountChanged, .people = moved});
  }

  // 4. People, through the staff importer (the same checks and writes as a CSV import).
  std::vector<people::StaffRecord> records;
  records.reserve(found.size());
  for (const auto& p : found) records.push_back(p.record);
  people::StaffFields fields{.title = !config_.attr_title.empty(), .department = !config_.attr_department.empty(),
                             .office = !config_.attr_office.empty(), .phone = !config_.attr_phone.empty(),
                             .manager = !config_.attr_manager.empty()};
  people::ImportOptions import;
  import.dry_run = options.dry_run;
  import.import_valid_rows = true;  // one bad entry must not hold everyone else back
  import.mark_missing_alumni = config_.missing != "keep";
  import.deactivate_missing = config_.missing == "deactivate";
  import.missing_candidates = [&] {
    return db_.Read([&](agora::store::Connection& c) {
      return sso::store::ActiveLinkedUsers(c, kProvider, /*alumni_too=*/config_.missing == "deactivate");
    });
  };
  import.audit_action = options.dry_run ? "people.ldap_sync_dry_run" : "people.ldap_sync";
  import.progress = [&](size_t done, size_t total) { progress("people", done, total); };
  import.cancelled = options.cancelled;
  people::PeopleImporter importer(db_, ids_, clock_, admin_, bus_);
  auto imported = importer.ImportRecords(records, fields, import, actor);
  if (!imported) return imported.error();
  report.people = std::move(*imported);
  // An account whose address moved was changed, even if nothing else about it did.
  for (const auto& email : moved_emails) {
    auto& updated = report.people.updated_people;
    if (std::find(updated.begin(), updated.end(), email) != updated.end() || report.people.unchanged == 0) continue;
    --report.people.unchanged;
    ++report.people.updated;
    if (updated.size() < people::ImportReport::kListed) updated.push_back(email);
  }
  for (const auto& problem : report.people.problems)
    if (report.problems.size() < kProblemsKept && problem.line >= 1 && static_cast<size_t>(problem.line) <= found.size())
      report.problems.push_back(found[static_cast<size_t>(problem.line) - 1].dn + ": " +
                                (problem.field.empty() ? "" : problem.field + ": ") + problem.reason);
  if (options.dry_run) return report;

  // 5. Links: each entry to its account (new people, and entries whose account changed).
  for (size_t begin = 0; begin < found.size(); begin += people::PeopleImporter::kBatch) {
    size_t end = std::min(found.size(), begin + people::PeopleImporter::kBatch);
    db_.Write([&](agora::store::Connection& c) {
      const auto now = clock_.NowMs();
      for (size_t i = begin; i < end; ++i) {
        auto account = identity::FindAccountByEmail(c, found[i].record.email);
        if (!account) continue;  // a bad entry the importer left out
        auto link = links.find(found[i].subject);
        if (link != links.end() && link->second.user_id == account->id) continue;
        sso::store::SetLink(c, kProvider, found[i].subject, account->id, now);
      }
    });
  }

  // 6. Photos that changed since the last sync, page by page (never all in memory).
  if (photos_ && !config_.attr_photo.empty()) {
    links = db_.Read([&](agora::store::Connection& c) { return sso::store::LinksOf(c, kProvider); });
    size_t seen = 0;
    auto photo_search = (*client)->Search(
        config_.base_dn, config_.filter, {config_.attr_id, config_.attr_photo}, config_.page_size, [&](const Entry& e) {
          progress("photos", ++seen, found.size());
          const std::string& bytes = e.First(config_.attr_photo);
          if (bytes.empty()) return;
          auto link = links.find(SubjectOf(e, config_.attr_id));
          if (link == links.end()) return;
          std::string sha = crypto::ToHex(crypto::Sha256(bytes));
          if (sha == link->second.photo_sha) return;
          // jpegPhoto is JPEG by definition, thumbnailPhoto usually; the bytes say what they are.
          auto set = photos_->Set(link->second.user_id, media::SniffMime(bytes), bytes, link->second.user_id);
          if (!set) {
            ++report.photos_failed;
            if (report.problems.size() < kProblemsKept) report.problems.push_back(e.dn + ": photo: " + set.error().message);
          } else {
            ++report.photos_updated;
          }
          // Kept even for a photo that failed: the same bytes are not decoded again next time.
          db_.Write([&](agora::store::Connection& c) { sso::store::SetPhotoSha(c, kProvider, link->first, sha); });
        });
    if (!photo_search) return photo_search.error();
  }
  return report;
}

bool LdapSync::Due(std::int64_t interval_ms) {
  auto last = db_.Read([](agora::store::Connection& c) { return store::LastRealStart(c); });
  return !last || clock_.NowMs() - *last >= interval_ms;
}

std::vector<store::Run> LdapSync::RecentRuns(int limit) {
  return db_.Read([&](agora::store::Connection& c) { return store::RecentRuns(c, limit); });
}

bool LdapPasswords::Manages(Id user) {
  if (!config_.sign_in || config_.url.empty()) return false;
  return db_.Read([&](agora::store::Connection& c) { return sso::store::IsLinked(c, kProvider, user); });
}

Result<bool> LdapPasswords::CheckPassword(const identity::User& user, std::string_view password) {
  auto client = Client::Connect(config_);
  if (!client) return client.error();
  if (!config_.bind_dn.empty()) {
    auto bound = (*client)->Bind(config_.bind_dn, config_.bind_password);
    if (!bound) return bound.error();
    if (!*bound) return Error::Busy("the directory refused the service account (ldap.bind_dn)", 30);
  }
  std::string dn;
  const std::string filter = "(&" + config_.filter + "(" + config_.attr_email + "=" + EscapeFilterValue(user.email) + "))";
  auto searched = (*client)->Search(config_.base_dn, filter, {"1.1"}, 2, [&](const Entry& e) {
    if (dn.empty()) dn = e.dn;
  });
  if (!searched) return searched.error();
  if (dn.empty()) return false;  // no longer in the directory
  return (*client)->Bind(dn, std::string(password));
}

SyncRunner::SyncRunner(LdapSync& sync) : sync_(sync) {
  if (sync_.configured()) thread_ = std::thread([this] { Loop(); });
}

SyncRunner::~SyncRunner() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status SyncRunner::Start(bool dry_run, const identity::Actor& actor) {
  if (!sync_.configured()) return Error::Invalid("ldap.url", "no directory is configured (ldap.url)");
  {
    std::lock_guard lock(mu_);
    if (running_ || requested_) return Error::Conflict("a directory sync is already running");
    requested_ = std::pair{dry_run, actor};
    running_ = SyncProgress{"starting", 0, 0};
  }
  wake_.notify_all();
  return OkStatus();
}

std::optional<SyncProgress> SyncRunner::Running() const {
  std::lock_guard lock(mu_);
  return running_;
}

void SyncRunner::Loop() {
  // Low priority: a sync of a large directory never slows the answers people wait for.
  if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10) != 0) log::Warn("could not lower the directory sync's priority");
  const auto interval_ms = std::int64_t{sync_.config().sync_minutes} * 60 * 1000;
  std::unique_lock lock(mu_);
  // The first look soon after start (a directory never synced is due at once), then every 30 s.
  auto wait = std::chrono::seconds(2);
  while (!stopping_) {
    wake_.wait_for(lock, wait, [this] { return stopping_ || requested_.has_value(); });
    wait = std::chrono::seconds(30);
    if (stopping_) break;
    if (auto request = requested_) {
      requested_.reset();
      lock.unlock();
      RunOne(request->first, "admin", request->second);
      lock.lock();
      continue;
    }
    if (interval_ms <= 0) continue;
    lock.unlock();
    if (sync_.Due(interval_ms)) RunOne(false, "schedule", identity::Actor{});
    lock.lock();
  }
}

void SyncRunner::RunOne(bool dry_run, const std::string& started_by, const identity::Actor& actor) {
  SyncOptions options;
  options.dry_run = dry_run;
  options.started_by = started_by;
  options.progress = [this](const SyncProgress& p) {
    std::lock_guard lock(mu_);
    running_ = p;
  };
  options.cancelled = [this] {
    std::lock_guard lock(mu_);
    return stopping_;
  };
  {
    std::lock_guard lock(mu_);
    running_ = SyncProgress{"starting", 0, 0};
  }
  auto report = sync_.Run(options, actor);
  if (!report) log::Warn("directory sync failed", {{"error", report.error().message}});
  else
    log::Info("directory sync", {{"dry_run", dry_run ? "true" : "false"}, {"created", std::to_string(report->people.created)},
                                 {"updated", std::to_string(report->people.updated)},
                                 {"missing", std::to_string(report->people.marked_alumni)}});
  std::lock_guard lock(mu_);
  running_.reset();
}

}  // namespace agora::ldap
