#include "modules/sso/provider.h"

#include <boost/json/parse.hpp>
#include <boost/url/url.hpp>

#include "core/crypto.h"
#include "core/log.h"
#include "core/text.h"

namespace agora::sso {
namespace {

std::vector<std::string> AllowedOrigins(const OidcProviderConfig& c) {
  std::vector<std::string> out{OriginOf(c.issuer)};
  std::string hosts = c.allowed_hosts;
  for (char& ch : hosts)
    if (ch == ',') ch = ' ';
  size_t i = 0;
  while (i < hosts.size()) {
    size_t j = hosts.find(' ', i);
    if (j == std::string::npos) j = hosts.size();
    std::string h = hosts.substr(i, j - i);
    if (!h.empty()) out.push_back(OriginOf(h.find("://") == std::string::npos ? "https://" + h : h));
    i = j + 1;
  }
  return out;
}

std::string Str(const boost::json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<boost::json::object> JsonObject(const FetchResult& r, const std::string& what) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object()) return Error::Busy("the identity provider's " + what + " is not a JSON object", 30);
  return std::move(v.as_object());
}

}  // namespace

std::string CodeChallenge(const std::string& code_verifier) {
  return crypto::Base64UrlEncode(crypto::Sha256(code_verifier));
}

Provider::Provider(OidcProviderConfig config, std::string client_secret, const Clock& clock)
    : config_(std::move(config)),
      client_secret_(std::move(client_secret)),
      clock_(clock),
      allowed_(AllowedOrigins(config_)),
      fetcher_(allowed_) {}

Result<Discovery> Provider::Discover() {
  const auto now = clock_.NowMs();
  {
    std::lock_guard lock(mu_);
    if (discovery_ && now - discovered_at_ < kDiscoveryTtlMs) return *discovery_;
  }
  auto r = fetcher_.Get(config_.issuer + "/.well-known/openid-configuration");
  if (!r) return r.error();
  if (r->status != 200)
    return Error::Busy("the identity provider's discovery document answered HTTP " + std::to_string(r->status), 30);
  auto o = JsonObject(*r, "discovery document");
  if (!o) return o.error();
  Discovery d{Str(*o, "issuer"),   Str(*o, "authorization_endpoint"), Str(*o, "token_endpoint"),
              Str(*o, "userinfo_endpoint"), Str(*o, "jwks_uri"), Str(*o, "end_session_endpoint")};
  // OpenID Connect Discovery 4.3: the document must name the issuer it was fetched from.
  if (d.issuer != config_.issuer)
    return Error::Busy("the identity provider's discovery document names the issuer \"" + d.issuer + "\", not \"" +
                           config_.issuer + "\"",
                       30);
  if (d.authorization_endpoint.empty() || d.token_endpoint.empty() || d.jwks_uri.empty())
    return Error::Busy("the identity provider's discovery document lacks an endpoint", 30);
  if (const auto* methods = o->if_contains("token_endpoint_auth_methods_supported"); methods && methods->is_array()) {
    bool basic = false, post = false;
    for (const auto& m : methods->as_array()) {
      if (m == "client_secret_basic") basic = true;
      if (m == "client_secret_post") post = true;
    }
    d.basic_auth = basic || !post;
  }
  std::lock_guard lock(mu_);
  discovery_ = d;
  discovered_at_ = now;
  return d;
}

std::string Provider::AuthorizationUrl(const Discovery& d, const std::string& redirect_uri, const std::string& state,
                                       const std::string& nonce, const std::string& code_verifier) const {
  boost::urls::url u(d.authorization_endpoint);
  auto params = u.params();
  params.append({"response_type", "code"});
  params.append({"client_id", config_.client_id});
  params.append({"redirect_uri", redirect_uri});
  params.append({"scope", config_.scopes});
  params.append({"state", state});
  params.append({"nonce", nonce});
  params.append({"code_challenge", CodeChallenge(code_verifier)});
  params.append({"code_challenge_method", "S256"});
  return std::string(u.buffer());
}

Result<Tokens> Provider::ExchangeCode(const Discovery& d, const std::string& code, const std::string& redirect_uri,
                                      const std::string& code_verifier) {
  std::vector<std::pair<std::string, std::string>> form = {
      {"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect_uri}, {"code_verifier", code_verifier}};
  Result<FetchResult> r = Error::Internal("");
  if (d.basic_auth) {
    // RFC 6749 2.3.1: the client id and secret are form-encoded before Basic encoding.
    r = fetcher_.PostForm(d.token_endpoint, form, UrlEscape(config_.client_id), UrlEscape(client_secret_));
  } else {
    form.emplace_back("client_id", config_.client_id);
    form.emplace_back("client_secret", client_secret_);
    r = fetcher_.PostForm(d.token_endpoint, form);
  }
  if (!r) return r.error();
  auto o = JsonObject(*r, "token endpoint's answer");
  if (!o) return o.error();
  if (r->status != 200) {
    // The provider's error code (invalid_grant, invalid_client) is safe to log; its description may echo input.
    std::string code_name = Str(*o, "error");
    log::Warn("identity provider refused the code", {{"provider", config_.id}, {"status", std::to_string(r->status)}, {"error", code_name}});
    return Error::Unauthenticated("the identity provider refused the sign-in (" + (code_name.empty() ? "HTTP " + std::to_string(r->status) : code_name) + ")");
  }
  Tokens t{Str(*o, "id_token"), Str(*o, "access_token")};
  if (t.id_token.empty()) return Error::Unauthenticated("the identity provider sent no ID token");
  return t;
}

Result<std::shared_ptr<const KeySet>> Provider::Keys(const Discovery& d, const std::optional<std::string>& missing_kid) {
  const auto now = clock_.NowMs();
  {
    std::lock_guard lock(mu_);
    const bool stale = now - keys_fetched_at_ >= kKeysTtlMs;
    const bool known_missing = missing_kid && still_missing_kid_ == missing_kid && now - keys_fetched_at_ < kMissingKidMs;
    if (keys_ && !stale && (!missing_kid || known_missing)) return keys_;
  }
  auto r = fetcher_.Get(d.jwks_uri);
  if (!r) return r.error();
  if (r->status != 200) return Error::Busy("the identity provider's keys answered HTTP " + std::to_string(r->status), 30);
  auto keys = KeySet::Parse(r->body);
  if (!keys) return keys.error();
  std::lock_guard lock(mu_);
  keys_ = *keys;
  keys_fetched_at_ = now;
  still_missing_kid_.reset();
  if (missing_kid && !keys_->HasKid(*missing_kid)) still_missing_kid_ = missing_kid;
  return keys_;
}

Result<boost::json::object> Provider::Claims(const Discovery& d, const Tokens& tokens, const std::string& nonce) {
  IdTokenCheck check{config_.issuer, config_.client_id, nonce, clock_.NowMs() / 1000};
  auto keys = Keys(d, std::nullopt);
  if (!keys) return keys.error();
  std::optional<std::string> unknown_kid;
  auto claims = VerifyIdToken(tokens.id_token, **keys, check, &unknown_kid);
  if (!claims && unknown_kid) {
    keys = Keys(d, unknown_kid);  // the provider may have rotated its keys
    if (!keys) return keys.error();
    claims = VerifyIdToken(tokens.id_token, **keys, check);
  }
  if (!claims) return claims.error();
  // Claims the token lacks (many providers put only sub in it) come from userinfo.
  bool lacking = false;
  for (const std::string* name : {&config_.claim_email, &config_.claim_name, &config_.claim_title,
                                  &config_.claim_department, &config_.claim_manager})
    if (!name->empty() && !claims->contains(*name)) lacking = true;
  if (lacking && !d.userinfo_endpoint.empty() && !tokens.access_token.empty()) {
    auto r = fetcher_.Get(d.userinfo_endpoint, tokens.access_token);
    if (r && r->status == 200) {
      if (auto info = JsonObject(*r, "userinfo"); info && Str(*info, "sub") == Str(*claims, "sub")) {
        for (const auto& [k, v] : *info)
          if (!claims->contains(k)) (*claims)[k] = v;
      }
    }
  }
  return claims;
}

}  // namespace agora::sso
