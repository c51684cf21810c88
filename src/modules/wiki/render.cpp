#include "modules/wiki/render.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <unordered_map>

#include "core/markdown.h"
#include "core/text.h"
#include "modules/content/body.h"
#include "modules/people/store.h"
#include "modules/wiki/store.h"
#include "modules/wiki/titles.h"
#include "modules/wiki/visibility.h"

namespace agora::wiki {

RenderedPage Render(agora::store::Connection& c, const Space& space, std::string_view body) {
  RenderedPage out;
  std::unordered_map<std::string, std::optional<Space>> spaces;  // by handle
  auto space_named = [&](const std::string& handle) -> std::optional<Space> {
    if (handle == space.handle) return space;
    auto it = spaces.find(handle);
    if (it == spaces.end()) it = spaces.emplace(handle, store::LoadSpaceByHandle(c, handle)).first;
    return it->second;
  };
  auto rendered = markdown::RenderPage(
      body,
      [&](const std::string& handle) -> std::optional<std::string> {
        auto subject = people::store::LoadSubject(c, std::nullopt, handle);
        if (!subject || !subject->account.active) return std::nullopt;
        bool seen = false;
        for (const auto& u : out.mentioned) seen = seen || u.id == subject->account.id;
        if (!seen) out.mentioned.push_back(subject->account);
        return "/people/" + subject->account.handle;
      },
      [&](const std::string& written) -> std::optional<std::string> {
        LinkTarget target = ParseTarget(written);
        const std::string fragment = target.section.empty() ? "" : "#" + markdown::HeadingId(target.section);
        if (target.title.empty()) return fragment.empty() ? std::nullopt : std::optional(fragment);  // [[#A heading]] of this page
        std::optional<Space> in = target.space.empty() ? std::optional<Space>(space) : space_named(target.space);
        if (!in) {  // "x:y" where no space is x: a title with a colon, here
          in = space;
          target.title = std::string(text::Trim(std::string_view(written).substr(0, written.find('#'))));
        }
        const std::string key = TitleKey(target.title);
        if (key.empty()) return std::nullopt;
        std::pair<Id, std::string> link{in->id, key};
        if (std::find(out.links.begin(), out.links.end(), link) == out.links.end()) out.links.push_back(link);
        const std::string base = "/wiki/" + in->handle + "/";
        if (auto page = store::PageNamed(c, in->id, key))
          if (auto ref = store::LoadRef(c, *page))
            return base + boost::urls::encode(ref->slug, boost::urls::unreserved_chars) + fragment;
        return base + boost::urls::encode(key, boost::urls::unreserved_chars) +
               "?create=" + boost::urls::encode(target.title, boost::urls::unreserved_chars);
      });
  out.html = std::move(rendered.html);
  out.tags = std::move(rendered.tags);
  for (auto& h : rendered.headings) out.toc.push_back({h.level, std::move(h.id), std::move(h.text)});
  return out;
}

namespace {
constexpr std::string_view kWikiLink = "<a href=\"/wiki/";
}  // namespace

bool LinksOtherSpaces(const Space& space, std::string_view html) {
  for (size_t open = html.find(kWikiLink); open != std::string_view::npos; open = html.find(kWikiLink, open + 1)) {
    const size_t begin = open + kWikiLink.size();
    const size_t slash = html.find('/', begin);
    if (slash == std::string_view::npos || html.substr(begin, slash - begin) != space.handle) return true;
  }
  return false;
}

std::string ForReader(agora::store::Connection& c, const content::Viewer& viewer, const Space& space, const std::string& html) {
  static constexpr std::string_view kOpen = kWikiLink;
  std::string out;
  size_t at = 0;
  std::unordered_map<std::string, bool> sees;  // by handle
  for (size_t open = html.find(kOpen); open != std::string::npos; open = html.find(kOpen, open + 1)) {
    size_t handle_begin = open + kOpen.size();
    size_t slash = html.find('/', handle_begin);
    size_t close_tag = html.find('>', handle_begin);
    size_t end = html.find("</a>", handle_begin);
    if (slash == std::string::npos || close_tag == std::string::npos || end == std::string::npos || slash > close_tag) continue;
    std::string handle = html.substr(handle_begin, slash - handle_begin);
    if (handle == space.handle) continue;
    auto it = sees.find(handle);
    if (it == sees.end()) it = sees.emplace(handle, static_cast<bool>(FindVisibleSpace(c, viewer, handle))).first;
    if (it->second) continue;
    out.append(html, at, open - at);
    out.append(html, close_tag + 1, end - close_tag - 1);  // the words (a [[link]]'s are plain text)
    at = end + 4;
    open = end;
  }
  if (at == 0) return content::NameMentions(c, html);
  out.append(html, at, std::string::npos);
  return content::NameMentions(c, std::move(out));
}

std::string TocJson(const std::vector<Heading>& toc) {
  boost::json::array a;
  for (const auto& h : toc) a.push_back(boost::json::array{h.level, h.id, h.text});
  return boost::json::serialize(a);
}

std::vector<Heading> ParseToc(std::string_view json) {
  std::vector<Heading> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.get_array()) {
    if (!e.is_array() || e.get_array().size() != 3) continue;
    const auto& a = e.get_array();
    if (!a[0].is_int64() || !a[1].is_string() || !a[2].is_string()) continue;
    out.push_back({static_cast<int>(a[0].get_int64()), std::string(a[1].get_string()), std::string(a[2].get_string())});
  }
  return out;
}

}  // namespace agora::wiki
