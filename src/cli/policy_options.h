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

// The statistical model still loading on its own thread (see below).
class PendingModel {
 public:
  PendingModel();
  ~PendingModel();
  // Waits for the model and attaches it to `scanner`; on failure prints the
  // error and returns false. Nothing to wait for (--no-model, or already
  // attached): true.
  bool attach(Scanner& scanner);
  // After attach(): the hash of the model files that were loaded
  // (HateModel::files_sha256), "" without a model.
  const std::string& model_sha256() const { return model_sha256_; }

 private:
  friend bool load_policy_and_scanner(const PolicyOptions&, Policy&, std::unique_ptr<Scanner>&, PendingModel*);
  struct Loading;
  std::unique_ptr<Loading> loading_;
  double model_threshold_ = 0;
  std::string model_sha256_;
};

// Loads the shipped policy plus overlays and compiles it, and attaches the
// statistical model unless --no-model. On failure prints
// every error (file:line: message) to stderr and returns false.
// With `pending`, the model is not waited for: it goes on loading while the
// caller reads its first input, and pending->attach() finishes it (the scan
// attaches it before its first message; start-up is serial time).
bool load_policy_and_scanner(const PolicyOptions& options, Policy& policy,
                             std::unique_ptr<Scanner>& scanner, PendingModel* pending = nullptr);

// Loads only (for `policy check`); prints errors, returns false on failure.
bool load_policy_reporting_errors(const PolicyOptions& options, Policy& policy);

}  // namespace candour
