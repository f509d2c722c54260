#!/usr/bin/env bash
# Memory under many distinct feed URLs (bench/README.md): does a crawler that walks every limit of every feed, with
# junk query parameters, grow the service's memory without bound?
#   1. publishes src/IfpFeeds (Release), generates captures (default 2,000 over 16 sections), starts the service on
#      127.0.0.1 (Production, Feeds__BaseUrl set, as shipped: server GC);
#   2. requests the 51 default feeds (17 names x 3 formats) twice, waits 5 s and reads VmRSS: "before";
#   3. requests N distinct feed URLs (default 5,000) one after another with curl: every (name, format, limit) with
#      limit 1-200 shuffled with a fixed seed, page 1, each URL with unknown query parameters (utm_*, a counter,
#      an empty one) before or after limit; VmRSS is read every 1,000 URLs;
#   4. reads VmRSS right after, and again 10 s later, and prints the growth over "before" and the peak (VmHWM).
# Traffic goes to 127.0.0.1 only; every request has a timeout; the server is killed on exit (trap).
#
# Usage: bench/memory-urls.sh [--urls 5000] [--captures 2000] [--sections 16] [--seed 1] [--port 18810] [--from-head] [--keep]
# Environment: SERVER_ENV="K=V ..." adds environment to the service (e.g. DOTNET_gcServer=0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
URLS=5000
CAPTURES=2000
SECTIONS=16
SEED=1
PORT=18810
FROM_HEAD=0
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --urls) URLS="$2"; shift 2 ;;
    --captures) CAPTURES="$2"; shift 2 ;;
    --sections) SECTIONS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --from-head) FROM_HEAD=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ "$URLS" -le 20000 ] || { echo "--urls is at most 20000" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ifpfeeds-memory.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

publish_service "$WORK/app"
generate_captures "$WORK/captures" "$CAPTURES" "$SECTIONS" "$SEED"
PORT=$(free_port "$PORT")
BASE="http://127.0.0.1:$PORT"
wait_quiet
log "starting the service on $BASE (machine ${BUSY}% busy)"
start_service "$WORK/captures" "$PORT" "$WORK/service.log"
wait_articles "$BASE" "$CAPTURES" 120 || { tail -n 20 "$WORK/service.log" >&2; exit 1; }

# The URL lists: the default feeds, then N distinct (name, format, limit) with unknown parameters.
curl -sf --max-time 10 "$BASE/api/sections" >"$WORK/sections.json"
python3 - "$WORK/sections.json" "$URLS" "$BASE" "$WORK/default-urls.txt" "$WORK/urls.txt" <<'EOF'
import json, random, sys, urllib.parse
sections, n, base, default_out, urls_out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
names = ["all"] + [s["slug"] for s in json.load(open(sections, encoding="utf-8"))]
formats = ["rss", "atom", "json"]
feed = lambda name, fmt: f"{base}/feeds/{urllib.parse.quote(name, safe='')}.{fmt}"
with open(default_out, "w") as f:
    for name in names:
        for fmt in formats:
            print(feed(name, fmt), file=f)
keys = [(name, fmt, limit) for name in names for fmt in formats for limit in range(1, 201)]
random.Random(20261129).shuffle(keys)
if n > len(keys):
    keys = (keys * (n // len(keys) + 1))  # more URLs than keys: repeat keys, the junk parameters still differ
with open(urls_out, "w") as f:
    for i, (name, fmt, limit) in enumerate(keys[:n]):
        junk = f"utm_source=crawler&utm_medium=feed&utm_campaign=c{i}&ref={i * 7919 % 100003}&empty="
        query = f"limit={limit}&{junk}" if i % 2 == 0 else f"{junk}&limit={limit}"
        print(f"{feed(name, fmt)}?{query}", file=f)
print(f"{len(names)} feeds x 3 formats; {n} URLs over {min(n, len(keys))} distinct (name, format, limit) keys", file=sys.stderr)
EOF

# fetch FILE: requests every URL of FILE in order (one curl process per 500 URLs, keep-alive within it); appends
# "status" lines to $WORK/status.txt.
fetch() {
  split -l 500 -d -a 3 "$1" "$WORK/chunk."
  for chunk in "$WORK"/chunk.*; do
    sed 's/.*/url = "&"\noutput = "\/dev\/null"/' "$chunk" >"$chunk.cfg"
    timeout 600 curl -s --max-time 30 -w '%{http_code}\n' -K "$chunk.cfg" >>"$WORK/status.txt" || true
    rm -f "$chunk" "$chunk.cfg"
  done
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

: >"$WORK/status.txt"
fetch "$WORK/default-urls.txt"
fetch "$WORK/default-urls.txt"
sleep 5
RSS_BEFORE=$(rss_kb "$SERVICE_PID")
HWM_BEFORE=$(rss_kb "$SERVICE_PID" VmHWM)
log "before: VmRSS $(mib "$RSS_BEFORE") MiB (VmHWM $(mib "$HWM_BEFORE") MiB)"
: >"$WORK/status.txt"

T0=$SECONDS
split -l 1000 -d -a 3 "$WORK/urls.txt" "$WORK/thousand."
DONE=0
CHECKPOINTS=""
for part in "$WORK"/thousand.*; do
  fetch "$part"
  DONE=$((DONE + $(wc -l <"$part")))
  rss=$(rss_kb "$SERVICE_PID")
  CHECKPOINTS="$CHECKPOINTS $DONE:$(mib "$rss")"
  log "  $DONE URLs: VmRSS $(mib "$rss") MiB"
done
ELAPSED=$((SECONDS - T0))
RSS_AFTER=$(rss_kb "$SERVICE_PID")
sleep 10
RSS_LATER=$(rss_kb "$SERVICE_PID")
HWM=$(rss_kb "$SERVICE_PID" VmHWM)
STATUS=$(sort "$WORK/status.txt" | uniq -c | awk '{ printf "%s%s x %s", (NR > 1 ? ", " : ""), $2, $1 }')

{
  echo
  echo "IfpFeeds memory under $URLS distinct feed URLs ($(date -u +%Y-%m-%dT%H:%MZ), $(machine_desc);"
  echo " service from $SOURCE_DESC${SERVER_ENV:+, SERVER_ENV=$SERVER_ENV}; $CAPTURES captures, $SECTIONS sections, seed $SEED)"
  echo
  echo "| URLs | statuses | time s | VmRSS before MiB | VmRSS after MiB | growth MiB | 10 s later MiB | growth then MiB | VmHWM MiB |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| $URLS | $STATUS | $ELAPSED | $(mib "$RSS_BEFORE") | $(mib "$RSS_AFTER") | $(mib $((RSS_AFTER - RSS_BEFORE))) | $(mib "$RSS_LATER") | $(mib $((RSS_LATER - RSS_BEFORE))) | $(mib "$HWM") |"
  echo
  echo "VmRSS (MiB) after each 1,000 URLs:$CHECKPOINTS"
  awk -v g=$((RSS_AFTER - RSS_BEFORE)) 'BEGIN { printf "Target growth < 150 MB (143 MiB): %s\n", (g / 1024 < 143.05 ? "met" : "MISSED") }'
}
