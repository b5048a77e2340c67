#include "cli/policy_command.h"

#include <fmt/core.h>

namespace candour {
namespace {

void print_header(const Policy& policy) {
  std::size_t forms = 0;
  for (const auto& t : policy.terms) forms += t.forms.size();
  fmt::print("policy    {} {}\n", policy.name, policy.version);
  fmt::print("sha256    {}\n", policy.sha256);
  fmt::print("files     {}\n", policy.files.size());
  fmt::print("terms     {} ({} spellings)\n", policy.terms.size(), forms);
  fmt::print("phrases   {} (word classes: {})\n", policy.phrases.size(), policy.word_classes.size());
  fmt::print("allow     {}\n", policy.allows.size());
  const StandardsMapping* mapping = policy.mapping();
  fmt::print("standards {} — {}\n", policy.active_mapping, mapping ? mapping->title : "");
}

std::string target_label(Target t) { return t == Target::none ? "-" : std::string(to_string(t)); }

}  // namespace

int run_policy_check(const PolicyOptions& options) {
  Policy policy;
  std::unique_ptr<Scanner> scanner;
  if (!load_policy_and_scanner(options, policy, scanner)) return 2;
  print_header(policy);
  fmt::print("ok\n");
  return 0;
}

int run_policy_show(const PolicyOptions& options) {
  Policy policy;
  std::unique_ptr<Scanner> scanner;
  if (!load_policy_and_scanner(options, policy, scanner)) return 2;
  print_header(policy);
  fmt::print("\n# terms (rule, category, target, severity: spellings)\n");
  for (const auto& t : policy.terms) {
    std::string forms;
    for (const auto& f : t.forms) forms += (forms.empty() ? "" : ", ") + f;
    fmt::print("{}  {}  {}  {}: {}\n", t.rule_id, to_string(t.category), target_label(t.target), t.severity,
               forms);
  }
  fmt::print("\n# phrases (rule, category, target, severity: pattern)\n");
  for (const auto& p : policy.phrases) {
    fmt::print("{}  {}  {}  {}: {}{}\n", p.rule_id, to_string(p.category), target_label(p.target), p.severity,
               p.pattern, p.requires_tag.empty() ? "" : "  [needs " + p.requires_tag + "]");
  }
  fmt::print("\n# allow-list\n");
  for (const auto& a : policy.allows) fmt::print("{}: {}\n", a.id, a.text);
  if (const StandardsMapping* mapping = policy.mapping()) {
    fmt::print("\n# category -> standards ({})\n", mapping->id);
    for (int c = 0; c < kCategoryCount; ++c) {
      std::string list;
      for (const auto& s : mapping->by_category[c]) list += (list.empty() ? "" : ", ") + s;
      fmt::print("{}: {}\n", to_string(static_cast<Category>(c)), list);
    }
  }
  return 0;
}

}  // namespace candour
