#include "model/hate_model.h"

#include <fasttext/fasttext.h>
#include <fasttext/matrix.h>
#include <fasttext/vector.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

namespace candour {
namespace fs = std::filesystem;

std::string default_model_dir() {
  if (const char* env = std::getenv("CANDOUR_MODEL_DIR"); env && *env) return env;
  std::error_code ec;
  if (fs::exists(fs::path(CANDOUR_MODEL_DIR) / "hate.ftz", ec)) return CANDOUR_MODEL_DIR;
  return CANDOUR_INSTALLED_MODEL_DIR;
}

namespace {

constexpr int kMaxLabels = 8;  // hate.ftz has two: hate, nothate

// Gives access to a loaded model's matrices (protected in fasttext::FastText).
class OpenFastText : public fasttext::FastText {
 public:
  const fasttext::Matrix& input() const { return *input_; }
  const fasttext::Matrix& output() const { return *output_; }
  int dim() const { return args_->dim; }
};

bool read_settings(const std::string& path, HateModel::Settings& settings, std::string* error) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    *error = "cannot read " + path + ": " + std::string(e.description());
    return false;
  }
  auto probability = [&](const char* key, double* value, bool required) {
    auto read = table[key].value<double>();
    if (!read) {
      if (required) *error = path + ": needs " + key + ", a number between 0 and 1";
      return !required;
    }
    if (*read < 0 || *read > 1) {
      *error = path + ": " + key + " must be between 0 and 1";
      return false;
    }
    *value = *read;
    return true;
  };
  // A model folder written before 2026-11-29 has one hate_threshold for all.
  if (table["hate_threshold"] && !table["threshold_named"] && !table["threshold_unnamed"]) {
    if (!probability("hate_threshold", &settings.threshold_named, true)) return false;
    settings.threshold_unnamed = settings.masked_threshold = settings.threshold_named;
    return true;
  }
  if (!probability("threshold_unnamed", &settings.threshold_unnamed, true) ||
      !probability("threshold_named", &settings.threshold_named, true) ||
      !probability("masked_threshold", &settings.masked_threshold, true) ||
      !probability("doubt_below", &settings.doubt_below, false)) {
    return false;
  }
  const auto& keys = HateModel::Settings::kCalibrationKeys;
  int present = 0;
  for (int kind = 0; kind < HateModel::Settings::kEvidenceKinds; ++kind) {
    const toml::array* bins = table[keys[kind]].as_array();
    if (!bins) continue;
    ++present;
    if (bins->size() != HateModel::Settings::kBins) {
      *error = path + ": " + keys[kind] + " needs " + std::to_string(HateModel::Settings::kBins) + " numbers";
      return false;
    }
    for (int b = 0; b < HateModel::Settings::kBins; ++b) {
      auto value = (*bins)[b].value<double>();
      if (!value || *value < 0 || *value > 1) {
        *error = path + ": " + keys[kind] + " holds numbers between 0 and 1";
        return false;
      }
      settings.calibration[kind][b] = *value;
    }
  }
  if (present != 0 && present != HateModel::Settings::kEvidenceKinds) {
    *error = path + ": give all of calibration_rule, calibration_named and calibration_unnamed, or none";
    return false;
  }
  settings.calibrated = present == HateModel::Settings::kEvidenceKinds;
  return true;
}

}  // namespace

double HateModel::Settings::calibrated_confidence(Evidence evidence, double p) const {
  if (!calibrated) return p;
  int bin = std::clamp(static_cast<int>(p * kBins), 0, kBins - 1);
  return calibration[evidence][bin];
}

HateModel::HateModel() = default;
HateModel::~HateModel() = default;

std::unique_ptr<HateModel> HateModel::load(const std::string& dir, std::string* error) {
  std::unique_ptr<HateModel> model(new HateModel());
  model->hate_ = std::make_unique<OpenFastText>();
  model->target_ = std::make_unique<fasttext::FastText>();
  for (auto [file, classifier] : {std::pair{"hate.ftz", model->hate_.get()}, std::pair{"target.ftz", model->target_.get()}}) {
    std::string path = (fs::path(dir) / file).string();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      *error = "model file " + path + " not found (train it with `candour train`, or run with --no-model)";
      return nullptr;
    }
    try {
      classifier->loadModel(path);
    } catch (const std::exception& e) {
      *error = "cannot load model " + path + ": " + e.what();
      return nullptr;
    }
  }
  auto hate_dict = model->hate_->getDictionary();
  for (int32_t i = 0; i < hate_dict->nlabels(); ++i) {
    if (hate_dict->getLabel(i) == "__label__hate") model->hate_label_ = i;
  }
  auto target_dict = model->target_->getDictionary();
  for (int32_t i = 0; i < target_dict->nlabels(); ++i) {
    std::string label = target_dict->getLabel(i);
    auto target = parse_target(label.substr(std::string_view("__label__").size()));
    model->target_of_label_.push_back(target.value_or(Target::none));
  }
  std::string settings_path = (fs::path(dir) / "model.toml").string();
  if (!read_settings(settings_path, model->settings_, error)) return nullptr;
  {
    // Decode each input row as fastText would add it to the hidden vector
    // (0 + norm * centroid, in float), so predictions stay bit-identical.
    const auto& open = static_cast<const OpenFastText&>(*model->hate_);
    const fasttext::Matrix& input = open.input();
    model->hate_dim_ = open.dim();
    const int64_t rows = input.size(0);
    model->hate_rows_.resize(static_cast<std::size_t>(rows) * model->hate_dim_);
    fasttext::Vector row(model->hate_dim_);
    for (int64_t i = 0; i < rows; ++i) {
      row.zero();
      input.addRowToVector(row, static_cast<int32_t>(i));
      std::copy(row.data(), row.data() + model->hate_dim_, model->hate_rows_.begin() + i * model->hate_dim_);
    }
  }
  if (model->hate_label_ < 0 || hate_dict->nlabels() > kMaxLabels) {
    *error = "model " + dir + "/hate.ftz needs __label__hate and at most " + std::to_string(kMaxLabels) + " labels";
    return nullptr;
  }
  return model;
}

// fastText reads its input from a stream, one line per example.
void HateModel::Session::read_words(const fasttext::FastText& classifier, std::string_view normalized) {
  line_.assign(normalized);
  line_.push_back('\n');
  stream_.clear();
  stream_.str(line_);
  words_.clear();
  labels_.clear();
  classifier.getDictionary()->getLine(stream_, words_, labels_);
  predictions_.clear();
}

HateModel::Session::Session(const HateModel& model)
    : model_(model), hidden_(std::make_unique<fasttext::Vector>(model.hate_dim_)) {}
HateModel::Session::~Session() = default;

double HateModel::Session::hateful(std::string_view normalized) {
  // fastText's own prediction (Model::computeHidden, SoftmaxLoss), over the
  // decoded rows and without its per-call allocations.
  read_words(*model_.hate_, normalized);
  if (words_.empty()) return 0.0;
  fasttext::Vector& hidden = *hidden_;
  hidden.zero();
  const int dim = model_.hate_dim_;
  for (int32_t id : words_) {
    const float* row = model_.hate_rows_.data() + static_cast<std::size_t>(id) * dim;
    for (int j = 0; j < dim; ++j) hidden[j] += row[j];
  }
  hidden.mul(1.0 / words_.size());
  const fasttext::Matrix& output = static_cast<const OpenFastText&>(*model_.hate_).output();
  const int64_t labels = output.size(0);
  float scores[kMaxLabels];  // load() checked the count
  float max = -1e30f, sum = 0;
  for (int64_t i = 0; i < labels; ++i) max = std::max(max, scores[i] = output.dotRow(hidden, i));
  for (int64_t i = 0; i < labels; ++i) sum += scores[i] = std::exp(scores[i] - max);
  const float p = scores[model_.hate_label_] / sum;
  return std::exp(std::log(p + 1e-5f));  // as fastText reports it: log(p + 1e-5)
}

Target HateModel::Session::target(std::string_view normalized, double* probability) {
  read_words(*model_.target_, normalized);
  model_.target_->predict(1, words_, predictions_, 0.0);
  *probability = 0;
  if (predictions_.empty()) return Target::none;
  *probability = std::exp(predictions_[0].first);
  std::size_t label = static_cast<std::size_t>(predictions_[0].second);
  return label < model_.target_of_label_.size() ? model_.target_of_label_[label] : Target::none;
}

}  // namespace candour
