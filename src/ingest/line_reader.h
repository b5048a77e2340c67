// Splits a ByteSource into lines without loading it whole. A line ends at
// '\n'; one '\r' before it is dropped (WhatsApp on iOS writes CRLF between
// messages and bare LF inside them). A UTF-8 BOM at the start is skipped.
// Lines longer than the cap are cut there and counted, never silently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/byte_source.h"
#include "util/sha256.h"

namespace candour {

class LineReader {
 public:
  static constexpr std::size_t kDefaultMaxLine = 16u << 20;

  // `hash` (optional) receives every byte read, for the source's sha256.
  LineReader(ByteSource& source, Sha256* hash, std::size_t max_line = kDefaultMaxLine);

  // Returns false at the end of input. The view is valid until the next call.
  bool next(std::string_view* line);
  uint64_t line_number() const { return line_number_; }  // 1-based, of the last line returned
  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t cut_lines() const { return cut_lines_; }
  bool last_line_was_cut() const { return last_cut_; }

 private:
  bool fill();
  ByteSource& source_;
  Sha256* hash_;
  std::size_t max_line_;
  // Not a std::string: growing one zero-fills each chunk before it is read into.
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0, size_ = 0;
  std::size_t begin_ = 0;  // start of unread data in buffer_
  bool eof_ = false;
  bool at_start_ = true;
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  uint64_t cut_lines_ = 0;
  bool last_cut_ = false;
  bool skipping_rest_ = false;  // discarding the tail of an over-long line
};

}  // namespace candour
