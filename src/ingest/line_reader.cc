#include "ingest/line_reader.h"

#include <algorithm>
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
    std::memmove(buffer_.get(), buffer_.get() + begin_, size_ - begin_);
    size_ -= begin_;
    begin_ = 0;
  }
  if (capacity_ - size_ < kChunk) {
    const std::size_t capacity = std::max(2 * capacity_, size_ + kChunk);
    auto grown = std::make_unique_for_overwrite<char[]>(capacity);
    if (size_ > 0) std::memcpy(grown.get(), buffer_.get(), size_);
    buffer_ = std::move(grown);
    capacity_ = capacity;
  }
  const std::size_t old_size = size_;
  const std::size_t got = source_.read(buffer_.get() + old_size, kChunk);
  size_ = old_size + got;
  if (got == 0) {
    eof_ = true;
    return false;
  }
  bytes_read_ += got;
  if (hash_) hash_->update(std::string_view(buffer_.get() + old_size, got));
  if (at_start_ && size_ >= 3 && std::memcmp(buffer_.get(), "\xEF\xBB\xBF", 3) == 0) {
    begin_ = 3;
  }
  if (size_ >= 3) at_start_ = false;
  return true;
}

bool LineReader::next(std::string_view* line) {
  last_cut_ = false;
  for (;;) {
    const char* start = buffer_.get() + begin_;
    std::size_t available = size_ - begin_;
    const void* newline = available > 0 ? std::memchr(start, '\n', available) : nullptr;
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
      begin_ = size_;
      skipping_rest_ = true;
      return true;
    }
    if (skipping_rest_) begin_ = size_;
    if (!fill() && !eof_) return false;
  }
}

}  // namespace candour
