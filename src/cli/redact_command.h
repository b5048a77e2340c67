// `candour redact`: a copy of the conversation, or of its flagged messages,
// fit for publication (docs/redaction.md).
#pragma once

#include <string>
#include <vector>

#include "cli/policy_options.h"

namespace candour {

struct RedactOptions {
  std::vector<std::string> inputs;
  std::string out_dir = "candour-redacted";
  std::string key_path;        // default: <out_dir>.key.json, beside the folder, not in it
  std::string label = "Officer";
  std::string names;           // alias-format file: name = the pseudonym to use
  bool flagged_only = false;
  bool quiet = false;
  PolicyOptions policy;
};

int run_redact(const RedactOptions& options);

}  // namespace candour
