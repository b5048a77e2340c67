#include "ingest/whatsapp_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

#include "ingest/line_reader.h"
#include "text/utf8.h"
#include "util/sha256.h"
#include "util/string_map.h"

namespace candour {
namespace {

constexpr std::string_view kLrm = "\xE2\x80\x8E";

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool iequals_prefix(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char a = s[i], b = p[i];
    if (a >= 'A' && a <= 'Z') a += 32;
    if (b >= 'A' && b <= 'Z') b += 32;
    if (a != b) return false;
  }
  return true;
}

std::string_view strip_marks(std::string_view s) {
  // Most lines have none: look at the first and last byte before comparing.
  while (!s.empty() && s.front() == '\xE2' && (starts_with(s, kLrm) || starts_with(s, "\xE2\x80\x8F"))) {
    s.remove_prefix(3);
  }
  while (!s.empty() && s.back() == '\x8E' && ends_with(s, kLrm)) s.remove_suffix(3);
  return s;
}

// English texts of WhatsApp's system events. Order matters: first match wins.
struct SystemPattern {
  std::string_view needle;
  std::string_view action;
};
constexpr SystemPattern kSystemPatterns[] = {
    {"end-to-end encrypted", "encryption_notice"},
    {"end-to-end encryption", "encryption_notice"},
    {"security code", "security_code_changed"},
    {"disappearing messages", "disappearing_timer"},
    {"message timer", "disappearing_timer"},
    {"created group", "created_group"},
    {"created this group", "created_group"},
    {"changed the subject", "subject_changed"},
    {"changed the group name", "subject_changed"},
    {"changed this group's icon", "icon_changed"},
    {"changed the group icon", "icon_changed"},
    {"deleted this group's icon", "icon_changed"},
    {"changed the group description", "description_changed"},
    {"changed this group's description", "description_changed"},
    {"changed this group's settings", "settings_changed"},
    {"changed the settings", "settings_changed"},
    {"joined using this group's invite link", "joined"},
    {"joined using", "joined"},
    {"changed their phone number", "number_changed"},
    {"changed their number", "number_changed"},
    {"now an admin", "admin_changed"},
    {"no longer an admin", "admin_changed"},
    {"pinned a message", "pinned"},
    {"Missed voice call", "missed_call"},
    {"Missed video call", "missed_call"},
    {"Missed group voice call", "missed_call"},
    {"Missed group video call", "missed_call"},
    {"This chat is with a business", "business_notice"},
    {"blocked this contact", "blocked"},
    {"Waiting for this message", "pending_message"},
    {" added ", "added"},
    {" removed ", "removed"},
};

std::string_view system_action_of(std::string_view text) {
  text = strip_marks(text);
  for (const auto& p : kSystemPatterns) {
    if (text.find(p.needle) != std::string_view::npos) return p.action;
  }
  if (ends_with(text, " left") || ends_with(text, " left the group")) return "left";
  if (ends_with(text, " joined") || ends_with(text, " joined the group")) return "joined";
  return {};
}

MessageKind classify(std::string_view text, bool* edited) {
  std::string_view first_line = text.substr(0, text.find('\n'));
  std::string_view body = strip_marks(first_line);
  *edited = ends_with(strip_marks(text), "<This message was edited>");
  if (body == "<Media omitted>") return MessageKind::media_omitted;
  if (text.find('\n') == std::string_view::npos && ends_with(body, " omitted") && body.size() < 40)
    return MessageKind::media_omitted;  // iOS: "image omitted", "GIF omitted", ...
  if (starts_with(body, "<attached: ")) return MessageKind::attachment;
  if (ends_with(body, " (file attached)")) return MessageKind::attachment;
  if (body == "This message was deleted" || body == "This message was deleted." ||
      body == "You deleted this message" || body == "You deleted this message.")
    return MessageKind::deleted;
  if (starts_with(body, "POLL:")) return MessageKind::poll;
  if (iequals_prefix(body, "location: https://maps.google.com/") ||
      iequals_prefix(body, "location: https://maps.apple.com/"))
    return MessageKind::location;
  if (iequals_prefix(body, "live location shared")) return MessageKind::live_location;
  if (body == "null") return MessageKind::view_once;
  return MessageKind::text;
}

// Splits "Name: text" (the body of a header line) into sender and text.
bool split_sender(std::string_view rest, std::string_view* sender, std::string_view* text) {
  std::size_t colon = rest.find(": ");
  if (colon == std::string_view::npos) {
    if (ends_with(rest, ":")) {  // "Name:" with an empty first line
      *sender = rest.substr(0, rest.size() - 1);
      *text = {};
      return true;
    }
    return false;
  }
  *sender = rest.substr(0, colon);
  *text = rest.substr(colon + 2);
  return !sender->empty();
}

struct LayoutStats {
  uint64_t count = 0;
  bool ios = false;
  bool ampm = false;
  bool year_first = false;
  bool first_above_12 = false;
  bool second_above_12 = false;
  int64_t last_dmy = -1, last_mdy = -1;
  uint64_t out_of_order_dmy = 0, out_of_order_mdy = 0;
};

// First pass: which layout the file uses, what order its dates are in, the
// group's name where the text says it, and the sha256 of the bytes.
struct FirstPass {
  std::map<uint32_t, LayoutStats> layouts;
  std::string conversation;
  uint64_t lines = 0;
  uint64_t bytes = 0;
  uint64_t cut_lines = 0;
  std::string sha256;
  std::string error;
};

std::string quoted_name_after(std::string_view text, std::string_view marker) {
  std::size_t at = text.find(marker);
  if (at == std::string_view::npos) return {};
  std::string_view rest = text.substr(at + marker.size());
  // WhatsApp quotes with “ ” (or plain " on some phones).
  std::size_t open = rest.find("\xE2\x80\x9C");
  std::size_t open_len = 3;
  if (open == std::string_view::npos || open > 4) {
    open = rest.find('"');
    open_len = 1;
  }
  if (open == std::string_view::npos || open > 4) return {};
  rest = rest.substr(open + open_len);
  std::size_t close = std::min(rest.find("\xE2\x80\x9D"), rest.find('"'));
  if (close == std::string_view::npos) return {};
  return std::string(rest.substr(0, close));
}

constexpr uint64_t kConversationSearchHeaders = 100;

// `order_given`: --date-order settles the order, so the dates need not be
// read both ways to count how often each runs backwards.
FirstPass first_pass(ByteSource& source, bool hash_in_background, bool order_given) {
  FirstPass pass;
  Sha256 hash;
  if (hash_in_background) hash.hash_in_background();
  LineReader reader(source, &hash);
  std::string_view line;
  WhatsAppHeader h;
  uint64_t headers_seen = 0;
  // Nearly every header has the export's one layout: its stats are kept at
  // hand rather than looked up per line.
  uint32_t last_layout = 0;
  LayoutStats* last = nullptr;
  while (reader.next(&line)) {
    if (!parse_whatsapp_header(line, &h)) continue;
    const uint32_t layout = h.layout();
    if (!last || layout != last_layout) last = &pass.layouts[layout], last_layout = layout;
    LayoutStats& s = *last;
    ++s.count;
    s.ios = h.bracketed;
    s.ampm = h.meridiem != 0;
    s.year_first = h.first_digits == 4;
    if (h.first > 12) s.first_above_12 = true;
    if (h.second > 12) s.second_above_12 = true;
    if (!order_given) {
      int64_t dmy = h.sort_key(DateOrder::dmy), mdy = h.sort_key(DateOrder::mdy);
      if (dmy >= 0) {
        if (dmy < s.last_dmy) ++s.out_of_order_dmy;
        s.last_dmy = dmy;
      }
      if (mdy >= 0) {
        if (mdy < s.last_mdy) ++s.out_of_order_mdy;
        s.last_mdy = mdy;
      }
    }
    // The group's name is in the export's first events (its creation, or iOS's
    // encryption notice written as from the group); looking for it on every
    // line of an export without them was a search per line.
    if (pass.conversation.empty() && ++headers_seen <= kConversationSearchHeaders) {
      std::string_view rest = line.substr(h.body_offset);
      std::string_view sender, text;
      if (h.bracketed && split_sender(rest, &sender, &text) && starts_with(text, kLrm) &&
          (system_action_of(text) == "encryption_notice" || system_action_of(text) == "created_group")) {
        pass.conversation = clean_display_name(sender);  // iOS writes events as from the group
      } else {
        pass.conversation = quoted_name_after(rest, "created group");
      }
    }
  }
  pass.lines = reader.line_number();
  pass.bytes = reader.bytes_read();
  pass.cut_lines = reader.cut_lines();
  pass.sha256 = hash.hex_digest();
  pass.error = source.error();
  return pass;
}

struct DateOrderDecision {
  DateOrder order = DateOrder::dmy;
  bool guessed = false;
  std::string basis;
};

DateOrderDecision decide_date_order(const LayoutStats& s, const WhatsAppOptions& options) {
  DateOrderDecision d;
  if (options.date_order) {
    d.order = *options.date_order;
    d.basis = "given with --date-order";
  } else if (s.year_first) {
    d.order = DateOrder::ymd;
    d.basis = "dates are written year first";
  } else if (s.first_above_12 && !s.second_above_12) {
    d.order = DateOrder::dmy;
    d.basis = "the first date field goes above 12, so it is the day";
  } else if (s.second_above_12 && !s.first_above_12) {
    d.order = DateOrder::mdy;
    d.basis = "the second date field goes above 12, so it is the day";
  } else if (s.out_of_order_dmy != s.out_of_order_mdy) {
    d.guessed = true;
    d.order = s.out_of_order_dmy < s.out_of_order_mdy ? DateOrder::dmy : DateOrder::mdy;
    d.basis = fmt::format(
        "guessed: no field settles it; read as {} the dates go backwards {} times, as {} {} times",
        d.order == DateOrder::dmy ? "day/month" : "month/day",
        std::min(s.out_of_order_dmy, s.out_of_order_mdy),
        d.order == DateOrder::dmy ? "month/day" : "day/month",
        std::max(s.out_of_order_dmy, s.out_of_order_mdy));
  } else {
    d.guessed = true;
    d.order = s.ampm ? DateOrder::mdy : DateOrder::dmy;
    d.basis = s.ampm ? "guessed: no field settles it; month/day assumed because the clock is 12-hour (US style)"
                     : "guessed: no field settles it; day/month assumed because the clock is 24-hour";
  }
  return d;
}

// Second pass: builds entries and hands them to the sink.
class EntryBuilder {
 public:
  EntryBuilder(MessageSink& sink, SourceReport& report) : sink_(sink), report_(report) {
    message_.source = report_.path;
    message_.sha256 = report_.sha256;
    message_.format = report_.format;
    message_.conversation = report_.conversation;
  }

  void start(uint64_t line, std::string_view time, std::string_view rest, bool ios) {
    flush();
    open_ = true;
    message_.line = line;
    message_.line_count = 1;
    message_.time.assign(time);
    message_.edited = false;
    message_.system_action.clear();
    std::string_view sender, text;
    bool has_sender = split_sender(rest, &sender, &text);
    std::string_view action;
    if (!has_sender) {
      action = system_action_of(rest);
      if (action.empty()) action = "other";
      text = rest;
      sender = {};
    } else if (!ios) {
      // "Tom changed the subject from "a: b"": the colon is inside a system text.
      action = sender_of(sender).action_if_android;
      if (!action.empty()) {
        text = rest;
        sender = {};
      }
    } else if (starts_with(text, kLrm) || clean_display_name(sender) == report_.conversation) {
      action = system_action_of(text);
    }
    if (!action.empty()) {
      message_.kind = MessageKind::system;
      message_.system_action.assign(action);
      // On iOS the "sender" of an event is the group itself; keep the actor text.
      if (ios && !sender.empty() && clean_display_name(sender) == report_.conversation) sender = {};
    } else {
      message_.kind = MessageKind::text;
    }
    const Sender& known = sender_of(sender);
    message_.sender.assign(known.name);
    message_.sender_key.assign(known.key);
    if (starts_with(text, kLrm)) text.remove_prefix(kLrm.size());
    message_.text.assign(text);
  }

  bool open() const { return open_; }

  void continue_with(std::string_view line) {
    message_.text.push_back('\n');
    message_.text.append(line);
    ++message_.line_count;
  }

  void flush() {
    if (!open_) return;
    open_ = false;
    if (message_.kind != MessageKind::system) {
      bool edited = false;
      message_.kind = classify(message_.text, &edited);
      message_.edited = edited;
    }
    emit_entry(message_, report_, sink_);
  }

 private:
  MessageSink& sink_;
  SourceReport& report_;
  Message message_;
  bool open_ = false;
  // Chats have few senders: each raw sender text is cleaned, and asked
  // whether it is an Android system text, once, not once per message.
  struct Sender {
    std::string name, key;
    std::string_view action_if_android;  // system action, "" if none
  };
  const Sender& sender_of(std::string_view raw) {
    if (last_ && last_raw_ == raw) return *last_;
    auto known = senders_.find(raw);
    if (known == senders_.end()) {
      Sender s;
      s.name = clean_display_name(raw);
      s.key = s.name.empty() ? std::string() : sender_key_for(s.name);
      s.action_if_android = system_action_of(raw);
      known = senders_.emplace(std::string(raw), std::move(s)).first;
    }
    last_raw_ = known->first;  // unordered_map nodes never move
    last_ = &known->second;
    return *last_;
  }
  StringMap<Sender> senders_;  // by raw sender text
  std::string_view last_raw_;
  const Sender* last_ = nullptr;
};

}  // namespace

std::string clean_display_name(std::string_view raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size();) {
    std::size_t len = 0;
    char32_t cp = decode_utf8(raw, i, &len);
    if (cp == 0x00A0 || cp == 0x202F || cp == 0x2007) {
      out.push_back(' ');
    } else if (!is_invisible_format_char(cp)) {
      out.append(raw.substr(i, len));
    }
    i += len;
  }
  // Trim spaces at both ends.
  std::size_t b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

std::string sender_key_for(std::string_view display_name) {
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < display_name.size(); ++i) {
    char c = display_name[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') {
      continue;
    } else {
      return std::string(display_name);  // not a phone number
    }
  }
  if (digits.size() < 6) return std::string(display_name);
  return (plus ? "+" : "") + digits;
}

bool looks_like_whatsapp(std::string_view sample, bool* is_ios) {
  int headers = 0, checked = 0;
  bool ios = false;
  std::size_t pos = 0;
  if (starts_with(sample, "\xEF\xBB\xBF")) pos = 3;
  while (pos < sample.size() && checked < 40) {
    std::size_t end = sample.find('\n', pos);
    if (end == std::string_view::npos) end = sample.size();
    std::string_view line = sample.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line == "\r") continue;
    ++checked;
    WhatsAppHeader h;
    if (parse_whatsapp_header(line, &h)) {
      ++headers;
      ios = h.bracketed;
    }
  }
  if (is_ios) *is_ios = ios;
  return headers > 0 && headers * 3 >= checked;  // most lines of a chat start with a header
}

bool read_whatsapp(const SourceOpener& open, const WhatsAppOptions& options, MessageSink& sink,
                   SourceReport& report, bool hash_in_background) {
  FirstPass pass;
  {
    auto source = open();
    pass = first_pass(*source, hash_in_background, options.date_order.has_value());
  }
  if (!pass.error.empty()) {
    report.error = pass.error;
    return false;
  }
  report.sha256 = pass.sha256;
  report.bytes = pass.bytes;
  report.lines = pass.lines;
  report.cut_lines = pass.cut_lines;
  report.time_zone = options.time_zone;
  if (report.conversation.empty()) report.conversation = pass.conversation;
  if (pass.cut_lines > 0) {
    report.warnings.push_back(fmt::format(
        "{} line(s) longer than {} MiB were cut at that length for analysis; the source hash covers the whole file",
        pass.cut_lines, LineReader::kDefaultMaxLine >> 20));
  }

  // The layout used by most header lines is the export's own.
  uint32_t layout = 0;
  LayoutStats stats;
  for (const auto& [key, s] : pass.layouts) {
    if (s.count > stats.count) layout = key, stats = s;
  }
  report.format = stats.ios ? "whatsapp-ios" : "whatsapp-android";
  DateOrderDecision order = decide_date_order(stats, options);
  report.date_order = to_string(order.order);
  report.date_order_basis = order.basis;
  report.date_order_guessed = order.guessed;
  if (order.guessed) {
    report.warnings.push_back("day/month order " + order.basis + "; set it with --date-order dmy|mdy|ymd");
  }
  uint64_t other_layout_lines = 0;
  for (const auto& [key, s] : pass.layouts) {
    if (key != layout) other_layout_lines += s.count;
  }
  if (other_layout_lines > 0) {
    report.warnings.push_back(fmt::format(
        "{} line(s) start like a message in another date layout; they were kept as message text",
        other_layout_lines));
  }

  auto source = open();
  LineReader reader(*source, nullptr);
  EntryBuilder builder(sink, report);
  std::string_view line;
  WhatsAppHeader h;
  std::string iso;
  while (reader.next(&line)) {
    const uint64_t number = reader.line_number();
    if (parse_whatsapp_header(line, &h) && h.layout() == layout && h.to_iso(order.order, &iso)) {
      builder.start(number, iso, line.substr(h.body_offset), h.bracketed);
      continue;
    }
    if (builder.open()) {
      builder.continue_with(line);
      continue;
    }
    ++report.unparsed_lines;
    sink.on_unparsed({report.path, number, line,
                      line.empty() ? "blank line before the first message" : "text before the first message"});
  }
  builder.flush();
  if (!source->error().empty()) {
    report.error = source->error();
    return false;
  }
  if (report.invalid_utf8_entries > 0) {
    report.warnings.push_back(fmt::format(
        "{} entr{} with bytes that are not UTF-8: shown as U+FFFD, original bytes kept as text_bytes_base64 "
        "in flagged records",
        report.invalid_utf8_entries, report.invalid_utf8_entries == 1 ? "y" : "ies"));
  }
  // WhatsApp stops exporting at 40,000 messages without media, 10,000 with.
  for (uint64_t cap : {uint64_t{10000}, uint64_t{40000}}) {
    if (report.messages == cap || report.entries == cap) {
      report.possibly_truncated = true;
      report.warnings.push_back(fmt::format(
          "{} entries: WhatsApp caps exports at {} messages, so this export is probably cut short; "
          "ask for the full chat (or a forensic extraction)",
          cap, cap));
    }
  }
  return true;
}

}  // namespace candour
