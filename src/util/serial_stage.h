// One thread that works through items in the order they were pushed. The
// scan's delivery thread hands it the flagged records whose reply window has
// closed, so writing findings.jsonl, the CSV and the report runs beside the
// order-dependent analysis instead of after it, on the same order.
//
// push() blocks while `capacity` items wait, so memory stays bounded;
// drain() returns once every pushed item has been worked. The destructor
// drops items not yet started (an interrupted scan writes no output).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace candour {

template <class Item>
class SerialStage {
 public:
  using Work = std::function<void(Item& item)>;

  SerialStage(std::size_t capacity, Work work) : capacity_(capacity), work_(std::move(work)) {
    thread_ = std::thread([this] { run(); });
  }

  ~SerialStage() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      queue_.clear();
    }
    changed_.notify_all();
    thread_.join();
  }

  SerialStage(const SerialStage&) = delete;
  SerialStage& operator=(const SerialStage&) = delete;

  void push(Item&& item) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return queue_.size() < capacity_; });
      queue_.push_back(std::move(item));
    }
    changed_.notify_all();
  }

  void drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return queue_.empty() && !busy_; });
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      Item item = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      lock.unlock();
      changed_.notify_all();  // room for the producer
      work_(item);
      lock.lock();
      busy_ = false;
      if (queue_.empty()) changed_.notify_all();  // drain() may be waiting
    }
  }

  const std::size_t capacity_;
  Work work_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Item> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace candour
