#include "util/serial_stage.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

namespace candour {
namespace {

TEST(SerialStage, WorksItemsInPushOrderAndDrainWaitsForAll) {
  std::vector<int> seen;  // touched only by the stage's thread until drain() returns
  SerialStage<int> stage(4, [&](int& item) {
    if (item % 100 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // let the queue fill
    seen.push_back(item);
  });
  for (int i = 0; i < 1000; ++i) stage.push(int(i));
  stage.drain();
  ASSERT_EQ(seen.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(seen[i], i);
  stage.drain();  // nothing pending: returns at once
}

TEST(SerialStage, MovesItemsAndStopsWithItemsStillWaiting) {
  std::atomic<int> worked{0};
  std::atomic<bool> release{false};
  {
    SerialStage<std::string> stage(8, [&](std::string& item) {
      while (!release) std::this_thread::yield();
      EXPECT_EQ(item.size(), 100u);
      ++worked;
    });
    for (int i = 0; i < 5; ++i) stage.push(std::string(100, 'x'));
    release = true;
    // Destroyed here, possibly with items not yet started: they are dropped,
    // the thread ends, nothing hangs.
  }
  EXPECT_LE(worked.load(), 5);
}

}  // namespace
}  // namespace candour
