// The line `candour scan` keeps rewriting on a terminal during a long scan,
// so that it never looks stuck: messages so far, MB/s, the share done and the
// time left when they can be told, and how many messages were flagged.
#pragma once

#include <cstdint>
#include <string>

namespace candour {

struct ScanProgress {
  uint64_t messages = 0;
  uint64_t flagged = 0;
  double done_bytes = 0;   // of the input, as far as can be told (text exports: by line)
  uint64_t total_bytes = 0;  // 0 when unknown
  double seconds = 0;      // since the first message
};

// The line, starting with '\r' so that it overwrites the last one. The time
// left is shown once 1% is done: earlier it is a guess from too little.
std::string progress_line(const ScanProgress& p);

}  // namespace candour
