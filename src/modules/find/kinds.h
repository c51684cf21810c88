// The kinds search finds, each described by its own module (posts/search.cpp,
// people/search.cpp, ...): how the index loads its documents (search::Source), and what a
// result shows to one reader, checked once more against the audience rule when it is shown
// (an index a moment behind a change never shows what the reader may no longer read).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/ids.h"
#include "modules/content/model.h"
#include "search/indexer.h"
#include "store/database.h"

namespace agora::find {

// What one result shows.
struct Shown {
  std::string title;     // a person's name, a community's or a topic's title; "" for a post or comment
  std::string subtitle;  // a person's job title and department; a community's handle
  std::string text;      // the snippet is cut from it
  std::string url;       // the web client's page of it
  Id author_id = 0;      // 0: none (a person, a community)
  std::optional<Id> community_id;
  std::int64_t created_at = 0;  // unix ms; 0: not dated
};

struct Kind {
  search::Source source;
  // What the viewer sees of the document with this id; nullopt when they may not read it.
  std::function<std::optional<Shown>(agora::store::Connection&, const content::Viewer&, Id)> show;
};

// Every kind, by name ("post", "topic", "comment", "community", "person"), in the order
// facets list them.
using Kinds = std::map<std::string, Kind>;
Kinds AllKinds();  // all_kinds.cpp

// A Source over the content rows of one kind (walked by id), loading each through `load`.
search::Source ContentSource(const std::string& kind,
                             std::function<std::optional<search::Document>(agora::store::Connection&, Id)> load);
// A Source over the rows of a table with an `id` column (a constant name, not input).
search::Source TableSource(const std::string& table,
                           std::function<std::optional<search::Document>(agora::store::Connection&, Id)> load);

}  // namespace agora::find
