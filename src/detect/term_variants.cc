#include "detect/term_variants.h"

#include <algorithm>

namespace candour {

std::vector<std::string> typo_variants(std::string_view form) {
  std::vector<std::string> out;
  const std::size_t n = form.size();
  if (n < 6 || !std::all_of(form.begin(), form.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return out;
  std::string word(form);
  // Swap neighbours at positions (k, k+1), k >= 1.
  for (std::size_t k = 1; k + 1 < n; ++k) {
    if (word[k] == word[k + 1]) continue;
    std::string v = word;
    std::swap(v[k], v[k + 1]);
    out.push_back(std::move(v));
  }
  // Drop one inner letter (not the first, not the last).
  if (n >= 6) {
    for (std::size_t k = 1; k + 1 < n; ++k) {
      if (word[k] == word[k - 1]) continue;  // dropping either of a double gives the same word
      std::string v = word.substr(0, k) + word.substr(k + 1);
      out.push_back(std::move(v));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string joined_form(std::string_view form) {
  if (form.find(' ') == std::string_view::npos) return {};
  std::string out;
  for (char c : form) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

}  // namespace candour
