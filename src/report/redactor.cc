#include "report/redactor.h"

#include <algorithm>
#include <cctype>

namespace candour {
namespace {

bool word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80); }

}  // namespace

std::vector<Replacement> find_contact_details(std::string_view t) {
  std::vector<Replacement> out;
  // E-mail addresses: a word with '@' and a dot after it.
  for (std::size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    std::size_t a = at, b = at + 1;
    while (a > 0 && (word_byte(t[a - 1]) || std::string_view("._%+-").find(t[a - 1]) != std::string_view::npos)) --a;
    while (b < t.size() && (word_byte(t[b]) || t[b] == '.' || t[b] == '-')) ++b;
    while (b > at + 1 && t[b - 1] == '.') --b;
    if (a < at && t.substr(at + 1, b - at - 1).find('.') != std::string_view::npos) {
      out.push_back({a, b, "[email removed]"});
    }
  }
  // Phone numbers: a run of digits and separators holding nine or more digits.
  for (std::size_t i = 0; i < t.size();) {
    if (!(std::isdigit(static_cast<unsigned char>(t[i])) || (t[i] == '+' && i + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[i + 1]))))) {
      ++i;
      continue;
    }
    std::size_t j = i, digits = 0, last_digit = i;
    while (j < t.size() && (std::isdigit(static_cast<unsigned char>(t[j])) ||
                            std::string_view("+ -.()").find(t[j]) != std::string_view::npos ||
                            t.substr(j, 2) == "\xC2\xA0")) {
      if (std::isdigit(static_cast<unsigned char>(t[j]))) {
        ++digits;
        last_digit = j;
      }
      j += t.substr(j, 2) == "\xC2\xA0" ? 2 : 1;
    }
    bool bounded = (i == 0 || !word_byte(t[i - 1]));
    if (digits >= 9 && bounded) out.push_back({i, last_digit + 1, "[number removed]"});
    i = std::max(j, i + 1);
  }
  return out;
}

void find_name(std::string_view text, std::string_view name, bool any_case, const std::string& pseudonym,
               std::vector<Replacement>& out) {
  if (name.empty()) return;
  auto equal = [&](char a, char b) {
    return any_case ? std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)) : a == b;
  };
  for (std::size_t i = 0; i + name.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < name.size() && equal(text[i + k], name[k])) ++k;
    if (k < name.size()) continue;
    std::size_t end = i + name.size();
    if ((i == 0 || !word_byte(text[i - 1])) && (end == text.size() || !word_byte(text[end]))) {
      out.push_back({i, end, pseudonym});
      i = end - 1;
    }
  }
}

std::string apply_replacements(std::string_view text, std::vector<Replacement> replacements) {
  std::sort(replacements.begin(), replacements.end(), [](const Replacement& a, const Replacement& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;
  });
  std::string out;
  std::size_t at = 0;
  for (const auto& r : replacements) {
    if (r.start < at || r.end > text.size()) continue;  // overlaps one already applied
    out.append(text.substr(at, r.start - at));
    out += r.text;
    at = r.end;
  }
  out.append(text.substr(at));
  return out;
}

std::string pseudonym(const std::string& label, std::size_t n) {
  std::string letters;
  ++n;
  while (n > 0) {
    --n;
    letters.insert(letters.begin(), static_cast<char>('A' + n % 26));
    n /= 26;
  }
  return label + " " + letters;
}

}  // namespace candour
