// libFuzzer target: any bytes as an organisation's policy file layered on the
// shipped policy. Loading must report errors, never crash; every phrase
// pattern of a policy that loads must compile to a regex or say why.
// (Compiling the whole policy into Vectorscan takes seconds under the
// sanitizers, so the target stops at the pattern compiler.)
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "candour/policy.h"
#include "detect/phrase_compiler.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("candour-policy-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "local.toml", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  candour::Policy policy;
  auto errors = candour::load_policy({candour::default_policy_dir(), dir.string()}, policy);
  if (errors.empty()) {
    for (const auto& phrase : policy.phrases) {
      std::string error;
      candour::compile_phrase_pattern(phrase.pattern, policy.word_classes, &error);
    }
  }
  return 0;
}
