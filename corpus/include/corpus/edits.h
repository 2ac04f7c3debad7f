#pragma once
// How far apart two names are in typing slips, for "did you mean".
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

// Edits (insertions, deletions, substitutions, adjacent transpositions) from a to b, in bytes;
// stops counting past `limit` (returns limit + 1).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// Of `candidates` (folded, as `folded_name` is), the indexes of those within a third of the
// name's length in edits (at least one), nearest first, at most `count`.
std::vector<std::size_t> nearest_of(std::string_view folded_name,
                                    const std::vector<std::string>& candidates, std::size_t count);

}  // namespace dossier
