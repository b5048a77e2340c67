// The statistical model: small fastText classifiers trained by
// `candour train` (docs/model.md) and shipped in models/.
//   hate.ftz    P(hateful) of a message (softmax over hate / not hate)
//   target.ftz  which protected characteristic a hateful message targets
//   threat.ftz  P(threat | hateful): whether hate threatens harm (optional:
//               a folder trained before it loads, with threats left to the rules)
// All read the normalised message text (text/normalizer.h), exactly as
// training did. A loaded HateModel is immutable and may be shared by threads;
// each thread predicts through its own HateModel::Session.
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "candour/finding.h"
#include "util/string_map.h"

namespace fasttext {
class Vector;
}

namespace candour {

class FtzModel;

class HateModel {
  struct Head;  // a two-label classifier, in hate_model.cc

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
    // threshold_named_by_target: where a target's own threshold is set (not
    // negative), a named-group finding aimed at it needs that instead — so
    // each group's false-positive rate can be held where dev measures it.
    double named_by_target[kTargetCount] = {-1, -1, -1, -1, -1, -1, -1, -1};
    double threshold_named_for(Target target) const {
      double own = named_by_target[static_cast<int>(target)];
      return own >= 0 ? own : threshold_named;
    }
    // The lowest threshold any named-group finding can need.
    double lowest_threshold_named() const {
      double lowest = threshold_named;
      for (double own : named_by_target) lowest = own >= 0 ? std::min(lowest, own) : lowest;
      return lowest;
    }
    // A rule's identity-hate finding on one of the policy's in_group_forms or
    // put_down_forms, in a message whose P(hateful) is below this, is kept
    // and shown but doubted: the model reads the words as offensive, not
    // hateful.
    double doubt_below = 0;
    // Identity hate (a rule's or the model's) in a message whose
    // P(threat | hateful) reaches this also gets a model threat finding.
    // Above 1: off (no threat.ftz, or not tuned).
    double threshold_threat = 2;
    // Calibration: P(the message is hateful) for P(hateful) in bins of 0.1,
    // per kind of evidence, measured on dev (`candour eval --calibrate`).
    // `threat`: P(the hate threatens) for P(threat | hateful), on hateful
    // rows whose source says whether they threaten.
    enum Evidence { rule, named, unnamed, threat };
    static constexpr int kEvidenceKinds = 4, kBins = 10;
    // Their keys in model.toml, by Evidence.
    static constexpr const char* kCalibrationKeys[kEvidenceKinds] = {"calibration_rule", "calibration_named",
                                                                     "calibration_unnamed", "calibration_threat"};
    double calibration[kEvidenceKinds][kBins] = {};
    bool calibrated = false;         // the three hate tables
    bool threat_calibrated = false;  // calibration_threat
    double calibrated_confidence(Evidence evidence, double p) const;
  };

  // Loads hate.ftz, target.ftz and model.toml from `dir`. Returns nullptr
  // and sets *error if they cannot be read.
  static std::unique_ptr<HateModel> load(const std::string& dir, std::string* error);
  ~HateModel();

  const Settings& settings() const { return settings_; }
  // --model-threshold: one P(hateful) for messages with or without a group name.
  void set_threshold(double threshold) {
    settings_.threshold_unnamed = settings_.threshold_named = threshold;
    std::fill(std::begin(settings_.named_by_target), std::end(settings_.named_by_target), -1.0);
  }

  struct Prediction {
    double hateful = 0;          // P(hateful)
    Target target = Target::none;
    double target_probability = 0;
  };

  bool has_threat_head() const { return threat_ != nullptr; }
  // SHA-256 over the hex digests of the folder's files that were loaded
  // (hate.ftz, target.ftz, threat.ftz when present, model.toml, in that
  // order), for the scan's manifest; hashed while loading, off the scan's path.
  const std::string& files_sha256() const { return files_sha256_; }

  class Session {
   public:
    explicit Session(const HateModel& model);
    ~Session();
    // `normalized` is the normalised message text. threatening() returns 0
    // when the model has no threat head.
    double hateful(std::string_view normalized) { return probability(model_.hate_.get(), normalized); }
    double threatening(std::string_view normalized) { return probability(model_.threat_.get(), normalized); }
    Target target(std::string_view normalized, double* probability);
    // hateful() (threatening()) of `normalized` with each of its first
    // `limit` words left out in turn, into `out`, to the bit: the sums over
    // the words before the one left out are shared, not worked out again
    // for each (a model finding's span is the word whose absence lowers P
    // most, which took a prediction per word).
    void hateful_without_each_word(std::string_view normalized, std::size_t limit, std::vector<double>& out) {
      without_each_word(model_.hate_.get(), normalized, limit, out);
    }
    void threatening_without_each_word(std::string_view normalized, std::size_t limit, std::vector<double>& out) {
      without_each_word(model_.threat_.get(), normalized, limit, out);
    }

   private:
    // What fastText's Dictionary::getLine adds to the input for one token
    // (its word and character n-gram rows) and the token's hash, for word
    // n-grams. Kept per token: computing character n-grams was half of
    // every prediction's time, and chats repeat their words.
    struct TokenIds {
      uint32_t hash = 0;
      bool word = false;  // false: a label token, which adds nothing
      std::vector<int32_t> ids;
    };
    using TokenCache = StringMap<TokenIds>;
    // Fills words_ exactly as Dictionary::getLine does for `normalized` + "\n".
    void read_words(const FtzModel& classifier, TokenCache& cache, std::string_view normalized);
    double probability(const Head* head, std::string_view normalized);
    // Calls visit(const TokenIds&) for each token of `normalized`, as getLine reads them.
    template <class Visit>
    void each_token(const FtzModel& classifier, TokenCache& cache, std::string_view normalized, Visit visit);
    static void add_rows(const Head& head, float* hidden, const int32_t* ids, std::size_t count);
    // P from the rows of `count` ids summed in hidden_, as fastText's predict.
    double finish(const Head* head, std::size_t count);
    void without_each_word(const Head* head, std::string_view normalized, std::size_t limit, std::vector<double>& out);
    const HateModel& model_;
    std::unique_ptr<fasttext::Vector> hidden_;
    std::vector<int32_t> words_, hashes_;
    std::vector<float> target_outputs_;
    TokenCache hate_tokens_, threat_tokens_, target_tokens_;
    TokenIds uncached_;  // a token met once a cache is full
    // without_each_word(): each token's ids (its_ids_[starts_[t]..starts_[t + 1]])
    // and hash, whether it is a word, the sums before each word, the rest.
    std::vector<int32_t> its_ids_, rest_, kept_hashes_;
    std::vector<std::size_t> starts_;
    std::vector<uint32_t> token_hashes_;
    std::vector<char> token_words_;
    std::vector<float> before_;
  };

 private:
  HateModel();
  // Loads `dir`/`file`, whose positive label is `label`, and decodes its rows.
  static std::unique_ptr<Head> load_head(const std::string& dir, const char* file, std::string_view label,
                                         std::string* error);
  static void decode_rows(const FtzModel& classifier, std::vector<float>& rows);
  std::unique_ptr<Head> hate_, threat_;  // threat_ may be null
  std::unique_ptr<FtzModel> target_;
  // Its input rows, decoded as the heads' are, by the first target() (a
  // prediction over decoded rows, not quantised ones: `check` of the train
  // and dev texts 7.65 -> 7.01 G instructions).
  mutable std::once_flag target_rows_decoded_;
  mutable std::vector<float> target_rows_;
  Settings settings_;
  std::string files_sha256_;
  std::vector<Target> target_of_label_;   // label index -> target
};

// The folder of the shipped model: $CANDOUR_MODEL_DIR if set, else the
// source tree's models/ (build tree runs), else the installed share/ folder.
std::string default_model_dir();

}  // namespace candour
