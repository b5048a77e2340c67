#include "report/scan_stats.h"

#include <algorithm>

namespace candour {

std::vector<const ScanStats::PersonEntry*> ScanStats::people_by_flagged() const {
  std::vector<const PersonEntry*> sorted;
  for (const auto& entry : people) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(), [](const PersonEntry* a, const PersonEntry* b) {
    if (a->second.flagged != b->second.flagged) return a->second.flagged > b->second.flagged;
    return a->first < b->first;
  });
  return sorted;
}

MonthStats& ScanStats::month(std::string_view time) {
  std::string_view key = time.substr(0, 7);
  if (month_cache_.month && key == month_cache_.key) return *month_cache_.month;
  auto it = months.find(key);
  if (it == months.end()) it = months.emplace(std::string(key), MonthStats{}).first;
  month_cache_.key.assign(key);
  month_cache_.month = &it->second;  // std::map nodes never move
  return it->second;
}

std::string PersonStats::pattern() const {
  if (flagged == 0) return "";
  if (flagged == 1) return "one-off";
  return flagged_days.size() >= 3 ? "course of conduct" : "repeated";
}

void ScanStats::consider_episode(const FlaggedRecord& record) {
  // Most severe first; then the most laughed-along-with; then the earliest.
  auto better = [](const FlaggedRecord& a, const FlaggedRecord& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.endorsed_by.size() != b.endorsed_by.size()) return a.endorsed_by.size() > b.endorsed_by.size();
    return false;  // keep source order among equals
  };
  if (episodes.size() == kEpisodes && !better(record, episodes.back())) return;
  auto at = std::upper_bound(episodes.begin(), episodes.end(), record,
                             [&](const FlaggedRecord& a, const FlaggedRecord& b) { return better(a, b); });
  episodes.insert(at, record);
  if (episodes.size() > kEpisodes) episodes.pop_back();
  for (auto& e : episodes) e.rebind();  // copies and moves left their views pointing elsewhere
}

PersonStats& ScanStats::person(std::string_view sender_key) {
  auto found = people.find(sender_key);
  if (found == people.end()) found = people.emplace(std::string(sender_key), PersonStats{}).first;
  return found->second;
}

void ScanStats::add_message(const Message& message, bool was_scanned) {
  const bool counted = !message.sender_key.empty() && message.kind != MessageKind::system;
  add_message(message, was_scanned, counted ? &person(message.sender_key) : nullptr);
}

void ScanStats::add_message(const Message& message, bool was_scanned, PersonStats* sender) {
  ++entries;
  if (was_scanned) ++scanned;
  if (was_scanned && message.time.size() >= 7) ++month(message.time).messages;
  if (!sender) return;
  PersonStats& person = *sender;
  if (person.name.empty()) person.name = message.sender;
  if (person.names.size() != 1 || person.names.front() != message.sender) {  // nearly always one name
    if (std::find(person.names.begin(), person.names.end(), message.sender) == person.names.end()) {
      person.names.push_back(message.sender);
    }
  }
  ++person.messages;
}

void ScanStats::add_flagged(const Message& message, const std::vector<Finding>& findings, int severity) {
  ++flagged;
  ++by_severity[std::clamp(severity, 0, 4)];
  std::array<bool, kCategoryCount> categories{};
  std::array<bool, kTargetCount> targets{};
  for (const auto& f : findings) {
    categories[static_cast<int>(f.category)] = true;
    targets[static_cast<int>(f.target)] = true;
  }
  PersonStats* person = message.sender_key.empty() ? nullptr : &people[message.sender_key];
  for (int c = 0; c < kCategoryCount; ++c) {
    if (!categories[c]) continue;
    ++by_category[c];
    if (person) ++person->by_category[c];
  }
  for (int t = 1; t < kTargetCount; ++t) {
    if (targets[t]) ++by_target[t];
  }
  if (message.time.size() >= 7) {
    MonthStats& m = month(message.time);
    ++m.flagged;
    for (int c = 0; c < kCategoryCount; ++c) m.by_category[c] += categories[c];
  }
  if (!person) return;
  ++person->flagged;
  person->max_severity = std::max(person->max_severity, severity);
  if (message.time.size() >= 10) person->flagged_days.insert(message.time.substr(0, 10));
  if (!message.time.empty()) {
    if (person->first_flagged.empty() || message.time < person->first_flagged) person->first_flagged = message.time;
    if (message.time > person->last_flagged) person->last_flagged = message.time;
  }
}

}  // namespace candour

namespace candour {

void ScanStats::add_targets(const std::vector<std::string>& keys, const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    PersonStats& person = people[keys[i]];
    if (person.name.empty()) person.name = names[i];  // named but never wrote
    ++person.times_targeted;
  }
}

void ScanStats::add_replies(const std::string& author_key, const std::vector<std::string>& endorser_keys,
                            const std::vector<std::string>& challenger_keys, const std::vector<std::string>& present_keys) {
  if (!endorser_keys.empty()) ++flagged_endorsed;
  if (!challenger_keys.empty()) ++flagged_challenged;
  auto find = [&](const std::string& key) -> PersonStats* {
    auto it = people.find(key);
    return it == people.end() ? nullptr : &it->second;
  };
  PersonStats* author = author_key.empty() ? nullptr : find(author_key);
  for (const auto& key : endorser_keys) {
    if (PersonStats* p = find(key)) ++p->endorsements_given;
    if (author) ++author->endorsements_received;
  }
  for (const auto& key : challenger_keys) {
    if (PersonStats* p = find(key)) ++p->challenges_made;
    if (author) ++author->challenges_received;
  }
  for (const auto& key : present_keys) {
    bool replied = std::find(endorser_keys.begin(), endorser_keys.end(), key) != endorser_keys.end() ||
                   std::find(challenger_keys.begin(), challenger_keys.end(), key) != challenger_keys.end();
    if (PersonStats* p = find(key); p && !replied) ++p->present_silent;
  }
}

}  // namespace candour
