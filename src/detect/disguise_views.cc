#include "detect/disguise_views.h"

#include <algorithm>
#include <array>


namespace candour {
namespace {

bool is_letter(char c) { return c >= 'a' && c <= 'z'; }

// Characters that stand for letters in leetspeak; 0 if not one.
char leet_letter(char c, bool one_as_l) {
  switch (c) {
    case '4': case '@': return 'a';
    case '8': return 'b';
    case '3': return 'e';
    case '9': return 'g';
    case '1': case '!': return one_as_l ? 'l' : 'i';
    case '0': return 'o';
    case '5': case '$': return 's';
    case '7': return 't';
    default: return 0;
  }
}

bool is_token_char(char c) { return c != ' '; }

constexpr unsigned char kLeet = 1, kMask = 2;
constexpr auto kSignClass = [] {
  std::array<unsigned char, 256> table{};
  for (unsigned char c : {'4', '@', '8', '3', '9', '1', '!', '0', '5', '$', '7'}) table[c] = kLeet;
  table['*'] = table['#'] = kMask;
  return table;
}();

}  // namespace

DisguiseSigns disguise_signs(std::string_view n) {
  DisguiseSigns signs;
  unsigned char classes = 0;
  std::size_t word_length = 0, singles_in_a_row = 0;
  char before = 0, last = 0;
  for (char c : n) {
    classes |= kSignClass[static_cast<unsigned char>(c)];
    if (c == ' ') {
      if (word_length == 1) signs.spaced |= ++singles_in_a_row >= 3;
      if (word_length > 1) singles_in_a_row = 0;
      word_length = 0;
    } else {
      ++word_length;
    }
    signs.elongated |= c == last && c == before && is_letter(c);
    before = last;
    last = c;
  }
  if (word_length == 1) signs.spaced |= ++singles_in_a_row >= 3;
  signs.leet = classes & kLeet;
  signs.masked = classes & kMask;
  return signs;
}

bool build_leet_view(std::string_view n, bool one_as_l, std::string& out) {
  out.assign(n);
  bool changed = false;
  std::size_t i = 0;
  while (i < n.size()) {
    if (!is_token_char(n[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    bool has_letter = false;
    while (end < n.size() && is_token_char(n[end])) has_letter |= is_letter(n[end++]);
    // Only words that mix letters with stand-ins: "2017" and "!!!" stay as they are.
    if (has_letter) {
      std::size_t last = end;
      while (last > i && n[last - 1] == '!') --last;  // "bender!!" keeps its exclamation marks
      for (std::size_t k = i; k < last; ++k) {
        if (char letter = leet_letter(n[k], one_as_l)) {
          out[k] = letter;
          changed = true;
        }
      }
    }
    i = end;
  }
  return changed;
}

bool has_ambiguous_leet(std::string_view n) {
  for (std::size_t k = 1; k + 1 < n.size(); ++k) {
    if ((n[k] == '1' || n[k] == '!') && is_letter(n[k - 1]) && is_letter(n[k + 1])) return true;
  }
  return false;
}

bool build_spaced_view(std::string_view n, std::string& out, ViewMap& map) {
  out.clear();
  map.clear();
  bool changed = false;
  auto copy = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      out.push_back(n[k]);
      map.add(k, k + 1);
    }
  };
  // Normalised text has exactly one space between words.
  auto single_at = [&](std::size_t k) { return k < n.size() && n[k] != ' ' && (k + 1 == n.size() || n[k + 1] == ' '); };
  std::size_t i = 0;
  while (i < n.size()) {
    if (n[i] == ' ') {
      copy(i, i + 1);
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n.size() && n[end] != ' ') ++end;
    if (end - i == 1) {
      std::size_t count = 0, k = i;
      while (single_at(k)) {
        ++count;
        k += 2;
      }
      if (count >= 3) {
        for (std::size_t j = 0; j < count; ++j) copy(i + 2 * j, i + 2 * j + 1);
        changed = true;
        i += 2 * count - 1;  // just after the last single letter
        continue;
      }
    }
    copy(i, end);
    i = end;
  }
  return changed;
}

void build_squeezed_view(std::string_view n, std::size_t keep, std::string& out, ViewMap& map) {
  out.clear();
  map.clear();
  std::size_t i = 0;
  while (i < n.size()) {
    std::size_t run = 1;
    while (i + run < n.size() && n[i + run] == n[i]) ++run;
    if (run >= 3 && is_letter(n[i])) {
      // The kept letters stand for the whole run: a match starting on the
      // first starts at the run, one ending on the last ends after it.
      for (std::size_t k = 0; k < keep; ++k) {
        out.push_back(n[i]);
        map.add(k == 0 ? i : i + k, k + 1 == keep ? i + run : i + k + 1);
      }
    } else {
      for (std::size_t k = 0; k < run; ++k) {
        out.push_back(n[i + k]);
        map.add(i + k, i + k + 1);
      }
    }
    i += run;
  }
}

}  // namespace candour
