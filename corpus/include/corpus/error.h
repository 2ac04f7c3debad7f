#pragma once
// The one error type the libraries throw. Each surface (CLI, HTTP) maps ErrorKind once, with an
// exhaustive switch (no default: a new kind fails the build until every surface maps it).
#include <stdexcept>
#include <string>
#include <string_view>

namespace dossier {

enum class ErrorKind {
  kInvalidArgument,   // a bad option or filter value from the user
  kBadQuery,          // a query that does not parse; the message says where
  kNotFound,          // an unknown report id or file
  kIndexMissing,      // no index at the given location
  kIndexLocked,       // another process holds the index's write lock
  kIndexBusy,         // the index kept changing while it was read (many commits in a row)
  kIndexCorrupt,      // the index exists but cannot be read
  kShardUnavailable,  // a shard of a sharded index did not answer (down, unreachable, too slow)
  kBadInput,          // a source file that cannot be turned into a report
  kData,              // a malformed gazetteer or data file
  kIo,                // the file system refused
  kInternal,          // a bug or an unexpected library failure
};

std::string_view to_string(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind), reason_(message) {}

  // An error in the value of one request parameter. what() names it neutrally ("country:
  // unknown country \"Narnia\""); each surface spells the parameter its own way from
  // parameter() ("--country" on the command line) and reason().
  static Error in_parameter(ErrorKind kind, std::string_view parameter, const std::string& reason);

  ErrorKind kind() const { return kind_; }
  // The parameter the error is about, or empty.
  const std::string& parameter() const { return parameter_; }
  // What is wrong, without the parameter's name.
  const std::string& reason() const { return reason_; }

 private:
  ErrorKind kind_;
  std::string parameter_;
  std::string reason_;
};

}  // namespace dossier
