// libFuzzer target for one structured reader, chosen at build time
// (CANDOUR_FUZZ_FORMAT: messenger, telegram, telegram-html, slack, discord, teams,
// cellebrite, csv, jsonl). Any bytes as that export: nothing may crash, hang
// or leak, and every record must be an entry or an unparsed record.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/readers.h"

namespace {

class CountingSink : public candour::MessageSink {
 public:
  uint64_t entries = 0, unparsed = 0;
  void on_message(const candour::Message&) override { ++entries; }
  void on_unparsed(const candour::UnparsedLine&) override { ++unparsed; }
};

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
  CountingSink sink;
  candour::SourceReport report;
  report.path = "fuzz";
  if (candour::read_source(input, {}, sink, report)) {
    if (sink.entries != report.entries || report.entries + report.unparsed_records != report.records) std::abort();
  }
  return 0;
}
