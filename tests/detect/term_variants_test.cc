#include "detect/term_variants.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "candour/policy.h"

namespace candour {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(TermVariants, SwapsAndDropsInnerLettersOfLongWordsOnly) {
  auto v = typo_variants("faggots");
  EXPECT_TRUE(contains(v, "fagots"));   // dropped letter
  EXPECT_TRUE(contains(v, "fagogts"));  // swapped neighbours
  EXPECT_FALSE(contains(v, "aggots"));  // the first letter is kept
  EXPECT_TRUE(typo_variants("cunts").empty());   // short words get none
  EXPECT_TRUE(contains(typo_variants("bender"), "bener"));
  EXPECT_TRUE(typo_variants("poofs").empty());
  EXPECT_TRUE(typo_variants("shirt lifter").empty());
}

TEST(TermVariants, JoinedForm) {
  EXPECT_EQ(joined_form("shirt lifter"), "shirtlifter");
  EXPECT_EQ(joined_form("bender"), "");
}

// With a system word list present (Debian: wbritish), no generated
// misspelling may be an ordinary English word unless ordinary_words lists it.
TEST(TermVariants, NoMisspellingIsAnOrdinaryWord) {
  std::ifstream dictionary("/usr/share/dict/british-english");
  if (!dictionary) GTEST_SKIP() << "no /usr/share/dict/british-english (package wbritish)";
  std::set<std::string> words;
  for (std::string w; std::getline(dictionary, w);) {
    std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
    words.insert(w);
  }
  Policy policy;
  ASSERT_TRUE(load_policy({default_policy_dir()}, policy).empty());
  // As in the scanner: listed spellings and ordinary words are never generated as misspellings.
  std::set<std::string> excluded(policy.ordinary_words.begin(), policy.ordinary_words.end());
  for (const auto& term : policy.terms) excluded.insert(term.forms.begin(), term.forms.end());
  for (const auto& term : policy.terms) {
    if (!term.typos) continue;
    for (const auto& form : term.forms) {
      std::vector<std::string> variants = typo_variants(form);
      for (auto& v : typo_variants(joined_form(form))) variants.push_back(v);
      for (const auto& variant : variants) {
        EXPECT_FALSE(words.count(variant) && !excluded.count(variant))
            << term.id << ": misspelling '" << variant << "' of '" << form
            << "' is an English word; add it to policy/ordinary_words.toml";
      }
    }
  }
}

}  // namespace
}  // namespace candour
