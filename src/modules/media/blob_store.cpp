#include "modules/media/blob_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"

namespace agora::media {

BlobStore::BlobStore(std::string root) : root_(std::move(root)) {}

bool BlobStore::IsKey(std::string_view key) {
  if (key.size() != 64) return false;
  for (char c : key)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string BlobStore::PathOf(std::string_view key, std::string_view suffix) const {
  std::string p = root_;
  p += '/';
  p.append(key.substr(0, 2));
  p += '/';
  p.append(key);
  p.append(suffix);
  return p;
}

Status BlobStore::Put(std::string_view key, std::string_view suffix, std::string_view bytes) {
  if (!IsKey(key)) return Error::Internal("blob key is not a SHA-256 hex digest");
  namespace fs = std::filesystem;
  std::string path = PathOf(key, suffix);
  std::error_code ec;
  if (fs::exists(path, ec)) return OkStatus();
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return Error::Internal("cannot create the media directory: " + ec.message());
  std::string tmp = path + ".tmp-" + crypto::ToHex(crypto::RandomToken(8)).substr(0, 16);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal(std::string("cannot write a media file: ") + std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error::Internal(std::string("cannot write a media file: ") + std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  // Synced before the rename, so once the database refers to the file it survives a crash.
  bool ok = ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Error::Internal("cannot store a media file");
  }
  return OkStatus();
}

std::optional<std::string> BlobStore::Read(std::string_view key, std::string_view suffix) const {
  if (!IsKey(key)) return std::nullopt;
  std::ifstream in(PathOf(key, suffix), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

std::shared_ptr<const OpenFile> BlobStore::Open(std::string_view key, std::string_view suffix) const {
  if (!IsKey(key)) return nullptr;
  return OpenFile::Open(PathOf(key, suffix));
}

void BlobStore::Remove(std::string_view key, std::string_view suffix) {
  if (!IsKey(key)) return;
  std::error_code ec;
  std::filesystem::remove(PathOf(key, suffix), ec);
}

}  // namespace agora::media
