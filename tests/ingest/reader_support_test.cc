#include "ingest/reader_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "ingest/html_page.h"
#include "ingest/json_records.h"
#include "ingest/timestamps.h"
#include "slurp.h"

namespace candour {
namespace {

const std::string kTeams = std::string(CANDOUR_FIXTURES_DIR) + "/exports/teams/messages.json";
const std::string kTeamsZip = std::string(CANDOUR_FIXTURES_DIR) + "/archives/teams_export.zip";

// The same messages.json as a plain file and as the entry of a zip.
std::vector<InputPart> teams_parts() {
  std::vector<InputPart> parts(2);
  parts[0].display = parts[0].path = kTeams;
  parts[1].display = kTeamsZip + "/messages.json";
  parts[1].path = kTeamsZip;
  parts[1].zip_entry = "messages.json";
  return parts;
}

TEST(PartBytes, ReadsAnyPieceOfAFileOrAZipEntry) {
  const std::string file = slurp(kTeams);
  for (const InputPart& part : teams_parts()) {
    PartBytes bytes(part);
    EXPECT_EQ(bytes.sequential(), !part.zip_entry.empty());
    std::string piece;
    for (auto [offset, size] : {std::pair<uint64_t, std::size_t>{0, 10}, {700, 300}, {file.size() - 5, 5}, {0, file.size()}}) {
      ASSERT_TRUE(bytes.read(offset, size, piece)) << part.display << " " << bytes.error();
      EXPECT_EQ(piece, file.substr(offset, size)) << part.display;
    }
    EXPECT_FALSE(bytes.read(file.size() - 5, 6, piece)) << part.display;
    EXPECT_EQ(bytes.error(), "past the end");
  }
}

// The records of the first conversation, where a first read found them.
std::vector<RecordPlace> places_of_first_list(const InputPart& part, std::vector<std::string>* ids) {
  auto source = part.open();
  JsonStream json(*source);
  JsonTree tree;
  SourceReport report;
  class : public MessageSink {
    void on_message(const Message&) override {}
    void on_unparsed(const UnparsedLine&) override {}
  } sink;
  std::vector<RecordPlace> places;
  while (json.next() != JsonStream::Token::end) {
    if (json.text() != "MessageList" || json.next() != JsonStream::Token::begin_array) continue;
    read_record_array(json, tree, report, sink, "list", [&](const JsonTree& tr, uint64_t position, uint64_t line, uint64_t offset) {
      places.push_back({offset, position, line});
      ids->emplace_back(tr.str(tr.root(), "id"));
    });
    break;
  }
  return places;
}

TEST(ReadRecordsAgain, FromAFileOrAZipEitherWayInPiecesOfAnySize) {
  for (const InputPart& part : teams_parts()) {
    std::vector<std::string> ids;
    const std::vector<RecordPlace> places = places_of_first_list(part, &ids);
    ASSERT_EQ(places.size(), 3u);
    const uint64_t end = slurp(kTeams).size();
    for (bool backwards : {false, true}) {
      for (uint64_t piece_bytes : {uint64_t{1}, uint64_t{400}, uint64_t{64} << 20}) {
        JsonTree tree;
        std::string error;
        std::vector<std::string> again;
        std::vector<uint64_t> positions;
        ASSERT_TRUE(read_records_again(part, places, end, backwards, tree, &error, [&](const JsonTree& tr, const RecordPlace& place) {
          again.emplace_back(tr.str(tr.root(), "id"));
          positions.push_back(place.position);
        }, piece_bytes)) << error;
        std::vector<std::string> expected = ids;
        if (backwards) std::reverse(expected.begin(), expected.end());
        EXPECT_EQ(again, expected) << part.display << " " << piece_bytes;
        const std::vector<uint64_t> in_order = {0, 1, 2}, reversed = {2, 1, 0};
        EXPECT_EQ(positions, backwards ? reversed : in_order);
      }
    }
    // A record no longer where it was found.
    std::vector<RecordPlace> moved = places;
    moved[1].offset += 1;
    JsonTree tree;
    std::string error;
    EXPECT_FALSE(read_records_again(part, moved, end, true, tree, &error, [](const JsonTree&, const RecordPlace&) {}));
    EXPECT_EQ(error, "changed while it was being read");
  }
}

TEST(PageLoader, GivesThePagesInTheOrderAskedWhetherItParsesAheadOrNot) {
  const std::vector<std::string> html = {"<html><head><title>zero</title></head></html>",
                                         "<html><head><title>one</title></head></html>",
                                         "<html><head><title>two</title></head></html>"};
  std::vector<InputPart> parts(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    parts[i].display = "page " + std::to_string(i);
    parts[i].bytes = html[i];
  }
  for (bool ahead : {false, true}) {
    std::vector<std::string> titles;
    std::vector<std::size_t> indexes;
    for (PageLoader pages(parts, {2, 0, 1}, ahead); !pages.done();) {
      std::size_t i;
      LoadedPage page = pages.next(&i);
      ASSERT_TRUE(page.error.empty() && page.doc) << page.error;
      indexes.push_back(i);
      titles.push_back(text_under(descendant_named(xmlDocGetRootElement(page.doc.get()), "title")));
      EXPECT_EQ(page.file.path, parts[i].display);
      EXPECT_EQ(page.file.bytes, html[i].size());
      pages.recycle(std::move(page.doc));
    }
    EXPECT_EQ(indexes, (std::vector<std::size_t>{2, 0, 1})) << ahead;
    EXPECT_EQ(titles, (std::vector<std::string>{"two", "zero", "one"})) << ahead;
  }
}

TEST(Mojibake, UndoesUtf8BytesWrittenAsLatin1CodePoints) {
  EXPECT_EQ(repair_mojibake("Zo\xC3\x83\xC2\xAB"), "Zoë");                      // "Zoë" as Facebook writes it
  EXPECT_EQ(repair_mojibake("\xC3\xB0\xC2\x9F\xC2\x98\xC2\x82"), "😂");         // an emoji, four bytes
  EXPECT_EQ(repair_mojibake("plain ascii"), "plain ascii");
}

TEST(Mojibake, LeavesGenuineTextAlone) {
  EXPECT_EQ(repair_mojibake("café"), "café");        // é is U+00E9, but byte E9 alone is not UTF-8
  EXPECT_EQ(repair_mojibake("Zoë 😂"), "Zoë 😂");    // a character above U+00FF: not mojibake
  EXPECT_EQ(repair_mojibake("naïve Ã"), "naïve Ã");
}

TEST(StripHtml, KeepsTextDecodesEntitiesAndBreaksLines) {
  EXPECT_EQ(strip_html("<p>I&apos;m <b>here</b><br>now &amp; then</p>"), "I'm here\nnow & then");
  EXPECT_EQ(strip_html("I <3 it &#x1F602; &#128514;"), "I <3 it 😂 😂");
  EXPECT_EQ(strip_html("<script>x</script>"), "x");  // tags go; text is only ever text
  EXPECT_EQ(strip_html("a < b and c > d"), "a < b and c > d");
}

TEST(Timestamps, Iso8601WithAndWithoutOffsets) {
  std::string wall, utc;
  ASSERT_TRUE(parse_iso8601("2017-03-02T21:14:00.123+01:00", &wall, &utc));
  EXPECT_EQ(wall, "2017-03-02T21:14:00");
  EXPECT_EQ(utc, "2017-03-02T20:14:00Z");
  ASSERT_TRUE(parse_iso8601("2017-03-02T23:30:00-05:00", &wall, &utc));
  EXPECT_EQ(utc, "2017-03-03T04:30:00Z");
  ASSERT_TRUE(parse_iso8601("2017-03-02 21:14", &wall, &utc));
  EXPECT_EQ(wall, "2017-03-02T21:14:00");
  EXPECT_EQ(utc, "");  // no offset: the instant is not known
  ASSERT_TRUE(parse_iso8601("2017-03-02T21:14:00Z", &wall, &utc));
  EXPECT_EQ(utc, "2017-03-02T21:14:00Z");
  EXPECT_FALSE(parse_iso8601("02/03/2017 21:16", &wall, &utc));
  EXPECT_FALSE(parse_iso8601("2017-13-02T21:14:00", &wall, &utc));
}

TEST(Timestamps, UnixSecondsAndMilliseconds) {
  int64_t s = 0;
  ASSERT_TRUE(parse_unix_time("1488489240.000200", false, &s));
  EXPECT_EQ(iso_from_unix(s), "2017-03-02T21:14:00");
  ASSERT_TRUE(parse_unix_time("1488489240999", true, &s));
  EXPECT_EQ(iso_from_unix(s), "2017-03-02T21:14:00");
  EXPECT_EQ(iso_from_unix(0), "1970-01-01T00:00:00");
  EXPECT_FALSE(parse_unix_time("soon", false, &s));
  EXPECT_FALSE(parse_unix_time("99999999999999999", false, &s));
}

}  // namespace
}  // namespace candour
