// Reading masked words ("f***", "c****", "b*tch", "n****r"): a word with at
// least one visible letter and some mask characters (* or #) is compared with
// every single-word term spelling of the same length whose letters agree at
// the visible positions.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace candour {

inline bool is_mask_char(char c) { return c == '*' || c == '#'; }

// True for "f***", "b*tch", "#### off"-style words: letters and mask
// characters only, at least one of each.
bool is_mask_token(std::string_view token);

class MaskIndex {
 public:
  struct Entry {
    std::string form;
    unsigned rule;  // scanner rule index
  };
  static constexpr std::size_t kMaxLength = 16;

  // Adds a term spelling; spellings with spaces or mask characters are ignored.
  void add(std::string_view form, unsigned rule);

  // Every entry that fits the masked token, in the order added.
  void candidates(std::string_view token, std::vector<const Entry*>& out) const;

 private:
  std::array<std::vector<Entry>, kMaxLength + 1> by_length_;
};

}  // namespace candour
