// Recognises a chat export from the first bytes of a file and its name.
// JSON exports are told apart by their top-level keys (docs/formats/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace candour {

// The formats candour reads. Slack's day files and its users.json and
// channels.json are recognised separately; the catalogue groups them.
inline constexpr std::string_view kKnownFormats[] = {
    "whatsapp", "messenger", "messenger-e2ee", "messenger-html", "telegram", "telegram-html", "slack", "discord", "teams", "cellebrite", "csv", "jsonl"};

// Returns a format name, "slack-day", "slack-users", "slack-channels", or ""
// when the file is none of them.
std::string sniff_format(std::string_view head, std::string_view filename);

// The keys of the top-level object (or of the first object of a top-level
// array) that appear in `head`, which may be cut anywhere.
std::vector<std::string> top_level_json_keys(std::string_view head, bool* is_array);

bool is_known_format(std::string_view name);

}  // namespace candour
