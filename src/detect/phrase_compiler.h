// Turns policy patterns into Vectorscan regular expressions over normalised
// (lower-case) text. Pattern language (docs/policy.md):
//   word        a literal word ("'" and "*" allowed, e.g. i'd, f***)
//   a|b|c       any one of the literals
//   {class}     any entry of a word class; entries may be several words
//   X?          the token X is optional
//   ...         up to three arbitrary words
// Normalised text has exactly one space between words (see text/normalizer.h),
// so tokens are joined by a single space.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace candour {

// Regex for a run of separators between words.
inline constexpr std::string_view kSeparatorRegex = " ";
inline constexpr std::string_view kAnyWordRegex = "[^ ]+";

std::string escape_regex_literal(std::string_view literal);

// A literal that may contain spaces: its words are joined by the separator regex.
std::string literal_to_regex(std::string_view literal);

// One token of a pattern, as the regex reads it.
struct PhraseToken {
  std::vector<std::string> alternatives;  // normalised literals
  bool optional = false;
  bool gap_before = false;  // "..." between it and the token before
};

// Returns the regex, or "" and sets *error. Literal words in the pattern are
// normalised like message text; class entries must already be. `tokens`, if
// given, receives the pattern's tokens in order.
std::string compile_phrase_pattern(std::string_view pattern,
                                   const std::map<std::string, std::vector<std::string>>& classes,
                                   std::string* error, std::vector<PhraseToken>* tokens = nullptr);

}  // namespace candour
