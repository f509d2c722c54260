#!/usr/bin/env bash
# HTTP load benchmark of a cached feed (bench/README.md): the service against two references serving the same bytes.
#   1. publishes src/IfpFeeds (Release) and bench/IfpFeeds.BareKestrel, builds the capture generator, generates
#      captures (default 2,000 over 16 sections);
#   2. starts the service (Production, Feeds__BaseUrl=http://127.0.0.1:PORT/) pinned to core 0, fetches /feeds/all.rss
#      once as identity, gzip and brotli (its exact bytes and ETag), and writes those bytes for the references:
#      nginx (static file, gzip_static on, etag on, one worker, pinned to core 0) and BareKestrel (pinned to core 0);
#   3. for each server in turn (only one runs at a time): waits for the machine to be idle, warms it up (WARMUP
#      seconds over the three paths: .NET's tiered JIT needs it), then measures with wrk pinned to core 1, 64
#      connections: identity 200, gzip 200 (Accept-Encoding: gzip), 304 (If-None-Match: its ETag);
#   4. prints req/s and p99 latency per cell and the ratios service/BareKestrel and service/nginx, with how busy
#      core 0 was with other work during each measurement (its busy time minus the server's own CPU time).
# Traffic goes to 127.0.0.1 only; every run is bounded; every server is killed on exit (trap).
#
# Usage: bench/load-feeds.sh [--captures 2000] [--sections 16] [--seed 1] [--warmup 30] [--duration 25]
#                            [--connections 64] [--servers "service bare nginx"] [--port 18800] [--from-head] [--keep]
#   --servers    which servers to measure, in order (the service is always started first to get the bytes)
#   --from-head  publish the service from `git archive HEAD` instead of the work tree
#   --keep       keep the temp folder (apps, captures, feed files, wrk outputs, server logs)
# Environment: SERVER_ENV="K=V ..." adds environment to the service only (e.g. DOTNET_gcServer=0 or
# Logging__LogLevel__Default=Warning); SERVICE_SRC=DIR publishes the service from another source tree (a patched
# copy, for diagnosis). Takes about 7 minutes with the defaults.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CAPTURES=2000
SECTIONS=16
SEED=1
WARMUP=30
DURATION=25
CONNECTIONS=64
SERVERS="service bare nginx"
PORT=18800
FROM_HEAD=0
KEEP=0
FEED_PATH=/feeds/all.rss
while [ $# -gt 0 ]; do
  case "$1" in
    --captures) CAPTURES="$2"; shift 2 ;;
    --sections) SECTIONS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --servers) SERVERS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --from-head) FROM_HEAD=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ "$WARMUP" -le 120 ] && [ "$DURATION" -le 120 ] || { echo "--warmup and --duration are at most 120 s" >&2; exit 2; }
for tool in wrk nginx taskset curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y wrk nginx)" >&2; exit 1; }
done
[ "$(nproc)" -ge 2 ] || { echo "needs 2 cores (server on core 0, wrk on core 1)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ifpfeeds-feeds.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# --- 1. build and generate ----------------------------------------------------------------------------------------
publish_service "$WORK/app"
log "publishing bench/IfpFeeds.BareKestrel (Release)"
dotnet publish "$ROOT/bench/IfpFeeds.BareKestrel/IfpFeeds.BareKestrel.csproj" -c Release --artifacts-path "$WORK/artifacts" \
  -o "$WORK/bare" -v quiet -nologo >"$WORK/publish-bare.log" 2>&1 || { cat "$WORK/publish-bare.log" >&2; exit 1; }
generate_captures "$WORK/captures" "$CAPTURES" "$SECTIONS" "$SEED"

SERVICE_PORT=$(free_port "$PORT")
BARE_PORT=$(free_port $((SERVICE_PORT + 1)))
NGINX_PORT=$(free_port $((BARE_PORT + 1)))

# --- 2. the service's bytes -----------------------------------------------------------------------------------------
start_service "$WORK/captures" "$SERVICE_PORT" "$WORK/service.log" 0
wait_articles "http://127.0.0.1:$SERVICE_PORT" "$CAPTURES" 120 || { tail -n 20 "$WORK/service.log" >&2; exit 1; }
FEED_DIR="$WORK/root$(dirname "$FEED_PATH")"
FEED="$FEED_DIR/$(basename "$FEED_PATH")"
mkdir -p "$FEED_DIR"
SURL="http://127.0.0.1:$SERVICE_PORT$FEED_PATH"
curl -sf -D "$WORK/headers-identity.txt" -o "$FEED" "$SURL"
curl -sf -H 'Accept-Encoding: gzip' -D "$WORK/headers-gzip.txt" -o "$FEED.gz" "$SURL"
curl -sf -H 'Accept-Encoding: br' -D "$WORK/headers-br.txt" -o "$FEED.br" "$SURL"
header() { awk -v h="$1" 'BEGIN { IGNORECASE = 1 } tolower($0) ~ "^" tolower(h) ":" { sub(/^[^:]*: */, ""); sub(/\r$/, ""); print; exit }' "$2"; }
ETAG=$(header ETag "$WORK/headers-identity.txt")
LAST_MODIFIED=$(header Last-Modified "$WORK/headers-identity.txt")
CONTENT_TYPE=$(header Content-Type "$WORK/headers-identity.txt")
CACHE_CONTROL=$(header Cache-Control "$WORK/headers-identity.txt")
[ "$(header Content-Encoding "$WORK/headers-gzip.txt")" = gzip ] || { echo "no gzip variant" >&2; exit 1; }
gzip -dc "$FEED.gz" | cmp -s - "$FEED" || { echo "the gzip bytes do not decompress to the identity bytes" >&2; exit 1; }
touch -d "$LAST_MODIFIED" "$FEED" "$FEED.gz" "$FEED.br" # nginx's Last-Modified is the file's time
log "$FEED_PATH: identity $(stat -c %s "$FEED") B, gzip $(stat -c %s "$FEED.gz") B, br $(stat -c %s "$FEED.br") B, ETag $ETAG"

# --- 3. the references --------------------------------------------------------------------------------------------
mkdir -p "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
user root;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  types { }
  default_type "$CONTENT_TYPE";
  server_tokens off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/root;
    etag on;
    gzip off;
    gzip_static on;
    gzip_vary on;
    location = $FEED_PATH {
      add_header Cache-Control "$CACHE_CONTROL";
      add_header X-Content-Type-Options nosniff;
      add_header Referrer-Policy strict-origin-when-cross-origin;
    }
  }
}
EOF

start_server_named() {
  case "$1" in
    service)
      if [ -z "${SERVICE_PID:-}" ] || ! kill -0 "$SERVICE_PID" 2>/dev/null; then
        start_service "$WORK/captures" "$SERVICE_PORT" "$WORK/service.log" 0
        wait_articles "http://127.0.0.1:$SERVICE_PORT" "$CAPTURES" 120
      fi
      SERVER_PID=$SERVICE_PID URL="http://127.0.0.1:$SERVICE_PORT$FEED_PATH" ;;
    bare)
      start_bg "$WORK/bare.log" env -C "$WORK/bare" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
        taskset -c 0 "$WORK/bare/IfpFeeds.BareKestrel" --urls "http://127.0.0.1:$BARE_PORT" --file "$FEED" --etag "$ETAG" \
        --content-type "$CONTENT_TYPE" --last-modified "$LAST_MODIFIED" --cache-control "$CACHE_CONTROL"
      SERVER_PID=$BG_PID URL="http://127.0.0.1:$BARE_PORT$FEED_PATH"
      wait_http "$URL" 60 "$SERVER_PID" ;;
    nginx)
      start_bg "$WORK/nginx/stdout.log" taskset -c 0 nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf"
      SERVER_PID=$BG_PID URL="http://127.0.0.1:$NGINX_PORT$FEED_PATH"
      wait_http "$URL" 30 "$SERVER_PID" ;;
    *) echo "unknown server $1" >&2; exit 2 ;;
  esac
}

# to_ms "1.23ms" -> 1.23 (wrk prints us, ms or s)
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

# run_wrk SECONDS OUTFILE PATHNAME: one wrk run on core 1 against $URL with the path's headers.
run_wrk() {
  local secs="$1" out="$2" path="$3" hdr=()
  case "$path" in
    gzip) hdr=(-H 'Accept-Encoding: gzip') ;;
    304) hdr=(-H "If-None-Match: $SERVER_ETAG") ;;
  esac
  timeout $((secs + 30)) taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${secs}s" --timeout 5s --latency "${hdr[@]}" "$URL" >"$out" 2>&1
}

# check_path PATHNAME: the status and coding a path's request gets, before it is measured.
check_path() {
  local path="$1" want got
  case "$path" in
    identity) want="200 " got=$(curl -s -o /dev/null -w '%{http_code} %header{content-encoding}' "$URL") ;;
    gzip) want="200 gzip" got=$(curl -s -o /dev/null -w '%{http_code} %header{content-encoding}' -H 'Accept-Encoding: gzip' "$URL") ;;
    304) want="304 " got=$(curl -s -o /dev/null -w '%{http_code} %header{content-encoding}' -H "If-None-Match: $SERVER_ETAG" "$URL") ;;
  esac
  [ "$got" = "$want" ] || { echo "$SERVER_NAME $path: got '$got', expected '$want'" >&2; exit 1; }
}

for SERVER_NAME in $SERVERS; do
  start_server_named "$SERVER_NAME"
  SERVER_ETAG=$(curl -s -o /dev/null -w '%header{etag}' "$URL")
  for path in identity gzip 304; do check_path "$path"; done
  wait_quiet
  log "$SERVER_NAME ($URL, ETag $SERVER_ETAG): machine ${BUSY}% busy; warming up ${WARMUP} s"
  for path in identity gzip 304; do
    run_wrk $(((WARMUP + 2) / 3)) "$WORK/warm-$SERVER_NAME-$path.txt" "$path"
  done
  for path in identity gzip 304; do
    out="$WORK/wrk-$SERVER_NAME-$path.txt"
    read -r c0_busy0 c0_total0 < <(cpu_jiffies cpu0)
    read -r c1_busy0 c1_total0 < <(cpu_jiffies cpu1)
    srv0=$(proc_cpu_jiffies "$SERVER_PID")
    [ "$SERVER_NAME" = nginx ] && srv0=$(( srv0 + $(proc_cpu_jiffies "$(pgrep -o -P "$SERVER_PID")") ))
    run_wrk "$DURATION" "$out" "$path"
    read -r c0_busy1 c0_total1 < <(cpu_jiffies cpu0)
    read -r c1_busy1 c1_total1 < <(cpu_jiffies cpu1)
    srv1=$(proc_cpu_jiffies "$SERVER_PID")
    [ "$SERVER_NAME" = nginx ] && srv1=$(( srv1 + $(proc_cpu_jiffies "$(pgrep -o -P "$SERVER_PID")") ))
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    max=$(to_ms "$(awk '$1 == "Latency" && NF >= 4 { print $4; exit }' "$out")")
    errors=$(awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx/ { print $5 }' "$out")
    total_d=$((c0_total1 - c0_total0))
    core0=$(awk -v b=$((c0_busy1 - c0_busy0)) -v t=$total_d 'BEGIN { printf "%.0f", (t > 0 ? 100 * b / t : 0) }')
    srvpct=$(awk -v s=$((srv1 - srv0)) -v t=$total_d 'BEGIN { printf "%.0f", (t > 0 ? 100 * s / t : 0) }')
    other=$(( core0 > srvpct ? core0 - srvpct : 0 ))
    core1=$(awk -v b=$((c1_busy1 - c1_busy0)) -v t=$((c1_total1 - c1_total0)) 'BEGIN { printf "%.0f", (t > 0 ? 100 * b / t : 0) }')
    log "  $SERVER_NAME $path: ${rps} req/s, p50 ${p50} ms, p99 ${p99} ms, max ${max} ms; core 0 ${core0}% busy (server ${srvpct}%, other ${other}%); core 1 (wrk) ${core1}% busy; errors ${errors:-0}, non-2xx/3xx ${non2xx:-0}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$SERVER_NAME" "$path" "$rps" "$p50" "$p99" "$max" "${errors:-0}" \
      "${non2xx:-0}" "$srvpct" "$other" "$core1" >>"$RESULTS"
  done
  stop_pid "$SERVER_PID"
  [ "$SERVER_NAME" = service ] && SERVICE_PID=""
done

# --- 4. table -----------------------------------------------------------------------------------------------------
{
  echo
  echo "IfpFeeds feed load: GET $FEED_PATH, $CONNECTIONS connections, wrk on core 1, each server alone on core 0"
  echo "($(date -u +%Y-%m-%dT%H:%MZ), $(machine_desc); service from $SOURCE_DESC${SERVER_ENV:+, SERVER_ENV=$SERVER_ENV};"
  echo " $CAPTURES captures, $SECTIONS sections, seed $SEED; feed identity $(stat -c %s "$FEED") B, gzip $(stat -c %s "$FEED.gz") B;"
  echo " warm-up ${WARMUP} s per server, ${DURATION} s per cell)"
  echo
  printf '| %-8s | %-8s | %10s | %7s | %7s | %8s | %6s | %10s | %12s | %11s |\n' server path "req/s" "p50 ms" "p99 ms" "max ms" errors "server CPU" "other core 0" "core 1 (wrk)"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ---------- ---------- ------------: ---------: ---------: ----------: --------: ------------: --------------: -------------:
  awk -F'\t' '{ printf "| %-8s | %-8s | %10.0f | %7.2f | %7.2f | %8.2f | %6d | %9s%% | %11s%% | %10s%% |\n", $1, $2, $3, $4, $5, $6, $7 + $8, $9, $10, $11 }' "$RESULTS"
  echo
  printf '| %-8s | %17s | %17s | %19s | %19s |\n' path "service / bare" "service / nginx" "service p99 < 5 ms" "service ≥ 0.9× bare"
  printf '|%s|%s|%s|%s|%s|\n' ---------- -------------------: -------------------: :-------------------: :-------------------:
  for path in identity gzip 304; do
    awk -F'\t' -v p="$path" '$2 == p { rps[$1] = $3; p99[$1] = $5 }
      END {
        rb = ("bare" in rps && rps["bare"] > 0) ? sprintf("%.2f", rps["service"] / rps["bare"]) : "-"
        rn = ("nginx" in rps && rps["nginx"] > 0) ? sprintf("%.2f", rps["service"] / rps["nginx"]) : "-"
        lat = ("service" in p99) ? (p99["service"] < 5 ? "met" : "MISSED") : "-"
        tb = (rb == "-") ? "-" : (rb + 0 >= 0.9 ? "met" : "MISSED")
        printf "| %-8s | %17s | %17s | %19s | %19s |\n", p, rb, rn, lat, tb }' "$RESULTS"
  done
  echo
  echo "server CPU: the server's own CPU time during the cell (100% = all of core 0); other core 0: core 0's busy time"
  echo "minus the server's, i.e. other work that competed with it (another engineer's build or tests); core 1 (wrk):"
  echo "how busy the client's core was (near 100% means wrk itself limits the rate)."
}
