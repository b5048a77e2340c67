// libFuzzer target: a model file of any bytes is read or refused, never
// crashes; a model that reads gives rows inside its matrix for any token.
#include <fasttext/vector.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "model/ftz_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string error;
  auto model = candour::FtzModel::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", &error);
  if (!model) return 0;
  std::vector<int32_t> rows;
  uint32_t hash = 0;
  for (const char* token : {"a", "police", "</s>", "\xC3\xA9t\xC3\xA9", "__label__x"}) model->token_rows(token, &hash, rows);
  std::vector<int32_t> hashes = {1, -2, 3, 2147483647};
  model->add_word_ngrams(rows, hashes);
  fasttext::Vector hidden(model->dim());
  hidden.zero();
  for (int32_t row : rows) {
    if (row < 0 || row >= model->input_rows()) std::abort();
    model->add_input_row(hidden.data(), row);
  }
  for (int32_t i = 0; i < model->label_count(); ++i) model->output().dotRow(hidden, i);
  return 0;
}
