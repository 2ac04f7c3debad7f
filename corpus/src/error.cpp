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
    case ErrorKind::kIndexCorrupt:
      return "index_corrupt";
    case ErrorKind::kBadInput:
      return "bad_input";
    case ErrorKind::kData:
      return "data";
    case ErrorKind::kIo:
      return "io";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace dossier
