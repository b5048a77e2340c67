#include "util/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "slurp.h"

namespace candour {
namespace {

namespace fs = std::filesystem;

// Pieces of every size around the writer's buffer, so that buffers fill
// exactly, overflow, and end part-full.
std::vector<std::string> pieces() {
  std::vector<std::string> out;
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{100}, kOutputBufferBytes - 1,
                           kOutputBufferBytes, kOutputBufferBytes + 1, 3 * kOutputBufferBytes + 7, std::size_t{5}}) {
    std::string piece(size, '\0');
    for (std::size_t i = 0; i < size; ++i) piece[i] = static_cast<char>('a' + (i * 7 + size) % 26);
    out.push_back(std::move(piece));
  }
  return out;
}

TEST(AtomicFile, WrittenInTheBackgroundTheSameBytesAndHashAsInSeries) {
  fs::path dir = fs::temp_directory_path() / ("candour-atomic-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string expected;
  for (const auto& piece : pieces()) expected += piece;
  std::string hashes[2];
  for (int background = 0; background < 2; ++background) {
    const fs::path path = dir / (background ? "background.txt" : "series.txt");
    AtomicFile file;
    std::string error;
    ASSERT_TRUE(file.open(path.string(), &error, background == 1)) << error;
    for (int round = 0; round < 3; ++round) {
      for (const auto& piece : pieces()) file.write(piece);
    }
    EXPECT_FALSE(fs::exists(path));  // nothing under the final name before commit
    ASSERT_TRUE(file.commit(&error)) << error;
    EXPECT_EQ(slurp(path), expected + expected + expected);
    EXPECT_EQ(file.bytes(), 3 * expected.size());
    hashes[background] = file.sha256();
  }
  EXPECT_EQ(hashes[0], hashes[1]);
  EXPECT_EQ(hashes[0], sha256_hex(slurp(dir / "series.txt")));
  fs::remove_all(dir);
}

TEST(AtomicFile, AbandonedInTheBackgroundLeavesNothing) {
  fs::path dir = fs::temp_directory_path() / ("candour-atomic-abandon-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    AtomicFile file;
    std::string error;
    ASSERT_TRUE(file.open((dir / "out.txt").string(), &error, true)) << error;
    for (const auto& piece : pieces()) file.write(piece);
  }  // destroyed without commit
  EXPECT_TRUE(fs::is_empty(dir));
  // Opened again after abandoning, the hash covers only the new content.
  AtomicFile file;
  std::string error;
  for (bool background : {false, true}) {
    ASSERT_TRUE(file.open((dir / "again.txt").string(), &error, background)) << error;
    file.write("thrown away");
    ASSERT_TRUE(file.open((dir / "again.txt").string(), &error, background)) << error;  // abandons the first
    file.write("kept");
    ASSERT_TRUE(file.commit(&error)) << error;
    EXPECT_EQ(slurp(dir / "again.txt"), "kept");
    EXPECT_EQ(file.sha256(), sha256_hex("kept"));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace candour
