#include "util/buffer_pipe.h"

#include <algorithm>

namespace candour {

BufferPipe::BufferPipe(std::function<void(std::string_view)> consume)
    : consume_(std::move(consume)), thread_([this] { run(); }) {
  current_.reserve(kBufferBytes);
}

BufferPipe::~BufferPipe() { finish(); }

void BufferPipe::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const std::size_t take = std::min(kBufferBytes - current_.size(), bytes.size());
    current_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (current_.size() == kBufferBytes) hand_over();
  }
}

void BufferPipe::finish() {
  if (!thread_.joinable()) return;
  if (!current_.empty()) hand_over();
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BufferPipe::hand_over() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return full_.size() < kBuffers; });
  full_.push_back(std::move(current_));
  if (!empty_.empty()) {
    current_ = std::move(empty_.back());
    empty_.pop_back();
  } else {
    current_ = std::string();
    current_.reserve(kBufferBytes);
  }
  lock.unlock();
  changed_.notify_all();
}

void BufferPipe::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return done_ || !full_.empty(); });
    if (full_.empty()) return;  // done, and everything consumed
    std::string buffer = std::move(full_.front());
    full_.pop_front();
    lock.unlock();
    changed_.notify_all();
    consume_(buffer);
    buffer.clear();
    lock.lock();
    empty_.push_back(std::move(buffer));
  }
}

}  // namespace candour
