// Hash maps and sets keyed by std::string that can be looked up with a
// std::string_view without building a string. Used for the per-message
// lookups (senders, people, tags): an ordered std::map cost a string
// comparison per tree level on every message. Never iterate one of these to
// produce output: their order is not stable; sort first.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace candour {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace candour
