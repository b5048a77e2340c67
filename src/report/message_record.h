// The flagged message record of CONTRACT.md (one line of findings.jsonl).
#pragma once

#include <string>
#include <vector>

#include "analyze/reply_tracker.h"
#include "candour/finding.h"
#include "candour/message.h"
#include "report/json_writer.h"

namespace candour {

// `policy_sha256` names the policy that produced the findings, so a record
// taken out of its file still says which rules it answers to.
// `record.cleared` (may be empty) are findings that context cleared, with the reason.
void write_flagged_record(JsonWriter& json, const FlaggedRecord& record, std::string_view time_zone,
                          std::string_view policy_sha256);

}  // namespace candour
