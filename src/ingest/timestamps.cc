#include "ingest/timestamps.h"

#include <fmt/core.h>

#include <charconv>

namespace candour {

namespace {

// Howard Hinnant's civil_from_days.
void civil_from_days(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool digits(std::string_view s, std::size_t pos, std::size_t count, int* out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

void format_iso(int64_t year, int month, int day, int hour, int minute, int second, std::string& out) {
  if (year < 0 || year > 9999) {
    out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", year, month, day, hour, minute, second);
    return;
  }
  char buffer[19];
  auto two = [&](int at, int64_t v) {
    buffer[at] = static_cast<char>('0' + v / 10);
    buffer[at + 1] = static_cast<char>('0' + v % 10);
  };
  two(0, year / 100);
  two(2, year % 100);
  buffer[4] = '-';
  two(5, month);
  buffer[7] = '-';
  two(8, day);
  buffer[10] = 'T';
  two(11, hour);
  buffer[13] = ':';
  two(14, minute);
  buffer[16] = ':';
  two(17, second);
  out.assign(buffer, sizeof buffer);
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void iso_from_unix(int64_t seconds, std::string& out) {
  int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  int64_t rest = seconds - days * 86400;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, &y, &m, &d);
  format_iso(y, static_cast<int>(m), static_cast<int>(d), static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
             static_cast<int>(rest % 60), out);
}

std::string iso_from_unix(int64_t seconds) {
  std::string out;
  iso_from_unix(seconds, out);
  return out;
}

bool parse_unix_time(std::string_view text, bool millis, int64_t* seconds) {
  std::size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), v);
  if (ec != std::errc() || end != whole.data() + whole.size() || whole.empty()) return false;
  if (millis) v = v >= 0 ? v / 1000 : -((-v + 999) / 1000);
  // Years 1900..2200: anything else is not a chat time.
  if (v < -2208988800LL || v > 7258118400LL) return false;
  *seconds = v;
  return true;
}

bool parse_iso8601(std::string_view s, std::string* wall, std::string* utc) {
  int y, mo, d, h, mi, se = 0;
  if (!digits(s, 0, 4, &y) || s.size() < 16 || s[4] != '-' || !digits(s, 5, 2, &mo) || s[7] != '-' ||
      !digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, &h) || s[13] != ':' ||
      !digits(s, 14, 2, &mi)) {
    return false;
  }
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, &se)) return false;
    pos += 3;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  format_iso(y, mo, d, h, mi, se, *wall);
  utc->clear();
  if (pos == s.size()) return true;
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    if (!digits(s, pos + 1, 2, &oh)) return false;
    std::size_t mpos = pos + 3;
    if (mpos < s.size() && s[mpos] == ':') ++mpos;
    if (mpos < s.size() && !digits(s, mpos, 2, &om)) return false;
    if (mpos < s.size()) mpos += 2;
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos = mpos;
  } else {
    return false;
  }
  if (pos != s.size()) return false;
  int64_t seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                    int64_t{h} * 3600 + mi * 60 + se - int64_t{offset_minutes} * 60;
  *utc = iso_from_unix(seconds) + "Z";
  return true;
}

}  // namespace candour
