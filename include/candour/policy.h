// candour/policy.h — the detection policy: terms, phrase rules, allow-list and
// the mapping of categories to a code of conduct.
//
// A policy is data (TOML files under policy/, documented in docs/policy.md).
// The shipped policy is loaded first; each --policy DIR given by an
// organisation is layered on top: an entry with the same id replaces the
// shipped one, `disabled = true` removes it. Shipped files are never edited.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "candour/finding.h"

namespace candour {

struct PolicyLocation {
  std::string file;  // path as given
  int64_t line = 0;  // 1-based, 0 when unknown
};

// A word or fixed expression, with every spelling that should match it.
struct TermRule {
  std::string id;                  // e.g. "homophobic-slur/bender"
  std::string rule_id;             // "lexicon:" + id, the stable id in findings
  Category category = Category::profanity;
  Target target = Target::none;
  int severity = 1;
  std::vector<std::string> forms;  // lower-case spellings, matched whole-word
  bool typos = true;               // also match swapped/dropped-letter misspellings
  // Forms whose use is often not aimed at the group: used in-group or
  // reclaimed ("nigga", "dyke"), or as a general put-down of things and
  // behaviour ("retarded"). When the model reads the message as not hateful,
  // their finding is shown but doubted; a put-down in a message that names
  // the group is not.
  std::vector<std::string> in_group_forms;
  std::vector<std::string> put_down_forms;
  std::string note;                // what it means and why it is listed
  PolicyLocation where;
};

// A token pattern such as "i would happily {sexual_violence_verb} {person}".
// See docs/policy.md for the pattern language.
struct PhraseRule {
  std::string id;
  std::string rule_id;             // "pattern:" + id
  std::string pattern;
  Category category = Category::profanity;
  Target target = Target::none;
  int severity = 1;
  std::vector<std::string> tags;   // facts this rule establishes, e.g. "partner_violence"
  bool target_from_mention = false; // target = "mentioned": the group the message names
  std::string requires_tag;        // only fires when this tag was seen in the same
                                   // message or (unless same_message_only) in the
                                   // same sender's previous message
  bool same_message_only = false;  // requires_within = "message"
  std::string note;
  PolicyLocation where;
};

// Text that contains or resembles a term but is innocent ("on a bender",
// "Scunthorpe"). A term or phrase match lying inside an allow match is dropped.
struct AllowRule {
  std::string id;
  std::string text;                // lower-case, matched whole-word
  std::string note;
  PolicyLocation where;
};

// Words that change what a message's findings mean (docs/policy.md, "Context"):
// a duty report quotes abuse, a condemnation names it to reject it, a
// negation denies it. Findings under such context are cleared, not dropped:
// they stay visible with the reason.
struct ContextMarkers {
  std::vector<std::string> duty;          // "complainant states", "logged as"
  std::vector<std::string> reported_speech;  // "called him", "shouted": a duty report quoting words (needed to clear a slur)
  std::vector<std::string> reported_abuse;  // "called me", "being called", "she said": someone else's words (clears a slur)
  std::vector<std::string> condemnation;  // "isn't banter", "that's racist"
  std::vector<std::string> negation;      // "don't think", "no one should"
  std::vector<std::string> reclaim;       // "i'm a proud", "us": self-description with a slur
  std::vector<std::string> endorsement;   // replies that laugh or agree: "lol", "classic"
  std::vector<std::string> challenge;     // replies that push back: "out of order", "pack it in"
  std::vector<std::string> group_reference;  // words that speak of a group without naming it: "they", "these people"
};

struct StandardsMapping {
  std::string id;                  // "police", "employer"
  std::string title;
  std::map<std::string, std::string> standard_titles;             // standard id -> title
  std::array<std::vector<std::string>, kCategoryCount> by_category;  // standard ids
};

struct Policy {
  std::string name;
  std::string version;
  std::string sha256;              // over every file loaded, in load order
  std::vector<std::string> files;
  std::vector<TermRule> terms;
  std::vector<PhraseRule> phrases;
  std::vector<AllowRule> allows;
  std::map<std::string, std::vector<std::string>> word_classes;
  // Ordinary words a generated misspelling must never become ("sitting" is
  // not a typo of "shitting").
  std::vector<std::string> ordinary_words;
  ContextMarkers context;
  // Words that mention a protected group, by target (never findings themselves).
  std::array<std::vector<std::string>, kTargetCount> identity_terms;
  std::map<std::string, StandardsMapping> mappings;
  std::string active_mapping = "police";

  const StandardsMapping* mapping() const;
};

struct PolicyError {
  PolicyLocation where;
  std::string message;
};

// The folder holding the shipped policy: $CANDOUR_POLICY_DIR if set, else the
// source tree's policy/ (build tree runs), else the installed share/ folder.
std::string default_policy_dir();

// Loads `dirs` in order into `policy`. Returns every problem found (empty on
// success); a policy with errors must not be used.
std::vector<PolicyError> load_policy(const std::vector<std::string>& dirs, Policy& policy);

}  // namespace candour
