#include "analyze/reply_tracker.h"

#include <algorithm>

#include "ingest/timestamps.h"
#include "ingest/whatsapp_reader.h"

namespace candour {

int64_t minutes_between(const std::string& a, const std::string& b) {
  // "YYYY-MM-DDTHH:MM..." -> minutes since 1970, without sscanf (this runs for every message).
  auto parse = [](const std::string& s, int64_t* minutes) {
    auto num = [&](std::size_t pos, std::size_t len, int* out) {
      int v = 0;
      for (std::size_t i = pos; i < pos + len; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
      }
      *out = v;
      return true;
    };
    int y, mo, d, h, mi;
    if (s.size() < 16 || !num(0, 4, &y) || !num(5, 2, &mo) || !num(8, 2, &d) || !num(11, 2, &h) || !num(14, 2, &mi) ||
        mo < 1 || mo > 12 || d < 1 || d > 31) {
      return false;
    }
    *minutes = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 1440 + h * 60 + mi;
    return true;
  };
  int64_t ma, mb;
  if (!parse(a, &ma) || !parse(b, &mb)) return INT64_MAX / 2;
  return mb - ma;
}

bool is_endorsing_reaction(std::string_view r) {
  for (std::string_view e : {"\xF0\x9F\x98\x82", "\xF0\x9F\xA4\xA3", "\xF0\x9F\x98\x86", "\xF0\x9F\x98\xB9",
                             "\xF0\x9F\x92\x80", "\xF0\x9F\x98\x85", "\xF0\x9F\x91\x8D", "\xF0\x9F\x91\x8F",
                             "\xF0\x9F\x99\x8C", "\xE2\x9D\xA4", "\xF0\x9F\x92\xAF", "\xF0\x9F\x94\xA5"}) {
    if (r.find(e) != std::string_view::npos) return true;
  }
  return false;
}

ContextLine context_line(const Message& m) {
  ContextLine line{m.time, m.sender.empty() ? std::string(m.conversation) : m.sender, m.text.substr(0, kContextTextLimit)};
  if (m.kind == MessageKind::system) line.text = "(" + m.text.substr(0, kContextTextLimit) + ")";
  return line;
}

bool ReplyTracker::window_closed(const FlaggedRecord& record, const Message& now) const {
  if (now.source != record.source) return true;
  if (now.index > record.message.index + kWindowEntries) return true;
  return minutes_between(record.message.time, now.time) > kWindowMinutes;
}

void ReplyTracker::observe(const Message& m, ScanSession::ReplySignals signals, bool flagged) {
  while (!open_.empty() && window_closed(open_.front(), m)) {
    emit_(open_.front());
    open_.pop_front();
  }
  for (auto& record : open_) {
    if (record.after.size() < kContextLines) record.after.push_back(context_line(m));
    if (!m.sender_key.empty() && m.sender_key != record.message.sender_key &&
        std::find(record.present_keys.begin(), record.present_keys.end(), m.sender_key) == record.present_keys.end()) {
      record.present_keys.push_back(m.sender_key);
    }
  }
  if (flagged || m.sender_key.empty() || (!signals.endorses && !signals.challenges)) return;
  // The reply goes to the latest open flagged message by someone else.
  for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
    if (it->message.sender_key == m.sender_key) continue;
    auto& names = signals.challenges ? it->challenged_by : it->endorsed_by;
    auto& keys = signals.challenges ? it->challenged_by_keys : it->endorsed_by_keys;
    if (std::find(keys.begin(), keys.end(), m.sender_key) == keys.end()) {
      names.push_back(m.sender);
      keys.push_back(m.sender_key);
    }
    break;
  }
}

FlaggedRecord& ReplyTracker::add_flagged(const Message& m, const std::vector<Finding>& findings,
                                         const std::vector<Finding>& cleared, int severity) {
  FlaggedRecord& r = open_.emplace_back();
  r.message = m;
  r.source.assign(m.source);
  r.sha256.assign(m.sha256);
  r.format.assign(m.format);
  r.conversation.assign(m.conversation);
  r.rebind();  // the deque never moves its elements, so this holds while the record is open
  r.findings = findings;
  r.cleared = cleared;
  r.severity = severity;
  // Laughing and approving reactions endorse the message straight away.
  for (const auto& reaction : m.reactions) {
    if (!is_endorsing_reaction(reaction.reaction)) continue;
    std::string key = sender_key_for(clean_display_name(reaction.actor));
    if (key == m.sender_key || std::find(r.endorsed_by_keys.begin(), r.endorsed_by_keys.end(), key) != r.endorsed_by_keys.end()) {
      continue;
    }
    r.endorsed_by.push_back(reaction.actor);
    r.endorsed_by_keys.push_back(key);
  }
  return r;
}

void ReplyTracker::flush() {
  while (!open_.empty()) {
    emit_(open_.front());
    open_.pop_front();
  }
}

}  // namespace candour
