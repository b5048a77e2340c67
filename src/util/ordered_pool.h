// A pool that processes items in batches and hands them, in the order they
// were given, to one delivery thread. The scan and check commands use it so
// that N threads give byte-for-byte the output of one: only the order-free
// work (detection) runs in parallel, and everything that depends on order
// runs in delivery, one item at a time.
//
// The producer fills slots (next_slot) and commits them. drain() returns
// once every committed item has been delivered. Slots are reused, so items
// keep their buffers between uses.
//
// Nobody waits while there is work: the producer, when enough batches are
// out, and the delivery thread, when the next batch is not finished, work
// batches themselves. So `threads` 2 is the producer and the delivery thread
// alone, both busy on two cores, where dedicated workers made four threads
// taking turns on them (4,267 thread switches in a 1M-message scan against
// 812 now, and more CPU in wake-ups and refilled caches; docs/performance.md).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#endif

namespace candour {

template <class Item>
class OrderedPool {
 public:
  // `threads` counts the producer's own. `work(worker, item)` runs on any of
  // them: worker 0 is the producer, 1 the delivery thread, 2 and up the
  // threads beyond those two. `deliver(item)` runs on the delivery thread,
  // in commit order. With `threads` 1 (or 0) there are no threads: each full
  // batch is worked and then delivered by the producer, in commit() and drain().
  using Work = std::function<void(int worker, Item& item)>;
  using Deliver = std::function<void(Item& item)>;

  // At most two batches a thread are out (set_window): items are still in
  // cache when they are worked and delivered (a 2-thread 1M scan 0.53 s
  // with four a thread, 0.52 with two, 0.65 with one).
  OrderedPool(int threads, std::size_t batch_size, Work work, Deliver deliver)
      : batch_size_(batch_size),
        threads_(std::max(threads, 1)),
        max_batches_(threads <= 1 ? 1 : static_cast<std::size_t>(threads) * 2),
        inline_(threads <= 1),
        work_(std::move(work)),
        deliver_(std::move(deliver)) {
    for (int i = 2; i < threads; ++i) workers_.emplace_back([this, i] { run_worker(i); });
    if (!inline_) delivery_ = std::thread([this] { run_delivery(); });
  }

  ~OrderedPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      queue_.clear();  // interrupted: work not yet started is dropped
    }
    changed_.notify_all();
    for (auto& t : workers_) t.join();
    if (delivery_.joinable()) delivery_.join();
  }

  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // How many batches a thread may be out. More suit a producer that gives
  // items in bursts with long pauses between (a reader that parses a whole
  // chat before its first message): the other threads have work meanwhile.
  void set_window(std::size_t batches_per_thread) {
    if (inline_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    max_batches_ = static_cast<std::size_t>(threads_) * std::max<std::size_t>(batches_per_thread, 1);
  }

  // The slot to fill next; valid until commit(). Slots never move, so an
  // item may hold views into its own strings.
  Item& next_slot() {
    if (!filling_) filling_ = take_free_batch();
    return filling_->items[filling_->count];
  }

  void commit() {
    if (++filling_->count == batch_size_) submit();
  }

  // Submits the partial batch and waits (working) until everything has been delivered.
  void drain() {
    if (filling_ && filling_->count > 0) submit();
    if (inline_) return;
    std::unique_lock<std::mutex> lock(mutex_);
    while (!in_flight_.empty()) {
      if (!queue_.empty()) {
        work_next(lock, 0);
      } else {
        changed_.wait(lock);
      }
    }
  }

 private:
  struct Batch {
    std::vector<Item> items;
    std::size_t count = 0;
    bool done = false;
  };

  // While too many batches are out (so memory stays bounded), the producer works one.
  std::unique_ptr<Batch> take_free_batch() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (in_flight_.size() >= max_batches_) {
      if (!queue_.empty()) {
        work_next(lock, 0);
      } else {
        changed_.wait(lock);
      }
    }
    std::unique_ptr<Batch> b;
    if (free_.empty()) {
      b = std::make_unique<Batch>();
      b->items.resize(batch_size_);
    } else {
      b = std::move(free_.back());
      free_.pop_back();
    }
    b->count = 0;
    b->done = false;
    return b;
  }

  void submit() {
    if (inline_) {
      for (std::size_t i = 0; i < filling_->count; ++i) work_(0, filling_->items[i]);
      for (std::size_t i = 0; i < filling_->count; ++i) deliver_(filling_->items[i]);
      filling_->count = 0;
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(filling_.get());
      in_flight_.push_back(std::move(filling_));
    }
    changed_.notify_all();
  }

  // Works the oldest batch not yet started; `lock` is held on entry and exit.
  void work_next(std::unique_lock<std::mutex>& lock, int worker) {
    Batch* batch = queue_.front();
    queue_.pop_front();
    lock.unlock();
    for (std::size_t i = 0; i < batch->count; ++i) work_(worker, batch->items[i]);
    lock.lock();
    batch->done = true;
    changed_.notify_all();
  }

  void run_worker(int worker) {
    yield_to_producer();
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      work_next(lock, worker);
    }
  }

  // Threads beyond the producer and the delivery thread run at a lower
  // priority (nice +5). With more busy threads than cores, equal shares
  // starve the producer, which must read and parse every message alone.
  // Measured on 2 cores with two such workers: a two-thread scan 0.665 ->
  // 0.64 s (WhatsApp, 1M messages), 1.25 -> 1.17 s (Messenger), medians of 8
  // and 5 alternating runs; docs/performance.md.
  static void yield_to_producer() {
#ifdef __linux__
    const id_t self = static_cast<id_t>(::gettid());
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, self);
    if (errno == 0) ::setpriority(PRIO_PROCESS, self, std::min(nice + 5, 19));
#endif
  }

  // Delivers the next batch once it is done, and works batches meanwhile.
  void run_delivery() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (stopping_) return;
      if (!in_flight_.empty() && in_flight_.front()->done) {
        Batch* batch = in_flight_.front().get();
        lock.unlock();
        for (std::size_t i = 0; i < batch->count; ++i) deliver_(batch->items[i]);
        lock.lock();
        free_.push_back(std::move(in_flight_.front()));
        in_flight_.pop_front();
        changed_.notify_all();
      } else if (!queue_.empty()) {
        work_next(lock, 1);
      } else {
        changed_.wait(lock);
      }
    }
  }

  const std::size_t batch_size_;
  const int threads_;
  std::size_t max_batches_;  // guarded by mutex_
  const bool inline_;
  Work work_;
  Deliver deliver_;
  std::vector<std::thread> workers_;
  std::thread delivery_;
  std::mutex mutex_;
  std::condition_variable changed_;  // any change of the queues below
  std::deque<Batch*> queue_;         // submitted, not yet started
  std::deque<std::unique_ptr<Batch>> in_flight_;  // submitted, not yet delivered, in commit order
  std::vector<std::unique_ptr<Batch>> free_;
  bool stopping_ = false;
  std::unique_ptr<Batch> filling_;  // the producer's own
};

}  // namespace candour
