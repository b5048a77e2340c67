// Who laughed along and who pushed back. A flagged message stays open for a
// short window (the next few entries, a few minutes); a reply from someone
// else in that window that laughs or agrees endorses it, one that pushes back
// challenges it. When the window closes the record is handed on, so output
// stays in source order and memory stays bounded by the window.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "candour/finding.h"
#include "candour/message.h"
#include "candour/scanner.h"

namespace candour {

// A neighbouring entry shown with a flagged message.
struct ContextLine {
  std::string time, sender, text;
};

struct FlaggedRecord {
  // A copy of the reader's message. Its string views (source, sha256, format,
  // conversation) point into this record's own strings: call rebind() after
  // copying or moving a record.
  Message message;
  std::string source, sha256, format, conversation;
  std::vector<Finding> findings;
  std::vector<Finding> cleared;
  int severity = 0;
  std::vector<std::string> endorsed_by;   // display names, first reply first
  std::vector<std::string> challenged_by;
  std::vector<std::string> endorsed_by_keys, challenged_by_keys;
  std::vector<std::string> targets, target_keys;  // participants the message names
  std::vector<std::string> present_keys;          // others who wrote in the window but neither endorsed nor challenged yet
  std::string sender_exported;  // the display name in the export, when an alias renamed the sender
  std::vector<ContextLine> before, after;  // up to kContextLines entries either side

  void rebind() {
    message.source = source;
    message.sha256 = sha256;
    message.format = format;
    message.conversation = conversation;
  }
};

inline constexpr std::size_t kContextLines = 3;
inline constexpr std::size_t kContextTextLimit = 500;

ContextLine context_line(const Message& message);

class ReplyTracker {
 public:
  static constexpr uint64_t kWindowEntries = 8;
  static constexpr int kWindowMinutes = 30;

  using Emit = std::function<void(FlaggedRecord&)>;
  explicit ReplyTracker(Emit emit) : emit_(std::move(emit)) {}

  // Every entry, in order. `signals` only matter for unflagged messages.
  void observe(const Message& message, ScanSession::ReplySignals signals, bool flagged);
  // Returns the new record, open for replies, so the caller can add to it.
  FlaggedRecord& add_flagged(const Message& message, const std::vector<Finding>& findings,
                             const std::vector<Finding>& cleared, int severity);
  // End of a source: everything still open is handed on.
  void flush();

 private:
  bool window_closed(const FlaggedRecord& record, const Message& now) const;
  std::deque<FlaggedRecord> open_;
  Emit emit_;
};

// True for reactions that laugh or agree: 😂 🤣 😆 😹 💀 😅 👍 👏 🙌 ❤️ 💯 🔥.
bool is_endorsing_reaction(std::string_view reaction);

// Minutes between two "YYYY-MM-DDTHH:MM:SS" times (b - a); a large number
// when either is missing or malformed.
int64_t minutes_between(const std::string& a, const std::string& b);

}  // namespace candour
