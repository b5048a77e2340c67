#include "detect/mask_resolver.h"

namespace candour {

bool is_mask_token(std::string_view token) {
  bool letter = false, mask = false;
  for (char c : token) {
    if (c >= 'a' && c <= 'z') letter = true;
    else if (is_mask_char(c)) mask = true;
    else return false;
  }
  return letter && mask;
}

void MaskIndex::add(std::string_view form, unsigned rule) {
  if (form.size() < 3 || form.size() > kMaxLength) return;
  for (char c : form) {
    if (c < 'a' || c > 'z') return;
  }
  by_length_[form.size()].push_back({std::string(form), rule});
}

void MaskIndex::candidates(std::string_view token, std::vector<const Entry*>& out) const {
  out.clear();
  if (token.size() > kMaxLength) return;
  for (const Entry& entry : by_length_[token.size()]) {
    bool fits = true;
    for (std::size_t i = 0; i < token.size() && fits; ++i) {
      fits = is_mask_char(token[i]) || token[i] == entry.form[i];
    }
    if (fits) out.push_back(&entry);
  }
}

}  // namespace candour
