#include "cli/redact_command.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "analyze/participants.h"
#include "candour/scanner.h"
#include "ingest/input_catalog.h"
#include "ingest/readers.h"
#include "report/html_report.h"
#include "report/json_writer.h"
#include "report/redactor.h"
#include "util/atomic_file.h"

namespace candour {
namespace fs = std::filesystem;

namespace {

struct Pseudonym {
  std::string label;
  std::vector<std::string> names;  // display names as exported
  std::vector<std::string> keys;
};

// First pass: who speaks, in order of first appearance.
class SenderCollector : public MessageSink {
 public:
  explicit SenderCollector(std::vector<std::pair<std::string, std::string>>& senders) : senders_(senders) {}
  void on_message(const Message& m) override {
    if (m.sender_key.empty()) return;
    for (const auto& [key, name] : senders_) {
      if (key == m.sender_key && name == m.sender) return;
    }
    senders_.emplace_back(m.sender_key, m.sender);
  }
  void on_unparsed(const UnparsedLine&) override {}

 private:
  std::vector<std::pair<std::string, std::string>>& senders_;
};

// Second pass: writes each (flagged) message with everything identifying replaced.
class RedactingWriter : public MessageSink {
 public:
  RedactingWriter(const Scanner& scanner, const std::map<std::string, std::string>& by_key,
                  const std::vector<std::pair<std::string, std::string>>& names, bool flagged_only, std::string& out)
      : session_(scanner), by_key_(by_key), names_(names), flagged_only_(flagged_only), out_(out) {}

  uint64_t written = 0, flagged = 0;

  void on_message(const Message& m) override {
    std::vector<Replacement> replacements;
    bool is_flagged = false;
    if (m.kind != MessageKind::system && !m.text.empty()) {
      TagSet& earlier = earlier_tags_[m.sender_key];  // as in scan: a phrase may rest on the previous message
      earlier = session_.scan(m.text, earlier, findings_, &cleared_);
      is_flagged = !findings_.empty();
      for (const auto* list : {&findings_, &cleared_}) {
        for (const auto& f : *list) {
          if (f.rule.rfind("lexicon:", 0) == 0) replacements.push_back({f.start, f.end, masked_text(f.evidence, true)});
        }
      }
    }
    if (flagged_only_ && !is_flagged) return;
    flagged += is_flagged;
    for (auto& r : find_contact_details(m.text)) replacements.push_back(std::move(r));
    for (const auto& [name, label] : names_) {
      bool first_name = name.find(' ') == std::string::npos;
      find_name(m.text, name, !first_name, label, replacements);
    }
    auto who = by_key_.find(m.sender_key);
    std::string sender = m.kind == MessageKind::system ? "(event)"
                         : m.sender_key.empty()        ? "(unknown sender)"
                         : (who != by_key_.end() ? who->second : "Unknown");
    std::string text = apply_replacements(m.text, std::move(replacements));
    if (text.empty() && m.kind != MessageKind::text) text = "(" + std::string(to_string(m.kind)) + ")";  // media, deleted: never the file name
    // Continuation lines are indented so each entry stays one block.
    std::string indented;
    for (char c : text) {
      indented.push_back(c);
      if (c == '\n') indented += "    ";
    }
    out_ += fmt::format("{} — {}: {}\n", m.time.empty() ? "(time unknown)" : m.time, sender, indented);
    ++written;
  }
  void on_unparsed(const UnparsedLine&) override {}  // text outside any message is not published

 private:
  ScanSession session_;
  const std::map<std::string, std::string>& by_key_;
  const std::vector<std::pair<std::string, std::string>>& names_;
  bool flagged_only_;
  std::string& out_;
  std::vector<Finding> findings_, cleared_;
  std::map<std::string, TagSet> earlier_tags_;
};

}  // namespace

int run_redact(const RedactOptions& options) {
  PolicyOptions policy_options = options.policy;
  policy_options.no_model = true;  // masking uses the words the policy lists
  Policy policy;
  std::unique_ptr<Scanner> scanner;
  if (!load_policy_and_scanner(policy_options, policy, scanner)) return 2;

  std::string error;
  Participants named;
  if (!options.names.empty() && !named.load_aliases(options.names, &error)) {
    fmt::print(stderr, "candour: {}\n", error);
    return 2;
  }
  InputCatalog catalog = catalog_inputs(options.inputs, "");
  for (const auto& f : catalog.failures) fmt::print(stderr, "candour: {}: {}\n", f.path, f.reason);
  if (catalog.sources.empty()) {
    fmt::print(stderr, "candour: nothing to redact\n");
    return 2;
  }

  // Pass one: everyone who speaks, and their pseudonym.
  std::vector<std::pair<std::string, std::string>> senders;
  std::vector<SourceReport> reports(catalog.sources.size());
  for (std::size_t i = 0; i < catalog.sources.size(); ++i) {
    SenderCollector collector(senders);
    reports[i].path = catalog.sources[i].display;
    if (!read_source(catalog.sources[i], {}, collector, reports[i])) {
      fmt::print(stderr, "candour: {}: {}\n", catalog.sources[i].display, reports[i].error);
      return 2;
    }
  }
  std::map<std::string, std::string> by_key;        // sender key -> pseudonym
  std::map<std::string, Pseudonym> key_file;        // pseudonym -> who
  std::size_t next = 0;
  for (const auto& [key, name] : senders) {
    const Person& person = named.resolve(key, name);
    std::string label;
    if (person.key.rfind("alias:", 0) == 0) {
      label = person.name;  // the names file chose it
    } else if (auto it = by_key.find(key); it != by_key.end()) {
      label = it->second;
    } else {
      label = pseudonym(options.label, next++);
    }
    by_key[key] = label;
    Pseudonym& entry = key_file[label];
    entry.label = label;
    if (std::find(entry.names.begin(), entry.names.end(), name) == entry.names.end()) entry.names.push_back(name);
    if (std::find(entry.keys.begin(), entry.keys.end(), key) == entry.keys.end()) entry.keys.push_back(key);
  }
  // Names to replace in text: full names (any case) and first names as written.
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& [label, entry] : key_file) {
    for (const auto& name : entry.names) {
      if (name.empty() || name[0] == '+' || std::isdigit(static_cast<unsigned char>(name[0]))) continue;
      names.emplace_back(name, label);
      std::size_t space = name.find(' ');
      if (space != std::string::npos && space >= 3) names.emplace_back(name.substr(0, space), label);
    }
  }
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });

  // Pass two: the redacted copy.
  std::string copy = "Redacted by candour " CANDOUR_VERSION ": offensive words masked, people pseudonymised, phone "
                     "numbers and e-mail addresses removed.\n";
  uint64_t written = 0, flagged = 0;
  for (std::size_t i = 0; i < catalog.sources.size(); ++i) {
    copy += reports[i].sha256.empty()
                ? fmt::format("\n## Source {} ({} files)\n\n", i + 1, reports[i].files.size())
                : fmt::format("\n## Source {} (sha256 {})\n\n", i + 1, reports[i].sha256);
    RedactingWriter writer(*scanner, by_key, names, options.flagged_only, copy);
    SourceReport again;
    again.path = catalog.sources[i].display;
    if (!read_source(catalog.sources[i], {}, writer, again)) {
      fmt::print(stderr, "candour: {}: {}\n", again.path, again.error);
      return 2;
    }
    written += writer.written;
    flagged += writer.flagged;
  }

  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  std::string key_path = options.key_path;
  if (key_path.empty()) {
    std::string dir = fs::path(options.out_dir).lexically_normal().string();
    while (!dir.empty() && dir.back() == '/') dir.pop_back();
    key_path = dir + ".key.json";
  }
  const std::string out_path = (fs::path(options.out_dir) / "redacted.txt").string();
  if (!write_file_atomically(out_path, copy, &error)) {
    fmt::print(stderr, "candour: {}\n", error);
    return 2;
  }
  std::string key;
  JsonWriter json(key);
  json.begin_object().key("pseudonyms").begin_array();
  for (const auto& [label, entry] : key_file) {
    json.begin_object().key("pseudonym").value(label).key("names").strings(entry.names);
    json.key("sender_keys").strings(entry.keys).end_object();
  }
  json.end_array().key("sources").begin_array();
  for (std::size_t i = 0; i < reports.size(); ++i) {
    json.begin_object().key("label").value("Source " + std::to_string(i + 1)).key("path").value(reports[i].path);
    json.key("sha256").value(reports[i].sha256).end_object();
  }
  json.end_array().key("policy_sha256").value(policy.sha256).end_object();
  key.push_back('\n');
  if (!write_file_atomically(key_path, key, &error)) {
    fmt::print(stderr, "candour: {}\n", error);
    return 2;
  }
  if (!options.quiet) {
    fmt::print(stderr, "candour: {} entries written ({} flagged) to {}\n", written, flagged, out_path);
    fmt::print(stderr, "candour: the key to the pseudonyms is {} — it identifies everyone: keep it apart from the "
                       "redacted copy\n", key_path);
  }
  return catalog.failures.empty() ? 0 : 2;
}

}  // namespace candour
