// The people in a conversation: one identity per person across display
// names, phone numbers and sources, optionally merged and named by an alias
// file (docs/aliases.md), and found when a message names them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include "util/string_map.h"

namespace candour {

struct Person {
  std::string key;                  // stable key (the alias file's name, or the sender key)
  std::string name;                 // display name used in outputs
  std::vector<std::string> words;   // lower-case full names and aliases, matched in any case
  std::vector<std::string> first_names;  // matched only as written ("Will", not "will")
};

class Participants {
 public:
  // Reads an alias file. Returns false and sets *error (file:line: what) on failure.
  bool load_aliases(const std::string& path, std::string* error);

  // The person behind a sender, registering them on first sight.
  const Person& resolve(std::string_view sender_key, std::string_view display_name);

  // People named in `text` (whole words, any case), other than `except_key`.
  void named_in(std::string_view text, std::string_view except_key, std::vector<const Person*>& out) const;

 private:
  Person& add(const std::string& key, const std::string& name);
  // Looked up by string_view on every message, without building a string.
  StringMap<std::unique_ptr<Person>> by_key_;   // person key -> person
  StringMap<std::string> alias_to_key_;         // sender key of an alias -> person key
  std::vector<const Person*> order_;                        // first seen first
};

}  // namespace candour
