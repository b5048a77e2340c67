// libFuzzer target: normalisation of any bytes; offsets must map inside the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static candour::Normalizer normalizer;
  std::string_view out = normalizer.normalize(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (normalizer.original_start(i) > size || normalizer.original_end(i + 1) > size) std::abort();
  }
  return 0;
}
