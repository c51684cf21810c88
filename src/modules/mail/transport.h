// Where mail goes: an SMTP server through libcurl, or (no server configured) a folder of .eml
// files under the data directory. A transport is used by one thread (the mail worker).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/config.h"

namespace agora::mail {

struct SendResult {
  enum class Outcome { kSent, kTemporary, kPermanent };
  Outcome outcome = Outcome::kSent;
  std::string error;  // for admins: what the server or the system said (never a secret)
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Delivers the encoded message `bytes` to `to` (the envelope recipient).
  virtual SendResult Send(std::string_view to, const std::string& bytes, std::string_view id) = 0;
  // Where mail goes, for the admin page (which words it in the reader's language): "smtp"
  // (target: the URL without credentials; user: the SMTP user name, if any) or "folder"
  // (target: its path).
  struct Destination {
    std::string kind, target, user;
  };
  virtual Destination Where() const = 0;
  // The same in one English line, for the start-up banner and logs.
  std::string Describe() const;
};

// SMTP (smtp:// with STARTTLS when the server offers it, or required by mail.require_tls;
// smtps://), authenticating when a user name is set. Keeps its connection open between
// mails. A 5xx answer to the recipient or the message is permanent (the address is wrong);
// anything else (refused connection, 4xx, a rejected login) is temporary: the mail waits
// while an admin fixes the server or its settings.
std::unique_ptr<Transport> SmtpTransport(const MailConfig& config, std::string password);
// Writes each mail to `folder`/<id>.eml (created 0700: mails carry one-time links).
std::unique_ptr<Transport> FolderTransport(std::string folder);

}  // namespace agora::mail
