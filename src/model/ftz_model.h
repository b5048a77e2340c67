// A supervised fastText model (.ftz or .bin) read for prediction only.
// fastText's own loader computes the character n-grams of every word in the
// dictionary and reads it a byte at a time: most of a scan's start-up. Here
// the dictionary is read in one pass and a word's n-grams are computed when
// the word is first met (callers cache them per token); input rows are
// decoded here in the same float operations as fastText's, and the output
// matrix is fastText's own class.
#pragma once

#include <fasttext/matrix.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/string_map.h"

namespace candour {

class FtzModel {
 public:
  // nullptr and *error on a file that is missing, truncated or not a
  // supervised fastText model.
  static std::unique_ptr<FtzModel> load(const std::string& path, std::string* error);
  // The same from the file's bytes; `name` is for the error.
  static std::unique_ptr<FtzModel> parse(std::string_view bytes, const std::string& name, std::string* error);

  int dim() const { return dim_; }
  bool one_vs_all() const { return one_vs_all_; }  // else softmax
  int32_t label_count() const { return static_cast<int32_t>(labels_.size()); }
  const std::string& label(int32_t i) const { return labels_[static_cast<std::size_t>(i)]; }
  int64_t input_rows() const { return input_.rows; }
  // Adds input row `row` (< input_rows()) to x[0, dim), as
  // Matrix::addRowToVector does, in the same float operations.
  void add_input_row(float* x, int32_t row) const;
  const fasttext::Matrix& output() const { return *output_; }

  // A product quantiser as ProductQuantizer::save wrote it.
  struct Quantizer {
    int32_t nsubq = 0, dsub = 0, lastdsub = 0;
    std::vector<float> centroids;  // 256 per dimension
  };
  // A saved matrix: dense rows, or codes into a quantiser (and norms).
  struct MatrixParts {
    bool quantized = false;
    int64_t rows = 0, cols = 0;
    std::string_view dense;       // rows * cols floats
    std::string_view codes;       // rows * nsubq bytes
    Quantizer quantizer;
    bool qnorm = false;
    std::string_view norm_codes;  // rows bytes
    Quantizer norm_quantizer;
  };

  // As Dictionary::getLine reads one token: its hash (for word n-grams) and,
  // unless it is a label token (returns false), the rows it adds: its word
  // row if known, then its character n-gram rows.
  bool token_rows(std::string_view token, uint32_t* hash, std::vector<int32_t>& rows) const;
  // Dictionary::addWordNgrams: the rows of the word n-grams of `hashes`.
  void add_word_ngrams(std::vector<int32_t>& rows, const std::vector<int32_t>& hashes) const;

 private:
  FtzModel() = default;
  void add_char_ngrams(const std::string& word, std::vector<int32_t>& rows) const;
  // pushHash: a bucket's row, or -1 when the pruned dictionary dropped it.
  int32_t bucket_row(int32_t bucket) const;

  int dim_ = 0;
  int word_ngrams_ = 1;
  int minn_ = 0, maxn_ = 0;
  uint32_t buckets_ = 0;
  bool one_vs_all_ = false;
  int32_t nwords_ = 0;
  StringMap<std::pair<int32_t, bool>> words_;  // word -> (id, is a label)
  std::vector<std::string> labels_;
  bool pruned_ = false;  // only the buckets in pruned_rows_ have rows
  std::vector<std::pair<int32_t, int32_t>> pruned_rows_;  // open addressing: bucket -> row; bucket < 0: empty
  uint64_t pruned_mask_ = 0;
  std::string bytes_;  // the file, which input_ points into
  MatrixParts input_;
  std::unique_ptr<fasttext::Matrix> output_;
};

}  // namespace candour
