#include "modules/atom/writer.h"

#include "core/clock.h"

namespace agora::atom {
namespace {

// Control characters other than tab, newline and carriage return are not XML 1.0.
bool Allowed(unsigned char c) { return c >= 0x20 || c == '\t' || c == '\n' || c == '\r'; }

void Element(std::string& out, std::string_view name, std::string_view text) {
  out += '<';
  out += name;
  out += '>';
  AppendEscaped(out, text);
  out += "</";
  out += name;
  out += ">\n";
}

void Link(std::string& out, std::string_view rel, std::string_view type, std::string_view href) {
  out += "<link rel=\"";
  out += rel;
  out += '"';
  if (!type.empty()) {
    out += " type=\"";
    out += type;
    out += '"';
  }
  out += " href=\"";
  AppendEscaped(out, href);
  out += "\"/>\n";
}

}  // namespace

void AppendEscaped(std::string& out, std::string_view text) {
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (Allowed(static_cast<unsigned char>(ch))) out += ch;
    }
  }
}

std::string TagUri(std::string_view base_url, std::string_view key) {
  std::string_view host = base_url;
  if (auto scheme = host.find("://"); scheme != std::string_view::npos) host.remove_prefix(scheme + 3);
  if (auto slash = host.find('/'); slash != std::string_view::npos) host = host.substr(0, slash);
  // A port is not part of a tag URI's authority (a domain name or an e-mail address).
  if (auto colon = host.rfind(':'); colon != std::string_view::npos && host.find(']') == std::string_view::npos)
    host = host.substr(0, colon);
  std::string out = "tag:";
  out += host.empty() ? "localhost" : host;
  out += ",2026:";
  out += key;
  return out;
}

std::string RenderHead(const Feed& feed) {
  std::string out;
  out.reserve(1024);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"";
  // The entries' HTML links within the site by path ("/tags/x"): a reader resolves them
  // against this.
  if (!feed.base_url.empty()) {
    out += " xml:base=\"";
    AppendEscaped(out, feed.base_url);
    out += "/\"";
  }
  out += ">\n";
  Element(out, "id", feed.id);
  Element(out, "title", feed.title);
  if (!feed.subtitle.empty()) Element(out, "subtitle", feed.subtitle);
  Element(out, "updated", FormatRfc3339(feed.updated_ms));
  Link(out, "self", "application/atom+xml", feed.self_url);
  Link(out, "alternate", "text/html", feed.alternate_url);
  out += "<generator>Agora</generator>\n";
  return out;
}

void AppendEntries(std::string& out, const std::vector<Entry>& entries) {
  for (const auto& e : entries) {
    out += "<entry>\n";
    Element(out, "id", e.id);
    Element(out, "title", e.title);
    Link(out, "alternate", "text/html", e.url);
    Element(out, "published", FormatRfc3339(e.published_ms));
    Element(out, "updated", FormatRfc3339(e.updated_ms));
    for (const auto& a : e.authors) {
      out += "<author>\n";
      Element(out, "name", a.name);
      if (!a.uri.empty()) Element(out, "uri", a.uri);
      out += "</author>\n";
    }
    for (const auto& c : e.categories) {
      out += "<category term=\"";
      AppendEscaped(out, c);
      out += "\"/>\n";
    }
    if (!e.summary.empty()) Element(out, "summary", e.summary);
    if (!e.content_html.empty()) {
      out += "<content type=\"html\">";
      AppendEscaped(out, e.content_html);
      out += "</content>\n";
    }
    out += "</entry>\n";
  }
}

std::string Render(const Feed& feed) {
  std::string out = RenderHead(feed);
  out.reserve(out.size() + feed.entries.size() * 2048);
  AppendEntries(out, feed.entries);
  out += kEnd;
  return out;
}

}  // namespace agora::atom
