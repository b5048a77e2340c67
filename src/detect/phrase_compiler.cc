#include "detect/phrase_compiler.h"

#include <sstream>

#include "text/normalizer.h"

namespace candour {

std::string escape_regex_literal(std::string_view literal) {
  std::string out;
  for (char c : literal) {
    if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string literal_to_regex(std::string_view literal) {
  std::string out;
  std::size_t i = 0;
  bool first = true;
  while (i < literal.size()) {
    while (i < literal.size() && literal[i] == ' ') ++i;
    std::size_t j = i;
    while (j < literal.size() && literal[j] != ' ') ++j;
    if (j > i) {
      if (!first) out += kSeparatorRegex;
      out += escape_regex_literal(literal.substr(i, j - i));
      first = false;
    }
    i = j;
  }
  return out;
}

namespace {

std::vector<std::string> normalized(const std::vector<std::string>& literals) {
  Normalizer normalizer;
  std::vector<std::string> out;
  for (const auto& literal : literals) out.emplace_back(normalizer.normalize(literal));
  return out;
}

std::string alternation(const std::vector<std::string>& literals) {
  std::string out = "(?:";
  for (std::size_t i = 0; i < literals.size(); ++i) {
    if (i) out += '|';
    out += literal_to_regex(literals[i]);
  }
  out += ')';
  return out;
}

std::vector<std::string> split(std::string_view text, char delimiter) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == delimiter) {
      parts.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

std::string compile_phrase_pattern(std::string_view pattern,
                                   const std::map<std::string, std::vector<std::string>>& classes,
                                   std::string* error, std::vector<PhraseToken>* parsed) {
  if (parsed) parsed->clear();
  std::istringstream tokens{std::string(pattern)};
  std::string token;
  std::string regex;
  bool have_word = false;         // a word token has been emitted
  bool pending_gap = false;       // "..." seen since the last word token
  std::string leading_optional;   // optional tokens before the first required one
  while (tokens >> token) {
    if (token == "...") {
      if (!have_word) {
        *error = "a pattern cannot start with '...'";
        return "";
      }
      pending_gap = true;
      continue;
    }
    bool optional = token.size() > 1 && token.back() == '?';
    if (optional) token.pop_back();
    std::string body;
    if (token.front() == '{') {
      if (token.back() != '}' || token.size() < 3) {
        *error = "malformed class reference '" + token + "'";
        return "";
      }
      auto it = classes.find(token.substr(1, token.size() - 2));
      if (it == classes.end()) {
        *error = "unknown word class " + token;
        return "";
      }
      body = alternation(it->second);
      if (parsed) parsed->push_back({it->second, optional, pending_gap});
    } else if (token.find('|') != std::string::npos) {
      auto parts = split(token, '|');
      for (const auto& part : parts) {
        if (part.empty()) {
          *error = "empty alternative in '" + token + "'";
          return "";
        }
      }
      auto literals = normalized(parts);
      body = alternation(literals);
      if (parsed) parsed->push_back({std::move(literals), optional, pending_gap});
    } else {
      auto literals = normalized({token});
      body = alternation(literals);
      if (parsed) parsed->push_back({std::move(literals), optional, pending_gap});
    }
    std::string gap = pending_gap ? "(?:" + std::string(kSeparatorRegex) + std::string(kAnyWordRegex) + "){0,3}" : "";
    pending_gap = false;
    if (!have_word) {
      if (optional) {
        leading_optional += "(?:" + body + std::string(kSeparatorRegex) + ")?";
        continue;
      }
      regex = leading_optional + body;
      have_word = true;
    } else if (optional) {
      regex += gap + "(?:" + std::string(kSeparatorRegex) + body + ")?";
    } else {
      regex += gap + std::string(kSeparatorRegex) + body;
    }
  }
  if (!have_word) {
    *error = "a pattern needs at least one required word";
    return "";
  }
  if (pending_gap) {
    *error = "a pattern cannot end with '...'";
    return "";
  }
  return regex;
}

}  // namespace candour
