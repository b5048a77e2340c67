#include "cli/progress_line.h"

#include <fmt/core.h>

#include <algorithm>

namespace candour {

std::string progress_line(const ScanProgress& p) {
  const double rate = p.seconds > 0 ? p.done_bytes / 1e6 / p.seconds : 0;
  std::string line = fmt::format("\rcandour: {} messages, {:.1f} MB/s", p.messages, rate);
  const double share = p.total_bytes > 0 ? std::min(1.0, p.done_bytes / static_cast<double>(p.total_bytes)) : 0;
  if (share >= 0.01) {
    const auto left = static_cast<int64_t>(p.seconds * (1 - share) / share);
    line += fmt::format(", {:.0f}%, about {}:{:02} left", share * 100, left / 60, left % 60);
  }
  line += fmt::format(", {} flagged   ", p.flagged);  // the spaces clear a longer line before
  return line;
}

}  // namespace candour
