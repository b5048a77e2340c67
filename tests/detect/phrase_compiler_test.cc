#include "detect/phrase_compiler.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

const std::map<std::string, std::vector<std::string>> kClasses = {
    {"verb", {"rape", "chloroform"}}, {"person", {"you", "her"}}, {"would", {"i would", "i'd"}}};

TEST(PhraseCompiler, ExpandsClassesAlternativesAndOptionals) {
  std::string error;
  std::string regex = compile_phrase_pattern("{would} happily? {verb} {person}", kClasses, &error);
  ASSERT_FALSE(regex.empty()) << error;
  EXPECT_EQ(regex, "(?:i would|i'd)(?: (?:happily))? (?:rape|chloroform) (?:you|her)");
}

TEST(PhraseCompiler, ReportsEachTokenItsSpellingsWhetherOptionalAndGaps) {
  std::string error;
  std::vector<PhraseToken> tokens;
  ASSERT_FALSE(compile_phrase_pattern("{would} Happily? {verb} ... {person}", kClasses, &error, &tokens).empty());
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].alternatives, (std::vector<std::string>{"i would", "i'd"}));
  EXPECT_FALSE(tokens[0].optional);
  EXPECT_EQ(tokens[1].alternatives, (std::vector<std::string>{"happily"}));  // normalised
  EXPECT_TRUE(tokens[1].optional);
  EXPECT_FALSE(tokens[2].gap_before);
  EXPECT_TRUE(tokens[3].gap_before);
  EXPECT_EQ(tokens[3].alternatives, (std::vector<std::string>{"you", "her"}));
}

TEST(PhraseCompiler, EscapesMaskCharacters) {
  EXPECT_EQ(literal_to_regex("f***"), "f\\*\\*\\*");
  EXPECT_EQ(literal_to_regex("no  grassing"), "no grassing");
}

TEST(PhraseCompiler, NormalisesLiteralWordsLikeMessageText) {
  std::string error;
  EXPECT_EQ(compile_phrase_pattern("Grass|Snitch-es UP", kClasses, &error), "(?:grass|snitch es) (?:up)");
}

TEST(PhraseCompiler, ReportsUnknownClassesAndBadGaps) {
  std::string error;
  EXPECT_TRUE(compile_phrase_pattern("{nope} you", kClasses, &error).empty());
  EXPECT_NE(error.find("unknown word class"), std::string::npos);
  EXPECT_TRUE(compile_phrase_pattern("... you", kClasses, &error).empty());
  EXPECT_TRUE(compile_phrase_pattern("you ...", kClasses, &error).empty());
  EXPECT_TRUE(compile_phrase_pattern("you|", kClasses, &error).empty());
}

}  // namespace
}  // namespace candour
