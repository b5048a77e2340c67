#include "util/string_map.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_set>

namespace candour {
namespace {

// The hash reads a key's first and last eight bytes and every word between:
// keys that differ in any one place, at any length, hash apart.
TEST(StringHash, KeysDifferingAnywhereHashApart) {
  const StringHash hash;
  for (std::size_t length : {1u, 2u, 3u, 5u, 7u, 8u, 9u, 15u, 16u, 17u, 23u, 24u, 25u, 40u, 100u}) {
    std::unordered_set<std::size_t> seen;
    std::size_t keys = 0;
    for (std::size_t at = 0; at < length; ++at) {
      for (char c : std::string("abcdefghijklmnopqrstuvwxyz0123456789")) {
        std::string key(length, '_');
        key[at] = c;
        seen.insert(hash(key));
        ++keys;
      }
    }
    EXPECT_EQ(seen.size(), keys) << "length " << length;
  }
  EXPECT_NE(hash(""), hash(std::string(1, '\0')));
  EXPECT_NE(hash("ab"), hash("ba"));
}

TEST(StringMap, FindsByStringView) {
  StringMap<int> map;
  for (int i = 0; i < 1000; ++i) map.emplace("+44 7700 9" + std::to_string(10000 + i), i);
  for (int i = 0; i < 1000; ++i) {
    const std::string key = "+44 7700 9" + std::to_string(10000 + i);
    auto found = map.find(std::string_view(key));
    ASSERT_NE(found, map.end());
    EXPECT_EQ(found->second, i);
  }
  EXPECT_EQ(map.find(std::string_view("+44 7700 9")), map.end());
}

}  // namespace
}  // namespace candour
