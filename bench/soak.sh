#!/usr/bin/env bash
# Soak test (bench/README.md): mixed traffic while the captures folder keeps changing.
#   1. publishes src/IfpFeeds (Release), builds bench/IfpFeeds.Benchmarks (its soak-client command), generates
#      captures (default 2,000 + 600 spare ones kept outside the folder, 16 sections) and starts the service on
#      127.0.0.1 (Production, Feeds__BaseUrl set, as shipped);
#   2. for DURATION seconds (default 60) runs at the same time:
#      - the soak client: C concurrent clients (default 4), each sending its next request when the previous one
#        completes, mixed over feeds in every format (sections, all, recent, OPML, a paged and a 200-item one),
#        conditional requests with the ETags fetched just before and, as a feed reader does, with the last one
#        seen, /recent.json, /recent, HTML pages, /api/..., /healthz, as identity, gzip or brotli; it checks every
#        Nth response (default 50th): decompressed and parsed (XML, JSON, HTML), Content-Length against the body,
#        the ETag against the body's hash;
#      - a writer changing the folder at RATE changes/s (default 20), bounded: atomic title edits (temp file + mv),
#        in-place title edits (truncate and write), new captures (temp + mv, from the spares) and deletions;
#      - a sampler reading the service's VmRSS every 10 s;
#   3. prints the totals: requests, status classes, 5xx, malformed, ETag and length mismatches, p50/p99/max latency,
#      the changes made, VmRSS at start, every 10 s and at the end, with the slope of a least-squares line through
#      the samples of the second half (the growth trend once the cache has filled).
# Traffic goes to 127.0.0.1 only; every loop is bounded in count and time; the server is killed on exit (trap).
#
# Usage: bench/soak.sh [--duration 60] [--clients 4] [--rate 20] [--sample 50] [--captures 2000] [--sections 16]
#                      [--seed 1] [--port 18820] [--from-head] [--keep]
# Environment: SERVER_ENV="K=V ..." adds environment to the service.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=60
CLIENTS=4
RATE=20
SAMPLE=50
CAPTURES=2000
SPARES=600
SECTIONS=16
SEED=1
PORT=18820
FROM_HEAD=0
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --sample) SAMPLE="$2"; shift 2 ;;
    --captures) CAPTURES="$2"; shift 2 ;;
    --sections) SECTIONS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --from-head) FROM_HEAD=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ "$DURATION" -le 600 ] && [ "$RATE" -le 100 ] && [ "$CLIENTS" -le 64 ] || { echo "--duration ≤ 600, --rate ≤ 100, --clients ≤ 64" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ifpfeeds-soak.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

publish_service "$WORK/app"
log "building bench/IfpFeeds.Benchmarks (the soak client)"
dotnet build "$ROOT/bench/IfpFeeds.Benchmarks/IfpFeeds.Benchmarks.csproj" -c Release --artifacts-path "$WORK/artifacts" \
  -o "$WORK/client" -v quiet -nologo >"$WORK/client-build.log" 2>&1 || { cat "$WORK/client-build.log" >&2; exit 1; }
generate_captures "$WORK/all" $((CAPTURES + SPARES)) "$SECTIONS" "$SEED"
DIR="$WORK/captures"
SPARE_DIR="$WORK/spares"
mkdir -p "$DIR" "$SPARE_DIR"
# The first CAPTURES files (by name: by number) are served; the rest wait outside the folder to be added.
(cd "$WORK/all" && ls | sort >"$WORK/names.txt")
head -n "$CAPTURES" "$WORK/names.txt" | (cd "$WORK/all" && xargs mv -t "$DIR/")
tail -n +$((CAPTURES + 1)) "$WORK/names.txt" | (cd "$WORK/all" && xargs -r mv -t "$SPARE_DIR/")

PORT=$(free_port "$PORT")
BASE="http://127.0.0.1:$PORT"
wait_quiet
log "starting the service on $BASE (machine ${BUSY}% busy before)"
start_service "$DIR" "$PORT" "$WORK/service.log"
wait_articles "$BASE" "$CAPTURES" 120 || { tail -n 20 "$WORK/service.log" >&2; exit 1; }

# retitle NEW < capture > capture': the title (2nd non-blank line of the body) replaced, everything else kept.
cat >"$WORK/retitle.pl" <<'EOF'
my $new = shift; local $/; binmode STDIN; binmode STDOUT; my $t = <STDIN>;
my @l = split /(?<=\n)/, $t; my $i = 0;
if (@l && $l[0] =~ /^(\xEF\xBB\xBF)?---\s*$/) { $i = 1; $i++ while $i < @l && $l[$i] !~ /^---\s*$/; $i++ }
my $seen = 0;
for (; $i < @l; $i++) { next if $l[$i] =~ /^\s*$/; if (++$seen == 2) { $l[$i] =~ s/^[^\r\n]*/$new/; last } }
print @l;
EOF

# writer: RATE changes per second for DURATION seconds, at most RATE*DURATION changes; logs one line per change.
writer() {
  local total=$((RATE * DURATION)) k=0 t0=$EPOCHREALTIME originals spares added=() op file id
  mapfile -t originals < <(cd "$DIR" && ls | sort)
  mapfile -t spares < <(cd "$SPARE_DIR" && ls | sort)
  local next_spare=0
  while [ $k -lt $total ]; do
    # keep to the schedule: change k happens at t0 + k / RATE (never sleeping more than 1 s at a time)
    local wait_s
    wait_s=$(awk -v t0="$t0" -v now="$EPOCHREALTIME" -v k=$k -v r="$RATE" 'BEGIN { w = t0 + k / r - now; printf "%.3f", (w > 1 ? 1 : (w > 0 ? w : 0)) }')
    [ "$wait_s" != "0.000" ] && sleep "$wait_s"
    op=$((k % 10))
    case $op in
      0|1|2|3) # atomic edit of an original capture: temp file (hidden, *.tmp: ignored by the store) + mv
        file=${originals[$(((k * 7919) % ${#originals[@]}))]}
        [ -f "$DIR/$file" ] || { k=$((k + 1)); continue; }
        perl "$WORK/retitle.pl" "Soak edit $k (atomic)" <"$DIR/$file" >"$DIR/.$file.tmp" && mv -f "$DIR/.$file.tmp" "$DIR/$file"
        echo "atomic-edit $file" ;;
      4|5) # in-place edit: truncate and write the same file
        file=${originals[$(((k * 104729) % ${#originals[@]}))]}
        [ -f "$DIR/$file" ] || { k=$((k + 1)); continue; }
        perl "$WORK/retitle.pl" "Soak edit $k (in place)" <"$DIR/$file" >"$WORK/inplace.tmp" && cat "$WORK/inplace.tmp" >"$DIR/$file"
        echo "inplace-edit $file" ;;
      6|7|8) # a new capture, written under a temp name then renamed
        if [ $next_spare -lt ${#spares[@]} ]; then
          file=${spares[$next_spare]}
          next_spare=$((next_spare + 1))
          cp "$SPARE_DIR/$file" "$DIR/.$file.tmp" && mv -f "$DIR/.$file.tmp" "$DIR/$file"
          added+=("$file")
          echo "create $file"
        fi ;;
      9) # a deletion: alternately one of the captures added above and an original one
        if [ $(((k / 10) % 2)) -eq 0 ] && [ ${#added[@]} -gt 0 ]; then
          file=${added[0]}
          added=("${added[@]:1}")
        else
          file=${originals[$(((k * 31) % ${#originals[@]}))]}
        fi
        rm -f "$DIR/$file"
        echo "delete $file" ;;
    esac
    k=$((k + 1))
  done
}

# sampler: VmRSS every 10 s, DURATION / 10 + 1 samples; "seconds kB" per line.
sampler() {
  local t0=$SECONDS n=$((DURATION / 10 + 1)) i
  for i in $(seq 0 $((n - 1))); do
    while [ $((SECONDS - t0)) -lt $((i * 10)) ]; do sleep 0.2; done
    echo "$((SECONDS - t0)) $(rss_kb "$SERVICE_PID")"
  done
}

# Fetch each feed's ETag (done by the client itself, just before its run) and go.
RSS_START=$(rss_kb "$SERVICE_PID")
log "soak: $DURATION s, $CLIENTS clients, $RATE changes/s, every ${SAMPLE}th response checked; VmRSS at start $((RSS_START / 1024)) MiB"
sampler >"$WORK/rss.txt" &
SAMPLER_PID=$!
BG_PIDS+=("$SAMPLER_PID")
writer >"$WORK/changes.txt" 2>"$WORK/writer.err" &
WRITER_PID=$!
BG_PIDS+=("$WRITER_PID")
read -r cpu0 < <(proc_cpu_jiffies "$SERVICE_PID")
timeout $((DURATION + 120)) dotnet "$WORK/client/IfpFeeds.Benchmarks.dll" soak-client --base "$BASE" --duration "$DURATION" \
  --clients "$CLIENTS" --sample "$SAMPLE" --seed "$SEED" >"$WORK/client.json" 2>"$WORK/client.err" || { cat "$WORK/client.err" >&2; exit 1; }
wait "$WRITER_PID" || true
wait "$SAMPLER_PID" || true
read -r cpu1 < <(proc_cpu_jiffies "$SERVICE_PID")
sleep 2 # the last changes settle
RSS_END=$(rss_kb "$SERVICE_PID")
HWM=$(rss_kb "$SERVICE_PID" VmHWM)
HEALTH=$(curl -s --max-time 5 "$BASE/healthz" | python3 -c 'import json, sys; h = json.load(sys.stdin); print(h["status"], h["articles"], "articles,", len(h["rejected"]), "rejected")')
SERVER_ERRORS=$(grep -c -E '\b(fail|crit)[a-z]*:' "$WORK/service.log" || true)

python3 - "$WORK/client.json" "$WORK/rss.txt" "$WORK/changes.txt" "$RSS_START" "$RSS_END" "$HWM" "$DURATION" "$CLIENTS" "$RATE" \
  "$SAMPLE" "$HEALTH" "$SERVER_ERRORS" "$(( (cpu1 - cpu0) * 1000 / $(getconf CLK_TCK) ))" "$(machine_desc)" "$SOURCE_DESC" <<'EOF'
import collections, json, sys
(client, rss_file, changes_file, rss_start, rss_end, hwm, duration, clients, rate, sample, health, server_errors, cpu_ms,
 machine, source) = sys.argv[1:16]
c = json.load(open(client))
rss = [(int(t), int(kb) / 1024) for t, kb in (line.split() for line in open(rss_file) if line.strip())]
changes = collections.Counter(line.split()[0] for line in open(changes_file) if line.strip())
mib = lambda kb: int(kb) / 1024
def slope(points):
    if len(points) < 2:
        return 0.0
    n = len(points); mx = sum(t for t, _ in points) / n; my = sum(v for _, v in points) / n
    d = sum((t - mx) ** 2 for t, _ in points)
    return 0.0 if d == 0 else sum((t - mx) * (v - my) for t, v in points) / d
half = [p for p in rss if p[0] >= int(duration) / 2]
s_all, s_half = slope(rss) * 60, slope(half) * 60
print()
print(f"IfpFeeds soak: {duration} s, {clients} clients, {rate} changes/s, every {sample}th response checked")
print(f"({machine}; service from {source})")
print()
print("| requests | req/s | 2xx | 304 | 4xx | 5xx | failed | checked | malformed | ETag ≠ body | length ≠ body | p50 ms | p99 ms | max ms |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
print(f"| {c['requests']:,} | {c['perSecond']:,.0f} | {c['status2xx']:,} | {c['status304']:,} | {c['status4xx']:,} | {c['status5xx']} | {c['failures']} "
      f"| {c['sampled']:,} | {c['malformed']} | {c['etagMismatch']} | {c['lengthMismatch']} | {c['p50Ms']} | {c['p99Ms']} | {c['maxMs']} |")
print()
print("requests by kind: " + ", ".join(f"{k} {v:,}" for k, v in c["byKind"].items()) + f" ({c['targets']} distinct requests)")
print("changes made: " + ", ".join(f"{k} {v}" for k, v in sorted(changes.items())) + f" ({sum(changes.values())} in all)")
print(f"after the soak: /healthz {health}; error/critical lines in the server log: {server_errors}; server CPU {int(cpu_ms):,} ms")
print()
print("| VmRSS MiB | " + " | ".join(f"{t} s" for t, _ in rss) + " | end | VmHWM |")
print("| --- | " + " | ".join("---:" for _ in rss) + " | ---: | ---: |")
print(f"| at start {mib(rss_start):.0f} | " + " | ".join(f"{v:.0f}" for _, v in rss) + f" | {mib(rss_end):.0f} | {mib(hwm):.0f} |")
print()
print(f"trend (least squares): {s_all:+.1f} MiB/min over the whole run, {s_half:+.1f} MiB/min over the second half")
ok = c["status5xx"] == 0 and c["malformed"] == 0 and c["failures"] == 0 and c["etagMismatch"] == 0 and c["lengthMismatch"] == 0
print(f"5xx = 0, malformed = 0, failures = 0, mismatches = 0: {'met' if ok else 'MISSED'}")
for p in c["problems"]:
    print("  problem: " + p)
EOF
