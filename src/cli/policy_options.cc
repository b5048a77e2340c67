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
                     "P(hateful) at which the model flags a message, with or without a group named (default: models/model.toml, see docs/model.md)")
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

struct PendingModel::Loading {
  std::string error;
  std::future<std::unique_ptr<HateModel>> model;
};

PendingModel::PendingModel() = default;
PendingModel::~PendingModel() = default;

bool PendingModel::attach(Scanner& scanner) {
  if (!loading_) return true;
  auto model = loading_->model.get();
  const std::string error = loading_->error;
  loading_.reset();
  if (!model) {
    fmt::print(stderr, "candour: {}\n", error);
    return false;
  }
  if (model_threshold_ > 0) model->set_threshold(model_threshold_);
  model_sha256_ = model->files_sha256();
  scanner.attach_model(std::move(model));
  return true;
}

bool load_policy_and_scanner(const PolicyOptions& options, Policy& policy,
                             std::unique_ptr<Scanner>& scanner, PendingModel* pending) {
  // The model loads on its own thread while the policy is read and compiled
  // (each takes some tens of milliseconds).
  PendingModel waiting_here;
  PendingModel& model = pending ? *pending : waiting_here;
  if (!options.no_model) {
    model.loading_ = std::make_unique<PendingModel::Loading>();
    model.model_threshold_ = options.model_threshold;
    model.loading_->model = std::async(std::launch::async, [loading = model.loading_.get()] {
      return HateModel::load(default_model_dir(), &loading->error);
    });
  }
  if (!load_policy_reporting_errors(options, policy)) return false;
  std::string error;
  scanner = Scanner::build(policy, &error);
  if (!scanner) {
    fmt::print(stderr, "candour: {}\n", error);
    return false;
  }
  return pending ? true : model.attach(*scanner);
}

}  // namespace candour
