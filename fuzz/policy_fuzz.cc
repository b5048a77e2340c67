// libFuzzer target: any bytes as an organisation's policy file layered on the
// shipped policy. Loading must report errors, never crash; a policy that
// loads without errors must compile or say why.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "candour/policy.h"
#include "candour/scanner.h"

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
    std::string error;
    setenv("CANDOUR_CACHE_DIR", "off", 1);
    auto scanner = candour::Scanner::build(policy, &error);
    (void)scanner;
  }
  return 0;
}
