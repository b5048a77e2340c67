#include "report/scan_stats.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

Message at(const char* time, const char* sender) {
  Message m;
  m.time = time;
  m.sender = sender;
  m.sender_key = sender;
  m.text = "hello";
  return m;
}

// Months are counted through a cache of the last month looked up; a change
// of month, a return to an earlier one, and a copy of the stats must all
// count in the right month.
TEST(ScanStats, MessagesAreCountedInTheirMonthAndPerPerson) {
  ScanStats stats;
  stats.add_message(at("2017-03-02T21:14:00", "Dan"), true);
  stats.add_message(at("2017-03-30T08:00:00", "Zoë"), true);
  stats.add_message(at("2017-04-01T09:00:00", "Dan"), true);
  stats.add_message(at("2017-03-31T23:59:00", "Dan"), true);  // out of order, as exports can be
  stats.add_message(at("2017-04-02T10:00:00", "Gary"), false);  // not scanned: not counted in a month
  ASSERT_EQ(stats.months.size(), 2u);
  EXPECT_EQ(stats.months.at("2017-03").messages, 3u);
  EXPECT_EQ(stats.months.at("2017-04").messages, 1u);
  EXPECT_EQ(stats.people.at("Dan").messages, 3u);
  EXPECT_EQ(stats.people.at("Gary").messages, 1u);

  ScanStats copy = stats;
  copy.add_message(at("2017-04-03T10:00:00", "Dan"), true);
  EXPECT_EQ(copy.months.at("2017-04").messages, 2u);
  EXPECT_EQ(stats.months.at("2017-04").messages, 1u);  // the original is untouched
  stats.add_message(at("2017-04-03T10:00:00", "Dan"), true);
  EXPECT_EQ(stats.months.at("2017-04").messages, 2u);
}

TEST(ScanStats, PeopleComeMostFlaggedFirstThenByKey) {
  ScanStats stats;
  for (const char* name : {"Zoë", "Dan", "Ali", "Gary"}) stats.add_message(at("2017-03-02T21:14:00", name), true);
  stats.people.at("Gary").flagged = 2;
  stats.people.at("Dan").flagged = 2;
  stats.people.at("Ali").flagged = 1;
  std::vector<std::string> order;
  for (const auto* entry : stats.people_by_flagged()) order.push_back(entry->first);
  EXPECT_EQ(order, (std::vector<std::string>{"Dan", "Gary", "Ali", "Zoë"}));
}

}  // namespace
}  // namespace candour
