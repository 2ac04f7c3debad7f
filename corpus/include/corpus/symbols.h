#pragma once
// UN document symbols ("A/HRC/14/11", "E/CN.4/2006/53/Add.1", "CCPR/C/KAZ/CO/1"): the number a
// UN report is cited and found by.
#include <string>
#include <string_view>

namespace dossier {

// Whether `token` is written like a UN document symbol: an organ's capitals, then at least two
// more parts after slashes, with a digit among them.
bool is_document_symbol(std::string_view token);

// A symbol as a user typed it, in the form documents print it: trimmed, upper-case organ and
// body letters kept as typed, a trailing note marker ("A/HRC/12/5*") dropped. "" when `text` is
// not a symbol.
std::string canonical_symbol(std::string_view text);

}  // namespace dossier
