#include "report/message_record.h"

#include "report/finding_json.h"
#include "util/base64.h"

namespace candour {

void write_flagged_record(JsonWriter& json, const FlaggedRecord& record, std::string_view time_zone,
                          std::string_view policy_sha256) {
  const Message& m = record.message;
  const std::vector<Finding>& findings = record.findings;
  const std::vector<Finding>& cleared = record.cleared;
  const int severity = record.severity;
  json.begin_object();
  json.key("source").value(m.source);
  json.key("sha256").value(m.sha256);
  json.key("format").value(m.format);
  json.key("conversation").string_or_null(m.conversation);
  json.key("index").value(m.index);
  json.key("line").value(m.line);
  json.key("line_count").value(m.line_count);
  json.key("time").string_or_null(m.time);
  json.key("time_zone").value(time_zone);
  if (!m.time_utc.empty()) json.key("time_utc").value(m.time_utc);
  if (!m.time_raw.empty()) json.key("time_raw").value(m.time_raw);
  if (!m.location.empty()) json.key("location").value(m.location);
  if (!m.id.empty()) json.key("id").value(m.id);
  if (!m.reply_to.empty()) json.key("reply_to").value(m.reply_to);
  if (!m.forwarded_from.empty()) json.key("forwarded_from").value(m.forwarded_from);
  if (!m.deleted_state.empty()) json.key("deleted_state").value(m.deleted_state);
  if (!m.decoding_confidence.empty()) json.key("decoding_confidence").value(m.decoding_confidence);
  json.key("sender").string_or_null(m.sender);
  if (!record.sender_exported.empty()) json.key("sender_exported").value(record.sender_exported);
  json.key("sender_key").string_or_null(m.sender_key);
  json.key("kind").value(to_string(m.kind));
  if (m.edited) json.key("edited").value(true);
  json.key("text").value(m.text);
  if (!m.attachments.empty()) json.key("attachments").strings(m.attachments);
  if (m.invalid_utf8) json.key("text_bytes_base64").value(base64_encode(m.text));  // the evidence, byte for byte
  json.key("severity").value(severity);
  json.key("findings");
  write_findings(json, findings);
  if (!cleared.empty()) {
    json.key("cleared");
    write_findings(json, cleared);
  }
  json.key("reactions").begin_array();  // WhatsApp text exports carry none
  for (const auto& r : m.reactions) json.begin_object().key("actor").value(r.actor).key("reaction").value(r.reaction).end_object();
  json.end_array();
  json.key("endorsed_by").strings(record.endorsed_by);
  json.key("challenged_by").strings(record.challenged_by);
  json.key("targets").strings(record.targets);
  json.key("policy_sha256").value(policy_sha256);
  json.end_object();
}

}  // namespace candour
