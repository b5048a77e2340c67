// Walking a JSON export down to its array of message records.
#pragma once

#include <fmt/core.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "ingest/json_stream.h"
#include "ingest/json_tree.h"
#include "ingest/reader_support.h"
#include "ingest/source_report.h"

namespace candour {

// After `begin_array` was returned: reads each element; objects go to
// `on_record(tree, position, line)` (or, if it takes a fourth argument, also
// the byte offset of the object's "{"), anything else is an unparsed record.
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
    const uint64_t offset = json.token_offset();
    if (!tree.read(json, t)) return false;
    ++report.records;
    if constexpr (std::is_invocable_v<OnRecord, const JsonTree&, uint64_t, uint64_t, uint64_t>) {
      on_record(tree, position, line, offset);
    } else {
      on_record(tree, position, line);
    }
  }
}

// Where a first read found a record: the byte offset of its "{", its place
// in its array, its line.
struct RecordPlace {
  uint64_t offset = 0;
  uint64_t position = 0;
  uint64_t line = 0;
};

// Reads the records at `places` (in file order, ending by `part_end`) again,
// a piece of the file at a time, from the first or (`backwards`) from the
// last: each to on_record(tree, place). A piece is 4,096 records, or in a
// zip entry (decompressed again from its start for each piece) as many as
// fit in 32 MiB. False, with `error` set, if a piece cannot be read or a
// record is no longer an object there ("changed while it was being read").
// (`zip_piece_bytes`: tests.)
template <class OnRecord>
bool read_records_again(const InputPart& part, const std::vector<RecordPlace>& places, uint64_t part_end,
                        bool backwards, JsonTree& tree, std::string* error, OnRecord on_record,
                        uint64_t zip_piece_bytes = uint64_t{32} << 20) {
  constexpr std::size_t kPieceRecords = 4096;
  PartBytes bytes(part);
  std::string piece;
  ViewSource record;
  JsonStream json(record);
  const std::size_t count = places.size();
  auto start_of = [&](std::size_t k) { return k < count ? places[k].offset : part_end; };
  for (std::size_t done = 0; done < count;) {
    std::size_t n = std::min(kPieceRecords, count - done);
    if (bytes.sequential()) {  // one record at least, then as many more as fit
      n = 1;
      while (done + n < count) {
        const std::size_t lo = backwards ? count - done - n - 1 : done, hi = backwards ? count - done : done + n + 1;
        if (start_of(hi) - start_of(lo) > zip_piece_bytes) break;
        ++n;
      }
    }
    const std::size_t first = backwards ? count - done - n : done, last = first + n;
    const uint64_t base = places[first].offset;
    const uint64_t end = start_of(last);
    if (end < base || !bytes.read(base, end - base, piece)) {
      *error = bytes.error().empty() ? "changed while it was being read" : bytes.error();
      return false;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t k = backwards ? last - 1 - i : first + i;
      const uint64_t record_end = start_of(k + 1);
      record.set(std::string_view(piece).substr(places[k].offset - base, record_end - places[k].offset));
      json.reset(record);
      JsonStream::Token t = json.next();
      if (t != JsonStream::Token::begin_object || !tree.read(json, t)) {
        *error = "changed while it was being read";
        return false;
      }
      on_record(tree, places[k]);
    }
    done += n;
  }
  return true;
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
