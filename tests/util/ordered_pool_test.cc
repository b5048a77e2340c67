#include "util/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace candour {
namespace {

struct Item {
  int value = 0;
  int doubled = 0;
  std::thread::id worked_on;
};

// Every item is worked and delivered once, in commit order, whatever the
// number of threads, also a last partial batch.
std::vector<int> run(int threads, int items, std::thread::id* worked_on = nullptr) {
  std::vector<int> delivered;
  OrderedPool<Item> pool(
      threads, 8,
      [](int, Item& item) {
        item.doubled = item.value * 2;
        item.worked_on = std::this_thread::get_id();
      },
      [&](Item& item) {
        delivered.push_back(item.doubled);
        if (worked_on) *worked_on = item.worked_on;
      });
  for (int i = 0; i < items; ++i) {
    pool.next_slot().value = i;
    pool.commit();
  }
  pool.drain();
  return delivered;
}

TEST(OrderedPool, DeliversEveryItemInCommitOrderWithAnyNumberOfThreads) {
  std::vector<int> expected;
  for (int i = 0; i < 101; ++i) expected.push_back(i * 2);
  for (int threads : {0, 1, 2, 3, 5}) EXPECT_EQ(run(threads, 101), expected) << threads << " threads";
  EXPECT_TRUE(run(0, 0).empty());
  EXPECT_TRUE(run(2, 0).empty());
}

TEST(OrderedPool, WithOneThreadTheCallerDoesTheWork) {
  std::thread::id worked_on;
  run(1, 5, &worked_on);
  EXPECT_EQ(worked_on, std::this_thread::get_id());
  run(0, 5, &worked_on);
  EXPECT_EQ(worked_on, std::this_thread::get_id());
}

// Who works what: with 2 threads only the producer and the delivery thread,
// each when its own task must wait (the producer with enough batches out,
// the delivery thread with the next batch unfinished); threads beyond those
// two are workers at a lower priority, so that the producer, which reads and
// parses alone, is never starved of a core.
struct Worked {
  std::mutex mutex;
  std::map<std::thread::id, int> by_thread;  // items worked
  std::map<std::thread::id, int> nice;       // each thread's nice value while working
  std::thread::id delivered_on;
};

void run_slowly(int threads, int batches, Worked& worked) {
  OrderedPool<Item> pool(
      threads, 4,
      [&](int, Item&) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        std::lock_guard<std::mutex> lock(worked.mutex);
        ++worked.by_thread[std::this_thread::get_id()];
#ifdef __linux__
        worked.nice[std::this_thread::get_id()] = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
#endif
      },
      [&](Item&) { worked.delivered_on = std::this_thread::get_id(); });
  for (int i = 0; i < batches * 4; ++i) {
    pool.next_slot();
    pool.commit();
  }
  pool.drain();
}

TEST(OrderedPool, WithTwoThreadsTheProducerAndTheDeliveryThreadShareTheWork) {
  Worked worked;
  run_slowly(2, 64, worked);
  const auto self = std::this_thread::get_id();
  ASSERT_NE(worked.delivered_on, self);
  EXPECT_EQ(worked.by_thread.size(), 2u);
  EXPECT_GT(worked.by_thread[self], 0) << "the producer never worked";
  EXPECT_GT(worked.by_thread[worked.delivered_on], 0) << "the delivery thread never worked";
}

// How many items a producer commits while the delivery thread is held up at
// the first, with two threads and batches of four (0: the default window);
// then checks that all 100 are delivered in order once it goes on.
int committed_while_delivery_waits(std::size_t window) {
  std::mutex gate;
  gate.lock();  // delivery waits here until it is opened
  std::atomic<int> committed{0};
  std::vector<int> delivered;
  int seen = -1;
  {
    OrderedPool<Item> pool(
        2, 4, [](int, Item& item) { item.doubled = item.value * 2; },
        [&](Item& item) {
          if (item.value == 0) std::lock_guard<std::mutex> wait(gate);
          delivered.push_back(item.doubled);
        });
    if (window) pool.set_window(window);
    std::thread producer([&] {
      for (int i = 0; i < 100; ++i) {
        pool.next_slot().value = i;
        pool.commit();
        ++committed;
      }
      pool.drain();
    });
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < give_up) {  // until it has started and stopped growing
      const int before = committed;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (before > 0 && before == committed) break;
    }
    seen = committed;
    gate.unlock();
    producer.join();
  }
  EXPECT_EQ(delivered.size(), 100u);
  for (std::size_t i = 0; i < delivered.size(); ++i) EXPECT_EQ(delivered[i], 2 * static_cast<int>(i));
  return seen;
}

// Memory stays bounded whatever the input: while the delivery thread is
// held up, the producer fills at most two batches a thread (or the window
// set) and then waits.
TEST(OrderedPool, AtMostTwoBatchesAThreadAreOutUnlessTheWindowIsWider) {
  EXPECT_EQ(committed_while_delivery_waits(0), 16);  // 2 threads x 2 batches x 4 items
  EXPECT_EQ(committed_while_delivery_waits(4), 32);
}

#ifdef __linux__
TEST(OrderedPool, ThreadsBeyondTwoYieldToTheProducer) {
  errno = 0;
  const int own = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  ASSERT_EQ(errno, 0);
  Worked worked;
  run_slowly(4, 64, worked);
  EXPECT_EQ(worked.by_thread.size(), 4u);
  for (const auto& [thread, nice] : worked.nice) {
    const bool own_role = thread == std::this_thread::get_id() || thread == worked.delivered_on;
    EXPECT_EQ(nice, own_role ? own : std::min(own + 5, 19));
  }
  EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())), own);  // the caller's own is unchanged
}
#endif

}  // namespace
}  // namespace candour
