// Alternative readings of a normalised message that undo common disguises,
// so the same compiled policy can match them. disguise_signs() says which
// readings are worth building (for most messages none), and each builder
// returns false when its reading changes nothing, so ordinary messages are
// scanned once.
//
//   leetspeak   p4ki, sh1t, @ss, $lag  -> paki, shit, ass, slag   (same length)
//   spacing     f u c k, f.a.g, f-a-g  -> fuck, fag                (map back)
//   elongation  fuuuuck, poooof        -> fuck / poof                (map back)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace candour {

// Which disguises a normalised message might hold, found in one pass so that
// an ordinary message (the usual case) is not read once per disguise.
struct DisguiseSigns {
  bool leet = false;       // a digit or symbol that can stand for a letter
  bool spaced = false;     // three or more single-character words in a row
  bool elongated = false;  // a letter three or more times in a row
  bool masked = false;     // a '*' or '#'
};
DisguiseSigns disguise_signs(std::string_view normalized);

// Replaces digits and symbols standing for letters inside words. `one_as_l`
// reads 1 and ! as l instead of i. Same length as the input, so offsets are
// unchanged.
bool build_leet_view(std::string_view normalized, bool one_as_l, std::string& out);

// True if the text has a word with a 1 or ! inside it (worth an l-reading too).
bool has_ambiguous_leet(std::string_view normalized);

// Offsets of a view's characters in the normalised text: a match [from, to)
// in the view covers [starts[from], ends[to - 1]) of the normalised text.
struct ViewMap {
  std::vector<uint32_t> starts;
  std::vector<uint32_t> ends;
  void clear() {
    starts.clear();
    ends.clear();
  }
  void add(std::size_t start, std::size_t end) {
    starts.push_back(static_cast<uint32_t>(start));
    ends.push_back(static_cast<uint32_t>(end));
  }
};

// Joins runs of three or more single-character words ("f u c k") into one word.
bool build_spaced_view(std::string_view normalized, std::string& out, ViewMap& map);

// Shortens every run of three or more identical letters to `keep` letters
// (1 reads "fuuuuck" as "fuck", 2 reads "poooof" as "poof"); ordinary
// double letters are left alone.
void build_squeezed_view(std::string_view normalized, std::size_t keep, std::string& out, ViewMap& map);

}  // namespace candour
