// The FINDING object of CONTRACT.md.
#pragma once

#include <vector>

#include "candour/finding.h"
#include "report/json_writer.h"

namespace candour {

void write_finding(JsonWriter& json, const Finding& finding);
void write_findings(JsonWriter& json, const std::vector<Finding>& findings);

}  // namespace candour
