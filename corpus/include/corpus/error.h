#pragma once
// The one error type the libraries throw. Each surface (CLI, HTTP) maps ErrorKind once.
#include <stdexcept>
#include <string>
#include <string_view>

namespace dossier {

enum class ErrorKind {
  kInvalidArgument,  // a bad option or filter value from the user
  kBadQuery,         // a query that does not parse; the message says where
  kNotFound,         // an unknown report id or file
  kIndexMissing,     // no index at the given location
  kIndexLocked,      // another process holds the index's write lock
  kIndexCorrupt,     // the index exists but cannot be read
  kBadInput,         // a source file that cannot be turned into a report
  kData,             // a malformed gazetteer or data file
  kIo,               // the file system refused
  kInternal,         // a bug or an unexpected library failure
};

std::string_view to_string(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace dossier
