// libFuzzer target: any bytes as a WhatsApp export. Every line must be
// accounted for, and nothing may crash, hang or leak.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "candour/message.h"
#include "ingest/whatsapp_reader.h"

namespace {

class CountingSink : public candour::MessageSink {
 public:
  uint64_t lines = 0;
  void on_message(const candour::Message& m) override { lines += m.line_count; }
  void on_unparsed(const candour::UnparsedLine&) override { ++lines; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CountingSink sink;
  candour::SourceReport report;
  report.path = "fuzz.txt";
  candour::read_whatsapp([&] { return candour::open_memory_source(bytes); }, {}, sink, report);
  if (sink.lines != report.lines) std::abort();  // a line lost or counted twice
  return 0;
}
