#include "ingest/line_reader.h"

#include <cstring>

namespace candour {

namespace {
constexpr std::size_t kChunk = 1 << 20;
}

LineReader::LineReader(ByteSource& source, Sha256* hash, std::size_t max_line)
    : source_(source), hash_(hash), max_line_(max_line) {}

bool LineReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    buffer_.erase(0, begin_);
    begin_ = 0;
  }
  std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunk);
  std::size_t got = source_.read(buffer_.data() + old_size, kChunk);
  buffer_.resize(old_size + got);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  bytes_read_ += got;
  if (hash_) hash_->update(std::string_view(buffer_.data() + old_size, got));
  if (at_start_ && buffer_.size() >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) {
    begin_ = 3;
  }
  if (buffer_.size() >= 3) at_start_ = false;
  return true;
}

bool LineReader::next(std::string_view* line) {
  last_cut_ = false;
  for (;;) {
    const char* start = buffer_.data() + begin_;
    std::size_t available = buffer_.size() - begin_;
    const void* newline = std::memchr(start, '\n', available);
    if (newline || (eof_ && available > 0)) {
      std::size_t length = newline ? static_cast<const char*>(newline) - start : available;
      begin_ += newline ? length + 1 : length;
      if (skipping_rest_) {
        skipping_rest_ = false;
        continue;  // the cut line was already returned
      }
      std::string_view view(start, length);
      if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
      ++line_number_;
      *line = view;  // stays valid: the buffer only changes in the next call
      return true;
    }
    if (eof_) return false;
    if (!skipping_rest_ && available > max_line_) {
      // Return the first max_line_ bytes now; drop the rest up to the newline.
      ++line_number_;
      ++cut_lines_;
      last_cut_ = true;
      *line = std::string_view(start, max_line_);
      begin_ = buffer_.size();
      skipping_rest_ = true;
      return true;
    }
    if (skipping_rest_) begin_ = buffer_.size();
    if (!fill() && !eof_) return false;
  }
}

}  // namespace candour
