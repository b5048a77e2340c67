#include "model/trainer.h"

#include <fasttext/fasttext.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include "model/training_labels.h"
#include "text/normalizer.h"
#include "util/atomic_file.h"

namespace candour {
namespace fs = std::filesystem;

namespace {

fasttext::Args base_args(const TrainOptions& options, const std::string& input, fasttext::loss_name loss) {
  fasttext::Args args;
  args.input = input;
  args.model = fasttext::model_name::sup;
  args.loss = loss;
  args.epoch = options.epochs;
  args.lr = options.learning_rate;
  args.dim = options.dim;
  args.wordNgrams = options.word_ngrams;
  args.minCount = 1;
  args.minn = options.char_min;  // character n-grams: robust to misspellings and inflections
  args.maxn = options.char_max;
  args.bucket = options.buckets;
  args.thread = 1;  // one thread, so the same seed gives the same model
  args.seed = options.seed;
  args.verbose = 0;
  return args;
}

// Trains, quantises and writes `out` atomically; returns its size.
std::size_t train_one(const fasttext::Args& args, const std::string& out) {
  fasttext::FastText model;
  model.train(args);
  fasttext::Args quantize = args;
  quantize.qnorm = true;
  quantize.cutoff = 50000;
  quantize.retrain = true;
  quantize.dsub = 2;
  model.quantize(quantize);
  std::string temp = out + ".tmp-" + std::to_string(::getpid());
  model.saveModel(temp);
  fs::rename(temp, out);
  return static_cast<std::size_t>(fs::file_size(out));
}

}  // namespace

bool train_models(const TrainOptions& options, TrainReport* report, std::string* error) {
  auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(options.data_dir, ec)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  if (ec || files.empty()) {
    *error = "no *.jsonl files in " + options.data_dir + (ec ? ": " + ec.message() : "");
    return false;
  }
  const fs::path data_path = fs::path(options.data_dir).lexically_normal();
  if (std::any_of(data_path.begin(), data_path.end(), [](const fs::path& part) { return part == "dev"; })) {
    *error = "refusing to train on a dev folder (" + options.data_dir + "): dev is for tuning and reporting";
    return false;
  }
  std::sort(files.begin(), files.end());
  fs::create_directories(options.out_dir, ec);
  std::string work_template = (fs::temp_directory_path() / "candour-train-XXXXXX").string();
  if (!::mkdtemp(work_template.data())) {
    *error = "cannot create a temporary folder for training";
    return false;
  }
  const fs::path work = work_template;
  const std::string hate_input = (work / "hate.txt").string(), target_input = (work / "target.txt").string(),
                    threat_input = (work / "threat.txt").string();
  {
    std::ofstream hate(hate_input), target(target_input), threat(threat_input);
    Normalizer normalizer;
    simdjson::dom::parser parser;
    for (const auto& file : files) {
      ++report->files;
      std::ifstream in(file);
      for (std::string line; std::getline(in, line);) {
        simdjson::dom::element row;
        std::string_view text;
        int64_t hateful;
        if (parser.parse(line).get(row) || row["text"].get_string().get(text) ||
            row["hateful"].get_int64().get(hateful)) {
          ++report->skipped_rows;  // not JSON, no text, or hateful not labelled (null)
          continue;
        }
        std::string_view normalized = normalizer.normalize(text);
        hate << (hateful ? "__label__hate " : "__label__nothate ") << normalized << '\n';
        ++report->hate_rows;
        if (!hateful) continue;
        ++report->hateful_rows;
        if (std::optional<bool> threatening = labelled_threat(row)) {
          threat << (*threatening ? "__label__threat " : "__label__other ") << normalized << '\n';
          ++report->threat_rows;
          report->threatening_rows += *threatening;
        }
        simdjson::dom::array targets;
        if (row["targets"].get_array().get(targets) || targets.size() == 0) continue;
        for (auto t : targets) {
          std::string_view name;
          if (!t.get_string().get(name)) target << "__label__" << name << ' ';
        }
        target << normalized << '\n';
        ++report->target_rows;
      }
    }
  }
  try {
    auto train = [&](const std::string& input, fasttext::loss_name loss, const char* file) {
      return train_one(base_args(options, input, loss), (fs::path(options.out_dir) / file).string());
    };
    report->hate_bytes = train(hate_input, fasttext::loss_name::softmax, "hate.ftz");
    report->target_bytes = train(target_input, fasttext::loss_name::ova, "target.ftz");
    // The threat head needs hateful rows of both kinds whose source says;
    // without them there is none (and no stale one from other data).
    const fs::path threat_model = fs::path(options.out_dir) / "threat.ftz";
    if (report->threatening_rows > 0 && report->threatening_rows < report->threat_rows) {
      report->threat_bytes = train(threat_input, fasttext::loss_name::softmax, "threat.ftz");
    } else {
      fs::remove(threat_model, ec);
    }
  } catch (const std::exception& e) {
    *error = std::string("training failed: ") + e.what();
    fs::remove_all(work, ec);
    return false;
  }
  fs::remove_all(work, ec);
  // A model folder needs its decision threshold; keep one that was tuned, else start from 0.5.
  const fs::path settings = fs::path(options.out_dir) / "model.toml";
  if (!fs::exists(settings, ec) &&
      !write_file_atomically(settings.string(),
                             "# Settings of this statistical model (docs/model.md): P(hateful) at which a\n"
                             "# message gets a model finding, with and without a group named; 0.5 until tuned\n"
                             "# on dev data (candour eval --calibrate prints the calibration tables). The\n"
                             "# threat head stays off until threshold_threat is set here (docs/model.md).\n"
                             "threshold_unnamed = 0.5\nthreshold_named = 0.5\nmasked_threshold = 0.5\ndoubt_below = 0\n",
                             error)) {
    return false;
  }
  report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return true;
}

}  // namespace candour
