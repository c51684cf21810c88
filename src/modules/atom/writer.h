// Atom feeds (RFC 4287) as text: what a feed says, written with every value escaped. Only the
// elements feed readers use: the feed's id, title, subtitle, updated, self and alternate links,
// generator; each entry's id, title, link, published, updated, authors, categories, summary and
// HTML content.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace agora::atom {

struct Person {
  std::string name;
  std::string uri;  // "" when none
};

struct Entry {
  std::string id;     // an IRI that never changes: "tag:agora.example.com,2026:blog_entry:123"
  std::string title;
  std::string url;    // where a person reads it
  std::int64_t published_ms = 0;
  std::int64_t updated_ms = 0;
  std::vector<Person> authors;
  std::vector<std::string> categories;
  std::string summary;       // plain text; "" for none
  std::string content_html;  // "" for none
};

struct Feed {
  std::string id;
  std::string title;
  std::string subtitle;
  std::string self_url;       // this feed's own address
  std::string alternate_url;  // the page it follows
  std::string base_url;       // the site's address, against which paths in entries' HTML resolve
  std::int64_t updated_ms = 0;  // the newest change of any entry (or the feed's own)
  std::vector<Entry> entries;
};

// The document, UTF-8, with its XML declaration: the head (the declaration and the feed's own
// elements), the entries, the end. In parts too, so that entries rendered once can be sent
// under a head made per request (a personal feed's self link holds its reader's token).
std::string Render(const Feed& feed);
std::string RenderHead(const Feed& feed);
void AppendEntries(std::string& out, const std::vector<Entry>& entries);
inline constexpr std::string_view kEnd = "</feed>\n";
// `text` with &, <, >, " and ' escaped, and characters XML 1.0 forbids dropped.
void AppendEscaped(std::string& out, std::string_view text);

// A tag URI (RFC 4151) for something of this site: "tag:HOST,2026:KEY", the year fixed so an
// id never changes. `base_url`: "https://agora.example.com".
std::string TagUri(std::string_view base_url, std::string_view key);

}  // namespace agora::atom
