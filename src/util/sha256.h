// Incremental SHA-256 (OpenSSL EVP), for hashing sources while streaming them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace candour {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // Returns the lower-case hex digest; the object is then reset.
  std::string hex_digest();

 private:
  evp_md_ctx_st* ctx_;
};

std::string sha256_hex(std::string_view bytes);

// Hashes a whole file by streaming it. Returns false (and sets *error) if it
// cannot be read.
bool sha256_file(const std::string& path, std::string* hex, std::string* error);

}  // namespace candour
