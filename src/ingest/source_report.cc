#include "ingest/source_report.h"

#include <algorithm>

#include "text/utf8.h"

namespace candour {

void emit_entry(Message& m, SourceReport& report, MessageSink& sink) {
  if (m.kind != MessageKind::system) {
    ++report.messages;
    if (m.edited) ++report.edited;
  }
  m.invalid_utf8 = !is_valid_utf8(m.text) || !is_valid_utf8(m.sender);
  if (m.invalid_utf8) ++report.invalid_utf8_entries;
  m.index = report.entries++;
  ++report.by_kind[static_cast<int>(m.kind)];
  report.lines_in_entries += m.line_count;
  if (!m.time.empty()) {
    if (report.first_time.empty() || m.time < report.first_time) report.first_time = m.time;
    if (m.time > report.last_time) report.last_time = m.time;
  }
  // Chats have few senders; the most recent one is the likeliest.
  if (!m.sender.empty() && (report.participants.empty() || report.participants.back() != m.sender) &&
      report.participants_seen.insert(m.sender).second) {
    report.participants.push_back(m.sender);
  }
  sink.on_message(m);
}

void emit_unparsed_record(SourceReport& report, MessageSink& sink, uint64_t line, std::string_view what,
                          std::string_view reason) {
  ++report.unparsed_records;
  sink.on_unparsed({report.path, line, what, reason});
}

}  // namespace candour
