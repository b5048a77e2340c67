// The benchmark's generator (bench/generate_whatsapp.cc): its figures in
// docs/performance.md are only comparable if the same arguments give the same
// file, and the file has the shape the docs describe.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/scan_command.h"
#include "slurp.h"

namespace candour {
namespace {
namespace fs = std::filesystem;

class Generator : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("candour-gen-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Generates 20,000 messages into dir_/name; returns the file's bytes.
  std::string generate(const std::string& name, const std::string& arguments) {
    const fs::path out = dir_ / name;
    const std::string command =
        std::string(CANDOUR_GEN) + " --messages 20000 " + arguments + " --out " + out.string();
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return slurp(out);
  }
  fs::path dir_;
};

TEST_F(Generator, TheSameSeedGivesTheSameBytes) {
  const std::string first = generate("a.txt", "--seed 7");
  EXPECT_EQ(first, generate("b.txt", "--seed 7"));
  EXPECT_NE(first, generate("c.txt", "--seed 8"));
  EXPECT_NE(first, generate("d.txt", "--seed 7 --ios"));
}

// --long: the same messages, about half as long again (the reference
// export has ~100 bytes a line where the default has ~66), and the same share
// of offensive ones (~3%), found by a scan.
TEST_F(Generator, LongMessagesAreLongerButTheMixIsTheSame) {
  const std::size_t plain = generate("plain.txt", "").size(), longer = generate("long.txt", "--long").size();
  EXPECT_GT(static_cast<double>(longer), 1.35 * static_cast<double>(plain));
  EXPECT_LT(static_cast<double>(longer), 1.75 * static_cast<double>(plain));
  for (const char* name : {"plain.txt", "long.txt"}) {
    ScanOptions options;
    options.inputs = {(dir_ / name).string()};
    options.out_dir = (dir_ / (std::string(name) + ".out")).string();
    options.quiet = true;
    options.date_order = "dmy";
    ASSERT_EQ(run_scan(options), 0);
    simdjson::dom::parser parser;
    const std::string text = slurp(fs::path(options.out_dir) / "summary.json");
    simdjson::dom::element summary = parser.parse(text);
    const double messages = static_cast<double>(uint64_t(summary["sources"].at(0)["messages"]));
    const double flagged = static_cast<double>(uint64_t(summary["totals"]["flagged"]));
    EXPECT_GT(messages, 19700) << name;  // 1% are system lines
    EXPECT_GT(flagged / messages, 0.025) << name;
    EXPECT_LT(flagged / messages, 0.045) << name;
  }
}

// --one-thread: the same messages as one thread split as Facebook splits it
// (message_1.json the newest 10,000), so a scan flags the same number.
TEST_F(Generator, OneLongMessengerThreadHoldsTheSameMessagesAsTheThreads) {
  uint64_t flagged[2] = {0, 0}, sources[2] = {0, 0}, messages[2] = {0, 0};
  const char* forms[2] = {"", "--one-thread"};
  for (int i = 0; i < 2; ++i) {
    const fs::path out = dir_ / ("messenger" + std::to_string(i));
    const std::string command =
        std::string(CANDOUR_GEN) + " --messages 25000 --format messenger " + forms[i] + " --out " + out.string();
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    ScanOptions options;
    options.inputs = {out.string()};
    options.out_dir = out.string() + ".out";
    options.quiet = true;
    ASSERT_EQ(run_scan(options), 0);
    simdjson::dom::parser parser;
    const std::string text = slurp(fs::path(options.out_dir) / "summary.json");
    simdjson::dom::element summary = parser.parse(text);
    flagged[i] = uint64_t(summary["totals"]["flagged"]);
    for (simdjson::dom::element source : summary["sources"].get_array()) {
      ++sources[i];
      messages[i] += uint64_t(source["messages"]);
    }
  }
  const fs::path thread = dir_ / "messenger1" / "your_facebook_activity" / "messages" / "inbox" / "longthread_1000";
  for (const char* part : {"message_1.json", "message_2.json", "message_3.json"}) EXPECT_TRUE(fs::exists(thread / part));
  EXPECT_EQ(sources[0], 3u);
  EXPECT_EQ(sources[1], 1u);
  EXPECT_EQ(messages[0], messages[1]);
  EXPECT_GT(flagged[0], 500u);
  EXPECT_EQ(flagged[0], flagged[1]);
}

}  // namespace
}  // namespace candour
