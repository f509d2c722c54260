#!/usr/bin/env bash
# Where a cached feed request's CPU time and allocations go, in the service and in BareKestrel (bench/README.md):
# the diagnosis behind bench/load-feeds.sh's ratios, with only perf and the runtime's own EventPipe (no dotnet-trace
# or dotnet-counters needed).
#   1. publishes src/IfpFeeds and bench/IfpFeeds.BareKestrel (Release), builds bench/IfpFeeds.Benchmarks (its
#      alloc-ticks command), generates captures (default 2,000 over 16 sections);
#   2. for each server (BareKestrel serves the service's own /feeds/all.rss bytes, by default in --mode run: app.Run,
#      no routing), two runs pinned to core 0, each
#      warmed up with wrk (core 1, 64 connections) on the path and then loaded for 20 s, measuring the middle 10 s:
#      a. with DOTNET_PerfMapEnabled=1 (perf can name JIT-compiled code): `perf record` of the server, and its CPU
#         time from /proc;
#      b. with an EventPipe trace of the runtime's GC events (DOTNET_EnableEventPipe, GC keyword, verbose: one
#         GCAllocationTick per ~100 KB allocated), written when the server exits;
#   3. prints, per server: req/s under the profiler, the server's CPU time per request split into groups of frames
#      (kernel, Kestrel, hosting, routing, minimal-API binding, middleware, the service's own code...), and the bytes
#      allocated per request with the types that dominate (from the trace, for the same 10 s).
# Traffic goes to 127.0.0.1 only; every run is bounded; servers are killed on exit (trap).
#
# Usage: bench/profile-feeds.sh [--path 304|gzip|identity] [--servers "service bare"] [--warmup 20] [--captures 2000]
#                               [--port 18830] [--from-head] [--keep]
# Environment: SERVER_ENV="K=V ..." adds environment to the service (e.g. DOTNET_gcServer=0); STACKS=1 also groups the
# allocations by the frames that made them (slower to analyse); BARE_MODE=mapget profiles BareKestrel with
# app.MapGet (endpoint routing, bench/load-feeds.sh's bare-mapget) instead of app.Run. Needs perf
# (apt-get install linux-perf) and root (or kernel.perf_event_paranoid ≤ 1). About 2.5 minutes per server.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIND=304
SERVERS="service bare"
WARMUP=20
CAPTURES=2000
SECTIONS=16
SEED=1
PORT=18830
FROM_HEAD=0
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --path) KIND="$2"; shift 2 ;;
    --servers) SERVERS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --captures) CAPTURES="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --from-head) FROM_HEAD=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$KIND" in 304|gzip|identity) ;; *) echo "--path is 304, gzip or identity" >&2; exit 2 ;; esac
[ "$WARMUP" -le 120 ] || { echo "--warmup is at most 120 s" >&2; exit 2; }
for tool in wrk perf taskset curl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ifpfeeds-profile.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

publish_service "$WORK/app"
log "publishing bench/IfpFeeds.BareKestrel and building bench/IfpFeeds.Benchmarks (Release)"
dotnet publish "$ROOT/bench/IfpFeeds.BareKestrel/IfpFeeds.BareKestrel.csproj" -c Release --artifacts-path "$WORK/artifacts" \
  -o "$WORK/bare" -v quiet -nologo >"$WORK/publish-bare.log" 2>&1 || { cat "$WORK/publish-bare.log" >&2; exit 1; }
dotnet build "$ROOT/bench/IfpFeeds.Benchmarks/IfpFeeds.Benchmarks.csproj" -c Release --artifacts-path "$WORK/artifacts" \
  -o "$WORK/tools" -v quiet -nologo >"$WORK/tools-build.log" 2>&1 || { cat "$WORK/tools-build.log" >&2; exit 1; }
generate_captures "$WORK/captures" "$CAPTURES" "$SECTIONS" "$SEED"
PORT=$(free_port "$PORT")
URL="http://127.0.0.1:$PORT/feeds/all.rss"
TRACE_ENV=(DOTNET_EnableEventPipe=1 "DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x1:5")

# The service's bytes for BareKestrel: the same feed, as the service serves it on this port.
mkdir -p "$WORK/feed"
SERVER_ENV_SAVED="${SERVER_ENV:-}"
start_service "$WORK/captures" "$PORT" "$WORK/bytes.log" 0
wait_articles "http://127.0.0.1:$PORT" "$CAPTURES" 120
curl -sf -o "$WORK/feed/all.rss" "$URL"
curl -sf -H 'Accept-Encoding: gzip' -o "$WORK/feed/all.rss.gz" "$URL"
curl -sf -H 'Accept-Encoding: br' -o "$WORK/feed/all.rss.br" "$URL"
ETAG=$(curl -s -o /dev/null -w '%header{etag}' "$URL")
curl -s -o /dev/null -D "$WORK/feed/headers" "$URL"
extra_headers "$WORK/feed/headers" "$WORK/feed/extra-headers"
CACHE_CONTROL=$(header Cache-Control "$WORK/feed/headers")
stop_pid "$SERVICE_PID"

# start_named NAME ENV...: starts the service or BareKestrel pinned to core 0 with extra environment; sets PID.
start_named() {
  local name="$1"
  shift
  if [ "$name" = service ]; then
    SERVER_ENV="$SERVER_ENV_SAVED $*"
    start_service "$WORK/captures" "$PORT" "$WORK/$name.log" 0
    SERVER_ENV="$SERVER_ENV_SAVED"
    PID=$SERVICE_PID
    wait_articles "http://127.0.0.1:$PORT" "$CAPTURES" 120
  else
    start_bg "$WORK/$name.log" env -C "$WORK/bare" "$@" \
      taskset -c 0 "$WORK/bare/IfpFeeds.BareKestrel" --urls "http://127.0.0.1:$PORT" --mode "${BARE_MODE:-run}" \
      --file "$WORK/feed/all.rss" --etag "$ETAG" --cache-control "$CACHE_CONTROL" --headers-file "$WORK/feed/extra-headers"
    PID=$BG_PID
    wait_http "$URL" 60 "$PID"
  fi
}

hdr=()
case "$KIND" in
  gzip) hdr=(-H 'Accept-Encoding: gzip') ;;
  304) hdr=(-H "If-None-Match: $ETAG") ;;
esac

for name in $SERVERS; do
  # Phase 1, CPU: perf only (an EventPipe session alongside distorts the timing), on the middle 10 s of 20.
  start_named "$name" DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${hdr[@]}" "$URL")" = "$([ "$KIND" = 304 ] && echo 304 || echo 200)" ] \
    || { echo "$name: unexpected status for the $KIND path" >&2; exit 1; }
  wait_quiet
  log "$name ($KIND path): machine ${BUSY}% busy; warming up ${WARMUP} s, then 20 s of wrk with perf on the middle 10 s"
  timeout $((WARMUP + 30)) taskset -c 1 wrk -t1 -c64 -d"${WARMUP}s" "${hdr[@]}" "$URL" >/dev/null
  timeout 60 taskset -c 1 wrk -t1 -c64 -d20s --latency "${hdr[@]}" "$URL" >"$WORK/$name.wrk" &
  wrk_pid=$!
  sleep 5
  cpu0=$(proc_cpu_jiffies "$PID")
  w0=$EPOCHREALTIME
  timeout 30 perf record -F 999 -g -e cpu-clock -p "$PID" -o "$WORK/$name.perf" -- sleep 10 >/dev/null 2>&1
  cpu1=$(proc_cpu_jiffies "$PID")
  elapsed=$(awk -v a="$w0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
  wait "$wrk_pid" || true
  stop_pid "$PID"
  cpu_ms=$(( (cpu1 - cpu0) * 1000 / $(getconf CLK_TCK) ))

  # Phase 2, allocations: the runtime's GC events to a trace file, no perf; the middle 10 s of 20.
  trace="$WORK/$name.nettrace"
  t_start=$EPOCHREALTIME # the trace's times are relative to the runtime's start, a few ms after this
  start_named "$name" "${TRACE_ENV[@]}" "DOTNET_EventPipeOutputPath=$trace"
  timeout $((WARMUP + 30)) taskset -c 1 wrk -t1 -c64 -d"${WARMUP}s" "${hdr[@]}" "$URL" >/dev/null
  timeout 60 taskset -c 1 wrk -t1 -c64 -d20s "${hdr[@]}" "$URL" >"$WORK/$name-trace.wrk" &
  wrk_pid=$!
  sleep 5
  t_from=$(awk -v a="$t_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
  sleep 10
  t_to=$(awk -v a="$t_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
  wait "$wrk_pid" || true
  stop_pid "$PID"
  trace_rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/$name-trace.wrk")

  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/$name.wrk")
  perf script -i "$WORK/$name.perf" 2>/dev/null >"$WORK/$name.stacks"
  echo
  echo "== $name, $KIND path: $rps req/s under the profiler (wrk, 20 s) =="
  python3 - "$WORK/$name.stacks" "$rps" "$cpu_ms" "$elapsed" <<'EOF'
import collections, re, sys
stacks, rps, cpu_ms, window = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
# A sample goes to the group of its innermost frame that belongs to one (leaf first); kernel time is shown apart.
groups = [
    ("service: FeedEndpoints, sources, FeedQuery, cache, RepresentationResult, ConditionalGet",
     ["FeedEndpoints::", "FeedsApi::", "FeedQuery::", "QueryParameters::", "FeedSource::", "RepresentationCache::", "RepresentationResult::",
      "ConditionalGet::", "PublicUrls::", "ArticleFeedDocuments::", "CacheControlHeaders", "BoxedKey", "CacheKey", "RequestOrigin",
      "GetHeadEndpoints", "ArticleStore::", "DigestService::"]),
    ("minimal-API binding (generated delegate, DI lookups)",
     ["dynamicClass::lambda_method", "RequestDelegateFactory", "ServiceProviderServiceExtensions", "ServiceProvider::GetService",
      "CallSiteRuntimeResolver", "ServiceProviderEngineScope", "ExecuteValueTaskOfT", "ExecuteAwaited"]),
    ("routing (DfaMatcher, route values, endpoint middleware)",
     ["DfaMatcher", "RoutePatternMatcher", "EndpointRoutingMiddleware", "EndpointMiddleware", "HttpMethodMatcherPolicy",
      "DefaultEndpointSelector", "CandidateSet", "Routing.Matching", "RouteValueDictionary"]),
    ("SecurityHeaders (OnStarting callback)", ["SecurityHeaders", "OnStarting"]),
    ("UseStatusCodePages + UseExceptionHandler, or ProblemResponses", ["StatusCodePagesMiddleware", "ExceptionHandlerMiddleware", "ProblemResponses"]),
    ("BareKestrel's handler", ["<Main>$>b__", "Program+<>c"]),
    ("hosting (HttpContext, Activity, log scope)",
     ["HostingApplication", "Activity::", "ActivitySource", "LoggerFactoryScopeProvider", "HostingLogScope", "DiagnosticListener"]),
    ("Kestrel HTTP/1.1 (parsing, headers, pipes, features)",
     ["Http1Connection", "HttpProtocol", "HttpResponseHeaders", "HttpRequestHeaders", "Http1OutputProducer", "KestrelConnection",
      "HttpConnection", "Pipe::", "PipeWriter", "PipeReader", "MemoryPool", "Kestrel"]),
    ("sockets, thread pool", ["Socket", "ThreadPool", "IOQueue", "SocketAsyncEngine", "WorkerThread"]),
]
count, kernel, total = collections.Counter(), collections.Counter(), 0
frames = []
def flush():
    global total
    if not frames:
        return
    total += 1
    group = next((g for sym, _ in frames for g, keys in groups if any(k in sym for k in keys)), "runtime, GC, other")
    count[group] += 1
    if "kernel" in frames[0][1]:
        kernel[group] += 1
for line in open(stacks, errors="replace"):
    line = line.rstrip("\n")
    if not line.strip():
        flush(); frames = []; continue
    if line[0] not in " \t":
        continue
    parts = line.strip().split(" ", 1)
    if len(parts) < 2:
        continue
    m = re.match(r"(.*) \((.*)\)$", parts[1])
    frames.append((m.group(1), m.group(2)) if m else (parts[1], ""))
flush()
requests = rps * window
# The server's CPU time over the window (from /proc), shared out in the proportions of the samples.
us = lambda n: (n / max(total, 1)) * cpu_ms * 1000 / requests
print(f"server CPU {cpu_ms:,.0f} ms in {window:.1f} s ({cpu_ms / window / 10:.0f}% of core 0; {total:,} samples): {us(total):.2f} µs per request, "
      f"of which kernel {us(sum(kernel.values())):.2f} µs, user {us(total - sum(kernel.values())):.2f} µs")
print(f"| frames | µs/request | of which kernel | share |")
print(f"| --- | ---: | ---: | ---: |")
for group, n in count.most_common():
    print(f"| {group} | {us(n):.2f} | {us(kernel[group]):.2f} | {100 * n / total:.1f}% |")
EOF
  echo
  requests=$(awk -v r="$trace_rps" 'BEGIN { printf "%.0f", r * 10 }')
  echo "allocations, separate run with an EventPipe trace ($trace_rps req/s):"
  dotnet "$WORK/tools/IfpFeeds.Benchmarks.dll" alloc-ticks "$trace" --from "$t_from" --to "$t_to" --requests "$requests" ${STACKS:+--stacks}
done
