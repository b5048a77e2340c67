#include "cli/scan_command.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "model/hate_model.h"
#include "report/redactor.h"
#include "util/sha256.h"
#include "slurp.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace candour {
namespace {
namespace fs = std::filesystem;

const std::string kDir = std::string(CANDOUR_FIXTURES_DIR) + "/whatsapp/";

// Runs a shell command; its standard output in *out, its exit status returned.
int output_of(const std::string& command, std::string* out) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return -1;
  char buffer[4096];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out->append(buffer, got);
  return ::pclose(pipe);
}

std::size_t count_of(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class ScanCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = fs::temp_directory_path() / ("candour-scan-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(out_);
  }
  void TearDown() override { fs::remove_all(out_); }
  int scan(std::vector<std::string> inputs, const fs::path& out, int threads = 0) {
    ScanOptions options;
    options.inputs = std::move(inputs);
    options.out_dir = out.string();
    options.quiet = true;
    options.threads = threads;
    return run_scan(options);
  }
  fs::path out_;
};

TEST_F(ScanCommand, WritesFindingsSummaryAndReport) {
  ASSERT_EQ(scan({kDir + "android_uk.txt", kDir + "ios_export.zip"}, out_), 0);
  std::string findings = slurp(out_ / "findings.jsonl");
  simdjson::dom::parser parser;
  std::vector<std::string> texts;
  std::vector<std::pair<std::string, uint64_t>> order;
  std::istringstream lines(findings);
  for (std::string line; std::getline(lines, line);) {
    simdjson::dom::element record;
    ASSERT_FALSE(parser.parse(line).get(record)) << line;
    texts.emplace_back(std::string_view(record["text"]));
    order.emplace_back(std::string(std::string_view(record["source"])), uint64_t(record["index"]));
    EXPECT_EQ(std::string_view(record["sha256"]).size(), 64u);
    EXPECT_GE(int64_t(record["severity"]), 1);
  }
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(texts[0], "f*** you bender");
  EXPECT_EQ(texts[1], "grassing is dirty");
  EXPECT_EQ(texts[2], "There's a few of those grassing c**** I would like to knife");
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));  // source order

  simdjson::dom::element summary;
  std::string summary_text = slurp(out_ / "summary.json");
  ASSERT_FALSE(parser.parse(summary_text).get(summary));
  simdjson::dom::array sources = summary["sources"];
  EXPECT_EQ(sources.size(), 2u);
  for (auto source : sources) {
    EXPECT_TRUE(bool(source["all_lines_accounted"]));
    EXPECT_EQ(std::string_view(source["sha256"]).size(), 64u);
  }
  EXPECT_EQ(std::string_view(sources.at(1)["container_sha256"]).size(), 64u);
  EXPECT_EQ(uint64_t(summary["totals"]["flagged"]), 3u);
  std::string report = slurp(out_ / "report.html");
  EXPECT_NE(report.find("<span class=\"x\">b*****</span><span class=\"o\">bender</span>"), std::string::npos);
  // Each person's section lists their flagged messages, linked to them.
  const std::size_t section = report.find("<section class=\"person\"");
  ASSERT_NE(section, std::string::npos);
  const std::size_t item = report.find("<li><a href=\"#f", section);
  ASSERT_NE(item, std::string::npos);
  const std::string line = report.substr(item, report.find("</li>", item) - item);
  EXPECT_NE(line.find("</a> · severity "), std::string::npos) << line;
  EXPECT_NE(report.find(" id=\"" + line.substr(line.find('#') + 1, line.find('"', line.find('#')) - line.find('#') - 1) + "\""),
            std::string::npos) << line;
  // manifest.json names every output with its hash.
  simdjson::dom::element manifest;
  std::string manifest_text = slurp(out_ / "manifest.json");
  ASSERT_FALSE(parser.parse(manifest_text).get(manifest));
  simdjson::dom::array outputs = manifest["outputs"];
  EXPECT_EQ(outputs.size(), 4u);
  for (auto output : outputs) {
    std::string path{std::string_view(output["path"])};
    EXPECT_EQ(std::string_view(output["sha256"]), sha256_hex(slurp(path))) << path;
  }
  // Inputs keep the hashes taken while reading (a plain file and a zip): they must be the files' own.
  EXPECT_EQ(simdjson::dom::array(manifest["inputs"]).size(), 2u);
  for (auto input : manifest["inputs"].get_array()) {
    std::string path{std::string_view(input["path"])};
    EXPECT_EQ(std::string_view(input["sha256"]), sha256_hex(slurp(path))) << path;
    EXPECT_EQ(uint64_t(input["bytes"]), fs::file_size(path)) << path;
  }
  // The model: every file of its folder, the threat head included.
  Sha256 model_files;
  for (const char* name : {"hate.ftz", "target.ftz", "threat.ftz", "model.toml"}) {
    model_files.update(sha256_hex(slurp(default_model_dir() + "/" + name)));
  }
  EXPECT_EQ(std::string_view(manifest["model_sha256"]), model_files.hex_digest());
  // One script only: the report's own filter script, allowed by hash in its Content-Security-Policy.
  EXPECT_EQ(count_of(report, "<script"), 1u);
  EXPECT_NE(report.find("script-src 'sha256-"), std::string::npos);
}

TEST_F(ScanCommand, SameInputGivesByteIdenticalOutput) {
  ASSERT_EQ(scan({kDir}, out_ / "a"), 0);
  ASSERT_EQ(scan({kDir}, out_ / "b"), 0);
  for (const char* name : {"findings.jsonl", "summary.json", "report.html"}) {
    EXPECT_EQ(slurp(out_ / "a" / name), slurp(out_ / "b" / name)) << name;
  }
}

// Detection runs on worker threads; everything else keeps source order, so
// the outputs must not depend on the number of threads. The long chat spans
// many worker batches, with messages whose context comes from the sender's
// previous message.
TEST_F(ScanCommand, OneThreadAndManyThreadsGiveByteIdenticalOutput) {
  fs::create_directories(out_);
  const fs::path long_chat = out_ / "long.txt";
  {
    std::ofstream out(long_chat, std::ios::binary);
    const std::string conversation = slurp(kDir + "conversation.txt");
    for (int i = 0; i < 60; ++i) out << conversation;
  }
  const std::vector<std::string> inputs = {kDir, std::string(CANDOUR_FIXTURES_DIR) + "/exports", long_chat.string()};
  ASSERT_EQ(scan(inputs, out_ / "t1", 1), 0);
  for (int threads : {2, 5}) {
    ASSERT_EQ(scan(inputs, out_ / ("t" + std::to_string(threads)), threads), 0);
    for (const char* name : {"findings.jsonl", "findings.csv", "summary.json", "report.html"}) {
      EXPECT_EQ(slurp(out_ / "t1" / name), slurp(out_ / ("t" + std::to_string(threads)) / name))
          << name << " with " << threads << " threads";
    }
  }
  EXPECT_GT(slurp(out_ / "t1" / "findings.jsonl").size(), 10000u);
}

// The reader goes on to the next source while the last one's messages are
// still being detected: a laugh at the top of the next chat is not a reply to
// the end of the last one, and its flagged messages get no context from it
// (the report shows context around its most serious episodes).
TEST_F(ScanCommand, RepliesAndContextStopAtTheEndOfASource) {
  fs::create_directories(out_);
  const std::string threat = "13/03/2024, 09:00 - Alice Reed: There's a few grassing c**** I would like to knife\n";
  const std::string laugh = "13/03/2024, 09:01 - Bob Lane: \xF0\x9F\x98\x82\xF0\x9F\x98\x82\n";
  const std::string slur = "13/03/2024, 09:02 - Bob Lane: f*** you bender\n";
  std::string filler;  // enough messages for several worker batches
  for (int i = 0; i < 3000; ++i) filler += "13/03/2024, 08:" + std::to_string(10 + i % 40) + " - Carl Moss: Briefing moved to the yard\n";
  auto write = [&](const char* name, const std::string& text) {
    std::ofstream(out_ / name, std::ios::binary) << text;
    return (out_ / name).string();
  };
  const std::string first = write("a.txt", filler + threat), second = write("b.txt", laugh + slur + filler);
  const std::string together = write("ab.txt", filler + threat + laugh + slur);
  simdjson::dom::parser parser;
  auto record_of = [&](const fs::path& dir, std::string_view text) {
    const std::string findings = slurp(dir / "findings.jsonl");
    const std::size_t at = findings.find(text);
    EXPECT_NE(at, std::string::npos) << text;
    std::string line = findings.substr(findings.rfind('\n', at) + 1);
    return std::string(line.substr(0, line.find('\n')));
  };
  // In one chat, the laugh endorses the threat and the threat is the slur's context.
  ASSERT_EQ(scan({together}, out_ / "one", 2), 0);
  simdjson::dom::element threat_record = parser.parse(record_of(out_ / "one", "like to knife"));
  EXPECT_EQ(std::string_view(threat_record["endorsed_by"].at(0)), "Bob Lane");
  const std::string alice_as_context = "</time> <b>Alice Reed</b>:";  // a context line of the report's episodes
  EXPECT_NE(slurp(out_ / "one" / "report.html").find(alice_as_context), std::string::npos);
  for (int threads : {1, 2}) {
    const fs::path dir = out_ / ("two" + std::to_string(threads));
    ASSERT_EQ(scan({first, second}, dir, threads), 0);
    threat_record = parser.parse(record_of(dir, "like to knife"));
    EXPECT_EQ(simdjson::dom::array(threat_record["endorsed_by"]).size(), 0u) << threads << " thread(s)";
    EXPECT_EQ(slurp(dir / "report.html").find(alice_as_context), std::string::npos) << threads << " thread(s)";
  }
}

TEST_F(ScanCommand, UnreadableInputAmongGoodOnesGivesStatusTwoAndIsNamed) {
  EXPECT_EQ(scan({kDir + "android_de.txt", kDir + "missing.txt", kDir + "not_a_chat.jpg"}, out_), 2);
  std::string summary = slurp(out_ / "summary.json");
  EXPECT_NE(summary.find("missing.txt"), std::string::npos);
  EXPECT_NE(summary.find("JPEG image"), std::string::npos);
  EXPECT_NE(summary.find("android_de.txt"), std::string::npos);
}

TEST_F(ScanCommand, NoTemporaryFilesAreLeftBehind) {
  ASSERT_EQ(scan({kDir + "android_uk.txt"}, out_), 0);
  for (const auto& entry : fs::directory_iterator(out_)) {
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

TEST_F(ScanCommand, AModelThatCannotLoadStopsTheScanWithNoOutput) {
  // The model loads while the first input is read; failing, it still stops
  // the scan before anything is written — with messages read or none.
  fs::create_directories(out_);
  fs::path broken = out_ / "model";
  fs::create_directories(broken);
  for (const char* name : {"hate.ftz", "target.ftz", "threat.ftz", "model.toml"}) {
    fs::copy_file(fs::path(default_model_dir()) / name, broken / name);
  }
  std::ofstream(broken / "hate.ftz", std::ios::trunc) << "not a model";
  fs::path empty = out_ / "empty.txt";
  std::ofstream(empty).flush();
  ::setenv("CANDOUR_MODEL_DIR", broken.c_str(), 1);
  EXPECT_EQ(scan({kDir + "android_uk.txt"}, out_ / "a"), 2);
  EXPECT_EQ(scan({empty.string()}, out_ / "b"), 2);
  ::unsetenv("CANDOUR_MODEL_DIR");
  for (const char* dir : {"a", "b"}) {
    EXPECT_TRUE(!fs::exists(out_ / dir) || fs::is_empty(out_ / dir)) << dir;
  }
}

TEST_F(ScanCommand, HostileMarkupInMessagesIsShownAsText) {
  fs::create_directories(out_);
  fs::path chat = out_ / "hostile.txt";
  std::ofstream(chat) << "14/03/2017, 21:40 - <img src=x onerror=alert(1)>: <script>alert('x')</script> you bender\n"
                         "14/03/2017, 21:41 - Kev: <a href=\"javascript:alert(2)\">click</a> <style>body{}</style>\n";
  ASSERT_EQ(scan({chat.string()}, out_ / "out"), 0);
  std::string report = slurp(out_ / "out" / "report.html");
  EXPECT_EQ(count_of(report, "<script"), 1u);  // the report's own filter script only
  EXPECT_EQ(report.find("<script>alert"), std::string::npos);
  EXPECT_EQ(report.find("<img"), std::string::npos);
  EXPECT_NE(report.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(report.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

TEST_F(ScanCommand, InvalidUtf8IsCountedAndTheOriginalBytesKept) {
  ASSERT_EQ(scan({kDir + "invalid_utf8.txt"}, out_), 0);
  simdjson::dom::parser parser;
  std::string line = slurp(out_ / "findings.jsonl");
  simdjson::dom::element record;
  ASSERT_FALSE(parser.parse(line).get(record));
  EXPECT_EQ(std::string_view(record["text"]), "caf\xEF\xBF\xBD bender");  // U+FFFD in the JSON text
  EXPECT_EQ(std::string_view(record["text_bytes_base64"]), "Y2Fm6SBiZW5kZXI=");  // "caf\xe9 bender"
  std::string summary = slurp(out_ / "summary.json");
  EXPECT_NE(summary.find("\"invalid_utf8_entries\":2"), std::string::npos);
}

// Ctrl-C during a long scan: exit status 130 and no output under its final
// name (nothing half-written), no temporary files left.
TEST(ScanCli, InterruptedScanLeavesNoOutput) {
  fs::path dir = fs::temp_directory_path() / ("candour-interrupt-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string chat = (dir / "big.txt").string();
  // Large enough that the signal lands mid-scan: since 2026-11-29 400,000
  // messages were often screened before it, and the test skipped itself.
  ASSERT_EQ(std::system((std::string(CANDOUR_GEN) + " --messages 1500000 --out " + chat).c_str()), 0);
  std::string out = (dir / "out").string();
  std::string command = std::string(CANDOUR_BINARY) + " scan " + chat + " --out " + out + " --quiet --no-model & pid=$!; "
                        "sleep 0.3; kill -INT $pid; wait $pid; echo $? > " + (dir / "status").string();
  std::system(("sh -c '" + command + "'").c_str());
  std::string status = slurp(dir / "status");
  if (status.rfind("0", 0) == 0) GTEST_SKIP() << "the scan finished before the signal";
  EXPECT_EQ(status, "130\n");
  for (const char* name : {"findings.jsonl", "findings.csv", "summary.json", "report.html", "manifest.json"}) {
    EXPECT_FALSE(fs::exists(fs::path(out) / name)) << name;
  }
  if (fs::exists(out)) {
    for (const auto& entry : fs::directory_iterator(out)) ADD_FAILURE() << "left behind: " << entry.path();
  }
  fs::remove_all(dir);
}

TEST(ScanCli, StandardsMappingCanBeChosen) {
  std::string binary = CANDOUR_BINARY;
  std::string out;
  ASSERT_EQ(output_of("echo 'f*** you bender' | " + binary + " check --text --no-model --standards employer", &out), 0);
  EXPECT_NE(out.find("harassment_protected_characteristic"), std::string::npos) << out;
  EXPECT_EQ(out.find("equality_and_diversity"), std::string::npos) << out;  // the police mapping's
  EXPECT_EQ(WEXITSTATUS(std::system((binary + " check --text --standards nope </dev/null >/dev/null 2>&1").c_str())), 2);
}

TEST(ScanCli, PolicyShowListsTheContextMarkersIdentityTermsAndDoubtableForms) {
  // They clear or qualify findings: a reviewer must be able to see them.
  std::string out;
  ASSERT_EQ(output_of(std::string(CANDOUR_BINARY) + " policy show --no-model", &out), 0);
  for (const char* expected : {"\n# context", "\nreported_abuse_markers: called me, ", "\nduty_markers: ",
                               "\nnegators: ", "\n# identity terms", "\nreligion: muslim, ",
                               "\n  in_group_forms: nigga, ", "\n  put_down_forms: retarded\n"}) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected;
  }
}

// Output that cannot be written (a full disk, a closed pipe) is an error,
// not a run that looks complete.
TEST(ScanCli, StandardOutputThatCannotBeWrittenIsAnError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  std::string binary = CANDOUR_BINARY;
  fs::path out = fs::temp_directory_path() / ("candour-full-" + std::to_string(::getpid()));
  std::string errors;
  EXPECT_EQ(WEXITSTATUS(output_of("echo 'f*** you bender' | " + binary + " check --text --no-model 2>&1 >/dev/full",
                                  &errors)),
            2);
  EXPECT_NE(errors.find("cannot write the verdicts to standard output"), std::string::npos) << errors;
  errors.clear();
  EXPECT_EQ(WEXITSTATUS(output_of(binary + " scan " + kDir + "conversation.txt --no-model --quiet --jsonl - --out " +
                                      out.string() + " 2>&1 >/dev/full",
                                  &errors)),
            2);
  EXPECT_NE(errors.find("cannot write the findings to standard output"), std::string::npos) << errors;
  EXPECT_FALSE(fs::exists(out / "manifest.json"));
  fs::remove_all(out);
}

TEST(ScanCli, UsageErrorsExitWithOne) {
  std::string binary = CANDOUR_BINARY;
  EXPECT_EQ(WEXITSTATUS(std::system((binary + " scan >/dev/null 2>&1").c_str())), 1);
  EXPECT_EQ(WEXITSTATUS(std::system((binary + " frobnicate >/dev/null 2>&1").c_str())), 1);
  EXPECT_EQ(WEXITSTATUS(std::system((binary + " scan --date-order xyz " + kDir + "android_de.txt >/dev/null 2>&1").c_str())), 1);
  EXPECT_EQ(WEXITSTATUS(std::system((binary + " --version >/dev/null 2>&1").c_str())), 0);
  EXPECT_EQ(WEXITSTATUS(std::system((binary + " help scan >/dev/null 2>&1").c_str())), 0);
}

}  // namespace
}  // namespace candour

namespace candour {
namespace {

// A conversation written for this test: laughing replies after an offensive
// joke, a challenge that quotes the slur, a threat naming the person who
// challenged, a laugh that comes too late to count.
TEST(ScanConversation, EndorsementAndChallengeAreRecorded) {
  fs::path out = fs::temp_directory_path() / ("candour-conversation-" + std::to_string(::getpid()));
  fs::remove_all(out);
  ScanOptions options;
  options.inputs = {std::string(CANDOUR_FIXTURES_DIR) + "/whatsapp/conversation.txt"};
  options.out_dir = out.string();
  options.quiet = true;
  ASSERT_EQ(run_scan(options), 0);
  std::istringstream lines(slurp(out / "findings.jsonl"));
  simdjson::dom::parser parser;
  std::vector<std::string> texts, endorsed, challenged;
  for (std::string line; std::getline(lines, line);) {
    simdjson::dom::element record;
    ASSERT_FALSE(parser.parse(line).get(record));
    texts.emplace_back(std::string_view(record["text"]));
    std::string e, c;
    for (auto name : simdjson::dom::array(record["endorsed_by"])) e += std::string(std::string_view(name)) + ";";
    for (auto name : simdjson::dom::array(record["challenged_by"])) c += std::string(std::string_view(name)) + ";";
    endorsed.push_back(e);
    challenged.push_back(c);
  }
  // The challenge quoting "bender" is not flagged; the late "lol" from the author is not an endorsement.
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(texts[0], "f*** you bender");
  EXPECT_EQ(endorsed[0], "Kev Doyle;Sam Reid;");
  EXPECT_EQ(challenged[0], "Priya Shah;");
  EXPECT_EQ(texts[1], "Priya's a grass, I'd like to knife her");
  EXPECT_EQ(challenged[1], "Sam Reid;");
  EXPECT_EQ(endorsed[1], "Kev Doyle;");
  EXPECT_EQ(endorsed[2], "");  // the laugh three hours later is outside the window
  // The threat names the colleague who challenged.
  std::istringstream again(slurp(out / "findings.jsonl"));
  std::string first, second;
  std::getline(again, first);
  std::getline(again, second);
  simdjson::dom::element threat;
  ASSERT_FALSE(parser.parse(second).get(threat));
  simdjson::dom::array targets = threat["targets"];
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(std::string_view(targets.at(0)), "Priya Shah");

  simdjson::dom::element summary;
  std::string summary_text = slurp(out / "summary.json");
  ASSERT_FALSE(parser.parse(summary_text).get(summary));
  EXPECT_EQ(uint64_t(summary["totals"]["flagged_endorsed"]), 2u);
  EXPECT_EQ(uint64_t(summary["totals"]["flagged_challenged"]), 2u);
  EXPECT_EQ(uint64_t(summary["totals"]["cleared_by_context"]), 1u);
  // The most serious episodes, with their context, most severe first.
  simdjson::dom::array episodes = summary["group"]["episodes"];
  ASSERT_EQ(episodes.size(), 3u);
  EXPECT_EQ(int64_t(episodes.at(0)["severity"]), 4);
  EXPECT_EQ(std::string_view(episodes.at(0)["text"]), "Priya's a grass, I'd like to knife her");
  for (auto episode : episodes) {
    EXPECT_EQ(std::string_view(episode["source"]), options.inputs[0]);
  }
  EXPECT_EQ(simdjson::dom::array(episodes.at(0)["before"]).size(), 3u);
  EXPECT_EQ(std::string_view(simdjson::dom::array(episodes.at(0)["after"]).at(0)["text"]),
            "Pack it in mate, that's out of order");
  for (auto person : simdjson::dom::array(summary["people"])) {
    std::string_view name = person["name"];
    if (name == "Dan Mercer") {
      EXPECT_EQ(uint64_t(person["endorsements_received"]), 3u);
      EXPECT_EQ(uint64_t(person["challenges_received"]), 2u);
      EXPECT_EQ(std::string_view(person["pattern"]), "repeated");  // three messages on two days
    } else if (name == "Kev Doyle") {
      EXPECT_EQ(uint64_t(person["endorsements_given"]), 2u);
      EXPECT_EQ(uint64_t(person["present_silent"]), 0u);
    } else if (name == "Priya Shah") {
      EXPECT_EQ(uint64_t(person["challenges_made"]), 1u);
      EXPECT_EQ(uint64_t(person["times_targeted"]), 1u);
      EXPECT_EQ(uint64_t(person["present_silent"]), 0u);
      EXPECT_EQ(uint64_t(person["flagged"]), 0u);  // challenging is never abuse
    }
  }
  fs::remove_all(out);
}

}  // namespace
}  // namespace candour

namespace candour {
namespace {

TEST(ScanConversation, AliasFileMergesANameAndANumber) {
  fs::path out = fs::temp_directory_path() / ("candour-aliases-" + std::to_string(::getpid()));
  fs::remove_all(out);
  fs::create_directories(out);
  std::ofstream(out / "aliases.toml") << "[[person]]\nname = \"Officer A\"\naliases = [\"Dan Mercer\", \"+44 7700 900123\"]\n";
  ScanOptions options;
  options.inputs = {std::string(CANDOUR_FIXTURES_DIR) + "/whatsapp/android_uk.txt"};
  options.out_dir = (out / "scan").string();
  options.aliases = (out / "aliases.toml").string();
  options.quiet = true;
  ASSERT_EQ(run_scan(options), 0);
  std::istringstream lines(slurp(out / "scan" / "findings.jsonl"));
  simdjson::dom::parser parser;
  int records = 0;
  for (std::string line; std::getline(lines, line); ++records) {
    simdjson::dom::element record;
    ASSERT_FALSE(parser.parse(line).get(record));
    EXPECT_EQ(std::string_view(record["sender"]), "Officer A");
    EXPECT_TRUE(record["sender_exported"].is_string());
  }
  EXPECT_EQ(records, 2);  // "f*** you bender" (Dan Mercer) and "grassing is dirty" (+44 7700 900123)
  simdjson::dom::element summary;
  std::string text = slurp(out / "scan" / "summary.json");
  ASSERT_FALSE(parser.parse(text).get(summary));
  bool found = false;
  for (auto person : simdjson::dom::array(summary["people"])) {
    if (std::string_view(person["name"]) == "Officer A") {
      found = true;
      EXPECT_EQ(uint64_t(person["flagged"]), 2u);
    }
  }
  EXPECT_TRUE(found);
  std::ofstream(out / "bad.toml") << "[[person]]\nname = \"x\"\n";
  options.aliases = (out / "bad.toml").string();
  EXPECT_EQ(run_scan(options), 2);
  fs::remove_all(out);
}

// A phrase that needs the sender's previous message ("It makes them love you
// more" after partner violence) follows the person, through an alias that
// merges two senders, but never into another chat.
TEST(ScanConversation, ThePreviousMessageCountsForThePersonInTheSameChatOnly) {
  fs::path out = fs::temp_directory_path() / ("candour-previous-" + std::to_string(::getpid()));
  fs::remove_all(out);
  fs::create_directories(out);
  std::ofstream(out / "aliases.toml") << "[[person]]\nname = \"Officer A\"\naliases = [\"Dan Mercer\", \"+44 7700 900123\"]\n";
  std::ofstream(out / "first.txt") << "13/03/2024, 09:00 - Dan Mercer: I hit my girlfriend last night\n"
                                      "13/03/2024, 09:01 - +44 7700 900123: It makes them love you more\n"
                                      "13/03/2024, 09:02 - Sam Hill: It makes them love you more\n"
                                      "13/03/2024, 09:03 - Sam Hill: I hit my girlfriend last night\n";
  std::ofstream(out / "second.txt") << "13/03/2024, 10:00 - Sam Hill: It makes them love you more\n";
  ScanOptions options;
  options.inputs = {(out / "first.txt").string(), (out / "second.txt").string()};
  options.out_dir = (out / "scan").string();
  options.aliases = (out / "aliases.toml").string();
  options.date_order = "dmy";
  options.quiet = true;
  ASSERT_EQ(run_scan(options), 0);
  std::istringstream lines(slurp(out / "scan" / "findings.jsonl"));
  simdjson::dom::parser parser;
  std::vector<std::pair<uint64_t, std::string>> flagged;  // line, source file name
  for (std::string line; std::getline(lines, line);) {
    simdjson::dom::element record;
    ASSERT_FALSE(parser.parse(line).get(record));
    flagged.emplace_back(uint64_t(record["line"]), fs::path(std::string_view(record["source"])).filename().string());
  }
  // Line 1 (the violence) and line 2 (its follow-up, by the same person under
  // another key); not Sam Hill's line 3 (his own previous message is not
  // violence), his line 4, and not his follow-up in the other chat.
  EXPECT_EQ(flagged,
            (std::vector<std::pair<uint64_t, std::string>>{{1, "first.txt"}, {2, "first.txt"}, {4, "first.txt"}}));
  fs::remove_all(out);
}

}  // namespace
}  // namespace candour

#include "cli/redact_command.h"

namespace candour {
namespace {

TEST(Redact, MasksWordsPseudonymisesPeopleAndRemovesContactDetails) {
  fs::path out = fs::temp_directory_path() / ("candour-redact-" + std::to_string(::getpid()));
  fs::remove_all(out);
  fs::create_directories(out);
  fs::path chat = out / "chat.txt";
  std::ofstream(chat) << "02/03/2017, 21:14 - Dan Mercer: f*** you bender, ring me on 07700 900123 or dan.m@example.org\n"
                         "02/03/2017, 21:15 - Priya Shah: Calling him a bender isn't banter Dan, it's homophobic\n"
                         "02/03/2017, 21:16 - +44 7700 900456: lol\n";
  RedactOptions options;
  options.inputs = {chat.string()};
  options.out_dir = (out / "redacted").string();
  options.quiet = true;
  ASSERT_EQ(run_redact(options), 0);
  std::string text = slurp(out / "redacted" / "redacted.txt");
  EXPECT_NE(text.find("Officer A: f*** you b*****, ring me on [number removed] or [email removed]"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Officer B: Calling him a b***** isn't banter Officer A, it's homophobic"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Officer C: lol"), std::string::npos) << text;
  for (const char* secret : {"Dan", "Priya", "Mercer", "bender", "07700", "example.org", "7700 900456"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " left in\n" << text;
  }
  std::string key = slurp(out / "redacted.key.json");  // beside the folder, not in it
  EXPECT_NE(key.find("\"pseudonym\":\"Officer A\",\"names\":[\"Dan Mercer\"]"), std::string::npos) << key;
  options.flagged_only = true;
  ASSERT_EQ(run_redact(options), 0);
  text = slurp(out / "redacted" / "redacted.txt");
  EXPECT_EQ(text.find("Officer C"), std::string::npos);  // "lol" is not flagged
  fs::remove_all(out);
}

// Any format candour reads can be redacted; media become their kind, never their file name.
TEST(Redact, OtherFormatsToo) {
  fs::path out = fs::temp_directory_path() / ("candour-redact-tg-" + std::to_string(::getpid()));
  fs::remove_all(out);
  RedactOptions options;
  options.inputs = {std::string(CANDOUR_FIXTURES_DIR) + "/exports/telegram/result.json"};
  options.out_dir = (out / "redacted").string();
  options.quiet = true;
  ASSERT_EQ(run_redact(options), 0);
  std::string text = slurp(out / "redacted" / "redacted.txt");
  EXPECT_NE(text.find("Officer A: Look at this lot, bunch of p****"), std::string::npos) << text;
  EXPECT_NE(text.find("Officer B: (attachment)"), std::string::npos) << text;
  EXPECT_NE(text.find("(unknown sender): Deleted account says hi"), std::string::npos) << text;
  for (const char* secret : {"Dan", "Gary", "pakis", "photo_1"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " left in\n" << text;
  }
  fs::remove_all(out);
}

TEST(Redact, ContactDetailsAndPseudonyms) {
  auto found = find_contact_details("call +44 (0)7700-900123 now, or a@b.co; ref 12345");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(pseudonym("Officer", 0), "Officer A");
  EXPECT_EQ(pseudonym("Officer", 25), "Officer Z");
  EXPECT_EQ(pseudonym("Officer", 26), "Officer AA");
}

}  // namespace
}  // namespace candour

namespace candour {
namespace {

// The issue's acceptance: one folder with an export of each kind gives one
// combined result, with reactions counted as endorsement and every record accounted for.
TEST_F(ScanCommand, OneFolderWithEveryKindOfExportGivesOneCombinedResult) {
  ASSERT_EQ(scan({std::string(CANDOUR_FIXTURES_DIR) + "/exports"}, out_), 0);
  simdjson::dom::parser parser;
  std::string summary_text = slurp(out_ / "summary.json");
  simdjson::dom::element summary = parser.parse(summary_text);
  std::vector<std::string> formats;
  for (auto source : summary["sources"].get_array()) {
    formats.emplace_back(std::string_view(source["format"]));
    EXPECT_TRUE(bool(source["all_records_accounted"])) << std::string_view(source["path"]);
    EXPECT_TRUE(bool(source["all_lines_accounted"])) << std::string_view(source["path"]);
    EXPECT_GE(source["files"].get_array().size(), 1u);
  }
  for (std::string_view f : {"cellebrite", "csv", "discord", "jsonl", "messenger", "messenger-e2ee", "slack", "teams", "telegram", "telegram-html", "messenger-html"}) {
    EXPECT_NE(std::find(formats.begin(), formats.end(), f), formats.end()) << f;
  }
  std::string findings = slurp(out_ / "findings.jsonl");
  // The Messenger slur: a laughing reaction from Dan (endorsement), challenged by Zoë, located in its file.
  std::size_t at = findings.find("f*** you bender");
  ASSERT_NE(at, std::string::npos);
  std::string line = findings.substr(findings.rfind('\n', at) + 1);
  line = line.substr(0, line.find('\n'));
  simdjson::dom::element record = parser.parse(line);
  EXPECT_EQ(std::string_view(record["format"]), "messenger");
  EXPECT_EQ(std::string_view(record["location"]), "message_1.json messages[2]");
  EXPECT_EQ(std::string_view(record["time_utc"]), "2017-03-02T21:18:00Z");
  EXPECT_EQ(std::string_view(record["endorsed_by"].at(0)), "Dan Mercer");
  EXPECT_EQ(std::string_view(record["challenged_by"].at(0)), "Zoë Hart");
  // The deleted message from the phone extraction keeps its forensic state.
  EXPECT_NE(findings.find("\"deleted_state\":\"Intact\""), std::string::npos);
  EXPECT_EQ(count_of(findings, "\"text\":\"There's a few grassing"), 2u);  // report.xml and the .ufdr
}

TEST_F(ScanCommand, CsvNeedsAMapWhenItsColumnsAreUnusualAndSaysSo) {
  const std::string csv = std::string(CANDOUR_FIXTURES_DIR) + "/exports/csv-mapped/phone_messages.csv";
  EXPECT_EQ(scan({csv}, out_), 2);
  ScanOptions options;
  options.inputs = {csv};
  options.out_dir = out_.string();
  options.quiet = true;
  options.format = "csv";
  options.map = {"text=Message Body Text", "sender=Party", "time=Sent (UTC)"};
  EXPECT_EQ(run_scan(options), 0);
  EXPECT_NE(slurp(out_ / "findings.jsonl").find("chloroform"), std::string::npos);
  options.map = {"body"};
  EXPECT_EQ(run_scan(options), 1);
  options.format = "myspace";
  options.map = {};
  EXPECT_EQ(run_scan(options), 1);
}

}  // namespace
}  // namespace candour

namespace candour {
namespace {

// A deleted message recovered from a phone is evidence: the record keeps its
// state and the report marks it, with where in the extraction it was found.
TEST_F(ScanCommand, DeletedMessagesFromAPhoneAreFlaggedAndMarkedAsDeleted) {
  fs::create_directories(out_);
  const fs::path xml = out_ / "report.xml";
  {
    std::ofstream out(xml, std::ios::binary);
    out << R"(<?xml version="1.0" encoding="utf-8"?>
<project xmlns="http://pa.cellebrite.com/report/2.0"><decodedData><modelType type="Chat">
<model type="Chat" id="c1"><field name="Name"><value>Late Turn</value></field>
<multiModelField name="Messages">
<model type="InstantMessage" id="m9" deleted_state="Deleted" decoding_confidence="Low">
<field name="Body"><value><![CDATA[f*** you bender]]></value></field>
<field name="TimeStamp"><value>2017-03-02T21:14:00.000+01:00</value></field>
<modelField name="From"><model type="Party"><field name="Name"><value>Gary Pike</value></field></model></modelField>
</model></multiModelField></model></modelType></decodedData></project>
)";
  }
  ASSERT_EQ(scan({xml.string()}, out_ / "out"), 0);
  const std::string findings = slurp(out_ / "out" / "findings.jsonl");
  EXPECT_NE(findings.find(R"("deleted_state":"Deleted","decoding_confidence":"Low")"), std::string::npos) << findings;
  EXPECT_NE(findings.find(R"("time_utc":"2017-03-02T20:14:00Z")"), std::string::npos) << findings;
  const std::string report = slurp(out_ / "out" / "report.html");
  EXPECT_NE(report.find("<span class=\"state\">Deleted, confidence Low</span>"), std::string::npos);
  EXPECT_NE(report.find("model id m9 (line 5)"), std::string::npos);
  EXPECT_NE(report.find("2017-03-02T21:14:00 (2017-03-02T20:14:00Z)"), std::string::npos);
  const std::string csv = slurp(out_ / "out" / "findings.csv");
  EXPECT_NE(csv.find(",location,time_utc,deleted_state\r\n"), std::string::npos);
  EXPECT_NE(csv.find(",model id m9 (line 5),2017-03-02T20:14:00Z,Deleted\r\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace candour
