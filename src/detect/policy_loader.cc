// Loads policy folders (TOML) into a Policy, layering each folder over the
// previous ones. Format: docs/policy.md. Every error names file and line.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "candour/policy.h"
#include "text/normalizer.h"
#include "util/sha256.h"

namespace candour {
namespace fs = std::filesystem;

const StandardsMapping* Policy::mapping() const {
  auto it = mappings.find(active_mapping);
  return it == mappings.end() ? nullptr : &it->second;
}

std::string default_policy_dir() {
  if (const char* env = std::getenv("CANDOUR_POLICY_DIR"); env && *env) return env;
  std::error_code ec;
  if (fs::exists(fs::path(CANDOUR_POLICY_DIR) / "policy.toml", ec)) return CANDOUR_POLICY_DIR;
  return CANDOUR_INSTALLED_POLICY_DIR;
}

namespace {

class Loader {
 public:
  Loader(Policy& policy, std::vector<PolicyError>& errors) : policy_(policy), errors_(errors) {}

  void load_dir(const std::string& dir, bool is_base);
  void finish();

 private:
  void load_file(const fs::path& path, const std::string& display);
  void error(const std::string& file, const toml::node* node, const std::string& message) {
    int64_t line = node ? static_cast<int64_t>(node->source().begin.line) : 0;
    errors_.push_back({{file, line}, message});
  }
  void load_policy_header(const toml::table& table, const std::string& file);
  void load_terms(const toml::array& items, const std::string& file);
  void load_phrases(const toml::array& items, const std::string& file);
  void load_classes(const toml::table& table, const std::string& file);
  void load_allows(const toml::array& items, const std::string& file);
  void load_mappings(const toml::table& table, const std::string& file);
  void load_context(const toml::table& table, const std::string& file);

  // Reads the fields every rule shares; returns false if the entry is unusable.
  bool read_common(const toml::table& entry, const std::string& file, std::string& id,
                   Category& category, Target& target, int& severity, std::string& note,
                   const std::set<std::string>& extra_keys, bool* target_from_mention = nullptr);
  std::string normalize_form(std::string_view text) {
    return std::string(normalizer_.normalize(text));
  }
  template <typename Rule>
  void upsert(std::vector<Rule>& rules, Rule rule, bool disabled);

  Policy& policy_;
  std::vector<PolicyError>& errors_;
  Normalizer normalizer_;
  Sha256 hash_;
  std::vector<std::string> overlay_names_;
};

template <typename Rule>
void Loader::upsert(std::vector<Rule>& rules, Rule rule, bool disabled) {
  auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == rule.id; });
  if (disabled) {
    if (it != rules.end()) rules.erase(it);
    return;
  }
  if (it != rules.end()) {
    *it = std::move(rule);
  } else {
    rules.push_back(std::move(rule));
  }
}

std::optional<std::string> string_field(const toml::table& t, std::string_view key) {
  if (auto v = t[key].value<std::string>()) return *v;
  return std::nullopt;
}

void Loader::load_dir(const std::string& dir, bool is_base) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors_.push_back({{dir, 0}, "not a policy folder (no such directory)"});
    return;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".toml") files.push_back(it->path());
  }
  if (ec) errors_.push_back({{dir, 0}, "cannot list folder: " + ec.message()});
  // policy.toml first, then the rest in name order, so loading is deterministic.
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    bool a_head = a.filename() == "policy.toml", b_head = b.filename() == "policy.toml";
    if (a_head != b_head) return a_head;
    return a.generic_string() < b.generic_string();
  });
  if (is_base && (files.empty() || files.front().filename() != "policy.toml")) {
    errors_.push_back({{dir, 0}, "missing policy.toml (name and version of the policy)"});
  }
  for (const auto& path : files) load_file(path, path.string());
}

void Loader::load_file(const fs::path& path, const std::string& display) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors_.push_back({{display, 0}, "cannot read file"});
    return;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string content = buffer.str();
  hash_.update(path.filename().string());
  hash_.update(std::string_view("\0", 1));
  hash_.update(content);
  policy_.files.push_back(display);

  toml::table root;
  try {
    root = toml::parse(content, display);
  } catch (const toml::parse_error& e) {
    errors_.push_back({{display, static_cast<int64_t>(e.source().begin.line)},
                       std::string(e.description())});
    return;
  }
  const bool is_header = path.filename() == "policy.toml";
  for (auto&& [key, node] : root) {
    std::string_view k = key.str();
    if (is_header && (k == "name" || k == "version" || k == "default_mapping" || k == "description")) {
      continue;
    }
    if (k == "term" && node.is_array()) {
      load_terms(*node.as_array(), display);
    } else if (k == "phrase" && node.is_array()) {
      load_phrases(*node.as_array(), display);
    } else if (k == "classes" && node.is_table()) {
      load_classes(*node.as_table(), display);
    } else if (k == "allow" && node.is_array()) {
      load_allows(*node.as_array(), display);
    } else if (k == "mapping" && node.is_table()) {
      load_mappings(*node.as_table(), display);
    } else if (k == "identity_terms" && node.is_table()) {
      for (auto&& [target_name, list] : *node.as_table()) {
        auto target = parse_target(target_name.str());
        if (!target || !list.is_array()) {
          error(display, &list, "[identity_terms] takes one list per target (got '" + std::string(target_name.str()) + "')");
          continue;
        }
        for (const auto& item : *list.as_array()) {
          if (auto w = item.value<std::string>(); w && !w->empty()) {
            policy_.identity_terms[static_cast<int>(*target)].push_back(normalize_form(*w));
          } else {
            error(display, &item, "identity terms must be non-empty strings");
          }
        }
      }
    } else if (k == "context" && node.is_table()) {
      load_context(*node.as_table(), display);
    } else if (k == "ordinary_words" && node.is_array()) {
      for (const auto& word : *node.as_array()) {
        if (auto w = word.value<std::string>(); w && !w->empty()) {
          policy_.ordinary_words.push_back(normalize_form(*w));
        } else {
          error(display, &word, "ordinary_words must be non-empty strings");
        }
      }
    } else {
      error(display, &node,
            "unknown key '" + std::string(k) +
                "' (expected [[term]], [[phrase]], [classes], [[allow]], [context], [identity_terms], ordinary_words or [mapping.NAME])");
    }
  }
  if (is_header) load_policy_header(root, display);
}

void Loader::load_policy_header(const toml::table& table, const std::string& file) {
  auto name = string_field(table, "name");
  auto version = string_field(table, "version");
  if (!name || !version) {
    error(file, &table, "policy.toml needs string fields 'name' and 'version'");
    return;
  }
  if (policy_.name.empty()) {
    policy_.name = *name;
    policy_.version = *version;
  } else {
    overlay_names_.push_back(*name + " " + *version);
  }
  if (auto mapping = string_field(table, "default_mapping")) policy_.active_mapping = *mapping;
}

bool Loader::read_common(const toml::table& entry, const std::string& file, std::string& id,
                         Category& category, Target& target, int& severity, std::string& note,
                         const std::set<std::string>& extra_keys, bool* target_from_mention) {
  static const std::set<std::string> kCommon = {"id", "category", "target", "severity", "note",
                                                "disabled"};
  bool ok = true;
  for (auto&& [key, node] : entry) {
    std::string k(key.str());
    if (!kCommon.count(k) && !extra_keys.count(k)) {
      error(file, &node, "unknown field '" + k + "'");
      ok = false;
    }
  }
  auto id_value = string_field(entry, "id");
  if (!id_value || id_value->empty()) {
    error(file, &entry, "entry has no 'id'");
    return false;
  }
  id = *id_value;
  if (entry["disabled"].value_or(false)) return ok;  // a removal needs only its id
  auto category_name = string_field(entry, "category");
  auto parsed_category = category_name ? parse_category(*category_name) : std::nullopt;
  if (!parsed_category) {
    error(file, &entry,
          "'" + id + "': category must be one of identity_hate, sexual_violence, sexual_harassment, "
                     "domestic_abuse, threat, child_abuse, bullying, anti_reporting, misconduct, profanity");
    ok = false;
  } else {
    category = *parsed_category;
  }
  target = Target::none;
  if (auto target_name = string_field(entry, "target")) {
    if (target_from_mention && *target_name == "mentioned") {
      *target_from_mention = true;
    } else if (auto parsed = parse_target(*target_name)) {
      target = *parsed;
    } else {
      error(file, entry.get("target"),
            "'" + id + "': target must be one of race, religion, sex, sexual_orientation, "
                       "gender_identity, disability, age");
      ok = false;
    }
  }
  if (parsed_category.has_value() && category == Category::identity_hate && target == Target::none &&
      !(target_from_mention && *target_from_mention)) {
    error(file, &entry, "'" + id + "': identity_hate needs a target");
    ok = false;
  }
  auto severity_value = entry["severity"].value<int64_t>();
  if (!severity_value || *severity_value < 1 || *severity_value > 4) {
    error(file, entry.get("severity") ? entry.get("severity") : &entry,
          "'" + id + "': severity must be an integer from 1 to 4");
    ok = false;
  } else {
    severity = static_cast<int>(*severity_value);
  }
  note = string_field(entry, "note").value_or("");
  return ok;
}

void Loader::load_terms(const toml::array& items, const std::string& file) {
  for (const auto& item : items) {
    const toml::table* entry = item.as_table();
    if (!entry) {
      error(file, &item, "[[term]] must be a table");
      continue;
    }
    TermRule rule;
    if (!read_common(*entry, file, rule.id, rule.category, rule.target, rule.severity, rule.note,
                     {"forms", "typos", "in_group_forms", "put_down_forms"})) {
      continue;
    }
    rule.rule_id = "lexicon:" + rule.id;
    rule.where = {file, static_cast<int64_t>(entry->source().begin.line)};
    bool disabled = (*entry)["disabled"].value_or(false);
    rule.typos = (*entry)["typos"].value_or(true);
    if (!disabled) {
      const toml::array* forms = (*entry)["forms"].as_array();
      if (!forms || forms->empty()) {
        error(file, entry, "'" + rule.id + "': needs a non-empty 'forms' list");
        continue;
      }
      for (const auto& form : *forms) {
        auto text = form.value<std::string>();
        if (!text || text->empty()) {
          error(file, &form, "'" + rule.id + "': every form must be a non-empty string");
          continue;
        }
        rule.forms.push_back(normalize_form(*text));
      }
      for (auto [key, list] : {std::pair{"in_group_forms", &rule.in_group_forms},
                               std::pair{"put_down_forms", &rule.put_down_forms}}) {
        const toml::array* doubtable = (*entry)[key].as_array();
        for (std::size_t i = 0; doubtable && i < doubtable->size(); ++i) {
          const toml::node& form = *doubtable->get(i);
          auto text = form.value<std::string>();
          std::string normalized = text ? normalize_form(*text) : std::string();
          if (std::find(rule.forms.begin(), rule.forms.end(), normalized) == rule.forms.end()) {
            error(file, &form, "'" + rule.id + "': every " + key + " entry must be one of its forms");
            continue;
          }
          list->push_back(std::move(normalized));
        }
      }
    }
    upsert(policy_.terms, std::move(rule), disabled);
  }
}

void Loader::load_phrases(const toml::array& items, const std::string& file) {
  for (const auto& item : items) {
    const toml::table* entry = item.as_table();
    if (!entry) {
      error(file, &item, "[[phrase]] must be a table");
      continue;
    }
    PhraseRule rule;
    if (!read_common(*entry, file, rule.id, rule.category, rule.target, rule.severity, rule.note,
                     {"pattern", "tags", "requires_tag", "requires_within"}, &rule.target_from_mention)) {
      continue;
    }
    rule.rule_id = "pattern:" + rule.id;
    rule.where = {file, static_cast<int64_t>(entry->source().begin.line)};
    bool disabled = (*entry)["disabled"].value_or(false);
    if (!disabled) {
      auto pattern = string_field(*entry, "pattern");
      if (!pattern || pattern->empty()) {
        error(file, entry, "'" + rule.id + "': needs a 'pattern'");
        continue;
      }
      rule.pattern = *pattern;
      if (const toml::array* tags = (*entry)["tags"].as_array()) {
        for (const auto& tag : *tags) {
          if (auto t = tag.value<std::string>()) rule.tags.push_back(*t);
        }
      }
      rule.requires_tag = string_field(*entry, "requires_tag").value_or("");
      std::string within = string_field(*entry, "requires_within").value_or("previous_message");
      if (within == "message") {
        rule.same_message_only = true;
      } else if (within != "previous_message") {
        error(file, entry->get("requires_within"),
              "'" + rule.id + "': requires_within must be \"message\" or \"previous_message\"");
      }
    }
    upsert(policy_.phrases, std::move(rule), disabled);
  }
}

void Loader::load_classes(const toml::table& table, const std::string& file) {
  for (auto&& [key, node] : table) {
    const toml::array* words = node.as_array();
    if (!words || words->empty()) {
      error(file, &node, "class '" + std::string(key.str()) + "' must be a non-empty list of strings");
      continue;
    }
    std::vector<std::string> values;
    for (const auto& word : *words) {
      if (auto w = word.value<std::string>(); w && !w->empty()) {
        values.push_back(normalize_form(*w));
      } else {
        error(file, &word, "class '" + std::string(key.str()) + "': entries must be non-empty strings");
      }
    }
    // A later folder's class of the same name replaces the earlier one.
    policy_.word_classes[std::string(key.str())] = std::move(values);
  }
}

void Loader::load_allows(const toml::array& items, const std::string& file) {
  for (const auto& item : items) {
    const toml::table* entry = item.as_table();
    if (!entry) {
      error(file, &item, "[[allow]] must be a table");
      continue;
    }
    AllowRule rule;
    auto id = string_field(*entry, "id");
    auto text = string_field(*entry, "text");
    bool disabled = (*entry)["disabled"].value_or(false);
    for (auto&& [key, node] : *entry) {
      std::string_view k = key.str();
      if (k != "id" && k != "text" && k != "note" && k != "disabled") {
        error(file, &node, "unknown field '" + std::string(k) + "'");
      }
    }
    if (!id || id->empty() || ((!text || text->empty()) && !disabled)) {
      error(file, entry, "[[allow]] needs 'id' and 'text'");
      continue;
    }
    rule.id = *id;
    if (text) rule.text = normalize_form(*text);
    rule.note = string_field(*entry, "note").value_or("");
    rule.where = {file, static_cast<int64_t>(entry->source().begin.line)};
    upsert(policy_.allows, std::move(rule), disabled);
  }
}

void Loader::load_mappings(const toml::table& table, const std::string& file) {
  for (auto&& [name, node] : table) {
    const toml::table* body = node.as_table();
    if (!body) {
      error(file, &node, "[mapping." + std::string(name.str()) + "] must be a table");
      continue;
    }
    StandardsMapping& mapping = policy_.mappings[std::string(name.str())];
    mapping.id = std::string(name.str());
    if (auto title = string_field(*body, "title")) mapping.title = *title;
    if (const toml::table* standards = (*body)["standards"].as_table()) {
      for (auto&& [id, title] : *standards) {
        mapping.standard_titles[std::string(id.str())] = title.value<std::string>().value_or("");
      }
    }
    if (const toml::table* categories = (*body)["categories"].as_table()) {
      for (auto&& [category_name, list] : *categories) {
        auto category = parse_category(category_name.str());
        if (!category) {
          error(file, &list, "unknown category '" + std::string(category_name.str()) + "'");
          continue;
        }
        auto& ids = mapping.by_category[static_cast<int>(*category)];
        ids.clear();
        if (const toml::array* values = list.as_array()) {
          for (const auto& value : *values) {
            auto id = value.value<std::string>();
            if (!id) {
              error(file, &value, "standards must be strings");
            } else if (!mapping.standard_titles.count(*id)) {
              error(file, &value, "standard '" + *id + "' is not listed in [mapping." +
                                      mapping.id + ".standards]");
            } else {
              ids.push_back(*id);
            }
          }
        }
      }
    }
    for (auto&& [key, value] : *body) {
      std::string_view k = key.str();
      if (k != "title" && k != "standards" && k != "categories") {
        error(file, &value, "unknown field '" + std::string(k) + "' in [mapping." + mapping.id + "]");
      }
    }
  }
}

void Loader::load_context(const toml::table& table, const std::string& file) {
  for (auto&& [key, node] : table) {
    std::string_view k = key.str();
    std::vector<std::string>* list = k == "duty_markers"           ? &policy_.context.duty
                                     : k == "reported_speech_markers" ? &policy_.context.reported_speech
                                     : k == "reported_abuse_markers" ? &policy_.context.reported_abuse
                                     : k == "condemnation_markers" ? &policy_.context.condemnation
                                     : k == "negators"             ? &policy_.context.negation
                                     : k == "reclaim_markers"      ? &policy_.context.reclaim
                                     : k == "endorsement_markers"  ? &policy_.context.endorsement
                                     : k == "challenge_markers"    ? &policy_.context.challenge
                                     : k == "group_references"     ? &policy_.context.group_reference
                                                                   : nullptr;
    if (!list || !node.is_array()) {
      error(file, &node, "[context] takes lists duty_markers, reported_speech_markers, reported_abuse_markers, condemnation_markers, negators, reclaim_markers, endorsement_markers, challenge_markers and group_references (got '" +
                             std::string(k) + "')");
      continue;
    }
    for (const auto& item : *node.as_array()) {
      if (auto text = item.value<std::string>(); text && !text->empty()) {
        list->push_back(normalize_form(*text));
      } else {
        error(file, &item, "context markers must be non-empty strings");
      }
    }
  }
}

void Loader::finish() {
  policy_.sha256 = hash_.hex_digest();
  for (const auto& overlay : overlay_names_) policy_.version += " + " + overlay;
  if (policy_.mappings.empty()) {
    errors_.push_back({{"", 0}, "no [mapping.NAME] of categories to a code of conduct"});
  } else if (!policy_.mapping()) {
    errors_.push_back({{"", 0}, "default_mapping '" + policy_.active_mapping + "' is not defined"});
  }
  // Phrase patterns may only use classes that exist.
  for (const auto& phrase : policy_.phrases) {
    std::string_view p = phrase.pattern;
    for (std::size_t open = p.find('{'); open != std::string_view::npos; open = p.find('{', open + 1)) {
      std::size_t close = p.find('}', open);
      if (close == std::string_view::npos) {
        errors_.push_back({phrase.where, "'" + phrase.id + "': unclosed '{' in pattern"});
        break;
      }
      std::string name(p.substr(open + 1, close - open - 1));
      if (!policy_.word_classes.count(name)) {
        errors_.push_back({phrase.where, "'" + phrase.id + "': unknown word class {" + name + "}"});
      }
    }
  }
}

}  // namespace

std::vector<PolicyError> load_policy(const std::vector<std::string>& dirs, Policy& policy) {
  std::vector<PolicyError> errors;
  Loader loader(policy, errors);
  for (std::size_t i = 0; i < dirs.size(); ++i) loader.load_dir(dirs[i], i == 0);
  loader.finish();
  return errors;
}

}  // namespace candour
