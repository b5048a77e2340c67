#include "detect/disguise_views.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

TEST(DisguiseSigns, AnOrdinaryMessageShowsNone) {
  DisguiseSigns s = disguise_signs("meeting moved to the blue room, bring the rota");
  EXPECT_FALSE(s.leet || s.spaced || s.elongated || s.masked);
}

TEST(DisguiseSigns, EachDisguiseIsSeen) {
  EXPECT_TRUE(disguise_signs("you absolute p4ki").leet);
  EXPECT_TRUE(disguise_signs("see you at 10").leet);  // a sign only: the leet view itself leaves numbers alone
  EXPECT_TRUE(disguise_signs("what a f***").masked);
  EXPECT_TRUE(disguise_signs("#shift").masked);
  EXPECT_TRUE(disguise_signs("fuuuck off").elongated);
  EXPECT_FALSE(disguise_signs("good coffee").elongated);  // doubled letters are ordinary
  EXPECT_FALSE(disguise_signs("!!! 111").elongated);     // only letters elongate
}

TEST(DisguiseSigns, ThreeSingleCharacterWordsInARowAreSpacing) {
  EXPECT_TRUE(disguise_signs("f u c k").spaced);
  EXPECT_TRUE(disguise_signs("you are a f a g").spaced);
  EXPECT_TRUE(disguise_signs("x y z").spaced);  // the run ends the text
  EXPECT_FALSE(disguise_signs("a b").spaced);
  EXPECT_FALSE(disguise_signs("a b cd e f").spaced);  // a longer word breaks the run
  EXPECT_FALSE(disguise_signs("").spaced);
}

}  // namespace
}  // namespace candour
