#include "model/hate_model.h"

#include <fasttext/matrix.h>
#include <fasttext/vector.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <future>

#include "model/ftz_model.h"
#include "util/sha256.h"

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
      !probability("doubt_below", &settings.doubt_below, false) ||
      !probability("threshold_threat", &settings.threshold_threat, false)) {
    return false;
  }
  if (const toml::node* node = table.get("threshold_named_by_target")) {
    const toml::table* by_target = node->as_table();
    if (!by_target) {
      *error = path + ": threshold_named_by_target is a table, e.g. { race = 0.85 }";
      return false;
    }
    for (const auto& [name, value] : *by_target) {
      auto target = parse_target(name.str());
      auto threshold = value.value<double>();
      if (!target || *target == Target::none) {
        *error = path + ": threshold_named_by_target: unknown target '" + std::string(name.str()) + "'";
        return false;
      }
      if (!threshold || *threshold < 0 || *threshold > 1) {
        *error = path + ": threshold_named_by_target." + std::string(name.str()) + " must be between 0 and 1";
        return false;
      }
      settings.named_by_target[static_cast<int>(*target)] = *threshold;
    }
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
  // calibration_threat came with threat.ftz; a folder from before has three.
  const bool threat_table = table[keys[HateModel::Settings::threat]].as_array() != nullptr;
  const int hate_tables = present - threat_table;
  if (hate_tables != 0 && hate_tables != HateModel::Settings::threat) {
    *error = path + ": give all of calibration_rule, calibration_named and calibration_unnamed, or none";
    return false;
  }
  settings.calibrated = hate_tables == HateModel::Settings::threat;
  settings.threat_calibrated = threat_table;
  return true;
}

}  // namespace

double HateModel::Settings::calibrated_confidence(Evidence evidence, double p) const {
  if (!(evidence == threat ? threat_calibrated : calibrated)) return p;
  int bin = std::clamp(static_cast<int>(p * kBins), 0, kBins - 1);
  return calibration[evidence][bin];
}

// A two-label classifier (hate.ftz, threat.ftz) with its input
// rows decoded once from product quantisation (about 10 MB each): decoding
// them per prediction took a quarter of a scan's time.
struct HateModel::Head {
  std::unique_ptr<FtzModel> classifier;
  std::vector<float> rows;
  int dim = 0;
  int32_t label = -1;  // index of the positive label
};

HateModel::HateModel() = default;
HateModel::~HateModel() = default;

namespace {

std::unique_ptr<FtzModel> load_classifier(const std::string& path, std::string* error) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    *error = "model file " + path + " not found (train it with `candour train`, or run with --no-model)";
    return nullptr;
  }
  return FtzModel::load(path, error);
}

}  // namespace

std::unique_ptr<HateModel> HateModel::load(const std::string& dir, std::string* error) {
  std::unique_ptr<HateModel> model(new HateModel());
  // The threat head loads and decodes beside the hate head: start-up is
  // serial time in every scan.
  std::error_code ec;
  const bool has_threat = fs::exists(fs::path(dir) / "threat.ftz", ec);  // not in a folder trained before it
  std::string threat_error;
  std::future<std::unique_ptr<Head>> threat;
  if (has_threat) {
    threat = std::async(std::launch::async,
                        [&dir, &threat_error] { return load_head(dir, "threat.ftz", "__label__threat", &threat_error); });
  }
  model->hate_ = load_head(dir, "hate.ftz", "__label__hate", error);
  if (!model->hate_) return nullptr;
  if (has_threat) {
    model->threat_ = threat.get();
    if (!model->threat_) {
      *error = threat_error;
      return nullptr;
    }
    if (model->threat_->dim != model->hate_->dim) {  // a session predicts both through one hidden vector
      *error = "model " + dir + ": threat.ftz and hate.ftz were trained with different dimensions";
      return nullptr;
    }
  }
  model->target_ = load_classifier((fs::path(dir) / "target.ftz").string(), error);
  if (!model->target_) return nullptr;
  if (model->target_->dim() != model->hate_->dim) {  // a session predicts all through one hidden vector
    *error = "model " + dir + ": target.ftz and hate.ftz were trained with different dimensions";
    return nullptr;
  }
  for (int32_t i = 0; i < model->target_->label_count(); ++i) {
    std::string_view label = model->target_->label(i);
    auto target = parse_target(label.substr(std::min(label.size(), std::string_view("__label__").size())));
    model->target_of_label_.push_back(target.value_or(Target::none));
  }
  std::string settings_path = (fs::path(dir) / "model.toml").string();
  if (!read_settings(settings_path, model->settings_, error)) return nullptr;
  if (!model->threat_) model->settings_.threshold_threat = 2;
  Sha256 files;
  for (const char* name : {"hate.ftz", "target.ftz", "threat.ftz", "model.toml"}) {
    if (!model->threat_ && std::string_view(name) == "threat.ftz") continue;
    std::string hex;
    if (!sha256_file((fs::path(dir) / name).string(), &hex, error)) return nullptr;
    files.update(hex);
  }
  model->files_sha256_ = files.hex_digest();
  return model;
}

std::unique_ptr<HateModel::Head> HateModel::load_head(const std::string& dir, const char* file,
                                                     std::string_view label, std::string* error) {
  auto head = std::make_unique<HateModel::Head>();
  const std::string path = (fs::path(dir) / file).string();
  head->classifier = load_classifier(path, error);
  if (!head->classifier) return nullptr;
  const FtzModel& classifier = *head->classifier;
  for (int32_t i = 0; i < classifier.label_count(); ++i) {
    if (classifier.label(i) == label) head->label = i;
  }
  if (head->label < 0 || classifier.label_count() > kMaxLabels || classifier.one_vs_all()) {
    *error = "model " + path + " needs " + std::string(label) + ", at most " + std::to_string(kMaxLabels) +
             " labels and softmax loss";
    return nullptr;
  }
  head->dim = classifier.dim();
  decode_rows(classifier, head->rows);
  return head;
}

void HateModel::decode_rows(const FtzModel& classifier, std::vector<float>& rows) {
  // Each input row as fastText would add it to the hidden vector (0 + norm *
  // centroid, in float), so predictions stay bit-identical.
  const int64_t count = classifier.input_rows();
  const auto dim = static_cast<std::size_t>(classifier.dim());
  rows.assign(static_cast<std::size_t>(count) * dim, 0.0f);
  for (int64_t i = 0; i < count; ++i) classifier.add_input_row(rows.data() + i * dim, static_cast<int32_t>(i));
}

namespace {

// Dictionary::readWord's separators.
bool is_separator(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

constexpr std::string_view kEndOfSentence = "</s>";  // fasttext::Dictionary::EOS

// A bound on each token cache (about 2 MB). Once full it keeps what it has,
// and a token not in it is worked out each time it comes: the tokens met
// first include nearly all the common ones, and emptying the cache to start
// again (as it did) threw those out every 20,000 new words of a large
// vocabulary (`check` of the 96,596 train and dev texts on one thread
// 1.17 -> 1.10 s, medians of six).
constexpr std::size_t kMaxCachedTokens = 20000;

}  // namespace

template <class Visit>
void HateModel::Session::each_token(const FtzModel& classifier, TokenCache& cache, std::string_view normalized,
                                    Visit visit) {
  // Tokens as readWord reads `normalized` + "\n": a newline with no word
  // before it is the end-of-sentence token, and getLine stops after it.
  std::size_t at = 0;
  for (;;) {
    while (at < normalized.size() && is_separator(normalized[at]) && normalized[at] != '\n') ++at;
    std::string_view token;
    bool end = at >= normalized.size() || normalized[at] == '\n';
    if (end) {
      token = kEndOfSentence;
    } else {
      std::size_t from = at;
      while (at < normalized.size() && !is_separator(normalized[at])) ++at;
      token = normalized.substr(from, at - from);
    }
    auto found = cache.find(token);
    if (found != cache.end()) {
      visit(found->second);
    } else if (cache.size() < kMaxCachedTokens) {
      TokenIds entry;
      entry.word = classifier.token_rows(token, &entry.hash, entry.ids);
      visit(cache.emplace(std::string(token), std::move(entry)).first->second);
    } else {
      uncached_.ids.clear();
      uncached_.word = classifier.token_rows(token, &uncached_.hash, uncached_.ids);
      visit(uncached_);
    }
    if (end) break;
  }
}

void HateModel::Session::read_words(const FtzModel& classifier, TokenCache& cache, std::string_view normalized) {
  words_.clear();
  hashes_.clear();
  each_token(classifier, cache, normalized, [&](const TokenIds& token) {
    if (!token.word) return;
    words_.insert(words_.end(), token.ids.begin(), token.ids.end());
    hashes_.push_back(static_cast<int32_t>(token.hash));
  });
  classifier.add_word_ngrams(words_, hashes_);
}

HateModel::Session::Session(const HateModel& model)
    : model_(model), hidden_(std::make_unique<fasttext::Vector>(model.hate_->dim)) {}
HateModel::Session::~Session() = default;

namespace {

// hidden += each listed row of `table`, in order. Each element's sum is the
// same scalar float addition at any vector width, so the wider clones give
// the same bits (and a prediction over a long message adds hundreds of rows).
__attribute__((target_clones("avx512f", "avx2", "default"))) void sum_rows(const float* table, std::size_t dim,
                                                                            const int32_t* ids, std::size_t count,
                                                                            float* hidden) {
  for (std::size_t i = 0; i < count; ++i) {
    const float* row = table + static_cast<std::size_t>(ids[i]) * dim;
    for (std::size_t j = 0; j < dim; ++j) hidden[j] += row[j];
  }
}

}  // namespace

void HateModel::Session::add_rows(const Head& head, float* hidden, const int32_t* ids, std::size_t count) {
  sum_rows(head.rows.data(), static_cast<std::size_t>(head.dim), ids, count, hidden);
}

double HateModel::Session::probability(const Head* head, std::string_view normalized) {
  if (!head) return 0.0;
  // fastText's own prediction (Model::computeHidden, SoftmaxLoss), over the
  // decoded rows and without its per-call allocations.
  read_words(*head->classifier, head == model_.hate_.get() ? hate_tokens_ : threat_tokens_, normalized);
  if (words_.empty()) return 0.0;
  const int dim = head->dim;
  float* hidden = hidden_->data();
  std::fill(hidden, hidden + dim, 0.0f);
  add_rows(*head, hidden, words_.data(), words_.size());
  return finish(head, words_.size());
}

double HateModel::Session::finish(const Head* head, std::size_t count) {
  const int dim = head->dim;
  float* hidden = hidden_->data();
  const float scale = 1.0 / count;  // fastText's Vector::mul(real)
  for (int j = 0; j < dim; ++j) hidden[j] *= scale;
  const fasttext::Matrix& output = head->classifier->output();
  const int64_t labels = output.size(0);
  float scores[kMaxLabels];  // load_head() checked the count
  float max = -1e30f, sum = 0;
  for (int64_t i = 0; i < labels; ++i) max = std::max(max, scores[i] = output.dotRow(*hidden_, i));
  // In double and back, as SoftmaxLoss::computeOutput and std_log do.
  for (int64_t i = 0; i < labels; ++i) sum += scores[i] = static_cast<float>(std::exp(double(scores[i] - max)));
  const float p = scores[head->label] / sum;
  const float log_p = static_cast<float>(std::log(double(p) + 1e-5));  // as fastText reports it
  return std::exp(double(log_p));
}

void HateModel::Session::without_each_word(const Head* head, std::string_view normalized, std::size_t limit,
                                           std::vector<double>& out) {
  out.clear();
  its_ids_.clear();
  starts_.clear();
  token_hashes_.clear();
  token_words_.clear();
  if (!head) {  // as probability() without a head: 0 for each word
    for (std::size_t at = 0; at < normalized.size() && normalized[at] != '\n' && out.size() < limit;) {
      if (is_separator(normalized[at])) {
        ++at;
        continue;
      }
      while (at < normalized.size() && !is_separator(normalized[at])) ++at;
      out.push_back(0.0);
    }
    return;
  }
  each_token(*head->classifier, head == model_.hate_.get() ? hate_tokens_ : threat_tokens_, normalized,
             [&](const TokenIds& token) {
               starts_.push_back(its_ids_.size());
               if (token.word) its_ids_.insert(its_ids_.end(), token.ids.begin(), token.ids.end());
               token_hashes_.push_back(token.hash);
               token_words_.push_back(token.word);
             });
  starts_.push_back(its_ids_.size());
  const std::size_t tokens = token_words_.size();  // the last is the end of the sentence
  const std::size_t words = std::min(limit, tokens - 1);
  const std::size_t dim = static_cast<std::size_t>(head->dim);
  // probability() adds the rows in order from zero: the sum over the words
  // before word k is the same whichever later word is left out.
  float* hidden = hidden_->data();
  std::fill(hidden, hidden + dim, 0.0f);
  before_.resize(words * dim);
  for (std::size_t t = 0; t < words; ++t) {
    std::copy(hidden, hidden + dim, before_.data() + t * dim);
    add_rows(*head, hidden, its_ids_.data() + starts_[t], starts_[t + 1] - starts_[t]);
  }
  for (std::size_t k = 0; k < words; ++k) {
    // The text without word k: the other tokens' ids in order, then the word
    // n-grams of the tokens left, as read_words() would give.
    kept_hashes_.clear();
    for (std::size_t t = 0; t < tokens; ++t) {
      if (t != k && token_words_[t]) kept_hashes_.push_back(static_cast<int32_t>(token_hashes_[t]));
    }
    rest_.clear();
    head->classifier->add_word_ngrams(rest_, kept_hashes_);
    const std::size_t count = its_ids_.size() - (starts_[k + 1] - starts_[k]) + rest_.size();
    if (count == 0) {
      out.push_back(0.0);
      continue;
    }
    std::copy(before_.data() + k * dim, before_.data() + (k + 1) * dim, hidden);
    add_rows(*head, hidden, its_ids_.data() + starts_[k + 1], its_ids_.size() - starts_[k + 1]);
    add_rows(*head, hidden, rest_.data(), rest_.size());
    out.push_back(finish(head, count));
  }
}

namespace {

// Loss::sigmoid: fastText's one-vs-all prediction reads its sigmoid from a
// table of 513 values over [-8, 8].
float table_sigmoid(float x) {
  constexpr int64_t kSize = 512, kMax = 8;
  static const std::vector<float> table = [] {
    std::vector<float> t;
    for (int64_t i = 0; i < kSize + 1; ++i) {
      const float at = static_cast<float>(i * 2 * kMax) / kSize - kMax;
      t.push_back(static_cast<float>(1.0 / (1.0 + std::exp(-at))));
    }
    return t;
  }();
  if (x < -kMax) return 0.0f;
  if (x > kMax) return 1.0f;
  return table[static_cast<std::size_t>((x + kMax) * kSize / kMax / 2)];
}

}  // namespace

Target HateModel::Session::target(std::string_view normalized, double* probability) {
  // FastText::predict(1, words, predictions, 0.0): the hidden vector from
  // fastText's own rows, each label's output (sigmoids for one-vs-all, a
  // softmax otherwise), and the best log-probability, a later label winning
  // a tie as fastText's heap has it.
  *probability = 0;
  const FtzModel& classifier = *model_.target_;
  read_words(classifier, target_tokens_, normalized);
  if (words_.empty()) return Target::none;
  // Its rows are decoded when first needed: most chats never ask for a target.
  std::call_once(model_.target_rows_decoded_, [&] { decode_rows(classifier, model_.target_rows_); });
  fasttext::Vector& hidden = *hidden_;
  hidden.zero();
  sum_rows(model_.target_rows_.data(), static_cast<std::size_t>(classifier.dim()), words_.data(), words_.size(),
           hidden.data());
  hidden.mul(1.0 / words_.size());
  const int32_t labels = classifier.label_count();
  std::vector<float>& outputs = target_outputs_;
  outputs.resize(static_cast<std::size_t>(labels));
  for (int32_t i = 0; i < labels; ++i) outputs[i] = classifier.output().dotRow(hidden, i);
  if (classifier.one_vs_all()) {
    for (float& o : outputs) o = table_sigmoid(o);
  } else {
    float max = outputs[0], z = 0;
    for (float o : outputs) max = std::max(o, max);
    for (float& o : outputs) z += o = static_cast<float>(std::exp(double(o - max)));
    for (float& o : outputs) o /= z;
  }
  int32_t best = -1;
  float best_log = 0;
  for (int32_t i = 0; i < labels; ++i) {
    if (outputs[i] < 0.0f) continue;
    const auto log_p = static_cast<float>(std::log(double(outputs[i]) + 1e-5));  // std_log
    if (best >= 0 && log_p < best_log) continue;
    best = i;
    best_log = log_p;
  }
  if (best < 0) return Target::none;
  *probability = std::exp(best_log);
  const auto label = static_cast<std::size_t>(best);
  return label < model_.target_of_label_.size() ? model_.target_of_label_[label] : Target::none;
}

}  // namespace candour
