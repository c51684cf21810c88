#include "modules/ldap/client.h"

#include <ldap.h>

#include <cstring>

#include "core/text.h"

namespace agora::ldap {
namespace {

LDAP* Handle(void* p) { return static_cast<LDAP*>(p); }

Error Unreachable(const std::string& what, int rc) {
  return Error::Busy("the directory " + what + ": " + ldap_err2string(rc), 30);
}

}  // namespace

const std::string& Entry::First(const std::string& attribute) const {
  static const std::string kEmpty;
  auto it = values.find(text::AsciiLower(attribute));
  return it == values.end() || it->second.empty() ? kEmpty : it->second.front();
}

Result<std::unique_ptr<Client>> Client::Connect(const LdapConfig& config) {
  LDAP* ld = nullptr;
  int rc = ldap_initialize(&ld, config.url.c_str());
  if (rc != LDAP_SUCCESS) return Error::Invalid("ldap.url", "ldap.url is not an LDAP URL: " + std::string(ldap_err2string(rc)));
  std::unique_ptr<Client> client(new Client(ld));
  int version = LDAP_VERSION3;
  ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  timeval network{5, 0}, operation{60, 0};
  ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &network);
  ldap_set_option(ld, LDAP_OPT_TIMEOUT, &operation);
  int demand = LDAP_OPT_X_TLS_DEMAND;
  ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
  if (!config.tls_ca_file.empty()) ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, config.tls_ca_file.c_str());
  int new_context = 0;  // apply this handle's TLS options (libldap reads them into a new context)
  ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &new_context);
  if (config.start_tls) {
    rc = ldap_start_tls_s(ld, nullptr, nullptr);
    if (rc != LDAP_SUCCESS) return Unreachable("refused StartTLS (" + config.url + ")", rc);
  }
  return client;
}

Client::~Client() { ldap_unbind_ext_s(Handle(ld_), nullptr, nullptr); }

Result<bool> Client::Bind(const std::string& dn, const std::string& password) {
  // An empty password would be an anonymous bind that "succeeds" (RFC 4513 5.1.2).
  if (password.empty()) return false;
  berval cred{static_cast<ber_len_t>(password.size()), const_cast<char*>(password.data())};
  int rc = ldap_sasl_bind_s(Handle(ld_), dn.c_str(), LDAP_SASL_SIMPLE, &cred, nullptr, nullptr, nullptr);
  if (rc == LDAP_SUCCESS) return true;
  if (rc == LDAP_INVALID_CREDENTIALS || rc == LDAP_INVALID_DN_SYNTAX || rc == LDAP_NO_SUCH_OBJECT) return false;
  return Unreachable("did not accept the bind", rc);
}

Status Client::Search(const std::string& base, const std::string& filter, const std::vector<std::string>& attributes,
                      int page_size, const std::function<void(const Entry&)>& each) {
  LDAP* ld = Handle(ld_);
  std::vector<char*> attrs;
  for (const auto& a : attributes)
    if (!a.empty()) attrs.push_back(const_cast<char*>(a.c_str()));
  attrs.push_back(nullptr);
  berval cookie{0, nullptr};
  do {
    LDAPControl* page = nullptr;
    int rc = ldap_create_page_control(ld, page_size, cookie.bv_val ? &cookie : nullptr, 0, &page);
    if (rc != LDAP_SUCCESS) return Unreachable("paged search could not start", rc);
    LDAPControl* controls[] = {page, nullptr};
    LDAPMessage* result = nullptr;
    timeval limit{300, 0};
    rc = ldap_search_ext_s(ld, base.c_str(), LDAP_SCOPE_SUBTREE, filter.c_str(), attrs.data(), 0, controls, nullptr,
                           &limit, LDAP_NO_LIMIT, &result);
    ldap_control_free(page);
    ber_memfree(cookie.bv_val);
    cookie = {0, nullptr};
    if (rc != LDAP_SUCCESS && rc != LDAP_PARTIAL_RESULTS) {
      ldap_msgfree(result);
      return Unreachable("search failed (base " + base + ", filter " + filter + ")", rc);
    }
    for (LDAPMessage* e = ldap_first_entry(ld, result); e; e = ldap_next_entry(ld, e)) {
      Entry entry;
      char* dn = ldap_get_dn(ld, e);
      entry.dn = dn ? dn : "";
      ldap_memfree(dn);
      BerElement* ber = nullptr;
      for (char* a = ldap_first_attribute(ld, e, &ber); a; a = ldap_next_attribute(ld, e, ber)) {
        auto& out = entry.values[text::AsciiLower(a)];
        if (berval** vals = ldap_get_values_len(ld, e, a)) {
          for (int i = 0; vals[i]; ++i) out.emplace_back(vals[i]->bv_val, vals[i]->bv_len);
          ldap_value_free_len(vals);
        }
        ldap_memfree(a);
      }
      ber_free(ber, 0);
      each(entry);
    }
    LDAPControl** returned = nullptr;
    int err = LDAP_SUCCESS;
    ldap_parse_result(ld, result, &err, nullptr, nullptr, nullptr, &returned, 0);
    if (LDAPControl* response = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, returned, nullptr)) {
      ber_int_t estimate = 0;
      ldap_parse_pageresponse_control(ld, response, &estimate, &cookie);
    }
    ldap_controls_free(returned);
    ldap_msgfree(result);
  } while (cookie.bv_val && cookie.bv_len > 0);
  ber_memfree(cookie.bv_val);
  return OkStatus();
}

std::string EscapeFilterValue(std::string_view value) {
  std::string out;
  static const char* kHex = "0123456789abcdef";
  for (unsigned char ch : value) {
    if (ch == '*' || ch == '(' || ch == ')' || ch == '\\' || ch == 0) {
      out += '\\';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out;
}

std::string NormalDn(std::string_view dn) {
  std::string out;
  // Attribute values compare without case in the DNs people and managers are named by
  // (cn, uid, ou, dc: caseIgnoreMatch), whatever the script.
  const std::string lower = text::IsValidUtf8(dn) ? text::Lower(dn) : std::string(dn);
  for (size_t i = 0; i < lower.size(); ++i) {
    char ch = lower[i];
    if (ch == ' ' && (out.empty() || out.back() == ',' || out.back() == '=' || out.back() == '+')) continue;
    if ((ch == ',' || ch == '=' || ch == '+') && !out.empty() && out.back() == ' ' && (out.size() < 2 || out[out.size() - 2] != '\\'))
      out.pop_back();
    out += ch;
  }
  return out;
}

}  // namespace agora::ldap
