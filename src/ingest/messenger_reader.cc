// Facebook / Messenger / Instagram "Download Your Information" JSON, both the
// classic layout (sender_name, timestamp_ms, content) with its mojibake and
// the end-to-end-encrypted Messenger export (senderName, timestamp, text).
// A thread is split over message_1.json, message_2.json... newest first: all
// parts are read, then entries are emitted oldest first, each keeping its
// file and position. docs/formats/messenger.md.
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

// A message held until the whole thread is read. Its time and location are
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
  int64_t seconds = 0;
  std::string_view stamp = tree.text(e2ee ? members.timestamp : members.timestamp_ms);
  if (parse_unix_time(stamp, /*millis=*/true, &seconds)) {
    std::from_chars(stamp.data(), stamp.data() + stamp.size(), p.millis);  // parse_unix_time checked the digits
    p.seconds = seconds;
    p.timed = true;
  }
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

}  // namespace

bool read_messenger(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report) {
  report.files.reserve(input.parts.size());  // messages point into these strings
  std::deque<Pending> pending;  // a deque: messages never move while the thread is read
  std::string conversation;
  bool e2ee_seen = false, mojibake = false;
  JsonTree tree;
  uint64_t order = 0;
  std::vector<std::string> names;  // each part's file name, for locations
  for (std::size_t i = 0; i < input.parts.size(); ++i) {
    const InputPart& part = input.parts[i];
    Sha256 hash;
    if (options.hash_in_background) hash.hash_in_background();
    HashingSource source(part.open(), &hash);
    JsonStream json(source);
    using Token = JsonStream::Token;
    const std::string& name = names.emplace_back(part_file_name(part));
    std::string error;
    if (json.next() != Token::begin_object) {
      error = json.error().empty() ? "not a JSON object" : json.error();
    }
    while (error.empty()) {
      Token t = json.next();
      if (t == Token::end_object) break;
      if (t != Token::key) {
        error = json.error();
        break;
      }
      std::string key(json.text());
      if (key == "title" || key == "threadName") {
        std::string value;
        if (json.scalar(&value) && conversation.empty()) conversation = fixed(value);
        e2ee_seen |= key == "threadName";
      } else if (key == "messages") {
        if (json.next() != Token::begin_array) {
          error = "\"messages\" is not an array";
          break;
        }
        bool ok = read_record_array(json, tree, report, sink, name + " messages", [&](const JsonTree& tr, uint64_t position, uint64_t) {
          Pending& p = pending.emplace_back();
          p.order = order++;
          p.file = i;
          p.position = position;
          convert(tr, tr.root(), p, &mojibake);
        });
        if (!ok) error = !tree.error().empty() ? tree.error() : json.error();
      } else if (!json.skip(json.next())) {
        error = json.error();
      }
    }
    // The hash covers the whole file, also past a break.
    std::string buffer(1 << 16, '\0');
    while (source.read(buffer.data(), buffer.size()) > 0) {
    }
    if (!source.error().empty()) {
      report.error = part.display + ": " + source.error();
      return false;
    }
    report.files.push_back({part.display, hash.hex_digest(), source.bytes()});
    report.bytes += source.bytes();
    if (!error.empty()) {
      if (pending.empty() && input.parts.size() == 1) {
        report.error = fmt::format("not a readable Messenger export: {}", error);
        return false;
      }
      note_broken_json(report, sink, part.display, error, json.line());
    }
  }
  report.format = e2ee_seen || input.format == "messenger-e2ee" ? "messenger-e2ee" : "messenger";
  if (input.display.find("instagram") != std::string::npos) report.format = "instagram";
  if (!conversation.empty()) report.conversation = conversation;
  report.time_zone = "UTC";
  if (mojibake) report.warnings.push_back("names and text were stored as mojibake (UTF-8 bytes as \\u00XX) and were repaired");
  // Oldest first; messages with the same millisecond keep their relative order as exported, reversed.
  // An index is sorted, not the messages themselves.
  std::vector<uint32_t> order_of(pending.size());
  for (std::size_t i = 0; i < order_of.size(); ++i) order_of[i] = static_cast<uint32_t>(i);
  std::stable_sort(order_of.begin(), order_of.end(), [&](uint32_t x, uint32_t y) {
    const Pending &a = pending[x], &b = pending[y];
    if (a.millis != b.millis) return a.millis < b.millis;
    return a.order > b.order;
  });
  Message m;
  char digits[24];
  for (uint32_t i : order_of) {
    Pending& p = pending[i];
    m = std::move(p.message);  // its empty time and location keep m's buffers
    if (p.timed) {
      iso_from_unix(p.seconds, m.time);
      m.time_utc.assign(m.time).push_back('Z');
    }
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, p.position);
    m.location.assign(names[p.file]).append(" messages[").append(digits, end).push_back(']');
    set_provenance(m, report.files[p.file], report.format, report.conversation);
    emit_entry(m, report, sink);
  }
  return true;
}

}  // namespace candour
