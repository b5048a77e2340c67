// Names of the fixed vocabulary (CONTRACT.md) and of message kinds.
#include <array>

#include "candour/finding.h"
#include "candour/message.h"

namespace candour {
namespace {

constexpr std::array<std::string_view, kCategoryCount> kCategoryNames = {
    "identity_hate", "sexual_violence", "sexual_harassment", "domestic_abuse", "threat",
    "child_abuse",   "bullying",        "anti_reporting",    "misconduct",     "profanity"};

constexpr std::array<std::string_view, kTargetCount> kTargetNames = {
    "",           "race",   "religion", "sex", "sexual_orientation", "gender_identity",
    "disability", "age"};

}  // namespace

std::string_view to_string(Category category) { return kCategoryNames[static_cast<int>(category)]; }

std::string_view to_string(Target target) { return kTargetNames[static_cast<int>(target)]; }

std::optional<Category> parse_category(std::string_view name) {
  for (int i = 0; i < kCategoryCount; ++i) {
    if (kCategoryNames[i] == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

std::optional<Target> parse_target(std::string_view name) {
  for (int i = 1; i < kTargetCount; ++i) {
    if (kTargetNames[i] == name) return static_cast<Target>(i);
  }
  return std::nullopt;
}

std::string_view to_string(MessageKind kind) {
  switch (kind) {
    case MessageKind::text: return "text";
    case MessageKind::media_omitted: return "media_omitted";
    case MessageKind::attachment: return "attachment";
    case MessageKind::deleted: return "deleted";
    case MessageKind::poll: return "poll";
    case MessageKind::location: return "location";
    case MessageKind::live_location: return "live_location";
    case MessageKind::view_once: return "view_once";
    case MessageKind::system: return "system";
  }
  return "text";
}

}  // namespace candour
