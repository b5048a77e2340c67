// libFuzzer target for one structured reader, chosen at build time
// (CANDOUR_FUZZ_FORMAT: messenger, telegram, telegram-html, slack, discord, teams,
// cellebrite, csv, jsonl). Any bytes as that export: nothing may crash, hang
// or leak, and every record must be an entry or an unparsed record. The
// bytes are read twice, held whole and with a hold of one message (long
// Messenger and Teams chats are read again in pieces): both must agree.
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>

#include "ingest/readers.h"

namespace {

class CountingSink : public candour::MessageSink {
 public:
  uint64_t entries = 0, unparsed = 0;
  std::size_t digest = 0;  // of every message's place, time and text, in order
  void on_message(const candour::Message& m) override {
    ++entries;
    for (std::string_view field : {std::string_view(m.location), std::string_view(m.time_utc), std::string_view(m.text)}) {
      digest = digest * 31 + std::hash<std::string_view>()(field);
    }
  }
  void on_unparsed(const candour::UnparsedLine&) override { ++unparsed; }
};

struct Reading {
  bool ok = false;
  CountingSink sink;
  candour::SourceReport report;
};

Reading read(const candour::InputSource& input, std::size_t held_messages) {
  Reading r;
  candour::ReaderOptions options;
  options.held_messages = held_messages;
  r.report.path = "fuzz";
  r.ok = candour::read_source(input, options, r.sink, r.report);
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  candour::InputSource input;
  input.format = CANDOUR_FUZZ_FORMAT;
  input.display = "fuzz";
  candour::InputPart part;
  part.display = "fuzz";
  part.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  input.parts.push_back(part);
  if (input.format == "slack") input.companions.push_back(part);  // the same bytes as users.json
  const Reading whole = read(input, candour::ReaderOptions{}.held_messages);
  if (whole.ok && (whole.sink.entries != whole.report.entries ||
                   whole.report.entries + whole.report.unparsed_records != whole.report.records)) {
    std::abort();
  }
  const Reading again = read(input, 1);
  if (again.ok != whole.ok || again.sink.entries != whole.sink.entries || again.sink.unparsed != whole.sink.unparsed ||
      again.sink.digest != whole.sink.digest || again.report.error != whole.report.error) {
    std::abort();
  }
  return 0;
}
