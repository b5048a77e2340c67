// What a reader found out about one source: provenance, counts and warnings.
// Becomes one entry of summary.json's "sources" and the report's overview.
#pragma once

#include <array>
#include <set>
#include <cstdint>
#include <string>
#include <vector>

#include "candour/message.h"
#include "util/string_map.h"

namespace candour {

inline constexpr int kMessageKindCount = 9;

// One file a source was read from, with its hash (a Messenger thread or a
// Slack channel has several).
struct SourceFile {
  std::string path;
  std::string sha256;
  uint64_t bytes = 0;
};

struct SourceReport {
  std::string path;               // display path, e.g. "chat.zip/_chat.txt"
  std::string container;          // the .zip on disk, "" for a plain file
  std::string container_sha256;   // sha256 of the .zip file itself
  std::string sha256;             // sha256 of the bytes parsed
  std::string format;             // "whatsapp-android", "whatsapp-ios"
  std::string conversation;
  uint64_t bytes = 0;
  uint64_t lines = 0;
  uint64_t entries = 0;           // messages + events
  uint64_t messages = 0;          // entries with a sender that are not system events
  std::array<uint64_t, kMessageKindCount> by_kind{};
  uint64_t edited = 0;
  uint64_t unparsed_lines = 0;
  uint64_t lines_in_entries = 0;  // lines + unparsed == lines_in_entries + unparsed_lines
  uint64_t cut_lines = 0;         // lines longer than the cap, cut and counted
  uint64_t invalid_utf8_entries = 0;  // entries whose text is not valid UTF-8
  // Structured formats (JSON, XML, CSV) count records instead of lines:
  // records == entries + unparsed_records.
  uint64_t records = 0;
  uint64_t unparsed_records = 0;
  std::vector<SourceFile> files;  // every file read, with its hash
  std::vector<std::string> participants;  // senders, in order of first appearance
  StringSet participants_seen;  // the same, for lookup
  std::string account_owner;      // whose phone or account the export came from, when it says
  std::string first_time, last_time;
  std::string date_order;         // "dmy", "mdy", "ymd"
  std::string date_order_basis;   // how it was decided
  bool date_order_guessed = false;
  std::string time_zone;          // "assumed:Europe/London"
  bool possibly_truncated = false;
  std::vector<std::string> warnings;
  std::string error;              // set when the source could not be read at all
};

}  // namespace candour

namespace candour {

// Gives an entry its index in the source, counts it into the report, and
// passes it to the sink. Every reader ends each entry here.
void emit_entry(Message& message, SourceReport& report, MessageSink& sink);

// Reports a record that could not be read as an entry; the reader goes on.
void emit_unparsed_record(SourceReport& report, MessageSink& sink, uint64_t line, std::string_view what,
                          std::string_view reason);
}  // namespace candour
