// Every reader on fixtures written by us (tests/fixtures/exports), each
// checked for content, order, provenance and accounting.
#include <fmt/core.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "ingest/input_catalog.h"
#include "ingest/readers.h"
#include "collecting_sink.h"

namespace candour {
namespace {

const std::string kExports = std::string(CANDOUR_FIXTURES_DIR) + "/exports/";
const std::string kMalformed = std::string(CANDOUR_FIXTURES_DIR) + "/malformed/";

struct Read {
  SourceReport report;
  CollectingSink sink;
  bool ok = false;
};

// Catalogues `input` and reads its only source.
Read read_one(const std::string& input, const std::string& format = "", ReaderOptions options = {}) {
  Read r;
  InputCatalog catalog = catalog_inputs({input}, format);
  EXPECT_EQ(catalog.sources.size(), 1u) << input;
  if (catalog.sources.size() != 1) return r;
  r.report.path = catalog.sources[0].display;
  r.ok = read_source(catalog.sources[0], options, r.sink, r.report);
  return r;
}

void expect_accounted(const Read& r) {
  EXPECT_EQ(r.report.entries + r.report.unparsed_records, r.report.records) << r.report.path;
  EXPECT_EQ(r.report.entries, r.sink.messages.size());
  EXPECT_EQ(r.report.unparsed_records, r.sink.unparsed.size());
  for (std::size_t i = 0; i < r.sink.messages.size(); ++i) EXPECT_EQ(r.sink.messages[i].message.index, i);
  EXPECT_FALSE(r.report.files.empty());
  for (const auto& f : r.report.files) EXPECT_EQ(f.sha256.size(), 64u);
}

const Message& find_text(const Read& r, std::string_view needle) {
  for (const auto& s : r.sink.messages) {
    if (s.message.text.find(needle) != std::string::npos) return s.message;
  }
  ADD_FAILURE() << "no message with " << needle;
  static Message none;
  return none;
}

TEST(MessengerReader, MergesSplitFilesOldestFirstRepairsMojibakeAndKeepsPositions) {
  Read r = read_one(kExports + "facebook-dyi");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.format, "messenger");
  EXPECT_EQ(r.report.conversation, "Team 3 CX");
  EXPECT_EQ(r.report.files.size(), 2u);
  EXPECT_EQ(r.report.time_zone, "UTC");
  ASSERT_EQ(r.sink.messages.size(), 7u);
  const Message& first = r.sink.messages[0].message;
  EXPECT_EQ(first.kind, MessageKind::system);  // "added Dan Mercer", the oldest, from message_2.json
  EXPECT_EQ(first.location, "message_2.json messages[3]");
  EXPECT_EQ(first.time, "2017-03-02T21:14:00");
  EXPECT_EQ(first.time_utc, "2017-03-02T21:14:00Z");
  EXPECT_EQ(r.sink.messages[1].message.sender, "Zoë Hart");
  EXPECT_EQ(r.sink.messages[1].message.text, "Morning all, café run at 10?");
  EXPECT_EQ(r.sink.messages[2].message.kind, MessageKind::deleted);     // is_unsent
  EXPECT_EQ(r.sink.messages[3].message.kind, MessageKind::attachment);  // a photo only
  EXPECT_EQ(r.sink.messages[3].message.attachments, std::vector<std::string>{"1234.jpg"});
  const Message& slur = find_text(r, "bender");
  EXPECT_EQ(slur.location, "message_1.json messages[2]");
  ASSERT_EQ(slur.reactions.size(), 1u);
  EXPECT_EQ(slur.reactions[0].reaction, "😂");
  EXPECT_EQ(slur.reactions[0].actor, "Dan Mercer");
  EXPECT_NE(r.sink.messages[4].source.find("message_1.json"), std::string::npos);
  EXPECT_EQ(r.sink.messages[4].sha256, r.report.files[0].sha256);
  EXPECT_EQ(r.sink.messages.back().message.sender, "Zoë Hart");  // the newest
}

TEST(MessengerReader, EndToEndEncryptedExport) {
  Read r = read_one(kExports + "messenger-e2ee/gary_pike_5432.json");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.format, "messenger-e2ee");
  EXPECT_EQ(r.report.conversation, "Gary Pike");
  ASSERT_EQ(r.sink.messages.size(), 4u);
  EXPECT_EQ(r.sink.messages[1].message.reactions.at(0).reaction, "👍");
  EXPECT_EQ(r.sink.messages[2].message.kind, MessageKind::deleted);
  EXPECT_EQ(r.sink.messages[3].message.kind, MessageKind::attachment);
  EXPECT_EQ(r.sink.messages[3].message.attachments.at(0), "voice_1.mp4");
}

TEST(MessengerReader, AMessageWithoutATimeHasNoneAndTheFirstOfARepeatedMemberCounts) {
  // Times and locations are written as each message is emitted, into one
  // reused message: one without a timestamp must not inherit another's.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "candour-messenger-untimed";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "message_1.json").string();
  std::FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(R"({"participants": [{"name": "A"}, {"name": "B"}], "title": "T", "messages": [
    {"sender_name": "B", "timestamp_ms": 1488489300000, "content": "second", "content": "ignored"},
    {"sender_name": "A", "content": "no time"},
    {"sender_name": "A", "timestamp_ms": 1488489240000, "content": "first"}]})", f);
  std::fclose(f);
  Read r = read_one(path, "messenger");
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  ASSERT_EQ(r.sink.messages.size(), 3u);
  const Message& untimed = r.sink.messages[0].message;  // no time sorts first
  EXPECT_EQ(untimed.text, "no time");
  EXPECT_EQ(untimed.time, "");
  EXPECT_EQ(untimed.time_utc, "");
  EXPECT_EQ(untimed.location, "message_1.json messages[1]");
  EXPECT_EQ(r.sink.messages[1].message.time_utc, "2017-03-02T21:14:00Z");
  EXPECT_EQ(r.sink.messages[1].message.location, "message_1.json messages[2]");
  EXPECT_EQ(r.sink.messages[2].message.text, "second");
  EXPECT_EQ(r.sink.messages[2].message.time, "2017-03-02T21:15:00");
}

void expect_same_messages(const Read& held, const Read& again) {
  EXPECT_EQ(held.report.records, again.report.records);
  EXPECT_EQ(held.report.unparsed_records, again.report.unparsed_records);
  EXPECT_EQ(held.report.warnings, again.report.warnings);
  ASSERT_EQ(held.sink.messages.size(), again.sink.messages.size());
  for (std::size_t i = 0; i < held.sink.messages.size(); ++i) {
    const Message &a = held.sink.messages[i].message, &b = again.sink.messages[i].message;
    EXPECT_EQ(a.location, b.location) << i;
    EXPECT_EQ(a.time_utc, b.time_utc) << i;
    EXPECT_EQ(a.sender, b.sender) << i;
    EXPECT_EQ(a.text, b.text) << i;
    EXPECT_EQ(a.kind, b.kind) << i;
    EXPECT_EQ(a.attachments, b.attachments) << i;
    EXPECT_EQ(a.reactions.size(), b.reactions.size()) << i;
    EXPECT_EQ(held.sink.messages[i].sha256, again.sink.messages[i].sha256) << i;
  }
}

// A thread of parts held in memory (views of `parts`): message_1 is the newest.
InputSource messenger_thread(const std::vector<std::string>& parts, const std::string& extension = ".json") {
  InputSource source;
  source.display = "inbox/thread";
  source.format = "messenger";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    InputPart& part = source.parts.emplace_back();
    part.display = "inbox/thread/message_" + std::to_string(i + 1) + extension;
    part.bytes = parts[i];
  }
  return source;
}

Read read_thread(const InputSource& source, std::size_t held_messages) {
  Read r;
  ReaderOptions options;
  options.held_messages = held_messages;
  options.parse_ahead = held_messages < 50000;  // held whole: one page at a time; else: the next parsed ahead
  r.report.path = source.display;
  r.ok = read_source(source, options, r.sink, r.report);
  return r;
}

// Reads a source held whole and with a hold of `held_messages`: the same
// messages (`count` of them); returns the second read.
Read expect_same_held_or_not(const InputSource& source, std::size_t held_messages, std::size_t count) {
  Read whole = read_thread(source, 50000), again = read_thread(source, held_messages);
  EXPECT_TRUE(whole.ok && again.ok) << again.report.error;
  EXPECT_EQ(whole.sink.messages.size(), count);
  expect_accounted(again);
  expect_same_messages(whole, again);
  return again;
}

// A fixture thread read with a hold of one message gives what it gives held whole.
void expect_same_when_read_again(const std::string& fixture) {
  ReaderOptions small;
  small.held_messages = 1;
  Read held = read_one(fixture);
  Read again = read_one(fixture, "", small);
  ASSERT_TRUE(held.ok && again.ok) << again.report.error;
  expect_accounted(again);
  expect_same_messages(held, again);
}

TEST(MessengerReader, AThreadLongerThanItsHoldIsReadAgainAPartAtATimeWithTheSameResult) {
  // Parts that follow each other in time are emitted one at a time; parts
  // whose times overlap are sorted together. Both as if held whole.
  expect_same_when_read_again(kExports + "facebook-dyi");

  const std::string newer = R"({"title": "T", "messages": [
    {"sender_name": "A", "timestamp_ms": 1488489400000, "content": "four"},
    {"sender_name": "B", "timestamp_ms": 1488489300000, "content": "three"}, 7]})";
  const std::string older_apart = R"({"messages": [
    {"sender_name": "A", "timestamp_ms": 1488489300000, "content": "two, same millisecond as three"},
    {"sender_name": "B", "content": "no time"},
    {"sender_name": "C\u00c3\u00a9", "timestamp_ms": 1488489100000, "content": "one"}]})";
  const std::string older_overlapping = R"({"messages": [
    {"sender_name": "A", "timestamp_ms": 1488489350000, "content": "between three and four"},
    {"sender_name": "B", "timestamp_ms": 1488489100000, "content": "one"}, {"broken": ]})";
  using Thread = std::pair<std::vector<std::string>, std::size_t>;  // parts, messages
  for (const auto& [parts, count] : {Thread{{newer, older_apart}, 5}, Thread{{newer, older_overlapping}, 4},
                                     Thread{{older_overlapping, newer, older_apart}, 7}}) {
    expect_same_held_or_not(messenger_thread(parts), 1, count);
  }
  const std::vector<std::string> parts = {newer, older_apart};
  Read r = read_thread(messenger_thread(parts), 1);
  ASSERT_EQ(r.sink.messages.size(), 5u);
  EXPECT_EQ(r.sink.messages[0].message.text, "no time");
  EXPECT_EQ(r.sink.messages[2].message.text, "two, same millisecond as three");  // the later stored first
  EXPECT_EQ(r.sink.messages[3].message.text, "three");
  EXPECT_EQ(r.sink.unparsed.size(), 1u);
  EXPECT_EQ(r.report.warnings.size(), 1u);  // the repaired mojibake of "Cé"
}

TEST(MessengerReader, APartTooLongToHoldIsReadBackwardsAPieceAtATime) {
  // One file, as the end-to-end-encrypted export writes a chat: newest first,
  // records with braces, commas and escapes in their strings, a byte order
  // mark, and more keys after the messages. 10,000 records: three pieces.
  std::string part = "\xEF\xBB\xBF{\"participants\": [{\"name\": \"A\"}], \"messages\": [\n";
  for (int i = 9999; i >= 0; --i) {
    part += fmt::format(R"(  {{"senderName": "S{}", "timestamp": {}, "text": "m{} {{x}}, [y] \"q\" \u00e9",)"
                        R"( "reactions": [{{"actor": "B", "reaction": "\u00f0\u009f\u0098\u0082"}}]}}{})",
                        i % 7, 1488489300000 + i * 1000, i, i > 0 ? ",\n" : "\n");
  }
  part += "], \"threadName\": \"Long chat\"}\n";
  const std::vector<std::string> parts = {part};
  Read backwards = expect_same_held_or_not(messenger_thread(parts), 100, 10000);
  ASSERT_EQ(backwards.sink.messages.size(), 10000u);
  EXPECT_EQ(backwards.sink.messages[0].message.text, "m0 {x}, [y] \"q\" é");
  EXPECT_TRUE(backwards.sink.messages[0].message.location.ends_with(" messages[9999]"));  // the oldest, stored last
  EXPECT_TRUE(backwards.sink.messages[9999].message.location.ends_with(" messages[0]"));
  EXPECT_EQ(backwards.report.conversation, "Long chat");
}

// Changes the first part of a thread when the first message is emitted:
// after the last part was read again, before the first is.
class ChangingSink : public CollectingSink {
 public:
  ChangingSink(std::string& part, std::string what, std::string with)
      : part_(part), what_(std::move(what)), with_(std::move(with)) {}
  void on_message(const Message& m) override {
    if (messages.empty()) part_.replace(part_.find(what_), what_.size(), with_);  // the same length
    CollectingSink::on_message(m);
  }

 private:
  std::string& part_;
  std::string what_, with_;
};

// Reads a thread with a hold of one message, its first part changed (`what`
// to `with`, of the same length) when the first message is emitted.
Read read_while_changing(std::vector<std::string>& parts, const std::string& format, const std::string& what,
                         const std::string& with) {
  InputSource source = messenger_thread(parts, format == "messenger-html" ? ".html" : ".json");
  source.format = format;
  ChangingSink sink(parts[0], what, with);
  Read r;
  ReaderOptions options;
  options.held_messages = 1;
  r.ok = read_source(source, options, sink, r.report);
  r.sink = sink;
  return r;
}

TEST(MessengerReader, APartThatChangesBetweenItsTwoReadsIsAnError) {
  std::vector<std::string> parts = {R"({"messages": [
    {"sender_name": "A", "timestamp_ms": 1488489400000, "content": "two"}]})",
                                     R"({"messages": [
    {"sender_name": "B", "timestamp_ms": 1488489300000, "content": "one"}]})"};
  Read r = read_while_changing(parts, "messenger", "\"two\"", "\"TWO\"");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.report.error, "inbox/thread/message_1.json: changed while it was being read");
  ASSERT_EQ(r.sink.messages.size(), 1u);
  EXPECT_EQ(r.sink.messages[0].message.text, "one");
}

TEST(TelegramReader, JoinsTextPiecesKeepsLocalAndUtcTimesAndEvents) {
  Read r = read_one(kExports + "telegram/result.json");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.conversation, "Night Shift");
  ASSERT_EQ(r.sink.messages.size(), 6u);
  const Message& created = r.sink.messages[0].message;
  EXPECT_EQ(created.kind, MessageKind::system);
  EXPECT_EQ(created.system_action, "create_group");
  EXPECT_EQ(created.sender, "Dan Mercer");
  const Message& joined = r.sink.messages[1].message;
  EXPECT_EQ(joined.text, "Look at this lot, bunch of pakis");  // pieces joined with nothing added
  EXPECT_EQ(joined.time, "2017-03-02T22:01:00");
  EXPECT_EQ(joined.time_utc, "2017-03-02T22:01:00Z");
  EXPECT_EQ(r.sink.messages[2].message.sender, "");  // "from": null is kept as unknown
  const Message& reply = r.sink.messages[3].message;
  EXPECT_EQ(reply.reply_to, "2");
  EXPECT_TRUE(reply.edited);
  ASSERT_EQ(reply.reactions.size(), 1u);
  EXPECT_EQ(reply.reactions[0].actor, "Dan Mercer");
  EXPECT_EQ(r.sink.messages[4].message.kind, MessageKind::attachment);
  EXPECT_EQ(r.sink.messages[5].message.forwarded_from, "Force Comms");
  EXPECT_EQ(r.sink.messages[5].message.text, "Reminder: \x0B here");
  ASSERT_FALSE(r.report.warnings.empty());
  EXPECT_NE(r.report.warnings[0].find("leniently"), std::string::npos);
}

TEST(TelegramReader, WholeAccountExportReadsEveryChatAndTheOwner) {
  Read r = read_one(kExports + "telegram-account/result.json");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.account_owner, "Dan Mercer");
  ASSERT_EQ(r.sink.messages.size(), 3u);
  EXPECT_EQ(r.sink.messages[0].conversation, "Priya Shah");
  EXPECT_EQ(r.sink.messages[2].conversation, "Saved Messages");
  EXPECT_EQ(r.sink.messages[2].message.kind, MessageKind::poll);
  EXPECT_EQ(r.sink.messages[2].message.text, "Lunch?");
}

TEST(TelegramReader, TruncatedFileKeepsWhatCameBeforeAndSaysWhere) {
  Read r = read_one(kMalformed + "telegram_truncated/result.json", "telegram");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.sink.messages.size(), 4u);
  EXPECT_EQ(r.report.unparsed_records, 1u);
  ASSERT_FALSE(r.report.warnings.empty());
  EXPECT_NE(r.report.warnings.back().find("byte"), std::string::npos) << r.report.warnings.back();
}

TEST(TelegramReader, DeeplyNestedJsonIsAClearErrorNotACrash) {
  Read r = read_one(kMalformed + "deep.json", "telegram");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.report.error.find("nested deeper than"), std::string::npos) << r.report.error;
}

TEST(MessengerHtmlReader, ReadsBothKnownLayoutsOldestFirstWithReactions) {
  Read r = read_one(kExports + "facebook-html");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.format, "messenger-html");
  EXPECT_EQ(r.report.conversation, "Night Shift");
  ASSERT_EQ(r.sink.messages.size(), 5u);
  EXPECT_EQ(r.sink.messages[0].message.text, "Evening all");  // message_2.html, the older layout
  EXPECT_EQ(r.sink.messages[0].message.time, "2017-03-03T22:00:00");
  EXPECT_EQ(r.sink.messages[1].message.kind, MessageKind::attachment);
  EXPECT_EQ(r.sink.messages[1].message.attachments.at(0), "5678.jpg");
  const Message& hate = r.sink.messages[2].message;
  EXPECT_EQ(hate.sender, "Gary Pike");
  EXPECT_EQ(hate.text, "send the lot of them back, bloody immigrants\n<b>not bold</b>");
  ASSERT_EQ(hate.reactions.size(), 1u);
  EXPECT_EQ(hate.reactions[0].reaction, "😂");
  EXPECT_EQ(hate.reactions[0].actor, "Dan Mercer");
  EXPECT_EQ(hate.location, "message_1.html block 2 (line 6)");
  EXPECT_EQ(r.sink.messages[3].message.kind, MessageKind::deleted);
  EXPECT_EQ(r.sink.messages[4].message.sender, "Zoë Hart");
}

// A Messenger HTML page of message blocks (sender, text, shown date), in order.
std::string html_page(const std::vector<std::array<std::string, 3>>& blocks) {
  std::string page = "<html><head><title>T</title></head><body><div role=\"main\">\n";
  for (const auto& [sender, text, date] : blocks) {
    page += "<div class=\"pam _3-95 uiBoxWhite\"><div>" + sender + "</div><div><div>" + text + "</div></div><div>" +
            date + "</div></div>\n";
  }
  return page + "</div></body></html>\n";
}

TEST(MessengerHtmlReader, AThreadLongerThanItsHoldIsReadAgainAPageAtATimeWithTheSameResult) {
  expect_same_when_read_again(kExports + "facebook-html");

  const std::string newer = html_page({{"A", "four", "Mar 2, 2017, 9:20 PM"}, {"B", "three", "Mar 2, 2017, 9:18 PM"}});
  const std::string older_apart =
      html_page({{"A", "two, same minute as three", "Mar 2, 2017, 9:18 PM"}, {"B", "no time", "someday"},
                 {"C", "one", "Mar 2, 2017, 9:10 PM"}});
  const std::string older_overlapping =
      html_page({{"A", "between three and four", "Mar 2, 2017, 9:19 PM"}, {"B", "one", "Mar 2, 2017, 9:10 PM"}});
  using Thread = std::pair<std::vector<std::string>, std::size_t>;  // pages, messages
  for (const auto& [pages, count] : {Thread{{newer, older_apart}, 5}, Thread{{newer, older_overlapping}, 4},
                                     Thread{{older_overlapping, newer, older_apart}, 7}}) {
    InputSource source = messenger_thread(pages, ".html");
    source.format = "messenger-html";
    expect_same_held_or_not(source, 1, count);
  }
  const std::vector<std::string> pages = {newer, older_apart};
  InputSource source = messenger_thread(pages, ".html");
  source.format = "messenger-html";
  Read r = read_thread(source, 1);
  ASSERT_EQ(r.sink.messages.size(), 5u);
  EXPECT_EQ(r.sink.messages[0].message.text, "no time");
  EXPECT_EQ(r.sink.messages[2].message.text, "two, same minute as three");  // the later stored first
  EXPECT_EQ(r.sink.messages[3].message.text, "three");

  std::vector<std::string> changing = {newer, older_apart};
  Read changed = read_while_changing(changing, "messenger-html", "four", "FOUR");
  EXPECT_FALSE(changed.ok);
  EXPECT_EQ(changed.report.error, "inbox/thread/message_1.html: changed while it was being read");
  EXPECT_EQ(changed.sink.messages.size(), 3u);  // the older page's, emitted before the newer was read again
}

// Found by fuzz/run.sh: a page libxml2 makes no document root of.
TEST(MessengerHtmlReader, APageWithoutADocumentRootIsReportedNotACrash) {
  Read r = read_one(kMalformed + "messenger_html_no_root.html", "messenger-html");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.sink.messages.size(), 0u);
  EXPECT_EQ(r.report.unparsed_records, 1u);
}

TEST(TelegramHtmlReader, CarriesTheSenderAcrossJoinedMessagesAndKeepsMarkupAsText) {
  Read r = read_one(kExports + "telegram-html");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.format, "telegram-html");
  EXPECT_EQ(r.report.conversation, "Night Shift");
  EXPECT_EQ(r.report.files.size(), 2u);
  ASSERT_EQ(r.sink.messages.size(), 6u);
  EXPECT_EQ(r.sink.messages[0].message.system_action, "date");
  EXPECT_EQ(r.sink.messages[1].message.text, "Dan Mercer created group «Night Shift»");
  EXPECT_EQ(r.sink.messages[2].message.text, "Look at this lot, bunch of pakis");
  const Message& joined = r.sink.messages[3].message;
  EXPECT_EQ(joined.sender, "Dan Mercer");  // no name line: carried forward
  EXPECT_EQ(joined.text, "and I'm not joking\n<script>alert(1)</script>");
  const Message& reply = r.sink.messages[4].message;
  EXPECT_EQ(reply.sender, "Gary Pike");
  EXPECT_EQ(reply.reply_to, "2");
  EXPECT_EQ(reply.time, "2017-03-02T22:03:00");
  EXPECT_EQ(reply.time_utc, "2017-03-02T21:03:00Z");
  EXPECT_NE(r.sink.messages[4].source.find("messages2.html"), std::string::npos);
  EXPECT_EQ(r.sink.messages[5].message.kind, MessageKind::attachment);
  EXPECT_EQ(r.sink.messages[5].message.sender, "Gary Pike");
}

TEST(SlackReader, ResolvesUsersMentionsAndLinksAcrossDayFiles) {
  Read r = read_one(kExports + "slack/general");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.format, "slack");
  EXPECT_EQ(r.report.conversation, "#general");
  EXPECT_EQ(r.report.files.size(), 2u);
  ASSERT_EQ(r.sink.messages.size(), 5u);
  EXPECT_EQ(r.sink.messages[0].message.kind, MessageKind::system);
  EXPECT_EQ(r.sink.messages[0].message.text, "@Priya Shah has joined the channel");
  const Message& sexist = r.sink.messages[1].message;
  EXPECT_EQ(sexist.sender, "Gary Pike");
  EXPECT_EQ(sexist.text, "@Priya Shah women can't do this job, go make the tea");
  ASSERT_EQ(sexist.reactions.size(), 1u);
  EXPECT_EQ(sexist.reactions[0].actor, "Dan Mercer");
  EXPECT_EQ(sexist.reactions[0].reaction, "😂");
  EXPECT_EQ(r.sink.messages[2].message.text, "ha & so true");
  EXPECT_EQ(r.sink.messages[2].message.reply_to, "1488489240.000200");
  const Message& link = r.sink.messages[3].message;
  EXPECT_EQ(link.text, "I've raised this with #general leads, see the policy");
  EXPECT_TRUE(link.edited);
  EXPECT_EQ(link.attachments.at(0), "complaint.pdf");
  EXPECT_NE(r.sink.messages[3].source.find("2017-03-03.json"), std::string::npos);
  EXPECT_EQ(r.sink.messages[4].message.kind, MessageKind::deleted);
}

TEST(DiscordReader, NicknamesReactionsRepliesAndOffsets) {
  Read r = read_one(kExports + "discord/Response Team - Text - banter [2].json");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.conversation, "Response Team / #banter");
  ASSERT_EQ(r.sink.messages.size(), 3u);
  EXPECT_EQ(r.sink.messages[0].message.kind, MessageKind::system);
  const Message& m = r.sink.messages[1].message;
  EXPECT_EQ(m.sender, "Gary Pike");
  EXPECT_EQ(m.time, "2017-03-02T21:14:00");
  EXPECT_EQ(m.time_utc, "2017-03-02T20:14:00Z");
  EXPECT_EQ(m.reactions.at(0).actor, "Dan Mercer");
  const Message& reply = r.sink.messages[2].message;
  EXPECT_EQ(reply.sender, "priya");
  EXPECT_EQ(reply.reply_to, "101");
  EXPECT_TRUE(reply.edited);
  EXPECT_EQ(reply.kind, MessageKind::attachment);
}

TEST(TeamsReader, StripsHtmlAndOrdersOldestFirst) {
  Read r = read_one(kExports + "teams/messages.json");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.conversation, "Shift Leads");
  ASSERT_EQ(r.sink.messages.size(), 3u);
  EXPECT_EQ(r.sink.messages[0].message.kind, MessageKind::system);
  EXPECT_EQ(r.sink.messages[1].message.text, "I'm going to report the comments in the team chat.\nThey were racist.");
  EXPECT_TRUE(r.sink.messages[1].message.edited);
  EXPECT_EQ(r.sink.messages[2].message.text, "Don't report it or you'll regret it");
  EXPECT_EQ(r.sink.messages[2].message.time_utc, "2017-03-02T21:20:00Z");
}

TEST(TeamsReader, AConversationLongerThanItsHoldIsReadAgainFromItsFileWithTheSameResult) {
  expect_same_when_read_again(kExports + "teams/messages.json");
  expect_same_when_read_again(std::string(CANDOUR_FIXTURES_DIR) + "/archives/teams_export.zip");  // read again by decompressing
  // Newest first (read backwards), out of order (read again and sorted),
  // with an element that is not a record, and a message without a time.
  const std::string messages = R"({"conversations": [
    {"id": "19:a", "displayName": "Newest first", "MessageList": [
      {"id": "3", "displayName": "A", "originalarrivaltime": "2017-03-02T21:20:00.000Z", "messagetype": "Text", "content": "three"},
      {"id": "2", "displayName": "B", "originalarrivaltime": "2017-03-02T21:20:00.000Z", "messagetype": "Text", "content": "two"},
      "not a record",
      {"id": "1", "displayName": "A", "originalarrivaltime": "2017-03-02T21:10:00.000Z", "messagetype": "Text", "content": "one"}]},
    {"id": "19:b", "MessageList": [
      {"id": "5", "displayName": "C", "originalarrivaltime": "2017-03-02T21:05:00.000Z", "messagetype": "Text", "content": "b"},
      {"id": "6", "displayName": "C", "messagetype": "Text", "content": "no time"},
      {"id": "4", "displayName": "D", "originalarrivaltime": "2017-03-02T21:30:00.000Z", "messagetype": "Text", "content": "c"}]}]})";
  const std::vector<std::string> parts = {messages};
  InputSource source = messenger_thread(parts);
  source.format = "teams";
  Read again = expect_same_held_or_not(source, 1, 6);
  ASSERT_EQ(again.sink.messages.size(), 6u);
  EXPECT_EQ(again.sink.messages[0].message.text, "one");
  EXPECT_EQ(again.sink.messages[1].message.text, "two");  // the same time: the later stored first
  EXPECT_EQ(again.sink.messages[3].message.text, "no time");
  EXPECT_EQ(again.sink.messages[5].message.text, "c");
  EXPECT_EQ(again.sink.messages[5].conversation, "conversation 19:b");

  // The second conversation's file bytes changed after the first was read.
  std::vector<std::string> changing = {messages};
  Read changed = read_while_changing(changing, "teams", "{\"id\": \"5\"", "[\"id\": \"5\"");
  EXPECT_FALSE(changed.ok);
  EXPECT_EQ(changed.report.error, "inbox/thread/message_1.json: changed while it was being read");
  EXPECT_EQ(changed.sink.messages.size(), 3u);
}

TEST(CellebriteReader, ReadsChatsWithDeletedStateConfidenceAndOwner) {
  for (std::string input : {kExports + "cellebrite/report.xml", kExports + "cellebrite-ufdr/Exhibit DM-1.ufdr"}) {
    Read r = read_one(input);
    ASSERT_TRUE(r.ok) << r.report.error;
    expect_accounted(r);
    EXPECT_EQ(r.report.format, "cellebrite");
    EXPECT_EQ(r.report.conversation, "Team 3 CX");
    EXPECT_EQ(r.report.account_owner, "Dan Mercer");
    ASSERT_EQ(r.sink.messages.size(), 3u);
    const Message& threat = r.sink.messages[0].message;
    EXPECT_EQ(threat.sender, "Dan Mercer");
    EXPECT_EQ(threat.sender_key, "+447700900123");
    EXPECT_EQ(threat.time_utc, "2017-03-02T21:14:00Z");
    EXPECT_EQ(threat.deleted_state, "Intact");
    const Message& deleted = r.sink.messages[1].message;
    EXPECT_EQ(deleted.text, "<b>delete this</b> & forget it");  // CDATA kept as written
    EXPECT_EQ(deleted.deleted_state, "Deleted");
    EXPECT_EQ(deleted.decoding_confidence, "Medium");
    const Message& photo = r.sink.messages[2].message;
    EXPECT_EQ(photo.sender, "+447700900456");
    EXPECT_EQ(photo.sender_key, "+447700900456");
    EXPECT_EQ(photo.kind, MessageKind::attachment);
    EXPECT_EQ(photo.attachments.at(0), "IMG-20170302-WA0001.jpg");
  }
}

TEST(CellebriteReader, BrokenXmlKeepsEarlierMessagesAndNamesTheLine) {
  Read r = read_one(kMalformed + "report.xml");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.sink.messages.size(), 2u);
  ASSERT_FALSE(r.report.warnings.empty());
  EXPECT_NE(r.report.warnings.back().find("line"), std::string::npos) << r.report.warnings.back();
}

TEST(DelimitedReader, CsvWithUsualColumnNamesQuotesAndLineBreaks) {
  Read r = read_one(kExports + "csv/axiom_chat_export.csv");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  ASSERT_EQ(r.sink.messages.size(), 3u);
  EXPECT_EQ(r.sink.messages[0].conversation, "Team 3 CX");
  EXPECT_EQ(r.sink.messages[0].message.time, "2017-03-02T21:14:00");
  EXPECT_EQ(r.sink.messages[1].message.text, "Quote: \"it makes them love you more\" - hitting her,\nthat is");
  EXPECT_EQ(r.sink.messages[1].message.line, 3u);
  EXPECT_EQ(r.sink.messages[2].message.line, 5u);
  EXPECT_EQ(r.sink.messages[2].message.time, "");  // not an ISO time: kept as written
  EXPECT_EQ(r.sink.messages[2].message.time_raw, "02/03/2017 21:16");
}

TEST(DelimitedReader, CsvColumnsNamedWithMap) {
  ReaderOptions options;
  options.column_map = {{"text", "Message Body Text"}, {"sender", "Party"}, {"time", "Sent (UTC)"}, {"conversation", "Thread"}};
  Read r = read_one(kExports + "csv-mapped/phone_messages.csv", "csv", options);
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  ASSERT_EQ(r.sink.messages.size(), 2u);
  EXPECT_EQ(r.sink.messages[0].message.sender, "Gary Pike");
  EXPECT_EQ(r.sink.messages[0].message.time_utc, "2017-03-02T21:14:00Z");
  options.column_map = {{"text", "Nope"}};
  Read bad = read_one(kExports + "csv-mapped/phone_messages.csv", "csv", options);
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.report.error.find("no such column"), std::string::npos);
  Read unmapped = read_one(kExports + "csv-mapped/phone_messages.csv", "csv");
  EXPECT_FALSE(unmapped.ok);
  EXPECT_NE(unmapped.report.error.find("--map text="), std::string::npos) << unmapped.report.error;
}

TEST(DelimitedReader, UnterminatedQuoteIsReportedNotSwallowed) {
  Read r = read_one(kMalformed + "unterminated.csv", "csv");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  EXPECT_EQ(r.report.unparsed_records, 1u);
}

TEST(DelimitedReader, JsonLinesWithBrokenLinesReportedAndTheRestRead) {
  Read r = read_one(kExports + "jsonl/moderation_queue.jsonl");
  ASSERT_TRUE(r.ok) << r.report.error;
  expect_accounted(r);
  ASSERT_EQ(r.sink.messages.size(), 2u);
  EXPECT_EQ(r.sink.messages[0].message.text, "you absolute retard");
  EXPECT_EQ(r.sink.messages[0].message.sender, "user_a");
  EXPECT_EQ(r.sink.messages[0].message.id, "q1");
  ASSERT_EQ(r.sink.unparsed.size(), 2u);
  EXPECT_EQ(r.sink.unparsed[0].line, 3u);
  EXPECT_EQ(r.sink.unparsed[1].line, 5u);
}

TEST(InputCatalog, AFolderWithOneExportOfEachKindFindsThemAll) {
  InputCatalog catalog = catalog_inputs({kExports}, "");
  EXPECT_TRUE(catalog.failures.empty());
  std::vector<std::string> formats;
  for (const auto& s : catalog.sources) formats.push_back(s.format);
  std::sort(formats.begin(), formats.end());
  std::vector<std::string> expected = {"cellebrite", "cellebrite", "csv",   "discord",  "jsonl",    "messenger",
                                       "messenger-e2ee", "messenger-html", "slack",  "slack", "teams",    "telegram", "telegram", "telegram-html"};
  EXPECT_EQ(formats, expected);
  for (const auto& s : catalog.sources) {
    if (s.format == "messenger") {
      EXPECT_EQ(s.parts.size(), 2u);
    }
    if (s.format == "slack") {
      EXPECT_EQ(s.companions.size(), 2u) << s.display;  // users.json, channels.json
    }
  }
}

// The scan gives readers that hold a whole chat before its first message a
// wider window (cli/scan_command.cc): the formats the catalogue names for
// them must be the ones reads_whole_source() knows.
TEST(ReadSource, WholeSourceReadersAreKnownByTheFormatsTheCatalogueGives) {
  InputCatalog catalog = catalog_inputs({kExports, std::string(CANDOUR_FIXTURES_DIR) + "/whatsapp/android_uk.txt"}, "");
  std::vector<std::string> whole, streamed;
  for (const auto& source : catalog.sources) {
    (reads_whole_source(source.format) ? whole : streamed).push_back(source.format);
  }
  for (const char* f : {"messenger", "messenger-e2ee", "messenger-html", "teams"}) {
    EXPECT_NE(std::find(whole.begin(), whole.end(), f), whole.end()) << f;
  }
  for (const char* f : {"whatsapp", "telegram", "slack", "discord", "cellebrite", "csv", "jsonl"}) {
    EXPECT_NE(std::find(streamed.begin(), streamed.end(), f), streamed.end()) << f;
  }
}

}  // namespace
}  // namespace candour
