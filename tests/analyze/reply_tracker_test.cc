#include "analyze/reply_tracker.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

Message message(uint64_t index, const char* time, const char* sender, const char* text) {
  Message m;
  m.source = "chat.txt";
  m.index = index;
  m.time = time;
  m.sender = sender;
  m.sender_key = sender;
  m.text = text;
  return m;
}

TEST(ReplyTracker, ReactionsAndRepliesEndorseAndChallengeTheLatestFlaggedMessage) {
  std::vector<FlaggedRecord> out;
  ReplyTracker tracker([&](FlaggedRecord& r) { out.push_back(r); });
  Message joke = message(0, "2017-03-02T21:14:00", "Dan", "joke");
  joke.reactions = {{"Kev", "\xF0\x9F\x98\x82"}, {"Dan", "\xF0\x9F\x98\x82"}, {"Sam", "\xF0\x9F\x98\xA2"}};
  tracker.observe(joke, {}, true);
  tracker.add_flagged(joke, {}, {}, 3);
  tracker.observe(message(1, "2017-03-02T21:15:00", "Sam", "haha"), {true, false}, false);
  tracker.observe(message(2, "2017-03-02T21:16:00", "Priya", "out of order"), {false, true}, false);
  tracker.observe(message(3, "2017-03-02T21:17:00", "Kev", "lol"), {true, false}, false);  // Kev already counted
  tracker.observe(message(4, "2017-03-02T23:00:00", "Tom", "lol"), {true, false}, false);  // window closed
  tracker.flush();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].endorsed_by, (std::vector<std::string>{"Kev", "Sam"}));  // the author's own reaction does not count
  EXPECT_EQ(out[0].challenged_by, (std::vector<std::string>{"Priya"}));
  EXPECT_EQ(out[0].after.size(), 3u);
}

TEST(ReplyTracker, MinutesBetween) {
  EXPECT_EQ(minutes_between("2017-03-02T21:14:00", "2017-03-02T21:44:00"), 30);
  EXPECT_EQ(minutes_between("2017-03-02T23:50:00", "2017-03-03T00:10:00"), 20);
  EXPECT_GT(minutes_between("", "2017-03-03T00:10:00"), 100000);
}

}  // namespace
}  // namespace candour
