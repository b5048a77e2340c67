// candour/message.h — one entry of a chat export, as every reader produces it.
//
// Readers push Messages to a MessageSink in source order. A Message only lives
// for the duration of the sink call: its string fields are owned by the reader
// and reused for the next entry, so a sink that keeps anything must copy it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace candour {

// What an entry is. Markers that WhatsApp writes in place of content (media,
// deletions, polls, locations, view-once) are typed events: they are kept and
// counted, never dropped.
enum class MessageKind {
  text,
  media_omitted,   // "<Media omitted>", "image omitted", ...
  attachment,      // "<attached: file>", "file.pdf (file attached)"
  deleted,         // "This message was deleted", "You deleted this message"
  poll,            // "POLL:" followed by "OPTION:" lines
  location,        // "location: https://maps.google.com/?q=..."
  live_location,   // "live location shared"
  view_once,       // "null" (a view-once photo or video)
  system,          // group created, member added/left/removed, encryption notice, ...
};

std::string_view to_string(MessageKind kind);

// A reaction on a message, where the export records them (Messenger,
// Telegram, Slack, ...; WhatsApp text exports do not).
struct Reaction {
  std::string actor;     // display name as exported
  std::string reaction;  // usually an emoji
};

struct Message {
  std::string_view source;        // display path, e.g. "chat.zip/_chat.txt"
  std::string_view sha256;        // hex digest of the bytes the reader parsed
  std::string_view format;        // e.g. "whatsapp-android", "whatsapp-ios"
  std::string_view conversation;  // group or chat name, "" when unknown
  uint64_t index = 0;             // 0-based position among the source's entries
  uint64_t line = 0;              // 1-based first line (text formats), 0 otherwise
  uint64_t line_count = 0;        // number of input lines the entry spans
  std::string time;               // wall clock as exported "YYYY-MM-DDTHH:MM:SS", "" if unknown
  std::string time_raw;           // the time as written, when it could not be read as a date and time
  std::string time_utc;           // "YYYY-MM-DDTHH:MM:SSZ" when the export gives an absolute time
  std::string location;           // where in the source, for structured formats: "message_2.json messages[17]"
  std::string id;                 // the export's own message id, "" if none
  std::string reply_to;           // id of the message this one replies to, "" if none
  std::string forwarded_from;     // original author of a forwarded message, "" if none
  std::string sender;             // display name as exported (bidi marks removed)
  std::string sender_key;         // stable key: "+447700900123" for phone numbers, else the name
  std::string text;               // body as exported (continuation lines joined by '\n')
  MessageKind kind = MessageKind::text;
  bool edited = false;            // "<This message was edited>" was present
  bool invalid_utf8 = false;      // text has bytes that are not UTF-8 (outputs show U+FFFD; records keep the bytes)
  std::string system_action;      // for kind == system: "created_group", "added", ...
  std::vector<Reaction> reactions;
  std::vector<std::string> attachments;  // file names or types of attached media
  // Forensic extractions (Cellebrite): "Intact", "Deleted", ... and the
  // decoder's confidence; deleted and carved messages are evidence too.
  std::string deleted_state;
  std::string decoding_confidence;
};

// An input line that belongs to no entry (for example text before the first
// message header). Reported in summary.json so that every line is accounted for.
struct UnparsedLine {
  std::string_view source;
  uint64_t line = 0;  // 1-based line, or for structured formats the line where the record starts
  std::string_view text;
  std::string_view reason;
};

class MessageSink {
 public:
  virtual ~MessageSink() = default;
  virtual void on_message(const Message& message) = 0;
  virtual void on_unparsed(const UnparsedLine& line) = 0;
};

}  // namespace candour
