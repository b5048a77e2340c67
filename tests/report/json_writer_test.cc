#include "report/json_writer.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

TEST(JsonWriter, EscapesControlCharactersQuotesAndLineSeparators) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\x01\xE2\x80\xA8");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001\\u2028\"");
}

TEST(JsonWriter, RunsOfPlainTextAroundEveryKindOfEscape) {
  // Plain runs are copied whole; each escape must land between them intact.
  std::string out;
  append_json_string(out, "tab\there\rDEL\x7F\u00e9t\xC3\xA9 end\"");
  EXPECT_EQ(out, "\"tab\\there\\rDEL\\u007f\u00e9t\xC3\xA9 end\\\"\"");
  out.clear();
  append_json_string(out, "");
  EXPECT_EQ(out, "\"\"");
  out.clear();
  append_json_string(out, "\\");
  EXPECT_EQ(out, "\"\\\\\"");
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacter) {
  std::string out;
  append_json_string(out, "ok\xFF!");
  EXPECT_EQ(out, "\"ok\xEF\xBF\xBD!\"");
}

TEST(JsonWriter, ObjectsAndArraysGetCommasRight) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("a").value(1).key("b").begin_array().value("x").value(true).null().end_array();
  json.key("c").value(0.5).key("d").string_or_null("").end_object();
  EXPECT_EQ(out, R"({"a":1,"b":["x",true,null],"c":0.5,"d":null})");
}

}  // namespace
}  // namespace candour
