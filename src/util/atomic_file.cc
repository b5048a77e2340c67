#include "util/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>

namespace candour {
namespace {

std::mutex pending_mutex;
std::set<std::string>& pending() {
  static std::set<std::string> files;
  return files;
}

}  // namespace

AtomicFile::AtomicFile() = default;
AtomicFile::~AtomicFile() { abandon(); }

bool AtomicFile::open(const std::string& path, std::string* error, bool background) {
  abandon();
  path_ = path;
  temp_path_ = path + ".tmp-" + std::to_string(::getpid());
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (!file_) {
    *error = "cannot create " + temp_path_ + ": " + std::strerror(errno);
    return false;
  }
  if (!buffer_) buffer_ = std::make_unique<char[]>(kOutputBufferBytes);
  std::setvbuf(file_, buffer_.get(), _IOFBF, kOutputBufferBytes);
  {
    std::lock_guard lock(pending_mutex);
    pending().insert(temp_path_);
  }
  if (background) writer_ = std::make_unique<BufferPipe>([this](std::string_view bytes) { put(bytes); });
  return true;
}

void AtomicFile::write(std::string_view bytes) {
  if (!file_ || bytes.empty()) return;
  bytes_ += bytes.size();
  if (writer_) {
    writer_->write(bytes);
  } else {
    put(bytes);
  }
}

void AtomicFile::put(std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) write_failed_ = true;
  hash_.update(bytes);
}

bool AtomicFile::commit(std::string* error) {
  if (!file_) {
    *error = "no open file";
    return false;
  }
  writer_.reset();  // everything handed over is written
  bool ok = !write_failed_ && std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  sha256_ = hash_.hex_digest();
  if (ok && std::rename(temp_path_.c_str(), path_.c_str()) != 0) ok = false;
  if (!ok) {
    *error = "cannot write " + path_ + ": " + std::strerror(errno);
    std::remove(temp_path_.c_str());
  }
  std::lock_guard lock(pending_mutex);
  pending().erase(temp_path_);
  return ok;
}

void AtomicFile::abandon() {
  if (!file_) return;
  writer_.reset();
  hash_.hex_digest();  // discarded: a file opened next starts a new hash
  std::fclose(file_);
  file_ = nullptr;
  std::remove(temp_path_.c_str());
  std::lock_guard lock(pending_mutex);
  pending().erase(temp_path_);
}

bool write_file_atomically(const std::string& path, std::string_view content, std::string* error,
                           std::string* sha256) {
  AtomicFile file;
  if (!file.open(path, error)) return false;
  file.write(content);
  if (!file.commit(error)) return false;
  if (sha256) *sha256 = file.sha256();
  return true;
}

void remove_pending_temp_files() {
  // Called on SIGINT/SIGTERM from the main thread's handler; the set is only
  // modified under the mutex, which we try rather than block on.
  if (!pending_mutex.try_lock()) return;
  for (const auto& name : pending()) ::unlink(name.c_str());
  pending_mutex.unlock();
}

}  // namespace candour
