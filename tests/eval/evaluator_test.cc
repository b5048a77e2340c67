#include "eval/evaluator.h"
#include "model/hate_model.h"

#include <gtest/gtest.h>

namespace candour {
namespace {

TEST(Evaluator, ScoresOnlyLabelsThatArePresent) {
  Policy policy;
  ASSERT_TRUE(load_policy({default_policy_dir()}, policy).empty());
  std::string error;
  auto scanner = Scanner::build(policy, &error);
  ASSERT_NE(scanner, nullptr);
  Evaluator evaluator(*scanner);
  ASSERT_TRUE(evaluator.add_file(std::string(CANDOUR_FIXTURES_DIR) + "/eval/labelled.jsonl", &error));
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

}  // namespace
}  // namespace candour

namespace candour {
namespace {

// Our functional test suite (tests/fixtures/functional, written from our own
// templates in the style of published hate-speech functional tests): every
// functionality must stay at 80% or better, with the shipped model on.
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
