// A connection to an LDAP directory (OpenLDAP's libldap): LDAP v3, no referrals chased,
// TLS certificates checked (ldaps:// or StartTLS, with the configured CA file), simple bind,
// paged subtree searches (RFC 2696) so that a directory of any size streams through in
// pages. Blocking; one thread at a time per Client.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/result.h"

namespace agora::ldap {

struct Entry {
  std::string dn;
  std::map<std::string, std::vector<std::string>> values;  // attribute name (lower case) -> values (bytes)
  // The first value of an attribute, or "".
  const std::string& First(const std::string& attribute) const;
};

class Client {
 public:
  // Connects (and StartTLS when configured); no bind yet.
  static Result<std::unique_ptr<Client>> Connect(const LdapConfig& config);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Simple bind. An error for a server that cannot be reached; false for wrong credentials.
  Result<bool> Bind(const std::string& dn, const std::string& password);
  // Every entry under `base` matching `filter`, page by page (`each` is called per entry);
  // only the named attributes are asked for.
  Status Search(const std::string& base, const std::string& filter, const std::vector<std::string>& attributes,
                int page_size, const std::function<void(const Entry&)>& each);

 private:
  explicit Client(void* ld) : ld_(ld) {}
  void* ld_;  // LDAP*
};

// Escapes a value for use inside a search filter (RFC 4515): * ( ) \ and NUL.
std::string EscapeFilterValue(std::string_view value);
// A DN in a form two spellings of the same DN share: lower case (any script), no spaces
// around "," "=" "+".
std::string NormalDn(std::string_view dn);

}  // namespace agora::ldap
