#include "ingest/json_stream.h"

#include <gtest/gtest.h>

#include "ingest/json_tree.h"

namespace candour {
namespace {

using Token = JsonStream::Token;

std::vector<std::string> tokens(std::string_view json, bool lenient = false, std::string* error = nullptr) {
  auto source = open_memory_source(json);
  JsonStream stream(*source, lenient);
  std::vector<std::string> out;
  for (;;) {
    Token t = stream.next();
    if (t == Token::end) break;
    if (t == Token::error) {
      if (error) *error = stream.error();
      out.push_back("ERROR");
      break;
    }
    switch (t) {
      case Token::begin_object: out.push_back("{"); break;
      case Token::end_object: out.push_back("}"); break;
      case Token::begin_array: out.push_back("["); break;
      case Token::end_array: out.push_back("]"); break;
      case Token::key: out.push_back("k:" + std::string(stream.text())); break;
      case Token::null: out.push_back("null"); break;
      default: out.push_back(std::string(stream.text())); break;
    }
  }
  return out;
}

TEST(JsonStream, ReadsEveryKindOfTokenInOrder) {
  auto t = tokens("\xEF\xBB\xBF {\"a\": [1, -2.5e3, true, false, null, \"x\"], \"b\": {}, \"c\": []}");
  std::vector<std::string> expected = {"{", "k:a", "[", "1", "-2.5e3", "true", "false", "null", "x", "]",
                                       "k:b", "{", "}", "k:c", "[", "]", "}"};
  EXPECT_EQ(t, expected);
}

TEST(JsonStream, DecodesEscapesAndSurrogatePairs) {
  auto t = tokens(R"(["a\"b\\c\/d\n", "\u00e9\ud83d\ude02", "\ud83d lone"])");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[1], "a\"b\\c/d\n");
  EXPECT_EQ(t[2], "é😂");
  EXPECT_EQ(t[3], "\xEF\xBF\xBD lone");  // a lone surrogate becomes U+FFFD
}

// Strings are scanned sixteen bytes at a time: a quote, an escape or a
// control character is found wherever it falls in a block, non-ASCII bytes
// (UTF-8 above 0x7F) are text, and lines are counted across long strings.
TEST(JsonStream, FindsTheEndOfAStringAtEveryPositionInABlock) {
  for (std::size_t at = 0; at < 40; ++at) {
    const std::string before(at, 'a'), after = "\xC3\xA9z";  // "é" and a letter after the stop
    EXPECT_EQ(tokens("[\"" + before + "\", \"" + after + "\"]"), (std::vector<std::string>{"[", before, after, "]"})) << at;
    EXPECT_EQ(tokens("[\"" + before + "\\n" + after + "\"]"), (std::vector<std::string>{"[", before + "\n" + after, "]"})) << at;
    std::string error;
    EXPECT_EQ(tokens("[\"" + before + "\x01" + after + "\"]", false, &error).back(), "ERROR") << at;
    EXPECT_NE(error.find("control character"), std::string::npos) << error;
    EXPECT_EQ(tokens("[\"" + before + "\x1F\"]", true), (std::vector<std::string>{"[", before + "\x1F", "]"})) << at;
  }
  const std::string json = "[\n\"" + std::string(100, 'x') + "\",\n\n  \t\r\n\"y\" \n ,\n]";
  auto source = open_memory_source(json);
  JsonStream stream(*source);
  while (stream.next() != Token::string || stream.text() != "y") {
  }
  EXPECT_EQ(stream.line(), 5u);
}

TEST(JsonStream, TelegramControlEscapesOnlyInLenientMode) {
  std::string error;
  EXPECT_EQ(tokens(R"(["a\x0Bb"])", false, &error).back(), "ERROR");
  EXPECT_NE(error.find("invalid escape"), std::string::npos);
  auto t = tokens(R"(["a\x0Bb"])", true);
  EXPECT_EQ(t[1], "a\x0B" "b");
}

TEST(JsonStream, MalformedInputIsAnErrorWithItsPosition) {
  for (std::string_view bad : {"{\"a\": 1,,}", "[1 2]", "{\"a\" 1}", "[\"unterminated", "{\"a\": tru}", "[1]]", "", "{\"a\":"}) {
    std::string error;
    EXPECT_EQ(tokens(bad, false, &error).back(), "ERROR") << bad;
    EXPECT_NE(error.find("byte"), std::string::npos) << bad << ": " << error;
  }
}

TEST(JsonStream, DeepNestingIsRefusedNotRecursedInto) {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  std::string error;
  EXPECT_EQ(tokens(deep, false, &error).back(), "ERROR");
  EXPECT_NE(error.find("nested deeper than 256"), std::string::npos) << error;
}

TEST(JsonStream, AnEnormousStringIsRefusedWithItsPosition) {
  std::string huge = "[\"" + std::string(JsonStream::kMaxString + 10, 'a') + "\"]";
  std::string error;
  EXPECT_EQ(tokens(huge, false, &error).back(), "ERROR");
  EXPECT_NE(error.find("longer than 64 MiB"), std::string::npos) << error;
}

TEST(JsonStream, SkipJumpsOverAWholeValue) {
  auto source = open_memory_source(R"({"skip": {"a": [1, {"b": 2}]}, "keep": "yes"})");
  JsonStream stream(*source);
  ASSERT_EQ(stream.next(), Token::begin_object);
  ASSERT_EQ(stream.next(), Token::key);
  ASSERT_TRUE(stream.skip(stream.next()));
  ASSERT_EQ(stream.next(), Token::key);
  EXPECT_EQ(stream.text(), "keep");
  std::string value;
  EXPECT_TRUE(stream.scalar(&value));
  EXPECT_EQ(value, "yes");
  EXPECT_EQ(stream.next(), Token::end_object);
  EXPECT_EQ(stream.next(), Token::end);
}

TEST(JsonTree, ReadsARecordAndFindsMembers) {
  auto source = open_memory_source(R"([{"from": "Dan", "text": ["a", {"type": "bold", "text": "b"}], "n": 3, "ok": true}, {"from": "Gary"}])");
  JsonStream stream(*source);
  JsonTree tree;
  ASSERT_EQ(stream.next(), Token::begin_array);
  ASSERT_TRUE(tree.read(stream, stream.next()));
  auto root = tree.root();
  EXPECT_EQ(tree.str(root, "from"), "Dan");
  EXPECT_EQ(tree.str(root, "n"), "3");
  EXPECT_TRUE(tree.truthy(root, "ok"));
  EXPECT_EQ(tree.size(tree.get(root, "text")), 2u);
  EXPECT_EQ(tree.get(root, "missing"), JsonTree::kNone);
  ASSERT_TRUE(tree.read(stream, stream.next()));  // storage is reused for the next record
  EXPECT_EQ(tree.str(tree.root(), "from"), "Gary");
  EXPECT_EQ(tree.str(tree.root(), "text"), "");
}

}  // namespace
}  // namespace candour
