// Hash maps and sets keyed by std::string that can be looked up with a
// std::string_view without building a string. Used for the per-message
// lookups (senders, people, tags): an ordered std::map cost a string
// comparison per tree level on every message. Never iterate one of these to
// produce output: their order is not stable; sort first.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace candour {

// Keys are short (names, phone numbers, tags): the first and last eight
// bytes (overlapping when shorter), folded by a 64x64->128-bit multiply,
// then any eight-byte words between. Cheaper than std::hash on a 15-byte
// name, looked up several times per message. Unseeded, as std::hash is.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    const char* p = text.data();
    const std::size_t n = text.size();
    uint64_t a = 0, b = 0;
    if (n >= 8) {
      a = load(p, 8);
      b = load(p + n - 8, 8);
    } else if (n >= 4) {
      a = load(p, 4);
      b = load(p + n - 4, 4);
    } else if (n > 0) {
      a = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 | static_cast<unsigned char>(p[n - 1]);
    }
    uint64_t h = fold(a ^ 0x9E3779B97F4A7C15ull, b ^ n ^ 0xD6E8FEB86659FD93ull);
    // Longer keys: the eight-byte words between, the last one overlapping.
    for (std::size_t i = 8; i + 8 < n; i += 8) {
      h = fold(h ^ load(p + std::min(i, n - 16), 8), i ^ 0xA0761D6478BD642Full);
    }
    return static_cast<std::size_t>(h);
  }

 private:
  static uint64_t load(const char* p, std::size_t bytes) noexcept {
    uint64_t v = 0;
    std::memcpy(&v, p, bytes);
    return v;
  }
  static uint64_t fold(uint64_t x, uint64_t y) noexcept {
    const unsigned __int128 product = static_cast<unsigned __int128>(x) * y;
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
  }
};

template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace candour
