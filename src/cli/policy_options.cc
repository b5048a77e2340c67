#include "cli/policy_options.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <future>

#include "model/hate_model.h"

namespace candour {

void add_policy_options(CLI::App& command, PolicyOptions& options) {
  command.add_option("--policy", options.overlay_dirs,
                     "Folder of your own policy files, layered on the shipped policy (repeatable)");
  command.add_option("--standards", options.standards,
                     "Code of conduct the categories map to: police (default) or employer");
  command.add_flag("--no-model", options.no_model, "Rules only: do not use the statistical model");
  command.add_option("--model-threshold", options.model_threshold,
                     "P(hateful) at which the model flags a message, one bar for every group, named or not (default: models/model.toml's, per group; see docs/model.md)")
      ->check(CLI::Range(0.0, 1.0));
}

bool load_policy_reporting_errors(const PolicyOptions& options, Policy& policy) {
  std::vector<std::string> dirs = {default_policy_dir()};
  dirs.insert(dirs.end(), options.overlay_dirs.begin(), options.overlay_dirs.end());
  auto errors = load_policy(dirs, policy);
  if (errors.empty() && !options.standards.empty()) {
    policy.active_mapping = options.standards;
    if (!policy.mapping()) {
      std::string known;
      for (const auto& [name, mapping] : policy.mappings) known += (known.empty() ? "" : ", ") + name;
      errors.push_back({{}, "unknown --standards '" + options.standards + "' (known: " + known + ")"});
    }
  }
  for (const auto& e : errors) {
    if (e.where.file.empty()) {
      fmt::print(stderr, "candour: policy: {}\n", e.message);
    } else if (e.where.line > 0) {
      fmt::print(stderr, "candour: {}:{}: {}\n", e.where.file, e.where.line, e.message);
    } else {
      fmt::print(stderr, "candour: {}: {}\n", e.where.file, e.message);
    }
  }
  return errors.empty();
}

struct PendingScanner::Work {
  std::future<std::unique_ptr<Scanner>> scanner;
  std::string scanner_error;
  std::future<std::unique_ptr<HateModel>> model;  // not valid with --no-model
  std::string model_error;
  double model_threshold = 0;
};

PendingScanner::PendingScanner() = default;
PendingScanner::~PendingScanner() = default;

Scanner* PendingScanner::finish() {
  if (!work_) return scanner_.get();
  std::unique_ptr<Work> work = std::move(work_);
  scanner_ = work->scanner.get();
  const bool wants_model = work->model.valid();
  std::unique_ptr<HateModel> model = wants_model ? work->model.get() : nullptr;
  if (!scanner_) {
    fmt::print(stderr, "candour: {}\n", work->scanner_error);
    return nullptr;
  }
  if (wants_model) {
    if (!model) {
      fmt::print(stderr, "candour: {}\n", work->model_error);
      scanner_.reset();
      return nullptr;
    }
    if (work->model_threshold > 0) model->set_threshold(work->model_threshold);
    model_sha256_ = model->files_sha256();
    scanner_->attach_model(std::move(model));
  }
  return scanner_.get();
}

bool start_policy_and_scanner(const PolicyOptions& options, Policy& policy, PendingScanner& pending) {
  auto work = std::make_unique<PendingScanner::Work>();
  // The model loads while the policy is read and compiled (each takes some
  // tens of milliseconds).
  if (!options.no_model) {
    work->model_threshold = options.model_threshold;
    work->model = std::async(std::launch::async, [work = work.get()] {
      return HateModel::load(default_model_dir(), &work->model_error);
    });
  }
  if (!load_policy_reporting_errors(options, policy)) return false;  // the model's thread is joined with `work`
  work->scanner = std::async(std::launch::async, [&policy, work = work.get()] {
    return Scanner::build(policy, &work->scanner_error);
  });
  pending.work_ = std::move(work);
  return true;
}

bool load_policy_and_scanner(const PolicyOptions& options, Policy& policy, std::unique_ptr<Scanner>& scanner) {
  PendingScanner pending;
  if (!start_policy_and_scanner(options, policy, pending) || !pending.finish()) return false;
  scanner = pending.take();
  return true;
}

}  // namespace candour
