#include "ingest/input_catalog.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "ingest/format_sniffer.h"

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

// Files that may hold a chat; anything else inside a folder or zip (photos,
// voice notes, stickers) is skipped by its extension without being read.
bool may_hold_chat(const std::string& name) {
  std::string base = fs::path(name).filename().string();
  if (base.find('.') == std::string::npos) return true;
  for (std::string_view ext : {".txt", ".json", ".html", ".htm", ".xml", ".csv", ".tsv", ".jsonl", ".ndjson"}) {
    if (has_extension(base, ext)) return true;
  }
  return false;
}

// "message_12.json" -> 12, "messages3.html" -> 3, "messages.html" -> 0:
// parts are read in number order, not name order.
long part_number(const std::string& name) {
  std::string base = fs::path(name).stem().string();
  std::size_t digits = base.find_last_not_of("0123456789") + 1;
  return digits < base.size() ? std::strtol(base.c_str() + digits, nullptr, 10) : 0;
}

std::string parent_of(const std::string& relative) { return fs::path(relative).parent_path().string(); }

// A file found inside a named folder or zip, with its sniffed format.
struct Candidate {
  InputPart part;
  std::string relative;  // path inside the folder or zip, for grouping
  std::string format;
};

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
    } else if (is_zip(input)) {
      add_zip(input, input, /*named=*/true);
    } else {
      std::vector<Candidate> one;
      one.push_back({{input, input, "", {}}, fs::path(input).filename().string(), ""});
      if (!sniff(one.back(), /*named=*/true)) return;
      group(one);
    }
  }

 private:
  static bool is_zip(const std::string& path) { return has_extension(path, ".zip") || has_extension(path, ".ufdr"); }

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
    const std::size_t before = catalog_.sources.size();
    std::vector<Candidate> candidates;
    for (const auto& file : files) {
      std::string path = file.string();
      if (is_zip(path)) {
        add_zip(path, path, /*named=*/false);
        continue;
      }
      if (!may_hold_chat(path)) {
        catalog_.skipped.push_back({path, "media or other file, not a chat export (by its extension)"});
        continue;
      }
      Candidate c{{path, path, "", {}}, fs::relative(file, folder, ec).string(), ""};
      if (sniff(c, /*named=*/false)) candidates.push_back(std::move(c));
    }
    group(candidates);
    if (catalog_.sources.size() == before) {
      catalog_.failures.push_back({folder, "no chat export found in this folder"});
    }
  }

  bool add_zip(const std::string& path, const std::string& display, bool named) {
    auto refuse = [&](const std::string& reason) {
      if (named) catalog_.failures.push_back({display, reason});
      else catalog_.skipped.push_back({display, reason});
      return false;
    };
    std::vector<ZipEntry> entries;
    std::string error;
    if (!list_zip_entries(path, &entries, &error)) return refuse(error);
    // Zip bomb guard: refuse archives whose entries declare far more than the archive holds.
    uint64_t declared = 0;
    for (const auto& e : entries) declared += e.size > 0 ? static_cast<uint64_t>(e.size) : 0;
    std::error_code size_ec;
    uint64_t archive_bytes = fs::file_size(path, size_ec);
    if (!size_ec && declared > (uint64_t{1} << 30) && declared > kMaxZipExpansion * std::max<uint64_t>(archive_bytes, 1)) {
      return refuse("refused as a possible zip bomb: its entries declare " + std::to_string(declared >> 20) +
                    " MiB from a " + std::to_string(archive_bytes >> 10) + " KiB archive");
    }
    const std::size_t before = catalog_.sources.size();
    std::vector<Candidate> candidates;
    uint64_t media = 0;
    for (const auto& entry : entries) {
      if (!entry.is_regular_file) continue;
      if (!may_hold_chat(entry.name)) {
        ++media;  // the photos and voice notes of a "with media" export
        continue;
      }
      Candidate c{{display + "/" + entry.name, path, entry.name, {}}, entry.name, ""};
      if (sniff(c, /*named=*/false)) candidates.push_back(std::move(c));
    }
    if (media > 0) {
      catalog_.skipped.push_back({display, std::to_string(media) + " media or other file(s) in the zip, not chat exports (by extension)"});
    }
    // A WhatsApp zip holds one chat; the conversation is named after the zip when its .txt is not.
    group(candidates, conversation_from_filename(fs::path(path).filename().string()));
    if (catalog_.sources.size() == before) {
      return refuse("the zip holds no chat export (" + std::to_string(entries.size()) + " entries)");
    }
    return true;
  }

  // Reads the head of the file and decides its format. False (with the
  // reason recorded) if it is not a chat export.
  bool sniff(Candidate& c, bool named) {
    auto source = c.part.open();
    std::string head = read_head(*source);
    if (!source->error().empty()) {
      catalog_.failures.push_back({c.part.display, source->error()});
      return false;
    }
    std::string filename = fs::path(c.relative).filename().string();
    if (!forced_.empty() && (named || forced_ == "whatsapp")) {
      if (head.empty()) {
        catalog_.failures.push_back({c.part.display, "not a chat export: the file is empty"});
        return false;
      }
      c.format = forced_;
      return true;
    }
    c.format = sniff_format(head, filename);
    if (!c.format.empty()) return true;
    std::string reason = "not a recognised chat export: " + describe_content(head);
    (named ? catalog_.failures : catalog_.skipped).push_back({c.part.display, reason});
    return false;
  }

  // Turns recognised files into sources: one per file, except Messenger
  // threads (message_N files of one folder) and Slack channels (day files of
  // one folder), which are one source each.
  void group(std::vector<Candidate>& candidates, const std::string& whatsapp_hint = "") {
    std::map<std::string, std::vector<Candidate*>> threads, channels;
    std::map<std::string, std::vector<Candidate*>> slack_lists;  // export root -> users.json, channels.json
    for (auto& c : candidates) {
      if (c.format == "messenger" || c.format == "messenger-html" || c.format == "telegram-html") {
        threads[parent_of(c.relative) + "\n" + c.format].push_back(&c);
      } else if (c.format == "slack-day" || c.format == "slack") {
        channels[parent_of(c.relative)].push_back(&c);
      } else if (c.format == "slack-users" || c.format == "slack-channels") {
        slack_lists[parent_of(c.relative)].push_back(&c);
      } else {
        InputSource s = source_of({&c});
        if (c.format == "whatsapp") {
          s.conversation_hint = conversation_from_filename(fs::path(c.relative).filename().string());
          if (s.conversation_hint.empty()) s.conversation_hint = whatsapp_hint;
        }
        add_source(std::move(s));
      }
    }
    for (auto& [key, parts] : threads) {
      std::stable_sort(parts.begin(), parts.end(),
                       [](const Candidate* a, const Candidate* b) { return part_number(a->relative) < part_number(b->relative); });
      InputSource s = source_of(parts);
      s.conversation_hint = fs::path(s.display).filename().string();
      add_source(std::move(s));
    }
    std::map<std::string, bool> lists_used;
    for (auto& [folder, days] : channels) {
      InputSource s = source_of(days);
      s.format = "slack";
      s.display = parent_of(days.front()->part.display);  // the channel folder
      s.conversation_hint = fs::path(s.display).filename().string();
      std::string root = parent_of(folder);
      if (auto it = slack_lists.find(root); it != slack_lists.end()) {
        for (const Candidate* list : it->second) s.companions.push_back(list->part);
        lists_used[root] = true;
      } else if (s.zip_entry.empty()) {
        // One channel folder named on its own: the lists are beside it on disk.
        fs::path export_root = fs::path(s.display).parent_path();
        for (const char* list : {"users.json", "channels.json"}) {
          std::error_code ec;
          if (fs::is_regular_file(export_root / list, ec) && !fs::is_symlink(export_root / list, ec)) {
            std::string path = (export_root / list).string();
            s.companions.push_back({path, path, "", {}});
          }
        }
      }
      add_source(std::move(s));
    }
    for (auto& [root, lists] : slack_lists) {
      if (lists_used.count(root)) continue;
      for (const Candidate* list : lists) {
        catalog_.skipped.push_back({list->part.display, "a Slack list of users or channels, with no channel folders beside it"});
      }
    }
  }

  static InputSource source_of(const std::vector<Candidate*>& parts) {
    InputSource s;
    const Candidate& first = *parts.front();
    s.display = parts.size() == 1 ? first.part.display : parent_of(first.part.display);
    s.path = first.part.path;
    s.zip_entry = first.part.zip_entry;
    s.format = first.format;
    for (const Candidate* c : parts) s.parts.push_back(c->part);
    return s;
  }

  void add_source(InputSource s) {
    // Sources in the order of their display paths, wherever they were found.
    auto at = std::upper_bound(catalog_.sources.begin() + static_cast<std::ptrdiff_t>(group_start_), catalog_.sources.end(), s,
                               [](const InputSource& a, const InputSource& b) { return a.display < b.display; });
    catalog_.sources.insert(at, std::move(s));
  }

  InputCatalog& catalog_;
  std::string forced_;
  std::size_t group_start_ = 0;

 public:
  void begin_named() { group_start_ = catalog_.sources.size(); }
};

}  // namespace

std::unique_ptr<ByteSource> InputPart::open() const {
  if (path.empty()) return open_memory_source(bytes);
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
  if (starts("{") || starts("[")) return "it is JSON, but not a chat export candour recognises (see docs/formats/)";
  if (starts("<")) return "it is XML or HTML, but not a chat export candour recognises (see docs/formats/)";
  return "it is text, but its first lines are not WhatsApp message lines (for a CSV export use --format csv --map)";
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
  for (const auto& input : inputs) {
    cataloguer.begin_named();  // sources keep the order the user named inputs in
    cataloguer.add_named(input);
  }
  return catalog;
}

}  // namespace candour
