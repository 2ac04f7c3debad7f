#!/usr/bin/env bash
# The archive-wide entity audit (docs/entity-audit.md) over the shared archive: every sampled
# pair judged, and each kind's estimated precision at least the floor below. Skipped (exit 77)
# when the shared archive is absent.
set -euo pipefail
source_dir=$1
binary_dir=$2
archive=${DOSSIER_SHARED_CORPUS:-$source_dir/../shared/corpus}
if [ ! -f "$archive/MANIFEST.tsv" ]; then
  echo "entity_audit: skipped: no shared archive at $archive"
  exit 77
fi
# The floor is the precision measured when the judgments were last completed, less a margin: a
# rule change that costs precision, or that tags pairs nobody has judged, fails here.
"$binary_dir/tools/bench/dossier-entity-audit" --archive "$archive/docs" \
  --judgments "$source_dir/tests/data/entities/audit/judgments.tsv" --threads 2 --require 0.90 \
  --unjudged "$binary_dir/entity-audit-unjudged.tsv"
