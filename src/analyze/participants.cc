#include "analyze/participants.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>

#include "ingest/whatsapp_reader.h"
#include "text/utf8.h"

namespace candour {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

// Whole-word, case-insensitive search (ASCII case folding).
bool contains_word(std::string_view haystack_lower, std::string_view word) {
  if (word.empty()) return false;
  for (std::size_t at = haystack_lower.find(word); at != std::string_view::npos;
       at = haystack_lower.find(word, at + 1)) {
    bool left = at == 0 || !is_word_byte(haystack_lower[at - 1]);
    std::size_t end = at + word.size();
    bool right = end >= haystack_lower.size() || !is_word_byte(haystack_lower[end]);
    if (left && right) return true;
  }
  return false;
}

bool is_phone(std::string_view name) {
  return name.empty() || name[0] == '+' || std::isdigit(static_cast<unsigned char>(name[0]));
}

// The first name as written, if it is long enough to mean something.
std::string first_name(std::string_view name) {
  if (is_phone(name)) return {};
  std::size_t space = name.find(' ');
  return (space != std::string_view::npos && space >= 3) ? std::string(name.substr(0, space)) : std::string();
}

}  // namespace

Person& Participants::add(const std::string& key, const std::string& name) {
  auto& slot = by_key_[key];
  if (!slot) {
    slot = std::make_unique<Person>();
    slot->key = key;
    slot->name = name;
    if (!is_phone(name)) slot->words.push_back(lower(name));
    if (auto first = first_name(name); !first.empty()) slot->first_names.push_back(first);
    order_.push_back(slot.get());
  }
  return *slot;
}

bool Participants::load_aliases(const std::string& path, std::string* error) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    *error = path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
    return false;
  }
  const toml::array* people = root["person"].as_array();
  if (!people) {
    *error = path + ": expected [[person]] entries with name and aliases";
    return false;
  }
  for (const auto& item : *people) {
    const toml::table* entry = item.as_table();
    auto name = entry ? (*entry)["name"].value<std::string>() : std::nullopt;
    const toml::array* aliases = entry ? (*entry)["aliases"].as_array() : nullptr;
    if (!name || name->empty() || !aliases) {
      *error = path + ":" + std::to_string(item.source().begin.line) + ": [[person]] needs a name and a list of aliases";
      return false;
    }
    Person& person = add("alias:" + *name, *name);
    alias_to_key_[sender_key_for(clean_display_name(*name))] = person.key;
    for (const auto& alias : *aliases) {
      auto text = alias.value<std::string>();
      if (!text || text->empty()) {
        *error = path + ":" + std::to_string(alias.source().begin.line) + ": aliases must be non-empty strings";
        return false;
      }
      alias_to_key_[sender_key_for(clean_display_name(*text))] = person.key;
      if (!is_phone(*text)) person.words.push_back(lower(*text));
    }
  }
  return true;
}

const Person& Participants::resolve(std::string_view sender_key, std::string_view display_name) {
  if (!alias_to_key_.empty()) {
    auto alias = alias_to_key_.find(sender_key);
    if (alias != alias_to_key_.end()) return *by_key_.find(alias->second)->second;
  }
  auto known = by_key_.find(sender_key);
  if (known != by_key_.end()) return *known->second;
  return add(std::string(sender_key), std::string(display_name));
}

void Participants::named_in(std::string_view text, std::string_view except_key,
                            std::vector<const Person*>& out) const {
  out.clear();
  std::string haystack = lower(text);
  for (const Person* person : order_) {
    if (person->key == except_key) continue;
    bool named = std::any_of(person->words.begin(), person->words.end(),
                             [&](const std::string& w) { return contains_word(haystack, w); }) ||
                 std::any_of(person->first_names.begin(), person->first_names.end(),
                             [&](const std::string& w) { return contains_word(text, w); });
    if (named) out.push_back(person);
  }
}

}  // namespace candour
