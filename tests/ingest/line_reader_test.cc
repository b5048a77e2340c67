#include "ingest/line_reader.h"

#include <gtest/gtest.h>

#include <cstring>

namespace candour {
namespace {

// Hands out its bytes in small pieces, to exercise lines that cross reads.
class StringSource : public ByteSource {
 public:
  StringSource(std::string data, std::size_t piece) : data_(std::move(data)), piece_(piece) {}
  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t n = std::min({size, piece_, data_.size() - at_});
    std::memcpy(buffer, data_.data() + at_, n);
    at_ += n;
    return n;
  }

 private:
  std::string data_;
  std::size_t piece_;
  std::size_t at_ = 0;
};

std::vector<std::string> lines_of(const std::string& data, std::size_t piece, std::size_t max_line = 1 << 20,
                                  uint64_t* cut = nullptr) {
  StringSource source(data, piece);
  LineReader reader(source, nullptr, max_line);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.next(&line)) lines.emplace_back(line);
  if (cut) *cut = reader.cut_lines();
  return lines;
}

TEST(LineReader, SplitsOnLfDropsOneCrAndSkipsTheBom) {
  auto lines = lines_of("\xEF\xBB\xBF" "a\r\nb\nc\r\r\n\nlast", 3);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "a");
  EXPECT_EQ(lines[1], "b");
  EXPECT_EQ(lines[2], "c\r");
  EXPECT_EQ(lines[3], "");
  EXPECT_EQ(lines[4], "last");  // no newline at the end
}

TEST(LineReader, EmptyInputHasNoLines) { EXPECT_TRUE(lines_of("", 4).empty()); }

TEST(LineReader, OverlongLinesAreCutAndCounted) {
  uint64_t cut = 0;
  std::string data = std::string(5000, 'x') + "\nshort\n";
  auto lines = lines_of(data, 7, 64, &cut);
  EXPECT_EQ(cut, 1u);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), 64u);
  EXPECT_EQ(lines[1], "short");
}

TEST(LineReader, HashCoversEveryByte) {
  std::string data = "one\ntwo\n";
  StringSource source(data, 3);
  Sha256 hash;
  LineReader reader(source, &hash);
  std::string_view line;
  while (reader.next(&line)) {
  }
  EXPECT_EQ(hash.hex_digest(), sha256_hex(data));
}

}  // namespace
}  // namespace candour
