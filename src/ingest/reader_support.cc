#include "ingest/reader_support.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "text/utf8.h"

namespace candour {

std::size_t HashingSource::read(char* buffer, std::size_t size) {
  std::size_t got = inner_->read(buffer, size);
  if (got == 0 && !inner_->error().empty()) error_ = inner_->error();
  hash_->update(std::string_view(buffer, got));
  bytes_ += got;
  return got;
}

void clear_message(Message& m) {
  m.index = m.line = m.line_count = 0;
  for (std::string* s : {&m.time, &m.time_raw, &m.time_utc, &m.location, &m.id, &m.reply_to, &m.forwarded_from, &m.sender,
                         &m.sender_key, &m.text, &m.system_action, &m.deleted_state, &m.decoding_confidence}) {
    s->clear();
  }
  m.kind = MessageKind::text;
  m.edited = m.invalid_utf8 = false;
  m.reactions.clear();
  m.attachments.clear();
}

std::string part_file_name(const InputPart& part) {
  std::string_view full = part.zip_entry.empty() ? std::string_view(part.path) : std::string_view(part.zip_entry);
  std::size_t slash = full.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? full : full.substr(slash + 1));
}

PartBytes::PartBytes(const InputPart& part) : part_(part) {
  if (!part.path.empty() && part.zip_entry.empty()) {
    fd_ = ::open(part.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) error_ = std::string("cannot open: ") + std::strerror(errno);
  }
}

PartBytes::~PartBytes() {
  if (fd_ >= 0) ::close(fd_);
}

bool PartBytes::read(uint64_t offset, std::size_t size, std::string& out) {
  out.resize(size);
  if (part_.path.empty()) {
    const std::string_view bytes = part_.bytes;
    if (offset > bytes.size() || size > bytes.size() - offset) return error_ = "past the end", false;
    std::memcpy(out.data(), bytes.data() + offset, size);
    return true;
  }
  if (sequential()) return read_sequentially(offset, size, out);
  if (fd_ < 0) return false;
  std::size_t done = 0;
  while (done < size) {
    ssize_t got = ::pread(fd_, out.data() + done, size - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return error_ = got < 0 ? std::string("read error: ") + std::strerror(errno) : "past the end", false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

bool PartBytes::read_sequentially(uint64_t offset, std::size_t size, std::string& out) {
  auto source = part_.open();
  std::string skipped(std::min<uint64_t>(offset, 1 << 20), '\0');
  for (uint64_t left = offset; left > 0;) {
    std::size_t got = source->read(skipped.data(), static_cast<std::size_t>(std::min<uint64_t>(left, skipped.size())));
    if (got == 0) return error_ = source->error().empty() ? "past the end" : source->error(), false;
    left -= got;
  }
  for (std::size_t done = 0; done < size;) {
    std::size_t got = source->read(out.data() + done, size - done);
    if (got == 0) return error_ = source->error().empty() ? "past the end" : source->error(), false;
    done += got;
  }
  return true;
}

std::size_t ViewSource::read(char* buffer, std::size_t size) {
  std::size_t n = std::min(size, bytes_.size());
  std::memcpy(buffer, bytes_.data(), n);
  bytes_.remove_prefix(n);
  return n;
}

void read_to_end(ByteSource& source) {
  constexpr std::size_t kBuffer = 1 << 16;
  auto buffer = std::make_unique_for_overwrite<char[]>(kBuffer);
  while (source.read(buffer.get(), kBuffer) > 0) {
  }
}

bool hash_part(const InputPart& part, SourceFile* file, std::string* error) {
  Sha256 hash;
  HashingSource source(part.open(), &hash);
  read_to_end(source);
  if (!source.error().empty()) {
    *error = source.error();
    return false;
  }
  file->path = part.display;
  file->sha256 = hash.hex_digest();
  file->bytes = source.bytes();
  return true;
}

bool hash_into_report(const InputPart& part, SourceReport& report) {
  SourceFile file;
  std::string error;
  if (!hash_part(part, &file, &error)) {
    report.error = part.display + ": " + error;
    return false;
  }
  report.bytes += file.bytes;
  report.files.push_back(std::move(file));
  return true;
}

std::string repair_mojibake(std::string_view text) {
  std::string out = std::string(text);
  repair_mojibake_in_place(out);
  return out;
}

bool repair_mojibake_in_place(std::string& text) {
  bool any_high = false;
  for (unsigned char c : text) {
    if (c >= 0x80) {
      any_high = true;
      break;
    }
  }
  if (!any_high) return false;
  std::string bytes;
  bytes.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 0;
    char32_t cp = decode_utf8(text, i, &len);
    if (cp > 0xFF || (cp == 0xFFFD && len <= 1 && static_cast<unsigned char>(text[i]) >= 0x80)) return false;
    bytes.push_back(static_cast<char>(cp));
    i += len;
  }
  if (!is_valid_utf8(bytes)) return false;
  text = std::move(bytes);
  return true;
}

void decode_html_entities_append(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    if (name == "amp") cp = '&';
    else if (name == "lt") cp = '<';
    else if (name == "gt") cp = '>';
    else if (name == "quot") cp = '"';
    else if (name == "apos" || name == "#39") cp = '\'';
    else if (name == "nbsp") cp = 0xA0;
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      unsigned long v = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end && *end == '\0' && v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) {
        cp = static_cast<char32_t>(v);
      }
    }
    if (cp == 0) {
      out.push_back('&');
      continue;
    }
    append_utf8(cp, out);
    i = semi;
  }
}

std::string strip_html(std::string_view html) {
  std::string text, out;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      std::size_t next = html.find('<', i);
      if (next == std::string_view::npos) next = html.size();
      text.append(html.substr(i, next - i));
      i = next;
      continue;
    }
    std::size_t close = html.find('>', i);
    if (close == std::string_view::npos) {  // a lone '<' is text
      text.push_back('<');
      ++i;
      continue;
    }
    std::string_view tag = html.substr(i + 1, close - i - 1);
    const bool closing = tag.substr(0, 1) == "/";
    std::string_view inner = tag.substr(closing ? 1 : 0);
    std::string name;
    if (!inner.empty() && std::isalpha(static_cast<unsigned char>(inner[0]))) {
      for (char c : inner) {
        if (!std::isalnum(static_cast<unsigned char>(c))) break;
        name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      }
    }
    if (name.empty() && inner.substr(0, 1) != "!") {
      text.append(html.substr(i, close - i + 1));  // "< 3" or "<3>" is text, not a tag
    } else if (name == "br" || ((name == "p" || name == "div") && closing)) {
      text.push_back('\n');
    }
    i = close + 1;
  }
  decode_html_entities_append(text, out);
  // No trailing newlines from closing blocks.
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace candour
