// The rule-based detector: every term form, phrase pattern and allow entry of
// the policy is compiled into one Vectorscan database; each message is
// normalised and scanned in a single pass, then matches are filtered (word
// boundaries, allow-list, context tags) and mapped back to original offsets.
#include "candour/scanner.h"

#include <hs/hs.h>

#include <algorithm>
#include <map>

#include "detect/phrase_compiler.h"
#include "text/normalizer.h"
#include "text/utf8.h"

namespace candour {
namespace {

enum class RuleKind { term, phrase, allow };

// Confidence priors per detector. They are the policy's claim, not yet a
// measured calibration (that comes with the statistical model).
constexpr double kTermConfidence = 0.9;
constexpr double kPhraseConfidence = 0.85;
constexpr double kContextualConfidence = 0.7;

struct CompiledRule {
  RuleKind kind;
  Category category = Category::profanity;
  Target target = Target::none;
  int severity = 1;
  std::string_view rule_id;
  std::string_view source;
  TagSet tags = 0;
  TagSet requires_tag = 0;
  bool same_message_only = false;
  std::span<const std::string> standards;
};

struct RawMatch {
  unsigned id;
  std::size_t from;
  std::size_t to;
};

int collect_match(unsigned id, unsigned long long from, unsigned long long to, unsigned /*flags*/,
                  void* context) {
  static_cast<std::vector<RawMatch>*>(context)->push_back(
      {id, static_cast<std::size_t>(from), static_cast<std::size_t>(to)});
  return 0;
}

}  // namespace

class ScannerImpl {
 public:
  const Policy* policy = nullptr;
  std::vector<CompiledRule> rules;
  hs_database_t* database = nullptr;
  hs_scratch_t* prototype_scratch = nullptr;
  std::map<std::string, int> tag_bits;

  ~ScannerImpl() {
    if (prototype_scratch) hs_free_scratch(prototype_scratch);
    if (database) hs_free_database(database);
  }

  bool tag_bit(const std::string& tag, TagSet* bit, std::string* error) {
    auto it = tag_bits.find(tag);
    if (it == tag_bits.end()) {
      if (tag_bits.size() >= 64) {
        *error = "too many distinct tags in the policy (at most 64)";
        return false;
      }
      it = tag_bits.emplace(tag, static_cast<int>(tag_bits.size())).first;
    }
    *bit = TagSet{1} << it->second;
    return true;
  }
};

Scanner::Scanner(std::unique_ptr<ScannerImpl> impl) : impl_(std::move(impl)) {}
Scanner::~Scanner() = default;
const Policy& Scanner::policy() const { return *impl_->policy; }

std::unique_ptr<Scanner> Scanner::build(const Policy& policy, std::string* error) {
  auto impl = std::make_unique<ScannerImpl>();
  impl->policy = &policy;
  const StandardsMapping* mapping = policy.mapping();
  auto standards_for = [&](Category c) -> std::span<const std::string> {
    if (!mapping) return {};
    return mapping->by_category[static_cast<int>(c)];
  };

  std::vector<std::string> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  auto add = [&](std::string expression, CompiledRule rule) {
    ids.push_back(static_cast<unsigned>(impl->rules.size()));
    expressions.push_back(std::move(expression));
    flags.push_back(HS_FLAG_SOM_LEFTMOST);
    impl->rules.push_back(rule);
  };

  for (const auto& term : policy.terms) {
    std::string expression = "(?:";
    for (std::size_t i = 0; i < term.forms.size(); ++i) {
      if (i) expression += '|';
      expression += literal_to_regex(term.forms[i]);
    }
    expression += ')';
    add(std::move(expression), {RuleKind::term, term.category, term.target, term.severity,
                                term.rule_id, "lexicon", 0, 0, false, standards_for(term.category)});
  }
  for (const auto& phrase : policy.phrases) {
    std::string compile_error;
    std::string expression = compile_phrase_pattern(phrase.pattern, policy.word_classes, &compile_error);
    if (expression.empty()) {
      *error = phrase.where.file + ":" + std::to_string(phrase.where.line) + ": '" + phrase.id +
               "': " + compile_error;
      return nullptr;
    }
    CompiledRule rule{RuleKind::phrase, phrase.category, phrase.target, phrase.severity,
                      phrase.rule_id,   "pattern",       0,  0, false, standards_for(phrase.category)};
    for (const auto& tag : phrase.tags) {
      TagSet bit;
      if (!impl->tag_bit(tag, &bit, error)) return nullptr;
      rule.tags |= bit;
    }
    if (!phrase.requires_tag.empty()) {
      if (!impl->tag_bit(phrase.requires_tag, &rule.requires_tag, error)) return nullptr;
      rule.same_message_only = phrase.same_message_only;
      rule.source = "context";
    }
    add(std::move(expression), rule);
  }
  for (const auto& allow : policy.allows) {
    CompiledRule rule{};
    rule.kind = RuleKind::allow;
    rule.rule_id = allow.id;
    add(literal_to_regex(allow.text), rule);
  }
  if (expressions.empty()) {
    *error = "the policy has no terms, phrases or allow entries";
    return nullptr;
  }

  std::vector<const char*> expression_ptrs;
  for (const auto& e : expressions) expression_ptrs.push_back(e.c_str());
  hs_compile_error_t* compile_error = nullptr;
  if (hs_compile_multi(expression_ptrs.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                       &impl->database, &compile_error) != HS_SUCCESS) {
    std::string which = compile_error && compile_error->expression >= 0
                            ? " in rule '" + std::string(impl->rules[compile_error->expression].rule_id) +
                                  "' (" + expressions[compile_error->expression] + ")"
                            : "";
    *error = std::string("cannot compile policy: ") + (compile_error ? compile_error->message : "unknown") +
             which;
    hs_free_compile_error(compile_error);
    return nullptr;
  }
  if (hs_alloc_scratch(impl->database, &impl->prototype_scratch) != HS_SUCCESS) {
    *error = "cannot allocate matcher scratch space";
    return nullptr;
  }
  return std::unique_ptr<Scanner>(new Scanner(std::move(impl)));
}

class ScanSessionImpl {
 public:
  explicit ScanSessionImpl(const ScannerImpl& scanner) : scanner_(scanner) {
    hs_clone_scratch(scanner.prototype_scratch, &scratch_);
  }
  ~ScanSessionImpl() { hs_free_scratch(scratch_); }

  TagSet scan(std::string_view text, TagSet earlier, std::vector<Finding>& findings);

 private:
  bool at_word_boundaries(std::string_view normalized, std::size_t from, std::size_t to) const;
  bool overlaps_allowed(const RawMatch& match) const;

  const ScannerImpl& scanner_;
  hs_scratch_t* scratch_ = nullptr;
  Normalizer normalizer_;
  std::vector<RawMatch> matches_;
  std::vector<RawMatch> allowed_;
  std::vector<RawMatch> kept_;
};

bool ScanSessionImpl::at_word_boundaries(std::string_view n, std::size_t from, std::size_t to) const {
  if (from >= to) return false;
  if (from > 0) {
    std::size_t len = 0;
    if (is_word_codepoint(decode_utf8_before(n, from, &len))) return false;
  }
  if (to < n.size()) {
    std::size_t len = 0;
    if (is_word_codepoint(decode_utf8(n, to, &len))) return false;
    // A masked word ("c****") must be matched whole, not as a shorter mask.
    if (n[to - 1] == '*' && n[to] == '*') return false;
  }
  return true;
}

// A match that overlaps an allow-listed expression is innocent: "bender" in
// "on a bender", "murder" in "I could murder a curry".
bool ScanSessionImpl::overlaps_allowed(const RawMatch& match) const {
  for (const auto& allowed : allowed_) {
    if (allowed.from < match.to && match.from < allowed.to) return true;
  }
  return false;
}

TagSet ScanSessionImpl::scan(std::string_view text, TagSet earlier, std::vector<Finding>& findings) {
  findings.clear();
  matches_.clear();
  allowed_.clear();
  kept_.clear();
  std::string_view normalized = normalizer_.normalize(text);
  if (normalized.empty()) return 0;
  hs_scan(scanner_.database, normalized.data(), static_cast<unsigned>(normalized.size()), 0, scratch_,
          collect_match, &matches_);

  for (const auto& m : matches_) {
    if (!at_word_boundaries(normalized, m.from, m.to)) continue;
    if (scanner_.rules[m.id].kind == RuleKind::allow) {
      allowed_.push_back(m);
    } else {
      kept_.push_back(m);
    }
  }
  // Longest match first at each start, so shorter overlapping matches of the
  // same rule, or terms inside a phrase of the same category, can be dropped.
  std::sort(kept_.begin(), kept_.end(), [](const RawMatch& a, const RawMatch& b) {
    if (a.from != b.from) return a.from < b.from;
    if (a.to != b.to) return a.to > b.to;
    return a.id < b.id;
  });
  TagSet tags = 0;
  std::size_t out = 0;
  for (std::size_t i = 0; i < kept_.size(); ++i) {
    const RawMatch& m = kept_[i];
    const CompiledRule& rule = scanner_.rules[m.id];
    if (overlaps_allowed(m)) continue;
    bool covered = false;
    for (std::size_t j = 0; j < out && !covered; ++j) {
      const RawMatch& other = kept_[j];
      if (other.id == m.id && other.from <= m.from && m.to <= other.to) covered = true;
    }
    if (covered) continue;
    kept_[out++] = m;
    if (!rule.requires_tag) tags |= rule.tags;
  }
  kept_.resize(out);

  for (const auto& m : kept_) {
    const CompiledRule& rule = scanner_.rules[m.id];
    double confidence = rule.kind == RuleKind::term ? kTermConfidence : kPhraseConfidence;
    std::string_view note;
    if (rule.requires_tag) {
      if (rule.requires_tag & tags) {
        note = "supported by another phrase in the same message";
      } else if ((rule.requires_tag & earlier) && !rule.same_message_only) {
        note = "supported by the same sender's previous message";
        confidence = kContextualConfidence;
      } else {
        continue;
      }
      tags |= rule.tags;
    }
    Finding f;
    f.category = rule.category;
    f.target = rule.target;
    f.severity = rule.severity;
    f.confidence = confidence;
    f.start = normalizer_.original_start(m.from);
    f.end = normalizer_.original_end(m.to);
    f.evidence.assign(text.substr(f.start, f.end - f.start));
    f.rule = rule.rule_id;
    f.source = rule.source;
    f.standards = rule.standards;
    f.note = note;
    findings.push_back(std::move(f));
  }
  // A term inside a phrase finding of the same category adds nothing: the
  // phrase explains more ("grassing" inside a threat against people who report).
  std::erase_if(findings, [&](const Finding& term) {
    if (term.source != "lexicon") return false;
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& phrase) {
      return phrase.source != "lexicon" && phrase.category == term.category && phrase.start <= term.start &&
             term.end <= phrase.end;
    });
  });
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a.rule < b.rule;
  });
  return tags;
}

ScanSession::ScanSession(const Scanner& scanner) : impl_(std::make_unique<ScanSessionImpl>(scanner.impl())) {}
ScanSession::~ScanSession() = default;

TagSet ScanSession::scan(std::string_view text, TagSet earlier, std::vector<Finding>& findings) {
  return impl_->scan(text, earlier, findings);
}

int message_severity(const std::vector<Finding>& findings) {
  int severity = 0;
  for (const auto& f : findings) severity = std::max(severity, f.severity);
  return severity;
}

}  // namespace candour
