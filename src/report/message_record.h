// The flagged message record of CONTRACT.md (one line of findings.jsonl).
#pragma once

#include <string>
#include <vector>

#include "candour/finding.h"
#include "candour/message.h"
#include "report/json_writer.h"

namespace candour {

void write_flagged_record(JsonWriter& json, const Message& message, std::string_view time_zone,
                          const std::vector<Finding>& findings, int severity);

}  // namespace candour
