// Counts gathered while scanning, for summary.json and the report.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyze/reply_tracker.h"

#include "candour/finding.h"
#include "candour/message.h"
#include "util/string_map.h"

namespace candour {

struct PersonStats {
  std::string name;                 // display name first seen
  std::vector<std::string> names;   // every display name seen for this key
  uint64_t messages = 0;
  uint64_t flagged = 0;
  std::array<uint64_t, kCategoryCount> by_category{};
  int max_severity = 0;
  std::string first_flagged, last_flagged;
  uint64_t endorsements_given = 0;     // laughed at or agreed with someone else's flagged message
  uint64_t endorsements_received = 0;  // their flagged messages that others endorsed (one per endorser)
  uint64_t challenges_made = 0;        // pushed back on someone else's flagged message
  uint64_t challenges_received = 0;
  uint64_t times_targeted = 0;         // flagged messages by others that name them
  uint64_t present_silent = 0;         // wrote just after someone else's flagged message, neither endorsing nor challenging it
  std::set<std::string> flagged_days;  // YYYY-MM-DD of their flagged messages

  // "one-off" (one flagged message), "repeated" (on one or two days) or
  // "course of conduct" (on three or more days); "" if none.
  std::string pattern() const;
};

struct MonthStats {
  uint64_t messages = 0;
  uint64_t flagged = 0;
  std::array<uint64_t, kCategoryCount> by_category{};
};

struct ScanStats {
  uint64_t entries = 0;
  uint64_t scanned = 0;   // messages whose text went through detection
  uint64_t flagged = 0;
  uint64_t cleared = 0;   // messages whose every finding context cleared
  uint64_t flagged_endorsed = 0;    // flagged messages someone laughed at or agreed with
  uint64_t flagged_challenged = 0;  // flagged messages someone pushed back on
  std::array<uint64_t, 5> by_severity{};          // flagged messages by their severity (index 1..4)
  std::array<uint64_t, kCategoryCount> by_category{};  // flagged messages having the category
  std::array<uint64_t, kTargetCount> by_target{};
  StringMap<PersonStats> people;  // by sender key; people_by_flagged() gives the stable order
  std::map<std::string, MonthStats, std::less<>> months;  // by YYYY-MM
  std::vector<FlaggedRecord> episodes;            // the most serious flagged messages, best first
  static constexpr std::size_t kEpisodes = 5;

  MonthStats& month(std::string_view time);  // the month of a "YYYY-MM-..." time
  // Messages come in time order, so most lookups are for the last month
  // looked up. A copy of the stats starts with an empty cache.
  struct MonthCache {
    MonthStats* month = nullptr;
    std::string key;
    MonthCache() = default;
    MonthCache(const MonthCache&) {}
    MonthCache& operator=(const MonthCache&) { month = nullptr; return *this; }
  } month_cache_;

  // Keeps `record` if it is among the kEpisodes most serious so far.
  void consider_episode(const FlaggedRecord& record);

  using PersonEntry = std::pair<const std::string, PersonStats>;
  // Most flagged first, then by key, so the order is stable.
  std::vector<const PersonEntry*> people_by_flagged() const;

  void add_message(const Message& message, bool scanned);
  // The same, with the sender's entry in `people` already at hand (null for
  // a message without a sender or a system message; see person()).
  void add_message(const Message& message, bool scanned, PersonStats* sender);
  // The entry in `people` for `sender_key`, made on first use.
  PersonStats& person(std::string_view sender_key);
  void add_flagged(const Message& message, const std::vector<Finding>& findings, int severity);
  // Replies to a flagged message by `author_key`, once its window has closed.
  void add_replies(const std::string& author_key, const std::vector<std::string>& endorser_keys,
                   const std::vector<std::string>& challenger_keys, const std::vector<std::string>& present_keys);
  void add_targets(const std::vector<std::string>& target_keys, const std::vector<std::string>& target_names);
};

}  // namespace candour
