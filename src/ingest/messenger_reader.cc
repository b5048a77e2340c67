// Facebook / Messenger / Instagram "Download Your Information" JSON, both the
// classic layout (sender_name, timestamp_ms, content) with its mojibake and
// the end-to-end-encrypted Messenger export (senderName, timestamp, text).
// A thread is split over message_1.json, message_2.json... newest first: all
// parts are read, then entries are emitted oldest first, each keeping its
// file and position; a long thread's parts are read again one at a time
// rather than held (read_messenger). docs/formats/messenger.md.
#include <algorithm>
#include <charconv>
#include <deque>
#include <filesystem>

#include "ingest/json_records.h"
#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

// A message held until its thread (or part) is read. Its time and location are
// written only when it is emitted, into one reused Message: three strings
// fewer to allocate and free per message.
struct Pending {
  Message message;
  int64_t millis = INT64_MIN;
  int64_t seconds = 0;
  bool timed = false;
  uint64_t order = 0;     // position across all parts, as exported
  std::size_t file = 0;
  uint64_t position = 0;  // in its file's "messages" array
};

std::string fixed(std::string_view text) { return repair_mojibake(text); }

void add_media(const JsonTree& tree, JsonTree::Node list, std::vector<std::string>& out) {
  for (auto n = tree.first_child(list); n != JsonTree::kNone; n = tree.next_sibling(n)) {
    std::string_view uri = tree.str(n, "uri");
    out.push_back(uri.empty() ? std::string("media") : std::filesystem::path(uri).filename().string());
  }
}

// The members convert() reads, found in one pass over the object (the first
// of each name, as JsonTree::get would find it): a dozen lookups per message,
// each a walk over every member, were a sixth of the reader's time.
struct Members {
  static constexpr std::string_view kMedia[] = {"photos", "videos", "audio_files", "files", "gifs", "media"};
  JsonTree::Node sender_name = JsonTree::kNone, sender_name_e2ee = JsonTree::kNone;
  JsonTree::Node content = JsonTree::kNone, text = JsonTree::kNone;
  JsonTree::Node timestamp_ms = JsonTree::kNone, timestamp = JsonTree::kNone;
  JsonTree::Node sticker = JsonTree::kNone, share = JsonTree::kNone, reactions = JsonTree::kNone;
  JsonTree::Node type = JsonTree::kNone, is_unsent = JsonTree::kNone, is_unsent_e2ee = JsonTree::kNone;
  JsonTree::Node media[std::size(kMedia)] = {JsonTree::kNone, JsonTree::kNone, JsonTree::kNone,
                                             JsonTree::kNone, JsonTree::kNone, JsonTree::kNone};

  Members(const JsonTree& tree, JsonTree::Node object) {
    if (!tree.is(object, JsonTree::Type::object)) return;
    auto first = [](JsonTree::Node& slot, JsonTree::Node n) {
      if (slot == JsonTree::kNone) slot = n;
    };
    for (auto n = tree.first_child(object); n != JsonTree::kNone; n = tree.next_sibling(n)) {
      const std::string_view key = tree.key(n);
      if (key == "sender_name") first(sender_name, n);
      else if (key == "senderName") first(sender_name_e2ee, n);
      else if (key == "content") first(content, n);
      else if (key == "text") first(text, n);
      else if (key == "timestamp_ms") first(timestamp_ms, n);
      else if (key == "timestamp") first(timestamp, n);
      else if (key == "sticker") first(sticker, n);
      else if (key == "share") first(share, n);
      else if (key == "reactions") first(reactions, n);
      else if (key == "type") first(type, n);
      else if (key == "is_unsent") first(is_unsent, n);
      else if (key == "isUnsent") first(is_unsent_e2ee, n);
      else {
        for (std::size_t i = 0; i < std::size(kMedia); ++i) {
          if (key == kMedia[i]) first(media[i], n);
        }
      }
    }
  }
};

bool truthy(std::string_view t) { return t == "true" || t == "1" || t == "True"; }

// A message's time in milliseconds, INT64_MIN if it has none (it then sorts first).
int64_t millis_of(const JsonTree& tree, const Members& members, bool e2ee, int64_t* seconds) {
  std::string_view stamp = tree.text(e2ee ? members.timestamp : members.timestamp_ms);
  int64_t millis = INT64_MIN;
  if (parse_unix_time(stamp, /*millis=*/true, seconds)) {
    std::from_chars(stamp.data(), stamp.data() + stamp.size(), millis);  // parse_unix_time checked the digits
  }
  return millis;
}

// One message object, classic or E2EE layout.
void convert(const JsonTree& tree, JsonTree::Node root, Pending& p, bool* mojibake) {
  Message& m = p.message;
  const Members members(tree, root);
  const bool e2ee = members.sender_name_e2ee != JsonTree::kNone;
  std::string_view raw_sender = tree.text(e2ee ? members.sender_name_e2ee : members.sender_name);
  m.sender = fixed(raw_sender);
  m.sender_key = m.sender.empty() ? std::string() : sender_key_for(m.sender);
  m.text = fixed(tree.text(e2ee ? members.text : members.content));
  *mojibake |= m.sender != raw_sender;
  p.millis = millis_of(tree, members, e2ee, &p.seconds);
  p.timed = p.millis != INT64_MIN;
  for (JsonTree::Node list : members.media) add_media(tree, list, m.attachments);
  if (members.sticker != JsonTree::kNone) m.attachments.emplace_back("sticker");
  if (members.share != JsonTree::kNone) {
    std::string_view link = tree.str(members.share, "link");
    if (!link.empty()) m.attachments.push_back("link: " + std::string(link));
  }
  for (auto r = tree.first_child(members.reactions); r != JsonTree::kNone; r = tree.next_sibling(r)) {
    m.reactions.push_back({fixed(tree.str(r, "actor")), fixed(tree.str(r, "reaction"))});
  }
  std::string_view type = tree.text(members.type);
  if (truthy(tree.text(e2ee ? members.is_unsent_e2ee : members.is_unsent))) {
    m.kind = MessageKind::deleted;
  } else if (type == "Subscribe" || type == "Unsubscribe" || type == "Call") {
    m.kind = MessageKind::system;
    m.system_action = type == "Subscribe" ? "added" : type == "Unsubscribe" ? "left" : "call";
  } else if (m.text.empty() && !m.attachments.empty()) {
    m.kind = MessageKind::attachment;
  } else {
    m.kind = MessageKind::text;
  }
}

// What a part holds, for the title and format.
struct PartHeader {
  std::string conversation;
  bool e2ee_seen = false;
};

// Walks one part's top-level object; each record of its "messages" array
// goes to on_record(tree, position, offset of its "{"). Returns the error that
// stopped it, "" if none.
template <class OnRecord>
std::string walk_part(JsonStream& json, JsonTree& tree, SourceReport& report, MessageSink& sink,
                      const std::string& what, PartHeader& header, OnRecord on_record) {
  using Token = JsonStream::Token;
  if (json.next() != Token::begin_object) return json.error().empty() ? "not a JSON object" : json.error();
  for (;;) {
    Token t = json.next();
    if (t == Token::end_object) return "";
    if (t != Token::key) return json.error();
    std::string key(json.text());
    if (key == "title" || key == "threadName") {
      std::string value;
      if (json.scalar(&value) && header.conversation.empty()) header.conversation = fixed(value);
      header.e2ee_seen |= key == "threadName";
    } else if (key == "messages") {
      if (json.next() != Token::begin_array) return "\"messages\" is not an array";
      bool ok = read_record_array(json, tree, report, sink, what,
                                  [&](const JsonTree& tr, uint64_t position, uint64_t, uint64_t offset) {
                                    on_record(tr, position, offset);
                                  });
      if (!ok) return !tree.error().empty() ? tree.error() : json.error();
    } else if (!json.skip(json.next())) {
      return json.error();
    }
  }
}

// The earliest and latest time among a part's messages, and whether they
// are stored newest first.
struct TimeRange {
  int64_t earliest = INT64_MAX, latest = INT64_MIN;
  uint64_t messages = 0;
  bool newest_first = true;
};


// Parts are stored newest first. If every part's messages are all no
// later than the earliest of the part before it, oldest first is each part
// in turn from the last, and a part can be emitted before the next is read.
bool parts_follow_in_time(const std::vector<TimeRange>& ranges) {
  const TimeRange* newer = nullptr;
  for (const TimeRange& r : ranges) {
    if (r.messages == 0) continue;
    if (newer && r.latest > newer->earliest) return false;
    newer = &r;
  }
  return true;
}

class DiscardingSink : public MessageSink {
 public:
  void on_message(const Message&) override {}
  void on_unparsed(const UnparsedLine&) override {}
};

}  // namespace

bool read_messenger(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report) {
  report.files.reserve(input.parts.size());  // messages point into these strings
  std::deque<Pending> pending;  // a deque: messages never move while the thread is read
  PartHeader header;
  bool mojibake = false;
  JsonTree tree;
  uint64_t order = 0;
  std::vector<std::string> names;  // each part's file name, for locations
  std::vector<TimeRange> ranges(input.parts.size());
  // For a part too long to hold, where each record starts, so that it can
  // be read backwards a piece at a time.
  std::vector<std::vector<RecordPlace>> places(input.parts.size());
  std::vector<RecordPlace> part_places;  // the part being read; kept only for a long one
  // A thread is held whole only up to a size: past it, its parts are read
  // again one at a time (docs/formats/messenger.md), so that memory stays
  // flat however long the thread.
  bool held = true;
  for (std::size_t i = 0; i < input.parts.size(); ++i) {
    const InputPart& part = input.parts[i];
    Sha256 hash;
    if (options.hash_in_background) hash.hash_in_background();
    HashingSource source(part.open(), &hash);
    JsonStream json(source);
    const std::string& name = names.emplace_back(part_file_name(part));
    TimeRange& range = ranges[i];
    std::string error = walk_part(json, tree, report, sink, name + " messages", header,
                                  [&](const JsonTree& tr, uint64_t position, uint64_t offset) {
      int64_t millis;
      if (held) {
        Pending& p = pending.emplace_back();
        p.order = order++;
        p.file = i;
        p.position = position;
        convert(tr, tr.root(), p, &mojibake);
        millis = p.millis;
        if (pending.size() > options.held_messages) {
          held = false;
          pending = {};
        }
      } else {
        const Members members(tr, tr.root());
        int64_t seconds;
        millis = millis_of(tr, members, members.sender_name_e2ee != JsonTree::kNone, &seconds);
      }
      if (range.messages > 0 && millis > range.earliest) range.newest_first = false;
      range.earliest = std::min(range.earliest, millis);
      range.latest = std::max(range.latest, millis);
      ++range.messages;
      part_places.push_back({offset, position, 0});
    });
    if (range.messages > options.held_messages) places[i] = std::move(part_places);
    part_places.clear();
    read_to_end(source);  // the hash covers the whole file, also past a break
    if (!source.error().empty()) {
      report.error = part.display + ": " + source.error();
      return false;
    }
    report.files.push_back({part.display, hash.hex_digest(), source.bytes()});
    report.bytes += source.bytes();
    if (!error.empty()) {
      if (range.messages == 0 && input.parts.size() == 1) {
        report.error = fmt::format("not a readable Messenger export: {}", error);
        return false;
      }
      note_broken_json(report, sink, part.display, error, json.line());
    }
  }
  report.format = header.e2ee_seen || input.format == "messenger-e2ee" ? "messenger-e2ee" : "messenger";
  if (input.display.find("instagram") != std::string::npos) report.format = "instagram";
  if (!header.conversation.empty()) report.conversation = header.conversation;
  report.time_zone = "UTC";

  Message m;
  auto emit = [&](Pending& p) {
    m = std::move(p.message);  // its empty time and location keep m's buffers
    if (p.timed) {
      iso_from_unix(p.seconds, m.time);
      m.time_utc.assign(m.time).push_back('Z');
    }
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, p.position);
    m.location.assign(names[p.file]).append(" messages[").append(digits, end).push_back(']');
    set_provenance(m, report.files[p.file], report.format, report.conversation);
    emit_entry(m, report, sink);
  };
  // Oldest first; messages with the same millisecond keep their relative
  // order as exported, reversed. An index is sorted, not the messages.
  auto emit_oldest_first = [&](std::deque<Pending>& held_messages) {
    std::vector<uint32_t> order_of(held_messages.size());
    for (std::size_t i = 0; i < order_of.size(); ++i) order_of[i] = static_cast<uint32_t>(i);
    std::stable_sort(order_of.begin(), order_of.end(), [&](uint32_t x, uint32_t y) {
      const Pending &a = held_messages[x], &b = held_messages[y];
      if (a.millis != b.millis) return a.millis < b.millis;
      return a.order > b.order;
    });
    for (uint32_t i : order_of) emit(held_messages[i]);
  };
  // Reads the rest of part i's second read: it must hash as the first did.
  auto still_the_same = [&](std::size_t i, HashingSource& source, Sha256& hash) {
    read_to_end(source);
    if (!source.error().empty()) {
      report.error = input.parts[i].display + ": " + source.error();
      return false;
    }
    if (hash.hex_digest() == report.files[i].sha256) return true;
    report.error = input.parts[i].display + ": changed while it was being read";
    return false;
  };
  // Reads parts [first, last] again into `pending`, as the first time (their
  // unparsed records and breaks were reported then), and checks that they
  // still have the hash they were reported with.
  auto read_again = [&](std::size_t first, std::size_t last) {
    SourceReport scratch;
    DiscardingSink discard;
    PartHeader ignored;
    order = 0;
    for (std::size_t i = first; i <= last; ++i) {
      const InputPart& part = input.parts[i];
      Sha256 hash;
      if (options.hash_in_background) hash.hash_in_background();
      HashingSource source(part.open(), &hash);
      JsonStream json(source);
      walk_part(json, tree, scratch, discard, names[i], ignored, [&](const JsonTree& tr, uint64_t position, uint64_t) {
        Pending& p = pending.emplace_back();
        p.order = order++;
        p.file = i;
        p.position = position;
        convert(tr, tr.root(), p, &mojibake);
      });
      if (!still_the_same(i, source, hash)) return false;
    }
    return true;
  };
  // A part too long to hold, stored newest first: its records from the last
  // to the first, a piece of the file at a time, after checking its hash.
  auto emit_backwards = [&](std::size_t i) {
    const InputPart& part = input.parts[i];
    Sha256 hash;
    HashingSource whole(part.open(), &hash);
    if (!still_the_same(i, whole, hash)) return false;
    Pending p;
    std::string error;
    bool read = read_records_again(part, places[i], report.files[i].bytes, /*backwards=*/true, tree, &error,
                                   [&](const JsonTree& tr, const RecordPlace& place) {
      clear_message(p.message);
      p.file = i;
      p.position = place.position;
      convert(tr, tr.root(), p, &mojibake);
      emit(p);
    });
    if (!read) report.error = part.display + ": " + error;
    return read;
  };

  if (held) {
    emit_oldest_first(pending);
  } else if (parts_follow_in_time(ranges)) {
    for (std::size_t i = input.parts.size(); i-- > 0;) {
      if (ranges[i].messages == 0) continue;
      if (!places[i].empty() && ranges[i].newest_first) {
        if (!emit_backwards(i)) return false;
        continue;
      }
      pending = {};
      if (!read_again(i, i)) return false;
      emit_oldest_first(pending);
    }
  } else {
    // Times overlap between parts: the whole thread must be sorted at once.
    if (!read_again(0, input.parts.size() - 1)) return false;
    emit_oldest_first(pending);
  }
  if (mojibake) report.warnings.push_back("names and text were stored as mojibake (UTF-8 bytes as \\u00XX) and were repaired");
  return true;
}

}  // namespace candour
