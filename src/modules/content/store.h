// SQL for what every content kind shares: the content row, readers of restricted content,
// hashtags, mentions, the edit history and the counters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/content/model.h"
#include "store/database.h"

namespace agora::content::store {

using agora::store::Connection;

void Insert(Connection& c, const ContentHead& head);
std::optional<ContentHead> LoadHead(Connection& c, Id id);
// Deletes the row and, by cascade, everything that hangs off it.
void Delete(Connection& c, Id id);
void MarkEdited(Connection& c, Id id, std::int64_t at);
void AddToCounts(Connection& c, Id id, std::int64_t comments, std::int64_t reactions, std::int64_t shares);

bool IsReader(Connection& c, Id content_id, Id person_id);
// The audience rule's question for `community` content (its members' table is the
// communities module's; the rule lives here, once).
bool IsActiveMember(Connection& c, Id community_id, Id person_id);
// Whether a community is open to this person: open (anyone in the organization joins it,
// and reads it before) and they are not banned from it.
bool IsOpenTo(Connection& c, Id community_id, Id person_id);
// Whether `person` moderates the container of a content (an active owner or moderator of
// its community): they may delete it and its comments.
bool ModeratesContainer(Connection& c, const ContentHead& head, Id person_id);
// A locked content takes no new comments (a locked forum topic).
bool IsLocked(Connection& c, Id id);
// Who follows the content (notices of its new comments).
std::vector<Id> Followers(Connection& c, Id content_id);
void AddReaders(Connection& c, Id content_id, const std::vector<Id>& people);
std::vector<Id> Readers(Connection& c, Id content_id);

// Replaces the content's hashtags.
void SetTags(Connection& c, Id content_id, const std::vector<std::string>& tags);
std::vector<std::string> Tags(Connection& c, Id content_id);
// Adds mentions; returns the people not mentioned before (the ones to notify).
std::vector<Id> AddMentions(Connection& c, Id content_id, const std::vector<Id>& people);

struct Revision {
  int number = 0;
  std::string body;
  std::int64_t created_at = 0;
};
// Keeps a superseded version (`at`: when it was written).
void AddRevision(Connection& c, Id content_id, const std::string& body, std::int64_t at);
std::vector<Revision> Revisions(Connection& c, Id content_id);

}  // namespace agora::content::store
