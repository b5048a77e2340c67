// findings.csv: one row per finding of each flagged message, for
// spreadsheets. RFC 4180 (CRLF rows, fields quoted when they need it, quotes
// doubled); UTF-8, with an optional byte-order mark so Excel reads it as UTF-8.
#pragma once

#include <string>

#include "analyze/reply_tracker.h"

namespace candour {

void append_csv_field(std::string& out, std::string_view field);
std::string csv_header(bool with_bom);
// Appends the rows of one flagged record.
void append_csv_rows(std::string& out, const FlaggedRecord& record, std::string_view time_zone);

}  // namespace candour
