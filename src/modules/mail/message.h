// A mail as Agora writes it (plain text and HTML alternatives, UTF-8), and its encoding as
// an RFC 5322 message by GMime: headers encoded for any script (RFC 2047), bodies
// quoted-printable, CRLF line ends, a Message-ID and Date.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agora::mail {

struct Message {
  std::string to_name;
  std::string to_address;
  std::string subject;
  std::string text;  // the plain-text alternative
  std::string html;  // the HTML alternative (a whole document)
  // Further headers, e.g. List-Unsubscribe (RFC 8058).
  std::vector<std::pair<std::string, std::string>> headers;
};

// Encodes `m` from `from` ("Name <address>" or an address) at `now_ms`. `message_id` is the
// left part of its Message-ID (unique per mail); the right part is the From address's domain.
std::string Encode(const Message& m, std::string_view from, std::string_view message_id, std::int64_t now_ms);

// The address part of "Name <address>" (or the whole text when it has no angle brackets),
// for the SMTP envelope.
std::string AddressOf(std::string_view mailbox);

}  // namespace agora::mail
