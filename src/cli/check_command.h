// `candour check`: the streaming filter of CONTRACT.md. One JSON line out for
// every line in, in order; a bad line gets an error line and the stream goes on.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "candour/scanner.h"

namespace candour {

class CheckFilter {
 public:
  // `plain_text`: each line is a message (id = 1-based line number) rather than JSON.
  CheckFilter(const Scanner& scanner, bool plain_text);
  ~CheckFilter();

  // Appends exactly one JSON line (with '\n') for `line` to `out`.
  void process(std::string_view line, std::string& out);
  // The same for line number `line_number` (the id of plain text), for callers that number lines themselves.
  void process(std::string_view line, uint64_t line_number, std::string& out);

 private:
  void write_result(std::string_view id_json, std::string_view text, std::string& out);
  struct Parser;
  ScanSession session_;
  bool plain_text_;
  uint64_t line_number_ = 0;
  std::vector<Finding> findings_;
  std::vector<Finding> cleared_;
  std::unique_ptr<Parser> parser_;
  std::string padded_;
};

// Reads `in` to the end, writing results to `out`. Returns the exit status.
// `threads` > 1 checks lines in parallel; the output is the same, in the same order.
int run_check(const Scanner& scanner, bool plain_text, FILE* in, FILE* out, int threads = 1);

}  // namespace candour
