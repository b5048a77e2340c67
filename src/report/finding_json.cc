#include "report/finding_json.h"

#include <cmath>

namespace candour {

void write_finding(JsonWriter& json, const Finding& f) {
  json.begin_object();
  json.key("category").value(to_string(f.category));
  json.key("target").string_or_null(to_string(f.target));
  json.key("severity").value(f.severity);
  json.key("confidence").value(std::round(f.confidence * 1000.0) / 1000.0);
  json.key("start").value(static_cast<uint64_t>(f.start));
  json.key("end").value(static_cast<uint64_t>(f.end));
  json.key("evidence").value(f.evidence);
  json.key("rule").value(f.rule);
  json.key("source").value(f.source);
  json.key("standards").strings(f.standards);
  if (!f.note.empty()) json.key("note").value(f.note);
  if (f.doubted) json.key("doubted").value(true);
  json.end_object();
}

void write_findings(JsonWriter& json, const std::vector<Finding>& findings) {
  json.begin_array();
  for (const auto& f : findings) write_finding(json, f);
  json.end_array();
}

}  // namespace candour
