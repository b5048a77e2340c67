#include "model/training_labels.h"

#include <string_view>

namespace candour {

std::optional<bool> labelled_threat(simdjson::dom::element row) {
  simdjson::dom::array categories;
  if (!row["categories"].get_array().get(categories)) {
    for (auto c : categories) {
      std::string_view name;
      if (!c.get_string().get(name) && name == "threat") return true;
    }
  }
  simdjson::dom::object orig;
  if (row["orig"].get_object().get(orig)) return std::nullopt;
  for (const char* typed : {"label_category", "implicit_class", "type"}) {
    std::string_view value;
    if (!orig[typed].get_string().get(value) && !value.empty()) return false;
  }
  return std::nullopt;
}

}  // namespace candour
