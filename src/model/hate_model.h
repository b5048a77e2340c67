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
}

namespace candour {

class HateModel {
 public:
  // Loads hate.ftz and target.ftz from `dir`. Returns nullptr and sets
  // *error if they cannot be read.
  // The decision threshold on P(hateful) comes from `dir`/model.toml
  // (hate_threshold), chosen on the dev data (docs/model.md).
  static std::unique_ptr<HateModel> load(const std::string& dir, std::string* error);
  ~HateModel();

  double threshold() const { return threshold_; }
  void set_threshold(double threshold) { threshold_ = threshold; }

  struct Prediction {
    double hateful = 0;          // P(hateful)
    Target target = Target::none;
    double target_probability = 0;
  };

  class Session {
   public:
    explicit Session(const HateModel& model) : model_(model) {}
    // `normalized` is the normalised message text.
    double hateful(std::string_view normalized);
    Target target(std::string_view normalized, double* probability);

   private:
    void read_words(const fasttext::FastText& classifier, std::string_view normalized);
    const HateModel& model_;
    std::istringstream stream_;
    std::string line_;
    std::vector<int32_t> words_, labels_;
    std::vector<std::pair<float, int32_t>> predictions_;
  };

 private:
  HateModel();
  std::unique_ptr<fasttext::FastText> hate_;
  std::unique_ptr<fasttext::FastText> target_;
  int32_t hate_label_ = -1;               // index of __label__hate
  double threshold_ = 0.5;
  std::vector<Target> target_of_label_;   // label index -> target
};

// The folder of the shipped model: $CANDOUR_MODEL_DIR if set, else the
// source tree's models/ (build tree runs), else the installed share/ folder.
std::string default_model_dir();

}  // namespace candour
