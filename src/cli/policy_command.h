// `candour policy check|show`: validate the active policy, or list it.
#pragma once

#include "cli/policy_options.h"

namespace candour {

int run_policy_check(const PolicyOptions& options);
int run_policy_show(const PolicyOptions& options);

}  // namespace candour
