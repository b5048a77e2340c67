#include "ingest/whatsapp_header.h"

#include "ingest/timestamps.h"

namespace candour {

std::string_view to_string(DateOrder order) {
  switch (order) {
    case DateOrder::dmy: return "dmy";
    case DateOrder::mdy: return "mdy";
    case DateOrder::ymd: return "ymd";
  }
  return "dmy";
}

bool parse_date_order(std::string_view text, DateOrder* order) {
  if (text == "dmy") *order = DateOrder::dmy;
  else if (text == "mdy") *order = DateOrder::mdy;
  else if (text == "ymd") *order = DateOrder::ymd;
  else return false;
  return true;
}

namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view text) : s_(text) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  std::size_t pos() const { return i_; }
  bool take(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // Byte by byte: the literals are two or three bytes, and this runs a few
  // times on every line of an export, in both passes (memcmp was among the
  // top symbols of a scan).
  bool take(std::string_view literal) {
    if (s_.size() - i_ < literal.size()) return false;
    for (std::size_t k = 0; k < literal.size(); ++k) {
      if (s_[i_ + k] != literal[k]) return false;
    }
    i_ += literal.size();
    return true;
  }
  // Reads 1..max_digits digits.
  bool number(int max_digits, int* value, int* digits) {
    int v = 0, n = 0;
    while (n < max_digits && !done() && s_[i_] >= '0' && s_[i_] <= '9') {
      v = v * 10 + (s_[i_] - '0');
      ++i_, ++n;
    }
    if (n == 0) return false;
    *value = v;
    if (digits) *digits = n;
    return true;
  }
  // Skips spaces, no-break spaces (U+00A0) and narrow no-break spaces (U+202F).
  int spaces() {
    int count = 0;
    for (;;) {
      if (take(' ')) {
        ++count;
      } else if (peek() != '\xC2' && peek() != '\xE2') {
        return count;
      } else if (take("\xC2\xA0") || take("\xE2\x80\xAF")) {
        ++count;
      } else {
        return count;
      }
    }
  }
  void skip_marks() {
    while ((peek() == '\xE2' || peek() == '\xEF') &&
           (take("\xE2\x80\x8E") || take("\xE2\x80\x8F") || take("\xEF\xBB\xBF"))) {
    }
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// "AM", "pm", "a.m.", "p. m." (Spanish), with any of the space kinds inside.
int parse_meridiem(Cursor& c) {
  char first = c.peek();
  int value;
  if (first == 'a' || first == 'A') value = 1;
  else if (first == 'p' || first == 'P') value = 2;
  else return 0;
  c.take(first);
  c.take('.');
  c.spaces();
  if (!c.take('m') && !c.take('M')) return -1;
  c.take('.');
  return value;
}

}  // namespace

uint32_t WhatsAppHeader::layout() const {
  return (bracketed ? 1u : 0u) | (has_seconds ? 2u : 0u) | (meridiem ? 4u : 0u) |
         (static_cast<uint32_t>(static_cast<unsigned char>(date_separator)) << 8) |
         (static_cast<uint32_t>(first_digits == 4 ? 1 : 0) << 16);
}

bool WhatsAppHeader::resolve(DateOrder order, int* year, int* month, int* day, int* hour24) const {
  switch (order) {
    case DateOrder::ymd: *year = first, *month = second, *day = third; break;
    case DateOrder::mdy: *month = first, *day = second, *year = third; break;
    default: *day = first, *month = second, *year = third; break;
  }
  if (order != DateOrder::ymd && third_digits == 2) *year += 2000;
  if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *year < 2000 || *year > 2100) return false;
  int h = hour;
  if (meridiem) {
    if (h < 1 || h > 12) return false;
    if (meridiem == 1 && h == 12) h = 0;
    if (meridiem == 2 && h != 12) h += 12;
  }
  if (h > 23 || minute > 59 || second_of_minute > 59) return false;
  *hour24 = h;
  return true;
}

int64_t WhatsAppHeader::sort_key(DateOrder order) const {
  int year, month, day, h;
  if (!resolve(order, &year, &month, &day, &h)) return -1;
  return ((((int64_t{year} * 100 + month) * 100 + day) * 100 + h) * 100 + minute) * 100 + second_of_minute;
}

bool WhatsAppHeader::to_iso(DateOrder order, std::string* iso) const {
  int year, month, day, h;
  if (!resolve(order, &year, &month, &day, &h)) return false;
  format_iso(year, month, day, h, minute, second_of_minute, *iso);
  return true;
}

bool parse_whatsapp_header(std::string_view line, WhatsAppHeader* h) {
  Cursor c(line);
  c.skip_marks();
  h->bracketed = c.take('[');
  int digits = 0;
  if (!c.number(4, &h->first, &h->first_digits)) return false;
  char sep = c.peek();
  if (sep != '/' && sep != '.' && sep != '-') return false;
  c.take(sep);
  h->date_separator = sep;
  if (!c.number(2, &h->second, &digits)) return false;
  if (!c.take(sep)) return false;
  if (!c.number(4, &h->third, &h->third_digits)) return false;
  if (h->first_digits == 4) {
    if (h->third_digits > 2) return false;
  } else if (h->first_digits > 2 || (h->third_digits != 2 && h->third_digits != 4)) {
    return false;
  }
  c.take('.');  // some locales end the date with a dot
  c.take(',');
  if (c.spaces() == 0) return false;
  if (!c.number(2, &h->hour, &digits)) return false;
  if (!c.take(':') || !c.number(2, &h->minute, &digits) || digits != 2) return false;
  h->has_seconds = false;
  h->second_of_minute = 0;
  if (c.take(':')) {
    if (!c.number(2, &h->second_of_minute, &digits) || digits != 2) return false;
    h->has_seconds = true;
  }
  int space_before_meridiem = c.spaces();
  h->meridiem = 0;
  if (space_before_meridiem > 0) {
    int m = parse_meridiem(c);
    if (m < 0) return false;
    h->meridiem = m;
  }
  if (h->bracketed) {
    if (!c.take(']')) return false;
    c.spaces();
  } else {
    if (h->meridiem) c.spaces();
    else if (space_before_meridiem == 0) return false;
    // " - " (ASCII hyphen) or " – " (en dash) as some phones write it.
    if (!c.take('-') && !c.take("\xE2\x80\x93")) return false;
    if (c.spaces() == 0 && !c.done()) return false;
  }
  c.skip_marks();
  h->body_offset = c.pos();
  return true;
}

}  // namespace candour
