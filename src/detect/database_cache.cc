#include "detect/database_cache.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

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

bool load_cached_database(const std::string& path, hs_database_t** db) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::string data = bytes.str();
  return hs_deserialize_database(data.data(), data.size(), db) == HS_SUCCESS;
}

void store_cached_database(const std::string& path, const hs_database_t* db) {
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::string error;
  // A cache that cannot be written is simply not used.
  if (!ec) write_file_atomically(path, std::string_view(bytes, length), &error);
  std::free(bytes);
}

}  // namespace candour
