// Incremental SHA-256 (OpenSSL EVP), for hashing sources while streaming them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace candour {

class BufferPipe;

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // Returns the lower-case hex digest; the object is then reset (and hashes
  // in the caller's thread again).
  std::string hex_digest();
  // From now on update() only copies the bytes to a thread of their own
  // (util/buffer_pipe.h), which hashes them while the caller goes on.
  void hash_in_background();

 private:
  evp_md_ctx_st* ctx_;
  std::unique_ptr<BufferPipe> pipe_;
};

std::string sha256_hex(std::string_view bytes);

// Hashes a whole file by streaming it. Returns false (and sets *error) if it
// cannot be read.
bool sha256_file(const std::string& path, std::string* hex, std::string* error);

}  // namespace candour
