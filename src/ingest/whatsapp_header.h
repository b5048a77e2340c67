// Recognising the timestamp header that starts each WhatsApp entry, in every
// layout phones write (docs/formats/whatsapp.md):
//   Android  31/12/2020, 21:41 - Name: text      12/31/20, 9:41 PM - Name: text
//            31.12.20, 21:41 - ...   31-12-2020 21:41 - ...   2020-12-31, 21:41 - ...
//            with U+202F or a plain space before AM/PM, "am"/"pm", "p. m."
//   iOS      [31/12/2020, 21:41:05] Name: text   (often after U+200E marks)
// The header says nothing about day/month order; that is decided for the
// whole file (DateOrder) because "03/04" alone is ambiguous.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace candour {

enum class DateOrder { dmy, mdy, ymd };

std::string_view to_string(DateOrder order);
bool parse_date_order(std::string_view text, DateOrder* order);

struct WhatsAppHeader {
  bool bracketed = false;   // iOS "[...]"
  int first = 0, second = 0, third = 0;  // the three date fields in written order
  int first_digits = 0, third_digits = 0;
  char date_separator = '/';
  int hour = 0, minute = 0, second_of_minute = 0;
  bool has_seconds = false;
  int meridiem = 0;         // 0: 24-hour clock, 1: AM, 2: PM
  std::size_t body_offset = 0;  // where "Name: text" (or a system text) starts

  // Layout fingerprint: entries of one export all share it, so a line in a
  // message body that happens to look like another layout is not a header.
  uint32_t layout() const;

  // "YYYY-MM-DDTHH:MM:SS" under `order`; false if the date is impossible.
  bool to_iso(DateOrder order, std::string* iso) const;
  // The same moment as a number that sorts like the ISO string; -1 if impossible.
  int64_t sort_key(DateOrder order) const;

 private:
  bool resolve(DateOrder order, int* year, int* month, int* day, int* hour24) const;
};

// Parses a header at the start of `line`. Leading U+200E/U+200F marks and a
// BOM are skipped.
bool parse_whatsapp_header(std::string_view line, WhatsAppHeader* header);

}  // namespace candour
