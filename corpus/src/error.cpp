#include "corpus/error.h"

namespace dossier {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "invalid_argument";
    case ErrorKind::kBadQuery:
      return "bad_query";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kIndexMissing:
      return "index_missing";
    case ErrorKind::kIndexLocked:
      return "index_locked";
    case ErrorKind::kIndexBusy:
      return "index_busy";
    case ErrorKind::kIndexCorrupt:
      return "index_corrupt";
    case ErrorKind::kShardUnavailable:
      return "shard_unavailable";
    case ErrorKind::kBadInput:
      return "bad_input";
    case ErrorKind::kData:
      return "data";
    case ErrorKind::kIo:
      return "io";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";  // not reached: the switch covers every kind
}

Error Error::in_parameter(ErrorKind kind, std::string_view parameter, const std::string& reason) {
  Error error(kind, std::string(parameter) + ": " + reason);
  error.parameter_ = std::string(parameter);
  error.reason_ = reason;
  return error;
}

}  // namespace dossier
