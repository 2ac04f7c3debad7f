#pragma once
// The bundled sample archive, indexed once per test process.
#include <filesystem>

#include "corpus/gazetteers.h"

namespace dossier::test {

const Gazetteers& gazetteers();
// An index of corpus/samples/ built on first use in a scratch folder; read-only for callers.
const std::filesystem::path& sample_index();

}  // namespace dossier::test
