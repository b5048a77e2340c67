#include "ingest/whatsapp_header.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

std::string iso(std::string_view line, DateOrder order) {
  WhatsAppHeader h;
  if (!parse_whatsapp_header(line, &h)) return "no header";
  std::string out;
  if (!h.to_iso(order, &out)) return "bad date";
  return out;
}

TEST(WhatsAppHeader, AndroidLayouts) {
  EXPECT_EQ(iso("14/03/2017, 21:40 - Dan: hi", DateOrder::dmy), "2017-03-14T21:40:00");
  EXPECT_EQ(iso("3/14/17, 9:40 PM - Dan: hi", DateOrder::mdy), "2017-03-14T21:40:00");
  EXPECT_EQ(iso("3/14/17, 9:40\xE2\x80\xAFPM - Dan: hi", DateOrder::mdy), "2017-03-14T21:40:00");
  EXPECT_EQ(iso("3/14/17, 12:05 am - Dan: hi", DateOrder::mdy), "2017-03-14T00:05:00");
  EXPECT_EQ(iso("14/3/17, 9:41\xC2\xA0p.\xC2\xA0m. - Dan: hola", DateOrder::dmy), "2017-03-14T21:41:00");
  EXPECT_EQ(iso("14/3/17, 12:10 p. m. - Dan: hola", DateOrder::dmy), "2017-03-14T12:10:00");
  EXPECT_EQ(iso("31.12.20, 21:41 - Anna: hallo", DateOrder::dmy), "2020-12-31T21:41:00");
  EXPECT_EQ(iso("31-12-2020 21:41 - Sanne: hoi", DateOrder::dmy), "2020-12-31T21:41:00");
  EXPECT_EQ(iso("2021-03-14, 09:12 - Ali: hi", DateOrder::ymd), "2021-03-14T09:12:00");
}

TEST(WhatsAppHeader, IosLayoutWithMarks) {
  EXPECT_EQ(iso("\xE2\x80\x8E[14/03/2017, 09:12:05] Team: \xE2\x80\x8Ehi", DateOrder::dmy), "2017-03-14T09:12:05");
  EXPECT_EQ(iso("[3/14/17, 9:12:05 PM] Dan: hi", DateOrder::mdy), "2017-03-14T21:12:05");
  WhatsAppHeader h;
  ASSERT_TRUE(parse_whatsapp_header("\xE2\x80\x8E[14/03/2017, 09:12:05] Team: \xE2\x80\x8Ehi", &h));
  EXPECT_TRUE(h.bracketed);
  EXPECT_TRUE(h.has_seconds);
}

TEST(WhatsAppHeader, BodyOffsetPointsAtSender) {
  std::string line = "14/03/2017, 21:40 - Dan Mercer: hi";
  WhatsAppHeader h;
  ASSERT_TRUE(parse_whatsapp_header(line, &h));
  EXPECT_EQ(line.substr(h.body_offset), "Dan Mercer: hi");
}

TEST(WhatsAppHeader, RejectsLinesThatOnlyStartWithADate) {
  WhatsAppHeader h;
  EXPECT_FALSE(parse_whatsapp_header("15/03/2017 is the day the audit starts", &h));
  EXPECT_FALSE(parse_whatsapp_header("[14/03/2017] is the date on the form", &h));
  EXPECT_FALSE(parse_whatsapp_header("14/03/2017, 21:40 Dan: no dash", &h));
  EXPECT_FALSE(parse_whatsapp_header("1/2/3, 10:00 - x", &h));
  EXPECT_FALSE(parse_whatsapp_header("", &h));
}

TEST(WhatsAppHeader, ImpossibleDatesAreRejectedByTheOrder) {
  EXPECT_EQ(iso("14/03/2017, 21:40 - Dan: hi", DateOrder::mdy), "bad date");
  EXPECT_EQ(iso("14/03/2017, 25:40 - Dan: hi", DateOrder::dmy), "bad date");
}

}  // namespace
}  // namespace candour
