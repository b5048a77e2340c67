#include "report/summary.h"

#include <algorithm>

#include "report/json_writer.h"

namespace candour {
namespace {

void write_problems(JsonWriter& json, const std::vector<InputProblem>& problems) {
  json.begin_array();
  for (const auto& p : problems) {
    json.begin_object().key("path").value(p.path).key("reason").value(p.reason).end_object();
  }
  json.end_array();
}

void write_categories(JsonWriter& json, const std::array<uint64_t, kCategoryCount>& counts) {
  json.begin_object();
  for (int c = 0; c < kCategoryCount; ++c) json.key(to_string(static_cast<Category>(c))).value(counts[c]);
  json.end_object();
}

void write_source(JsonWriter& json, const SourceReport& s) {
  json.begin_object();
  json.key("path").value(s.path);
  json.key("container").string_or_null(s.container);
  json.key("container_sha256").string_or_null(s.container_sha256);
  json.key("sha256").string_or_null(s.sha256);
  json.key("format").string_or_null(s.format);
  json.key("conversation").string_or_null(s.conversation);
  json.key("bytes").value(s.bytes);
  json.key("lines").value(s.lines);
  json.key("entries").value(s.entries);
  json.key("messages").value(s.messages);
  json.key("events").begin_object();
  for (int k = 0; k < kMessageKindCount; ++k) {
    json.key(to_string(static_cast<MessageKind>(k))).value(s.by_kind[k]);
  }
  json.end_object();
  json.key("edited").value(s.edited);
  json.key("lines_in_entries").value(s.lines_in_entries);
  json.key("unparsed_lines").value(s.unparsed_lines);
  json.key("all_lines_accounted").value(s.error.empty() && s.lines_in_entries + s.unparsed_lines == s.lines);
  json.key("records").value(s.records);
  json.key("unparsed_records").value(s.unparsed_records);
  json.key("all_records_accounted").value(s.error.empty() && s.entries + s.unparsed_records == s.records);
  json.key("files").begin_array();
  for (const auto& f : s.files) {
    json.begin_object().key("path").value(f.path).key("sha256").value(f.sha256).key("bytes").value(f.bytes).end_object();
  }
  json.end_array();
  json.key("participants").strings(s.participants);
  json.key("account_owner").string_or_null(s.account_owner);
  json.key("cut_lines").value(s.cut_lines);
  json.key("invalid_utf8_entries").value(s.invalid_utf8_entries);
  json.key("first_time").string_or_null(s.first_time);
  json.key("last_time").string_or_null(s.last_time);
  json.key("time_zone").string_or_null(s.time_zone);
  json.key("date_order").string_or_null(s.date_order);
  json.key("date_order_basis").string_or_null(s.date_order_basis);
  json.key("date_order_guessed").value(s.date_order_guessed);
  json.key("possibly_truncated").value(s.possibly_truncated);
  json.key("warnings").strings(s.warnings);
  json.key("error").string_or_null(s.error);
  json.end_object();
}

}  // namespace

std::string summary_json(const ScanResult& r) {
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  json.key("candour_version").value(CANDOUR_VERSION);
  json.key("policy").begin_object();
  json.key("name").value(r.policy->name);
  json.key("version").value(r.policy->version);
  json.key("sha256").value(r.policy->sha256);
  json.key("standards").value(r.policy->active_mapping);
  json.end_object();

  json.key("sources").begin_array();
  for (const auto& s : r.sources) write_source(json, s);
  json.end_array();
  json.key("failures");
  write_problems(json, r.failures);
  json.key("skipped");
  write_problems(json, r.skipped);

  const ScanStats& st = r.stats;
  json.key("totals").begin_object();
  json.key("entries").value(st.entries);
  json.key("scanned").value(st.scanned);
  json.key("flagged").value(st.flagged);
  json.key("cleared_by_context").value(st.cleared);
  json.key("flagged_endorsed").value(st.flagged_endorsed);
  json.key("flagged_challenged").value(st.flagged_challenged);
  json.key("by_severity").begin_object();
  for (int s = 1; s <= 4; ++s) json.key(std::to_string(s)).value(st.by_severity[s]);
  json.end_object();
  json.key("by_category");
  write_categories(json, st.by_category);
  json.key("by_target").begin_object();
  for (int t = 1; t < kTargetCount; ++t) json.key(to_string(static_cast<Target>(t))).value(st.by_target[t]);
  json.end_object();
  json.end_object();

  json.key("people").begin_array();
  for (const auto* entry : st.people_by_flagged()) {
    const PersonStats& p = entry->second;
    json.begin_object();
    json.key("key").value(entry->first);
    json.key("name").value(p.name);
    json.key("names").strings(p.names);
    json.key("messages").value(p.messages);
    json.key("flagged").value(p.flagged);
    json.key("max_severity").value(p.max_severity);
    json.key("by_category");
    write_categories(json, p.by_category);
    json.key("first_flagged").string_or_null(p.first_flagged);
    json.key("last_flagged").string_or_null(p.last_flagged);
    json.key("endorsements_given").value(p.endorsements_given);
    json.key("endorsements_received").value(p.endorsements_received);
    json.key("challenges_made").value(p.challenges_made);
    json.key("challenges_received").value(p.challenges_received);
    json.key("times_targeted").value(p.times_targeted);
    json.key("present_silent").value(p.present_silent);
    json.key("flagged_days").value(static_cast<uint64_t>(p.flagged_days.size()));
    json.key("pattern").string_or_null(p.pattern());
    json.end_object();
  }
  json.end_array();

  json.key("group").begin_object();
  json.key("share_flagged").value(st.scanned ? double(st.flagged) / double(st.scanned) : 0.0);
  json.key("flagged_endorsed").value(st.flagged_endorsed);
  json.key("flagged_challenged").value(st.flagged_challenged);
  json.key("months").begin_array();
  for (const auto& [month, m] : st.months) {
    json.begin_object().key("month").value(month).key("messages").value(m.messages).key("flagged").value(m.flagged);
    json.key("by_category");
    write_categories(json, m.by_category);
    json.end_object();
  }
  json.end_array();
  json.key("episodes").begin_array();
  for (const auto& e : st.episodes) {
    auto lines = [&](const char* key, const std::vector<ContextLine>& list) {
      json.key(key).begin_array();
      for (const auto& l : list) json.begin_object().key("time").value(l.time).key("sender").value(l.sender).key("text").value(l.text).end_object();
      json.end_array();
    };
    json.begin_object();
    json.key("source").value(e.source).key("index").value(e.message.index).key("time").value(e.message.time);
    json.key("sender").value(e.message.sender).key("text").value(e.message.text).key("severity").value(e.severity);
    json.key("categories").begin_array();
    std::array<bool, kCategoryCount> seen{};
    for (const auto& f : e.findings) {
      if (!seen[static_cast<int>(f.category)]) json.value(to_string(f.category));
      seen[static_cast<int>(f.category)] = true;
    }
    json.end_array();
    json.key("endorsed_by").strings(e.endorsed_by);
    json.key("challenged_by").strings(e.challenged_by);
    lines("before", e.before);
    lines("after", e.after);
    json.end_object();
  }
  json.end_array();
  json.end_object();

  json.key("unparsed").begin_array();
  for (const auto& u : r.unparsed) {
    json.begin_object();
    json.key("source").value(u.source);
    json.key("line").value(u.line);
    json.key("text").value(u.text);
    json.key("reason").value(u.reason);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace candour
