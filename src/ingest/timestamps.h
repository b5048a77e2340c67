// Times as chat exports write them, turned into the two forms a record
// carries: the wall clock as exported ("YYYY-MM-DDTHH:MM:SS") and, when the
// export says which instant it means, UTC ("...Z").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace candour {

// "YYYY-MM-DDTHH:MM:SS" into `out`, written by hand: this runs for every
// message of every export. Years outside 0..9999 are written with fmt.
void format_iso(int64_t year, int month, int day, int hour, int minute, int second, std::string& out);

// Seconds since 1970-01-01T00:00:00Z -> "YYYY-MM-DDTHH:MM:SS" (no zone suffix).
std::string iso_from_unix(int64_t seconds);
// The same, written into `out` (its buffer reused).
void iso_from_unix(int64_t seconds, std::string& out);

// "1500000000", "1500000000.000100" (Slack), "1500000000123" with `millis`.
bool parse_unix_time(std::string_view text, bool millis, int64_t* seconds);

// ISO 8601 as Discord, Teams and Cellebrite write it: "2017-03-02T21:14:00",
// with optional fraction, 'Z' or "+01:00", and ' ' accepted for 'T'.
// `wall` gets the wall clock as written; `utc` the UTC time with a 'Z' when
// an offset or 'Z' was given, else "". Returns false if it is not such a time.
bool parse_iso8601(std::string_view text, std::string* wall, std::string* utc);

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

}  // namespace candour
