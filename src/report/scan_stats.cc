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

void ScanStats::add_message(const Message& message, bool was_scanned) {
  ++entries;
  if (was_scanned) ++scanned;
  if (message.sender_key.empty() || message.kind == MessageKind::system) return;
  PersonStats& person = people[message.sender_key];
  if (person.name.empty()) person.name = message.sender;
  if (std::find(person.names.begin(), person.names.end(), message.sender) == person.names.end()) {
    person.names.push_back(message.sender);
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
  if (!person) return;
  ++person->flagged;
  person->max_severity = std::max(person->max_severity, severity);
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
                            const std::vector<std::string>& challenger_keys) {
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
}

}  // namespace candour
