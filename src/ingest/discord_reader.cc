// DiscordChatExporter's JSON export: one channel per file (guild, channel,
// messages[]). Streamed. docs/formats/discord.md.
#include "ingest/json_records.h"
#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

using Token = JsonStream::Token;

bool is_system_type(std::string_view type) {
  return !type.empty() && type != "Default" && type != "Reply" && type != "ChatInputCommand" &&
         type != "ContextMenuCommand" && type != "ThreadStarterMessage";
}

}  // namespace

bool read_discord(const InputSource& input, const ReaderOptions&, MessageSink& sink, SourceReport& report) {
  if (!hash_into_report(input.parts.front(), report)) return false;
  auto source = input.parts.front().open();
  JsonStream json(*source);
  report.format = "discord";
  report.time_zone = "as exported (time_utc is exact)";
  if (json.next() != Token::begin_object) {
    report.error = "not a Discord export: " + (json.error().empty() ? std::string("not a JSON object") : json.error());
    return false;
  }
  JsonTree tree;
  Message m;
  std::string guild, channel, error;
  for (;;) {
    Token t = json.next();
    if (t == Token::end_object) break;
    if (t != Token::key) {
      error = json.error();
      break;
    }
    std::string key(json.text());
    if (key == "guild" || key == "channel") {
      Token o = json.next();
      if (o != Token::begin_object || !tree.read(json, o)) {
        error = json.error().empty() ? "\"" + key + "\" is not an object" : json.error();
        break;
      }
      (key == "guild" ? guild : channel) = tree.str(tree.root(), "name");
      report.conversation = guild.empty() ? "#" + channel : guild + " / #" + channel;
    } else if (key == "messages") {
      if (json.next() != Token::begin_array) {
        error = "\"messages\" is not an array";
        break;
      }
      bool ok = read_record_array(json, tree, report, sink, "messages", [&](const JsonTree& tr, uint64_t position, uint64_t line) {
        clear_message(m);
        const auto root = tr.root();
        set_provenance(m, report.files.front(), report.format, report.conversation);
        m.location = fmt::format("messages[{}] (line {})", position, line);
        m.id.assign(tr.str(root, "id"));
        parse_iso8601(tr.str(root, "timestamp"), &m.time, &m.time_utc);
        const auto author = tr.get(root, "author");
        std::string_view nickname = tr.str(author, "nickname");
        m.sender.assign(nickname.empty() ? tr.str(author, "name") : nickname);
        m.sender_key = m.sender.empty() ? std::string() : sender_key_for(m.sender);
        m.text.assign(tr.str(root, "content"));
        m.edited = !tr.str(root, "timestampEdited").empty();
        m.reply_to.assign(tr.str(tr.get(root, "reference"), "messageId"));
        for (auto a = tr.first_child(tr.get(root, "attachments")); a != JsonTree::kNone; a = tr.next_sibling(a)) {
          m.attachments.emplace_back(tr.str(a, "fileName"));
        }
        for (auto r = tr.first_child(tr.get(root, "reactions")); r != JsonTree::kNone; r = tr.next_sibling(r)) {
          std::string_view emoji = tr.str(tr.get(r, "emoji"), "name");
          for (auto u = tr.first_child(tr.get(r, "users")); u != JsonTree::kNone; u = tr.next_sibling(u)) {
            std::string_view nick = tr.str(u, "nickname");
            m.reactions.push_back({std::string(nick.empty() ? tr.str(u, "name") : nick), std::string(emoji)});
          }
        }
        std::string_view type = tr.str(root, "type");
        if (is_system_type(type)) {
          m.kind = MessageKind::system;
          m.system_action.assign(type);
        } else if (m.text.empty() && !m.attachments.empty()) {
          m.kind = MessageKind::attachment;
        }
        emit_entry(m, report, sink);
      });
      if (!ok) {
        error = !tree.error().empty() ? tree.error() : json.error();
        break;
      }
    } else if (!json.skip(json.next())) {
      error = json.error();
      break;
    }
  }
  if (!error.empty()) {
    if (report.records == 0) {
      report.error = "not a readable Discord export: " + error;
      return false;
    }
    note_broken_json(report, sink, input.parts.front().display, error, json.line());
  }
  return true;
}

}  // namespace candour
