// A file opened for reading in pieces by whoever holds it (a download sent from disk rather
// than read whole into memory). The descriptor closes with the last holder, so a file removed
// while it is being sent is still sent whole.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace agora {

class OpenFile {
 public:
  // nullptr when the file cannot be opened (absent, or not a regular file).
  static std::shared_ptr<const OpenFile> Open(const std::string& path);
  ~OpenFile();
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  std::uint64_t size() const { return size_; }
  // Reads up to out.size() bytes from `offset`: how many were read (0 at the end), or -1.
  std::int64_t ReadAt(std::uint64_t offset, std::span<char> out) const;

 private:
  OpenFile(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  int fd_;
  std::uint64_t size_;
};

}  // namespace agora
