// Options every command that detects shares: which policy, which code of conduct.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "candour/policy.h"
#include "candour/scanner.h"

namespace CLI {
class App;
}

namespace candour {

struct PolicyOptions {
  std::vector<std::string> overlay_dirs;  // --policy DIR (repeatable)
  std::string standards;                  // --standards NAME
  bool no_model = false;                  // --no-model: rules only
  double model_threshold = 0;             // --model-threshold (0: the model's own)
};

void add_policy_options(CLI::App& command, PolicyOptions& options);

// A scanner still being compiled and a statistical model still loading, each
// on its own thread: `scan` starts them and reads its first input meanwhile
// (the first pass needs no detection; start-up is serial time).
class PendingScanner {
 public:
  PendingScanner();
  ~PendingScanner();
  // Waits for both and attaches the model; on failure prints the error and
  // returns nullptr. Later calls return the same.
  Scanner* finish();
  // After finish(): the hash of the model files that were loaded
  // (HateModel::files_sha256), "" without a model.
  const std::string& model_sha256() const { return model_sha256_; }
  // After finish(): the scanner, for the caller to keep.
  std::unique_ptr<Scanner> take() { return std::move(scanner_); }

 private:
  friend bool start_policy_and_scanner(const PolicyOptions&, Policy&, PendingScanner&);
  struct Work;
  std::unique_ptr<Work> work_;
  std::unique_ptr<Scanner> scanner_;
  std::string model_sha256_;
};

// Reads the shipped policy plus overlays (printing every error, file:line:
// message, and returning false), then starts compiling it and, unless
// --no-model, loading the statistical model. `policy` must outlive `pending`
// and stay unchanged until pending.finish().
bool start_policy_and_scanner(const PolicyOptions& options, Policy& policy, PendingScanner& pending);

// The same, waiting for both: the scanner with the model attached. On
// failure prints the errors and returns false.
bool load_policy_and_scanner(const PolicyOptions& options, Policy& policy, std::unique_ptr<Scanner>& scanner);

// Loads only (for `policy check`); prints errors, returns false on failure.
bool load_policy_reporting_errors(const PolicyOptions& options, Policy& policy);

}  // namespace candour
