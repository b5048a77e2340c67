#include "model/hate_model.h"

#include <fasttext/fasttext.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "candour/scanner.h"
#include "text/normalizer.h"

namespace candour {
namespace {

class HateModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    model_ = HateModel::load(default_model_dir(), &error).release();
    ASSERT_NE(model_, nullptr) << error;
    policy_ = new Policy;
    ASSERT_TRUE(load_policy({default_policy_dir()}, *policy_).empty());
    scanner_ = Scanner::build(*policy_, &error).release();
    ASSERT_NE(scanner_, nullptr) << error;
    auto attached = HateModel::load(default_model_dir(), &error);
    scanner_->attach_model(std::move(attached));
  }
  static void TearDownTestSuite() {
    delete scanner_;
    delete policy_;
    delete model_;
  }
  double p(std::string_view text) {
    Normalizer n;
    HateModel::Session session(*model_);
    return session.hateful(n.normalize(text));
  }
  std::vector<Finding> scan(std::string_view text) {
    ScanSession session(*scanner_);
    std::vector<Finding> findings;
    session.scan(text, 0, findings);
    return findings;
  }
  static HateModel* model_;
  static Policy* policy_;
  static Scanner* scanner_;
};
HateModel* HateModelTest::model_ = nullptr;
Policy* HateModelTest::policy_ = nullptr;
Scanner* HateModelTest::scanner_ = nullptr;

TEST_F(HateModelTest, LoadsWithAThresholdAndSeparatesHateFromWorkTalk) {
  const auto& settings = model_->settings();
  for (double threshold : {settings.threshold_unnamed, settings.threshold_named, settings.masked_threshold}) {
    EXPECT_GT(threshold, 0.0);
    EXPECT_LT(threshold, 1.0);
  }
  EXPECT_TRUE(settings.calibrated);
  EXPECT_GT(p("muslims are a disease and should all be thrown out of this country"), 0.5);
  EXPECT_LT(p("the briefing is at six in the canteen, bring your notebooks"), 0.5);
}

TEST_F(HateModelTest, HateThatThreatensGetsAModelThreatUnlessTheRulesFoundIt) {
  // No listed threat: the threat head reads the hate as a threat.
  const std::string text = "we should round up every muslim and shoot them";
  auto findings = scan(text);
  const Finding* threat = nullptr;
  for (const auto& f : findings) {
    if (f.category == Category::threat) threat = &f;
  }
  ASSERT_NE(threat, nullptr);
  EXPECT_EQ(threat->rule, "model:threat");
  EXPECT_EQ(threat->source, "model");
  EXPECT_EQ(threat->target, Target::religion);  // the hate's target
  EXPECT_EQ(threat->severity, 3);                // one below a rule's threat
  EXPECT_EQ(threat->evidence, "shoot");
  EXPECT_EQ(text.substr(threat->start, threat->end - threat->start), threat->evidence);
  Normalizer n;
  HateModel::Session session(*model_);
  const double p_threat = session.threatening(n.normalize(text));
  EXPECT_GE(p_threat, model_->settings().threshold_threat);
  EXPECT_DOUBLE_EQ(threat->confidence,
                   model_->settings().calibrated_confidence(HateModel::Settings::threat, p_threat));
  // The rules' own threat stands alone: no second, weaker one from the model.
  for (const auto& f : scan("the immigrants should be shot")) EXPECT_NE(f.rule, "model:threat");
  // Hate that threatens no one gets no threat.
  for (const auto& f : scan("muslims are the reason this country is going downhill and they should leave")) {
    EXPECT_NE(f.category, Category::threat);
  }
}

TEST_F(HateModelTest, ModelFindingNamesTargetSpanAndSource) {
  // No listed word or phrase: only the model can flag this.
  const std::string text = "muslims are the reason this country is going downhill and they should leave";
  auto findings = scan(text);
  ASSERT_EQ(findings.size(), 1u);
  const Finding* model = &findings[0];
  EXPECT_EQ(model->source, "model");
  EXPECT_EQ(text.substr(model->start, model->end - model->start), model->evidence);
  EXPECT_EQ(model->category, Category::identity_hate);
  EXPECT_NE(model->target, Target::none);
  EXPECT_EQ(model->rule, "model:hate");
  EXPECT_LT(model->start, model->end);
  EXPECT_NE(model->note.find("P(hateful)"), std::string::npos);
}

TEST_F(HateModelTest, GroupNamesAloneAreNeverHate) {
  const char* texts[] = {
      "Muslims in our team are fasting this week", "the jewish community centre needs a visit",
      "Somali community centre meeting at 6", "Eid in the park tomorrow needs a policing plan",
      "I'm gay and proud", "Our new trans colleague starts Monday, please use her name",
      "Black History Month assembly at the school", "Women officers network meeting at 2",
      "He is a wheelchair user, make sure the custody suite is accessible", "He blacks out when he drinks",
  };
  for (const char* text : texts) {
    auto findings = scan(text);
    EXPECT_TRUE(findings.empty()) << text << " flagged: " << findings.front().note;
  }
}

TEST_F(HateModelTest, SlursThatAreNotUsedInGroupAreNeverDoubted) {
  // Abuse aimed at a colleague: homophobic and ableist slurs stay identity
  // hate at full severity, whatever a model trained on tweets makes of them.
  for (const char* text : {"f*** you bender", "stop being such a fucking poof", "shut up you mong", "shut up you retard"}) {
    auto findings = scan(text);
    ASSERT_FALSE(findings.empty()) << text;
    bool hate = false;
    for (const auto& f : findings) {
      EXPECT_FALSE(f.doubted) << text;
      EXPECT_GE(f.confidence, 0.6) << text;  // the policy's confidence, not the dev labels'
      hate |= f.category == Category::identity_hate;
    }
    EXPECT_TRUE(hate) << text;
  }
}

TEST_F(HateModelTest, InGroupFormIsShownButDoubtedWhenTheModelReadsNoHate) {
  // "nigga" between friends, about a game: the policy lists it as an in-group
  // form, and the model reads the message as not hateful.
  const std::string text = "my nigga you coming to the game tonight or what";
  ASSERT_LT(p(text), model_->settings().doubt_below);
  auto findings = scan(text);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_TRUE(findings[0].doubted);
  EXPECT_EQ(findings[0].category, Category::identity_hate);
  EXPECT_EQ(findings[0].severity, 3);  // one below the slur's 4
  EXPECT_LT(findings[0].confidence, 0.5);
  EXPECT_NE(findings[0].note.find("doubted"), std::string::npos);
  // The same word in a message the model reads as hateful is not doubted.
  auto hateful = scan("all niggas are animals and should be sent back");
  ASSERT_FALSE(hateful.empty());
  EXPECT_FALSE(hateful[0].doubted);
}

TEST_F(HateModelTest, PutDownFormIsShownButDoubtedWhenTheModelReadsNoHate) {
  // "retarded" as a put-down of a thing: ableist, shown, but the policy lists
  // the adjective as a put-down form and the model reads no hate here.
  const std::string text = "the traffic on the ring road is retarded this morning";
  ASSERT_LT(p(text), model_->settings().doubt_below);
  auto findings = scan(text);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "lexicon:ableist-slur/retard");
  EXPECT_EQ(findings[0].target, Target::disability);
  EXPECT_TRUE(findings[0].doubted);
  EXPECT_EQ(findings[0].severity, 2);  // one below the slur's 3
  EXPECT_NE(findings[0].note.find("doubted: a general put-down"), std::string::npos) << findings[0].note;
  // About disabled people it is not doubted.
  auto hateful = scan("disabled people are retarded and a drain on everyone");
  ASSERT_FALSE(hateful.empty());
  for (const auto& f : hateful) EXPECT_FALSE(f.doubted) << f.rule;
}

TEST_F(HateModelTest, AbuseOfOnePersonOrOfAThingIsNotIdentityHate) {
  // Without a group named or spoken of, the model is not asked: these stay
  // bullying or profanity (the model once called all three identity hate).
  for (const char* text : {"You're an absolute moron.", "Sam, you utter twat.", "That's a shit parking space."}) {
    auto findings = scan(text);
    ASSERT_FALSE(findings.empty()) << text;
    for (const auto& f : findings) EXPECT_NE(f.category, Category::identity_hate) << text << ": " << f.rule;
  }
  // A message that speaks of a group ("they") is asked — and swearing about
  // colleagues' rules is still not identity hate (P(hateful) 0.41: the
  // unnamed threshold stays above it).
  ScanSession session(*scanner_);
  std::vector<Finding> findings;
  session.scan("they are all fucking useless", 0, findings);
  EXPECT_EQ(session.model_reading().evidence, 2);
  for (const auto& f : scan("they can fuck off with their overtime rules")) {
    EXPECT_NE(f.category, Category::identity_hate) << f.rule << ": " << f.note;
  }
}

TEST_F(HateModelTest, OrdinaryWorkTalkNeverReachesTheModel) {
  // Once flagged 2,500 times in the benchmark by a model asked about every
  // message: hate that names no group is only looked for where the rules
  // found something abusive.
  EXPECT_TRUE(scan("Traffic on the ring road is a nightmare this morning, going to be late").empty());
  ScanSession session(*scanner_);
  std::vector<Finding> findings;
  session.scan("Traffic on the ring road is a nightmare this morning, going to be late", 0, findings);
  EXPECT_EQ(session.model_reading().evidence, -1);
}

TEST_F(HateModelTest, ConfidencesAreCalibratedProbabilities) {
  auto findings = scan("muslims are the reason this country is going downhill and they should leave");
  ASSERT_EQ(findings.size(), 1u);
  const auto& settings = model_->settings();
  double expected = settings.calibrated_confidence(HateModel::Settings::named,
                                                   p("muslims are the reason this country is going downhill and they should leave"));
  EXPECT_DOUBLE_EQ(findings[0].confidence, expected);
  // The tables never fall as P(hateful) rises.
  for (int kind = 0; kind < HateModel::Settings::kEvidenceKinds; ++kind) {
    for (int b = 1; b < HateModel::Settings::kBins; ++b) {
      EXPECT_LE(settings.calibration[kind][b - 1], settings.calibration[kind][b]);
    }
  }
}

// fastText's own probability of `label` for `normalized`, read as fastText reads a line.
double fasttext_probability(const fasttext::FastText& reference, const std::string& label, const std::string& normalized) {
  int32_t wanted = -1;
  for (int32_t i = 0; i < reference.getDictionary()->nlabels(); ++i) {
    if (reference.getDictionary()->getLabel(i) == label) wanted = i;
  }
  EXPECT_GE(wanted, 0) << label;
  std::istringstream line(normalized + "\n");
  std::vector<int32_t> words, labels;
  reference.getDictionary()->getLine(line, words, labels);
  fasttext::Predictions predictions;
  reference.predict(2, words, predictions, 0.0);
  for (const auto& [log_probability, index] : predictions) {
    if (index == wanted) return std::exp(double(log_probability));
  }
  return 0;
}

// fastText's own top target label for `normalized`, and its probability.
Target fasttext_target(const fasttext::FastText& reference, const std::string& normalized, double* probability) {
  std::istringstream line(normalized + "\n");
  std::vector<int32_t> words, labels;
  reference.getDictionary()->getLine(line, words, labels);
  fasttext::Predictions predictions;
  reference.predict(1, words, predictions, 0.0);
  *probability = 0;
  if (predictions.empty()) return Target::none;
  *probability = std::exp(predictions[0].first);
  std::string label = reference.getDictionary()->getLabel(predictions[0].second);
  return parse_target(label.substr(std::string_view("__label__").size())).value_or(Target::none);
}

TEST_F(HateModelTest, DecodedRowsAndCachedTokensGiveFastTextsOwnProbabilities) {
  // The session computes P from rows decoded at load and from token ids it
  // caches; fastText's own prediction on the same text must agree to the
  // last bit it reports, for each head, for text seen for the first time
  // and again (from the cache).
  // The models are read by our own loader (model/ftz_model.h), not fastText's.
  fasttext::FastText hate, threat, target;
  hate.loadModel(default_model_dir() + "/hate.ftz");
  threat.loadModel(default_model_dir() + "/threat.ftz");
  target.loadModel(default_model_dir() + "/target.ftz");
  auto same_target = [&](HateModel::Session& session, const std::string& text) {
    double ours = -1, theirs = -1;
    EXPECT_EQ(session.target(text, &ours), fasttext_target(target, text, &theirs)) << text;
    EXPECT_EQ(ours, theirs) << text;
  };
  ASSERT_TRUE(model_->has_threat_head());
  std::vector<std::string> texts = {
      "muslims are a disease and should all be thrown out of this country",
      "the briefing is at six in the canteen, bring your notebooks",
      "those immigrants are ruining this town and should leave",
      "Traffic on the ring road is a nightmare this morning, going to be late",
      "women can't do this job", "", "!!!", "zzzzzzqqqq xxyyzz", "my nigga you coming to the game tonight or what",
      "we will hunt every one of them down", "</s> the end-of-sentence token written out",
  };
  // Whitespace fastText treats specially, given straight to the session: a
  // newline ends the line, a label token adds nothing.
  const std::vector<std::string> raw = {"kill them all\nand the rest is ignored", "\nonly a newline first",
                                        "tabs\tand\vother\fspaces\r", "__label__hate they are vermin",
                                        "  leading and trailing  ", "repeat repeat repeat repeat"};
  std::ifstream fixture(std::string(CANDOUR_FIXTURES_DIR) + "/functional/functional.jsonl");
  for (std::string line; std::getline(fixture, line);) {
    auto at = line.find("\"text\": \"");
    if (at != std::string::npos) texts.push_back(line.substr(at + 9, line.find('"', at + 9) - at - 9));
  }
  ASSERT_GT(texts.size(), 600u);
  // More distinct words than a token cache holds: once it is full, the rest
  // are worked out each time, uncached.
  std::string many;
  for (int i = 0; i < 25000; ++i) many += "w" + std::to_string(i * 7919) + (i % 3 ? " " : " muslims ");
  texts.push_back(many);
  Normalizer normalizer;
  HateModel::Session session(*model_);
  for (int round = 0; round < 2; ++round) {
    for (const std::string& text : texts) {
      std::string normalized(normalizer.normalize(text));
      EXPECT_EQ(session.hateful(normalized), fasttext_probability(hate, "__label__hate", normalized)) << text;
      EXPECT_EQ(session.threatening(normalized), fasttext_probability(threat, "__label__threat", normalized)) << text;
      same_target(session, normalized);
    }
    for (const std::string& text : raw) {
      EXPECT_EQ(session.hateful(text), fasttext_probability(hate, "__label__hate", text)) << text;
      EXPECT_EQ(session.threatening(text), fasttext_probability(threat, "__label__threat", text)) << text;
      same_target(session, text);
    }
  }
}

// P without each word in turn (for a model finding's span) shares the sums
// over the words before the one left out: it must give, to the bit, what a
// prediction on the text without that word gives, for both heads.
TEST_F(HateModelTest, ProbabilityWithoutEachWordIsThePredictionWithoutIt) {
  std::vector<std::string> texts = {
      "muslims are a disease and should all be thrown out of this country", "women can't do this job", "vermin",
      "", "we will hunt every one of them down and make them pay", "__label__hate they are vermin",
      "repeat repeat repeat repeat",
  };
  std::ifstream fixture(std::string(CANDOUR_FIXTURES_DIR) + "/functional/functional.jsonl");
  for (std::string line; std::getline(fixture, line) && texts.size() < 300;) {
    auto at = line.find("\"text\": \"");
    if (at != std::string::npos) texts.push_back(line.substr(at + 9, line.find('"', at + 9) - at - 9));
  }
  std::string long_text;
  for (int i = 0; i < 80; ++i) long_text += (i % 5 ? "word" + std::to_string(i) : std::string("immigrants")) + " ";
  texts.push_back(long_text);
  Normalizer normalizer;
  HateModel::Session session(*model_);
  std::vector<double> hate, threat;
  std::size_t checked = 0;
  for (const std::string& text : texts) {
    const std::string normalized(normalizer.normalize(text));
    session.hateful_without_each_word(normalized, 64, hate);
    session.threatening_without_each_word(normalized, 64, threat);
    std::vector<std::pair<std::size_t, std::size_t>> words;  // each word's span
    for (std::size_t i = 0; i < normalized.size() && words.size() < 64;) {
      if (normalized[i] == ' ') {
        ++i;
        continue;
      }
      std::size_t end = std::min(normalized.find(' ', i), normalized.size());
      words.emplace_back(i, end);
      i = end;
    }
    ASSERT_EQ(hate.size(), words.size()) << text;
    ASSERT_EQ(threat.size(), words.size()) << text;
    for (std::size_t k = 0; k < words.size(); ++k) {
      const std::string without = normalized.substr(0, words[k].first) + normalized.substr(words[k].second);
      EXPECT_EQ(hate[k], session.hateful(without)) << text << " without word " << k;
      EXPECT_EQ(threat[k], session.threatening(without)) << text << " without word " << k;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1500u);
  EXPECT_EQ(hate.size(), 64u);  // the long text: its first 64 words only
}

TEST(HateModelLoad, AnOlderModelFolderWithOneThresholdStillLoads) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("candour-old-model-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* file : {"hate.ftz", "target.ftz"}) fs::copy_file(fs::path(default_model_dir()) / file, dir / file);
  std::ofstream(dir / "model.toml") << "hate_threshold = 0.6\n";
  std::string error;
  auto model = HateModel::load(dir.string(), &error);
  ASSERT_NE(model, nullptr) << error;
  EXPECT_DOUBLE_EQ(model->settings().threshold_named, 0.6);
  EXPECT_DOUBLE_EQ(model->settings().threshold_unnamed, 0.6);
  EXPECT_FALSE(model->settings().calibrated);
  std::ofstream(dir / "model.toml") << "threshold_named = 0.6\nthreshold_unnamed = 2\nmasked_threshold = 0.5\n";
  EXPECT_EQ(HateModel::load(dir.string(), &error), nullptr);
  EXPECT_NE(error.find("threshold_unnamed must be between 0 and 1"), std::string::npos) << error;
  fs::remove_all(dir);
}

TEST(HateModelLoad, AGroupsOwnNamedThresholdDecidesFindingsAimedAtIt) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("candour-by-target-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* file : {"hate.ftz", "target.ftz"}) fs::copy_file(fs::path(default_model_dir()) / file, dir / file);
  const std::string common = "threshold_named = 0.8\nthreshold_unnamed = 0.5\nmasked_threshold = 0.5\n";
  Policy policy;
  ASSERT_TRUE(load_policy({default_policy_dir()}, policy).empty());
  const std::string text = "muslims are the reason this country is going downhill and they should leave";
  auto model_findings = [&](std::unique_ptr<HateModel> model) {
    std::string error;
    auto scanner = Scanner::build(policy, &error);
    EXPECT_NE(scanner, nullptr) << error;
    scanner->attach_model(std::move(model));
    ScanSession session(*scanner);
    std::vector<Finding> findings;
    session.scan(text, 0, findings);
    return std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.source == "model"; });
  };
  std::string error;
  std::ofstream(dir / "model.toml") << common;
  auto plain = HateModel::load(dir.string(), &error);
  ASSERT_NE(plain, nullptr) << error;
  EXPECT_EQ(model_findings(std::move(plain)), 1);
  // Religion's own bar above this message's P(hateful): no finding; another
  // group's bar does not matter.
  std::ofstream(dir / "model.toml") << common << "threshold_named_by_target = { religion = 0.9999 }\n";
  auto strict = HateModel::load(dir.string(), &error);
  ASSERT_NE(strict, nullptr) << error;
  EXPECT_DOUBLE_EQ(strict->settings().threshold_named_for(Target::religion), 0.9999);
  EXPECT_DOUBLE_EQ(strict->settings().threshold_named_for(Target::race), 0.8);
  EXPECT_EQ(model_findings(std::move(strict)), 0);
  std::ofstream(dir / "model.toml") << common << "threshold_named_by_target = { race = 0.9999 }\n";
  EXPECT_EQ(model_findings(HateModel::load(dir.string(), &error)), 1);
  // --model-threshold sets one bar for every group.
  std::ofstream(dir / "model.toml") << common << "threshold_named_by_target = { religion = 0.9999 }\n";
  auto overridden = HateModel::load(dir.string(), &error);
  overridden->set_threshold(0.5);
  EXPECT_EQ(model_findings(std::move(overridden)), 1);
  // Mistakes are named.
  for (auto [line, message] : {std::pair{"threshold_named_by_target = { religon = 0.9 }\n", "unknown target 'religon'"},
                               {"threshold_named_by_target = { race = 1.5 }\n", "race must be between 0 and 1"},
                               {"threshold_named_by_target = 0.9\n", "is a table"}}) {
    std::ofstream(dir / "model.toml") << common << line;
    EXPECT_EQ(HateModel::load(dir.string(), &error), nullptr) << line;
    EXPECT_NE(error.find(message), std::string::npos) << error;
  }
  fs::remove_all(dir);
}

TEST(HateModelLoad, MissingModelIsAClearError) {
  std::string error;
  EXPECT_EQ(HateModel::load("/nonexistent/models", &error), nullptr);
  EXPECT_NE(error.find("--no-model"), std::string::npos);
}

}  // namespace
}  // namespace candour
