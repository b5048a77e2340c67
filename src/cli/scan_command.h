// `candour scan`: read exports, detect, write findings.jsonl, summary.json and
// report.html (CONTRACT.md).
#pragma once

#include <string>
#include <vector>

#include "cli/policy_options.h"

namespace candour {

struct ScanOptions {
  std::vector<std::string> inputs;
  std::string out_dir = "candour-out";
  std::string jsonl;        // "-" streams findings to stdout instead of findings.jsonl
  std::string format;       // forced format, "" to detect
  std::string date_order;   // "", dmy, mdy, ymd
  std::string time_zone;    // --tz
  std::string aliases;      // --aliases FILE
  std::vector<std::string> map;  // --map field=column (CSV, JSON Lines)
  int threads = 0;          // --threads: 0 = all cores
  bool quiet = false;
  bool csv_bom = false;     // --csv-bom: byte-order mark for Excel
  PolicyOptions policy;
  std::vector<std::string> command_line;  // for manifest.json
};

// Returns the exit status: 0 ok, 1 usage error, 2 an input could not be read.
int run_scan(const ScanOptions& options);

}  // namespace candour
