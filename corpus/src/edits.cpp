#include "corpus/edits.h"

#include <algorithm>
#include <utility>

namespace dossier {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t row_best = current[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_best = std::min(row_best, current[j]);
    }
    if (row_best > limit) return limit + 1;
    before.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

std::vector<std::size_t> nearest_of(std::string_view folded_name,
                                    const std::vector<std::string>& candidates, std::size_t count) {
  const std::size_t limit = std::max<std::size_t>(1, folded_name.size() / 3);
  std::vector<std::pair<std::size_t, std::size_t>> found;  // edits, index
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::size_t edits = edit_distance(folded_name, candidates[i], limit);
    if (edits <= limit) found.emplace_back(edits, i);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < found.size() && out.size() < count; ++i) {
    out.push_back(found[i].second);
  }
  return out;
}

}  // namespace dossier
