// Microsoft Teams / Skype personal export, messages.json: conversations[],
// each with a MessageList[] (newest first). Content is HTML; the text we
// scan is the stripped text, and offsets refer to it. docs/formats/teams.md.
#include <algorithm>
#include <deque>

#include "ingest/json_records.h"
#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

using Token = JsonStream::Token;

struct Pending {
  Message message;
  uint64_t order = 0;
};

class TeamsReader {
 public:
  TeamsReader(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report)
      : input_(input), options_(options), sink_(sink), report_(report) {}

  bool read() {
    if (!hash_into_report(input_.parts.front(), report_)) return false;
    auto source = input_.parts.front().open();
    JsonStream json(*source);
    report_.format = "teams";
    report_.time_zone = "UTC";
    std::string error;
    if (json.next() != Token::begin_object || !read_top(json)) {
      if (!report_.error.empty()) return false;  // a conversation could not be read again
      error = !tree_.error().empty() ? tree_.error() : !json.error().empty() ? json.error() : "not a Teams export";
      if (report_.records == 0) {
        report_.error = "not a readable Teams export: " + error;
        return false;
      }
      note_broken_json(report_, sink_, input_.parts.front().display, error, json.line());
    }
    if (conversations_ > 1) report_.conversation = fmt::format("{} conversations", conversations_);
    if (conversations_ == 1) report_.conversation = conversation_;
    return true;
  }

 private:
  bool read_top(JsonStream& json) {
    for (;;) {
      Token t = json.next();
      if (t == Token::end_object) return true;
      if (t != Token::key) return false;
      if (json.text() != "conversations") {
        if (!json.skip(json.next())) return false;
        continue;
      }
      if (json.next() != Token::begin_array) return false;
      for (;;) {
        Token c = json.next();
        if (c == Token::end_array) break;
        if (c != Token::begin_object || !read_conversation(json)) return false;
      }
    }
  }

  bool read_conversation(JsonStream& json) {
    std::string id, name;
    std::vector<Pending> pending;
    // A conversation longer than options.held_messages is not held: where
    // each record starts is kept, to read it again once its order is known.
    const InputPart& part = input_.parts.front();
    std::vector<RecordPlace> places;
    bool held = true, newest_first = true;
    std::string previous_time, time, local_time;
    uint64_t count = 0;
    bool ok = true;
    for (;;) {
      Token t = json.next();
      if (t == Token::end_object) break;
      if (t != Token::key) {
        ok = false;
        break;
      }
      std::string key(json.text());
      if (key == "id" || key == "displayName") {
        json.scalar(key == "id" ? &id : &name);
      } else if (key == "MessageList") {
        if (json.next() != Token::begin_array) return false;
        ++conversations_;
        conversation_ = !name.empty() ? name : "conversation " + id;
        ok = read_record_array(json, tree_, report_, sink_, conversation_ + " MessageList",
                               [&](const JsonTree& tree, uint64_t position, uint64_t line, uint64_t offset) {
                                 places.push_back({offset, position, line});
                                 if (held) {
                                   Pending& p = pending.emplace_back();
                                   p.order = position;
                                   convert(tree, position, line, p.message);
                                   time = p.message.time_utc;
                                   if (pending.size() > options_.held_messages) {
                                     held = false;
                                     pending = {};
                                   }
                                 } else {
                                   time.clear();  // as convert() leaves it, when there is no time
                                   parse_iso8601(tree.str(tree.root(), "originalarrivaltime"), &local_time, &time);
                                 }
                                 if (count++ > 0 && time > previous_time) newest_first = false;
                                 previous_time.swap(time);
                               });
        if (!ok) break;
      } else if (!json.skip(json.next())) {
        ok = false;
        break;
      }
    }
    conversation_names_.push_back(conversation_);
    const std::string& conversation = conversation_names_.back();  // stable: the deque never moves it
    if (!held) {
      // Newest first, as Teams writes it: oldest first is the records backwards.
      std::string error;
      Pending one;
      auto again = [&](const JsonTree& tree, const RecordPlace& place) {
        Pending& p = newest_first ? one : pending.emplace_back();
        clear_message(p.message);
        p.order = place.position;
        convert(tree, place.position, place.line, p.message);
        if (newest_first) emit(p, conversation);
      };
      if (!read_records_again(part, places, report_.files.front().bytes, newest_first, tree_, &error, again)) {
        report_.error = part.display + ": " + error;
        return false;
      }
    }
    // Oldest first; the export lists the newest first.
    std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
      if (a.message.time_utc != b.message.time_utc) return a.message.time_utc < b.message.time_utc;
      return a.order > b.order;
    });
    for (Pending& p : pending) emit(p, conversation);
    return ok;
  }

  void emit(Pending& p, const std::string& conversation) {
    p.message.conversation = conversation;
    emit_entry(p.message, report_, sink_);
  }

  void convert(const JsonTree& tree, uint64_t position, uint64_t line, Message& m) {
    const auto root = tree.root();
    set_provenance(m, report_.files.front(), report_.format, {});  // the conversation is set when emitted
    m.location = fmt::format("{} MessageList[{}] (line {})", conversation_, position, line);
    m.id.assign(tree.str(root, "id"));
    parse_iso8601(tree.str(root, "originalarrivaltime"), &m.time, &m.time_utc);
    m.sender.assign(tree.str(root, "displayName"));
    std::string_view from = tree.str(root, "from");
    m.sender_key = m.sender.empty() ? std::string(from) : sender_key_for(m.sender);
    std::string_view type = tree.str(root, "messagetype");
    std::string_view content = tree.str(root, "content");
    m.text = (type == "Text") ? std::string(content) : strip_html(content);
    if (type.substr(0, 14) == "ThreadActivity" || type.substr(0, 6) == "Event/") {
      m.kind = MessageKind::system;
      m.system_action.assign(type);
    } else if (type.substr(0, 17) == "RichText/UriObject" || type.substr(0, 14) == "RichText/Media") {
      m.kind = MessageKind::attachment;
      m.attachments.emplace_back(type);
    }
    if (auto props = tree.get(root, "properties"); props != JsonTree::kNone) {
      m.edited = tree.get(props, "edittime") != JsonTree::kNone;
      if (tree.get(props, "deletetime") != JsonTree::kNone) m.kind = MessageKind::deleted;
    }
  }

  const InputSource& input_;
  const ReaderOptions& options_;
  MessageSink& sink_;
  SourceReport& report_;
  JsonTree tree_;
  std::string conversation_;
  std::deque<std::string> conversation_names_;  // stable storage: records keep views into it
  int conversations_ = 0;
};

}  // namespace

bool read_teams(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report) {
  return TeamsReader(input, options, sink, report).read();
}

}  // namespace candour
