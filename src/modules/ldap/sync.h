// The staff directory from LDAP or Active Directory: reads every person under ldap.base_dn
// (paged), and changes people through the staff importer (people/importer.h), the one way
// people are created and updated in bulk: names, e-mail, title, department, office, phone,
// manager (the DN resolved to that person's e-mail), then photos that changed. Each entry is
// linked by its stable id (entryUUID, objectGUID) to its account, so an address changed in
// the directory moves with the person instead of making a new account. People the directory
// no longer lists (only those it brought) become alumni, are deactivated, or stay, by
// ldap.missing. Every run is recorded (directory_syncs) with its report; a dry run changes
// nothing and says what a sync would do.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/object.hpp>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/admin_service.h"
#include "modules/ldap/store.h"
#include "modules/identity/service.h"
#include "modules/people/importer.h"
#include "modules/people/photos.h"
#include "store/database.h"

namespace agora::ldap {

inline constexpr const char* kProvider = "ldap";

struct SyncProgress {
  std::string stage;  // reading, people, managers, photos
  size_t done = 0;
  size_t total = 0;   // 0: not known yet
};

struct SyncOptions {
  bool dry_run = false;
  std::string started_by = "cli";  // cli, schedule, admin (recorded with the run)
  std::function<void(const SyncProgress&)> progress = nullptr;
  std::function<bool()> cancelled = nullptr;
};

struct SyncReport {
  bool dry_run = false;
  size_t entries = 0;         // people the directory listed
  size_t without_email = 0;   // left out: no e-mail address
  size_t emails_changed = 0;  // accounts whose address the directory changed
  size_t photos_updated = 0;
  size_t photos_failed = 0;
  people::ImportReport people;           // created, updated, unchanged, bad, missing (+ who)
  std::vector<std::string> problems;     // "dn: reason", the first 200
  std::int64_t started_at = 0, finished_at = 0;
};
boost::json::object ReportJson(const SyncReport& r);

class LdapSync {
 public:
  // `photos` may be null (photos are then not synced).
  LdapSync(agora::store::Database& db, IdGenerator& ids, const Clock& clock, identity::AdminService& admin,
           people::PhotoService* photos, const LdapConfig& config, bus::Bus* bus = nullptr);

  // Checks the [ldap] settings and reads bind_password_file; errors name the key.
  static Status Validate(LdapConfig& config);
  bool configured() const { return !config_.url.empty(); }
  const LdapConfig& config() const { return config_; }

  // One sync (409 while another, from any node or the CLI, started within the hour).
  Result<SyncReport> Run(const SyncOptions& options, const identity::Actor& actor);
  // Whether the last real sync (this node's or another's) started `interval_ms` ago or more.
  bool Due(std::int64_t interval_ms);
  std::vector<store::Run> RecentRuns(int limit);

 private:
  Result<SyncReport> Sync(const SyncOptions& options, const identity::Actor& actor);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  identity::AdminService& admin_;
  people::PhotoService* photos_;
  LdapConfig config_;
  bus::Bus* bus_;
};

// LDAP sign-in (ldap.sign_in): people the directory brought sign in with its password. The
// person's entry is found by e-mail with the service account, then a bind with their DN and
// password decides.
class LdapPasswords : public identity::PasswordDirectory {
 public:
  LdapPasswords(agora::store::Database& db, const LdapConfig& config) : db_(db), config_(config) {}
  bool Manages(Id user) override;
  Result<bool> CheckPassword(const identity::User& user, std::string_view password) override;

 private:
  agora::store::Database& db_;
  LdapConfig config_;
};

// Runs syncs in the server: on the schedule (ldap.sync_minutes) and when an admin asks, one
// at a time, on a thread of its own at low priority; the admin page reads its progress.
class SyncRunner {
 public:
  explicit SyncRunner(LdapSync& sync);
  ~SyncRunner();  // stops and joins (a sync in progress is cancelled between batches)

  // Starts a sync now; 409 when one is running.
  Status Start(bool dry_run, const identity::Actor& actor);
  std::optional<SyncProgress> Running() const;

 private:
  void Loop();
  void RunOne(bool dry_run, const std::string& started_by, const identity::Actor& actor);

  LdapSync& sync_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::optional<SyncProgress> running_;
  std::optional<std::pair<bool, identity::Actor>> requested_;
  std::thread thread_;
};

}  // namespace agora::ldap
