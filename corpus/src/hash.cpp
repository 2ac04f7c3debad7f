#include "corpus/hash.h"

#include <cstdio>

namespace dossier {

std::string StableHash::hex() const {
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value_));
  return buffer;
}

}  // namespace dossier
