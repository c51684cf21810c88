#include "modules/communities/pictures.h"

#include <span>

#include "core/crypto.h"
#include "modules/audit/store.h"
#include "modules/communities/store.h"
#include "modules/media/image.h"
#include "modules/media/sniff.h"

namespace agora::communities {
namespace {

using agora::store::Connection;

std::span<const int> Sizes(Picture p) {
  return p == Picture::kAvatar ? std::span<const int>(PictureService::kAvatarSizes) : std::span<const int>(PictureService::kBannerSizes);
}
// "-a256.webp", "-b1600.webp": suffixes no other kind of file uses.
std::string Suffix(Picture p, int size) { return std::string(p == Picture::kAvatar ? "-a" : "-b") + std::to_string(size) + ".webp"; }
const char* Column(Picture p) { return p == Picture::kAvatar ? "avatar_key" : "banner_key"; }

std::string KeyOf(Connection& c, Id community, Picture p) {
  auto q = c.Prepare(p == Picture::kAvatar ? "SELECT coalesce(avatar_key, '') FROM communities WHERE id = ?1"
                                           : "SELECT coalesce(banner_key, '') FROM communities WHERE id = ?1",
                     community);
  return q.Next() ? q.Text(0) : std::string();
}

bool InUse(Connection& c, const std::string& key, Picture p) {
  return c.Prepare(p == Picture::kAvatar ? "SELECT 1 FROM communities WHERE avatar_key = ?1 LIMIT 1"
                                         : "SELECT 1 FROM communities WHERE banner_key = ?1 LIMIT 1",
                   key)
      .Next();
}

}  // namespace

std::optional<Picture> ParsePicture(std::string_view s) {
  if (s == "avatar") return Picture::kAvatar;
  if (s == "banner") return Picture::kBanner;
  return std::nullopt;
}

Status PictureService::Set(const identity::Principal& who, std::string_view community, Picture which,
                           std::string_view content_type, std::string_view bytes) {
  // Who may is checked first: nobody else gets to make the server decode anything.
  auto allowed = db_.Read([&](Connection& c) -> Status {
    auto x = store::FindVisible(c, {who.user.id, who.user.role}, community);
    if (!x) return x.error();
    if (!x->mine || !x->mine->manages()) return Error::Forbidden("only its owners and moderators change its pictures");
    return OkStatus();
  });
  if (!allowed) return allowed;
  if (auto st = media::CheckImageUpload(content_type, bytes); !st) return st;
  auto renditions = which == Picture::kAvatar ? media::RenderSquares(bytes, Sizes(which)) : media::RenderFitted(bytes, Sizes(which));
  if (!renditions) return renditions.error();
  std::string key = crypto::ToHex(crypto::Sha256(renditions->front().webp));
  std::lock_guard lock(files_mu_);
  for (const auto& r : *renditions)
    if (auto st = blobs_.Put(key, Suffix(which, r.size), r.webp); !st) return st;
  return Replace(who, community, which, key);
}

Status PictureService::Remove(const identity::Principal& who, std::string_view community, Picture which) {
  std::lock_guard lock(files_mu_);
  return Replace(who, community, which, "");
}

Status PictureService::Replace(const identity::Principal& who, std::string_view community, Picture which,
                               const std::string& key) {
  std::string unused;
  auto st = db_.Write([&](Connection& c) -> Status {
    auto x = store::FindVisible(c, {who.user.id, who.user.role}, community);
    if (!x) return x.error();
    if (!x->mine || !x->mine->manages()) return Error::Forbidden("only its owners and moderators change its pictures");
    const Id id = x->community.id;
    std::string previous = KeyOf(c, id, which);
    c.Prepare(std::string("UPDATE communities SET ") + Column(which) + " = nullif(?2, ''), updated_at = ?3 WHERE id = ?1", id,
              key, clock_.NowMs())
        .Run();
    audit::Record(c, {ids_.Next(), who.user.id, which == Picture::kAvatar ? "community.avatar" : "community.banner",
                      "community", id, key.empty() ? "{}" : "{\"key\":\"" + key + "\"}", "", clock_.NowMs()});
    if (!previous.empty() && previous != key && !InUse(c, previous, which)) unused = previous;
    return OkStatus();
  });
  if (!st) return st;
  // After the commit: a crash in between leaves unused files, never a community without its.
  if (!unused.empty())
    for (int size : Sizes(which)) blobs_.Remove(unused, Suffix(which, size));
  return OkStatus();
}

Result<std::pair<std::string, std::string>> PictureService::Read(const content::Viewer& viewer, std::string_view community,
                                                                 Picture which, int size) {
  bool known = false;
  for (int s : Sizes(which)) known = known || s == size;
  if (!known) return Error::NotFound("no such size");
  auto key = db_.Read([&](Connection& c) -> std::optional<std::string> {
    auto x = store::FindVisible(c, viewer, community);
    if (!x) return std::nullopt;
    return KeyOf(c, x->community.id, which);
  });
  if (!key || key->empty()) return Error::NotFound("no such picture");
  auto bytes = blobs_.Read(*key, Suffix(which, size));
  if (!bytes) return Error::NotFound("no such picture");
  return std::pair{*key, std::move(*bytes)};
}

}  // namespace agora::communities
