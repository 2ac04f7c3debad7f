#!/usr/bin/env bash
# The trafficking facts against their judged set (tests/data/facts) over the shared archive: each
# kind's precision and recall, on the development and the held-out part, at least the floors
# below. Skipped (exit 77) when the shared archive is absent.
set -euo pipefail
source_dir=$1
binary_dir=$2
archive=${DOSSIER_SHARED_CORPUS:-$source_dir/../shared/corpus}
if [ ! -f "$archive/MANIFEST.tsv" ]; then
  echo "facts_accuracy: skipped: no shared archive at $archive"
  exit 77
fi
seeds=$(dirname "$archive")/seeds
# The floors are the figures measured when the rules were last changed, less a margin: a change
# that costs accuracy fails here.
"$binary_dir/tools/bench/dossier-facts-score" --archive "$archive/docs" --seeds "$seeds" \
  --judged "$source_dir/tests/data/facts" \
  --require tier=0.97/0.97 --require role=0.93/0.97 --require flow=0.85/0.72
