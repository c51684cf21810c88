// SQL of single sign-on: sign-ins in progress (sso_flows) and the accounts providers know
// (external_identities). No decisions here (service.cpp makes them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "store/database.h"

namespace agora::sso::store {

using agora::store::Connection;

struct Flow {
  std::string provider, browser_hash, nonce, code_verifier, return_to;
  std::int64_t expires_at = 0;
};

void InsertFlow(Connection& c, const std::string& state_hash, const Flow& f);
// Takes the flow out (a state works once); nullopt when unknown.
std::optional<Flow> TakeFlow(Connection& c, const std::string& state_hash);
std::int64_t DeleteExpiredFlows(Connection& c, std::int64_t now);

std::optional<Id> FindLinkedUser(Connection& c, const std::string& provider, const std::string& subject);
void Link(Connection& c, const std::string& provider, const std::string& subject, Id user_id, std::int64_t now);
void TouchLink(Connection& c, const std::string& provider, const std::string& subject, std::int64_t now);

// Every subject a provider has linked: subject -> (user, photo_sha).
struct LinkInfo {
  Id user_id = 0;
  std::string photo_sha;
};
std::unordered_map<std::string, LinkInfo> LinksOf(Connection& c, const std::string& provider);
// Points a subject at a user (a new link, or a directory entry whose account changed).
void SetLink(Connection& c, const std::string& provider, const std::string& subject, Id user_id, std::int64_t now);
void SetPhotoSha(Connection& c, const std::string& provider, const std::string& subject, const std::string& sha);
bool IsLinked(Connection& c, const std::string& provider, Id user_id);
// Accounts a provider linked that are active (and, unless `alumni_too`, not alumni): (id, e-mail key).
std::vector<std::pair<Id, std::string>> ActiveLinkedUsers(Connection& c, const std::string& provider, bool alumni_too);

void SetSessionProvider(Connection& c, Id session_id, const std::string& provider);
std::string SessionProvider(Connection& c, Id session_id);

}  // namespace agora::sso::store
