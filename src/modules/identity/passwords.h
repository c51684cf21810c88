// Password hashing with Argon2id (libsodium crypto_pwhash_str). The cost profile is set by
// `auth.password_hash`; a hash made with another profile still verifies, and NeedsRehash
// tells the caller to upgrade it on the next successful sign-in.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace agora::identity {

class PasswordHasher {
 public:
  // profile: "interactive" (default), "moderate", "sensitive", or "minimum" (tests).
  explicit PasswordHasher(std::string_view profile);
  std::string Hash(std::string_view password) const;
  bool Verify(std::string_view encoded_hash, std::string_view password) const;
  bool NeedsRehash(std::string_view encoded_hash) const;
  // Spends the time of one verification; used when the account does not exist so that
  // response time does not reveal which e-mail addresses have accounts.
  void VerifyDummy(std::string_view password) const;

 private:
  unsigned long long opslimit_;
  size_t memlimit_;
  std::string dummy_hash_;
};

// Password rules: 8 to 1024 bytes of valid UTF-8, not only white space. Error names `field`.
Status ValidatePassword(std::string_view password, std::string_view field);

}  // namespace agora::identity
