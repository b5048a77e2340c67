#include "model/hate_model.h"

#include <gtest/gtest.h>

#include "candour/scanner.h"
#include "text/normalizer.h"

namespace candour {
namespace {

class HateModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    model_ = HateModel::load(default_model_dir(), &error).release();
    ASSERT_NE(model_, nullptr) << error;
    policy_ = new Policy;
    ASSERT_TRUE(load_policy({default_policy_dir()}, *policy_).empty());
    scanner_ = Scanner::build(*policy_, &error).release();
    ASSERT_NE(scanner_, nullptr) << error;
    auto attached = HateModel::load(default_model_dir(), &error);
    scanner_->attach_model(std::move(attached));
  }
  static void TearDownTestSuite() {
    delete scanner_;
    delete policy_;
    delete model_;
  }
  double p(std::string_view text) {
    Normalizer n;
    HateModel::Session session(*model_);
    return session.hateful(n.normalize(text));
  }
  std::vector<Finding> scan(std::string_view text) {
    ScanSession session(*scanner_);
    std::vector<Finding> findings;
    session.scan(text, 0, findings);
    return findings;
  }
  static HateModel* model_;
  static Policy* policy_;
  static Scanner* scanner_;
};
HateModel* HateModelTest::model_ = nullptr;
Policy* HateModelTest::policy_ = nullptr;
Scanner* HateModelTest::scanner_ = nullptr;

TEST_F(HateModelTest, LoadsWithAThresholdAndSeparatesHateFromWorkTalk) {
  EXPECT_GT(model_->threshold(), 0.0);
  EXPECT_LT(model_->threshold(), 1.0);
  EXPECT_GT(p("muslims are a disease and should all be thrown out of this country"), 0.5);
  EXPECT_LT(p("the briefing is at six in the canteen, bring your notebooks"), 0.5);
}

TEST_F(HateModelTest, ModelFindingNamesTargetSpanAndSource) {
  // No listed word or phrase: only the model can flag this.
  const std::string text = "those immigrants are ruining this town and should leave";
  auto findings = scan(text);
  ASSERT_EQ(findings.size(), 1u);
  const Finding* model = &findings[0];
  EXPECT_EQ(model->source, "model");
  EXPECT_EQ(text.substr(model->start, model->end - model->start), model->evidence);
  EXPECT_EQ(model->category, Category::identity_hate);
  EXPECT_NE(model->target, Target::none);
  EXPECT_EQ(model->rule, "model:hate");
  EXPECT_LT(model->start, model->end);
  EXPECT_NE(model->note.find("P(hateful)"), std::string::npos);
}

TEST_F(HateModelTest, GroupNamesAloneAreNeverHate) {
  const char* texts[] = {
      "Muslims in our team are fasting this week", "the jewish community centre needs a visit",
      "Somali community centre meeting at 6", "Eid in the park tomorrow needs a policing plan",
      "I'm gay and proud", "Our new trans colleague starts Monday, please use her name",
      "Black History Month assembly at the school", "Women officers network meeting at 2",
      "He is a wheelchair user, make sure the custody suite is accessible", "He blacks out when he drinks",
  };
  for (const char* text : texts) {
    auto findings = scan(text);
    EXPECT_TRUE(findings.empty()) << text << " flagged: " << findings.front().note;
  }
}

TEST(HateModelLoad, MissingModelIsAClearError) {
  std::string error;
  EXPECT_EQ(HateModel::load("/nonexistent/models", &error), nullptr);
  EXPECT_NE(error.find("--no-model"), std::string::npos);
}

}  // namespace
}  // namespace candour
