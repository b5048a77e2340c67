#include "cli/check_command.h"

#include <gtest/gtest.h>

#include "candour/policy.h"
#include "model/hate_model.h"

namespace candour {
namespace {

class CheckFilterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    policy_ = new Policy;
    ASSERT_TRUE(load_policy({default_policy_dir()}, *policy_).empty());
    std::string error;
    scanner_ = Scanner::build(*policy_, &error).release();
  }
  static void TearDownTestSuite() {
    delete scanner_;
    delete policy_;
  }
  static Policy* policy_;
  static Scanner* scanner_;
};
Policy* CheckFilterTest::policy_ = nullptr;
Scanner* CheckFilterTest::scanner_ = nullptr;

TEST_F(CheckFilterTest, OneLineOutPerLineInWithTheIdCopied) {
  CheckFilter filter(*scanner_, false);
  std::string out;
  filter.process(R"({"id": {"case": 7, "n": [1,2]}, "text": "f*** you bender", "extra": 1})", out);
  filter.process(R"({"id": "b", "text": "Scunthorpe United won"})", out);
  EXPECT_EQ(out.substr(0, out.find('\n')).find(R"({"id":{"case":7,"n":[1,2]},"flagged":true,"severity":3,)"), 0u)
      << out;
  EXPECT_NE(out.find(R"({"id":"b","flagged":false,"severity":0,"findings":[]})"), std::string::npos);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2);
}

TEST_F(CheckFilterTest, ADoubtedFindingSaysSoAndStillFlags) {
  std::string error;
  auto with_model = Scanner::build(*policy_, &error);
  ASSERT_NE(with_model, nullptr) << error;
  auto model = HateModel::load(default_model_dir(), &error);
  ASSERT_NE(model, nullptr) << error;
  with_model->attach_model(std::move(model));
  CheckFilter filter(*with_model, true);
  std::string out;
  filter.process("my nigga you coming to the game tonight or what", out);
  filter.process("f*** you bender", out);
  const std::string first = out.substr(0, out.find('\n')), second = out.substr(out.find('\n') + 1);
  EXPECT_NE(first.find(R"("flagged":true)"), std::string::npos) << first;
  EXPECT_NE(first.find(R"("doubted":true)"), std::string::npos) << first;
  EXPECT_EQ(second.find("doubted"), std::string::npos) << second;
}

TEST_F(CheckFilterTest, BadLinesGetAnErrorAndTheStreamGoesOn) {
  CheckFilter filter(*scanner_, false);
  std::string out;
  filter.process("not json", out);
  filter.process(R"({"id": 3})", out);
  filter.process(R"({"id": 4, "text": 5})", out);
  filter.process("", out);
  filter.process(R"({"id": 5, "text": "grassing is dirty"})", out);
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(out.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 5u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(lines[i].find(R"({"id":null,"error":")"), 0u) << lines[i];
  EXPECT_NE(lines[4].find(R"("category":"anti_reporting")"), std::string::npos);
}

TEST_F(CheckFilterTest, PlainTextModeNumbersLines) {
  CheckFilter filter(*scanner_, true);
  std::string out;
  filter.process("hello", out);
  filter.process("I would happily rape you\r", out);
  EXPECT_EQ(out.find(R"({"id":1,"flagged":false)"), 0u);
  EXPECT_NE(out.find(R"({"id":2,"flagged":true,"severity":4)"), std::string::npos);
}

TEST_F(CheckFilterTest, OnlyProfanityIsFlaggedWithSeverityOne) {
  CheckFilter filter(*scanner_, true);
  std::string out;
  filter.process("oh shit I forgot my notebook", out);
  EXPECT_EQ(out.find(R"({"id":1,"flagged":true,"severity":1,)"), 0u) << out;
}

}  // namespace
}  // namespace candour

namespace candour {
namespace {

std::string run_on(const Scanner& scanner, const std::string& input, bool plain_text, int threads) {
  FILE* in = fmemopen(const_cast<char*>(input.data()), input.size(), "r");
  char* buffer = nullptr;
  std::size_t size = 0;
  FILE* out = open_memstream(&buffer, &size);
  EXPECT_EQ(run_check(scanner, plain_text, in, out, threads), 0);
  std::fclose(in);
  std::fclose(out);
  std::string result(buffer, size);
  std::free(buffer);
  return result;
}

// Several thousand lines, good and bad, span many worker batches: the
// answers must come back complete and in order whatever the thread count.
TEST_F(CheckFilterTest, ThreadsGiveTheSameLinesInTheSameOrder) {
  std::string json, text;
  for (int i = 0; i < 3000; ++i) {
    json += i % 7 == 0 ? "not json\n" : R"({"id": )" + std::to_string(i) + R"(, "text": "message )" + std::to_string(i) +
                                             (i % 5 == 0 ? " you bender" : " see you at six") + "\"}\n";
    text += i % 5 == 0 ? "f*** off\n" : "briefing at six\n";
  }
  const std::string one = run_on(*scanner_, json, false, 1);
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 3000);
  EXPECT_EQ(run_on(*scanner_, json, false, 3), one);
  EXPECT_EQ(run_on(*scanner_, text, true, 2), run_on(*scanner_, text, true, 1));
}

}  // namespace
}  // namespace candour
