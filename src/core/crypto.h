// Randomness and hashing from libsodium: secret tokens (256-bit, URL-safe), SHA-256 of
// tokens for storage (a database leak must not yield usable credentials), constant-time
// comparison. Call InitCrypto() once before anything else (main does).
#pragma once

#include <string>
#include <string_view>

namespace agora::crypto {

void InitCrypto();
// `bytes` random bytes as unpadded base64url.
std::string RandomToken(size_t bytes = 32);
// Raw 32-byte SHA-256 digest (as a std::string of bytes).
std::string Sha256(std::string_view data);
std::string ToHex(std::string_view bytes);
bool ConstantTimeEquals(std::string_view a, std::string_view b);
// Base64url without padding, for opaque cursors.
std::string Base64UrlEncode(std::string_view bytes);
bool Base64UrlDecode(std::string_view text, std::string& out);

}  // namespace agora::crypto
