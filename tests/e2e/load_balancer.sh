#!/usr/bin/env bash
# docs/haproxy.cfg as the README uses it: two `dossier serve` replicas of the sample index behind
# Debian's haproxy. Both answer through it; with one stopped, every request is still answered,
# by the other. Exits 77 (skipped) when haproxy or curl is missing.
# Usage: load_balancer.sh SOURCE_DIR DOSSIER_BINARY SAMPLES_DIR
set -euo pipefail
source_dir=$1
dossier=$2
samples=$3
command -v haproxy >/dev/null || { echo "load_balancer: haproxy is missing (apt-get install haproxy)"; exit 77; }
command -v curl >/dev/null || { echo "load_balancer: curl is missing (apt-get install curl)"; exit 77; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "load_balancer: $1" >&2; exit 1; }

# Waits (a hang guard of 60 s, not a wait for an outcome) until FILE holds a line matching RE.
wait_for_line() {
  local file=$1 re=$2
  for _ in $(seq 600); do
    grep -Eq "$re" "$file" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "nothing matching '$re' in $file: $(cat "$file")"
}

"$dossier" index "$samples" --db "$work/db" --quiet
replicas=()
for k in 1 2; do
  "$dossier" serve --db "$work/db" --port 0 >"$work/serve-$k.out" 2>&1 &
  pids+=($!)
  wait_for_line "$work/serve-$k.out" 'http://127\.0\.0\.1:[0-9]+'
  replicas+=("$(grep -Eo '127\.0\.0\.1:[0-9]+' "$work/serve-$k.out" | head -1)")
done

# A port for haproxy that nothing listens on.
port=38080
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
DOSSIER_LB_BIND=127.0.0.1:$port DOSSIER_REPLICA_1=${replicas[0]} DOSSIER_REPLICA_2=${replicas[1]} \
  haproxy -c -q -f "$source_dir/docs/haproxy.cfg" || fail "haproxy refuses docs/haproxy.cfg"
DOSSIER_LB_BIND=127.0.0.1:$port DOSSIER_REPLICA_1=${replicas[0]} DOSSIER_REPLICA_2=${replicas[1]} \
  haproxy -db -f "$source_dir/docs/haproxy.cfg" >"$work/haproxy.out" 2>&1 &
pids+=($!)
for _ in $(seq 600); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# The total and the hits' ids of a search's JSON.
answer_of() { grep -Eo '"(total|id)":("[^"]*"|[0-9]+)' <<<"$1" | tr '\n' ' '; }
direct=$(curl -sf "http://${replicas[0]}/api/search?q=trafficking&limit=3")
# Searches through haproxy: each answered as a replica answers it, and by each replica in turn.
search_through() {  # prints the replica that answered; fails on anything but the direct answer
  local headers=$work/headers body
  body=$(curl -sf -D "$headers" "http://127.0.0.1:$port/api/search?q=trafficking&limit=3") ||
    fail "a search through haproxy failed"
  [ "$(answer_of "$body")" = "$(answer_of "$direct")" ] ||
    fail "a search through haproxy answered otherwise than a replica"
  tr -d '\r' <"$headers" | awk -F': ' 'tolower($1) == "x-dossier-replica" {print $2}'
}
seen=""
for _ in $(seq 6); do seen+=" $(search_through)"; done
grep -q replica1 <<<"$seen" && grep -q replica2 <<<"$seen" || fail "not both replicas answered: $seen"

# One replica stopped: haproxy sends what it refuses to the other.
kill -TERM "${pids[0]}"
wait "${pids[0]}" 2>/dev/null || true
for _ in $(seq 6); do
  answered=$(search_through)
  [ "$answered" = replica2 ] || fail "answered by '$answered' with replica1 stopped"
done
echo "load_balancer: both replicas answered through haproxy; with one stopped, the other answered all"
