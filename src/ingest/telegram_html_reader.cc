// Telegram Desktop's HTML export: messages.html, messages2.html, ... (about a
// thousand messages each) in one chat folder. A message "joined" to the one
// before it has no sender line: the sender carries forward. docs/formats/telegram.md.
#include <fmt/core.h>

#include <cstdio>

#include "ingest/html_page.h"
#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

// title="02.03.2017 22:01:00 UTC+01:00" -> wall clock and UTC.
void read_date(const std::string& title, Message& m) {
  int d, mo, y, h, mi, s;
  char rest[32] = {};
  if (std::sscanf(title.c_str(), "%2d.%2d.%4d %2d:%2d:%2d %31s", &d, &mo, &y, &h, &mi, &s, rest) < 6) return;
  format_iso(y, mo, d, h, mi, s, m.time);
  std::string_view zone(rest);
  if (zone.substr(0, 3) == "UTC" && zone.size() >= 4) {
    std::string wall;
    parse_iso8601(m.time + std::string(zone.substr(3)), &wall, &m.time_utc);
  }
}

}  // namespace

bool read_telegram_html(const InputSource& input, const ReaderOptions&, MessageSink& sink, SourceReport& report) {
  report.format = "telegram-html";
  report.time_zone = "as shown by the export (time_utc from its UTC offset)";
  report.files.reserve(input.parts.size());
  Message m;
  std::string sender;  // carried forward across "joined" messages
  for (const InputPart& part : input.parts) {
    HtmlDoc doc = read_html_page(part, report, sink);
    if (!report.error.empty()) return false;
    if (!doc) continue;
    xmlNodePtr root = xmlDocGetRootElement(doc.get());
    xmlNodePtr history = descendant_with_class(root, "history");
    if (!history) {
      report.warnings.push_back(part.display + ": no message history found in this page");
      ++report.records;
      emit_unparsed_record(report, sink, 0, "(whole file)", "not a Telegram message page");
      continue;
    }
    if (report.files.size() == 1) {  // the chat's name, from the first page's header
      if (xmlNodePtr header = descendant_with_class(descendant_with_class(root, "page_header"), "text")) {
        report.conversation = text_under(header);
      }
    }
    const std::string name = part_file_name(part);
    for (xmlNodePtr node = history->children; node; node = node->next) {
      if (node->type != XML_ELEMENT_NODE || !has_class(node, "message")) continue;
      ++report.records;
      clear_message(m);
      set_provenance(m, report.files.back(), report.format, report.conversation);
      m.id = attribute_of(node, "id");
      m.location = fmt::format("{} #{} (line {})", name, m.id, xmlGetLineNo(node));
      if (has_class(node, "service")) {
        m.kind = MessageKind::system;
        m.text = text_under(descendant_with_class(node, "body"));
        // Telegram's date separators are service entries whose id is negative ("message-1").
        m.system_action = m.id.rfind("message-", 0) == 0 ? "date" : "service";
        emit_entry(m, report, sink);
        continue;
      }
      xmlNodePtr body = child_with_class(node, "body");
      if (xmlNodePtr date = descendant_with_class(body, "date")) read_date(attribute_of(date, "title"), m);
      if (xmlNodePtr from = child_with_class(body, "from_name")) {
        sender = text_under(from);
      } else if (!has_class(node, "joined")) {
        sender.clear();
      }
      m.sender = sender;
      m.sender_key = sender.empty() ? std::string() : sender_key_for(sender);
      if (xmlNodePtr text = child_with_class(body, "text")) m.text = text_under(text);
      if (xmlNodePtr forwarded = child_with_class(body, "forwarded")) {
        m.forwarded_from = text_under(child_with_class(forwarded, "from_name"));
        if (xmlNodePtr text = child_with_class(forwarded, "text")) m.text = text_under(text);
      }
      if (xmlNodePtr reply = child_with_class(body, "reply_to")) {
        std::string href = attribute_of(descendant_named(reply, "a"), "href");
        std::size_t at = href.find("go_to_message");
        if (at != std::string::npos) m.reply_to = href.substr(at + 13);
      }
      if (xmlNodePtr media = descendant_with_class(body, "media_wrap")) {
        std::string what = text_under(descendant_with_class(media, "title"));
        m.attachments.push_back(what.empty() ? "media" : what);
      }
      if (m.text.empty() && !m.attachments.empty()) m.kind = MessageKind::attachment;
      emit_entry(m, report, sink);
    }
  }
  return true;
}

}  // namespace candour
