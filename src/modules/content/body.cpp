#include "modules/content/body.h"

#include <optional>
#include <unordered_map>

#include "core/markdown.h"
#include "core/text.h"
#include "modules/people/store.h"

namespace agora::content {

Result<std::string> CheckBody(std::string_view body, std::string_view field, size_t max, bool may_be_empty) {
  std::string_view t = text::Trim(body);
  if (t.empty() && !may_be_empty) return Error::Invalid(std::string(field), "must not be empty").Because("required");
  if (text::CodePoints(t) > max)
    return Error::Invalid(std::string(field), "must be at most " + std::to_string(max) + " characters")
        .Because("too_long", static_cast<std::int64_t>(max));
  return std::string(t);
}

RenderedBody RenderBody(agora::store::Connection& c, std::string_view body) {
  RenderedBody out;
  auto rendered = markdown::RenderPost(body, [&](const std::string& handle) -> std::optional<std::string> {
    auto subject = people::store::LoadSubject(c, std::nullopt, handle);
    if (!subject || !subject->account.active) return std::nullopt;
    bool seen = false;
    for (const auto& u : out.mentioned) seen = seen || u.id == subject->account.id;
    if (!seen) out.mentioned.push_back(subject->account);
    return "/people/" + subject->account.handle;
  });
  out.html = std::move(rendered.html);
  out.tags = std::move(rendered.tags);
  return out;
}

std::string NameMentions(agora::store::Connection& c, std::string html) {
  static constexpr std::string_view kOpen = "<a href=\"/people/";
  static constexpr std::string_view kClose = "</a>";
  if (html.find(kOpen) == std::string::npos) return html;  // the common case: no copy, no query
  std::unordered_map<std::string, std::optional<people::Card>> known;  // by handle as written
  std::string out;
  out.reserve(html.size() + 64);
  size_t at = 0;
  for (size_t open = html.find(kOpen); open != std::string::npos; open = html.find(kOpen, at)) {
    size_t handle_begin = open + kOpen.size();
    size_t quote = html.find("\">@", handle_begin);
    size_t close = quote == std::string::npos ? quote : html.find(kClose, quote);
    std::string handle = quote == std::string::npos ? "" : html.substr(handle_begin, quote - handle_begin);
    bool is_mention = !handle.empty() && close != std::string::npos &&
                      handle.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string::npos;
    if (!is_mention) {  // a link someone wrote to a profile, not a mention: as it was
      out.append(html, at, handle_begin - at);
      at = handle_begin;
      continue;
    }
    auto [it, fresh] = known.try_emplace(handle);
    if (fresh) it->second = people::store::CardByHandle(c, handle);
    out.append(html, at, open - at);
    if (it->second && !it->second->display_name.empty()) {
      const auto& card = *it->second;
      out += "<a href=\"/people/" + card.handle + "\" class=\"mention\" title=\"@" + card.handle + "\">" +
             text::HtmlEscape(card.display_name) + "</a>";
    } else {
      out.append(html, open, close + kClose.size() - open);  // gone since: the handle as written
    }
    at = close + kClose.size();
  }
  out.append(html, at);
  return out;
}

}  // namespace agora::content
