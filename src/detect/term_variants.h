// Misspellings people use to slip past word lists (HateCheck's spell_char_swap
// and spell_char_del): neighbouring letters swapped, one letter dropped. The
// first letter is kept, and short words get none, because "cunts" minus a
// letter is "cuts": variants of short words collide with ordinary English.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace candour {

// Swaps and deletions for single words of 6+ letters.
std::vector<std::string> typo_variants(std::string_view form);

// "shirt lifter" -> "shirtlifter" (spaces dropped); empty if no space.
std::string joined_form(std::string_view form);

}  // namespace candour
