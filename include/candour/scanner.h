// candour/scanner.h — finds policy matches in message text.
//
// A Scanner compiles a Policy once (Vectorscan databases) and is immutable
// afterwards, so one Scanner may be shared by any number of threads. Each
// thread scans through its own ScanSession, which owns the scratch space and
// buffers and so does not allocate per message once warmed up.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "candour/finding.h"
#include "candour/policy.h"

namespace candour {

class ScannerImpl;
class ScanSessionImpl;
class HateModel;

// Facts established by rule tags (e.g. "partner_violence"), as a bit set; used
// to let a rule in one message depend on what the same sender said just before.
using TagSet = uint64_t;

class Scanner {
 public:
  // Compiles `policy`, which must outlive the Scanner. On failure returns
  // nullptr and sets *error.
  static std::unique_ptr<Scanner> build(const Policy& policy, std::string* error);
  ~Scanner();

  const Policy& policy() const;

  // Adds the statistical model (docs/model.md): a message the rules do not
  // find hateful, but the model does, gets a "model" finding. Call before
  // creating sessions. The Scanner keeps the model.
  void attach_model(std::unique_ptr<HateModel> model);
  // Off: the context rules (a duty report, condemnation, negation, reclaimed
  // use) clear nothing — the lexicon alone, for measuring what they add
  // (`candour eval --no-context`). Call before creating sessions.
  void set_context_rules(bool on);
  const ScannerImpl& impl() const { return *impl_; }

 private:
  explicit Scanner(std::unique_ptr<ScannerImpl> impl);
  std::unique_ptr<ScannerImpl> impl_;
};

class ScanSession {
 public:
  explicit ScanSession(const Scanner& scanner);
  ~ScanSession();
  ScanSession(const ScanSession&) = delete;
  ScanSession& operator=(const ScanSession&) = delete;

  // Replaces `findings` with the findings for `text`, ordered by start offset.
  // `earlier` holds tags from the same sender's previous message (0 if none).
  // Findings that context clears (a duty report, a condemnation, a negation)
  // go to `cleared` instead, with the reason in their note; pass nullptr to
  // discard them. Returns the tags this message establishes.
  TagSet scan(std::string_view text, TagSet earlier, std::vector<Finding>& findings,
              std::vector<Finding>* cleared = nullptr);

  // The protected groups the last scanned message mentions (policy
  // identity_terms), as bits 1 << Target. Mentions are not findings.
  uint32_t mentioned_targets() const;

  // How the last scanned message reads as a reply: laughing or agreeing
  // (policy endorsement_markers, laughing emoji), or pushing back (policy
  // challenge_markers and condemnation_markers).
  struct ReplySignals {
    bool endorses = false;
    bool challenges = false;
  };
  ReplySignals reply_signals() const;

  // What the statistical model said about the last scanned message, for
  // calibration (`candour eval --calibrate`): which evidence it weighed
  // (0 a rule's identity hate on an in-group form, 1 no rule but a group
  // named, 2 neither; -1 the model was not asked) and its P(hateful); and
  // P(threat | hateful) when the message held identity hate (-1 if not asked).
  struct ModelReading {
    int evidence = -1;
    double hateful = 0;
    double threat = -1;
  };
  ModelReading model_reading() const;

 private:
  std::unique_ptr<ScanSessionImpl> impl_;
};

// The severity of a message with these findings: the maximum, 0 if none.
int message_severity(const std::vector<Finding>& findings);

}  // namespace candour
