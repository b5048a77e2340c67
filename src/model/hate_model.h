// The statistical model: two small fastText classifiers trained by
// `candour train` (docs/model.md) and shipped in models/.
//   hate.ftz    P(hateful) of a message (softmax over hate / not hate)
//   target.ftz  which protected characteristic a hateful message targets
// Both read the normalised message text (text/normalizer.h), exactly as
// training did. A loaded HateModel is immutable and may be shared by threads;
// each thread predicts through its own HateModel::Session.
#pragma once

#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "candour/finding.h"

namespace fasttext {
class FastText;
class Vector;
}

namespace candour {

class HateModel {
 public:
  // How the model's P(hateful) is turned into decisions and confidences;
  // read from `dir`/model.toml and chosen on the dev data (docs/model.md).
  struct Settings {
    // A message that names no protected group gets a model finding at or
    // above this P(hateful).
    double threshold_unnamed = 0.5;
    // A message that names a group needs this much — and, with every group
    // name replaced by "people", still `masked_threshold`: identity words
    // alone are never hate.
    double threshold_named = 0.5;
    double masked_threshold = 0.5;
    // A rule's identity-hate finding on one of the policy's in_group_forms,
    // in a message whose P(hateful) is below this, is kept and shown but
    // doubted: the model reads the words as offensive, not hateful.
    double doubt_below = 0;
    // Calibration: P(the message is hateful) for P(hateful) in bins of 0.1,
    // per kind of evidence, measured on dev (`candour eval --calibrate`).
    enum Evidence { rule, named, unnamed };
    static constexpr int kEvidenceKinds = 3, kBins = 10;
    // Their keys in model.toml, by Evidence.
    static constexpr const char* kCalibrationKeys[kEvidenceKinds] = {"calibration_rule", "calibration_named",
                                                                     "calibration_unnamed"};
    double calibration[kEvidenceKinds][kBins] = {};
    bool calibrated = false;
    double calibrated_confidence(Evidence evidence, double p) const;
  };

  // Loads hate.ftz, target.ftz and model.toml from `dir`. Returns nullptr
  // and sets *error if they cannot be read.
  static std::unique_ptr<HateModel> load(const std::string& dir, std::string* error);
  ~HateModel();

  const Settings& settings() const { return settings_; }
  // --model-threshold: one P(hateful) for messages with or without a group name.
  void set_threshold(double threshold) { settings_.threshold_unnamed = settings_.threshold_named = threshold; }

  struct Prediction {
    double hateful = 0;          // P(hateful)
    Target target = Target::none;
    double target_probability = 0;
  };

  class Session {
   public:
    explicit Session(const HateModel& model);
    ~Session();
    // `normalized` is the normalised message text.
    double hateful(std::string_view normalized);
    Target target(std::string_view normalized, double* probability);

   private:
    void read_words(const fasttext::FastText& classifier, std::string_view normalized);
    const HateModel& model_;
    std::unique_ptr<fasttext::Vector> hidden_;
    std::istringstream stream_;
    std::string line_;
    std::vector<int32_t> words_, labels_;
    std::vector<std::pair<float, int32_t>> predictions_;
  };

 private:
  HateModel();
  std::unique_ptr<fasttext::FastText> hate_;
  // hate.ftz's input rows decoded once from product quantisation (about
  // 10 MB): decoding them per prediction took a quarter of a scan's time.
  std::vector<float> hate_rows_;
  int hate_dim_ = 0;
  std::unique_ptr<fasttext::FastText> target_;
  int32_t hate_label_ = -1;               // index of __label__hate
  Settings settings_;
  std::vector<Target> target_of_label_;   // label index -> target
};

// The folder of the shipped model: $CANDOUR_MODEL_DIR if set, else the
// source tree's models/ (build tree runs), else the installed share/ folder.
std::string default_model_dir();

}  // namespace candour
