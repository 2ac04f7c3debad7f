#include "corpus/schema.h"

#include <cstdio>
#include <functional>

#include "corpus/error.h"

namespace dossier::schema {

const Field* find_field(std::string_view name) {
  for (const Field& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Field& field(std::string_view name) {
  const Field* f = find_field(name);
  if (f == nullptr) throw Error(ErrorKind::kInternal, "schema has no field " + std::string(name));
  return *f;
}

std::string year_value(int year) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d", year < 0 ? 0 : year % 10000);
  return buffer;
}

namespace {
// FNV-1a: stable across platforms and runs, unlike std::hash.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}
}  // namespace

std::string keyword_term(const Field& field, std::string_view folded_value) {
  std::string term(field.prefix);
  term += folded_value;
  if (term.size() <= kMaxTermBytes) return term;
  char suffix[20];
  std::snprintf(suffix, sizeof suffix, "#%016llx",
                static_cast<unsigned long long>(fnv1a(folded_value)));
  std::size_t keep = kMaxTermBytes - 17;
  // Do not cut inside a UTF-8 sequence.
  while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;
  term.resize(keep);
  return term + suffix;
}

}  // namespace dossier::schema
