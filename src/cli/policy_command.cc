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

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

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
    fmt::print("{}  {}  {}  {}: {}\n", t.rule_id, to_string(t.category), target_label(t.target), t.severity,
               joined(t.forms));
    // Forms the model may doubt (docs/model.md, "The combiner").
    if (!t.in_group_forms.empty()) fmt::print("  in_group_forms: {}\n", joined(t.in_group_forms));
    if (!t.put_down_forms.empty()) fmt::print("  put_down_forms: {}\n", joined(t.put_down_forms));
  }
  fmt::print("\n# phrases (rule, category, target, severity: pattern)\n");
  for (const auto& p : policy.phrases) {
    fmt::print("{}  {}  {}  {}: {}{}\n", p.rule_id, to_string(p.category), target_label(p.target), p.severity,
               p.pattern, p.requires_tag.empty() ? "" : "  [needs " + p.requires_tag + "]");
  }
  fmt::print("\n# allow-list\n");
  for (const auto& a : policy.allows) fmt::print("{}: {}\n", a.id, a.text);
  // Under the names the policy files use ([context], docs/policy.md): these
  // clear or qualify findings, so a reviewer should be able to see them.
  const ContextMarkers& c = policy.context;
  fmt::print("\n# context (markers that clear or qualify findings)\n");
  for (const auto& [name, list] : {std::pair{"duty_markers", &c.duty}, {"reported_speech_markers", &c.reported_speech},
                                   {"reported_abuse_markers", &c.reported_abuse},
                                   {"condemnation_markers", &c.condemnation}, {"negators", &c.negation},
                                   {"reclaim_markers", &c.reclaim}, {"endorsement_markers", &c.endorsement},
                                   {"challenge_markers", &c.challenge}, {"group_references", &c.group_reference}}) {
    fmt::print("{}: {}\n", name, joined(*list));
  }
  fmt::print("\n# identity terms (words naming a group; never findings on their own)\n");
  for (int t = 1; t < kTargetCount; ++t) {
    fmt::print("{}: {}\n", to_string(static_cast<Target>(t)), joined(policy.identity_terms[t]));
  }
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
