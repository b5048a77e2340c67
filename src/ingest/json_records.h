// Walking a JSON export down to its array of message records.
#pragma once

#include <fmt/core.h>

#include <string>

#include "ingest/json_stream.h"
#include "ingest/json_tree.h"
#include "ingest/source_report.h"

namespace candour {

// After `begin_array` was returned: reads each element; objects go to
// `on_record(tree, position, line)`, anything else is an unparsed record.
// Returns false if the stream broke (json.error() or tree.error() says where).
template <class OnRecord>
bool read_record_array(JsonStream& json, JsonTree& tree, SourceReport& report, MessageSink& sink,
                       std::string_view what, OnRecord on_record) {
  using Token = JsonStream::Token;
  for (uint64_t position = 0;; ++position) {
    Token t = json.next();
    if (t == Token::end_array) return true;
    if (t == Token::error || t == Token::end) return false;
    const uint64_t line = json.line();
    // A record is counted once read whole; a break inside one is the caller's "rest of file".
    if (t != Token::begin_object) {
      std::string where = fmt::format("{}[{}]", what, position);
      if (!json.skip(t)) return false;
      ++report.records;
      emit_unparsed_record(report, sink, line, where, "not an object");
      continue;
    }
    if (!tree.read(json, t)) return false;
    ++report.records;
    on_record(tree, position, line);
  }
}

// Records a broken stream: a warning naming file and position, and the rest
// of the file as one unparsed record, so nothing is lost silently.
inline void note_broken_json(SourceReport& report, MessageSink& sink, const std::string& file,
                             const std::string& error, uint64_t line) {
  report.warnings.push_back(fmt::format("{}: {}; what came before was read, the rest of the file was not", file, error));
  ++report.records;
  emit_unparsed_record(report, sink, line, "(rest of file)", "malformed JSON");
}

}  // namespace candour
