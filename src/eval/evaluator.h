// Scores the detector against labelled JSON Lines (the schema of
// ../shared/data: text, hateful, abusive, categories, targets). Labels that
// are null or absent are not scored: absence of a category is not a negative.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "candour/finding.h"
#include "candour/scanner.h"
#include "model/hate_model.h"

namespace candour {

struct BinaryCounts {
  uint64_t tp = 0, fp = 0, fn = 0, tn = 0;
  void add(bool truth, bool predicted);
  double precision() const;
  double recall() const;
  double f1() const;
  uint64_t scored() const { return tp + fp + fn + tn; }
};

struct EvalResult {
  uint64_t rows = 0;
  uint64_t bad_rows = 0;          // not JSON or no text
  double scan_seconds = 0;        // detection time only
  BinaryCounts hateful, abusive;  // over rows where the label is 0 or 1
  std::map<std::string, BinaryCounts> hateful_by_file, abusive_by_file;
  // Categories: recall over rows labelled with the category, and how many
  // rows labelled clean (abusive = 0) got the category anyway.
  std::array<uint64_t, kCategoryCount> category_labelled{}, category_found{}, category_on_clean{};
  // Targets: recall (identity_hate with that target) over hateful rows naming
  // the target; false-positive rate over hateful = 0 rows.
  std::array<uint64_t, kTargetCount> target_labelled{}, target_found{}, target_any_flag{},
      target_false_positive{};
  uint64_t not_hateful_rows = 0;
  // Fairness: among not-hateful rows that mention a group, how many were
  // flagged as identity hate (of any target).
  std::array<uint64_t, kTargetCount> mention_rows{}, mention_flagged{};
  // Functional test suites (rows with a "functionality" field): how many
  // rows of each functionality had hateful predicted right.
  std::map<std::string, std::pair<uint64_t, uint64_t>> functionality;  // name -> (correct, total)
  // Calibration: for each kind of model evidence (ScanSession::ModelReading)
  // and each tenth of P(hateful), rows with hateful labelled, and how many
  // of them were hateful.
  static constexpr int kEvidenceKinds = HateModel::Settings::kEvidenceKinds, kBins = HateModel::Settings::kBins;
  // (the threat kind: P(threat | hateful) and threatening rows, over hateful
  // rows whose source says whether they threaten).
  std::array<std::array<std::pair<uint64_t, uint64_t>, kBins>, kEvidenceKinds> calibration{};  // (hateful, rows)
  // Threat, over hateful rows whose source says whether they threaten (the
  // one category with known negatives): predicted vs labelled.
  BinaryCounts threat_where_typed;
};

class Evaluator {
 public:
  explicit Evaluator(const Scanner& scanner) : session_(scanner) {}
  // Reads one file; returns false (and sets *error) if it cannot be opened.
  bool add_file(const std::string& path, std::string* error);
  const EvalResult& result() const { return result_; }
  // Also collect every row whose hateful label the detector got wrong, as
  // JSON Lines (file, id, text, hateful, findings) — for error analysis.
  void keep_mistakes(bool keep) { keep_mistakes_ = keep; }
  const std::string& mistakes() const { return mistakes_; }

 private:
  void add_row(const std::string& file, std::string_view line);
  ScanSession session_;
  EvalResult result_;
  std::vector<Finding> findings_;
  bool keep_mistakes_ = false;
  std::string mistakes_;
};

// The human-readable table printed by `candour eval`.
std::string format_eval(const EvalResult& result);
// The same figures as JSON, for docs and comparisons.
std::string eval_json(const EvalResult& result);
// The calibration tables for models/model.toml (`candour eval --calibrate`):
// the share of hateful rows per bin, made non-decreasing (pooled adjacent
// violators) and smoothed towards the kind's overall rate in sparse bins.
std::string calibration_toml(const EvalResult& result);

}  // namespace candour
