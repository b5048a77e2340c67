#include "ingest/reader_support.h"

#include <gtest/gtest.h>

#include "ingest/timestamps.h"

namespace candour {
namespace {

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
