#include "modules/identity/passwords.h"

#include <sodium.h>

#include <stdexcept>

#include "core/text.h"

namespace agora::identity {

PasswordHasher::PasswordHasher(std::string_view profile) {
  if (profile == "moderate") {
    opslimit_ = crypto_pwhash_OPSLIMIT_MODERATE;
    memlimit_ = crypto_pwhash_MEMLIMIT_MODERATE;
  } else if (profile == "sensitive") {
    opslimit_ = crypto_pwhash_OPSLIMIT_SENSITIVE;
    memlimit_ = crypto_pwhash_MEMLIMIT_SENSITIVE;
  } else if (profile == "minimum") {
    opslimit_ = crypto_pwhash_OPSLIMIT_MIN;
    memlimit_ = crypto_pwhash_MEMLIMIT_MIN;
  } else {
    opslimit_ = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    memlimit_ = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  }
  dummy_hash_ = Hash("agora-dummy-password");
}

std::string PasswordHasher::Hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), opslimit_, memlimit_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool PasswordHasher::Verify(std::string_view encoded_hash, std::string_view password) const {
  std::string h(encoded_hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(std::string_view encoded_hash) const {
  std::string h(encoded_hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), opslimit_, memlimit_) != 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) const { (void)Verify(dummy_hash_, password); }

Status ValidatePassword(std::string_view password, std::string_view field) {
  std::string f(field);
  if (!text::IsValidUtf8(password)) return Error::Invalid(f, f + " is not valid UTF-8");
  if (password.size() > 1024) return Error::Invalid(f, f + " must be at most 1024 bytes").Because("too_long", 1024);
  if (text::CodePoints(password) < 8) return Error::TooShort(f, 8);
  if (text::Trim(password).empty()) return Error::Invalid(f, f + " must not be only white space");
  return OkStatus();
}

}  // namespace agora::identity
