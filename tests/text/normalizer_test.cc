#include "text/normalizer.h"
#include "text/utf8.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

TEST(Normalizer, LowerCasesAsciiAndMapsOffsetsOneToOne) {
  Normalizer n;
  EXPECT_EQ(n.normalize("F*** You BENDER"), "f*** you bender");
  EXPECT_EQ(n.original_start(9), 9u);
  EXPECT_EQ(n.original_end(15), 15u);
}

TEST(Normalizer, StripsAccentsAndMapsBackToOriginalBytes) {
  Normalizer n;
  std::string text = "caf\xC3\xA9 b\xC3\xA9nder";  // "café bénder"
  EXPECT_EQ(n.normalize(text), "cafe bender");
  // "bender" is normalised bytes 5..11; in the original it spans 6..13.
  EXPECT_EQ(n.original_start(5), 6u);
  EXPECT_EQ(n.original_end(11), 13u);
}

TEST(Normalizer, FoldsFullWidthAndLookalikeLetters) {
  Normalizer n;
  EXPECT_EQ(n.normalize("\xEF\xBC\xA2\xEF\xBD\x85nder"), "bender");   // full-width "Be"
  EXPECT_EQ(n.normalize("p\xD0\xB0ki"), "paki");                      // Cyrillic а
  EXPECT_EQ(n.normalize("\xCE\xBF\xCE\xBD"), "ov");                    // Greek ο ν
}

TEST(Normalizer, RemovesZeroWidthAndBidiCharacters) {
  Normalizer n;
  std::string text = "ben\xE2\x80\x8B" "der\xE2\x80\x8E";  // zero-width space, LRM
  EXPECT_EQ(n.normalize(text), "bender");
  EXPECT_EQ(n.original_end(6), 9u);  // "r" is the 9th byte; the zero-width space is dropped
}

TEST(Normalizer, SeparatorRunsBecomeOneSpaceMappedToTheWholeRun) {
  Normalizer n;
  std::string text = "no -- grassing\xF0\x9F\x98\x82, f.a.g";  // emoji and punctuation
  EXPECT_EQ(n.normalize(text), "no grassing f a g");
  EXPECT_EQ(n.original_start(2), 2u);
  EXPECT_EQ(n.original_end(3), 6u);
  EXPECT_EQ(n.normalize("f*** sh!t @ss"), "f*** sh!t @ss");  // mask and leet symbols stay
}

// An ASCII text's offset map is made only when asked for: it must be the one
// the general path makes, and belong to the text last normalised.
TEST(Normalizer, AsciiTextsMapTheSameWhetherOrNotAnyOtherTextCameFirst) {
  const std::string ascii = "No -- GRASSING,,  f.a.g!!  ", mixed = ascii + "\xC3\xA9";
  Normalizer lazy, general;
  EXPECT_EQ(lazy.normalize(ascii), "no grassing f a g!! ");
  const std::string_view mixed_out = general.normalize(mixed);
  ASSERT_EQ(mixed_out.substr(0, 20), lazy.normalized());
  for (std::size_t i = 0; i < lazy.normalized().size(); ++i) {
    EXPECT_EQ(lazy.original_start(i), general.original_start(i)) << i;
    EXPECT_EQ(lazy.original_end(i + 1), general.original_end(i + 1)) << i;
  }
  EXPECT_EQ(lazy.original_end(3), 6u);   // "no " ends after " -- "
  EXPECT_EQ(lazy.original_end(0), 0u);
  // The next text's map, not the last one's.
  EXPECT_EQ(lazy.normalize("ab  cd"), "ab cd");
  EXPECT_EQ(lazy.original_start(3), 4u);
  EXPECT_EQ(lazy.normalize("x\xC3\xA9  y"), "xe y");
  EXPECT_EQ(lazy.original_start(3), 5u);
}

TEST(Normalizer, TypographicApostropheBecomesAscii) {
  Normalizer n;
  EXPECT_EQ(n.normalize("I\xE2\x80\x99" "d like"), "i'd like");
}

TEST(Normalizer, InvalidUtf8DoesNotStopNormalisation) {
  Normalizer n;
  std::string text = "ok \xFF\xFE bender";
  std::string_view out = n.normalize(text);
  EXPECT_NE(out.find("bender"), std::string_view::npos);
}

}  // namespace
}  // namespace candour

namespace candour {
namespace {

TEST(Utf8, ValidityIsCheckedWhereverTheBadByteFalls) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii text longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 and \xF0\x9F\x98\x82 after sixteen ascii bytes"));
  // A stray byte before, inside and after the eight-byte ASCII stretches.
  for (std::size_t at : {0u, 3u, 8u, 15u, 16u, 23u}) {
    std::string text(24, 'a');
    text[at] = '\xFF';
    EXPECT_FALSE(is_valid_utf8(text)) << at;
  }
  EXPECT_FALSE(is_valid_utf8("twelve bytes\xC3"));  // truncated sequence at the end
}

}  // namespace
}  // namespace candour
