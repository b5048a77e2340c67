// Output files that appear complete or not at all: data goes to a temporary
// file beside the target, which is renamed over the target on commit(). An
// AtomicFile destroyed without commit() removes its temporary file, so an
// interrupted run never leaves a half-written output under the final name.
#pragma once

#include "util/buffer_pipe.h"
#include "util/sha256.h"

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace candour {

// Output files are written through a buffer this large (see AtomicFile::buffer_).
inline constexpr std::size_t kOutputBufferBytes = BufferPipe::kBufferBytes;

class AtomicFile {
 public:
  AtomicFile();
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Opens a temporary file for `path`. Returns false and sets *error on failure.
  // `background`: hashing and writing happen on a thread of the file's own,
  // fed whole buffers; write() only copies (a scan on several threads uses it
  // for its large outputs, which were hashed and written in series).
  bool open(const std::string& path, std::string* error, bool background = false);
  void write(std::string_view bytes);
  // Flushes, syncs and renames into place.
  bool commit(std::string* error);
  // After commit: the SHA-256 and size of what was written (hashed while
  // writing, so the manifest need not read the file again).
  const std::string& sha256() const { return sha256_; }
  uint64_t bytes() const { return bytes_; }
  void abandon();
  bool is_open() const { return file_ != nullptr; }

 private:
  // Hashes and writes one piece (on the background thread, if any).
  void put(std::string_view bytes);
  std::string path_;
  std::string temp_path_;
  FILE* file_ = nullptr;
  std::unique_ptr<char[]> buffer_;  // file_'s, larger than stdio's 4 KiB: a write call per 4 KiB was 18,000 calls per scan
  bool write_failed_ = false;
  Sha256 hash_;
  std::string sha256_;
  uint64_t bytes_ = 0;
  std::unique_ptr<BufferPipe> writer_;  // last: it writes through the members above
};

// Writes a whole file atomically. Returns false and sets *error on failure.
// `sha256` (optional) receives the hash of the content.
bool write_file_atomically(const std::string& path, std::string_view content, std::string* error,
                           std::string* sha256 = nullptr);

// Removes temporary files of every AtomicFile still open; safe to call from a
// signal handler path (it only calls unlink on recorded names).
void remove_pending_temp_files();

}  // namespace candour
