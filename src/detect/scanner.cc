// The detector. Every term spelling (with generated misspellings), phrase
// pattern, allow entry, context marker and group mention of the policy is
// compiled into one Vectorscan database; a message is normalised and scanned
// once. Only when the message shows signs of disguise is it scanned again in
// another reading (disguise_views.h): leetspeak, spaced letters, repeated
// letters. Masked words are read against the terms that fit
// (mask_resolver.h). Matches are filtered (word boundaries, allow-list,
// context tags), mapped back to byte offsets of the original, and cleared
// when context says so (duty report, condemnation, negation, reclaimed use).
// Last, the statistical model (model/hate_model.h) may add a finding where
// the rules found no identity hate.
#include "candour/scanner.h"

#include <hs/hs.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "detect/database_cache.h"
#include "detect/disguise_views.h"
#include "detect/mask_resolver.h"
#include "detect/phrase_compiler.h"
#include "detect/term_variants.h"
#include "model/hate_model.h"
#include "text/normalizer.h"
#include "text/utf8.h"
#include "util/sha256.h"

namespace candour {
namespace {

enum class RuleKind { term, phrase, allow, marker, mention };
// Whether the model may doubt a term's finding (policy in_group_forms,
// put_down_forms; docs/model.md, "The combiner").
enum class Doubt { never, in_group, put_down };
enum class Marker {
  none,
  duty,
  reported_speech,
  reported_abuse,
  condemnation,
  negation,
  reclaim,
  endorsement,
  challenge,
  group_reference
};

// How a match was found; each has its own confidence prior and explanation.
// The priors are the policy's claim, not a measured calibration (that comes
// with the statistical model).
enum class Reading { plain, typo, leet, spaced, elongated, masked, masked_ambiguous };

double confidence_of(RuleKind kind, Reading reading) {
  switch (reading) {
    case Reading::plain: return kind == RuleKind::term ? 0.9 : 0.85;
    case Reading::leet:
    case Reading::spaced:
    case Reading::elongated: return 0.85;
    case Reading::masked: return 0.8;
    case Reading::typo: return 0.75;
    case Reading::masked_ambiguous: return 0.6;
  }
  return 0.5;
}

const char* note_of(Reading reading) {
  switch (reading) {
    case Reading::leet: return "disguised with digits or symbols for letters";
    case Reading::spaced: return "disguised with spaces or dots between letters";
    case Reading::elongated: return "disguised with repeated letters";
    case Reading::typo: return "misspelt";
    default: return "";
  }
}

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
  bool typo = false;  // a generated misspelling of the term
  std::span<const std::string> standards;
  Marker marker = Marker::none;  // for context markers
  bool target_from_mention = false;
  Doubt doubt = Doubt::never;
};

struct RawMatch {
  unsigned id;
  std::size_t from;  // offsets in the normalised text
  std::size_t to;
  Reading reading = Reading::plain;
};

// A Vectorscan expression: the rule it belongs to and, for a literal, its
// length (its start is then the end minus the length).
struct Expression {
  unsigned rule = 0;
  uint32_t literal_length = 0;  // 0: a pattern
  bool phrase_pair = false;     // two words of a phrase: the phrase may be here (no match of its own)
};

// Start-of-match tracking makes Vectorscan's phrase patterns three times as
// costly, and few messages match one. So the main database finds every
// match without it (literals know their start from their length); only a
// message in which a phrase may match (two of its words side by side, then
// its pattern in `phrase_check`; see add_pattern) is scanned again by
// `phrases`, which holds the phrase patterns with start-of-match
// (HS_FLAG_SOM_LEFTMOST).
struct Database {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;  // prototype, cloned per session
  std::vector<Expression> expressions;  // by Vectorscan id
  ~Database() {
    if (scratch) hs_free_scratch(scratch);
    if (db) hs_free_database(db);
  }
};

bool at_word_boundaries(std::string_view n, std::size_t from, std::size_t to);

struct MatchSink {
  const Expression* expressions;
  std::vector<RawMatch>* hits;
  std::string_view view = {};
  bool pattern_matched = false;  // a phrase pattern matched
  bool pair_matched = false;     // a phrase's two words stand as words
};

int collect_match(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
                  void* context) {
  auto* sink = static_cast<MatchSink*>(context);
  const Expression& e = sink->expressions[id];
  if (e.phrase_pair) {
    if (!sink->pair_matched) {
      sink->pair_matched = at_word_boundaries(sink->view, static_cast<std::size_t>(to - e.literal_length),
                                              static_cast<std::size_t>(to));
    }
  } else if (e.literal_length) {
    sink->hits->push_back({e.rule, static_cast<std::size_t>(to - e.literal_length), static_cast<std::size_t>(to)});
  } else {
    sink->pattern_matched = true;
  }
  return 0;
}

int note_first_match(unsigned, unsigned long long, unsigned long long, unsigned, void* context) {
  *static_cast<bool*>(context) = true;
  return 1;  // one is enough: stop the scan
}

int collect_pattern_match(unsigned id, unsigned long long from, unsigned long long to, unsigned /*flags*/,
                          void* context) {
  auto* sink = static_cast<MatchSink*>(context);
  sink->hits->push_back({sink->expressions[id].rule, static_cast<std::size_t>(from), static_cast<std::size_t>(to)});
  return 0;
}

bool compile(const std::vector<std::string>& patterns, const std::vector<std::string_view>& names,
             unsigned pattern_flags, Database& out, std::string* error) {
  Sha256 key;
  key.update(hs_version());
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    key.update(std::to_string(out.expressions[i].literal_length ? 0 : pattern_flags));
    key.update(std::string_view("\0", 1));
    key.update(patterns[i]);
    key.update(std::string_view("\0", 1));
  }
  const std::string cache_path = database_cache_path(key.hex_digest());
  if (!cache_path.empty() && load_cached_database(cache_path, &out.db)) {
    if (hs_alloc_scratch(out.db, &out.scratch) != HS_SUCCESS) {
      *error = "cannot allocate matcher scratch space";
      return false;
    }
    return true;
  }
  std::vector<const char*> pointers;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    pointers.push_back(patterns[i].c_str());
    flags.push_back(out.expressions[i].literal_length ? 0 : pattern_flags);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* compile_error = nullptr;
  if (hs_compile_multi(pointers.data(), flags.data(), ids.data(), static_cast<unsigned>(patterns.size()),
                       HS_MODE_BLOCK, nullptr, &out.db, &compile_error) != HS_SUCCESS) {
    std::string which;
    if (compile_error && compile_error->expression >= 0) {
      which = " in rule '" + std::string(names[compile_error->expression]) + "' (" +
              patterns[compile_error->expression] + ")";
    }
    *error = std::string("cannot compile policy: ") + (compile_error ? compile_error->message : "unknown") + which;
    hs_free_compile_error(compile_error);
    return false;
  }
  if (hs_alloc_scratch(out.db, &out.scratch) != HS_SUCCESS) {
    *error = "cannot allocate matcher scratch space";
    return false;
  }
  if (!cache_path.empty()) store_cached_database(cache_path, out.db);
  return true;
}

}  // namespace

class ScannerImpl {
 public:
  const Policy* policy = nullptr;
  std::vector<CompiledRule> rules;
  Database main;     // terms (with misspellings), phrases, allow entries, markers, mentions
  Database phrase_check;  // the phrases found by a pair of their words, to test a message that holds one
  Database phrases;       // the phrase patterns again, with start of match
  MaskIndex masks;
  std::map<std::string, int> tag_bits;
  std::unique_ptr<HateModel> model;  // optional
  bool context_rules = true;         // false: duty, condemnation, negation and reclaimed use clear nothing

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
void Scanner::attach_model(std::unique_ptr<HateModel> model) { impl_->model = std::move(model); }
void Scanner::set_context_rules(bool on) { impl_->context_rules = on; }
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

  std::vector<std::string> patterns, phrase_patterns, check_patterns;
  std::vector<std::string_view> names, phrase_names, check_names;
  auto add_rule = [&](const CompiledRule& rule) {
    impl->rules.push_back(rule);
    return static_cast<unsigned>(impl->rules.size() - 1);
  };
  // A literal as normalised text holds it: its words joined by one space.
  auto add_literal = [&](unsigned id, std::string_view literal, bool phrase_pair = false) {
    uint32_t length = 0;
    for (std::size_t i = 0; i < literal.size();) {
      while (i < literal.size() && literal[i] == ' ') ++i;
      std::size_t j = i;
      while (j < literal.size() && literal[j] != ' ') ++j;
      if (j > i) length += static_cast<uint32_t>((length ? 1 : 0) + (j - i));
      i = j;
    }
    if (length == 0) return;
    impl->main.expressions.push_back({id, length, phrase_pair});
    names.push_back(impl->rules[id].rule_id);
    patterns.push_back(literal_to_regex(literal));
  };
  // Matching the phrase patterns in the main database cost it more than all
  // the literals together (docs/performance.md). A phrase with two required
  // words side by side is found there instead by those two words, as
  // literals (every spelling of one, a space, every spelling of the other):
  // only a message holding such a pair as words is tested against its
  // pattern (phrase_check). Of its pairs, the one likeliest to be rare: the
  // fewest and longest spellings. A phrase without such a pair, or whose
  // pairs spell out too many literals, stays in the main database.
  constexpr std::size_t kMaxPairLiterals = 4096;
  auto add_pattern = [&](unsigned id, std::string pattern, const std::vector<PhraseToken>& tokens) {
    // A spelling that normalises to nothing ("—") has no literal to find it
    // by: a token with one is not looked for by its spellings.
    auto has_empty = [](const PhraseToken& t) {
      return std::any_of(t.alternatives.begin(), t.alternatives.end(),
                         [](const std::string& a) { return a.find_first_not_of(' ') == std::string::npos; });
    };
    // A phrase of one token ("snitch|grass|grassing") is its spellings: the
    // main database finds it as literals, as it finds terms, with no pattern
    // to test after (as a pattern, every message saying "grass" was scanned
    // again for phrases; docs/performance.md). A shorter spelling that ends
    // a longer one ("so grim", "thats so grim") is found with it, and scan()
    // keeps the longer; unlike a pattern, whose match starts leftmost, the
    // shorter is still found where the longer does not stand as words.
    if (tokens.size() == 1 && !tokens[0].optional && !has_empty(tokens[0]) &&
        tokens[0].alternatives.size() <= kMaxPairLiterals) {
      for (const auto& spelling : tokens[0].alternatives) add_literal(id, spelling);
      return;
    }
    std::size_t best = tokens.size();
    double best_commonness = 0;
    auto commonness = [](const PhraseToken& t) {
      double sum = 0;
      for (const auto& a : t.alternatives) sum += std::pow(4.0, -static_cast<double>(a.size()));
      return sum;
    };
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
      const PhraseToken &a = tokens[i], &b = tokens[i + 1];
      if (a.optional || b.optional || b.gap_before || a.alternatives.size() * b.alternatives.size() > kMaxPairLiterals ||
          has_empty(a) || has_empty(b)) {
        continue;
      }
      const double c = commonness(a) * commonness(b);
      if (best == tokens.size() || c < best_commonness) best = i, best_commonness = c;
    }
    if (best < tokens.size()) {
      for (const auto& first : tokens[best].alternatives) {
        for (const auto& second : tokens[best + 1].alternatives) add_literal(id, first + " " + second, true);
      }
      impl->phrase_check.expressions.push_back({id, 0});
      check_names.push_back(impl->rules[id].rule_id);
      check_patterns.push_back(pattern);
    } else {
      impl->main.expressions.push_back({id, 0});
      names.push_back(impl->rules[id].rule_id);
      patterns.push_back(pattern);
    }
    impl->phrases.expressions.push_back({id, 0});
    phrase_names.push_back(impl->rules[id].rule_id);
    phrase_patterns.push_back(std::move(pattern));
  };

  // Every spelling the policy lists, so a misspelling that happens to be
  // another listed word (or an allow entry) is not generated as a typo.
  std::set<std::string> listed;
  for (const auto& term : policy.terms) listed.insert(term.forms.begin(), term.forms.end());
  for (const auto& allow : policy.allows) listed.insert(allow.text);
  listed.insert(policy.ordinary_words.begin(), policy.ordinary_words.end());

  for (const auto& term : policy.terms) {
    // Doubtable forms (in-group, put-down) get rules of their own (same id)
    // so the combiner knows which findings the model may doubt.
    for (Doubt doubt : {Doubt::never, Doubt::in_group, Doubt::put_down}) {
      CompiledRule rule{RuleKind::term, term.category, term.target, term.severity, term.rule_id, "lexicon",
                        0,              0,             false,       false,         standards_for(term.category)};
      rule.doubt = doubt;
      std::vector<std::string> typos;
      unsigned id = 0;
      bool any = false;
      for (const auto& form : term.forms) {
        auto listed_in = [&](const std::vector<std::string>& list) {
          return std::find(list.begin(), list.end(), form) != list.end();
        };
        Doubt own = listed_in(term.in_group_forms) ? Doubt::in_group
                    : listed_in(term.put_down_forms) ? Doubt::put_down
                                                     : Doubt::never;
        if (own != doubt) continue;
        if (!any) id = add_rule(rule), any = true;
        std::string spellings[] = {form, joined_form(form)};  // "shirt lifter" also as "shirtlifter"
        for (const auto& spelling : spellings) {
          if (spelling.empty() || (&spelling != &spellings[0] && listed.count(spelling))) continue;
          add_literal(id, spelling);
          impl->masks.add(spelling, id);
        }
        if (term.typos) {
          for (const auto& spelling : spellings) {
            if (spelling.empty()) continue;
            for (auto& typo : typo_variants(spelling)) {
              if (!listed.count(typo)) typos.push_back(std::move(typo));
            }
          }
        }
      }
      if (!any) continue;
      if (!typos.empty()) {
        rule.typo = true;
        unsigned typo_id = add_rule(rule);
        for (const auto& typo : typos) add_literal(typo_id, typo);
      }
    }
  }
  for (const auto& phrase : policy.phrases) {
    std::string compile_error;
    std::vector<PhraseToken> tokens;
    std::string expression = compile_phrase_pattern(phrase.pattern, policy.word_classes, &compile_error, &tokens);
    if (expression.empty()) {
      *error = phrase.where.file + ":" + std::to_string(phrase.where.line) + ": '" + phrase.id + "': " + compile_error;
      return nullptr;
    }
    CompiledRule rule{RuleKind::phrase, phrase.category, phrase.target, phrase.severity, phrase.rule_id, "pattern",
                      0,                0,               false,         false,           standards_for(phrase.category)};
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
    rule.target_from_mention = phrase.target_from_mention;
    add_pattern(add_rule(rule), std::move(expression), tokens);
  }
  for (const auto& allow : policy.allows) {
    CompiledRule rule{};
    rule.kind = RuleKind::allow;
    rule.rule_id = allow.id;
    unsigned id = add_rule(rule);
    add_literal(id, allow.text);
  }
  auto add_markers = [&](const std::vector<std::string>& markers, Marker type, std::string_view name) {
    for (const auto& text : markers) {
      CompiledRule rule{};
      rule.kind = RuleKind::marker;
      rule.marker = type;
      rule.rule_id = name;
      add_literal(add_rule(rule), text);
    }
  };
  add_markers(policy.context.duty, Marker::duty, "context:duty");
  add_markers(policy.context.reported_speech, Marker::reported_speech, "context:reported-speech");
  add_markers(policy.context.reported_abuse, Marker::reported_abuse, "context:reported-abuse");
  add_markers(policy.context.condemnation, Marker::condemnation, "context:condemnation");
  add_markers(policy.context.negation, Marker::negation, "context:negation");
  add_markers(policy.context.reclaim, Marker::reclaim, "context:reclaim");
  add_markers(policy.context.endorsement, Marker::endorsement, "conversation:endorsement");
  add_markers(policy.context.challenge, Marker::challenge, "conversation:challenge");
  add_markers(policy.context.group_reference, Marker::group_reference, "context:group-reference");
  for (int t = 1; t < kTargetCount; ++t) {
    for (const auto& word : policy.identity_terms[t]) {
      CompiledRule rule{};
      rule.kind = RuleKind::mention;
      rule.target = static_cast<Target>(t);
      rule.rule_id = "mention";
      add_literal(add_rule(rule), word);
    }
  }
  if (policy.terms.empty()) {
    *error = "the policy has no terms";
    return nullptr;
  }
  if (!compile(patterns, names, 0, impl->main, error)) return nullptr;
  if (!phrase_patterns.empty() &&
      !compile(phrase_patterns, phrase_names, HS_FLAG_SOM_LEFTMOST, impl->phrases, error)) {
    return nullptr;
  }
  if (!check_patterns.empty() && !compile(check_patterns, check_names, 0, impl->phrase_check, error)) return nullptr;
  return std::unique_ptr<Scanner>(new Scanner(std::move(impl)));
}

class ScanSessionImpl {
 public:
  explicit ScanSessionImpl(const ScannerImpl& scanner) : scanner_(scanner) {
    hs_clone_scratch(scanner.main.scratch, &main_scratch_);
    if (scanner.phrases.scratch) hs_clone_scratch(scanner.phrases.scratch, &phrase_scratch_);
    if (scanner.phrase_check.scratch) hs_clone_scratch(scanner.phrase_check.scratch, &check_scratch_);
    if (scanner.model) model_session_ = std::make_unique<HateModel::Session>(*scanner.model);
  }
  ~ScanSessionImpl() {
    hs_free_scratch(main_scratch_);
    if (phrase_scratch_) hs_free_scratch(phrase_scratch_);
    if (check_scratch_) hs_free_scratch(check_scratch_);
  }

  TagSet scan(std::string_view text, TagSet earlier, std::vector<Finding>& findings,
              std::vector<Finding>* cleared);
  ScanSession::ReplySignals reply_signals() const {
    ScanSession::ReplySignals signals;
    signals.endorses = laughing_emoji_;
    for (const auto& m : markers_) {
      Marker type = scanner_.rules[m.id].marker;
      signals.endorses |= type == Marker::endorsement;
      signals.challenges |= type == Marker::challenge || type == Marker::condemnation;
    }
    if (signals.challenges) signals.endorses = false;  // "haha no, that's out of order" pushes back
    return signals;
  }
  ScanSession::ModelReading model_reading() const { return model_reading_; }
  uint32_t mentioned_targets() const {
    uint32_t bits = 0;
    for (const auto& m : mentions_) bits |= 1u << static_cast<int>(scanner_.rules[m.id].target);
    return bits;
  }

 private:
  // Merges the statistical model's reading into the rule findings
  // (docs/model.md, "the combiner").
  void combine_with_model(std::string_view text, std::string_view normalized, std::vector<Finding>& findings,
                          std::vector<Finding>* cleared);
  // The model's finding for a message the rules found no identity hate in,
  // whose P(hateful) is `p`.
  bool model_finding(std::string_view text, std::string_view normalized, double p, Finding* finding);
  // A model threat finding for identity hate whose P(threat | hateful)
  // reaches the threshold (docs/model.md).
  void add_model_threat(std::string_view text, std::string_view normalized, std::vector<Finding>& findings);
  // The word of `normalized` (among its first kWeighedWords) whose removal
  // lowers P most, as normalised offsets, given P without each of them
  // (HateModel::Session::hateful_without_each_word); false if it has no word.
  static constexpr std::size_t kWeighedWords = 64;
  bool weightiest_word(std::string_view normalized, double p, const std::vector<double>& without, std::size_t* from,
                       std::size_t* to) const;
  // Why the whole message's findings are cleared (duty report, condemnation), or "".
  // `slur`: for a listed slur, which a duty report clears only when it quotes someone.
  // `finding`: a rule's match, which a condemnation clears only when it is
  // named rather than used (nullptr: a model finding, judged by the message).
  std::string message_context(std::string_view text, bool slur = false, const RawMatch* finding = nullptr) const;
  // Whether a match is named as words ("calling him a …", "saying '…'"),
  // not used: in quotes, or just after a reported-speech marker.
  bool named_not_used(std::string_view text, const RawMatch& finding) const;
  std::string quoted_marker(std::string_view text, const RawMatch& marker) const;
  // The words of the original text between a marker and a finding after it,
  // lower-cased (ASCII) into words_between_.
  const std::vector<std::string_view>& words_between(std::string_view text, const RawMatch& marker,
                                                     const RawMatch& finding) const;
  // Why context clears the finding for match `m` ("" if it does not).
  std::string clearing_reason(std::string_view text, const RawMatch& m, const CompiledRule& rule) const;
  // Scans one reading of the message; `map` (if any) takes view offsets back
  // to normalised offsets (none: the view has the same length). Keeps matches
  // that stand as whole words in the view.
  void scan_view(const Database& db, hs_scratch_t* scratch, std::string_view view,
                 const ViewMap* map, Reading reading, bool terms_only);
  void resolve_masks(std::string_view normalized);
  bool overlaps_allowed(const RawMatch& match) const;

  const ScannerImpl& scanner_;
  hs_scratch_t* main_scratch_ = nullptr;
  hs_scratch_t* phrase_scratch_ = nullptr;
  hs_scratch_t* check_scratch_ = nullptr;
  Normalizer normalizer_;
  std::string view_;
  ViewMap view_map_;
  std::vector<RawMatch> hits_;
  std::vector<RawMatch> allowed_;
  std::vector<RawMatch> markers_;
  mutable std::string lowered_;                         // words_between()
  mutable std::vector<std::string_view> words_between_;  // words_between()
  std::vector<RawMatch> mentions_;  // words naming a protected group
  bool laughing_emoji_ = false;  // for reply signals: emoji vanish in normalisation
  std::vector<RawMatch> kept_;
  std::vector<const MaskIndex::Entry*> mask_candidates_;
  std::vector<std::string> mask_notes_;  // per kept masked match, in kept_ order
  std::vector<Doubt> doubt_;  // per rule finding: whether the model may doubt it
  std::unique_ptr<HateModel::Session> model_session_;
  std::string without_word_;
  std::vector<double> without_each_word_;
  ScanSession::ModelReading model_reading_;
};

namespace {

// Laughing and applauding emoji (all four-byte UTF-8, so most texts are ruled
// out by one search for their lead byte).
bool has_laughing_emoji(std::string_view text) {
  if (text.find('\xF0') == std::string_view::npos) return false;
  for (std::string_view emoji : {"\xF0\x9F\x98\x82", "\xF0\x9F\xA4\xA3", "\xF0\x9F\x98\x86", "\xF0\x9F\x98\xB9",
                                 "\xF0\x9F\x92\x80", "\xF0\x9F\x98\x85", "\xF0\x9F\x91\x8F", "\xF0\x9F\x99\x8C"}) {
    if (text.find(emoji) != std::string_view::npos) return true;
  }
  return false;
}

bool at_word_boundaries(std::string_view n, std::size_t from, std::size_t to) {
  if (from >= to) return false;
  if (from > 0) {
    std::size_t len = 0;
    if (is_word_codepoint(decode_utf8_before(n, from, &len))) return false;
  }
  if (to < n.size()) {
    std::size_t len = 0;
    if (is_word_codepoint(decode_utf8(n, to, &len))) return false;
    // A masked word ("c****") must be matched whole, not as a shorter mask.
    if (is_mask_char(n[to - 1]) && is_mask_char(n[to])) return false;
  }
  return true;
}

}  // namespace

void ScanSessionImpl::scan_view(const Database& db, hs_scratch_t* scratch, std::string_view view,
                                const ViewMap* map, Reading reading, bool terms_only) {
  hits_.clear();
  MatchSink sink{db.expressions.data(), &hits_, view};
  hs_scan(db.db, view.data(), static_cast<unsigned>(view.size()), 0, scratch, collect_match, &sink);
  if (sink.pair_matched && !sink.pattern_matched && !terms_only) {
    hs_scan(scanner_.phrase_check.db, view.data(), static_cast<unsigned>(view.size()), 0, check_scratch_,
            note_first_match, &sink.pattern_matched);
  }
  if (sink.pattern_matched && !terms_only && scanner_.phrases.db) {
    MatchSink phrases{scanner_.phrases.expressions.data(), &hits_};
    hs_scan(scanner_.phrases.db, view.data(), static_cast<unsigned>(view.size()), 0, phrase_scratch_,
            collect_pattern_match, &phrases);
  }
  for (RawMatch m : hits_) {
    if (!at_word_boundaries(view, m.from, m.to)) continue;
    const CompiledRule& rule = scanner_.rules[m.id];
    if (terms_only && rule.kind == RuleKind::phrase) continue;
    if (map) {
      m.from = map->starts[m.from];
      m.to = map->ends[m.to - 1];
    }
    m.reading = rule.typo ? Reading::typo : reading;
    if (rule.kind == RuleKind::marker || rule.kind == RuleKind::mention) {
      if (reading == Reading::plain) (rule.kind == RuleKind::marker ? markers_ : mentions_).push_back(m);
    } else if (rule.kind == RuleKind::allow) {
      allowed_.push_back(m);
    } else {
      kept_.push_back(m);
    }
  }
}

bool ScanSessionImpl::overlaps_allowed(const RawMatch& match) const {
  for (const auto& allowed : allowed_) {
    if (allowed.from < match.to && match.from < allowed.to) return true;
  }
  return false;
}

// Reads each masked word not already explained by a listed spelling (only
// for messages with a mask character: disguise_signs).
void ScanSessionImpl::resolve_masks(std::string_view n) {
  std::size_t i = 0;
  while (i < n.size()) {
    if (n[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = n.find(' ', i);
    if (end == std::string_view::npos) end = n.size();
    std::string_view token = n.substr(i, end - i);
    const std::size_t from = i;
    i = end;
    if (!is_mask_token(token)) continue;
    bool explained = std::any_of(kept_.begin(), kept_.end(), [&](const RawMatch& m) {
      return scanner_.rules[m.id].kind == RuleKind::term && m.from <= from && end <= m.to;
    });
    if (explained) continue;
    scanner_.masks.candidates(token, mask_candidates_);
    if (mask_candidates_.empty()) continue;
    // Distinct rules, in policy order. Prefer a reading the rest of the
    // message supports (same category as another finding), then profanity,
    // the commonest thing people mask.
    std::vector<const MaskIndex::Entry*> rules;
    for (const auto* c : mask_candidates_) {
      if (std::none_of(rules.begin(), rules.end(), [&](const auto* r) { return r->rule == c->rule; })) {
        rules.push_back(c);
      }
    }
    auto supported = [&](const MaskIndex::Entry* e) {
      Category c = scanner_.rules[e->rule].category;
      return std::any_of(kept_.begin(), kept_.end(),
                         [&](const RawMatch& m) { return scanner_.rules[m.id].category == c; });
    };
    const MaskIndex::Entry* chosen = nullptr;
    for (const auto* r : rules) {
      if (!chosen && supported(r)) chosen = r;
    }
    for (const auto* r : rules) {
      if (!chosen && scanner_.rules[r->rule].category == Category::profanity) chosen = r;
    }
    if (!chosen) chosen = rules.front();
    std::string note = "masked word read as '" + chosen->form + "'";
    if (rules.size() > 1) {
      note += "; also fits";
      for (const auto* r : rules) {
        if (r != chosen) note += " '" + r->form + "' (" + std::string(scanner_.rules[r->rule].rule_id) + ")";
      }
    }
    kept_.push_back({chosen->rule, from, end, rules.size() > 1 ? Reading::masked_ambiguous : Reading::masked});
    mask_notes_.resize(kept_.size());
    mask_notes_.back() = std::move(note);
  }
}

std::string ScanSessionImpl::quoted_marker(std::string_view text, const RawMatch& marker) const {
  std::size_t from = normalizer_.original_start(marker.from), to = normalizer_.original_end(marker.to);
  return "'" + std::string(text.substr(from, to - from)) + "'";
}

const std::vector<std::string_view>& ScanSessionImpl::words_between(std::string_view text, const RawMatch& marker,
                                                                   const RawMatch& finding) const {
  const std::size_t from = normalizer_.original_end(marker.to), to = normalizer_.original_start(finding.from);
  lowered_.clear();
  for (std::size_t i = from; i < to && i < text.size(); ++i) {
    char c = text[i];
    lowered_.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  words_between_.clear();
  std::string_view between = lowered_;
  for (std::size_t i = 0; i < between.size();) {
    if (between[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = between.find(' ', i);
    if (end == std::string_view::npos) end = between.size();
    words_between_.push_back(between.substr(i, end - i));
    i = end;
  }
  return words_between_;
}

bool ScanSessionImpl::named_not_used(std::string_view text, const RawMatch& finding) const {
  for (const auto& marker : markers_) {
    if (scanner_.rules[marker.id].marker == Marker::reported_speech && marker.to <= finding.from &&
        finding.from - marker.to <= 24) {
      return true;
    }
  }
  // An opening quote right before it: ' " ` “ ‘ «
  std::size_t at = normalizer_.original_start(finding.from);
  while (at > 0 && text[at - 1] == ' ') --at;
  if (at == 0) return false;
  const char before = text[at - 1];
  if (before == '\'' || before == '"' || before == '`') return true;
  auto ends_with_at = [&](std::string_view mark) { return at >= mark.size() && text.substr(at - mark.size(), mark.size()) == mark; };
  if (ends_with_at("\xE2\x80\x9C") || ends_with_at("\xE2\x80\x98") || ends_with_at("\xC2\xAB")) return true;
  // A word inside a phrase that is named is named with it ("grassing" in "'no grassing'").
  const CompiledRule& rule = scanner_.rules[finding.id];
  if (rule.kind != RuleKind::term) return false;
  return std::any_of(kept_.begin(), kept_.end(), [&](const RawMatch& phrase) {
    const CompiledRule& p = scanner_.rules[phrase.id];
    return p.kind == RuleKind::phrase && p.category == rule.category && phrase.from <= finding.from &&
           finding.to <= phrase.to && named_not_used(text, phrase);
  });
}

std::string ScanSessionImpl::message_context(std::string_view text, bool slur, const RawMatch* finding) const {
  if (!scanner_.context_rules) return {};
  // A slur in a duty report is cleared only where the report quotes someone
  // ("the suspect called him a …"): "the suspect is some g…" is the
  // writer's own word.
  const bool quotes = !slur || std::any_of(markers_.begin(), markers_.end(), [&](const RawMatch& m) {
    return scanner_.rules[m.id].marker == Marker::reported_speech;
  });
  for (const auto& marker : markers_) {
    if (quotes && scanner_.rules[marker.id].marker == Marker::duty) {
      return "reported in the course of duty (" + quoted_marker(text, marker) + ")";
    }
  }
  // A condemnation clears what it names ("calling him a p… isn't banter"),
  // not abuse written beside it ("not funny how the p…s have taken over").
  for (const auto& marker : markers_) {
    if (scanner_.rules[marker.id].marker != Marker::condemnation) continue;
    if (finding && !named_not_used(text, *finding)) return {};
    return "named in order to condemn it (" + quoted_marker(text, marker) + ")";
  }
  return {};
}

std::string ScanSessionImpl::clearing_reason(std::string_view text, const RawMatch& m,
                                             const CompiledRule& rule) const {
  if (!scanner_.context_rules) return {};
  const bool slur = rule.kind == RuleKind::term && rule.category == Category::identity_hate;
  if (std::string reason = message_context(text, slur, &m); !reason.empty()) return reason;
  auto quoted = [&](const RawMatch& marker) { return quoted_marker(text, marker); };
  // A slur right after a self-description is in-group or reclaimed use ("I'm a
  // proud dyke"): shown, but it does not flag the message. A self-description
  // may have a word or two between ("I'm a proud …"); a bare pronoun at most
  // one ("us queers", "us old …"), or "let us blame the …" would count.
  if (slur) {
    for (const auto& marker : markers_) {
      if (scanner_.rules[marker.id].marker != Marker::reclaim || marker.to > m.from || m.from - marker.to > 12) continue;
      if (marker.to - marker.from <= 2 && words_between(text, marker, m).size() > 1) continue;
      return "self-described: in-group or reclaimed use (" + quoted(marker) + ")";
    }
  }
  // A slur someone else called the writer or another person, or said ("she
  // called me a …", "being called a …", "two men say …"), is reported, not
  // used: the writer is the victim or a witness. At most two words may come
  // between, and none that starts a claim about a group ("he said the …s
  // are ruining", "they call them …"): then the words may be the writer's.
  if (slur) {
    for (const auto& marker : markers_) {
      if (scanner_.rules[marker.id].marker != Marker::reported_abuse || marker.to > m.from || m.from - marker.to > 24) {
        continue;
      }
      const std::vector<std::string_view>& between = words_between(text, marker, m);
      if (between.size() > 2) continue;
      const bool names_words = between.size() == 2 && (between[1] == "word" || between[1] == "term");
      const bool claims = std::any_of(between.begin(), between.end(), [](std::string_view w) {
        return w == "the" || w == "these" || w == "those" || w == "them" || w == "all" || w == "every" || w == "most";
      });
      if (claims && !names_words) continue;
      return "reported as someone else's words (" + quoted(marker) + ")";
    }
  }
  // A negator just before a phrase denies it: "I don't think women are inferior".
  if (rule.kind == RuleKind::phrase) {
    for (const auto& marker : markers_) {
      if (scanner_.rules[marker.id].marker == Marker::negation && marker.to <= m.from && m.from - marker.to <= 24) {
        return "negated (" + quoted(marker) + ")";
      }
    }
  }
  return {};
}

void ScanSessionImpl::combine_with_model(std::string_view text, std::string_view n, std::vector<Finding>& findings,
                                         std::vector<Finding>* cleared) {
  using Settings = HateModel::Settings;
  const Settings& settings = scanner_.model->settings();
  auto is_hate = [](const Finding& f) { return f.category == Category::identity_hate; };
  const bool rule_hate = std::any_of(findings.begin(), findings.end(), is_hate);
  // Identity hate that context cleared stays cleared; the model is not asked.
  if (!rule_hate && cleared && std::any_of(cleared->begin(), cleared->end(), is_hate)) return;
  // Hate that names no group is asked about only in messages the rules found
  // abusive in some other way and that speak of a group ("they", "these
  // people"): the model was trained on posts about groups, and on ordinary
  // work talk ("traffic is a nightmare this morning") or abuse of one person
  // ("you're an absolute moron") its P(hateful) means little. This also
  // keeps it off almost every message.
  if (!rule_hate && mentions_.empty()) {
    const bool speaks_of_a_group = std::any_of(markers_.begin(), markers_.end(), [&](const RawMatch& m) {
      return scanner_.rules[m.id].marker == Marker::group_reference;
    });
    if (findings.empty() || !speaks_of_a_group) return;
  }
  if (rule_hate) {
    // A rule finding keeps the policy's confidence: the policy says what
    // counts as hate here, and the dev data's annotators call exactly these
    // messages (a slur thrown at someone) "offensive", so their calibration
    // would put "f*** you bender" at 0.26. So the model is asked only when an
    // in-group or put-down form might be doubted. A put-down in a message
    // that also names the slur's own group ("the disabled are retarded") is
    // about the group: never doubted.
    const uint32_t named = mentioned_targets();
    auto doubtable = [&](std::size_t i) {
      const bool names_group = named >> static_cast<int>(findings[i].target) & 1u;
      return is_hate(findings[i]) && (doubt_[i] == Doubt::in_group || (doubt_[i] == Doubt::put_down && !names_group));
    };
    bool any = false;
    for (std::size_t i = 0; i < findings.size(); ++i) any |= doubtable(i);
    if (!any) return;
    const double p = model_session_->hateful(n);
    model_reading_ = {Settings::rule, p, -1};
    for (std::size_t i = 0; i < findings.size(); ++i) {
      Finding& f = findings[i];
      if (!doubtable(i) || p >= settings.doubt_below) continue;
      // A form also used in-group, reclaimed or as a general put-down, in a
      // message the model reads as not hateful: it weighs less but is still
      // shown. Other slurs are never doubted: in a workplace chat "f*** you
      // bender" is homophobic abuse whatever a model trained on tweets says.
      f.confidence = std::min(f.confidence, settings.calibrated_confidence(Settings::rule, p));
      f.doubted = true;
      f.severity = std::max(1, f.severity - 1);
      char note[128];
      std::snprintf(note, sizeof note, "doubted: %sthe model reads this as offensive rather than hateful (P(hateful) %.2f)",
                    doubt_[i] == Doubt::put_down ? "a general put-down, and " : "", p);
      f.note = f.note.empty() ? std::string(note) : std::string(note) + "; " + f.note;
    }
    return;
  }
  const double p = model_session_->hateful(n);
  model_reading_ = {mentions_.empty() ? Settings::unnamed : Settings::named, p, -1};
  Finding f;
  if (!model_finding(text, n, p, &f)) return;
  if (std::string reason = message_context(text); !reason.empty()) {
    f.note = reason + "; " + f.note;
    f.source = "context";
    if (cleared) cleared->push_back(std::move(f));
  } else {
    findings.push_back(std::move(f));
  }
}

void ScanSessionImpl::add_model_threat(std::string_view text, std::string_view n, std::vector<Finding>& findings) {
  const HateModel::Settings& settings = scanner_.model->settings();
  if (settings.threshold_threat > 1) return;
  const Finding* hate = nullptr;
  for (const Finding& f : findings) {
    if (f.category == Category::threat) return;  // the rules found the threat
    if (f.category == Category::identity_hate && !f.doubted && !hate) hate = &f;
  }
  if (!hate) return;
  const double p = model_session_->threatening(n);
  model_reading_.threat = p;
  if (p < settings.threshold_threat) return;
  std::size_t from, to;
  model_session_->threatening_without_each_word(n, kWeighedWords, without_each_word_);
  if (!weightiest_word(n, p, without_each_word_, &from, &to)) return;
  Finding finding;
  finding.category = Category::threat;
  finding.target = hate->target;
  // One below a rule's threat, as a model's hate is one below a slur.
  finding.severity = 3;
  finding.confidence = settings.calibrated_confidence(HateModel::Settings::threat, p);
  finding.start = normalizer_.original_start(from);
  finding.end = normalizer_.original_end(to);
  finding.evidence.assign(text.substr(finding.start, finding.end - finding.start));
  finding.rule = "model:threat";
  finding.source = "model";
  const StandardsMapping* mapping = scanner_.policy->mapping();
  if (mapping) finding.standards = mapping->by_category[static_cast<int>(Category::threat)];
  char note[128];
  std::snprintf(note, sizeof note, "statistical model: P(threat | hateful) %.2f; the span is the word it weighs most", p);
  finding.note = note;
  findings.push_back(std::move(finding));
}

bool ScanSessionImpl::weightiest_word(std::string_view n, double p, const std::vector<double>& without,
                                      std::size_t* from, std::size_t* to) const {
  double best_drop = -1;
  *from = *to = 0;
  // Words as the model's tokens: normalised text separates them by single spaces only.
  std::size_t words = 0;
  for (std::size_t i = 0; i < n.size() && words < without.size();) {
    if (n[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = n.find(' ', i);
    if (end == std::string_view::npos) end = n.size();
    double drop = p - without[words++];
    if (drop > best_drop) best_drop = drop, *from = i, *to = end;
    i = end;
  }
  return *to != 0;
}

bool ScanSessionImpl::model_finding(std::string_view text, std::string_view n, double p, Finding* finding) {
  const HateModel::Settings& settings = scanner_.model->settings();
  if (mentions_.empty()) {
    if (p < settings.threshold_unnamed) return false;
  } else {
    if (p < settings.lowest_threshold_named()) return false;
    // Ask again with every group name replaced by "people": if the model only
    // reacted to the name of a group ("Muslims in our team are fasting"), that
    // is not hate. Identity words alone are never hate.
    without_word_.clear();
    std::size_t at = 0;
    for (const auto& mention : mentions_) {
      if (mention.from < at) continue;
      without_word_.append(n.substr(at, mention.from - at));
      without_word_.append("people");
      at = mention.to;
    }
    without_word_.append(n.substr(at));
    if (model_session_->hateful(without_word_) < settings.masked_threshold) return false;
  }
  double target_probability = 0;
  Target target = model_session_->target(n, &target_probability);
  if (target == Target::none) return false;  // identity hate always names a target
  // In a message that names groups, hate aimed at a group it does not name
  // is the model guessing.
  if (!mentions_.empty()) {
    if (!(mentioned_targets() & (1u << static_cast<int>(target)))) return false;
    if (p < settings.threshold_named_for(target)) return false;
  }
  // The span: the word whose removal lowers P(hateful) most.
  std::size_t best_from, best_to;
  model_session_->hateful_without_each_word(n, kWeighedWords, without_each_word_);
  if (!weightiest_word(n, p, without_each_word_, &best_from, &best_to)) {
    return false;
  }
  finding->category = Category::identity_hate;
  finding->target = target;
  finding->severity = 2;
  finding->confidence = settings.calibrated_confidence(
      mentions_.empty() ? HateModel::Settings::unnamed : HateModel::Settings::named, p);
  finding->start = normalizer_.original_start(best_from);
  finding->end = normalizer_.original_end(best_to);
  finding->evidence.assign(text.substr(finding->start, finding->end - finding->start));
  finding->rule = "model:hate";
  finding->source = "model";
  const StandardsMapping* mapping = scanner_.policy->mapping();
  if (mapping) finding->standards = mapping->by_category[static_cast<int>(Category::identity_hate)];
  char note[160];
  std::snprintf(note, sizeof note, "statistical model: P(hateful) %.2f, target %s (%.2f); the span is the word it weighs most",
                p, std::string(to_string(target)).c_str(), target_probability);
  finding->note = note;
  return true;
}

TagSet ScanSessionImpl::scan(std::string_view text, TagSet earlier, std::vector<Finding>& findings,
                             std::vector<Finding>* cleared) {
  findings.clear();
  if (cleared) cleared->clear();
  model_reading_ = {};
  doubt_.clear();
  laughing_emoji_ = has_laughing_emoji(text);
  allowed_.clear();
  markers_.clear();
  mentions_.clear();
  kept_.clear();
  mask_notes_.clear();
  std::string_view normalized = normalizer_.normalize(text);
  if (normalized.empty()) return 0;

  scan_view(scanner_.main, main_scratch_, normalized, nullptr, Reading::plain, false);
  const DisguiseSigns signs = disguise_signs(normalized);
  if (signs.leet && build_leet_view(normalized, false, view_)) {
    scan_view(scanner_.main, main_scratch_, view_, nullptr, Reading::leet, false);
    if (has_ambiguous_leet(normalized) && build_leet_view(normalized, true, view_)) {
      scan_view(scanner_.main, main_scratch_, view_, nullptr, Reading::leet, false);
    }
  }
  if (signs.spaced && build_spaced_view(normalized, view_, view_map_)) {
    scan_view(scanner_.main, main_scratch_, view_, &view_map_, Reading::spaced, true);
  }
  if (signs.elongated) {
    for (std::size_t keep : {1, 2}) {  // "fuuuuck" -> fuck; "poooof" -> poof
      build_squeezed_view(normalized, keep, view_, view_map_);
      scan_view(scanner_.main, main_scratch_, view_, &view_map_, Reading::elongated, true);
    }
  }
  if (signs.masked) resolve_masks(normalized);
  mask_notes_.resize(kept_.size());

  // Longest match first at each start, plain readings before disguised ones,
  // so repeats of the same rule over the same words are dropped.
  std::vector<std::size_t> order(kept_.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const RawMatch &x = kept_[a], &y = kept_[b];
    if (x.from != y.from) return x.from < y.from;
    if (x.to != y.to) return x.to > y.to;
    if (x.reading != y.reading) return x.reading < y.reading;
    return x.id < y.id;
  });
  std::vector<std::size_t> accepted;
  TagSet tags = 0;
  for (std::size_t k : order) {
    const RawMatch& m = kept_[k];
    const CompiledRule& rule = scanner_.rules[m.id];
    if (overlaps_allowed(m)) continue;
    bool repeated = std::any_of(accepted.begin(), accepted.end(), [&](std::size_t j) {
      const RawMatch& other = kept_[j];
      return scanner_.rules[other.id].rule_id == rule.rule_id && other.from <= m.from && m.to <= other.to;
    });
    if (repeated) continue;
    accepted.push_back(k);
    if (!rule.requires_tag) tags |= rule.tags;
  }

  for (std::size_t k : accepted) {
    const RawMatch& m = kept_[k];
    const CompiledRule& rule = scanner_.rules[m.id];
    std::string note = !mask_notes_[k].empty() ? mask_notes_[k] : note_of(m.reading);
    double confidence = confidence_of(rule.kind, m.reading);
    if (rule.requires_tag) {
      if (rule.requires_tag & tags) {
        note = "supported by another phrase in the same message";
      } else if ((rule.requires_tag & earlier) && !rule.same_message_only) {
        note = "supported by the same sender's previous message";
        confidence = std::min(confidence, 0.7);
      } else {
        continue;
      }
      tags |= rule.tags;
    }
    Finding f;
    f.category = rule.category;
    f.target = rule.target;
    if (rule.target_from_mention) {
      // "They are vermin": about the group the message names, if it names one.
      if (mentions_.empty()) continue;
      f.target = scanner_.rules[mentions_.front().id].target;
    }
    f.severity = rule.severity;
    f.confidence = confidence;
    f.start = normalizer_.original_start(m.from);
    f.end = normalizer_.original_end(m.to);
    f.evidence.assign(text.substr(f.start, f.end - f.start));
    f.rule = rule.rule_id;
    f.source = rule.source;
    f.standards = rule.standards;
    f.note = std::move(note);
    if (std::string reason = clearing_reason(text, m, rule); !reason.empty()) {
      f.note = reason + (f.note.empty() ? "" : "; " + f.note);
      f.source = "context";
      if (cleared) cleared->push_back(std::move(f));
      continue;
    }
    doubt_.push_back(rule.doubt);
    findings.push_back(std::move(f));
  }
  if (model_session_) {
    combine_with_model(text, normalized, findings, cleared);
    add_model_threat(text, normalized, findings);  // acts only on identity hate now in findings
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

TagSet ScanSession::scan(std::string_view text, TagSet earlier, std::vector<Finding>& findings,
                         std::vector<Finding>* cleared) {
  return impl_->scan(text, earlier, findings, cleared);
}

uint32_t ScanSession::mentioned_targets() const { return impl_->mentioned_targets(); }
ScanSession::ReplySignals ScanSession::reply_signals() const { return impl_->reply_signals(); }
ScanSession::ModelReading ScanSession::model_reading() const { return impl_->model_reading(); }

int message_severity(const std::vector<Finding>& findings) {
  int severity = 0;
  for (const auto& f : findings) severity = std::max(severity, f.severity);
  return severity;
}

}  // namespace candour
