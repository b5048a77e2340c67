#include "text/normalizer.h"

#include <utf8proc.h>

#include <array>
#include <cstring>
#include <type_traits>

#include "text/utf8.h"

namespace candour {

char32_t fold_lookalike(char32_t cp) {
  switch (cp) {
    // Cyrillic (after case folding)
    case 0x0430: return 'a';
    case 0x0432: return 'b';
    case 0x0435: return 'e';
    case 0x0451: return 'e';
    case 0x0456: return 'i';
    case 0x0458: return 'j';
    case 0x043A: return 'k';
    case 0x043C: return 'm';
    case 0x043D: return 'h';
    case 0x043E: return 'o';
    case 0x0440: return 'p';
    case 0x0441: return 'c';
    case 0x0442: return 't';
    case 0x0443: return 'y';
    case 0x0445: return 'x';
    case 0x0455: return 's';
    case 0x0501: return 'd';
    case 0x051B: return 'q';
    case 0x051D: return 'w';
    case 0x04AF: return 'y';
    case 0x04BB: return 'h';
    case 0x0491: return 'r';
    // Greek
    case 0x03B1: return 'a';
    case 0x03B2: return 'b';
    case 0x03B5: return 'e';
    case 0x03B7: return 'n';
    case 0x03B9: return 'i';
    case 0x03BA: return 'k';
    case 0x03BD: return 'v';
    case 0x03BF: return 'o';
    case 0x03C1: return 'p';
    case 0x03C4: return 't';
    case 0x03C5: return 'u';
    case 0x03C7: return 'x';
    case 0x03C9: return 'w';
    // Latin letters that stand in for others
    case 0x0131: return 'i';  // dotless i
    case 0x0269: return 'i';
    case 0x0261: return 'g';  // script g
    case 0x01BF: return 'p';
    default: return cp;
  }
}

bool is_separator_ascii(unsigned char c) {
  if (c >= 'a' && c <= 'z') return false;
  if (c >= 'A' && c <= 'Z') return false;
  if (c >= '0' && c <= '9') return false;
  // Kept: apostrophes (contractions) and the symbols people mask or
  // leetspeak with (f***, sh!t, @ss, $hit, #).
  switch (c) {
    case '\'':
    case '*':
    case '!':
    case '@':
    case '$':
    case '#':
      return false;
    default:
      return c < 0x80;
  }
}

namespace {

// Each ASCII byte as normalisation leaves it: lower case, or ' ' for a separator.
const std::array<char, 128> kAsciiFold = [] {
  std::array<char, 128> fold{};
  for (int c = 0; c < 128; ++c) {
    const auto byte = static_cast<unsigned char>(c);
    fold[c] = is_separator_ascii(byte) ? ' ' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
  }
  return fold;
}();

}  // namespace

bool is_separator_codepoint(char32_t cp) {
  if (cp < 0x80) return is_separator_ascii(static_cast<unsigned char>(cp));
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
    case UTF8PROC_CATEGORY_CC:
      return true;
    default:
      return false;
  }
}

void Normalizer::emit(char c, std::size_t from, std::size_t to) {
  if (c == ' ') {
    // A run of separators becomes one space that maps to the whole run.
    if (!out_.empty() && out_.back() == ' ') {
      end_.back() = static_cast<uint32_t>(to);
      return;
    }
  }
  out_.push_back(c);
  start_.push_back(static_cast<uint32_t>(from));
  end_.push_back(static_cast<uint32_t>(to));
}

void Normalizer::emit_codepoint(char32_t cp, std::size_t from, std::size_t to) {
  if (cp < 0x80 || is_separator_codepoint(cp)) {
    emit(is_separator_codepoint(cp) ? ' ' : static_cast<char>(cp), from, to);
    return;
  }
  std::size_t before = out_.size();
  append_utf8(cp, out_);
  for (std::size_t i = before; i < out_.size(); ++i) {
    start_.push_back(static_cast<uint32_t>(from));
    end_.push_back(static_cast<uint32_t>(to));
  }
}

namespace {

bool all_ascii(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, sizeof chunk);
    if (chunk & 0x8080808080808080ull) return false;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
  }
  return true;
}

// Normalises the ASCII bytes text[i, end) into out[at...]: lower-cased, each
// run of separators one space. kText writes the text; kMap the offset map
// (start, end: per normalised byte, its original bytes; one space maps to
// its whole run), reading the text already written when kText is off.
// Returns the normalised length.
template <bool kText, bool kMap>
std::size_t fold_ascii(std::string_view text, std::size_t i, std::size_t end,
                       std::conditional_t<kText, char*, const char*> out, std::size_t at, uint32_t* start_map,
                       uint32_t* end_map) {
  for (; i < end; ++i) {
    const char folded = kAsciiFold[static_cast<unsigned char>(text[i])];
    if (folded == ' ' && at > 0 && out[at - 1] == ' ') {
      if constexpr (kMap) end_map[at - 1] = static_cast<uint32_t>(i + 1);
      continue;
    }
    if constexpr (kText) out[at] = folded;
    if constexpr (kMap) {
      start_map[at] = static_cast<uint32_t>(i);
      end_map[at] = static_cast<uint32_t>(i + 1);
    }
    ++at;
  }
  return at;
}

}  // namespace

void Normalizer::make_ascii_map() const {
  ascii_unmapped_ = false;
  start_.resize(out_.size());
  end_.resize(out_.size());
  fold_ascii<false, true>(text_, 0, text_.size(), out_.data(), 0, start_.data(), end_.data());
}

std::string_view Normalizer::normalize(std::string_view text) {
  out_.clear();
  start_.clear();
  end_.clear();
  text_ = text;
  ascii_unmapped_ = false;
  const std::size_t n = text.size();
  if (all_ascii(text)) {
    out_.resize(n);
    out_.resize(fold_ascii<true, false>(text, 0, n, out_.data(), 0, nullptr, nullptr));
    ascii_unmapped_ = true;
    return out_;
  }
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      // Fast path: a run of plain ASCII only needs lower-casing and its
      // separators collapsed, written straight into the buffers.
      std::size_t run_end = i + 1;
      while (run_end < n && static_cast<unsigned char>(text[run_end]) < 0x80) ++run_end;
      std::size_t at = out_.size();
      out_.resize(at + (run_end - i));
      start_.resize(out_.size());
      end_.resize(out_.size());
      at = fold_ascii<true, true>(text, i, run_end, out_.data(), at, start_.data(), end_.data());
      i = run_end;
      out_.resize(at);
      start_.resize(at);
      end_.resize(at);
      continue;
    }
    std::size_t len = 0;
    char32_t cp = decode_utf8(text, i, &len);
    const std::size_t from = i, to = i + len;
    i += len;
    if (is_invisible_format_char(cp)) continue;
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032) {
      emit('\'', from, to);
      continue;
    }
    utf8proc_int32_t decomposed[18];
    int last_boundclass = 0;
    utf8proc_ssize_t count = utf8proc_decompose_char(
        static_cast<utf8proc_int32_t>(cp), decomposed, 18,
        static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                       UTF8PROC_IGNORE | UTF8PROC_LUMP),
        &last_boundclass);
    if (count < 0 || count > 18) {
      emit_codepoint(cp, from, to);
      continue;
    }
    for (utf8proc_ssize_t k = 0; k < count; ++k) {
      char32_t d = static_cast<char32_t>(decomposed[k]);
      if (d >= 'A' && d <= 'Z') d += 32;
      emit_codepoint(fold_lookalike(d), from, to);
    }
  }
  return out_;
}

}  // namespace candour
