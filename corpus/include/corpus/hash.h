#pragma once
// The one hash whose values are kept: in the index (content hashes, the suffix that tells two
// files of the same name apart, the suffix of a cut keyword term) and in permalinks (a result
// list's fingerprint). It must give the same value on every machine and in every release.
//
// It is 64-bit FNV-1a with the offset basis 1469598103934665603: the standard basis
// (14695981039346656037) with its last digit missing. The values it has given are in indexes and
// permalinks people keep, so it stays as it is; tests/corpus/hash_test.cpp freezes them.
// Changing it would need a new stored report format (kReportFormatVersion) and would make every
// cited permalink report a changed result list.
#include <cstdint>
#include <string>
#include <string_view>

namespace dossier {

class StableHash {
 public:
  StableHash& add(std::string_view bytes) {
    for (const unsigned char c : bytes) {
      value_ ^= c;
      value_ *= kPrime;
    }
    return *this;
  }
  // The bytes and a '\n' after them: a list of strings hashes differently from their
  // concatenation.
  StableHash& add_line(std::string_view bytes) { return add(bytes).add("\n"); }

  std::uint64_t value() const { return value_; }
  // The value as 16 lower-case hex digits.
  std::string hex() const;

 private:
  static constexpr std::uint64_t kOffsetBasis = 1469598103934665603ULL;
  static constexpr std::uint64_t kPrime = 1099511628211ULL;
  std::uint64_t value_ = kOffsetBasis;
};

}  // namespace dossier
