#include "detect/database_cache.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "util/atomic_file.h"

namespace candour {

std::string database_cache_path(const std::string& key) {
  std::string dir;
  if (const char* own = std::getenv("CANDOUR_CACHE_DIR")) {
    if (std::string(own) == "off") return "";
    dir = own;
  } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    dir = std::string(xdg) + "/candour";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = std::string(home) + "/.cache/candour";
  } else {
    return "";
  }
  return dir + "/policy-" + key + ".hsdb";
}

namespace fs = std::filesystem;

namespace {

// Entries kept (three per policy, about 9 MB: eight policies): each edit of a
// policy compiles new ones, so without a bound the cache would grow with every edit.
constexpr std::size_t kKeptEntries = 24;

bool is_entry(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.rfind("policy-", 0) == 0 && path.extension() == ".hsdb";
}

// Removes all but the kKeptEntries most recently used entries (a load
// touches its entry).
void prune(const fs::path& dir) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!is_entry(entry.path())) continue;
    auto time = entry.last_write_time(ec);
    if (!ec) entries.emplace_back(time, entry.path());
  }
  if (entries.size() <= kKeptEntries) return;
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = kKeptEntries; i < entries.size(); ++i) fs::remove(entries[i].second, ec);
}

}  // namespace

bool load_cached_database(const std::string& path, hs_database_t** db) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  const std::streamsize size = in.tellg();
  if (size <= 0) return false;
  std::string data(static_cast<std::size_t>(size), '\0');  // read once, straight into place
  in.seekg(0);
  if (!in.read(data.data(), size)) return false;
  if (hs_deserialize_database(data.data(), data.size(), db) != HS_SUCCESS) return false;
  std::error_code ec;
  fs::last_write_time(path, fs::file_time_type::clock::now(), ec);  // used: kept longest
  return true;
}

void store_cached_database(const std::string& path, const hs_database_t* db) {
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::string error;
  // A cache that cannot be written is simply not used.
  if (!ec && write_file_atomically(path, std::string_view(bytes, length), &error)) {
    prune(fs::path(path).parent_path());
  }
  std::free(bytes);
}

}  // namespace candour
