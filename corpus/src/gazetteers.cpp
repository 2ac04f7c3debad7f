#include "corpus/gazetteers.h"

#include <cstdlib>

namespace dossier {

Gazetteers Gazetteers::load() {
  const char* override_dir = std::getenv("DOSSIER_ISO_CODES");
  std::filesystem::path iso_dir = override_dir ? override_dir : DOSSIER_ISO_CODES_DIR;
  return Gazetteers{CountryTable::load(iso_dir), TopicTable::load_builtin(),
                    EntityGazetteer::load_builtin()};
}

}  // namespace dossier
