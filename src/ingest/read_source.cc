#include <fmt/core.h>

#include "ingest/readers.h"

namespace candour {

bool reads_whole_source(std::string_view format) {
  return format == "messenger" || format == "messenger-e2ee" || format == "messenger-html" || format == "teams";
}

bool read_source(const InputSource& input, const ReaderOptions& options, MessageSink& sink, SourceReport& report) {
  const std::string& f = input.format;
  bool ok;
  if (f == "whatsapp") {
    ok = read_whatsapp([&] { return input.open(); }, options.whatsapp, sink, report, options.hash_in_background);
    if (ok) report.files.push_back({input.parts.front().display, report.sha256, report.bytes});
  } else if (f == "messenger" || f == "messenger-e2ee") {
    ok = read_messenger(input, options, sink, report);
  } else if (f == "telegram") {
    ok = read_telegram(input, options, sink, report);
  } else if (f == "messenger-html") {
    ok = read_messenger_html(input, options, sink, report);
  } else if (f == "telegram-html") {
    ok = read_telegram_html(input, options, sink, report);
  } else if (f == "slack") {
    ok = read_slack(input, options, sink, report);
  } else if (f == "discord") {
    ok = read_discord(input, options, sink, report);
  } else if (f == "teams") {
    ok = read_teams(input, options, sink, report);
  } else if (f == "cellebrite") {
    ok = read_cellebrite(input, options, sink, report);
  } else if (f == "csv" || f == "jsonl") {
    ok = read_delimited(input, options, sink, report);
  } else {
    report.error = fmt::format("no reader for the format '{}'", f);
    return false;
  }
  // A source read from one file has that file's hash; one spanning files lists them in `files`.
  report.sha256 = report.files.size() == 1 ? report.files[0].sha256 : std::string();
  if (report.invalid_utf8_entries > 0 && f != "whatsapp") {
    report.warnings.push_back(fmt::format(
        "{} entr{} with bytes that are not UTF-8: shown as U+FFFD, original bytes kept as text_bytes_base64 "
        "in flagged records",
        report.invalid_utf8_entries, report.invalid_utf8_entries == 1 ? "y" : "ies"));
  }
  return ok;
}

}  // namespace candour
