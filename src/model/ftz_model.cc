#include "model/ftz_model.h"

#include <fasttext/densematrix.h>
#include <fasttext/quantmatrix.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <fstream>
#include <istream>
#include <streambuf>

namespace candour {

namespace {

// fastText's file format (fasttext.cc, args.cc, dictionary.cc of 0.9.2).
constexpr int32_t kMagic = 793712314;
constexpr int32_t kVersion = 12;
constexpr int kSupervised = 3;          // model_name::sup
constexpr int kSoftmax = 3, kOneVsAll = 4;  // loss_name
constexpr std::string_view kEndOfSentence = "</s>";
constexpr std::string_view kLabelPrefix = "__label__";

// Dictionary::hash (FNV-1a over the bytes as signed chars).
uint32_t fasttext_hash(std::string_view text) {
  uint32_t h = 2166136261u;
  for (char c : text) {
    h = h ^ static_cast<uint32_t>(static_cast<int8_t>(c));
    h = h * 16777619u;
  }
  return h;
}

uint64_t slot_of(int32_t bucket) { return (static_cast<uint64_t>(bucket) * 0x9E3779B97F4A7C15ull) >> 32; }

// Reads fixed-size fields from the file's bytes; fails once past the end.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
  template <class T>
  bool read(T* value) {
    if (bytes_.size() - at_ < sizeof(T)) return false;
    std::memcpy(value, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return true;
  }
  bool read_word(std::string* word) {
    std::size_t end = bytes_.find('\0', at_);
    if (end == std::string_view::npos) return false;
    word->assign(bytes_.substr(at_, end - at_));
    at_ = end + 1;
    return true;
  }
  bool take(uint64_t bytes, std::string_view* taken) {
    if (bytes > bytes_.size() - at_) return false;
    *taken = bytes_.substr(at_, bytes);
    at_ += bytes;
    return true;
  }
  std::string_view rest() const { return bytes_.substr(at_); }
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

// The matrices are read by fastText's own classes, from the bytes in memory.
class BytesBuffer : public std::streambuf {
 public:
  explicit BytesBuffer(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());
    setg(begin, begin, begin + bytes.size());
  }
};

// ProductQuantizer::save: dim, nsubq, dsub, lastdsub, then 256 centroids
// per dimension. Checked so that every code of a row indexes a centroid.
bool read_quantizer(Cursor& in, int64_t dim, FtzModel::Quantizer* q) {
  int32_t q_dim;
  if (!in.read(&q_dim) || !in.read(&q->nsubq) || !in.read(&q->dsub) || !in.read(&q->lastdsub)) return false;
  if (q_dim != dim || q->nsubq <= 0 || q->dsub <= 0 || q->lastdsub <= 0 || q->lastdsub > q->dsub ||
      int64_t{q->nsubq - 1} * q->dsub + q->lastdsub != dim) {
    return false;
  }
  std::string_view centroids;
  if (!in.take(static_cast<uint64_t>(dim) * 256 * sizeof(float), &centroids)) return false;
  q->centroids.resize(static_cast<std::size_t>(dim) * 256);
  std::memcpy(q->centroids.data(), centroids.data(), centroids.size());
  return true;
}

// Reads a matrix as QuantMatrix::save or DenseMatrix::save wrote it,
// checking every size against the bytes there are.
bool read_matrix_parts(Cursor& in, bool quantized, FtzModel::MatrixParts* m) {
  m->quantized = quantized;
  if (!quantized) {
    return in.read(&m->rows) && in.read(&m->cols) && m->rows >= 0 && m->rows <= INT32_MAX && m->cols > 0 &&
           m->cols < (1 << 20) && m->rows < (int64_t{1} << 40) / m->cols &&
           in.take(static_cast<uint64_t>(m->rows * m->cols) * sizeof(float), &m->dense);
  }
  uint8_t qnorm;
  int32_t codesize;
  if (!in.read(&qnorm) || !in.read(&m->rows) || !in.read(&m->cols) || !in.read(&codesize)) return false;
  if (m->rows < 0 || m->rows > INT32_MAX || m->cols <= 0 || m->cols >= (1 << 20) || codesize < 0 ||
      !in.take(static_cast<uint64_t>(codesize), &m->codes) || !read_quantizer(in, m->cols, &m->quantizer) ||
      int64_t{codesize} != m->rows * m->quantizer.nsubq) {
    return false;
  }
  m->qnorm = qnorm != 0;
  if (m->qnorm) {
    return in.take(static_cast<uint64_t>(m->rows), &m->norm_codes) && read_quantizer(in, 1, &m->norm_quantizer) &&
           m->norm_quantizer.nsubq == 1;
  }
  return true;
}

std::unique_ptr<fasttext::Matrix> read_matrix(std::istream& in, bool quantized) {
  std::unique_ptr<fasttext::Matrix> matrix;
  if (quantized) {
    matrix = std::make_unique<fasttext::QuantMatrix>();
  } else {
    matrix = std::make_unique<fasttext::DenseMatrix>();
  }
  matrix->load(in);
  return matrix;
}

}  // namespace

std::unique_ptr<FtzModel> FtzModel::load(const std::string& path, std::string* error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *error = "cannot open model " + path;
    return nullptr;
  }
  std::string bytes;
  file.seekg(0, std::ios::end);
  bytes.resize(static_cast<std::size_t>(std::max<std::streamoff>(file.tellg(), 0)));
  file.seekg(0);
  if (!file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    *error = "cannot read model " + path;
    return nullptr;
  }
  return parse(bytes, path, error);
}

std::unique_ptr<FtzModel> FtzModel::parse(std::string_view bytes, const std::string& name, std::string* error) {
  auto fail = [&](const std::string& why) {
    *error = "cannot load model " + name + ": " + why;
    return nullptr;
  };
  Cursor in(bytes);
  int32_t magic = 0, version = 0;
  if (!in.read(&magic) || !in.read(&version) || magic != kMagic || version > kVersion) {
    return fail("not a fastText model file");
  }
  // Args::save.
  int32_t dim, ws, epoch, min_count, neg, word_ngrams, loss, model, bucket, minn, maxn, lr_update_rate;
  double sampling;
  if (!in.read(&dim) || !in.read(&ws) || !in.read(&epoch) || !in.read(&min_count) || !in.read(&neg) ||
      !in.read(&word_ngrams) || !in.read(&loss) || !in.read(&model) || !in.read(&bucket) || !in.read(&minn) ||
      !in.read(&maxn) || !in.read(&lr_update_rate) || !in.read(&sampling)) {
    return fail("truncated");
  }
  if (model != kSupervised || (loss != kSoftmax && loss != kOneVsAll) || dim <= 0 || bucket < 0) {
    return fail("not a supervised classifier with softmax or one-vs-all loss");
  }
  if (version == 11) maxn = 0;  // as fastText reads a version 11 classifier
  std::unique_ptr<FtzModel> m(new FtzModel());
  m->dim_ = dim;
  m->word_ngrams_ = word_ngrams;
  m->minn_ = minn;
  m->maxn_ = maxn;
  m->buckets_ = static_cast<uint32_t>(bucket);
  m->one_vs_all_ = loss == kOneVsAll;
  // Dictionary::save.
  int32_t size = 0, nlabels = 0;
  int64_t ntokens = 0, pruned_size = 0;
  if (!in.read(&size) || !in.read(&m->nwords_) || !in.read(&nlabels) || !in.read(&ntokens) ||
      !in.read(&pruned_size) || size < 0 || m->nwords_ < 0 || nlabels < 0 || int64_t{m->nwords_} + nlabels != size ||
      uint64_t(size) > in.rest().size() / 10 || pruned_size > int64_t(in.rest().size() / 8)) {
    return fail("bad dictionary");  // each word takes at least 10 bytes, each pruned bucket 8
  }
  m->words_.reserve(static_cast<std::size_t>(size));
  std::string word;
  for (int32_t i = 0; i < size; ++i) {
    int64_t count;
    int8_t type;
    if (!in.read_word(&word) || !in.read(&count) || !in.read(&type)) return fail("truncated dictionary");
    if (i >= m->nwords_) m->labels_.push_back(word);
    m->words_.emplace(word, std::make_pair(i, type != 0));
  }
  m->pruned_ = pruned_size >= 0;
  std::size_t slots = 16;
  while (slots < 2 * static_cast<std::size_t>(std::max<int64_t>(pruned_size, 0))) slots *= 2;
  m->pruned_rows_.assign(slots, {-1, 0});
  m->pruned_mask_ = slots - 1;
  for (int64_t i = 0; i < pruned_size; ++i) {
    int32_t from, to;
    if (!in.read(&from) || !in.read(&to) || from < 0 || to < 0) return fail("bad pruned dictionary");
    uint64_t at = slot_of(from) & m->pruned_mask_;
    while (m->pruned_rows_[at].first >= 0 && m->pruned_rows_[at].first != from) at = (at + 1) & m->pruned_mask_;
    m->pruned_rows_[at] = {from, to};  // a repeated bucket: the last wins, as in fastText's map
  }
  uint8_t quantized_input = 0;
  if (!in.read(&quantized_input)) return fail("truncated");
  if (!quantized_input && m->pruned_) return fail("a pruned dictionary needs a quantised input matrix");
  MatrixParts output;
  uint8_t quantized_output = 0;
  if (!read_matrix_parts(in, quantized_input != 0, &m->input_) || !in.read(&quantized_output)) {
    return fail("truncated or malformed matrices");
  }
  const std::string_view output_bytes = in.rest();
  if (!read_matrix_parts(in, quantized_input && quantized_output, &output) || !in.at_end()) {
    return fail("truncated or malformed matrices");
  }
  const int64_t input_rows = m->input_.rows, input_cols = m->input_.cols;
  const int64_t output_rows = output.rows, output_cols = output.cols;
  // Every row a prediction can ask for exists.
  int64_t bucket_rows = m->pruned_ ? 0 : int64_t{bucket};
  for (const auto& [from, to] : m->pruned_rows_) {
    if (from >= 0) bucket_rows = std::max<int64_t>(bucket_rows, int64_t{to} + 1);
  }
  if (input_cols != dim || output_cols != dim || output_rows != nlabels || input_rows < m->nwords_ + bucket_rows) {
    return fail("its matrices do not fit its dictionary");
  }
  // The output matrix (a few labels' rows) is fastText's own class, for dotRow.
  BytesBuffer buffer(output_bytes);
  std::istream matrices(&buffer);
  try {
    m->output_ = read_matrix(matrices, quantized_input && quantized_output);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  if (!matrices) return fail("truncated");
  m->bytes_.assign(bytes);  // the input matrix's codes and rows are read from it
  const std::ptrdiff_t shift = m->bytes_.data() - bytes.data();
  for (std::string_view* part : {&m->input_.dense, &m->input_.codes, &m->input_.norm_codes}) {
    if (!part->empty()) *part = std::string_view(part->data() + shift, part->size());
  }
  return m;
}

void FtzModel::add_input_row(float* x, int32_t row) const {
  const MatrixParts& m = input_;
  if (!m.quantized) {  // DenseMatrix::addRowToVector
    const char* at = m.dense.data() + static_cast<std::size_t>(row) * m.cols * sizeof(float);
    for (int64_t j = 0; j < m.cols; ++j) {
      float value;
      std::memcpy(&value, at + j * sizeof(float), sizeof value);
      x[j] += value;
    }
    return;
  }
  // QuantMatrix::addRowToVector and ProductQuantizer::addcode.
  float norm = 1;
  if (m.qnorm) norm = m.norm_quantizer.centroids[static_cast<uint8_t>(m.norm_codes[row]) * m.norm_quantizer.lastdsub];
  const Quantizer& q = m.quantizer;
  const auto* code = reinterpret_cast<const uint8_t*>(m.codes.data()) + static_cast<std::size_t>(q.nsubq) * row;
  for (int32_t sub = 0; sub < q.nsubq; ++sub) {
    const bool last = sub == q.nsubq - 1;
    const float* c = last ? &q.centroids[static_cast<std::size_t>(sub) * 256 * q.dsub + code[sub] * q.lastdsub]
                          : &q.centroids[(static_cast<std::size_t>(sub) * 256 + code[sub]) * q.dsub];
    const int32_t d = last ? q.lastdsub : q.dsub;
    float* out = x + static_cast<std::size_t>(sub) * q.dsub;
    for (int32_t n = 0; n < d; ++n) out[n] += norm * c[n];
  }
}

int32_t FtzModel::bucket_row(int32_t bucket) const {
  if (bucket < 0) return -1;
  if (!pruned_) return bucket;
  uint64_t at = slot_of(bucket) & pruned_mask_;
  while (pruned_rows_[at].first >= 0 && pruned_rows_[at].first != bucket) at = (at + 1) & pruned_mask_;
  return pruned_rows_[at].first < 0 ? -1 : pruned_rows_[at].second;
}

// Dictionary::computeSubwords: the n-grams of 1 to maxn UTF-8 characters,
// but not a lone first or last character ("<" and ">").
void FtzModel::add_char_ngrams(const std::string& word, std::vector<int32_t>& rows) const {
  if (buckets_ == 0) return;  // no n-gram rows (fastText itself would divide by zero)
  std::string ngram;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if ((word[i] & 0xC0) == 0x80) continue;
    ngram.clear();
    for (std::size_t j = i, n = 1; j < word.size() && n <= static_cast<std::size_t>(maxn_); ++n) {
      ngram.push_back(word[j++]);
      while (j < word.size() && (word[j] & 0xC0) == 0x80) ngram.push_back(word[j++]);
      if (n >= static_cast<std::size_t>(minn_) && !(n == 1 && (i == 0 || j == word.size()))) {
        const auto bucket = static_cast<int32_t>(fasttext_hash(ngram) % buckets_);
        const int32_t row = bucket_row(bucket);
        if (row >= 0) rows.push_back(nwords_ + row);
      }
    }
  }
}

bool FtzModel::token_rows(std::string_view token, uint32_t* hash, std::vector<int32_t>& rows) const {
  *hash = fasttext_hash(token);
  auto found = words_.find(token);
  const bool label = found != words_.end() ? found->second.second : token.substr(0, kLabelPrefix.size()) == kLabelPrefix;
  if (label) return false;
  if (found != words_.end()) rows.push_back(found->second.first);
  if (token != kEndOfSentence) add_char_ngrams("<" + std::string(token) + ">", rows);
  return true;
}

void FtzModel::add_word_ngrams(std::vector<int32_t>& rows, const std::vector<int32_t>& hashes) const {
  if (buckets_ == 0) return;
  const auto count = static_cast<int64_t>(hashes.size());
  for (int64_t i = 0; i < count; ++i) {
    uint64_t h = hashes[i];  // sign-extended, as fastText does
    for (int64_t j = i + 1; j < count && j < i + word_ngrams_; ++j) {
      h = h * 116049371 + hashes[j];
      const int32_t row = bucket_row(static_cast<int32_t>(h % buckets_));
      if (row >= 0) rows.push_back(nwords_ + row);
    }
  }
}

}  // namespace candour
