#pragma once
// The reference data every stage needs, loaded once per process and passed explicitly.
#include <filesystem>

#include "corpus/countries.h"
#include "corpus/entities.h"
#include "corpus/topics.h"

namespace dossier {

struct Gazetteers {
  CountryTable countries;
  TopicTable topics;
  EntityGazetteer entities;

  // iso-codes from the Debian package's folder (or $DOSSIER_ISO_CODES when set), the curated
  // files compiled in. Throws Error{kData} when a file is missing or malformed.
  static Gazetteers load();
};

}  // namespace dossier
