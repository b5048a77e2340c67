// Bytes handed to a thread of their own in whole buffers and consumed there,
// in order: hashing and writing large outputs, or hashing a source, off the
// thread that produces the bytes. write() only copies; at most a few buffers
// are in flight, so memory stays flat and a slow consumer slows the producer
// down rather than filling memory.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace candour {

class BufferPipe {
 public:
  static constexpr std::size_t kBufferBytes = 256 * 1024;

  // `consume` runs on the pipe's thread, once per full buffer (the last may
  // be shorter), in the order the bytes were written.
  explicit BufferPipe(std::function<void(std::string_view)> consume);
  ~BufferPipe();  // finish()
  BufferPipe(const BufferPipe&) = delete;
  BufferPipe& operator=(const BufferPipe&) = delete;

  void write(std::string_view bytes);
  // Hands over what is left and waits until everything is consumed. Later
  // writes are not allowed.
  void finish();

 private:
  static constexpr std::size_t kBuffers = 4;
  void hand_over();
  void run();

  std::function<void(std::string_view)> consume_;
  std::string current_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> full_;
  std::vector<std::string> empty_;
  bool done_ = false;
  std::thread thread_;  // last: started once the rest exists
};

}  // namespace candour
