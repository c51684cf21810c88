#include "modules/mail/letter.h"

#include "core/text.h"
#include "i18n/messages.h"

namespace agora::mail {

std::string Context::SiteName(std::string_view language) const {
  return organization.empty() ? "Agora" : messages::Format(language, "mail.site_name", {{"organization", organization}});
}

Letter LetterTo(std::string language, std::string name, std::string address) {
  return Letter{.language = std::move(language), .to_name = std::move(name), .to_address = std::move(address)};
}

Message Render(const Context& ctx, const Letter& l) {
  Message m{l.to_name, l.to_address, l.subject, {}, {}, {}};
  const std::string& lang = l.language;
  const std::string greeting = l.to_name.empty() ? messages::Format(lang, "mail.greeting_unnamed")
                                                 : messages::Format(lang, "mail.greeting", {{"name", l.to_name}});
  const std::string site = ctx.SiteName(lang);
  const std::string settings = ctx.base_url + "/settings";
  const std::string unsubscribe_page = l.unsubscribe_token.empty() ? "" : ctx.base_url + "/unsubscribe#token=" + l.unsubscribe_token;

  std::string& t = m.text;
  t += greeting + "\n\n";
  for (const auto& p : l.paragraphs) t += p + "\n\n";
  if (!l.diff.empty()) {
    for (const auto& line : l.diff) t += line + "\n";
    t += "\n";
  }
  if (!l.after_diff.empty()) t += l.after_diff + "\n\n";
  if (l.action) t += l.action->label + ":\n" + l.action->url + "\n\n";
  if (!l.note.empty()) t += l.note + "\n\n";
  t += "-- \n" + site + ": " + ctx.base_url + "/\n";
  t += messages::Format(lang, "mail.settings_text") + ": " + settings + "\n";
  if (!unsubscribe_page.empty()) t += messages::Format(lang, "mail.stop_text") + ": " + unsubscribe_page + "\n";

  // Inline styles and a table-free single column: what the common clients (Outlook
  // included) render alike.
  std::string& h = m.html;
  h += "<!DOCTYPE html><html lang=\"" + text::HtmlEscape(lang) + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">";
  h += "<title>" + text::HtmlEscape(l.subject) + "</title></head>";
  h += "<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328\">";
  h += "<div style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px\">";
  h += "<p style=\"margin:0 0 16px;font-size:13px;color:#57606a\">" + text::HtmlEscape(site) + "</p>";
  h += "<p style=\"margin:0 0 16px;font-size:16px\">" + text::HtmlEscape(greeting) + "</p>";
  for (const auto& p : l.paragraphs) h += "<p style=\"margin:0 0 16px;font-size:16px;line-height:1.5\">" + text::HtmlEscape(p) + "</p>";
  if (!l.diff.empty()) {
    // Colour and a sign on each line: the sign says it where colour does not show.
    h += "<div style=\"margin:0 0 16px;border:1px solid #d0d7de;border-radius:6px;overflow:hidden;"
         "font-family:SFMono-Regular,Consolas,Menlo,monospace;font-size:13px;line-height:1.45\">";
    for (const auto& line : l.diff) {
      const char op = line.empty() ? ' ' : line[0];
      const char* style = op == '+' ? "background:#dafbe1;color:#116329"
                          : op == '-' ? "background:#ffebe9;color:#82071e"
                          : op == '@' ? "background:#ddf4ff;color:#57606a"
                                      : "color:#1f2328";
      h += std::string("<div style=\"white-space:pre-wrap;word-break:break-word;padding:0 8px;") + style + "\">" +
           text::HtmlEscape(line.empty() ? " " : line) + "</div>";
    }
    h += "</div>";
  }
  if (!l.after_diff.empty()) h += "<p style=\"margin:0 0 16px;font-size:14px;color:#57606a\">" + text::HtmlEscape(l.after_diff) + "</p>";
  if (l.action)
    h += "<p style=\"margin:24px 0\"><a href=\"" + text::HtmlEscape(l.action->url) +
         "\" style=\"display:inline-block;background:#0b57d0;color:#ffffff;text-decoration:none;padding:12px 20px;"
         "border-radius:6px;font-size:16px\">" + text::HtmlEscape(l.action->label) + "</a></p>";
  if (!l.note.empty()) h += "<p style=\"margin:0 0 16px;font-size:14px;color:#57606a\">" + text::HtmlEscape(l.note) + "</p>";
  h += "</div><p style=\"max-width:560px;margin:16px auto 0;font-size:12px;color:#57606a\"><a href=\"" + text::HtmlEscape(ctx.base_url) +
       "/\" style=\"color:#57606a\">" + text::HtmlEscape(site) + "</a> · <a href=\"" + text::HtmlEscape(settings) +
       "\" style=\"color:#57606a\">" + text::HtmlEscape(messages::Format(lang, "mail.settings_link")) + "</a>";
  if (!unsubscribe_page.empty())
    h += " · <a href=\"" + text::HtmlEscape(unsubscribe_page) + "\" style=\"color:#57606a\">" +
         text::HtmlEscape(messages::Format(lang, "mail.unsubscribe_link")) + "</a>";
  h += "</p></body></html>";

  if (!l.unsubscribe_token.empty()) {
    m.headers.emplace_back("List-Unsubscribe", "<" + ctx.base_url + "/api/v1/mail/unsubscribe/" + l.unsubscribe_token + ">");
    m.headers.emplace_back("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  }
  m.headers.emplace_back("Content-Language", lang);
  return m;
}

}  // namespace agora::mail
