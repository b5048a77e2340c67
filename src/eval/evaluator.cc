#include "eval/evaluator.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "report/finding_json.h"
#include "model/training_labels.h"
#include "report/json_writer.h"

namespace candour {

void BinaryCounts::add(bool truth, bool predicted) {
  if (truth && predicted) ++tp;
  else if (truth) ++fn;
  else if (predicted) ++fp;
  else ++tn;
}
double BinaryCounts::precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0.0; }
double BinaryCounts::recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0.0; }
double BinaryCounts::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

namespace {

// -1 for null or absent, else 0/1.
int label(simdjson::dom::element row, const char* key) {
  simdjson::dom::element value;
  if (row[key].get(value)) return -1;
  int64_t number;
  if (!value.get_int64().get(number)) return number != 0 ? 1 : 0;
  bool flag;
  if (!value.get_bool().get(flag)) return flag ? 1 : 0;
  return -1;
}

template <typename Parse>
void for_each_string(simdjson::dom::element row, const char* key, Parse parse) {
  simdjson::dom::array items;
  if (row[key].get_array().get(items)) return;
  for (auto item : items) {
    std::string_view text;
    if (!item.get_string().get(text)) parse(text);
  }
}

}  // namespace

bool Evaluator::add_file(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  std::string file = std::filesystem::path(path).filename().string();
  std::string line;
  while (std::getline(in, line)) add_row(file, line);
  return true;
}

void Evaluator::add_row(const std::string& file, std::string_view line) {
  static thread_local simdjson::dom::parser parser;
  ++result_.rows;
  simdjson::dom::element row;
  std::string_view text;
  if (parser.parse(line.data(), line.size(), true).get(row) || row["text"].get_string().get(text)) {
    ++result_.bad_rows;
    return;
  }
  auto start = std::chrono::steady_clock::now();
  session_.scan(text, 0, findings_);
  result_.scan_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::array<bool, kCategoryCount> predicted_category{};
  std::array<bool, kTargetCount> predicted_target{};
  for (const auto& f : findings_) {
    if (f.doubted) continue;  // shown and flagging, but not an identity-hate call
    predicted_category[static_cast<int>(f.category)] = true;
    if (f.category == Category::identity_hate) predicted_target[static_cast<int>(f.target)] = true;
  }
  const bool flagged = !findings_.empty();
  const bool predicted_hate = predicted_category[static_cast<int>(Category::identity_hate)];

  int hateful = label(row, "hateful"), abusive = label(row, "abusive");
  std::string_view functionality;
  if (hateful >= 0 && !row["functionality"].get_string().get(functionality)) {
    auto& [correct, total] = result_.functionality[std::string(functionality)];
    ++total;
    if ((hateful == 1) == predicted_hate) ++correct;
  }
  auto calibrate = [&](int kind, double p, bool positive) {
    int bin = std::clamp(static_cast<int>(p * EvalResult::kBins), 0, EvalResult::kBins - 1);
    auto& [positives, rows] = result_.calibration[kind][bin];
    positives += positive;
    ++rows;
  };
  const auto reading = session_.model_reading();
  if (hateful >= 0 && reading.evidence >= 0) calibrate(reading.evidence, reading.hateful, hateful == 1);
  if (hateful == 1) {
    if (std::optional<bool> threat = labelled_threat(row)) {
      result_.threat_where_typed.add(*threat, predicted_category[static_cast<int>(Category::threat)]);
      if (reading.threat >= 0) calibrate(HateModel::Settings::threat, reading.threat, *threat);
    }
  }
  if (keep_mistakes_ && hateful >= 0 && (hateful == 1) != predicted_hate) {
    JsonWriter json(mistakes_);
    json.begin_object().key("file").value(file);
    std::string_view id;
    if (!row["id"].get_string().get(id)) json.key("id").value(id);
    json.key("text").value(text).key("hateful").value(int64_t(hateful));
    json.key("mentions").begin_array();
    for (int t = 1; t < kTargetCount; ++t) {
      if (session_.mentioned_targets() & (1u << t)) json.value(to_string(static_cast<Target>(t)));
    }
    json.end_array();
    json.key("model_p").value(session_.model_reading().hateful);
    json.key("findings");
    write_findings(json, findings_);
    json.end_object();
    mistakes_.push_back('\n');
  }
  if (hateful >= 0) {
    result_.hateful.add(hateful == 1, predicted_hate);
    result_.hateful_by_file[file].add(hateful == 1, predicted_hate);
  }
  if (abusive >= 0) {
    result_.abusive.add(abusive == 1, flagged);
    result_.abusive_by_file[file].add(abusive == 1, flagged);
  }
  for_each_string(row, "categories", [&](std::string_view name) {
    if (auto c = parse_category(name)) {
      ++result_.category_labelled[static_cast<int>(*c)];
      if (predicted_category[static_cast<int>(*c)]) ++result_.category_found[static_cast<int>(*c)];
    }
  });
  if (abusive == 0) {
    for (int c = 0; c < kCategoryCount; ++c) {
      if (predicted_category[c]) ++result_.category_on_clean[c];
    }
  }
  if (hateful == 1) {
    for_each_string(row, "targets", [&](std::string_view name) {
      if (auto t = parse_target(name)) {
        int i = static_cast<int>(*t);
        ++result_.target_labelled[i];
        if (predicted_target[i]) ++result_.target_found[i];
        if (flagged) ++result_.target_any_flag[i];
      }
    });
  } else if (hateful == 0) {
    ++result_.not_hateful_rows;
    const uint32_t mentioned = session_.mentioned_targets();
    for (int t = 1; t < kTargetCount; ++t) {
      if (!(mentioned & (1u << t))) continue;
      ++result_.mention_rows[t];
      if (predicted_hate) ++result_.mention_flagged[t];
    }
    for (int t = 1; t < kTargetCount; ++t) {
      if (predicted_target[t]) ++result_.target_false_positive[t];
    }
  }
}

namespace {

std::string pct(uint64_t part, uint64_t whole) {
  return whole ? fmt::format("{:5.1f}%", 100.0 * double(part) / double(whole)) : "    – ";
}

std::string binary_row(std::string_view name, const BinaryCounts& c) {
  return fmt::format("{:<28} {:>7} {:>7.3f} {:>7.3f} {:>7.3f} {:>7} {:>7} {:>7}\n", name, c.scored(), c.precision(),
                     c.recall(), c.f1(), c.tp, c.fp, c.fn);
}

}  // namespace

std::string format_eval(const EvalResult& r) {
  std::string out;
  out += fmt::format("{} rows ({} unreadable), detection {:.2f} s = {:.0f} messages/s\n\n", r.rows, r.bad_rows,
                     r.scan_seconds, r.scan_seconds > 0 ? double(r.rows - r.bad_rows) / r.scan_seconds : 0.0);
  out += fmt::format("{:<28} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}\n", "label", "scored", "P", "R", "F1", "TP",
                     "FP", "FN");
  out += binary_row("hateful (identity_hate)", r.hateful);
  out += binary_row("abusive (any flag)", r.abusive);
  for (const auto& [file, c] : r.hateful_by_file) out += binary_row("  hateful  " + file, c);
  for (const auto& [file, c] : r.abusive_by_file) out += binary_row("  abusive  " + file, c);

  out += fmt::format("\n{:<20} {:>9} {:>8} {:>14}\n", "category", "labelled", "recall", "flagged clean");
  for (int c = 0; c < kCategoryCount; ++c) {
    if (!r.category_labelled[c] && !r.category_on_clean[c]) continue;
    out += fmt::format("{:<20} {:>9} {:>8} {:>14}\n", to_string(static_cast<Category>(c)), r.category_labelled[c],
                       pct(r.category_found[c], r.category_labelled[c]), r.category_on_clean[c]);
  }
  if (r.threat_where_typed.scored() > 0) {
    out += "\nthreat among hateful rows whose source says whether they threaten:\n";
    out += binary_row("threat (where typed)", r.threat_where_typed);
  }
  out += fmt::format("\n{:<20} {:>9} {:>14} {:>14} {:>16} {:>22}\n", "target", "labelled", "recall(target)",
                     "recall(flag)", "FPR on not-hate", "FPR not-hate mentioning");
  for (int t = 1; t < kTargetCount; ++t) {
    out += fmt::format("{:<20} {:>9} {:>14} {:>14} {:>16} {:>14} of {:>5}\n", to_string(static_cast<Target>(t)),
                       r.target_labelled[t], pct(r.target_found[t], r.target_labelled[t]),
                       pct(r.target_any_flag[t], r.target_labelled[t]),
                       pct(r.target_false_positive[t], r.not_hateful_rows),
                       pct(r.mention_flagged[t], r.mention_rows[t]), r.mention_rows[t]);
  }
  if (!r.functionality.empty()) {
    out += fmt::format("\n{:<32} {:>7} {:>9}\n", "functionality", "cases", "accuracy");
    for (const auto& [name, counts] : r.functionality) {
      out += fmt::format("{:<32} {:>7} {:>9}\n", name, counts.second, pct(counts.first, counts.second));
    }
  }
  return out;
}

std::string calibration_toml(const EvalResult& r) {
  const auto& names = HateModel::Settings::kCalibrationKeys;
  std::string out =
      "# bins of 0.1 of P(hateful) (calibration_threat: of P(threat | hateful)); measured with candour eval "
      "--calibrate\n";
  for (int kind = 0; kind < EvalResult::kEvidenceKinds; ++kind) {
    uint64_t all_positive = 0, all_rows = 0;
    for (const auto& [positives, rows] : r.calibration[kind]) all_positive += positives, all_rows += rows;
    const double prior = all_rows ? double(all_positive) / double(all_rows) : 0.5;
    // Each bin's rate, pulled towards the kind's rate by 5 pseudo-rows so a
    // bin of two rows does not claim 0% or 100%.
    struct Block { double rate, weight; int bins; };
    std::vector<Block> blocks;
    for (const auto& [positives, rows] : r.calibration[kind]) {
      blocks.push_back({(double(positives) + 5 * prior) / (double(rows) + 5), double(rows) + 5, 1});
      // Pool adjacent violators: a higher P(hateful) never means less hate.
      while (blocks.size() > 1 && blocks[blocks.size() - 2].rate > blocks.back().rate) {
        Block last = blocks.back();
        blocks.pop_back();
        Block& before = blocks.back();
        before.rate = (before.rate * before.weight + last.rate * last.weight) / (before.weight + last.weight);
        before.weight += last.weight;
        before.bins += last.bins;
      }
    }
    out += fmt::format("{} = [", names[kind]);
    bool first = true;
    for (const Block& block : blocks) {
      for (int b = 0; b < block.bins; ++b, first = false) out += fmt::format("{}{:.3f}", first ? "" : ", ", block.rate);
    }
    out += fmt::format("]  # {} rows\n", all_rows);
  }
  return out;
}

std::string eval_json(const EvalResult& r) {
  std::string out;
  JsonWriter json(out);
  auto binary = [&](const BinaryCounts& c) {
    json.begin_object();
    json.key("scored").value(c.scored()).key("precision").value(c.precision()).key("recall").value(c.recall());
    json.key("f1").value(c.f1()).key("tp").value(c.tp).key("fp").value(c.fp).key("fn").value(c.fn).key("tn").value(c.tn);
    json.end_object();
  };
  json.begin_object();
  json.key("rows").value(r.rows).key("unreadable").value(r.bad_rows);
  json.key("messages_per_second").value(r.scan_seconds > 0 ? double(r.rows - r.bad_rows) / r.scan_seconds : 0.0);
  json.key("hateful");
  binary(r.hateful);
  json.key("abusive");
  binary(r.abusive);
  // Every file with either label (Toxic Spans labels abuse only).
  std::set<std::string> files;
  for (const auto& [file, c] : r.hateful_by_file) files.insert(file);
  for (const auto& [file, c] : r.abusive_by_file) files.insert(file);
  json.key("by_file").begin_object();
  for (const auto& file : files) {
    json.key(file).begin_object();
    for (auto [label, counts] : {std::pair{"hateful", &r.hateful_by_file}, std::pair{"abusive", &r.abusive_by_file}}) {
      if (auto it = counts->find(file); it != counts->end()) {
        json.key(label);
        binary(it->second);
      }
    }
    json.end_object();
  }
  json.end_object();
  json.key("categories").begin_object();
  for (int c = 0; c < kCategoryCount; ++c) {
    json.key(to_string(static_cast<Category>(c))).begin_object();
    json.key("labelled").value(r.category_labelled[c]).key("found").value(r.category_found[c]);
    json.key("flagged_clean").value(r.category_on_clean[c]).end_object();
  }
  json.end_object();
  json.key("threat_where_typed");
  binary(r.threat_where_typed);
  json.key("functionalities").begin_object();
  for (const auto& [name, counts] : r.functionality) {
    json.key(name).begin_object().key("cases").value(counts.second).key("correct").value(counts.first).end_object();
  }
  json.end_object();
  json.key("targets").begin_object();
  for (int t = 1; t < kTargetCount; ++t) {
    json.key(to_string(static_cast<Target>(t))).begin_object();
    json.key("labelled").value(r.target_labelled[t]).key("found_with_target").value(r.target_found[t]);
    json.key("flagged").value(r.target_any_flag[t]).key("false_positives").value(r.target_false_positive[t]);
    json.key("not_hateful_rows").value(r.not_hateful_rows);
    json.key("not_hateful_mentioning").value(r.mention_rows[t]).key("flagged_mentioning").value(r.mention_flagged[t]);
    json.end_object();
  }
  json.end_object();
  json.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace candour
