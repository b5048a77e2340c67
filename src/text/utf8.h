// UTF-8 decoding and encoding helpers. Invalid bytes are never fatal: each is
// decoded as U+FFFD with a length of one byte, so callers always make progress.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace candour {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point at text[pos]; sets *length to the bytes it used (>= 1).
char32_t decode_utf8(std::string_view text, std::size_t pos, std::size_t* length);

// Decodes the code point that ends just before text[pos]; sets *length.
char32_t decode_utf8_before(std::string_view text, std::size_t pos, std::size_t* length);

void append_utf8(char32_t cp, std::string& out);

bool is_valid_utf8(std::string_view text);

// Letters and digits of any script (used for word boundaries).
bool is_word_codepoint(char32_t cp);

// Characters that are invisible and carry no meaning for matching: zero-width
// spaces and joiners, bidi controls, the BOM, soft hyphen.
bool is_invisible_format_char(char32_t cp);

}  // namespace candour
