// candour/finding.h — what a detector reports about one message.
//
// Offsets always point into the original UTF-8 text of the message (never into
// the normalised copy used for matching), so text[start, end) is exactly what a
// report highlights or a redaction masks.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace candour {

// The fixed vocabulary of ../shared/PRODUCT.md and CONTRACT.md.
enum class Category {
  identity_hate,
  sexual_violence,
  sexual_harassment,
  domestic_abuse,
  threat,
  child_abuse,
  bullying,
  anti_reporting,
  misconduct,
  profanity,
};
inline constexpr int kCategoryCount = 10;

enum class Target {
  none,
  race,
  religion,
  sex,
  sexual_orientation,
  gender_identity,
  disability,
  age,
};
inline constexpr int kTargetCount = 8;

std::string_view to_string(Category category);
std::string_view to_string(Target target);
std::optional<Category> parse_category(std::string_view name);
std::optional<Target> parse_target(std::string_view name);

struct Finding {
  Category category = Category::profanity;
  Target target = Target::none;
  int severity = 1;           // 1 low .. 4 severe
  double confidence = 1.0;    // 0..1
  std::size_t start = 0;      // byte offset into the original text
  std::size_t end = 0;        // one past the last byte
  std::string evidence;       // original text[start, end)
  std::string_view rule;      // stable id, e.g. "lexicon:homophobic-slur/bender"
  std::string_view source;    // "lexicon", "pattern", "context", ...
  std::span<const std::string> standards;  // codes of conduct the category maps to
  std::string note;           // how it was read: disguise undone, context that supported it ("" usually)
  // Identity hate the rules found but the model reads as offensive rather
  // than hateful: shown and still flagging the message, at lower severity,
  // but not counted as identity hate (docs/model.md, "the combiner").
  bool doubted = false;
};

}  // namespace candour
