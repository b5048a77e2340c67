#include "util/buffer_pipe.h"

#include <gtest/gtest.h>

#include "util/sha256.h"

namespace candour {
namespace {

std::string sample(std::size_t size, int seed) {
  std::string s(size, '\0');
  for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>((i * 31 + static_cast<std::size_t>(seed)) % 251);
  return s;
}

TEST(BufferPipe, ConsumesEveryByteInOrderInWholeBuffers) {
  std::string consumed;
  std::size_t calls = 0, short_buffers = 0;
  std::string expected;
  {
    BufferPipe pipe([&](std::string_view bytes) {
      consumed.append(bytes);
      ++calls;
      short_buffers += bytes.size() < BufferPipe::kBufferBytes;
    });
    // More than the buffers in flight, in pieces that straddle buffer ends.
    for (int i = 0; i < 40; ++i) {
      std::string piece = sample(static_cast<std::size_t>(i) * 37'000 + 1, i);
      pipe.write(piece);
      expected += piece;
    }
    pipe.finish();
    EXPECT_EQ(consumed, expected);
    pipe.finish();  // twice is harmless
  }
  EXPECT_EQ(calls, (expected.size() + BufferPipe::kBufferBytes - 1) / BufferPipe::kBufferBytes);
  EXPECT_EQ(short_buffers, 1u);  // only the last
}

TEST(Sha256, HashedInTheBackgroundTheSameDigest) {
  std::string data;
  for (int i = 0; i < 30; ++i) data += sample(static_cast<std::size_t>(i) * 53'011, i);
  Sha256 here, background;
  background.hash_in_background();
  for (std::size_t at = 0; at < data.size(); at += 70'001) {
    here.update(std::string_view(data).substr(at, 70'001));
    background.update(std::string_view(data).substr(at, 70'001));
  }
  const std::string digest = here.hex_digest();
  EXPECT_EQ(background.hex_digest(), digest);
  EXPECT_EQ(digest, sha256_hex(data));
  // After a digest it starts again, in the caller's thread.
  background.update("abc");
  EXPECT_EQ(background.hex_digest(), sha256_hex("abc"));
}

}  // namespace
}  // namespace candour
