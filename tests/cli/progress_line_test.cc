#include "cli/progress_line.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

TEST(ProgressLine, ShowsTheRateAndTheFlaggedSoFar) {
  ScanProgress p;
  p.messages = 250000;
  p.flagged = 7312;
  p.done_bytes = 30e6;
  p.seconds = 0.5;
  EXPECT_EQ(progress_line(p), "\rcandour: 250000 messages, 60.0 MB/s, 7312 flagged   ");
}

// The time left is a guess from the share done; before 1% it is not shown.
TEST(ProgressLine, ShowsTheTimeLeftOnceOnePercentIsDone) {
  ScanProgress p;
  p.messages = 1000;
  p.total_bytes = 100000000;
  p.seconds = 0.6;
  p.done_bytes = 900000;  // 0.9%
  EXPECT_EQ(progress_line(p).find("left"), std::string::npos);
  p.done_bytes = 1000000;  // 1% in 0.6 s: 59.4 s to go
  EXPECT_NE(progress_line(p).find(", 1%, about 0:59 left,"), std::string::npos) << progress_line(p);
  p.seconds = 300;
  p.done_bytes = 25e6;  // a quarter in five minutes: fifteen to go
  EXPECT_NE(progress_line(p).find(", 25%, about 15:00 left,"), std::string::npos) << progress_line(p);
}

// A total that was under-counted (zip sizes as declared) never shows more than 100%.
TEST(ProgressLine, NeverShowsMoreThanAllOrAShareOfAnUnknownTotal) {
  ScanProgress p;
  p.seconds = 2;
  p.done_bytes = 120e6;
  p.total_bytes = 100000000;
  EXPECT_NE(progress_line(p).find(", 100%, about 0:00 left,"), std::string::npos) << progress_line(p);
  p.total_bytes = 0;
  EXPECT_EQ(progress_line(p).find('%'), std::string::npos);
  p.seconds = 0;
  EXPECT_NE(progress_line(p).find("0.0 MB/s"), std::string::npos);  // not a division by zero
}

}  // namespace
}  // namespace candour
