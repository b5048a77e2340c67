#include "ingest/whatsapp_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ingest/collecting_sink.h"
#include "ingest/input_catalog.h"

namespace candour {
namespace {
namespace fs = std::filesystem;

const std::string kDir = std::string(CANDOUR_FIXTURES_DIR) + "/whatsapp/";

struct ReadResult {
  bool ok;
  SourceReport report;
  CollectingSink sink;
};

std::unique_ptr<ReadResult> read_file(const std::string& path, WhatsAppOptions options = {}) {
  auto result = std::make_unique<ReadResult>();
  result->report.path = path;
  result->ok = read_whatsapp([&] { return open_file_source(path); }, options, result->sink, result->report);
  return result;
}

const Message& nth(const ReadResult& r, std::size_t i) { return r.sink.messages.at(i).message; }

TEST(WhatsAppReader, AndroidUkExport) {
  auto r = read_file(kDir + "android_uk.txt");
  ASSERT_TRUE(r->ok) << r->report.error;
  EXPECT_EQ(r->report.format, "whatsapp-android");
  EXPECT_EQ(r->report.conversation, "Team 3 CX");
  EXPECT_EQ(r->report.date_order, "dmy");
  EXPECT_FALSE(r->report.date_order_guessed);
  EXPECT_EQ(nth(*r, 0).kind, MessageKind::system);
  EXPECT_EQ(nth(*r, 0).system_action, "encryption_notice");
  EXPECT_EQ(nth(*r, 1).system_action, "created_group");
  EXPECT_EQ(nth(*r, 2).system_action, "added");
  EXPECT_EQ(nth(*r, 7).sender, "Dan Mercer");
  EXPECT_EQ(nth(*r, 7).text, "f*** you bender");
  EXPECT_EQ(nth(*r, 7).time, "2017-03-14T21:40:00");
  EXPECT_EQ(nth(*r, 7).line, 8u);
  EXPECT_EQ(nth(*r, 7).index, 7u);
  // A multi-line message, including a continuation line that starts with a date.
  const Message& notes = nth(*r, 10);
  EXPECT_EQ(notes.line_count, 4u);
  EXPECT_EQ(notes.text, "Shift notes:\n1. handover at 7\n2. van 3 is off the road\n"
                        "15/03/2017 is the day the audit starts so tidy the lockers");
  EXPECT_EQ(nth(*r, 11).kind, MessageKind::media_omitted);
  EXPECT_EQ(nth(*r, 12).kind, MessageKind::deleted);
  EXPECT_EQ(nth(*r, 13).kind, MessageKind::text);
  EXPECT_TRUE(nth(*r, 13).edited);
  EXPECT_EQ(nth(*r, 14).kind, MessageKind::poll);
  EXPECT_EQ(nth(*r, 14).line_count, 4u);
  EXPECT_EQ(nth(*r, 15).kind, MessageKind::location);
  EXPECT_EQ(nth(*r, 16).kind, MessageKind::live_location);
  EXPECT_EQ(nth(*r, 17).kind, MessageKind::view_once);
  EXPECT_EQ(nth(*r, 18).kind, MessageKind::attachment);
  EXPECT_EQ(nth(*r, 18).text, "IMG-20170315-WA0004.jpg (file attached)\nthe new rota");
  // A system text with a colon inside stays a system event.
  EXPECT_EQ(nth(*r, 19).system_action, "subject_changed");
  EXPECT_TRUE(nth(*r, 19).sender.empty());
  EXPECT_EQ(nth(*r, 20).system_action, "icon_changed");
  EXPECT_EQ(nth(*r, 21).system_action, "left");
  EXPECT_EQ(nth(*r, 22).system_action, "removed");
  EXPECT_EQ(nth(*r, 23).system_action, "disappearing_timer");
  EXPECT_EQ(nth(*r, 24).system_action, "security_code_changed");
  EXPECT_EQ(nth(*r, 25).kind, MessageKind::deleted);
  EXPECT_EQ(nth(*r, 26).sender_key, "+447700900123");
}

TEST(WhatsAppReader, UsTwelveHourClockWithNarrowNoBreakSpaces) {
  auto r = read_file(kDir + "android_us.txt");
  ASSERT_TRUE(r->ok);
  EXPECT_EQ(r->report.date_order, "mdy");
  EXPECT_FALSE(r->report.date_order_guessed);  // 3/14 settles it
  EXPECT_EQ(nth(*r, 1).time, "2017-03-02T21:14:00");
  EXPECT_EQ(nth(*r, 2).time, "2017-03-02T21:20:00");
  EXPECT_EQ(nth(*r, 3).time, "2017-03-14T00:05:00");
  EXPECT_EQ(nth(*r, 5).time, "2017-12-31T23:59:00");
}

TEST(WhatsAppReader, SpanishGermanDutchAndYearFirstLayouts) {
  auto es = read_file(kDir + "android_es.txt");
  ASSERT_EQ(es->sink.messages.size(), 3u);
  EXPECT_EQ(nth(*es, 1).time, "2017-03-14T21:41:00");
  EXPECT_EQ(nth(*es, 2).time, "2017-03-15T13:02:00");
  EXPECT_EQ(nth(*es, 0).sender, "Lucía Gómez");
  auto de = read_file(kDir + "android_de.txt");
  EXPECT_EQ(nth(*de, 0).time, "2020-12-31T21:41:00");
  auto nl = read_file(kDir + "android_nl.txt");
  EXPECT_EQ(nth(*nl, 1).time, "2021-01-01T00:05:00");
  auto iso = read_file(kDir + "android_iso.txt");
  EXPECT_EQ(iso->report.date_order, "ymd");
  EXPECT_EQ(nth(*iso, 0).time, "2021-03-14T09:12:00");
}

TEST(WhatsAppReader, IosExportWithMarksCrlfAndPhoneNumbers) {
  auto r = read_file(kDir + "ios_uk.txt");
  ASSERT_TRUE(r->ok);
  EXPECT_EQ(r->report.format, "whatsapp-ios");
  EXPECT_EQ(r->report.conversation, "Team 3 CX");
  ASSERT_EQ(r->sink.messages.size(), 12u);
  EXPECT_EQ(nth(*r, 0).system_action, "encryption_notice");
  EXPECT_TRUE(nth(*r, 0).sender.empty());  // the group's name is not a person
  EXPECT_EQ(nth(*r, 1).system_action, "created_group");
  EXPECT_EQ(nth(*r, 2).system_action, "added");
  EXPECT_EQ(nth(*r, 3).text, "Morning all\nbriefing at 10\n[14/03/2017] is the date on the form");
  EXPECT_EQ(nth(*r, 3).line_count, 3u);
  EXPECT_EQ(nth(*r, 4).sender, "+44 7700 900123");
  EXPECT_EQ(nth(*r, 4).sender_key, "+447700900123");
  EXPECT_EQ(nth(*r, 5).kind, MessageKind::media_omitted);
  EXPECT_EQ(nth(*r, 6).kind, MessageKind::attachment);
  EXPECT_EQ(nth(*r, 7).text, "There's a few of those grassing c**** I would like to knife");
  EXPECT_EQ(nth(*r, 8).kind, MessageKind::deleted);
  EXPECT_TRUE(nth(*r, 9).edited);
  EXPECT_EQ(nth(*r, 10).system_action, "security_code_changed");
  EXPECT_EQ(nth(*r, 11).system_action, "left");
}

TEST(WhatsAppReader, SamePhoneNumberIsOneSenderOnAndroidAndIos) {
  EXPECT_EQ(sender_key_for(clean_display_name("\xE2\x80\xAA+44\xC2\xA0" "7700\xC2\xA0" "900123\xE2\x80\xAC")),
            sender_key_for("+44 7700 900123"));
  EXPECT_EQ(sender_key_for("Dan Mercer"), "Dan Mercer");
  EXPECT_EQ(sender_key_for("+1 (555) 010-9999"), "+15550109999");
}

TEST(WhatsAppReader, DayMonthOrderIsGuessedFromSequenceAndWarned) {
  auto r = read_file(kDir + "ambiguous_dates.txt");
  EXPECT_EQ(r->report.date_order, "dmy");
  EXPECT_TRUE(r->report.date_order_guessed);
  ASSERT_FALSE(r->report.warnings.empty());
  EXPECT_NE(r->report.warnings[0].find("--date-order"), std::string::npos);
  EXPECT_EQ(nth(*r, 3).time, "2021-03-01T10:00:00");
}

TEST(WhatsAppReader, DateOrderCanBeForced) {
  WhatsAppOptions options;
  options.date_order = DateOrder::mdy;
  auto r = read_file(kDir + "ambiguous_dates.txt", options);
  EXPECT_FALSE(r->report.date_order_guessed);
  EXPECT_EQ(nth(*r, 0).time, "2021-01-02T10:00:00");
}

TEST(WhatsAppReader, TextBeforeTheFirstMessageIsReportedUnparsed) {
  auto r = read_file(kDir + "leading_text.txt");
  ASSERT_EQ(r->sink.unparsed.size(), 2u);
  EXPECT_EQ(r->sink.unparsed[0].line, 1u);
  EXPECT_EQ(r->sink.unparsed[0].text, "Forwarded export from the complainant");
  EXPECT_EQ(r->sink.unparsed[1].line, 2u);
  EXPECT_EQ(r->report.unparsed_lines, 2u);
}

TEST(WhatsAppReader, LineInAnotherLayoutStaysInsideTheMessage) {
  auto r = read_file(kDir + "other_layout_line.txt");
  ASSERT_EQ(r->sink.messages.size(), 2u);
  EXPECT_EQ(nth(*r, 0).text, "Copy of the old message:\n[11/05/2020, 17:00:00] Someone: the original text");
}

TEST(WhatsAppReader, ZipEntryIsReadInPlace) {
  std::string zip = kDir + "ios_export.zip";
  SourceReport report;
  report.path = zip + "/_chat.txt";
  CollectingSink sink;
  ASSERT_TRUE(read_whatsapp([&] { return open_zip_entry_source(zip, "_chat.txt"); }, {}, sink, report));
  EXPECT_EQ(sink.messages.size(), 12u);
  auto plain = read_file(kDir + "ios_uk.txt");
  EXPECT_EQ(report.sha256, plain->report.sha256);  // the entry's bytes are the same file
}

// Every line of every fixture ends in exactly one entry or in the unparsed list.
TEST(WhatsAppReader, EveryLineOfEveryFixtureIsAccountedFor) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(kDir)) {
    if (entry.path().extension() != ".txt" || fs::file_size(entry.path()) == 0) continue;
    auto r = read_file(entry.path().string());
    ASSERT_TRUE(r->ok) << entry.path();
    // Each line is covered exactly once: by one entry or by one unparsed record.
    std::vector<int> covered(r->report.lines + 1, 0);
    for (const auto& stored : r->sink.messages) {
      for (uint64_t l = stored.message.line; l < stored.message.line + stored.message.line_count; ++l) {
        ASSERT_LT(l, covered.size()) << entry.path();
        ++covered[l];
      }
    }
    for (const auto& u : r->sink.unparsed) ++covered[u.line];
    for (uint64_t l = 1; l < covered.size(); ++l) EXPECT_EQ(covered[l], 1) << entry.path() << " line " << l;
    EXPECT_EQ(r->report.lines_in_entries + r->report.unparsed_lines, r->report.lines) << entry.path();
    // Count lines independently of the reader.
    std::ifstream in(entry.path(), std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    uint64_t newlines = std::count(content.begin(), content.end(), '\n');
    uint64_t expected = newlines + (!content.empty() && content.back() != '\n' ? 1 : 0);
    EXPECT_EQ(r->report.lines, expected) << entry.path();
    ++checked;
  }
  EXPECT_GE(checked, 9);
}

TEST(WhatsAppReader, ExportAtTheMessageCapIsMarkedPossiblyTruncated) {
  fs::path path = fs::temp_directory_path() / ("candour-cap-" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(path);
    for (int i = 0; i < 10000; ++i) {
      out << "14/03/2017, " << (10 + i / 600) % 24 << ":" << (i / 10) % 60 / 10 << (i / 10) % 10
          << " - Sam: message " << i << "\n";
    }
  }
  auto r = read_file(path.string());
  fs::remove(path);
  EXPECT_EQ(r->report.messages, 10000u);
  EXPECT_TRUE(r->report.possibly_truncated);
}

TEST(WhatsAppReader, MissingFileIsAnError) {
  auto r = read_file(kDir + "no-such-file.txt");
  EXPECT_FALSE(r->ok);
  EXPECT_NE(r->report.error.find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace candour

namespace candour {
namespace {

// Reading a zip entry stops with a clear error past the cap, whatever its declared size.
TEST(ZipGuard, EntryReadingStopsPastTheCap) {
  auto source = open_zip_entry_source(std::string(CANDOUR_FIXTURES_DIR) + "/whatsapp/ios_export.zip", "_chat.txt", 100);
  char buffer[4096];
  std::size_t total = 0, got;
  while ((got = source->read(buffer, sizeof buffer)) > 0) total += got;
  EXPECT_NE(source->error().find("zip bomb"), std::string::npos) << source->error();
  SourceReport report;
  report.path = "bomb";
  CollectingSink sink;
  EXPECT_FALSE(read_whatsapp(
      [] { return open_zip_entry_source(std::string(CANDOUR_FIXTURES_DIR) + "/whatsapp/ios_export.zip", "_chat.txt", 100); },
      {}, sink, report));
  EXPECT_NE(report.error.find("zip bomb"), std::string::npos);
}

}  // namespace
}  // namespace candour
