// report.html: one self-contained page (no scripts, no external resources)
// with the overview, counts and every flagged message with its highlighted
// evidence. Flagged messages are spooled to a temporary file while scanning,
// so memory stays flat however many there are. All message text is escaped.
#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "candour/finding.h"
#include "candour/message.h"
#include "analyze/reply_tracker.h"
#include "report/summary.h"

namespace candour {

std::string html_escape(std::string_view text);

// "b*****": the first character kept (if `keep_first`), the rest starred, spaces kept.
std::string masked_text(std::string_view text, bool keep_first);

// The message text as HTML with every finding's span wrapped in <mark>, and
// words from the lexicon masked until the reader reveals them.
std::string highlight_html(std::string_view text, const std::vector<Finding>& findings);

class HtmlReport {
 public:
  HtmlReport();
  ~HtmlReport();
  HtmlReport(const HtmlReport&) = delete;
  HtmlReport& operator=(const HtmlReport&) = delete;

  // False if the temporary spool file could not be created.
  bool ok() const { return spool_ != nullptr; }

  void add_flagged(const FlaggedRecord& record);
  // A message whose findings context cleared: listed apart, so a reviewer can check.
  void add_cleared(const Message& message, const std::vector<Finding>& cleared);
  // Writes the whole page, piece by piece, through `write`.
  void render(const ScanResult& result, const std::function<void(std::string_view)>& write);

 private:
  void format_message(const Message& message, const std::vector<Finding>& findings, int severity,
                      const FlaggedRecord* replies = nullptr, const std::string& anchor = "");
  // For the per-person sections: a list item per flagged message of each
  // person, written as the message is flagged (not all at the end, where
  // the scan waits for the report).
  std::map<std::string, std::string> person_items_;  // by display name
  uint64_t flagged_count_ = 0;
  FILE* spool_;
  FILE* cleared_spool_;
  std::unique_ptr<char[]> spool_buffers_;  // both spools', as large as the outputs' (util/atomic_file.h)
  std::string row_;
};

}  // namespace candour
