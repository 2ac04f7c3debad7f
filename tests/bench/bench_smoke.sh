#!/usr/bin/env bash
# Runs tools/bench/run on 150 generated reports with the binaries of this build, and checks that
# every table row is there with numbers in it and no engine reported errors.
set -euo pipefail
source_dir=$1
binary_dir=$2
work=$binary_dir/bench-smoke
rm -rf "$work"
report=$(DOSSIER_BUILD=$binary_dir "$source_dir/tools/bench/run" --reports 150 --queries 40 \
  --seconds 2 --connections 4 --work "$work")
echo "$report"
fail() { echo "bench_smoke: $1" >&2; exit 1; }
number='[0-9]+(\.[0-9]+)?'
for row in "dossier, tagging on, [0-9]+ threads?" "dossier, tagging on, 1 thread" \
           "dossier, tagging off" "Xapian scriptindex" "SQLite FTS5"; do
  grep -Eq "^\| $row[^|]* \| $number \| $number \| $number \| $number \| $number \|" <<<"$report" ||
    fail "no indexing row for \"$row\""
done
for row in "dossier \(in-process\)" "Xapian application" "SQLite FTS5 \(MATCH"; do
  # engine | p50 | p95 | p99 | mean | matches | errors
  line=$(grep -E "^\| $row" <<<"$report") || fail "no search row for \"$row\""
  errors=$(awk -F'|' '{gsub(/ /, "", $8); print $8}' <<<"$line")
  [ "$errors" = 0 ] || fail "$row: $errors queries failed"
done
grep -Eq "^\| $number \| [^|]+ \| [^|]+ \| [^|]+ \| 0 non-2xx" <<<"$report" || fail "no serving row, or errors"
grep -Eq "^\| unchanged archive \| $number \|" <<<"$report" || fail "no unchanged re-index row"
grep -Eq "^\| 2 files \(1%\) changed \| $number \|" <<<"$report" || fail "no 1% re-index row"
echo "bench_smoke: every row present"
