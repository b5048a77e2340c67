#include "util/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
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
  for (int threads : {0, 1, 3}) EXPECT_EQ(run(threads, 101), expected) << threads << " threads";
  EXPECT_TRUE(run(0, 0).empty());
}

TEST(OrderedPool, WithNoThreadsTheCallerDoesTheWork) {
  std::thread::id worked_on;
  run(0, 5, &worked_on);
  EXPECT_EQ(worked_on, std::this_thread::get_id());
  run(2, 5, &worked_on);
  EXPECT_NE(worked_on, std::this_thread::get_id());
}

#ifdef __linux__
TEST(OrderedPool, WorkersYieldToTheProducer) {
  // The producer reads and parses alone: the workers run at a lower priority
  // so that it is never starved of a core.
  errno = 0;
  const int own = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  ASSERT_EQ(errno, 0);
  std::atomic<int> worker_nice{-100};
  OrderedPool<Item> pool(
      2, 4, [&](int, Item&) { worker_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())); }, [](Item&) {});
  pool.next_slot();
  pool.commit();
  pool.drain();
  EXPECT_EQ(worker_nice.load(), std::min(own + 5, 19));
  EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())), own);  // the caller's own is unchanged
}
#endif

}  // namespace
}  // namespace candour
