// summary.json: sources with their hashes and accounting, failures, per-person
// and per-category counts, unparsed lines. Schema: docs/output.md.
#pragma once

#include <string>
#include <vector>

#include "candour/message.h"
#include "candour/policy.h"
#include "ingest/input_catalog.h"
#include "ingest/source_report.h"
#include "report/scan_stats.h"

namespace candour {

struct UnparsedRecord {
  std::string source;
  uint64_t line = 0;
  std::string text;  // at most kUnparsedTextLimit bytes of the line
  std::string reason;
};
inline constexpr std::size_t kUnparsedTextLimit = 300;

struct ScanResult {
  const Policy* policy = nullptr;
  std::vector<SourceReport> sources;
  std::vector<InputProblem> failures;
  std::vector<InputProblem> skipped;
  std::vector<UnparsedRecord> unparsed;
  ScanStats stats;
};

std::string summary_json(const ScanResult& result);

}  // namespace candour
