// A minimal streaming JSON writer that appends to a string. Output is
// deterministic (fixed key order as written, shortest round-trip numbers) and
// always valid UTF-8: invalid input bytes are written as U+FFFD.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace candour {

void append_json_string(std::string& out, std::string_view text);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(int64_t number);
  JsonWriter& value(uint64_t number);
  JsonWriter& value(int number) { return value(static_cast<int64_t>(number)); }
  JsonWriter& value(double number);
  JsonWriter& value(bool flag);
  JsonWriter& null();
  // Inserts already-serialised JSON (for example an id copied from input).
  JsonWriter& raw(std::string_view json);
  // An array of strings.
  template <typename Strings>
  JsonWriter& strings(const Strings& list) {
    begin_array();
    for (const auto& s : list) value(std::string_view(s));
    return end_array();
  }
  // A string value, or null when empty.
  JsonWriter& string_or_null(std::string_view text);

 private:
  void before_value();
  std::string& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace candour
