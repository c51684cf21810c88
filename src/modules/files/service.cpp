#include "modules/files/service.h"

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/crypto.h"
#include "core/text.h"
#include "modules/content/audience.h"
#include "modules/files/store.h"
#include "modules/media/named_uploads.h"
#include "modules/media/sniff.h"

namespace agora::files {
namespace {

Result<std::string> CheckName(std::string_view raw) {
  const std::string_view name = text::Trim(raw);
  if (name.empty()) return Error::Required("name");
  if (!text::IsValidUtf8(name) || text::HasControlCharacters(name)) return Error::Invalid("name", "a file's name is text without control characters");
  if (name.size() > kMaxNameBytes)
    return Error::Invalid("name", "a file's name has at most " + std::to_string(kMaxNameBytes) + " bytes").Because("too_long", static_cast<std::int64_t>(kMaxNameBytes));
  // A name, not a path: what comes after the last slash of either kind.
  if (name.find_first_of("/\\") != std::string_view::npos || name == "." || name == "..")
    return Error::Invalid("name", "a file's name has no slashes");
  return std::string(name);
}

}  // namespace

Result<File> FileService::Upload(const identity::Principal& owner, std::string_view raw_name, std::string_view bytes) {
  if (owner.user.role == identity::Role::kAlumnus) return Error::Forbidden("alumni cannot attach files");
  auto name = CheckName(raw_name);
  if (!name) return name.error();
  if (bytes.empty()) return Error::Invalid("file", "the file is empty");
  if (static_cast<std::int64_t>(bytes.size()) > kMaxUploadBytes)
    return Error{ErrorCode::kTooLarge, "a file has at most " + std::to_string(kMaxUploadBytes / (1024 * 1024)) + " MB", "file", 0};
  const size_t waiting = SweepStale(owner.user.id);
  if (waiting >= kMaxUnattached)
    return Error::Invalid("file", std::to_string(waiting) + " uploaded files are waiting to be attached; save the page or wait a day");
  File f;
  f.id = ids_.Next();
  f.owner_id = owner.user.id;
  f.key = crypto::ToHex(crypto::Sha256(bytes));
  f.name = std::move(*name);
  f.media_type = media::SniffMime(bytes);
  f.size = static_cast<std::int64_t>(bytes.size());
  f.created_at = clock_.NowMs();
  std::lock_guard lock(files_mu_);
  if (auto st = blobs_.Put(f.key, kSuffix, bytes); !st) return st.error();
  db_.Write([&](agora::store::Connection& c) { store::Insert(c, f); });
  return f;
}

Result<Download> FileService::Read(const content::Viewer& viewer, Id id) {
  auto file = db_.Read([&](agora::store::Connection& c) -> std::optional<File> {
    auto f = store::Load(c, id);
    if (!f) return std::nullopt;
    if (!f->content_id) return viewer.id == f->owner_id ? f : std::nullopt;  // waiting: its uploader's only
    return content::LoadReadable(c, viewer, *f->content_id) ? f : std::nullopt;
  });
  if (!file) return Error::NotFound("no such file");
  auto opened = blobs_.Open(file->key, kSuffix);
  if (!opened) return Error::NotFound("no such file");
  return Download{std::move(*file), std::move(opened)};
}

size_t FileService::SweepStale(Id owner) {
  const std::int64_t cutoff = clock_.NowMs() - kUnattachedTtlMs;
  auto waiting = db_.Read([&](agora::store::Connection& c) { return store::Unattached(c, owner); });
  std::vector<File> stale;
  for (const auto& f : waiting)
    if (f.created_at < cutoff) stale.push_back(f);
  if (stale.empty()) return waiting.size();
  db_.Write([&](agora::store::Connection& c) {
    for (const auto& f : stale) store::Delete(c, f.id);
  });
  std::lock_guard lock(files_mu_);
  for (const auto& f : stale)
    if (!db_.Read([&](agora::store::Connection& c) { return store::KeyInUse(c, f.key); })) blobs_.Remove(f.key, kSuffix);
  return waiting.size() - stale.size();
}

std::vector<Id> NamedIn(std::string_view md) { return media::NamedUploads(md, "/api/v1/files/"); }

bool AttachTo(agora::store::Connection& c, Id content, Id writer, const std::vector<Id>& ids, size_t max) {
  size_t attached = store::CountOfContent(c, content);
  for (Id id : ids) {
    auto f = store::Load(c, id);
    if (!f || f->content_id || f->owner_id != writer) continue;
    if (++attached > max) return false;
    store::Attach(c, id, writer, content);
  }
  return true;
}

std::string UrlOf(const File& f) {
  return "/api/v1/files/" + IdToString(f.id) + "/" + boost::urls::encode(f.name, boost::urls::unreserved_chars);
}

}  // namespace agora::files
