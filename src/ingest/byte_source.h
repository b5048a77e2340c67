// Where a reader's bytes come from: a plain file, or one entry of a .zip read
// in place with libarchive (nothing is extracted to disk). Sources are read
// sequentially and can be reopened for a second pass.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace candour {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes; returns 0 at the end or on error (see error()).
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
  // Empty while no error has occurred.
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

std::unique_ptr<ByteSource> open_file_source(const std::string& path);
// Zip bomb guard: reading an entry stops with an error past this many bytes,
// whatever size the entry declares.
inline constexpr uint64_t kMaxZipEntryBytes = uint64_t{8} << 30;  // 8 GiB
// ... and an archive whose entries declare more than this many times its own
// size (and over 1 GiB in all) is refused before reading.
inline constexpr uint64_t kMaxZipExpansion = 200;

std::unique_ptr<ByteSource> open_zip_entry_source(const std::string& zip_path, const std::string& entry,
                                                  uint64_t max_bytes = kMaxZipEntryBytes);
// Bytes already in memory (tests and fuzzing); `bytes` must outlive the source.
std::unique_ptr<ByteSource> open_memory_source(std::string_view bytes);

struct ZipEntry {
  std::string name;
  int64_t size = -1;  // uncompressed size as declared, -1 if unknown
  bool is_regular_file = true;
};

// Lists the entries of a .zip. Returns false and sets *error if it is not a
// readable zip.
bool list_zip_entries(const std::string& zip_path, std::vector<ZipEntry>* entries, std::string* error);

}  // namespace candour
