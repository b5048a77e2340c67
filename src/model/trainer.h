// `candour train`: builds the statistical model from labelled JSON Lines
// (../shared/data/train) — docs/model.md has the recipe and the figures.
#pragma once

#include <string>

namespace candour {

struct TrainOptions {
  std::string data_dir;  // folder of *.jsonl (never the dev folder)
  std::string out_dir;   // where hate.ftz, target.ftz and threat.ftz are written
  int seed = 1;
  int epochs = 10;
  int dim = 50;
  double learning_rate = 0.5;
  int word_ngrams = 3;
  int char_min = 2, char_max = 4;  // character n-gram lengths (0, 0: none)
  int buckets = 500000;  // hash buckets for word n-grams and character n-grams
};

struct TrainReport {
  std::size_t files = 0;
  std::size_t hate_rows = 0, hateful_rows = 0, target_rows = 0, skipped_rows = 0;
  std::size_t threat_rows = 0, threatening_rows = 0;  // hateful rows whose source says; of them, threats
  std::size_t hate_bytes = 0, target_bytes = 0, threat_bytes = 0;
  double seconds = 0;
};

// Returns false and sets *error on failure; nothing is left half-written.
bool train_models(const TrainOptions& options, TrainReport* report, std::string* error);

}  // namespace candour
