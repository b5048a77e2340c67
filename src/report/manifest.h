// manifest.json: what a second examiner needs to reproduce a scan byte for
// byte — every input (path, size, sha256), every output (sha256), the
// candour version, policy and model hashes, the options, start and end time.
#pragma once

#include <string>
#include <vector>

#include "report/summary.h"

namespace candour {

struct ManifestFile {
  std::string path;
  uint64_t bytes = 0;
  std::string sha256;
};

struct Manifest {
  std::vector<std::string> command_line;
  std::string started, finished;  // UTC, ISO 8601
  std::vector<ManifestFile> inputs;   // files on disk (a .zip once, not its entries)
  std::vector<ManifestFile> outputs;
  std::string model_sha256;           // "" when run with --no-model
};

// Hashes a file on disk into a ManifestFile; false if it cannot be read.
bool describe_file(const std::string& path, ManifestFile* file);
std::string utc_now_iso();
std::string manifest_json(const Manifest& manifest, const ScanResult& result);

}  // namespace candour
