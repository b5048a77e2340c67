#include "text/utf8.h"

#include <cstring>

#include <utf8proc.h>

namespace candour {

char32_t decode_utf8(std::string_view text, std::size_t pos, std::size_t* length) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  unsigned char c = s[pos];
  if (c < 0x80) {
    *length = 1;
    return c;
  }
  std::size_t need;
  char32_t cp;
  char32_t min;
  if ((c & 0xE0) == 0xC0) {
    need = 1, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    need = 2, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    need = 3, cp = c & 0x07, min = 0x10000;
  } else {
    *length = 1;
    return kReplacementChar;
  }
  if (pos + need >= n) {  // truncated sequence at the end of the text
    *length = 1;
    return kReplacementChar;
  }
  for (std::size_t i = 1; i <= need; ++i) {
    unsigned char t = s[pos + i];
    if ((t & 0xC0) != 0x80) {
      *length = 1;
      return kReplacementChar;
    }
    cp = (cp << 6) | (t & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *length = 1;
    return kReplacementChar;
  }
  *length = need + 1;
  return cp;
}

char32_t decode_utf8_before(std::string_view text, std::size_t pos, std::size_t* length) {
  std::size_t start = pos;
  // Step back over at most three continuation bytes to the lead byte.
  while (start > 0 && pos - start < 4) {
    --start;
    if ((static_cast<unsigned char>(text[start]) & 0xC0) != 0x80) break;
  }
  std::size_t len = 0;
  char32_t cp = decode_utf8(text, start, &len);
  if (start + len != pos) {
    *length = 1;
    return kReplacementChar;
  }
  *length = len;
  return cp;
}

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // Chat text is mostly ASCII: eight bytes at a time while it is.
    uint64_t eight;
    if (i + 8 <= text.size() && (std::memcpy(&eight, text.data() + i, 8), (eight & 0x8080808080808080ull) == 0)) {
      i += 8;
      continue;
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    if (decode_utf8(text, i, &len) == kReplacementChar && len == 1) return false;
    i += len;
  }
  return true;
}

bool is_word_codepoint(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
      return true;
    default:
      return false;
  }
}

bool is_invisible_format_char(char32_t cp) {
  switch (cp) {
    case 0x00AD:  // soft hyphen
    case 0x034F:  // combining grapheme joiner
    case 0x061C:  // Arabic letter mark
    case 0x180E:  // Mongolian vowel separator
    case 0xFEFF:  // BOM / zero-width no-break space
      return true;
    default:
      break;
  }
  return (cp >= 0x200B && cp <= 0x200F) ||  // zero-width space, joiners, LRM, RLM
         (cp >= 0x202A && cp <= 0x202E) ||  // bidi embeddings and overrides
         (cp >= 0x2060 && cp <= 0x206F) ||  // word joiner, invisible operators, bidi isolates
         (cp >= 0xFE00 && cp <= 0xFE0F);    // variation selectors
}

}  // namespace candour
