#include "ingest/byte_source.h"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <cstring>

namespace candour {
namespace {

class FileSource : public ByteSource {
 public:
  explicit FileSource(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {
    if (!file_) error_ = std::string("cannot open: ") + std::strerror(errno);
  }
  ~FileSource() override {
    if (file_) std::fclose(file_);
  }
  std::size_t read(char* buffer, std::size_t size) override {
    if (!file_) return 0;
    std::size_t got = std::fread(buffer, 1, size, file_);
    if (got == 0 && std::ferror(file_)) error_ = std::string("read error: ") + std::strerror(errno);
    return got;
  }

 private:
  FILE* file_;
};

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

ArchivePtr open_zip(const std::string& path, std::string* error) {
  ArchivePtr a(archive_read_new());
  archive_read_support_format_zip(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    *error = std::string("not a readable zip: ") + archive_error_string(a.get());
    return nullptr;
  }
  return a;
}

class ZipEntrySource : public ByteSource {
 public:
  ZipEntrySource(const std::string& zip_path, const std::string& entry_name, uint64_t max_bytes)
      : max_bytes_(max_bytes) {
    archive_ = open_zip(zip_path, &error_);
    if (!archive_) return;
    archive_entry* entry = nullptr;
    int status;
    while ((status = archive_read_next_header(archive_.get(), &entry)) == ARCHIVE_OK ||
           status == ARCHIVE_WARN) {
      const char* name = archive_entry_pathname(entry);
      if (name && entry_name == name) {
        found_ = true;
        return;
      }
      archive_read_data_skip(archive_.get());
    }
    error_ = "entry '" + entry_name + "' not found in zip" +
             (status == ARCHIVE_FATAL ? std::string(": ") + archive_error_string(archive_.get()) : "");
  }
  std::size_t read(char* buffer, std::size_t size) override {
    if (!found_) return 0;
    la_ssize_t got = archive_read_data(archive_.get(), buffer, size);
    if (got < 0) {
      error_ = std::string("zip read error: ") + archive_error_string(archive_.get());
      found_ = false;
      return 0;
    }
    total_ += static_cast<uint64_t>(got);
    if (total_ > max_bytes_) {
      error_ = "zip entry expands past " + std::to_string(max_bytes_ >> 20) + " MiB: refused as a possible zip bomb";
      found_ = false;
      return 0;
    }
    return static_cast<std::size_t>(got);
  }

 private:
  ArchivePtr archive_;
  bool found_ = false;
  uint64_t max_bytes_;
  uint64_t total_ = 0;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t n = std::min(size, bytes_.size() - at_);
    std::memcpy(buffer, bytes_.data() + at_, n);
    at_ += n;
    return n;
  }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> open_memory_source(std::string_view bytes) { return std::make_unique<MemorySource>(bytes); }

std::unique_ptr<ByteSource> open_file_source(const std::string& path) {
  return std::make_unique<FileSource>(path);
}

std::unique_ptr<ByteSource> open_zip_entry_source(const std::string& zip_path, const std::string& entry,
                                                  uint64_t max_bytes) {
  return std::make_unique<ZipEntrySource>(zip_path, entry, max_bytes);
}

bool list_zip_entries(const std::string& zip_path, std::vector<ZipEntry>* entries, std::string* error) {
  ArchivePtr a = open_zip(zip_path, error);
  if (!a) return false;
  archive_entry* entry = nullptr;
  int status;
  while ((status = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN) {
    ZipEntry e;
    const char* name = archive_entry_pathname(entry);
    e.name = name ? name : "";
    e.size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
    e.is_regular_file = archive_entry_filetype(entry) == AE_IFREG;
    entries->push_back(std::move(e));
    archive_read_data_skip(a.get());
  }
  if (status == ARCHIVE_FATAL) {
    *error = std::string("damaged zip: ") + archive_error_string(a.get());
    return false;
  }
  return true;
}

}  // namespace candour
