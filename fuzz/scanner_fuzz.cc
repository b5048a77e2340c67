// libFuzzer target: detection (rules, disguise readings, context, the
// statistical model through the combiner) on any text with the shipped
// policy and model. Every finding must point inside the text, its evidence
// must be exactly the bytes it points at, and its confidence a probability.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "candour/policy.h"
#include "candour/scanner.h"
#include "model/hate_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static candour::Policy policy;
  static std::unique_ptr<candour::Scanner> scanner = [] {
    if (!candour::load_policy({candour::default_policy_dir()}, policy).empty()) std::abort();
    std::string error;
    auto s = candour::Scanner::build(policy, &error);
    if (!s) std::abort();
    auto model = candour::HateModel::load(candour::default_model_dir(), &error);
    if (!model) std::abort();
    s->attach_model(std::move(model));
    return s;
  }();
  static candour::ScanSession session(*scanner);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<candour::Finding> findings, cleared;
  session.scan(text, ~candour::TagSet{0}, findings, &cleared);
  for (const auto* list : {&findings, &cleared}) {
    for (const auto& f : *list) {
      if (f.start > f.end || f.end > size || f.evidence != text.substr(f.start, f.end - f.start)) std::abort();
      if (!(f.confidence >= 0 && f.confidence <= 1) || f.severity < 1 || f.severity > 4) std::abort();
    }
  }
  return 0;
}
