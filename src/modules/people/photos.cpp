#include "modules/people/photos.h"

#include "core/crypto.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/media/sniff.h"
#include "modules/people/store.h"

namespace agora::people {
namespace {

std::string Suffix(int size) { return "-" + std::to_string(size) + ".webp"; }

}  // namespace

bool PhotoService::IsSize(int size) {
  for (int s : kSizes)
    if (s == size) return true;
  return false;
}

Result<std::string> PhotoService::Set(Id user, std::string_view content_type, std::string_view bytes, Id actor) {
  if (auto st = media::CheckImageUpload(content_type, bytes); !st) return st.error();
  auto renditions = media::RenderSquares(bytes, kSizes, limits_);
  if (!renditions) return renditions.error();
  std::string key = crypto::ToHex(crypto::Sha256(renditions->front().webp));

  std::lock_guard lock(files_mu_);
  for (const auto& r : *renditions)
    if (auto st = blobs_.Put(key, Suffix(r.size), r.webp); !st) return st.error();
  if (auto st = Replace(user, key, actor); !st) return st.error();
  return key;
}

Status PhotoService::Remove(Id user, Id actor) {
  std::lock_guard lock(files_mu_);
  return Replace(user, "", actor);
}

Status PhotoService::Replace(Id user, const std::string& key, Id actor) {
  auto old = db_.Write([&](agora::store::Connection& c) -> Result<std::string> {
    std::string previous = store::PhotoKey(c, user);
    if (previous != key) store::SetPhotoKey(c, user, key, clock_.NowMs());
    if (actor != user)
      audit::Record(c, {ids_.Next(), actor, key.empty() ? "profile.photo.remove" : "profile.photo.set", "user", user,
                        key.empty() ? "{}" : "{\"photo\":\"" + key + "\"}", "", clock_.NowMs()});
    // Someone else may use the same picture (same bytes, same key): keep their files.
    if (previous.empty() || previous == key || store::PhotoInUse(c, previous)) return std::string();
    return previous;
  });
  if (!old) return old.error();
  if (bus_) bus_->Publish({.kind = bus::Event::Kind::kProfileChanged, .actor = actor, .people = {user}});
  // After the commit: a crash in between leaves unused files, never a profile without its.
  if (!old->empty())
    for (int size : kSizes) blobs_.Remove(*old, Suffix(size));
  return OkStatus();
}

std::string PhotoService::KeyOf(Id user) {
  return db_.Read([&](agora::store::Connection& c) { return store::PhotoKey(c, user); });
}

std::optional<std::string> PhotoService::Rendition(std::string_view key, int size) const {
  if (!IsSize(size)) return std::nullopt;
  return blobs_.Read(key, Suffix(size));
}

}  // namespace agora::people
