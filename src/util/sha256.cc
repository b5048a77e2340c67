#include "util/sha256.h"

#include <openssl/evp.h>

#include "util/buffer_pipe.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace candour {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }

Sha256::~Sha256() {
  pipe_.reset();  // its thread hashes into ctx_
  EVP_MD_CTX_free(ctx_);
}

void Sha256::update(std::string_view bytes) {
  if (pipe_) {
    pipe_->write(bytes);
  } else {
    EVP_DigestUpdate(ctx_, bytes.data(), bytes.size());
  }
}

void Sha256::hash_in_background() {
  if (!pipe_) {
    pipe_ = std::make_unique<BufferPipe>(
        [ctx = ctx_](std::string_view bytes) { EVP_DigestUpdate(ctx, bytes.data(), bytes.size()); });
  }
}

std::string Sha256::hex_digest() {
  pipe_.reset();  // everything handed over is hashed
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx_, digest, &length);
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr);
  return hex;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.hex_digest();
}

bool sha256_file(const std::string& path, std::string* hex, std::string* error) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    *error = std::strerror(errno);
    return false;
  }
  Sha256 hash;
  std::vector<char> buffer(1 << 20);
  std::size_t got;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) {
    hash.update(std::string_view(buffer.data(), got));
  }
  bool failed = std::ferror(file);
  std::fclose(file);
  if (failed) {
    *error = "read error";
    return false;
  }
  *hex = hash.hex_digest();
  return true;
}

}  // namespace candour
