// Base64 (RFC 4648, with padding), for bytes that must travel inside JSON.
#pragma once

#include <string>
#include <string_view>

namespace candour {

std::string base64_encode(std::string_view bytes);

}  // namespace candour
