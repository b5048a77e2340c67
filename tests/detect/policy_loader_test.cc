#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "candour/policy.h"
#include "candour/scanner.h"

namespace candour {
namespace {
namespace fs = std::filesystem;

class PolicyOverlay : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("candour-policy-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name) << content;
  }
  // The shipped policy with the files written here on top, compiled (null
  // after a reported failure).
  std::unique_ptr<Scanner> overlaid_scanner(Policy& policy) {
    auto errors = load_policy({default_policy_dir(), dir_.string()}, policy);
    if (!errors.empty()) {
      ADD_FAILURE() << errors.front().message;
      return nullptr;
    }
    std::string error;
    auto scanner = Scanner::build(policy, &error);
    if (!scanner) ADD_FAILURE() << error;
    return scanner;
  }
  fs::path dir_;
};

TEST(PolicyLoader, ShippedPolicyLoadsCleanly) {
  Policy policy;
  auto errors = load_policy({default_policy_dir()}, policy);
  ASSERT_TRUE(errors.empty()) << errors.front().message;
  EXPECT_EQ(policy.name, "candour-en");
  EXPECT_EQ(policy.sha256.size(), 64u);
  EXPECT_GT(policy.terms.size(), 20u);
  EXPECT_GT(policy.phrases.size(), 20u);
  ASSERT_NE(policy.mapping(), nullptr);
  EXPECT_EQ(policy.mapping()->standard_titles.size(), 10u);  // the ten police Standards
  EXPECT_TRUE(policy.mappings.count("employer"));
  // Every category maps to at least one standard in both mappings.
  for (const auto& [name, mapping] : policy.mappings) {
    for (int c = 0; c < kCategoryCount; ++c) EXPECT_FALSE(mapping.by_category[c].empty()) << name << " " << c;
  }
}

TEST_F(PolicyOverlay, LocalTermsAreAddedAndShippedOnesCanBeDisabled) {
  write("local.toml", R"(
[[term]]
id = "local/nickname"
category = "bullying"
severity = 2
forms = ["Captain Useless"]
note = "Nickname used to belittle a colleague."

[[term]]
id = "homophobic-slur/bender"
disabled = true
)");
  Policy policy;
  auto scanner = overlaid_scanner(policy);
  ASSERT_NE(scanner, nullptr);
  ScanSession session(*scanner);
  std::vector<Finding> findings;
  session.scan("morning captain useless", 0, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "lexicon:local/nickname");
  session.scan("you bender", 0, findings);
  EXPECT_TRUE(findings.empty());
}

TEST_F(PolicyOverlay, DoubtableFormsMustBeFormsOfTheTerm) {
  write("local.toml", R"(
[[term]]
id = "local/slur"
category = "identity_hate"
target = "race"
severity = 3
forms = ["abc", "abcs", "abcish"]
in_group_forms = ["abcs", "xyz"]
put_down_forms = ["abcish", "abcy"]
note = "test"
)");
  Policy policy;
  auto errors = load_policy({default_policy_dir(), dir_.string()}, policy);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].message.find("in_group_forms"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[1].message.find("put_down_forms"), std::string::npos) << errors[1].message;
  EXPECT_NE(errors[0].where.file.find("local.toml"), std::string::npos);
  const TermRule& term = policy.terms.back();
  ASSERT_EQ(term.id, "local/slur");
  EXPECT_EQ(term.in_group_forms, std::vector<std::string>{"abcs"});
  EXPECT_EQ(term.put_down_forms, std::vector<std::string>{"abcish"});
}

TEST_F(PolicyOverlay, ErrorsNameFileAndLine) {
  write("bad.toml", R"(
[[term]]
id = "x"
category = "rudeness"
severity = 7
forms = ["x"]
)");
  Policy policy;
  auto errors = load_policy({default_policy_dir(), dir_.string()}, policy);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].where.file.find("bad.toml"), std::string::npos);
  EXPECT_EQ(errors[0].where.line, 2);
  EXPECT_NE(errors[0].message.find("category must be one of"), std::string::npos);
  EXPECT_NE(errors[1].message.find("severity must be an integer from 1 to 4"), std::string::npos);
}

TEST_F(PolicyOverlay, IdentityHateNeedsATargetAndSyntaxErrorsAreReported) {
  write("a.toml", "[[term]]\nid = \"y\"\ncategory = \"identity_hate\"\nseverity = 3\nforms = [\"y\"]\n");
  write("b.toml", "[[term]\nid = ");
  Policy policy;
  auto errors = load_policy({default_policy_dir(), dir_.string()}, policy);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].message.find("needs a target"), std::string::npos);
  EXPECT_NE(errors[1].where.file.find("b.toml"), std::string::npos);
  EXPECT_EQ(errors[1].where.line, 1);
}

TEST_F(PolicyOverlay, UnknownFieldsAndClassesAreErrors) {
  write("c.toml", R"(
[[phrase]]
id = "p"
category = "threat"
severity = 4
pattern = "{no_such_class} you"

[[phrase]]
id = "q"
category = "threat"
severity = 4
pattern = "you"
colour = "red"
)");
  Policy policy;
  auto errors = load_policy({default_policy_dir(), dir_.string()}, policy);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].message.find("unknown field 'colour'"), std::string::npos);
  EXPECT_EQ(errors[0].where.line, 13);
  EXPECT_NE(errors[1].message.find("unknown word class {no_such_class}"), std::string::npos);
  EXPECT_EQ(errors[1].where.line, 2);
}

// A phrase of one token is found by its spellings as literals (scanner.cc,
// add_pattern): as a pattern would be, as whole words only, the longest
// spelling kept where two end together; and, unlike a pattern (whose match
// starts leftmost), a shorter spelling where the longer is inside a word.
TEST_F(PolicyOverlay, OneTokenPhrasesAreFoundByTheirSpellings) {
  write("local.toml", R"(
[classes]
grim_remark = ["so grim", "thats so grim"]

[[phrase]]
id = "local/grim"
category = "bullying"
severity = 2
pattern = "{grim_remark}"
)");
  Policy policy;
  auto scanner = overlaid_scanner(policy);
  ASSERT_NE(scanner, nullptr);
  auto evidence = [&](std::string_view text) {
    std::vector<Finding> findings;
    ScanSession(*scanner).scan(text, 0, findings);
    std::vector<std::string> found;
    for (const auto& f : findings) {
      if (f.rule == "pattern:local/grim") found.push_back(f.evidence);
    }
    return found;
  };
  EXPECT_EQ(evidence("well thats so grim mate"), std::vector<std::string>{"thats so grim"});
  EXPECT_EQ(evidence("SO   Grim."), std::vector<std::string>{"SO   Grim"});
  EXPECT_EQ(evidence("whatthats so grim"), std::vector<std::string>{"so grim"});
  EXPECT_TRUE(evidence("so grimace").empty());
  EXPECT_TRUE(evidence("also grim").empty());
}

TEST_F(PolicyOverlay, CompiledPolicyIsCachedAndTheCacheGivesTheSameFindings) {
  setenv("CANDOUR_CACHE_DIR", dir_.string().c_str(), 1);
  Policy policy;
  ASSERT_TRUE(load_policy({default_policy_dir()}, policy).empty());
  std::string error;
  std::vector<Finding> first, second;
  {
    auto scanner = Scanner::build(policy, &error);  // compiles and stores
    ASSERT_NE(scanner, nullptr) << error;
    ScanSession(*scanner).scan("f*** you bender", 0, first);
  }
  int cached = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) cached += entry.path().extension() == ".hsdb";
  EXPECT_EQ(cached, 3);  // the main database, the phrase check, and the phrases with start of match
  {
    auto scanner = Scanner::build(policy, &error);  // loads from the cache
    ASSERT_NE(scanner, nullptr) << error;
    ScanSession(*scanner).scan("f*** you bender", 0, second);
  }
  unsetenv("CANDOUR_CACHE_DIR");
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].rule, second[i].rule);
}

TEST_F(PolicyOverlay, TheCacheKeepsOnlyTheMostRecentlyUsedEntries) {
  setenv("CANDOUR_CACHE_DIR", dir_.string().c_str(), 1);
  // Thirty entries of earlier policies, oldest first, and a file of someone else's.
  const auto now = fs::file_time_type::clock::now();
  for (int i = 0; i < 30; ++i) {
    fs::path old = dir_ / ("policy-old" + std::to_string(i) + ".hsdb");
    std::ofstream(old) << "stale";
    fs::last_write_time(old, now - std::chrono::hours(100 - i));
  }
  std::ofstream(dir_ / "notes.txt") << "not ours";
  Policy policy;
  ASSERT_TRUE(load_policy({default_policy_dir()}, policy).empty());
  std::string error;
  ASSERT_NE(Scanner::build(policy, &error), nullptr) << error;  // compiles, stores, prunes
  unsetenv("CANDOUR_CACHE_DIR");
  int entries = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) entries += entry.path().extension() == ".hsdb";
  EXPECT_EQ(entries, 24);
  EXPECT_TRUE(fs::exists(dir_ / "notes.txt"));
  EXPECT_TRUE(fs::exists(dir_ / "policy-old29.hsdb"));  // the newest old ones stay
  EXPECT_FALSE(fs::exists(dir_ / "policy-old0.hsdb"));
}

TEST(PolicyLoader, MissingFolderIsAnError) {
  Policy policy;
  auto errors = load_policy({"/nonexistent/candour-policy"}, policy);
  ASSERT_FALSE(errors.empty());
}

}  // namespace
}  // namespace candour
