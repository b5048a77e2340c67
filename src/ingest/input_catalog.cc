#include "ingest/input_catalog.h"

#include <algorithm>
#include <filesystem>

#include "ingest/whatsapp_reader.h"

namespace candour {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

std::string read_head(ByteSource& source) {
  std::string head(kSniffBytes, '\0');
  std::size_t total = 0;
  while (total < head.size()) {
    std::size_t got = source.read(head.data() + total, head.size() - total);
    if (got == 0) break;
    total += got;
  }
  head.resize(total);
  return head;
}

bool has_extension(const std::string& name, std::string_view ext) {
  if (name.size() < ext.size()) return false;
  std::string tail = name.substr(name.size() - ext.size());
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == ext;
}

class Cataloguer {
 public:
  Cataloguer(InputCatalog& catalog, const std::string& forced) : catalog_(catalog), forced_(forced) {}

  void add_named(const std::string& input) {
    std::error_code ec;
    fs::file_status status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
      catalog_.failures.push_back({input, "no such file or folder"});
    } else if (fs::is_directory(status)) {
      add_folder(input);
    } else if (!fs::is_regular_file(status)) {
      catalog_.failures.push_back({input, "not a regular file"});
    } else if (!add_file(input, input, /*named=*/true)) {
      // add_file recorded the failure
    }
  }

 private:
  void add_folder(const std::string& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    auto options = fs::directory_options::skip_permission_denied;
    for (auto it = fs::recursive_directory_iterator(folder, options, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_symlink(type_ec)) {
        catalog_.skipped.push_back({it->path().string(), "symbolic link (not followed)"});
        if (it->is_directory(type_ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(type_ec)) files.push_back(it->path());
    }
    if (ec) catalog_.failures.push_back({folder, "cannot list folder: " + ec.message()});
    std::sort(files.begin(), files.end());
    std::size_t before = catalog_.sources.size();
    for (const auto& file : files) add_file(file.string(), file.string(), /*named=*/false);
    if (catalog_.sources.size() == before) {
      catalog_.failures.push_back({folder, "no chat export found in this folder"});
    }
  }

  // Returns false if the file was not a usable source.
  bool add_file(const std::string& path, const std::string& display, bool named) {
    if (has_extension(path, ".zip")) return add_zip(path, display, named);
    auto source = open_file_source(path);
    std::string head = read_head(*source);
    if (!source->error().empty()) {
      catalog_.failures.push_back({display, source->error()});
      return false;
    }
    std::string filename = fs::path(path).filename().string();
    if (accept(head)) {
      catalog_.sources.push_back({display, path, "", "whatsapp", conversation_from_filename(filename)});
      return true;
    }
    std::string reason = "not a recognised chat export: " + describe_content(head);
    if (named) {
      catalog_.failures.push_back({display, reason});
    } else {
      catalog_.skipped.push_back({display, reason});
    }
    return false;
  }

  bool add_zip(const std::string& path, const std::string& display, bool named) {
    std::vector<ZipEntry> entries;
    std::string error;
    if (!list_zip_entries(path, &entries, &error)) {
      if (named) catalog_.failures.push_back({display, error});
      else catalog_.skipped.push_back({display, error});
      return false;
    }
    // Zip bomb guard: refuse archives whose entries declare far more than the archive holds.
    uint64_t declared = 0;
    for (const auto& e : entries) declared += e.size > 0 ? static_cast<uint64_t>(e.size) : 0;
    std::error_code size_ec;
    uint64_t archive_bytes = fs::file_size(path, size_ec);
    if (!size_ec && declared > (uint64_t{1} << 30) && declared > kMaxZipExpansion * std::max<uint64_t>(archive_bytes, 1)) {
      std::string reason = "refused as a possible zip bomb: its entries declare " + std::to_string(declared >> 20) +
                           " MiB from a " + std::to_string(archive_bytes >> 10) + " KiB archive";
      if (named) catalog_.failures.push_back({display, reason});
      else catalog_.skipped.push_back({display, reason});
      return false;
    }
    // _chat.txt (iOS) or "WhatsApp Chat with X.txt" (Android) first, then any other text file.
    std::stable_sort(entries.begin(), entries.end(), [](const ZipEntry& a, const ZipEntry& b) {
      auto rank = [](const ZipEntry& e) {
        std::string base = fs::path(e.name).filename().string();
        if (base == "_chat.txt") return 0;
        if (base.rfind("WhatsApp Chat", 0) == 0) return 1;
        return 2;
      };
      return rank(a) < rank(b);
    });
    std::string zip_name = fs::path(path).filename().string();
    bool found = false;
    for (const auto& entry : entries) {
      if (!entry.is_regular_file || !has_extension(entry.name, ".txt")) {
        continue;  // media files of a "with media" export
      }
      auto source = open_zip_entry_source(path, entry.name);
      std::string head = read_head(*source);
      std::string entry_display = display + "/" + entry.name;
      if (!source->error().empty()) {
        catalog_.failures.push_back({entry_display, source->error()});
        continue;
      }
      if (!accept(head)) {
        catalog_.skipped.push_back({entry_display, "not a recognised chat export: " + describe_content(head)});
        continue;
      }
      std::string hint = conversation_from_filename(fs::path(entry.name).filename().string());
      if (hint.empty()) hint = conversation_from_filename(zip_name);
      catalog_.sources.push_back({entry_display, path, entry.name, "whatsapp", hint});
      found = true;
    }
    if (!found) {
      std::string reason = "the zip holds no chat export (" + std::to_string(entries.size()) + " entries)";
      if (named) catalog_.failures.push_back({display, reason});
      else catalog_.skipped.push_back({display, reason});
    }
    return found;
  }

  bool accept(const std::string& head) const {
    if (forced_ == "whatsapp") return !head.empty();
    return looks_like_whatsapp(head, nullptr);
  }

  InputCatalog& catalog_;
  std::string forced_;
};

}  // namespace

std::unique_ptr<ByteSource> InputSource::open() const {
  return zip_entry.empty() ? open_file_source(path) : open_zip_entry_source(path, zip_entry);
}

std::string describe_content(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (head.empty()) return "the file is empty";
  if (starts("\xFF\xD8\xFF")) return "it is a JPEG image";
  if (starts("\x89PNG")) return "it is a PNG image";
  if (starts("GIF8")) return "it is a GIF image";
  if (starts("%PDF")) return "it is a PDF document";
  if (starts("PK\x03\x04")) return "it is a zip-based file (Office document or archive)";
  if (starts("OggS")) return "it is an Ogg/Opus audio file (a voice note)";
  if (head.size() > 8 && head.substr(4, 4) == "ftyp") return "it is an MP4/MOV video or audio file";
  if (starts("SQLite format 3")) return "it is an SQLite database";
  if (head.find('\0') != std::string_view::npos) return "it is a binary file";
  if (starts("{") || starts("[")) return "it is JSON, but not a format candour reads yet";
  return "it is text, but its first lines are not WhatsApp message lines";
}

std::string conversation_from_filename(std::string_view filename) {
  for (std::string_view ext : {".txt", ".zip"}) {
    if (filename.size() > ext.size() && filename.substr(filename.size() - ext.size()) == ext) {
      filename.remove_suffix(ext.size());
    }
  }
  for (std::string_view prefix : {"WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp Chat "}) {
    if (filename.substr(0, prefix.size()) == prefix) return std::string(filename.substr(prefix.size()));
  }
  return {};
}

InputCatalog catalog_inputs(const std::vector<std::string>& inputs, const std::string& forced_format) {
  InputCatalog catalog;
  Cataloguer cataloguer(catalog, forced_format);
  for (const auto& input : inputs) cataloguer.add_named(input);
  return catalog;
}

}  // namespace candour
