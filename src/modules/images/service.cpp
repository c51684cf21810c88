#include "modules/images/service.h"

#include "core/crypto.h"
#include "core/text.h"
#include "modules/content/audience.h"
#include "modules/images/store.h"
#include "modules/media/image.h"
#include "modules/media/sniff.h"

namespace agora::images {
namespace {

std::string Suffix(int size) { return "-" + std::to_string(size) + ".webp"; }

bool IsSize(int size) {
  for (int s : kSizes)
    if (s == size) return true;
  return false;
}

}  // namespace

Result<Image> ImageService::Upload(const identity::Principal& owner, std::string_view content_type, std::string_view bytes,
                                   std::string_view alt) {
  if (owner.user.role == identity::Role::kAlumnus) return Error::Forbidden("alumni cannot post images");
  if (!text::IsValidUtf8(alt)) return Error::Invalid("alt", "must be valid UTF-8");
  if (text::CodePoints(alt) > kMaxAltChars)
    return Error::Invalid("alt", "at most " + std::to_string(kMaxAltChars) + " characters").Because("too_long", kMaxAltChars);
  if (auto st = media::CheckImageUpload(content_type, bytes); !st) return st.error();
  const size_t waiting = SweepStale(owner.user.id);
  if (waiting >= kMaxUnattached)
    return Error::Invalid("image", std::to_string(waiting) + " uploaded images are waiting to be posted; post or wait a day");
  auto renditions = media::RenderFitted(bytes, kSizes);
  if (!renditions) return renditions.error();
  Image image;
  image.id = ids_.Next();
  image.owner_id = owner.user.id;
  image.key = crypto::ToHex(crypto::Sha256(renditions->front().webp));
  image.width = renditions->front().width;
  image.height = renditions->front().height;
  image.alt = std::string(alt);
  image.created_at = clock_.NowMs();

  std::lock_guard lock(files_mu_);
  for (const auto& r : *renditions)
    if (auto st = blobs_.Put(image.key, Suffix(r.size), r.webp); !st) return st.error();
  db_.Write([&](agora::store::Connection& c) { store::Insert(c, image); });
  return image;
}

Result<std::string> ImageService::Read(const content::Viewer& viewer, Id id, int size) {
  if (!IsSize(size)) return Error::NotFound("images come in sizes " + std::to_string(kLarge) + " and " + std::to_string(kPreview));
  auto image = db_.Read([&](agora::store::Connection& c) -> std::optional<Image> {
    auto i = store::Load(c, id);
    if (!i) return std::nullopt;
    if (!i->content_id) return viewer.id == i->owner_id ? i : std::nullopt;  // waiting: its owner's only
    return content::LoadReadable(c, viewer, *i->content_id) ? i : std::nullopt;
  });
  if (!image) return Error::NotFound("no such image");
  auto bytes = blobs_.Read(image->key, Suffix(size));
  if (!bytes) return Error::NotFound("no such image");
  return std::move(*bytes);
}

void ImageService::RemoveUnusedFiles(const std::vector<std::string>& keys) {
  std::lock_guard lock(files_mu_);
  for (const auto& key : keys) {
    if (db_.Read([&](agora::store::Connection& c) { return store::KeyInUse(c, key); })) continue;
    for (int size : kSizes) blobs_.Remove(key, Suffix(size));
  }
}

size_t ImageService::SweepStale(Id owner) {
  const std::int64_t cutoff = clock_.NowMs() - kUnattachedTtlMs;
  auto waiting = db_.Read([&](agora::store::Connection& c) { return store::Unattached(c, owner); });
  std::vector<Image> stale;
  for (const auto& i : waiting)
    if (i.created_at < cutoff) stale.push_back(i);
  if (stale.empty()) return waiting.size();
  std::vector<std::string> keys;
  db_.Write([&](agora::store::Connection& c) {
    for (const auto& i : stale) {
      store::Delete(c, i.id);
      keys.push_back(i.key);
    }
  });
  RemoveUnusedFiles(keys);
  return waiting.size() - stale.size();
}

}  // namespace agora::images
