#include "model/trainer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "model/hate_model.h"

namespace candour {
namespace {
namespace fs = std::filesystem;

// Trains on a few rows written for this test (not the shared data): the
// result must be a model folder that loads, with a threshold.
TEST(Trainer, TrainsAModelFolderThatLoads) {
  fs::path dir = fs::temp_directory_path() / ("candour-train-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  {
    std::ofstream rows(dir / "data" / "tiny.jsonl");
    for (int i = 0; i < 20; ++i) {
      rows << R"({"text": "immigrants are vermin and should leave", "hateful": 1, "targets": ["race"]})" << '\n'
           << R"({"text": "women are objects to be owned", "hateful": 1, "targets": ["sex"]})" << '\n'
           << R"({"text": "the briefing is at nine in the canteen", "hateful": 0})" << '\n'
           << R"({"text": "no label on this one", "hateful": null})" << '\n';
    }
  }
  // Hateful rows whose source types them (EDOS's label_category here): the threat head.
  std::ofstream(dir / "data" / "typed.jsonl")
      << R"({"text": "we will burn their homes down", "hateful": 1, "categories": ["identity_hate", "threat"], "orig": {"label_category": "1. threats"}})"
      << '\n'
      << R"({"text": "women are too emotional to lead", "hateful": 1, "categories": ["identity_hate"], "orig": {"label_category": "2. derogation"}})"
      << '\n'
      << R"({"text": "they are all criminals", "hateful": 1, "categories": ["identity_hate"], "orig": {"class": "explicit_hate"}})"
      << '\n';
  TrainOptions options;
  options.data_dir = (dir / "data").string();
  options.out_dir = (dir / "model").string();
  options.epochs = 2;
  options.buckets = 2000;  // small, so the test is quick
  TrainReport report;
  std::string error;
  ASSERT_TRUE(train_models(options, &report, &error)) << error;
  EXPECT_EQ(report.hate_rows, 63u);
  EXPECT_EQ(report.hateful_rows, 43u);
  EXPECT_EQ(report.skipped_rows, 20u);  // hateful: null is not a negative
  // Untyped hateful rows (the tiny file; explicit_hate without a stage-2 class) say nothing about threats.
  EXPECT_EQ(report.threat_rows, 2u);
  EXPECT_EQ(report.threatening_rows, 1u);
  auto model = HateModel::load(options.out_dir, &error);
  ASSERT_NE(model, nullptr) << error;
  EXPECT_TRUE(model->has_threat_head());
  EXPECT_DOUBLE_EQ(model->settings().threshold_named, 0.5);
  EXPECT_GT(model->settings().threshold_threat, 1);  // off until tuned on dev
  EXPECT_FALSE(model->settings().calibrated);  // until measured on dev
  // Without typed rows there is no threat head, and none is left from before.
  fs::remove(dir / "data" / "typed.jsonl");
  TrainReport again;
  ASSERT_TRUE(train_models(options, &again, &error)) << error;
  EXPECT_FALSE(fs::exists(dir / "model" / "threat.ftz"));
  model = HateModel::load(options.out_dir, &error);
  ASSERT_NE(model, nullptr) << error;
  EXPECT_FALSE(model->has_threat_head());
  fs::remove_all(dir);
}

TEST(Trainer, RefusesADevFolder) {
  fs::path dir = fs::temp_directory_path() / ("candour-dev-check-" + std::to_string(::getpid())) / "dev";
  fs::create_directories(dir);
  std::ofstream(dir / "x.jsonl") << R"({"text": "x", "hateful": 0})" << '\n';
  TrainOptions options;
  options.data_dir = dir.string() + "/";
  options.out_dir = (dir.parent_path() / "model").string();
  TrainReport report;
  std::string error;
  EXPECT_FALSE(train_models(options, &report, &error));
  EXPECT_NE(error.find("refusing to train on a dev folder"), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(options.out_dir));
  fs::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace candour
