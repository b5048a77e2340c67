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
#include <utility>
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
  // `items_in_memory`: how many bytes of the per-person lists of flagged
  // messages are kept in memory; past it they go to a temporary file, so
  // that memory does not grow with the number of flagged messages.
  static constexpr std::size_t kItemsInMemory = std::size_t{8} << 20;
  explicit HtmlReport(std::size_t items_in_memory = kItemsInMemory);
  ~HtmlReport();
  HtmlReport(const HtmlReport&) = delete;
  HtmlReport& operator=(const HtmlReport&) = delete;

  // False if the temporary spool file could not be created.
  bool ok() const { return spool_ != nullptr; }

  void add_flagged(const FlaggedRecord& record);
  // A message whose findings context cleared: listed apart, so a reviewer can check.
  void add_cleared(const Message& message, const std::vector<Finding>& cleared);
  // Writes the whole page, piece by piece, through `write`. False if one of
  // the temporary files the page is assembled from could not be written or
  // read back (a full disk): the page is then incomplete and must not be kept.
  bool render(const ScanResult& result, const std::function<void(std::string_view)>& write);

 private:
  void format_message(const Message& message, const std::vector<Finding>& findings, int severity,
                      const FlaggedRecord* replies = nullptr, const std::string& anchor = "");
  // For the per-person sections: a list item per flagged message of each
  // person, written as the message is flagged (not all at the end, where
  // the scan waits for the report); in memory up to items_in_memory_ bytes
  // in all, then appended to items_spool_, each person's in order.
  struct PersonItems {
    std::string pending;  // not yet in the spool
    std::vector<std::pair<uint64_t, std::size_t>> spooled;  // (offset, length) in items_spool_
  };
  void spool_person_items();
  std::map<std::string, PersonItems> person_items_;  // by display name
  std::size_t items_in_memory_, pending_bytes_ = 0;
  FILE* items_spool_ = nullptr;  // made when first needed
  uint64_t items_spooled_ = 0;
  bool items_spool_failed_ = false;  // then everything stays in memory
  bool spool_failed_ = false;        // a flagged or cleared message, or a list, is missing from the spools
  uint64_t flagged_count_ = 0;
  FILE* spool_;
  FILE* cleared_spool_;
  std::unique_ptr<char[]> spool_buffers_;  // both spools', as large as the outputs' (util/atomic_file.h)
  std::string row_;
};

}  // namespace candour
