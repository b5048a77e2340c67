// Telegram Desktop's HTML export: messages.html, messages2.html, ... (about a
// thousand messages each) in one chat folder. A message "joined" to the one
// before it has no sender line: the sender carries forward. Each file is
// parsed with libxml2's HTML parser (files are small). docs/formats/telegram.md.
#include <fmt/core.h>
#include <libxml/HTMLparser.h>

#include <cstdio>
#include <memory>

#include "ingest/reader_support.h"
#include "ingest/readers.h"
#include "ingest/timestamps.h"

namespace candour {

namespace {

constexpr std::size_t kMaxHtmlFile = 256u << 20;

bool has_class(xmlNodePtr node, std::string_view wanted) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>("class"));
  if (!value) return false;
  std::string_view classes(reinterpret_cast<const char*>(value));
  bool found = false;
  for (std::size_t pos = 0; pos <= classes.size();) {
    std::size_t end = classes.find(' ', pos);
    if (end == std::string_view::npos) end = classes.size();
    if (classes.substr(pos, end - pos) == wanted) found = true;
    pos = end + 1;
  }
  xmlFree(value);
  return found;
}

std::string prop(xmlNodePtr node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

// All text under a node; <br> becomes a line break.
void text_of(xmlNodePtr node, std::string& out) {
  for (xmlNodePtr c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) {
      out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      if (xmlStrcasecmp(c->name, reinterpret_cast<const xmlChar*>("br")) == 0) out.push_back('\n');
      else text_of(c, out);
    }
  }
}

std::string trimmed(std::string s) {
  std::size_t b = s.find_first_not_of(" \n\t\r"), e = s.find_last_not_of(" \n\t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

xmlNodePtr find_child(xmlNodePtr node, std::string_view cls) {
  for (xmlNodePtr c = node ? node->children : nullptr; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && has_class(c, cls)) return c;
  }
  return nullptr;
}

// Depth-first search for the first element with the class.
xmlNodePtr find_deep(xmlNodePtr node, std::string_view cls) {
  for (xmlNodePtr c = node ? node->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (has_class(c, cls)) return c;
    if (xmlNodePtr found = find_deep(c, cls)) return found;
  }
  return nullptr;
}

// title="02.03.2017 22:01:00 UTC+01:00" -> wall clock and UTC.
void read_date(const std::string& title, Message& m) {
  int d, mo, y, h, mi, s;
  char rest[32] = {};
  if (std::sscanf(title.c_str(), "%2d.%2d.%4d %2d:%2d:%2d %31s", &d, &mo, &y, &h, &mi, &s, rest) < 6) return;
  m.time = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, mo, d, h, mi, s);
  std::string_view zone(rest);
  if (zone.substr(0, 3) == "UTC" && zone.size() >= 4) {
    std::string iso = m.time + std::string(zone.substr(3));
    std::string wall;
    parse_iso8601(iso, &wall, &m.time_utc);
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
    Sha256 hash;
    HashingSource source(part.open(), &hash);
    std::string bytes;
    std::string buffer(1 << 16, '\0');
    for (std::size_t got; (got = source.read(buffer.data(), buffer.size())) > 0;) {
      if (bytes.size() < kMaxHtmlFile) bytes.append(buffer, 0, got);
    }
    if (!source.error().empty()) {
      report.error = part.display + ": " + source.error();
      return false;
    }
    report.files.push_back({part.display, hash.hex_digest(), source.bytes()});
    report.bytes += source.bytes();
    if (source.bytes() > kMaxHtmlFile) {
      report.warnings.push_back(fmt::format("{}: larger than {} MiB, not read", part.display, kMaxHtmlFile >> 20));
      ++report.records;
      emit_unparsed_record(report, sink, 0, "(whole file)", "HTML file too large");
      continue;
    }
    std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
        htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, "UTF-8",
                       HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER),
        xmlFreeDoc);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    xmlNodePtr history = find_deep(root, "history");
    if (!history) {
      report.warnings.push_back(part.display + ": no message history found in this page");
      ++report.records;
      emit_unparsed_record(report, sink, 0, "(whole file)", "not a Telegram message page");
      continue;
    }
    if (report.files.size() == 1) {  // the chat's name, from the first page's header
      if (xmlNodePtr header = find_deep(find_deep(root, "page_header"), "text")) {
        std::string title;
        text_of(header, title);
        report.conversation = trimmed(title);
      }
    }
    for (xmlNodePtr node = history->children; node; node = node->next) {
      if (node->type != XML_ELEMENT_NODE || !has_class(node, "message")) continue;
      ++report.records;
      clear_message(m);
      const std::string name = part_file_name(part);
      m.source = report.files.back().path;
      m.sha256 = report.files.back().sha256;
      m.format = report.format;
      m.conversation = report.conversation;
      m.line = static_cast<uint64_t>(xmlGetLineNo(node));
      m.location = fmt::format("{} #{} (line {})", name, prop(node, "id"), m.line);
      m.line = 0;
      m.id = prop(node, "id");
      if (has_class(node, "service")) {
        m.kind = MessageKind::system;
        std::string text;
        if (xmlNodePtr body = find_deep(node, "body")) text_of(body, text);
        m.text = trimmed(text);
        // Telegram's date separators are service entries whose id is negative ("message-1").
        m.system_action = m.id.rfind("message-", 0) == 0 ? "date" : "service";
        emit_entry(m, report, sink);
        continue;
      }
      xmlNodePtr body = find_child(node, "body");
      if (xmlNodePtr date = find_deep(body, "date")) read_date(prop(date, "title"), m);
      if (xmlNodePtr from = find_child(body, "from_name")) {
        std::string name_text;
        text_of(from, name_text);
        sender = trimmed(name_text);
      } else if (!has_class(node, "joined")) {
        sender.clear();
      }
      m.sender = sender;
      m.sender_key = sender.empty() ? std::string() : sender_key_for(sender);
      if (xmlNodePtr text = find_child(body, "text")) {
        std::string t;
        text_of(text, t);
        m.text = trimmed(t);
      }
      if (xmlNodePtr fwd = find_child(body, "forwarded")) {
        if (xmlNodePtr from = find_child(fwd, "from_name")) {
          std::string f;
          text_of(from, f);
          m.forwarded_from = trimmed(f);
        }
        if (xmlNodePtr text = find_child(fwd, "text")) {
          std::string t;
          text_of(text, t);
          m.text = trimmed(t);
        }
      }
      if (xmlNodePtr reply = find_child(body, "reply_to")) {
        for (xmlNodePtr c = reply->children; c; c = c->next) {
          std::string href = c->type == XML_ELEMENT_NODE ? prop(c, "href") : "";
          std::size_t at = href.find("go_to_message");
          if (at != std::string::npos) m.reply_to = href.substr(at + 13);
        }
      }
      if (xmlNodePtr media = find_deep(body, "media_wrap")) {
        std::string what;
        if (xmlNodePtr title = find_deep(media, "title")) text_of(title, what);
        m.attachments.push_back(what.empty() ? "media" : trimmed(what));
      }
      if (m.text.empty() && !m.attachments.empty()) m.kind = MessageKind::attachment;
      emit_entry(m, report, sink);
    }
  }
  report.sha256 = report.files.size() == 1 ? report.files[0].sha256 : std::string();
  return true;
}

}  // namespace candour
