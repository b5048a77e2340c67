// A streaming JSON reader: pulls one token at a time from a ByteSource, so an
// export of hundreds of megabytes (Telegram, Discord, Teams) is read with a
// small, fixed buffer. simdjson is faster but wants the whole document in
// memory; see docs/decisions.md.
//
// Readers walk the top of a document with next()/skip(), then read each
// message object whole into a JsonTree (json_tree.h) and pick its fields.
//
// Limits, each an error naming the byte offset and line, never a crash:
// nesting deeper than kMaxDepth, a string longer than kMaxString.
// Lenient mode accepts the invalid "\xNN" escapes Telegram Desktop writes for
// control characters (counted in lenient_escapes()).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/byte_source.h"

namespace candour {

class JsonStream {
 public:
  static constexpr int kMaxDepth = 256;
  static constexpr std::size_t kMaxString = 64u << 20;

  enum class Token { begin_object, end_object, begin_array, end_array, key, string, number, boolean, null, end, error };

  explicit JsonStream(ByteSource& source, bool lenient = false);
  // Starts over on another source, keeping the buffer (JSON Lines: one per line).
  void reset(ByteSource& source);

  // The next token. After `key`, text() is the key; after `string` the
  // decoded string, after `number` its text, after `boolean` "true"/"false".
  Token next();
  std::string_view text() const { return text_; }
  // After next() returned begin_object or begin_array: skips to the matching
  // end. After a scalar: does nothing. Returns false on error.
  bool skip(Token started);
  // Reads the value after a key and returns it as text if it is a string,
  // number or boolean; skips objects and arrays (returns false for them).
  bool scalar(std::string* out);

  int depth() const { return depth_; }
  uint64_t offset() const { return offset_ + pos_; }  // bytes consumed so far
  uint64_t line() const { return line_; }              // 1-based line of the last token
  uint64_t token_offset() const { return token_offset_; }
  const std::string& error() const { return error_; }
  uint64_t lenient_escapes() const { return lenient_escapes_; }
  bool at_end_of_input();  // only whitespace is left

 private:
  int peek();
  int get();
  bool fill();
  Token fail(std::string message);
  bool read_string();
  bool read_literal(std::string_view word);
  bool read_number(int first);
  bool skip_space_and_separators();

  ByteSource* source_;
  bool lenient_;
  std::string buffer_;
  std::size_t pos_ = 0, end_ = 0;
  uint64_t offset_ = 0;  // bytes of input before buffer_[0]
  uint64_t line_ = 1;
  uint64_t token_offset_ = 0;
  bool eof_ = false;
  bool bom_checked_ = false;
  int depth_ = 0;
  std::string stack_;  // 'o' or 'a' per open container
  char state_ = 0;     // what the grammar expects next (State in the .cc)
  std::string text_;
  std::string error_;
  uint64_t lenient_escapes_ = 0;
};

}  // namespace candour
