// Small pieces the structured-format readers share.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ingest/byte_source.h"
#include "ingest/input_catalog.h"
#include "ingest/source_report.h"
#include "util/sha256.h"

namespace candour {

// Passes bytes through and hashes them and counts them on the way.
class HashingSource : public ByteSource {
 public:
  HashingSource(std::unique_ptr<ByteSource> inner, Sha256* hash) : inner_(std::move(inner)), hash_(hash) {}
  std::size_t read(char* buffer, std::size_t size) override;
  uint64_t bytes() const { return bytes_; }

 private:
  std::unique_ptr<ByteSource> inner_;
  Sha256* hash_;
  uint64_t bytes_ = 0;
};

// Reads what is left of a source (so that a hashing source hashes all of it).
void read_to_end(ByteSource& source);

// A part's bytes at any offset, for reading a file backwards a piece at a
// time: plain files by pread, bytes in memory directly, a zip entry by
// decompressing it again from its start (sequential(): worth few, large
// pieces).
class PartBytes {
 public:
  explicit PartBytes(const InputPart& part);
  ~PartBytes();
  PartBytes(const PartBytes&) = delete;
  PartBytes& operator=(const PartBytes&) = delete;
  bool sequential() const { return !part_.zip_entry.empty(); }
  // [offset, offset + size) into `out`; false, with error(), if not all of it can be read.
  bool read(uint64_t offset, std::size_t size, std::string& out);
  const std::string& error() const { return error_; }

 private:
  bool read_sequentially(uint64_t offset, std::size_t size, std::string& out);

  const InputPart& part_;
  int fd_ = -1;
  std::string error_;
};

// A source over bytes that can be pointed elsewhere (one JsonStream read
// over many records, keeping its buffer).
class ViewSource : public ByteSource {
 public:
  void set(std::string_view bytes) { bytes_ = bytes; }
  std::size_t read(char* buffer, std::size_t size) override;

 private:
  std::string_view bytes_;
};

// Empties a message for the next record, keeping the strings' capacity.
void clear_message(Message& m);

// Points a message's provenance at the file it came from (views: `file`,
// `format` and `conversation` must outlive the sink call).
inline void set_provenance(Message& m, const SourceFile& file, std::string_view format, std::string_view conversation) {
  m.source = file.path;
  m.sha256 = file.sha256;
  m.format = format;
  m.conversation = conversation;
}

// The file name of a part ("message_2.json"), for record locations.
std::string part_file_name(const InputPart& part);

// Reads the whole part once for its sha256 and size (streaming readers need
// the hash before their first message). Returns false with report.error set.
bool hash_part(const InputPart& part, SourceFile* file, std::string* error);

// hash_part, then the file is added to report.files. Sets report.error on failure.
bool hash_into_report(const InputPart& part, SourceReport& report);

// Facebook's download writes each UTF-8 byte as its own \u00XX code point
// ("ðŸ˜‚" for 😂). Undone only when every character is at most U+00FF and
// the bytes then decode as valid UTF-8, so genuine Latin-1 text is left alone.
std::string repair_mojibake(std::string_view text);
bool repair_mojibake_in_place(std::string& text);  // true if it changed

// Text with HTML tags removed and entities decoded (Teams, Messenger and
// Telegram HTML); <br> and block ends become newlines.
std::string strip_html(std::string_view html);
void decode_html_entities_append(std::string_view text, std::string& out);

}  // namespace candour
