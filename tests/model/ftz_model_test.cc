#include "model/ftz_model.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

#include "model/hate_model.h"

namespace candour {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class FtzModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("candour-ftz-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, std::string_view bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
  }
  fs::path dir_;
};

TEST_F(FtzModelTest, ReadsTheShippedModels) {
  std::string error;
  for (const char* name : {"hate.ftz", "threat.ftz", "target.ftz"}) {
    auto model = FtzModel::load(default_model_dir() + "/" + name, &error);
    ASSERT_NE(model, nullptr) << name << ": " << error;
    EXPECT_GT(model->dim(), 0);
    EXPECT_GE(model->label_count(), 2);
    EXPECT_EQ(model->label(0).rfind("__label__", 0), 0u) << name;
    EXPECT_GT(model->input_rows(), 0);
    EXPECT_EQ(model->output().size(0), model->label_count());
  }
}

TEST_F(FtzModelTest, KnownWordsAddTheirRowThenCharacterNgramsAndLabelsAddNothing) {
  std::string error;
  auto model = FtzModel::load(default_model_dir() + "/hate.ftz", &error);
  ASSERT_NE(model, nullptr) << error;
  uint32_t hash = 0;
  std::vector<int32_t> rows;
  EXPECT_FALSE(model->token_rows("__label__hate", &hash, rows));
  EXPECT_TRUE(rows.empty());
  EXPECT_TRUE(model->token_rows("</s>", &hash, rows));  // the end of a line: its own row, no n-grams
  EXPECT_EQ(rows.size(), 1u);
  rows.clear();
  EXPECT_TRUE(model->token_rows("qqqzzzxxq", &hash, rows));  // unknown: character n-grams only
  for (int32_t row : rows) EXPECT_LT(row, model->input_rows());
  // The same text gives the same rows and hash every time.
  std::vector<int32_t> again;
  uint32_t hash_again = 0;
  model->token_rows("qqqzzzxxq", &hash_again, again);
  EXPECT_EQ(rows, again);
  EXPECT_EQ(hash, hash_again);
}

TEST_F(FtzModelTest, ATruncatedOrForeignFileIsAClearErrorNotACrash) {
  const std::string good = read_bytes(default_model_dir() + "/hate.ftz");
  ASSERT_GT(good.size(), 1000u);
  std::vector<std::size_t> cuts = {0, 3, 4, 8, 20, 40, 60, 100, 200, good.size() - 1};
  for (std::size_t i = 1; i < 40; ++i) cuts.push_back(good.size() * i / 40);
  for (std::size_t cut : cuts) {
    std::string error;
    const std::string path = write("cut.ftz", std::string_view(good).substr(0, cut));
    EXPECT_EQ(FtzModel::load(path, &error), nullptr) << "cut at " << cut;
    EXPECT_NE(error.find("cannot load model"), std::string::npos) << error;
  }
  // Every 4-byte field of the header and dictionary set to huge or negative values.
  for (std::size_t at = 8; at < 200; at += 4) {
    for (uint32_t value : {0xFFFFFFFFu, 0x7FFFFFFFu, 0x40000000u}) {
      std::string bad = good;
      std::memcpy(bad.data() + at, &value, sizeof value);
      std::string error;
      auto model = FtzModel::load(write("bad.ftz", bad), &error);
      if (!model) {
        EXPECT_NE(error.find("cannot load model"), std::string::npos) << error;
      }
    }
  }
  std::string error;
  EXPECT_EQ(FtzModel::load(write("text.ftz", "hate_threshold = 0.5\n"), &error), nullptr);
  EXPECT_NE(error.find("not a fastText model"), std::string::npos) << error;
  EXPECT_EQ(FtzModel::load(write("tail.ftz", good + "extra"), &error), nullptr);
  EXPECT_EQ(FtzModel::load((dir_ / "absent.ftz").string(), &error), nullptr);
}

TEST_F(FtzModelTest, ACorruptModelFolderFailsToLoadWithTheFileNamed) {
  for (const char* file : {"hate.ftz", "target.ftz", "threat.ftz", "model.toml"}) {
    fs::copy_file(fs::path(default_model_dir()) / file, dir_ / file);
  }
  const std::string target = read_bytes((dir_ / "target.ftz").string());
  write("target.ftz", std::string_view(target).substr(0, target.size() / 2));
  std::string error;
  EXPECT_EQ(HateModel::load(dir_.string(), &error), nullptr);
  EXPECT_NE(error.find("target.ftz"), std::string::npos) << error;
}

}  // namespace
}  // namespace candour
