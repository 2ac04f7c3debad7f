#include "facet_counter.h"

#include "corpus/schema.h"

namespace dossier {

void JoinedValueCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string joined = doc.get_value(slot_);
  if (joined.empty()) return;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = joined.find(schema::kValueSeparator, start);
    ++counts_[joined.substr(start, end == std::string::npos ? std::string::npos : end - start)];
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

}  // namespace dossier
