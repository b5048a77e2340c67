// Telegram Desktop's JSON export, result.json: one chat, or the whole
// account with its chats under chats.list (and left_chats.list). Streamed:
// exports reach hundreds of megabytes. docs/formats/telegram.md.
#include "ingest/json_records.h"
#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

using Token = JsonStream::Token;

// "text" is a string, or an array of strings and entity objects with their
// own "text": the pieces are joined as they are, with nothing added.
void join_text(const JsonTree& tree, JsonTree::Node text, std::string& out) {
  if (text == JsonTree::kNone) return;
  if (tree.type(text) != JsonTree::Type::array) {
    out.append(tree.text(text));
    return;
  }
  for (auto piece = tree.first_child(text); piece != JsonTree::kNone; piece = tree.next_sibling(piece)) {
    out.append(tree.type(piece) == JsonTree::Type::object ? tree.str(piece, "text") : tree.text(piece));
  }
}

class TelegramReader {
 public:
  TelegramReader(const InputSource& input, MessageSink& sink, SourceReport& report)
      : input_(input), sink_(sink), report_(report) {}

  bool read() {
    if (!hash_into_report(input_.parts.front(), report_)) return false;
    auto source = input_.parts.front().open();
    JsonStream json(*source, /*lenient=*/true);
    report_.format = "telegram";
    report_.time_zone = "local time of the exporting computer (time_utc is exact)";
    std::string error;
    if (json.next() != Token::begin_object) {
      report_.error = "not a Telegram export: " + (json.error().empty() ? std::string("not a JSON object") : json.error());
      return false;
    }
    if (!read_object(json, /*top=*/true)) {
      error = !tree_.error().empty() ? tree_.error() : json.error();
      if (report_.entries == 0 && report_.records == 0) {
        report_.error = "not a readable Telegram export: " + error;
        return false;
      }
      note_broken_json(report_, sink_, input_.parts.front().display, error, json.line());
    }
    if (chats_ > 1) report_.conversation = fmt::format("{} chats", chats_);
    if (json.lenient_escapes() > 0) {
      report_.warnings.push_back(fmt::format(
          "{} invalid \\x escape(s) or raw control character(s), as Telegram Desktop writes them, were read leniently",
          json.lenient_escapes()));
    }
    return true;
  }

 private:
  // Inside an object whose begin was just read: a chat (has "messages"),
  // the account (has "chats"), or a list holder (has "list").
  bool read_object(JsonStream& json, bool top) {
    std::string name, type, id;
    for (;;) {
      Token t = json.next();
      if (t == Token::end_object) return true;
      if (t != Token::key) return false;
      std::string key(json.text());
      if (key == "name" || key == "type" || key == "id") {
        std::string value;
        json.scalar(&value);
        (key == "name" ? name : key == "type" ? type : id) = value;
      } else if (key == "messages") {
        Token a = json.next();
        if (a != Token::begin_array) return false;
        ++chats_;
        conversation_ = !name.empty() ? name : type == "saved_messages" ? "Saved Messages" : "chat " + id;
        if (top) report_.conversation = conversation_;
        if (!read_record_array(json, tree_, report_, sink_, conversation_ + " messages",
                               [&](const JsonTree& tree, uint64_t position, uint64_t line) { emit(tree, position, line); })) {
          return false;
        }
      } else if (key == "personal_information" && top) {
        Token o = json.next();
        if (o != Token::begin_object || !tree_.read(json, o)) return false;
        std::string first(tree_.str(tree_.root(), "first_name")), last(tree_.str(tree_.root(), "last_name"));
        report_.account_owner = last.empty() ? first : first.empty() ? last : first + " " + last;
      } else if (key == "chats" || key == "left_chats") {
        Token o = json.next();
        if (o != Token::begin_object || !read_object(json, false)) return false;
      } else if (key == "list") {
        if (json.next() != Token::begin_array) return false;
        for (;;) {
          Token c = json.next();
          if (c == Token::end_array) break;
          if (c != Token::begin_object || !read_object(json, false)) return false;
        }
      } else if (!json.skip(json.next())) {
        return false;
      }
    }
  }

  void emit(const JsonTree& tree, uint64_t position, uint64_t line) {
    clear_message(m_);
    const auto root = tree.root();
    set_provenance(m_, report_.files.front(), report_.format, conversation_);
    m_.location = fmt::format("{} messages[{}] (line {})", conversation_, position, line);
    m_.id.assign(tree.str(root, "id"));
    std::string wall, utc;
    if (parse_iso8601(tree.str(root, "date"), &wall, &utc)) m_.time = wall;
    int64_t seconds = 0;
    if (parse_unix_time(tree.str(root, "date_unixtime"), false, &seconds)) m_.time_utc = iso_from_unix(seconds) + "Z";
    const bool service = tree.str(root, "type") == "service";
    m_.sender.assign(tree.str(root, service ? "actor" : "from"));
    m_.sender_key = m_.sender.empty() ? std::string() : sender_key_for(m_.sender);
    join_text(tree, tree.get(root, "text"), m_.text);
    m_.reply_to.assign(tree.str(root, "reply_to_message_id"));
    m_.forwarded_from.assign(tree.str(root, "forwarded_from"));
    m_.edited = tree.get(root, "edited") != JsonTree::kNone;
    for (const char* key : {"photo", "file"}) {
      std::string_view file = tree.str(root, key);
      if (!file.empty()) m_.attachments.emplace_back(file);
    }
    std::string_view media_type = tree.str(root, "media_type");
    if (!media_type.empty() && m_.attachments.empty()) m_.attachments.emplace_back(media_type);
    for (auto r = tree.first_child(tree.get(root, "reactions")); r != JsonTree::kNone; r = tree.next_sibling(r)) {
      std::string_view emoji = tree.str(r, "emoji");
      // Only reactions with a named actor ("recent") can be endorsements of a person.
      for (auto who = tree.first_child(tree.get(r, "recent")); who != JsonTree::kNone; who = tree.next_sibling(who)) {
        m_.reactions.push_back({std::string(tree.str(who, "from")), std::string(emoji)});
      }
    }
    if (service) {
      m_.kind = MessageKind::system;
      m_.system_action.assign(tree.str(root, "action"));
      if (m_.text.empty()) m_.text = m_.system_action;
    } else if (auto poll = tree.get(root, "poll"); poll != JsonTree::kNone) {
      m_.kind = MessageKind::poll;
      if (m_.text.empty()) m_.text.assign(tree.str(poll, "question"));
    } else if (tree.get(root, "location_information") != JsonTree::kNone) {
      m_.kind = tree.get(root, "live_location_period_seconds") != JsonTree::kNone ? MessageKind::live_location
                                                                                   : MessageKind::location;
    } else if (m_.text.empty() && !m_.attachments.empty()) {
      m_.kind = MessageKind::attachment;
    } else {
      m_.kind = MessageKind::text;
    }
    emit_entry(m_, report_, sink_);
  }

  const InputSource& input_;
  MessageSink& sink_;
  SourceReport& report_;
  JsonTree tree_;
  Message m_;
  std::string conversation_;
  int chats_ = 0;
};

}  // namespace

bool read_telegram(const InputSource& input, const ReaderOptions&, MessageSink& sink, SourceReport& report) {
  return TelegramReader(input, sink, report).read();
}

}  // namespace candour
