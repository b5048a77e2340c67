#include "cli/policy_options.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

namespace candour {

void add_policy_options(CLI::App& command, PolicyOptions& options) {
  command.add_option("--policy", options.overlay_dirs,
                     "Folder of your own policy files, layered on the shipped policy (repeatable)");
  command.add_option("--standards", options.standards,
                     "Code of conduct the categories map to: police (default) or employer");
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

bool load_policy_and_scanner(const PolicyOptions& options, Policy& policy,
                             std::unique_ptr<Scanner>& scanner) {
  if (!load_policy_reporting_errors(options, policy)) return false;
  std::string error;
  scanner = Scanner::build(policy, &error);
  if (!scanner) {
    fmt::print(stderr, "candour: {}\n", error);
    return false;
  }
  return true;
}

}  // namespace candour
