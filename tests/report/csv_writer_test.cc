#include "report/csv_writer.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

std::string field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

TEST(CsvWriter, QuotesOnlyWhenNeededAndDoublesQuotes) {
  EXPECT_EQ(field("plain"), "plain");
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(field("two\nlines"), "\"two\nlines\"");
}

TEST(CsvWriter, FormulaLikeTextIsKeptInert) {
  EXPECT_EQ(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(field("+44 7700 900123"), "\"'+44 7700 900123\"");
  EXPECT_EQ(field("@everyone"), "\"'@everyone\"");
}

TEST(CsvWriter, HeaderWithOptionalBom) {
  EXPECT_EQ(csv_header(false).rfind("source,index,", 0), 0u);
  EXPECT_EQ(csv_header(true).rfind("\xEF\xBB\xBFsource,", 0), 0u);
  EXPECT_EQ(csv_header(false).substr(csv_header(false).size() - 2), "\r\n");
}

TEST(CsvWriter, OneRowPerFinding) {
  FlaggedRecord r;
  r.source = "chat.txt";
  r.message.text = "f*** you bender";
  r.message.sender = "Dan";
  r.rebind();
  Finding a, b;
  a.category = Category::profanity;
  b.category = Category::identity_hate;
  b.target = Target::sexual_orientation;
  r.findings = {a, b};
  std::string out;
  append_csv_rows(out, r, "assumed:Europe/London");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2);
  EXPECT_NE(out.find("identity_hate,sexual_orientation"), std::string::npos);
}

}  // namespace
}  // namespace candour
