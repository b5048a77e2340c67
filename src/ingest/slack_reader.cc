// Slack workspace export: users.json and channels.json at the root, one
// folder per channel holding a YYYY-MM-DD.json array per day. One channel is
// one source; user ids become names, and mrkdwn mentions and links are
// shown as Slack shows them. docs/formats/slack.md.
#include <map>

#include "ingest/json_records.h"
#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

using Token = JsonStream::Token;

// Slack's reaction names for the reactions that mean laughing or agreeing,
// as the emoji other formats carry (reply_tracker reads emoji).
std::string reaction_emoji(std::string_view name) {
  static const std::map<std::string_view, std::string_view> kEmoji = {
      {"joy", "😂"},        {"rolling_on_the_floor_laughing", "🤣"}, {"laughing", "😆"}, {"satisfied", "😆"},
      {"smile", "😄"},      {"grin", "😁"},  {"sweat_smile", "😅"}, {"+1", "👍"},      {"thumbsup", "👍"},
      {"clap", "👏"},       {"100", "💯"},   {"heart", "❤️"},      {"fire", "🔥"},     {"ok_hand", "👌"},
      {"raised_hands", "🙌"}, {"skull", "💀"}, {"-1", "👎"},        {"thumbsdown", "👎"}};
  std::size_t colon = name.find("::");  // "+1::skin-tone-2"
  auto it = kEmoji.find(name.substr(0, colon));
  return it != kEmoji.end() ? std::string(it->second) : ":" + std::string(name) + ":";
}

class SlackReader {
 public:
  SlackReader(const InputSource& input, MessageSink& sink, SourceReport& report)
      : input_(input), sink_(sink), report_(report) {}

  bool read() {
    report_.format = "slack";
    report_.time_zone = "UTC";
    report_.conversation = "#" + input_.conversation_hint;
    for (const InputPart& list : input_.companions) read_list(list);
    report_.files.reserve(input_.parts.size());
    for (const InputPart& day : input_.parts) {
      if (!hash_into_report(day, report_)) return false;
      auto source = day.open();
      JsonStream json(*source);
      Token t = json.next();
      std::string error;
      if (t != Token::begin_array) {
        error = json.error().empty() ? "not a JSON array" : json.error();
      } else if (!read_record_array(json, tree_, report_, sink_, part_file_name(day),
                                    [&](const JsonTree& tree, uint64_t position, uint64_t line) {
                                      emit(tree, day, position, line);
                                    })) {
        error = !tree_.error().empty() ? tree_.error() : json.error();
      }
      if (!error.empty()) note_broken_json(report_, sink_, day.display, error, json.line());
    }
    return true;
  }

 private:
  // users.json: id -> real name; channels.json and the like: id -> name.
  void read_list(const InputPart& part) {
    const bool users = part_file_name(part) == "users.json";
    auto source = part.open();
    JsonStream json(*source);
    if (json.next() != Token::begin_array) return;
    // The lists are not messages: their records are not counted or reported as the channel's.
    struct : MessageSink {
      void on_message(const Message&) override {}
      void on_unparsed(const UnparsedLine&) override {}
    } lists_sink;
    SourceReport ignored;
    read_record_array(json, tree_, ignored, lists_sink, "", [&](const JsonTree& tree, uint64_t, uint64_t) {
      const auto root = tree.root();
      std::string_view id = tree.str(root, "id");
      if (users) {
        std::string_view name = tree.str(tree.get(root, "profile"), "real_name");
        if (name.empty()) name = tree.str(root, "real_name");
        if (name.empty()) name = tree.str(root, "name");
        users_[std::string(id)] = name;
      } else {
        channels_[std::string(id)] = tree.str(root, "name");
      }
    });
    if (!json.error().empty()) {
      report_.warnings.push_back(part.display + ": " + json.error() + "; names after that point are shown as ids");
    }
  }

  std::string user_name(std::string_view id) const {
    auto it = users_.find(std::string(id));
    if (it != users_.end() && !it->second.empty()) return it->second;
    return id == "USLACKBOT" ? std::string("Slackbot") : std::string(id);
  }

  // "<@U123>" -> "@Dan Mercer", "<#C1|general>" -> "#general", "<http://x|x>" -> "x", "&amp;" -> "&".
  std::string render(std::string_view text) const {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t close = text[i] == '<' ? text.find('>', i) : std::string_view::npos;
      if (close == std::string_view::npos) {
        std::size_t next = text.find('<', i + 1);
        if (next == std::string_view::npos) next = text.size();
        decode_html_entities_append(text.substr(i, next - i), out);
        i = next;
        continue;
      }
      std::string_view inner = text.substr(i + 1, close - i - 1);
      std::size_t bar = inner.find('|');
      std::string_view target = inner.substr(0, bar), label = bar == std::string_view::npos ? "" : inner.substr(bar + 1);
      if (target.substr(0, 1) == "@") {
        out += "@" + (label.empty() ? user_name(target.substr(1)) : std::string(label));
      } else if (target.substr(0, 1) == "#") {
        auto it = channels_.find(std::string(target.substr(1)));
        out += "#" + (!label.empty() ? std::string(label) : it != channels_.end() ? it->second : std::string(target.substr(1)));
      } else if (target.substr(0, 1) == "!") {
        out += "@" + std::string(label.empty() ? target.substr(1) : label);
      } else {
        decode_html_entities_append(label.empty() ? target : label, out);
      }
      i = close + 1;
    }
    return out;
  }

  void emit(const JsonTree& tree, const InputPart& day, uint64_t position, uint64_t line) {
    clear_message(m_);
    const auto root = tree.root();
    set_provenance(m_, report_.files.back(), report_.format, report_.conversation);
    m_.location = fmt::format("{}[{}] (line {})", part_file_name(day), position, line);
    std::string_view ts = tree.str(root, "ts");
    m_.id.assign(ts);
    int64_t seconds = 0;
    if (parse_unix_time(ts, false, &seconds)) {
      m_.time = iso_from_unix(seconds);
      m_.time_utc = m_.time + "Z";
    }
    std::string_view user = tree.str(root, "user");
    std::string_view profile_name = tree.str(tree.get(root, "user_profile"), "real_name");
    m_.sender = !user.empty() ? user_name(user) : std::string(tree.str(root, "username"));
    if (m_.sender == user && !profile_name.empty()) m_.sender.assign(profile_name);
    m_.sender_key = m_.sender.empty() ? std::string() : sender_key_for(m_.sender);
    m_.text = render(tree.str(root, "text"));
    std::string_view thread = tree.str(root, "thread_ts");
    if (!thread.empty() && thread != ts) m_.reply_to.assign(thread);
    m_.edited = tree.get(root, "edited") != JsonTree::kNone;
    for (auto f = tree.first_child(tree.get(root, "files")); f != JsonTree::kNone; f = tree.next_sibling(f)) {
      std::string_view name = tree.str(f, "name");
      m_.attachments.emplace_back(name.empty() ? std::string_view("file") : name);
    }
    for (auto r = tree.first_child(tree.get(root, "reactions")); r != JsonTree::kNone; r = tree.next_sibling(r)) {
      std::string emoji = reaction_emoji(tree.str(r, "name"));
      for (auto u = tree.first_child(tree.get(r, "users")); u != JsonTree::kNone; u = tree.next_sibling(u)) {
        m_.reactions.push_back({user_name(tree.text(u)), emoji});
      }
    }
    std::string_view subtype = tree.str(root, "subtype");
    if (subtype == "tombstone") {
      m_.kind = MessageKind::deleted;
    } else if (!subtype.empty() && subtype != "thread_broadcast" && subtype != "file_share" && subtype != "me_message" &&
               subtype != "bot_message") {
      m_.kind = MessageKind::system;  // channel_join, channel_topic, pinned_item, ...
      m_.system_action.assign(subtype);
    } else if (m_.text.empty() && !m_.attachments.empty()) {
      m_.kind = MessageKind::attachment;
    }
    emit_entry(m_, report_, sink_);
  }

  const InputSource& input_;
  MessageSink& sink_;
  SourceReport& report_;
  JsonTree tree_;
  Message m_;
  std::map<std::string, std::string> users_, channels_;
};

}  // namespace

bool read_slack(const InputSource& input, const ReaderOptions&, MessageSink& sink, SourceReport& report) {
  return SlackReader(input, sink, report).read();
}

}  // namespace candour
