// Normalisation of message text for matching, with a map back to the original.
//
// The normalised copy is: compatibility-decomposed (NFKD: full-width and
// styled letters become plain ones), case-folded, stripped of combining marks
// and of invisible characters (zero-width, bidi controls), with look-alike
// letters from other scripts (Cyrillic "а", Greek "ο") folded to Latin and
// typographic quotes and dashes lumped to ASCII, and every run of spaces,
// punctuation and symbols (emoji included) turned into one space — except
// the characters people mask and leetspeak with: ' * ! @ $ #. Matching runs on that copy;
// findings are reported in the original, through the offset map.
//
// One Normalizer per thread: it reuses its buffers, so after warm-up it does
// not allocate per message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace candour {

class Normalizer {
 public:
  // Normalises `text`; the result stays valid until the next call. The
  // offset map below needs `text` to stay valid until then too.
  std::string_view normalize(std::string_view text);

  std::string_view normalized() const { return out_; }

  // Maps a half-open range of the normalised text back to the smallest range
  // of original bytes that produced it.
  std::size_t original_start(std::size_t normalized_pos) const {
    map_ascii();
    return start_[normalized_pos];
  }
  std::size_t original_end(std::size_t normalized_end) const {
    map_ascii();
    return normalized_end == 0 ? 0 : end_[normalized_end - 1];
  }

 private:
  void emit(char c, std::size_t from, std::size_t to);
  void emit_codepoint(char32_t cp, std::size_t from, std::size_t to);
  // Most messages are ASCII and few are ever mapped back: for an ASCII text
  // the map is made when first asked for.
  void map_ascii() const {
    if (ascii_unmapped_) make_ascii_map();
  }
  void make_ascii_map() const;

  std::string out_;
  std::string_view text_;                // the text last normalised
  mutable bool ascii_unmapped_ = false;  // text_ is ASCII and start_/end_ are not made yet
  mutable std::vector<uint32_t> start_;  // per normalised byte: original start of its code point
  mutable std::vector<uint32_t> end_;    // per normalised byte: original end of its code point
};

// Folds a lower-case letter from another script that looks like a Latin
// letter to that letter; returns `cp` unchanged otherwise.
char32_t fold_lookalike(char32_t cp);

}  // namespace candour
