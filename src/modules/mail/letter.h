// How every mail Agora sends reads: a greeting, paragraphs, at most one button (a link in
// the plain-text part), a closing note, and a footer naming the organization with a link to
// the recipient's mail settings. Builds both alternatives from the same parts, HTML-escaped.
// A letter is written in its recipient's language (Letter::language): the renderers take
// their sentences from the server's catalogs (i18n/messages.h), the frame here too.
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
  // What mails call the site in `language`: "Acme on Agora", or "Agora".
  std::string SiteName(std::string_view language) const;
};

struct Letter {
  std::string language = "en";  // the recipient's (languages.h)
  std::string to_name = {}, to_address = {}, subject = {};  // greeted by name, or "Hello," without one
  std::vector<std::string> paragraphs = {};  // plain text, escaped for HTML
  struct Action {
    std::string label, url;
  };
  // A unified diff's lines ("@@ ...", "-old", "+new", " same"), shown after the paragraphs
  // in a fixed-width block, removed lines red and added green; then `after_diff`.
  std::vector<std::string> diff = {};
  std::string after_diff = {};
  std::optional<Action> action = std::nullopt;
  std::string note = {};  // after the button, smaller: "This link works once, for 7 days."
  // For mails people can turn off: the token of their unsubscribe link. The List-Unsubscribe
  // header gets the API address mail clients POST to (RFC 8058 one-click); the footer a page
  // that asks before it changes anything (a GET must not: mail scanners follow links).
  std::string unsubscribe_token = {};
};

// A letter to a person by name ("Hello Ana,"), in their language.
Letter LetterTo(std::string language, std::string name, std::string address);

Message Render(const Context& ctx, const Letter& letter);

}  // namespace agora::mail
