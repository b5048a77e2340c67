// What the labelled data (../shared/data schema) says beyond its plain
// fields, shared by `candour train` and `candour eval`.
#pragma once

#include <simdjson.h>

#include <optional>

namespace candour {

// Whether a hateful row is a threat, where its source says so either way.
// The absence of a category is not a negative (data README), but three
// sources give every hateful row a type, so a type other than a threat is a
// "no": EDOS's label_category, Implicit Hate's stage-2 implicit_class (its
// explicit_hate rows have none and say nothing) and HatemojiBuild's type.
// A row whose categories hold "threat" is a "yes" whatever its source.
std::optional<bool> labelled_threat(simdjson::dom::element row);

}  // namespace candour
