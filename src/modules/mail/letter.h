// How every mail Agora sends reads: a greeting, paragraphs, at most one button (a link in
// the plain-text part), a closing note, and a footer naming the organization with a link to
// the recipient's mail settings. Builds both alternatives from the same parts, HTML-escaped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/mail/message.h"

namespace agora::mail {

// What a renderer knows about the installation.
struct Context {
  std::string base_url;      // https://agora.example.com (no trailing slash)
  std::string organization;  // mail.organization (may be empty)
  // What mails call the site: "Acme on Agora", or "Agora".
  std::string SiteName() const { return organization.empty() ? "Agora" : organization + " on Agora"; }
};

struct Letter {
  std::string to_name = {}, to_address = {}, subject = {};
  std::string greeting = {};                 // "Hello Ana,"
  std::vector<std::string> paragraphs = {};  // plain text, escaped for HTML
  struct Action {
    std::string label, url;
  };
  std::optional<Action> action = std::nullopt;
  std::string note = {};  // after the button, smaller: "This link works once, for 7 days."
  // For mails people can turn off: the token of their unsubscribe link. The List-Unsubscribe
  // header gets the API address mail clients POST to (RFC 8058 one-click); the footer a page
  // that asks before it changes anything (a GET must not: mail scanners follow links).
  std::string unsubscribe_token = {};
};

// A letter to a person by name ("Hello Ana,").
Letter LetterTo(std::string name, std::string address, std::string subject);

Message Render(const Context& ctx, const Letter& letter);

}  // namespace agora::mail
