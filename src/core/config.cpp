#include "core/config.h"

#include <charconv>
#include <functional>
#include <toml++/toml.h>

namespace agora {
namespace {

using Setter = std::function<std::string(Config&, const std::string&)>;  // returns error text

struct Setting {
  SettingInfo info;
  Setter set;
};

std::string ParseInt(const std::string& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  std::int64_t x = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size()) return "must be an integer";
  if (x < lo || x > hi) return "must be between " + std::to_string(lo) + " and " + std::to_string(hi);
  out = x;
  return {};
}


Setter Int(std::function<void(Config&, std::int64_t)> assign, std::int64_t lo, std::int64_t hi) {
  return [=](Config& c, const std::string& v) {
    std::int64_t x = 0;
    auto err = ParseInt(v, lo, hi, x);
    if (err.empty()) assign(c, x);
    return err;
  };
}

Setter Bool(std::function<void(Config&, bool)> assign) {
  return [=](Config& c, const std::string& v) -> std::string {
    if (v == "true" || v == "1") { assign(c, true); return {}; }
    if (v == "false" || v == "0") { assign(c, false); return {}; }
    return "must be true or false";
  };
}

Setter Str(std::function<std::string(Config&, const std::string&)> assign) { return assign; }

std::string ValidListen(const std::string& v) {
  auto colon = v.rfind(':');
  if (colon == std::string::npos || colon == 0) return "must be host:port";
  std::int64_t port = 0;
  auto err = ParseInt(v.substr(colon + 1), 0, 65535, port);
  return err.empty() ? std::string{} : "port " + err;
}

const std::vector<Setting>& Table() {
  static const std::vector<Setting> kTable = {
      {{"data_dir", "AGORA_DATA_DIR", "directory holding the database and uploads"},
       Str([](Config& c, const std::string& v) { c.data_dir = v; return v.empty() ? "must not be empty" : ""; })},
      {{"auth.require_two_factor_for_admins", "AGORA_AUTH_REQUIRE_TWO_FACTOR_FOR_ADMINS",
        "admins must turn on two-factor sign-in before they can use admin pages and routes"},
       Bool([](Config& c, bool v) { c.auth.require_two_factor_for_admins = v; })},
      {{"database.url", "AGORA_DATABASE_URL", "PostgreSQL connection string; empty: SQLite in data_dir"},
       Str([](Config& c, const std::string& v) -> std::string {
         c.database.url = v;
         if (v.empty() || v.starts_with("postgresql://") || v.starts_with("postgres://") || v.find('=') != std::string::npos)
           return {};
         return "must be empty (SQLite in data_dir) or a PostgreSQL connection string: postgresql://user@host/db or "
                "\"host=/run/postgresql dbname=agora\"";
       })},
      {{"database.statement_timeout_ms", "AGORA_DATABASE_STATEMENT_TIMEOUT_MS", "PostgreSQL: cancel a statement running longer"},
       Int([](Config& c, std::int64_t v) { c.database.statement_timeout_ms = static_cast<int>(v); }, 100, 3600000)},
      {{"node_id", "AGORA_NODE_ID", "node number 0..1023, unique per node"},
       Int([](Config& c, std::int64_t v) { c.node_id = static_cast<int>(v); }, 0, 1023)},
      {{"log_level", "AGORA_LOG_LEVEL", "trace, debug, info, warn, error"},
       Str([](Config& c, const std::string& v) -> std::string {
         c.log_level = v;
         for (auto l : {"trace", "debug", "info", "warn", "error", "off"})
           if (v == l) return {};
         return "must be one of trace, debug, info, warn, error, off";
       })},
      {{"http.listen", "AGORA_HTTP_LISTEN", "address and port to serve on"},
       Str([](Config& c, const std::string& v) { c.http.listen = v; return ValidListen(v); })},
      {{"http.threads", "AGORA_HTTP_THREADS", "io threads; 0 = one per core (four per core on PostgreSQL)"},
       Int([](Config& c, std::int64_t v) { c.http.threads = static_cast<int>(v); }, 0, 256)},
      {{"http.worker_threads", "AGORA_HTTP_WORKER_THREADS", "threads hashing passwords (sign-in, password changes)"},
       Int([](Config& c, std::int64_t v) { c.http.worker_threads = static_cast<int>(v); }, 1, 256)},
      {{"http.image_threads", "AGORA_HTTP_IMAGE_THREADS", "threads decoding uploaded images, at low CPU priority"},
       Int([](Config& c, std::int64_t v) { c.http.image_threads = static_cast<int>(v); }, 1, 256)},
      {{"http.image_jobs_per_person", "AGORA_HTTP_IMAGE_JOBS_PER_PERSON", "image uploads one person may have in progress (429 beyond)"},
       Int([](Config& c, std::int64_t v) { c.http.image_jobs_per_person = static_cast<int>(v); }, 1, 1000)},
      {{"http.image_jobs_queued", "AGORA_HTTP_IMAGE_JOBS_QUEUED", "image uploads in progress for everyone together (503 beyond)"},
       Int([](Config& c, std::int64_t v) { c.http.image_jobs_queued = static_cast<int>(v); }, 1, 100000)},
      {{"http.max_connections_per_ip", "AGORA_HTTP_MAX_CONNECTIONS_PER_IP", "open connections per client address; 0 = no cap (not applied with trust_proxy)"},
       Int([](Config& c, std::int64_t v) { c.http.max_connections_per_ip = static_cast<int>(v); }, 0, 1'000'000)},
      {{"http.max_header_bytes", "AGORA_HTTP_MAX_HEADER_BYTES", "largest request header (431 beyond)"},
       Int([](Config& c, std::int64_t v) { c.http.max_header_bytes = v; }, 1024, 1 << 20)},
      {{"http.max_body_bytes", "AGORA_HTTP_MAX_BODY_BYTES", "default largest request body (413 beyond)"},
       Int([](Config& c, std::int64_t v) { c.http.max_body_bytes = v; }, 1024, std::int64_t{1} << 34)},
      {{"http.read_timeout_seconds", "AGORA_HTTP_READ_TIMEOUT_SECONDS", "time allowed to send one request"},
       Int([](Config& c, std::int64_t v) { c.http.read_timeout_seconds = static_cast<int>(v); }, 1, 3600)},
      {{"http.idle_timeout_seconds", "AGORA_HTTP_IDLE_TIMEOUT_SECONDS", "keep-alive idle time"},
       Int([](Config& c, std::int64_t v) { c.http.idle_timeout_seconds = static_cast<int>(v); }, 1, 3600)},
      {{"http.drain_timeout_seconds", "AGORA_HTTP_DRAIN_TIMEOUT_SECONDS", "shutdown grace period"},
       Int([](Config& c, std::int64_t v) { c.http.drain_timeout_seconds = static_cast<int>(v); }, 0, 3600)},
      {{"http.public_url", "AGORA_HTTP_PUBLIC_URL", "URL people use to reach Agora"},
       Str([](Config& c, const std::string& v) -> std::string {
         c.http.public_url = v;
         if (!v.empty() && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
           return "must start with http:// or https://";
         while (!c.http.public_url.empty() && c.http.public_url.back() == '/') c.http.public_url.pop_back();
         return {};
       })},
      {{"http.web_root", "AGORA_HTTP_WEB_ROOT", "directory of the built web client"},
       Str([](Config& c, const std::string& v) { c.http.web_root = v; return ""; })},
      {{"http.trust_proxy", "AGORA_HTTP_TRUST_PROXY", "use X-Forwarded-For for the client address"},
       Bool([](Config& c, bool v) { c.http.trust_proxy = v; })},
      {{"http.metrics_token", "AGORA_HTTP_METRICS_TOKEN", "bearer token that lets other hosts read /metrics (empty: loopback only)"},
       Str([](Config& c, const std::string& v) { c.http.metrics_token = v; return v.empty() || v.size() >= 16 ? "" : "must be at least 16 characters"; })},
      {{"http.access_log", "AGORA_HTTP_ACCESS_LOG", "log one JSON line per request"},
       Bool([](Config& c, bool v) { c.http.access_log = v; })},
      {{"http.writes_per_minute", "AGORA_HTTP_WRITES_PER_MINUTE", "writes per signed-in person per minute, sustained; 0 = no limit"},
       Int([](Config& c, std::int64_t v) { c.http.writes_per_minute = static_cast<int>(v); }, 0, 1'000'000)},
      {{"http.write_burst", "AGORA_HTTP_WRITE_BURST", "writes a person may make at once before the per-minute rate applies"},
       Int([](Config& c, std::int64_t v) { c.http.write_burst = static_cast<int>(v); }, 1, 1'000'000)},
      {{"mail.smtp_url", "AGORA_MAIL_SMTP_URL", "SMTP server: smtp://host:587 or smtps://host:465 (empty: write mail to data_dir/mail)"},
       Str([](Config& c, const std::string& v) -> std::string {
         c.mail.smtp_url = v;
         if (v.empty() || v.starts_with("smtp://") || v.starts_with("smtps://")) return {};
         return "must be empty or start with smtp:// or smtps://";
       })},
      {{"mail.require_tls", "AGORA_MAIL_REQUIRE_TLS", "smtp://: send only over STARTTLS"},
       Bool([](Config& c, bool v) { c.mail.require_tls = v; })},
      {{"mail.from", "AGORA_MAIL_FROM", "the From: address of every mail, e.g. \"Agora <agora@example.com>\""},
       Str([](Config& c, const std::string& v) -> std::string {
         c.mail.from = v;
         return v.find('@') == std::string::npos ? "must contain an e-mail address" : "";
       })},
      {{"mail.username", "AGORA_MAIL_USERNAME", "SMTP user name"},
       Str([](Config& c, const std::string& v) { c.mail.username = v; return ""; })},
      {{"mail.password", "AGORA_MAIL_PASSWORD", "SMTP password (or mail.password_file)"},
       Str([](Config& c, const std::string& v) { c.mail.password = v; return ""; })},
      {{"mail.password_file", "AGORA_MAIL_PASSWORD_FILE", "file holding the SMTP password"},
       Str([](Config& c, const std::string& v) { c.mail.password_file = v; return ""; })},
      {{"mail.organization", "AGORA_MAIL_ORGANIZATION", "the organization's name in mails"},
       Str([](Config& c, const std::string& v) -> std::string {
         c.mail.organization = v;
         return v.size() > 100 ? "must be at most 100 characters" : "";
       })},
      {{"mail.retry_seconds", "AGORA_MAIL_RETRY_SECONDS", "first retry after a temporary failure (doubles up to 6 hours)"},
       Int([](Config& c, std::int64_t v) { c.mail.retry_seconds = static_cast<int>(v); }, 1, 86400)},
      {{"mail.max_attempts", "AGORA_MAIL_MAX_ATTEMPTS", "attempts before a mail is marked failed"},
       Int([](Config& c, std::int64_t v) { c.mail.max_attempts = static_cast<int>(v); }, 1, 100)},
      {{"mail.digest_hour", "AGORA_MAIL_DIGEST_HOUR", "hour (0-23, in each person's time zone) when digests go"},
       Int([](Config& c, std::int64_t v) { c.mail.digest_hour = static_cast<int>(v); }, 0, 23)},
      {{"mail.digest_check_seconds", "AGORA_MAIL_DIGEST_CHECK_SECONDS", "how often a node looks for digests that are due"},
       Int([](Config& c, std::int64_t v) { c.mail.digest_check_seconds = static_cast<int>(v); }, 1, 86400)},
      {{"mail.poll_seconds", "AGORA_MAIL_POLL_SECONDS", "how often a node looks for mail other nodes queued"},
       Int([](Config& c, std::int64_t v) { c.mail.poll_seconds = static_cast<int>(v); }, 1, 3600)},
      {{"http.stream_recheck_seconds", "AGORA_HTTP_STREAM_RECHECK_SECONDS",
        "how often an open live stream's credential is checked again (sign-outs and role changes made elsewhere)"},
       Int([](Config& c, std::int64_t v) { c.http.stream_recheck_seconds = static_cast<int>(v); }, 1, 3600)},
      {{"auth.session_ttl_hours", "AGORA_AUTH_SESSION_TTL_HOURS", "idle lifetime of a sign-in"},
       Int([](Config& c, std::int64_t v) { c.auth.session_ttl_hours = static_cast<int>(v); }, 1, 24 * 365)},
      {{"auth.cookie_secure", "AGORA_AUTH_COOKIE_SECURE", "mark cookies Secure (HTTPS only)"},
       Bool([](Config& c, bool v) { c.auth.cookie_secure = v; })},
      {{"auth.password_hash", "AGORA_AUTH_PASSWORD_HASH", "Argon2id cost: interactive, moderate, sensitive"},
       Str([](Config& c, const std::string& v) -> std::string {
         c.auth.password_hash = v;
         for (auto l : {"interactive", "moderate", "sensitive", "minimum"})
           if (v == l) return {};
         return "must be one of interactive, moderate, sensitive, minimum";
       })},
      {{"auth.local_passwords", "AGORA_AUTH_LOCAL_PASSWORDS",
        "false: sign-in only through single sign-on, except the break_glass_admin account"},
       Bool([](Config& c, bool v) { c.auth.local_passwords = v; })},
      {{"auth.break_glass_admin", "AGORA_AUTH_BREAK_GLASS_ADMIN",
        "e-mail of the one admin who may still sign in with a password when local_passwords is false"},
       Str([](Config& c, const std::string& v) { c.auth.break_glass_admin = v; return std::string{}; })},
      {{"ldap.url", "AGORA_LDAP_URL", "LDAP server: ldaps://host or ldap://host:389; empty: no directory sync"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.url = v; if (v.empty() || v.rfind("ldap://", 0) == 0 || v.rfind("ldaps://", 0) == 0) return {}; return "must start with ldap:// or ldaps://"; })},
      {{"ldap.start_tls", "AGORA_LDAP_START_TLS", "ldap://: upgrade the connection with StartTLS"},
       Bool([](Config& c, bool v) { c.ldap.start_tls = v; })},
      {{"ldap.tls_ca_file", "AGORA_LDAP_TLS_CA_FILE", "CA certificates the LDAP server's certificate is checked with"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.tls_ca_file = v; return std::string{}; })},
      {{"ldap.bind_dn", "AGORA_LDAP_BIND_DN", "the service account the directory sync reads with"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.bind_dn = v; return std::string{}; })},
      {{"ldap.bind_password", "AGORA_LDAP_BIND_PASSWORD", "its password"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.bind_password = v; return std::string{}; })},
      {{"ldap.bind_password_file", "AGORA_LDAP_BIND_PASSWORD_FILE", "a file holding its password"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.bind_password_file = v; return std::string{}; })},
      {{"ldap.base_dn", "AGORA_LDAP_BASE_DN", "where the people are (ou=people,dc=example,dc=com)"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.base_dn = v; return std::string{}; })},
      {{"ldap.filter", "AGORA_LDAP_FILTER", "which entries are people"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.filter = v; return std::string{}; })},
      {{"ldap.attr_id", "AGORA_LDAP_ATTR_ID", "attribute with an entry's stable id (AD: objectGUID)"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.attr_id = v; return std::string{}; })},
      {{"ldap.attr_email", "AGORA_LDAP_ATTR_EMAIL", "attribute with the e-mail address"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.attr_email = v; return std::string{}; })},
      {{"ldap.attr_name", "AGORA_LDAP_ATTR_NAME", "attribute with the display name"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.attr_name = v; return std::string{}; })},
      {{"ldap.attr_title", "AGORA_LDAP_ATTR_TITLE", "attribute with the job title"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.attr_title = v; return std::string{}; })},
      {{"ldap.attr_department", "AGORA_LDAP_ATTR_DEPARTMENT", "attribute with the department"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.attr_department = v; return std::string{}; })},
      {{"ldap.attr_office", "AGORA_LDAP_ATTR_OFFICE", "attribute with the office"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.attr_office = v; return std::string{}; })},
      {{"ldap.attr_phone", "AGORA_LDAP_ATTR_PHONE", "attribute with the phone number"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.attr_phone = v; return std::string{}; })},
      {{"ldap.attr_manager", "AGORA_LDAP_ATTR_MANAGER", "attribute with the manager's DN"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.attr_manager = v; return std::string{}; })},
      {{"ldap.attr_photo", "AGORA_LDAP_ATTR_PHOTO", "attribute with the photo (AD: thumbnailPhoto); empty: none"},
       Str([](Config& c, const std::string& v) -> std::string { c.ldap.attr_photo = v; return std::string{}; })},
      {{"ldap.page_size", "AGORA_LDAP_PAGE_SIZE", "entries per page of a directory search"},
       Int([](Config& c, std::int64_t v) { c.ldap.page_size = static_cast<int>(v); }, 1, 100000)},
      {{"ldap.sync_minutes", "AGORA_LDAP_SYNC_MINUTES", "sync the directory this often; 0: only on demand"},
       Int([](Config& c, std::int64_t v) { c.ldap.sync_minutes = static_cast<int>(v); }, 0, 525600)},
      {{"ldap.missing", "AGORA_LDAP_MISSING", "people no longer in the directory become: alumni, deactivate or keep"},
       Str([](Config& c, const std::string& v) -> std::string {
         c.ldap.missing = v;
         return v == "alumni" || v == "deactivate" || v == "keep" ? "" : "must be alumni, deactivate or keep";
       })},
      {{"ldap.sign_in", "AGORA_LDAP_SIGN_IN", "people from the directory sign in with its password"},
       Bool([](Config& c, bool v) { c.ldap.sign_in = v; })},
      {{"auth.login_free_attempts", "AGORA_AUTH_LOGIN_FREE_ATTEMPTS", "failed sign-ins per account before delays"},
       Int([](Config& c, std::int64_t v) { c.auth.login_free_attempts = static_cast<int>(v); }, 1, 1000)},
      {{"auth.login_free_attempts_ip", "AGORA_AUTH_LOGIN_FREE_ATTEMPTS_IP", "failed sign-ins per IP before delays"},
       Int([](Config& c, std::int64_t v) { c.auth.login_free_attempts_ip = static_cast<int>(v); }, 1, 100000)},
  };
  return kTable;
}

// Settings of one OpenID Connect provider: "oidc.<id>.<field>".
using ProviderSetter = std::function<std::string(OidcProviderConfig&, const std::string&)>;

ProviderSetter ProviderStr(std::string OidcProviderConfig::*field) {
  return [field](OidcProviderConfig& p, const std::string& v) { p.*field = v; return std::string{}; };
}
ProviderSetter ProviderBool(bool OidcProviderConfig::*field) {
  return [field](OidcProviderConfig& p, const std::string& v) -> std::string {
    if (v == "true" || v == "1") { p.*field = true; return {}; }
    if (v == "false" || v == "0") { p.*field = false; return {}; }
    return "must be true or false";
  };
}

const std::vector<std::pair<std::string, ProviderSetter>>& ProviderFields() {
  using P = OidcProviderConfig;
  static const std::vector<std::pair<std::string, ProviderSetter>> kFields = {
      {"name", ProviderStr(&P::name)},
      {"issuer", [](P& p, const std::string& v) -> std::string {
         p.issuer = v;
         while (!p.issuer.empty() && p.issuer.back() == '/') p.issuer.pop_back();
         if (v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0) return "must be an https:// URL";
         return {};
       }},
      {"client_id", ProviderStr(&P::client_id)},
      {"client_secret", ProviderStr(&P::client_secret)},
      {"client_secret_file", ProviderStr(&P::client_secret_file)},
      {"scopes", ProviderStr(&P::scopes)},
      {"claim_email", ProviderStr(&P::claim_email)},
      {"claim_name", ProviderStr(&P::claim_name)},
      {"claim_title", ProviderStr(&P::claim_title)},
      {"claim_department", ProviderStr(&P::claim_department)},
      {"claim_manager", ProviderStr(&P::claim_manager)},
      {"trust_email", ProviderBool(&P::trust_email)},
      {"create_accounts", ProviderBool(&P::create_accounts)},
      {"member_domains", ProviderStr(&P::member_domains)},
      {"guest_claim", [](P& p, const std::string& v) -> std::string {
         p.guest_claim = v;
         if (!v.empty() && (v.find('=') == std::string::npos || v.front() == '=')) return "must be claim=value";
         return {};
       }},
      {"allowed_hosts", ProviderStr(&P::allowed_hosts)},
  };
  return kFields;
}

bool ValidProviderId(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char ch : id)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  return true;
}

// "oidc.<id>.<field>" = value; an error text, or empty.
std::string ApplyProviderSetting(Config& config, const std::string& key, const std::string& value) {
  auto dot = key.find('.', 5);
  if (dot == std::string::npos) return "unknown configuration key '" + key + "'; providers are [oidc.<id>] tables";
  std::string id = key.substr(5, dot - 5), field = key.substr(dot + 1);
  if (!ValidProviderId(id)) return "'" + key + "': the provider id must be 1-32 of a-z, 0-9 and '-'";
  const ProviderSetter* set = nullptr;
  for (const auto& [name, setter] : ProviderFields())
    if (name == field) set = &setter;
  if (!set) return "unknown configuration key '" + key + "'";
  OidcProviderConfig* provider = nullptr;
  for (auto& p : config.oidc)
    if (p.id == id) provider = &p;
  if (!provider) {
    config.oidc.push_back({});
    provider = &config.oidc.back();
    provider->id = id;
  }
  auto err = (*set)(*provider, value);
  return err.empty() ? err : "'" + key + "' " + err;
}

const Setting* Find(const std::string& key) {
  for (const auto& s : Table())
    if (s.info.key == key) return &s;
  return nullptr;
}

std::string TomlValueText(const toml::node& n, bool& ok) {
  ok = true;
  if (auto s = n.value<std::string>(); s && n.is_string()) return *s;
  if (n.is_integer()) return std::to_string(*n.value<std::int64_t>());
  if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
  ok = false;
  return {};
}

Status Walk(Config& config, const toml::table& table, const std::string& prefix, const std::string& path) {
  for (const auto& [k, node] : table) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (auto* sub = node.as_table()) {
      // Settings are at most two levels deep ("http.listen"): a deeper table is a mistake,
      // and walking it without a bound let a crafted file exhaust the stack (found by the
      // config fuzzer: thousands of nested tables).
      // [oidc.<id>] tables are the one exception: one table per identity provider.
      if (!prefix.empty() && prefix != "oidc") return Error::Invalid(key, path + ": unknown configuration key '" + key + "'");
      auto st = Walk(config, *sub, key, path);
      if (!st) return st;
      continue;
    }
    if (key.rfind("oidc.", 0) == 0) {
      bool ok = false;
      std::string text = TomlValueText(node, ok);
      if (!ok) return Error::Invalid(key, path + ": '" + key + "' must be a string, integer or boolean");
      if (auto err = ApplyProviderSetting(config, key, text); !err.empty()) return Error::Invalid(key, path + ": " + err);
      continue;
    }
    const Setting* s = Find(key);
    if (!s) return Error::Invalid(key, path + ": unknown configuration key '" + key + "'");
    bool ok = false;
    std::string text = TomlValueText(node, ok);
    if (!ok) return Error::Invalid(key, path + ": '" + key + "' must be a string, integer or boolean");
    auto err = s->set(config, text);
    if (!err.empty()) return Error::Invalid(key, path + ": '" + key + "' " + err);
  }
  return OkStatus();
}

}  // namespace

const std::vector<SettingInfo>& Settings() {
  static const std::vector<SettingInfo> kInfos = [] {
    std::vector<SettingInfo> v;
    for (const auto& s : Table()) v.push_back(s.info);
    return v;
  }();
  return kInfos;
}

Status ApplySetting(Config& config, const std::string& key, const std::string& value) {
  if (key.rfind("oidc.", 0) == 0) {
    if (auto err = ApplyProviderSetting(config, key, value); !err.empty()) return Error::Invalid(key, err);
    return OkStatus();
  }
  const Setting* s = Find(key);
  if (!s) return Error::Invalid(key, "unknown configuration key '" + key + "'");
  auto err = s->set(config, value);
  if (!err.empty()) return Error::Invalid(key, "'" + key + "' " + err);
  return OkStatus();
}

Status ApplyConfigFile(Config& config, const std::string& path) {
  toml::table parsed;
  try {
    parsed = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error::Invalid("config", path + ":" + std::to_string(e.source().begin.line) + ": " +
                                        std::string(e.description()));
  }
  return Walk(config, parsed, "", path);
}

Status ApplyConfigText(Config& config, std::string_view text, const std::string& name) {
  toml::table parsed;
  try {
    parsed = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    return Error::Invalid("config", name + ":" + std::to_string(e.source().begin.line) + ": " +
                                        std::string(e.description()));
  }
  return Walk(config, parsed, "", name);
}

Status ApplyEnvironment(Config& config, char** environ_entries) {
  for (char** e = environ_entries; e && *e; ++e) {
    std::string entry(*e);
    if (entry.rfind("AGORA_", 0) != 0) continue;
    auto eq = entry.find('=');
    std::string name = entry.substr(0, eq), value = eq == std::string::npos ? "" : entry.substr(eq + 1);
    const Setting* found = nullptr;
    for (const auto& s : Table())
      if (s.info.env == name) found = &s;
    if (!found) return Error::Invalid(name, "unknown environment variable " + name);
    auto err = found->set(config, value);
    if (!err.empty()) return Error::Invalid(name, name + " " + err);
  }
  return OkStatus();
}

}  // namespace agora
