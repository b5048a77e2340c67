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
  // Normalises `text`; the result stays valid until the next call.
  std::string_view normalize(std::string_view text);

  std::string_view normalized() const { return out_; }

  // Maps a half-open range of the normalised text back to the smallest range
  // of original bytes that produced it.
  std::size_t original_start(std::size_t normalized_pos) const { return start_[normalized_pos]; }
  std::size_t original_end(std::size_t normalized_end) const {
    return normalized_end == 0 ? 0 : end_[normalized_end - 1];
  }

 private:
  void emit(char c, std::size_t from, std::size_t to);
  void emit_codepoint(char32_t cp, std::size_t from, std::size_t to);

  std::string out_;
  std::vector<uint32_t> start_;  // per normalised byte: original start of its code point
  std::vector<uint32_t> end_;    // per normalised byte: original end of its code point
};

// Folds a lower-case letter from another script that looks like a Latin
// letter to that letter; returns `cp` unchanged otherwise.
char32_t fold_lookalike(char32_t cp);

}  // namespace candour
