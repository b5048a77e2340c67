#include "ingest/format_sniffer.h"

#include <algorithm>

#include "ingest/json_stream.h"
#include "ingest/whatsapp_reader.h"

namespace candour {

namespace {

bool ends_with_ci(std::string_view name, std::string_view ext) {
  if (name.size() < ext.size()) return false;
  for (std::size_t i = 0; i < ext.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(name[name.size() - ext.size() + i])) != ext[i]) return false;
  }
  return true;
}

bool has(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && (s[0] == ' ' || s[0] == '\n' || s[0] == '\r' || s[0] == '\t')) s.remove_prefix(1);
  return s;
}

bool looks_like_slack_day_name(std::string_view name) {
  // YYYY-MM-DD.json
  if (name.size() != 15 || !ends_with_ci(name, ".json")) return false;
  for (std::size_t i = 0; i < 10; ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? name[i] != '-' : !std::isdigit(static_cast<unsigned char>(name[i]))) return false;
  }
  return true;
}

// A header line of a delimited file, split on commas (quotes removed).
std::vector<std::string> csv_header_names(std::string_view head) {
  std::string_view line = head.substr(0, head.find('\n'));
  std::vector<std::string> names(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) names.emplace_back();
    else if (c != '\r') names.back().push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return names;
}

}  // namespace

bool is_known_format(std::string_view name) {
  return std::find(std::begin(kKnownFormats), std::end(kKnownFormats), name) != std::end(kKnownFormats);
}

std::vector<std::string> top_level_json_keys(std::string_view head, bool* is_array) {
  std::vector<std::string> keys;
  auto source = open_memory_source(head);
  JsonStream json(*source, /*lenient=*/true);
  using Token = JsonStream::Token;
  Token t = json.next();
  *is_array = t == Token::begin_array;
  if (*is_array) t = json.next();
  if (t != Token::begin_object) return keys;
  const int depth = json.depth();
  for (;;) {
    t = json.next();
    if (t != Token::key || json.depth() != depth) break;
    keys.emplace_back(json.text());
    if (!json.skip(json.next())) break;
  }
  return keys;
}

std::string sniff_format(std::string_view head, std::string_view filename) {
  std::string_view body = skip_bom_and_space(head);
  if (body.empty()) return {};
  if (body[0] == '<') {
    if (body.find("pa.cellebrite.com/report") != std::string_view::npos) return "cellebrite";
    if ((ends_with_ci(filename, ".html") || ends_with_ci(filename, ".htm")) &&
        body.find("class=\"page_wrap\"") != std::string_view::npos &&
        body.find("class=\"history\"") != std::string_view::npos) {
      return "telegram-html";  // Telegram Desktop's HTML export
    }
    if ((ends_with_ci(filename, ".html") || ends_with_ci(filename, ".htm")) && filename.substr(0, 8) == "message_" &&
        (body.find("_a6-g") != std::string_view::npos || body.find("uiBoxWhite") != std::string_view::npos)) {
      return "messenger-html";  // Facebook's HTML download
    }
    return {};
  }
  // Before JSON: iOS WhatsApp lines start with '['.
  if (looks_like_whatsapp(head, nullptr)) return "whatsapp";
  if (body[0] == '{' || body[0] == '[') {
    if (ends_with_ci(filename, ".jsonl") || ends_with_ci(filename, ".ndjson")) return "jsonl";
    bool is_array = false;
    std::vector<std::string> keys = top_level_json_keys(body, &is_array);
    if (is_array) {
      if (has(keys, "ts") && (has(keys, "type") || has(keys, "text"))) return "slack-day";
      if (filename == "users.json" && has(keys, "id") && has(keys, "name")) return "slack-users";
      if ((filename == "channels.json" || filename == "groups.json" || filename == "mpims.json" ||
           filename == "dms.json") && has(keys, "id")) {
        return "slack-channels";
      }
      if (keys.empty() && looks_like_slack_day_name(filename) && body.find(']') != std::string_view::npos) {
        return "slack-day";  // a day with no messages: "[]"
      }
      return {};
    }
    if (has(keys, "guild") && has(keys, "channel")) return "discord";
    if (has(keys, "conversations") && (has(keys, "userId") || has(keys, "exportDate"))) return "teams";
    if (has(keys, "participants") && (has(keys, "threadName") || (has(keys, "messages") && body.find("\"senderName\"") != std::string_view::npos))) {
      return "messenger-e2ee";
    }
    if (has(keys, "participants") && (has(keys, "messages") || has(keys, "thread_path") || has(keys, "title"))) {
      return "messenger";
    }
    if ((has(keys, "messages") && has(keys, "type") && (has(keys, "name") || has(keys, "id"))) ||
        (has(keys, "chats") && (has(keys, "about") || has(keys, "personal_information") || has(keys, "contacts") ||
                                has(keys, "left_chats") || keys.front() == "chats"))) {
      return "telegram";
    }
    // A single JSON object per line with a text field.
    if (body[0] == '{' && body.find('\n') != std::string_view::npos && (has(keys, "text") || has(keys, "body") || has(keys, "message") || has(keys, "content"))) {
      return "jsonl";
    }
    return {};
  }
  if (ends_with_ci(filename, ".csv") || ends_with_ci(filename, ".tsv")) {
    for (const auto& name : csv_header_names(body)) {
      if (name == "text" || name == "body" || name == "message" || name == "content" || name == "message text") {
        return "csv";
      }
    }
  }
  return {};
}

}  // namespace candour
