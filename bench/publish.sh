#!/usr/bin/env bash
# Publishing API benchmark (bench/README.md, "Publishing"): how long a write through PUT /api/captures/{id} takes until
# the article is in the feeds, and how many writes a second one key can make.
#   1. publishes src/IfpFeeds (Release) and generates N captures (default 10,000; the store's snapshot is rebuilt on
#      every write, so its size is what a write costs);
#   2. starts the service on 127.0.0.1 with a key made by `publishing new-key`;
#   3. EDITS times each: creates a capture, replaces it, deletes it, timing each answer (curl's time_total) and checking
#      that the very next GET /feeds/all.atom shows the change (the answer waits for the snapshot that holds it);
#   4. WRITES sequential creates, then WRITES creates from 8 clients at once: writes per second.
# Traffic goes to 127.0.0.1 only; every wait is bounded; the server dies with the script.
#
# Usage: bench/publish.sh [--count 10000] [--edits 20] [--writes 200] [--port 18791] [--keep]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT=10000
EDITS=20
WRITES=200
PORT=18791
while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --edits) EDITS="$2"; shift 2 ;;
    --writes) WRITES="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ifpfeeds-publish.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use "$PORT" && { echo "port $PORT is in use" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
publish_service "$WORK/app"
mkdir -p "$WORK/articles"
generate_captures "$WORK/articles" "$COUNT" 16 1

KEYS="$("$SERVICE_APP" publishing new-key bench)"
KEY=$(grep -o 'ifp_[A-Za-z0-9_-]*' <<<"$KEYS")
HASH=$(grep -o 'Keys__bench=[0-9a-f]*' <<<"$KEYS" | cut -d= -f2)
SERVER_ENV="Feeds__Publishing__Keys__bench=$HASH Feeds__Publishing__WritesPerMinute=0 Feeds__DataPath=$WORK/data"
start_service "$WORK/articles" "$PORT" "$WORK/server.log"
wait_http "$BASE/healthz" 120 "$SERVICE_PID"
wait_articles "$BASE" "$COUNT" 120

capture() { printf 'Benchmarks\n\n%s\n\nA paragraph written through the publishing API, %s.\n\nAnother paragraph.\n' "$1" "$2"; }
# write METHOD ID [TITLE]: one request; prints "status seconds".
write() {
  local args=(-s -o /dev/null -w '%{http_code} %{time_total}\n' -X "$1" -H "Authorization: Bearer $KEY" "$BASE/api/captures/$2")
  if [ $# -ge 3 ]; then
    capture "$3" "$2" | curl "${args[@]}" -H 'Content-Type: text/plain; charset=utf-8' --data-binary @-
  else
    curl "${args[@]}"
  fi
}
visible() { curl -s "$BASE/feeds/all.atom" | grep -c -- "$1" || true; }

: >"$WORK/times"
shown=0; hidden=0
log "timing $EDITS creates, replaces and deletes over $COUNT captures"
for i in $(seq 1 "$EDITS"); do
  id="bench-$i"
  read -r status t < <(write PUT "$id" "Created marker-c$i")
  [ "$status" = 201 ] || { echo "create answered $status" >&2; exit 1; }
  echo "create $t" >>"$WORK/times"
  if [ "$(visible "marker-c$i<")" -gt 0 ]; then shown=$((shown + 1)); else hidden=$((hidden + 1)); fi
  read -r status t < <(write PUT "$id" "Replaced marker-r$i")
  [ "$status" = 200 ] || { echo "replace answered $status" >&2; exit 1; }
  echo "replace $t" >>"$WORK/times"
  if [ "$(visible "marker-r$i<")" -gt 0 ]; then shown=$((shown + 1)); else hidden=$((hidden + 1)); fi
  read -r status t < <(write DELETE "$id")
  [ "$status" = 204 ] || { echo "delete answered $status" >&2; exit 1; }
  echo "delete $t" >>"$WORK/times"
  if [ "$(visible "marker-r$i<")" -eq 0 ]; then shown=$((shown + 1)); else hidden=$((hidden + 1)); fi
done

log "$WRITES sequential creates"
start=$EPOCHREALTIME
for i in $(seq 1 "$WRITES"); do write PUT "seq-$i" "Sequential $i" >/dev/null; done
sequential=$(awk -v a="$start" -v b="$EPOCHREALTIME" -v n="$WRITES" 'BEGIN { printf "%.0f", n / (b - a) }')

log "$WRITES creates from 8 clients at once"
export -f write capture
export KEY BASE
start=$EPOCHREALTIME
seq 1 "$WRITES" | xargs -P 8 -I{} bash -c 'write PUT par-{} "Parallel {}"' >"$WORK/parallel"
parallel=$(awk -v a="$start" -v b="$EPOCHREALTIME" -v n="$WRITES" 'BEGIN { printf "%.0f", n / (b - a) }')
bad=$(awk '$1 != 201' "$WORK/parallel" | wc -l)

echo
echo "publishing over $COUNT captures, $(machine_desc), $SOURCE_DESC"
printf '%-8s %8s %8s %8s  (ms from request to answer; the change is in the feeds when the answer comes)\n' write p50 p95 max
for kind in create replace delete; do
  awk -v k="$kind" '$1 == k { print $2 * 1000 }' "$WORK/times" | sort -n | awk -v k="$kind" '
    { v[NR] = $1 } END { printf "%-8s %8.1f %8.1f %8.1f\n", k, v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.999)], v[NR] }'
done
echo "changes shown by the next GET /feeds/all.atom: $shown of $((shown + hidden))"
echo "writes/s: $sequential sequential, $parallel from 8 clients ($bad answers not 201)"
