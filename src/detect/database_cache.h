// On-disk cache of compiled Vectorscan databases. Compiling the policy takes
// over a second; loading a cached database a few milliseconds. Entries are
// named by a hash of exactly what was compiled, written atomically, and only
// ever a copy: anything wrong with one means compiling again.
//
// Location: $CANDOUR_CACHE_DIR ("off" disables), else $XDG_CACHE_HOME/candour,
// else ~/.cache/candour. It keeps the 24 most recently used entries (three per
// policy); older ones are removed when a new one is stored.
#pragma once

#include <hs/hs.h>

#include <string>

namespace candour {

// The file for a database whose content hash is `key`, or "" when caching is off.
std::string database_cache_path(const std::string& key);

bool load_cached_database(const std::string& path, hs_database_t** db);
void store_cached_database(const std::string& path, const hs_database_t* db);

}  // namespace candour
