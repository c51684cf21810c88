// Configuration: defaults, then a TOML file, then AGORA_* environment variables, then
// command-line flags (applied by the caller). Unknown keys in the file or unknown AGORA_*
// variables are errors that name the key: a misspelt setting must not be silently ignored.
// The full list of keys is in docs/operations.md and `Settings()` below.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agora {

struct HttpConfig {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free port
  int threads = 0;                        // io threads; 0 = one per core
  int worker_threads = 2;                 // pool for password hashing (sign-in must never wait for images)
  int image_threads = 1;                  // pool for image decoding, at low CPU priority
  int image_jobs_per_person = 2;          // one person's image uploads in progress (429 beyond)
  int image_jobs_queued = 16;             // everyone's image uploads in progress (503 beyond)
  int max_connections_per_ip = 1000;      // open connections per client address; 0 = no cap
  std::int64_t max_header_bytes = 16 * 1024;
  std::int64_t max_body_bytes = 1024 * 1024;  // default per route; routes may set their own
  int read_timeout_seconds = 15;   // whole request (header and body) must arrive within this
  int idle_timeout_seconds = 75;   // keep-alive connection with no request
  int drain_timeout_seconds = 15;  // graceful shutdown: wait this long for requests in flight
  std::string public_url;          // e.g. https://agora.example.com; default http://<listen>
  std::string web_root;            // built web client; default: web/dist beside the binary's repo
  bool trust_proxy = false;        // take client IP from X-Forwarded-For (behind a reverse proxy)
  bool access_log = true;
  std::string metrics_token;       // lets other hosts read /metrics; empty: loopback clients only
  int writes_per_minute = 600;  // per signed-in person, sustained (0: no limit)
  int write_burst = 120;        // writes a person may make at once
  int stream_recheck_seconds = 30;  // how often an open stream's credential is checked again
};

struct AuthConfig {
  int session_ttl_hours = 24 * 14;  // idle lifetime, extended while in use
  bool cookie_secure = false;       // set Secure on cookies (serve over HTTPS)
  // Argon2id cost: "interactive" (libsodium's, ~64 MiB), "moderate", "sensitive", or
  // "minimum" (tests only: fast, still Argon2id).
  std::string password_hash = "interactive";
  int login_free_attempts = 5;       // failures per account before delays start
  int login_free_attempts_ip = 50;   // failures per client IP before delays start
  bool require_two_factor_for_admins = false;  // admin routes refuse admins without two-factor sign-in
  // false: nobody signs in with a password here (single sign-on only), except the account
  // of break_glass_admin, kept for the day the identity provider is down.
  bool local_passwords = true;
  std::string break_glass_admin;  // e-mail of that one admin account
};

// One OpenID Connect provider people may sign in with ("Sign in with <name>"): a table
// [oidc.<id>] in the configuration file (modules/sso, docs/operations.md "Single sign-on").
struct OidcProviderConfig {
  std::string id;             // the table's name: a-z, 0-9 and '-'; in the callback URL
  std::string name;           // on the button; default: the id
  std::string issuer;         // https://idp.example.com/realms/staff (discovery from it)
  std::string client_id;
  std::string client_secret;
  std::string client_secret_file;  // read the secret from this file instead
  std::string scopes = "openid email profile";
  // Claims read from the ID token (and the userinfo endpoint when the token lacks them).
  std::string claim_email = "email";
  std::string claim_name = "name";
  std::string claim_title;       // e.g. "job_title"; empty: not taken from the provider
  std::string claim_department;
  std::string claim_manager;     // the manager's e-mail address
  bool trust_email = false;      // take the e-mail without email_verified (Entra ID sends none)
  bool create_accounts = true;   // create an account at the first sign-in of someone unknown
  std::string member_domains;    // "example.com, example.se": other addresses become guests
  std::string guest_claim;       // "employee_type=contractor": people with this claim become guests
  std::string allowed_hosts;     // further hosts the server may call (besides the issuer's)
};

struct DatabaseConfig {
  // Empty: the embedded SQLite file data_dir/agora.db. Or a PostgreSQL connection string:
  // postgresql://agora@db.example.com/agora, or libpq's "host=/run/postgresql dbname=agora".
  std::string url;
  int statement_timeout_ms = 30000;  // PostgreSQL cancels a statement running longer
};

// Outgoing mail (modules/mail). With no smtp_url, mail is written to data_dir/mail/ as .eml
// files, so a trial install works; the server says so when it starts.
struct MailConfig {
  std::string smtp_url;       // smtp://host:587 (STARTTLS when offered), smtps://host:465
  bool require_tls = false;   // smtp://: refuse to send unless STARTTLS succeeds
  std::string from = "Agora <agora@localhost>";  // the From: of every mail
  std::string username;       // SMTP authentication, if the server asks for it
  std::string password;
  std::string password_file;  // read the password from this file instead (kept out of the config)
  std::string organization;   // the organization's name, in every mail (empty: mails say "Agora")
  int retry_seconds = 60;     // first retry after a temporary failure; doubles up to 6 hours
  int max_attempts = 12;      // then the mail is marked failed (admins see it)
  int poll_seconds = 5;       // how often a node looks for mail queued by others
  int digest_hour = 8;        // digests go at this hour of each person's morning (their time zone)
  int digest_check_seconds = 300;  // how often a node looks for digests that are due
};

// The staff directory from LDAP or Active Directory (modules/ldap): a sync on a schedule and
// on demand, and optionally sign-in with the directory password.
struct LdapConfig {
  std::string url;              // ldaps://dc.example.com or ldap://host:389; empty: no directory
  bool start_tls = false;       // ldap://: upgrade with StartTLS (refuse if it fails)
  std::string tls_ca_file;      // CA certificates to check the server's certificate with
  std::string bind_dn;          // the service account the sync reads with
  std::string bind_password;
  std::string bind_password_file;
  std::string base_dn;          // where people are: ou=people,dc=example,dc=com
  std::string filter = "(objectClass=inetOrgPerson)";
  int page_size = 500;          // paged results (Active Directory answers at most 1000 a page)
  std::string attr_id = "entryUUID";  // stable identity of an entry (AD: objectGUID)
  std::string attr_email = "mail";
  std::string attr_name = "displayName";  // falls back to cn
  std::string attr_title = "title";
  std::string attr_department = "departmentNumber";  // AD: department
  std::string attr_office = "physicalDeliveryOfficeName";
  std::string attr_phone = "telephoneNumber";
  std::string attr_manager = "manager";  // a DN
  std::string attr_photo = "jpegPhoto";  // AD: thumbnailPhoto; empty: no photos
  int sync_minutes = 0;         // sync this often (0: only on demand)
  std::string missing = "alumni";  // people no longer in the directory: alumni, deactivate or keep
  bool sign_in = false;         // people from the directory sign in with its password (simple bind)
};

struct Config {
  std::string data_dir = "./data";
  LdapConfig ldap;
  MailConfig mail;
  DatabaseConfig database;
  int node_id = 0;  // 0..1023, unique per node in a cluster (id generation)
  std::string log_level = "info";
  HttpConfig http;
  AuthConfig auth;
  std::vector<OidcProviderConfig> oidc;
};

struct SettingInfo {
  std::string key;   // "http.listen"
  std::string env;   // "AGORA_HTTP_LISTEN"
  std::string help;
};
const std::vector<SettingInfo>& Settings();

// Applies a TOML file on top of `config`. Errors name the file and key.
Status ApplyConfigFile(Config& config, const std::string& path);
// The same for TOML text already in memory (`name` stands for the file in errors).
Status ApplyConfigText(Config& config, std::string_view text, const std::string& name);
// Applies AGORA_* variables from `environ`-style entries ("NAME=value").
Status ApplyEnvironment(Config& config, char** environ_entries);
// Applies one setting by key ("http.listen") from text; used for flags and by the above.
Status ApplySetting(Config& config, const std::string& key, const std::string& value);

}  // namespace agora
