// Redaction for publication (`candour redact`): offensive words masked as a
// watchdog would print them ("f***", "c****"), people replaced by consistent
// pseudonyms, phone numbers and e-mail addresses removed. The key from
// pseudonym to person is written to a separate file.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "candour/finding.h"

namespace candour {

struct Replacement {
  std::size_t start, end;  // byte range of the original text
  std::string text;
};

// Ranges of phone numbers (9+ digits, with spaces, dashes, dots or brackets,
// optional +) and e-mail addresses in `text`.
std::vector<Replacement> find_contact_details(std::string_view text);

// Ranges where `name` occurs as a whole word (case-insensitive if `any_case`).
void find_name(std::string_view text, std::string_view name, bool any_case, const std::string& pseudonym,
               std::vector<Replacement>& out);

// Applies replacements; where two overlap, the earlier-starting (then the
// longer) wins. Masks of lexicon findings are added by the caller first.
std::string apply_replacements(std::string_view text, std::vector<Replacement> replacements);

// "Officer A", "Officer B", ... "Officer Z", "Officer AA", ...
std::string pseudonym(const std::string& label, std::size_t number);

}  // namespace candour
