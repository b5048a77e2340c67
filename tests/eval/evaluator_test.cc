#include "eval/evaluator.h"
#include "model/hate_model.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace candour {
namespace {

// The shipped policy, rules only, and our small labelled fixture.
class RulesOnly : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(load_policy({default_policy_dir()}, policy_).empty());
    std::string error;
    scanner_ = Scanner::build(policy_, &error);
    ASSERT_NE(scanner_, nullptr) << error;
  }
  const std::string labelled_ = std::string(CANDOUR_FIXTURES_DIR) + "/eval/labelled.jsonl";
  Policy policy_;
  std::unique_ptr<Scanner> scanner_;
};

TEST_F(RulesOnly, ScoresOnlyLabelsThatArePresent) {
  std::string error;
  Evaluator evaluator(*scanner_);
  ASSERT_TRUE(evaluator.add_file(labelled_, &error));
  const EvalResult& r = evaluator.result();
  EXPECT_EQ(r.rows, 6u);
  EXPECT_EQ(r.bad_rows, 1u);
  // hateful: a (TP), b (TN), c (FN: no listed words), e (TN); d is null and not scored.
  EXPECT_EQ(r.hateful.tp, 1u);
  EXPECT_EQ(r.hateful.fn, 1u);
  EXPECT_EQ(r.hateful.tn, 2u);
  EXPECT_EQ(r.hateful.fp, 0u);
  // abusive: a, d (TP), c (FN), b (TN), e (FP: profanity on a row labelled clean).
  EXPECT_EQ(r.abusive.tp, 2u);
  EXPECT_EQ(r.abusive.fn, 1u);
  EXPECT_EQ(r.abusive.fp, 1u);
  EXPECT_EQ(r.category_labelled[static_cast<int>(Category::threat)], 1u);
  EXPECT_EQ(r.category_found[static_cast<int>(Category::threat)], 1u);
  EXPECT_EQ(r.category_on_clean[static_cast<int>(Category::profanity)], 1u);
  EXPECT_EQ(r.target_labelled[static_cast<int>(Target::sexual_orientation)], 1u);
  EXPECT_EQ(r.target_found[static_cast<int>(Target::sexual_orientation)], 1u);
  EXPECT_EQ(r.not_hateful_rows, 2u);
  EXPECT_NEAR(r.hateful.precision(), 1.0, 1e-9);
  EXPECT_NEAR(r.hateful.recall(), 0.5, 1e-9);
  EXPECT_NE(format_eval(r).find("hateful"), std::string::npos);
  EXPECT_NE(eval_json(r).find("\"abusive\""), std::string::npos);
}

TEST_F(RulesOnly, AFileLabelledForAbuseOnlyIsListedByFile) {
  // Like Toxic Spans: abusive labelled, hateful null throughout.
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("candour-abuse-only-" + std::to_string(::getpid()) + ".jsonl");
  std::ofstream(file) << R"({"text": "you absolute bellend", "hateful": null, "abusive": 1})" << '\n';
  std::string error;
  Evaluator evaluator(*scanner_);
  ASSERT_TRUE(evaluator.add_file(file.string(), &error)) << error;
  fs::remove(file);
  const std::string json = eval_json(evaluator.result());
  const std::string key = "\"" + file.filename().string() + "\":{\"abusive\"";
  EXPECT_NE(json.find(key), std::string::npos) << json;
}

TEST_F(RulesOnly, ThreatIsScoredOnlyWhereTheSourceTypesHate) {
  // EDOS-like rows type every hateful row (orig.label_category); a row with
  // no type says nothing about threats and is not scored.
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("candour-typed-" + std::to_string(::getpid()) + ".jsonl");
  std::ofstream(file)
      << R"({"text": "Muslims should be rounded up and shot.", "hateful": 1, "categories": ["identity_hate", "threat"], "orig": {"label_category": "1. threats"}})"
      << '\n'
      << R"({"text": "Muslims are vermin.", "hateful": 1, "categories": ["identity_hate"], "orig": {"label_category": "2. derogation"}})"
      << '\n'
      << R"({"text": "Muslims are vermin and should be shot.", "hateful": 1, "categories": ["identity_hate"]})" << '\n';
  std::string error;
  Evaluator evaluator(*scanner_);
  ASSERT_TRUE(evaluator.add_file(file.string(), &error)) << error;
  fs::remove(file);
  const BinaryCounts& threat = evaluator.result().threat_where_typed;
  EXPECT_EQ(threat.scored(), 2u);
  EXPECT_EQ(threat.tp, 1u);
  EXPECT_EQ(threat.tn, 1u);
}

TEST_F(RulesOnly, MistakesListEveryWrongRowWithItsFindings) {
  std::string error;
  Evaluator evaluator(*scanner_);
  evaluator.keep_mistakes(true);
  ASSERT_TRUE(evaluator.add_file(labelled_, &error));
  // Only c is wrong on hateful (a false negative): one line, naming it.
  const std::string& mistakes = evaluator.mistakes();
  EXPECT_EQ(std::count(mistakes.begin(), mistakes.end(), '\n'), 1);
  EXPECT_NE(mistakes.find("\"id\":\"c\""), std::string::npos) << mistakes;
  EXPECT_NE(mistakes.find("\"hateful\":1"), std::string::npos) << mistakes;
  EXPECT_NE(mistakes.find("\"findings\":[]"), std::string::npos) << mistakes;
  Evaluator quiet(*scanner_);
  ASSERT_TRUE(quiet.add_file(labelled_, &error));
  EXPECT_TRUE(quiet.mistakes().empty());  // only when asked
}

}  // namespace
}  // namespace candour

namespace candour {
namespace {

// Our functional test suite (tests/fixtures/functional, written from our own
// templates in the style of published hate-speech functional tests): every
// functionality must stay at 80% or better, with the shipped model on.
TEST(Evaluator, CalibrationTablesNeverFallAndAreSmoothed) {
  EvalResult result;
  // Rule evidence: a sparse, out-of-order bin (0 of 1 at 0.9) among rising ones.
  for (int b = 0; b < EvalResult::kBins; ++b) result.calibration[0][b] = {uint64_t(b * 10), 100};
  result.calibration[0][9] = {0, 1};
  std::string toml = calibration_toml(result);
  auto start = toml.find("calibration_rule = [");
  ASSERT_NE(start, std::string::npos) << toml;
  std::vector<double> values;
  std::istringstream in(toml.substr(start + 20));
  for (double v; in >> v;) {
    values.push_back(v);
    if (in.peek() == ',') in.get();
    else break;
  }
  ASSERT_EQ(values.size(), 10u) << toml;
  for (std::size_t i = 1; i < values.size(); ++i) EXPECT_LE(values[i - 1], values[i]) << toml;
  EXPECT_GT(values[9], 0.0);  // one row never claims 0%
  EXPECT_NE(toml.find("calibration_named = ["), std::string::npos);
  EXPECT_NE(toml.find("calibration_unnamed = ["), std::string::npos);
}

TEST(FunctionalSuite, EveryFunctionalityReachesEightyPercent) {
  Policy policy;
  ASSERT_TRUE(load_policy({default_policy_dir()}, policy).empty());
  std::string error;
  auto scanner = Scanner::build(policy, &error);
  ASSERT_NE(scanner, nullptr) << error;
  auto model = HateModel::load(default_model_dir(), &error);
  ASSERT_NE(model, nullptr) << error;
  scanner->attach_model(std::move(model));
  Evaluator evaluator(*scanner);
  ASSERT_TRUE(evaluator.add_file(std::string(CANDOUR_FIXTURES_DIR) + "/functional/functional.jsonl", &error));
  const auto& functionality = evaluator.result().functionality;
  EXPECT_GE(functionality.size(), 24u);
  for (const auto& [name, counts] : functionality) {
    EXPECT_GE(counts.second, 20u) << name;
    EXPECT_GE(100 * counts.first, 80 * counts.second) << name << ": " << counts.first << " of " << counts.second;
  }
}

}  // namespace
}  // namespace candour
