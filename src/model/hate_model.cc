#include "model/hate_model.h"

#include <fasttext/fasttext.h>
#include <fasttext/matrix.h>
#include <fasttext/vector.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <future>

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

// fastText's Dictionary::addWordNgrams with the pruned dictionary's bucket
// map (a std::unordered_map, looked up twice per n-gram) in a flat table.
struct HateModel::WordNgrams {
  int32_t n = 1;          // args.wordNgrams
  uint64_t buckets = 1;   // args.bucket
  int32_t nwords = 0;
  bool pruned = false;    // pruneidx_size_ >= 0: only the buckets in `slots` are kept
  std::vector<std::pair<int32_t, int32_t>> slots;  // bucket -> row; first < 0: empty
  uint64_t mask = 0;

  static uint64_t slot_of(int32_t bucket) { return (static_cast<uint64_t>(bucket) * 0x9E3779B97F4A7C15ull) >> 32; }
  void add(std::vector<int32_t>& line, const std::vector<int32_t>& hashes) const;
};

// A two-label classifier (hate.ftz, threat.ftz) with its input
// rows decoded once from product quantisation (about 10 MB each): decoding
// them per prediction took a quarter of a scan's time.
struct HateModel::Head {
  OpenFastText classifier;
  WordNgrams ngrams;
  std::vector<float> rows;
  int dim = 0;
  int32_t label = -1;  // index of the positive label
};

namespace {

// Gives access to Dictionary::getLine's steps (protected in fastText).
class OpenDictionary : public fasttext::Dictionary {
 public:
  using Dictionary::Dictionary;
  void token_ids(const std::string& token, uint32_t* hash, bool* word, std::vector<int32_t>& ids) const {
    *hash = this->hash(token);
    const int32_t wid = getId(token, *hash);
    *word = (wid < 0 ? getType(token) : getType(wid)) == fasttext::entry_type::word;
    if (*word) addSubwords(ids, token, wid);
  }
  void describe_ngrams(HateModel::WordNgrams& out) const {
    out.n = args_->wordNgrams;
    out.buckets = static_cast<uint64_t>(args_->bucket);
    out.nwords = nwords_;
    out.pruned = pruneidx_size_ >= 0;
    std::size_t size = 16;
    while (size < 2 * pruneidx_.size()) size *= 2;
    out.slots.assign(size, {-1, 0});
    out.mask = size - 1;
    for (const auto& [bucket, row] : pruneidx_) {
      uint64_t at = HateModel::WordNgrams::slot_of(bucket) & out.mask;
      while (out.slots[at].first >= 0) at = (at + 1) & out.mask;
      out.slots[at] = {bucket, row};
    }
  }
};

}  // namespace

HateModel::HateModel() = default;
HateModel::~HateModel() = default;

namespace {

bool load_classifier(fasttext::FastText& classifier, const std::string& path, std::string* error) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    *error = "model file " + path + " not found (train it with `candour train`, or run with --no-model)";
    return false;
  }
  try {
    classifier.loadModel(path);
  } catch (const std::exception& e) {
    *error = "cannot load model " + path + ": " + e.what();
    return false;
  }
  return true;
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
  model->target_ = std::make_unique<fasttext::FastText>();
  if (!load_classifier(*model->target_, (fs::path(dir) / "target.ftz").string(), error)) return nullptr;
  auto target_dict = model->target_->getDictionary();
  model->target_ngrams_ = std::make_unique<WordNgrams>();
  static_cast<const OpenDictionary&>(*target_dict).describe_ngrams(*model->target_ngrams_);
  for (int32_t i = 0; i < target_dict->nlabels(); ++i) {
    std::string label = target_dict->getLabel(i);
    auto target = parse_target(label.substr(std::string_view("__label__").size()));
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
  if (!load_classifier(head->classifier, path, error)) return nullptr;
  auto dict = head->classifier.getDictionary();
  static_cast<const OpenDictionary&>(*dict).describe_ngrams(head->ngrams);
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    if (dict->getLabel(i) == label) head->label = i;
  }
  if (head->label < 0 || dict->nlabels() > kMaxLabels) {
    *error = "model " + path + " needs " + std::string(label) + " and at most " + std::to_string(kMaxLabels) +
             " labels";
    return nullptr;
  }
  // Decode each input row as fastText would add it to the hidden vector
  // (0 + norm * centroid, in float), so predictions stay bit-identical.
  const fasttext::Matrix& input = head->classifier.input();
  head->dim = head->classifier.dim();
  const int64_t rows = input.size(0);
  head->rows.resize(static_cast<std::size_t>(rows) * head->dim);
  fasttext::Vector row(head->dim);
  for (int64_t i = 0; i < rows; ++i) {
    row.zero();
    input.addRowToVector(row, static_cast<int32_t>(i));
    std::copy(row.data(), row.data() + head->dim, head->rows.begin() + i * head->dim);
  }
  return head;
}

namespace {

// Dictionary::readWord's separators.
bool is_separator(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

// A bound on each token cache (about 2 MB); past it the cache starts again.
constexpr std::size_t kMaxCachedTokens = 20000;

}  // namespace

void HateModel::WordNgrams::add(std::vector<int32_t>& line, const std::vector<int32_t>& hashes) const {
  // As Dictionary::addWordNgrams and pushHash compute them, to the bit.
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    uint64_t h = hashes[i];
    for (std::size_t j = i + 1; j < hashes.size() && j < i + n; ++j) {
      h = h * 116049371 + hashes[j];
      auto bucket = static_cast<int32_t>(h % buckets);
      if (bucket < 0) continue;
      if (pruned) {
        uint64_t at = slot_of(bucket) & mask;
        while (slots[at].first >= 0 && slots[at].first != bucket) at = (at + 1) & mask;
        if (slots[at].first < 0) continue;
        bucket = slots[at].second;
      }
      line.push_back(nwords + bucket);
    }
  }
}

void HateModel::Session::read_words(const fasttext::FastText& classifier, const WordNgrams& ngrams,
                                    TokenCache& cache, std::string_view normalized) {
  const auto& dict = static_cast<const OpenDictionary&>(*classifier.getDictionary());
  words_.clear();
  hashes_.clear();
  predictions_.clear();
  // Tokens as readWord reads `normalized` + "\n": a newline with no word
  // before it is the end-of-sentence token, and getLine stops after it.
  std::size_t at = 0;
  for (;;) {
    while (at < normalized.size() && is_separator(normalized[at]) && normalized[at] != '\n') ++at;
    std::string_view token;
    bool end = at >= normalized.size() || normalized[at] == '\n';
    if (end) {
      token = fasttext::Dictionary::EOS;
    } else {
      std::size_t from = at;
      while (at < normalized.size() && !is_separator(normalized[at])) ++at;
      token = normalized.substr(from, at - from);
    }
    auto found = cache.find(token);
    if (found == cache.end()) {
      if (cache.size() >= kMaxCachedTokens) cache.clear();
      token_.assign(token);
      TokenIds entry;
      dict.token_ids(token_, &entry.hash, &entry.word, entry.ids);
      found = cache.emplace(token_, std::move(entry)).first;
    }
    if (found->second.word) {
      words_.insert(words_.end(), found->second.ids.begin(), found->second.ids.end());
      hashes_.push_back(static_cast<int32_t>(found->second.hash));
    }
    if (end) break;
  }
  ngrams.add(words_, hashes_);
}

HateModel::Session::Session(const HateModel& model)
    : model_(model), hidden_(std::make_unique<fasttext::Vector>(model.hate_->dim)) {}
HateModel::Session::~Session() = default;

double HateModel::Session::probability(const Head* head, std::string_view normalized) {
  if (!head) return 0.0;
  // fastText's own prediction (Model::computeHidden, SoftmaxLoss), over the
  // decoded rows and without its per-call allocations.
  read_words(head->classifier, head->ngrams, head == model_.hate_.get() ? hate_tokens_ : threat_tokens_, normalized);
  if (words_.empty()) return 0.0;
  const int dim = head->dim;
  float* hidden = hidden_->data();
  std::fill(hidden, hidden + dim, 0.0f);
  for (int32_t id : words_) {
    const float* row = head->rows.data() + static_cast<std::size_t>(id) * dim;
    for (int j = 0; j < dim; ++j) hidden[j] += row[j];
  }
  const float scale = 1.0 / words_.size();  // fastText's Vector::mul(real)
  for (int j = 0; j < dim; ++j) hidden[j] *= scale;
  const fasttext::Matrix& output = head->classifier.output();
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

Target HateModel::Session::target(std::string_view normalized, double* probability) {
  read_words(*model_.target_, *model_.target_ngrams_, target_tokens_, normalized);
  model_.target_->predict(1, words_, predictions_, 0.0);
  *probability = 0;
  if (predictions_.empty()) return Target::none;
  *probability = std::exp(predictions_[0].first);
  std::size_t label = static_cast<std::size_t>(predictions_[0].second);
  return label < model_.target_of_label_.size() ? model_.target_of_label_[label] : Target::none;
}

}  // namespace candour
