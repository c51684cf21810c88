#include "modules/content/body.h"

#include "core/markdown.h"
#include "core/text.h"
#include "modules/people/store.h"

namespace agora::content {

Result<std::string> CheckBody(std::string_view body, std::string_view field, size_t max, bool may_be_empty) {
  std::string_view t = text::Trim(body);
  if (t.empty() && !may_be_empty) return Error::Invalid(std::string(field), "must not be empty");
  if (text::CodePoints(t) > max)
    return Error::Invalid(std::string(field), "must be at most " + std::to_string(max) + " characters");
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

}  // namespace agora::content
