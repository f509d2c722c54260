#!/usr/bin/env bash
# HTTP load benchmark of a cached feed (bench/README.md): the service against references serving the same bytes,
# and optionally against a second build of the service (--baseline REV), in interleaved rounds.
#   1. publishes src/IfpFeeds (Release), with --baseline also src/IfpFeeds from `git archive REV`, and
#      bench/IfpFeeds.BareKestrel; builds the capture generator, generates captures (default 2,000 over 16 sections);
#   2. starts the service (Production, Feeds__BaseUrl=http://127.0.0.1:PORT/) pinned to core 0, fetches /feeds/all.rss
#      once as identity, gzip and brotli (its exact bytes and ETag), and writes those bytes for the references;
#      with --baseline, starts the baseline the same way (same captures, same Feeds__BaseUrl, SERVER_ENV, core 0),
#      fetches the same three answers and reports whether bytes, ETags and headers are the same as the service's;
#   3. servers (only one runs at a time, each pinned to core 0, started afresh in every round):
#        service      the work tree's build (or --from-head, SERVICE_SRC)
#        baseline     the --baseline REV build
#        bare-mapget  BareKestrel --mode mapget: the framework's minimal MapGet of the bytes (endpoint routing,
#                     a RequestDelegate: no DI scope, no binding), the reference of the target; `bare` means it too
#        bare-run     BareKestrel --mode run: the same handler as one app.Run terminal handler (no routing at all)
#        nginx        static file, gzip_static on, etag on, one worker
#   4. for round 1..ROUNDS, for each server in turn (interleaved: service, baseline, bare-mapget, nginx, service, ...):
#      starts it, checks each path's status and coding, waits for the machine to be idle, warms it up (WARMUP seconds
#      over the three paths: .NET's tiered JIT needs it), then measures with wrk pinned to core 1, 64 connections:
#      identity 200, gzip 200 (Accept-Encoding: gzip), 304 (If-None-Match: its ETag); then stops it;
#   5. prints every round's req/s, latency and CPU per cell (with how busy core 0 was with other work: its busy time
#      minus the server's own CPU time), then the MEDIAN req/s and p99 per server and cell, the ratios of the medians
#      (service / bare-mapget, service / nginx, with --baseline also baseline / bare-mapget and service / baseline)
#      with the range of the per-round ratios, and the targets (service ≥ TARGET × bare, service p99 < 5 ms).
# Traffic goes to 127.0.0.1 only; every run is bounded; every server is killed on exit (trap).
#
# Usage: bench/load-feeds.sh [--rounds 3] [--baseline REV] [--captures 2000] [--sections 16] [--seed 1]
#                            [--warmup 30] [--duration 25] [--connections 64] [--servers "service bare-mapget nginx"]
#                            [--target 1.0] [--port 18800] [--from-head] [--keep]
#   --rounds     how many interleaved rounds (1-20); medians and ratio ranges are over the rounds
#   --baseline   also measure src/IfpFeeds built from `git archive REV` (e.g. HEAD~1, a tag, a hash) as `baseline`;
#                it is added after `service` to the default servers
#   --servers    which servers to measure, in order within a round, from: service baseline bare-mapget bare-run nginx
#                (default "service bare-mapget nginx", with --baseline "service baseline bare-mapget nginx")
#   --target     the target ratio service / bare-mapget (default 1.0)
#   --from-head  publish the service from `git archive HEAD` instead of the work tree
#   --keep       keep the temp folder (apps, captures, feed files, wrk outputs, server logs)
# Environment: SERVER_ENV="K=V ..." adds environment to the service and the baseline (e.g. DOTNET_gcServer=0 or
# Logging__LogLevel__Default=Warning); SERVICE_SRC=DIR publishes the service from another source tree (a patched
# copy, for diagnosis). Takes about (WARMUP + 3 × DURATION + ~10 s) × servers × rounds plus the builds: ~20 minutes
# with the defaults, ~26 with --baseline.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CAPTURES=2000
SECTIONS=16
SEED=1
WARMUP=30
DURATION=25
CONNECTIONS=64
SERVERS=""
ROUNDS=3
BASELINE_REV=""
TARGET=1.0
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
    --rounds) ROUNDS="$2"; shift 2 ;;
    --baseline) BASELINE_REV="$2"; shift 2 ;;
    --target) TARGET="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --from-head) FROM_HEAD=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ "$WARMUP" -le 120 ] && [ "$DURATION" -le 120 ] || { echo "--warmup and --duration are at most 120 s" >&2; exit 2; }
[ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le 20 ] || { echo "--rounds is 1 to 20" >&2; exit 2; }
awk -v t="$TARGET" 'BEGIN { exit !(t + 0 > 0) }' || { echo "--target is a positive number" >&2; exit 2; }
if [ -z "$SERVERS" ]; then
  SERVERS="service${BASELINE_REV:+ baseline} bare-mapget nginx"
fi
names=()
for s in $SERVERS; do
  [ "$s" = bare ] && s=bare-mapget
  case "$s" in
    service|bare-mapget|bare-run|nginx) ;;
    baseline) [ -n "$BASELINE_REV" ] || { echo "server baseline needs --baseline REV" >&2; exit 2; } ;;
    *) echo "unknown server $s (service, baseline, bare-mapget, bare-run, nginx)" >&2; exit 2 ;;
  esac
  names+=("$s")
done
SERVERS="${names[*]}"
if [ -n "$BASELINE_REV" ]; then
  git -C "$ROOT" rev-parse --verify --quiet "$BASELINE_REV^{commit}" >/dev/null \
    || { echo "--baseline $BASELINE_REV: no such commit" >&2; exit 2; }
fi
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
SERVED="$WORK/served.tsv" # server, identity bytes, gzip bytes, ETag: what each server answered when checked
: >"$SERVED"

# --- 1. build and generate ----------------------------------------------------------------------------------------
publish_service "$WORK/app"
BASELINE_DESC=""
if [ -n "$BASELINE_REV" ]; then
  publish_service_rev "$WORK/baseline" "$BASELINE_REV" baseline
  BASELINE_APP=$REV_APP BASELINE_DESC=$REV_DESC
fi
log "publishing bench/IfpFeeds.BareKestrel (Release)"
dotnet publish "$ROOT/bench/IfpFeeds.BareKestrel/IfpFeeds.BareKestrel.csproj" -c Release --artifacts-path "$WORK/artifacts" \
  -o "$WORK/bare" -v quiet -nologo >"$WORK/publish-bare.log" 2>&1 || { cat "$WORK/publish-bare.log" >&2; exit 1; }
generate_captures "$WORK/captures" "$CAPTURES" "$SECTIONS" "$SEED"

SERVICE_PORT=$(free_port "$PORT")
BASELINE_PORT=$(free_port $((SERVICE_PORT + 1)))
BARE_MAPGET_PORT=$(free_port $((BASELINE_PORT + 1)))
BARE_RUN_PORT=$(free_port $((BARE_MAPGET_PORT + 1)))
NGINX_PORT=$(free_port $((BARE_RUN_PORT + 1)))
# The service's public base URL, for the baseline too: it is in the feed's links, so both render the same bytes.
BASE_URL="http://127.0.0.1:$SERVICE_PORT/"

# fetch_variants URL PREFIX: the identity, gzip and brotli answers of URL into PREFIX{,.gz,.br} with their headers
# in PREFIX.headers-{identity,gzip,br}.
fetch_variants() {
  curl -sf -D "$2.headers-identity" -o "$2" "$1"
  curl -sf -H 'Accept-Encoding: gzip' -D "$2.headers-gzip" -o "$2.gz" "$1"
  curl -sf -H 'Accept-Encoding: br' -D "$2.headers-br" -o "$2.br" "$1"
}

# --- 2. the service's bytes (and the baseline's) --------------------------------------------------------------------
start_service "$WORK/captures" "$SERVICE_PORT" "$WORK/service-bytes.log" 0 "$SERVICE_APP" "$BASE_URL"
wait_articles "http://127.0.0.1:$SERVICE_PORT" "$CAPTURES" 120 || { tail -n 20 "$WORK/service-bytes.log" >&2; exit 1; }
FEED_DIR="$WORK/root$(dirname "$FEED_PATH")"
FEED="$FEED_DIR/$(basename "$FEED_PATH")"
mkdir -p "$FEED_DIR"
fetch_variants "http://127.0.0.1:$SERVICE_PORT$FEED_PATH" "$WORK/service-feed"
stop_pid "$SERVICE_PID"
cp "$WORK/service-feed" "$FEED"
cp "$WORK/service-feed.gz" "$FEED.gz"
cp "$WORK/service-feed.br" "$FEED.br"
ETAG=$(header ETag "$WORK/service-feed.headers-identity")
LAST_MODIFIED=$(header Last-Modified "$WORK/service-feed.headers-identity")
CONTENT_TYPE=$(header Content-Type "$WORK/service-feed.headers-identity")
CACHE_CONTROL=$(header Cache-Control "$WORK/service-feed.headers-identity")
extra_headers "$WORK/service-feed.headers-identity" "$WORK/extra-headers"
[ "$(header Content-Encoding "$WORK/service-feed.headers-gzip")" = gzip ] || { echo "no gzip variant" >&2; exit 1; }
gzip -dc "$FEED.gz" | cmp -s - "$FEED" || { echo "the gzip bytes do not decompress to the identity bytes" >&2; exit 1; }
touch -d "$LAST_MODIFIED" "$FEED" "$FEED.gz" "$FEED.br" # nginx's Last-Modified is the file's time
FEED_DESC="identity $(stat -c %s "$FEED") B, gzip $(stat -c %s "$FEED.gz") B, br $(stat -c %s "$FEED.br") B, ETag $ETAG"
log "service $FEED_PATH: $FEED_DESC"

BASELINE_CMP=""
if [ -n "$BASELINE_REV" ]; then
  start_service "$WORK/captures" "$BASELINE_PORT" "$WORK/baseline-bytes.log" 0 "$BASELINE_APP" "$BASE_URL"
  wait_articles "http://127.0.0.1:$BASELINE_PORT" "$CAPTURES" 120 || { tail -n 20 "$WORK/baseline-bytes.log" >&2; exit 1; }
  B="$WORK/baseline-feed" # its three answers, beside the service's in $WORK/service-feed*
  fetch_variants "http://127.0.0.1:$BASELINE_PORT$FEED_PATH" "$B"
  stop_pid "$SERVICE_PID"
  BASELINE_FEED_DESC="identity $(stat -c %s "$B") B, gzip $(stat -c %s "$B.gz") B, br $(stat -c %s "$B.br") B, ETag $(header ETag "$B.headers-identity")"
  diffs=()
  cmp -s "$B" "$FEED" || diffs+=("identity bytes")
  cmp -s "$B.gz" "$FEED.gz" || diffs+=("gzip bytes")
  cmp -s "$B.br" "$FEED.br" || diffs+=("br bytes")
  for coding in identity gzip br; do
    for h in ETag Content-Type Content-Encoding Cache-Control Last-Modified Vary; do
      [ "$(header "$h" "$B.headers-$coding")" = "$(header "$h" "$WORK/service-feed.headers-$coding")" ] || diffs+=("$coding $h")
    done
  done
  if [ ${#diffs[@]} -eq 0 ]; then
    BASELINE_CMP="the same bytes, ETags and headers as the service"
  else
    BASELINE_CMP="WARNING: differs from the service in: $(IFS=,; echo "${diffs[*]}" | sed 's/,/, /g') (not a like-for-like comparison)"
  fi
  log "baseline $FEED_PATH: $BASELINE_FEED_DESC; $BASELINE_CMP"
fi

# --- 3. the references --------------------------------------------------------------------------------------------
mkdir -p "$WORK/nginx/tmp"
NGINX_EXTRA=$(awk '{ i = index($0, ":"); v = substr($0, i + 1); sub(/^ */, "", v); printf "      add_header %s \x27%s\x27;\n", substr($0, 1, i - 1), v }' "$WORK/extra-headers")
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
$NGINX_EXTRA
    }
  }
}
EOF

# start_bare MODE PORT ROUND: BareKestrel in MODE (mapget or run) on PORT, pinned to core 0, serving the service's
# bytes.
start_bare() {
  start_bg "$WORK/bare-$1-$3.log" env -C "$WORK/bare" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    taskset -c 0 "$WORK/bare/IfpFeeds.BareKestrel" --urls "http://127.0.0.1:$2" --mode "$1" --path "$FEED_PATH" \
    --file "$FEED" --etag "$ETAG" --content-type "$CONTENT_TYPE" --last-modified "$LAST_MODIFIED" \
    --cache-control "$CACHE_CONTROL" --headers-file "$WORK/extra-headers"
  SERVER_PID=$BG_PID URL="http://127.0.0.1:$2$FEED_PATH"
  wait_http "$URL" 60 "$SERVER_PID" || { tail -n 20 "$WORK/bare-$1-$3.log" >&2; exit 1; }
}

# start_server_named NAME ROUND: starts server NAME afresh; sets SERVER_PID and URL.
start_server_named() {
  case "$1" in
    service)
      start_service "$WORK/captures" "$SERVICE_PORT" "$WORK/service-$2.log" 0 "$SERVICE_APP" "$BASE_URL"
      SERVER_PID=$SERVICE_PID URL="http://127.0.0.1:$SERVICE_PORT$FEED_PATH"
      wait_articles "http://127.0.0.1:$SERVICE_PORT" "$CAPTURES" 120 || { tail -n 20 "$WORK/service-$2.log" >&2; exit 1; } ;;
    baseline)
      start_service "$WORK/captures" "$BASELINE_PORT" "$WORK/baseline-$2.log" 0 "$BASELINE_APP" "$BASE_URL"
      SERVER_PID=$SERVICE_PID URL="http://127.0.0.1:$BASELINE_PORT$FEED_PATH"
      wait_articles "http://127.0.0.1:$BASELINE_PORT" "$CAPTURES" 120 || { tail -n 20 "$WORK/baseline-$2.log" >&2; exit 1; } ;;
    bare-mapget) start_bare mapget "$BARE_MAPGET_PORT" "$2" ;;
    bare-run) start_bare run "$BARE_RUN_PORT" "$2" ;;
    nginx)
      start_bg "$WORK/nginx/stdout-$2.log" taskset -c 0 nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf"
      SERVER_PID=$BG_PID URL="http://127.0.0.1:$NGINX_PORT$FEED_PATH"
      wait_http "$URL" 30 "$SERVER_PID" || { cat "$WORK/nginx/error.log" >&2; exit 1; } ;;
  esac
}

# server_cpu: CPU jiffies of the server so far (nginx: its master and its worker).
server_cpu() {
  local j
  j=$(proc_cpu_jiffies "$SERVER_PID")
  if [ "$SERVER_NAME" = nginx ]; then
    j=$((j + $(proc_cpu_jiffies "$(pgrep -o -P "$SERVER_PID" || echo 0)")))
  fi
  echo "$j"
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

# check_path PATHNAME: the status and coding a path's request gets, before it is measured; prints the body size.
check_path() {
  local path="$1" want got
  case "$path" in
    identity) want="200 " got=$(curl -s -o /dev/null -w '%{http_code} %header{content-encoding}|%{size_download}' "$URL") ;;
    gzip) want="200 gzip" got=$(curl -s -o /dev/null -w '%{http_code} %header{content-encoding}|%{size_download}' -H 'Accept-Encoding: gzip' "$URL") ;;
    304) want="304 " got=$(curl -s -o /dev/null -w '%{http_code} %header{content-encoding}|%{size_download}' -H "If-None-Match: $SERVER_ETAG" "$URL") ;;
  esac
  [ "${got%|*}" = "$want" ] || { echo "$SERVER_NAME $path: got '${got%|*}', expected '$want'" >&2; exit 1; }
  echo "${got#*|}"
}

# round_summary ROUND: one log line with the round's ratios to the first reference measured.
round_summary() {
  awk -F'\t' -v r="$1" -v servers="$SERVERS" '$1 == r { rps[$2, $3] = $4 }
    END {
      n = split(servers, s, " "); ref = ""
      for (i = 1; i <= n; i++) if (s[i] ~ /^bare/ || s[i] == "nginx") { ref = s[i]; break }
      line = "round " r ":"
      for (i = 1; i <= n; i++) {
        line = line " " s[i] " " sprintf("%.0f/%.0f/%.0f", rps[s[i], "identity"], rps[s[i], "gzip"], rps[s[i], "304"])
        if (ref != "" && s[i] != ref && s[i] !~ /^bare|^nginx/ && rps[ref, "304"] > 0)
          line = line sprintf(" (/%s %.2f/%.2f/%.2f)", ref, rps[s[i], "identity"] / rps[ref, "identity"],
            rps[s[i], "gzip"] / rps[ref, "gzip"], rps[s[i], "304"] / rps[ref, "304"])
        line = line ";"
      }
      print line " req/s identity/gzip/304" }' "$RESULTS"
}

# --- 4. measure: ROUNDS rounds, the servers interleaved --------------------------------------------------------------
for round in $(seq 1 "$ROUNDS"); do
  for SERVER_NAME in $SERVERS; do
    start_server_named "$SERVER_NAME" "$round"
    SERVER_ETAG=$(curl -s -o /dev/null -w '%header{etag}' "$URL")
    size_identity=$(check_path identity)
    size_gzip=$(check_path gzip)
    check_path 304 >/dev/null
    [ "$round" = 1 ] && printf '%s\t%s\t%s\t%s\n' "$SERVER_NAME" "$size_identity" "$size_gzip" "$SERVER_ETAG" >>"$SERVED"
    wait_quiet
    log "round $round/$ROUNDS, $SERVER_NAME ($URL, ETag $SERVER_ETAG, $size_identity B / $size_gzip B gzip): machine ${BUSY}% busy; warming up ${WARMUP} s"
    for path in identity gzip 304; do
      run_wrk $(((WARMUP + 2) / 3)) "$WORK/warm-$round-$SERVER_NAME-$path.txt" "$path"
    done
    for path in identity gzip 304; do
      out="$WORK/wrk-$round-$SERVER_NAME-$path.txt"
      read -r c0_busy0 c0_total0 < <(cpu_jiffies cpu0)
      read -r c1_busy0 c1_total0 < <(cpu_jiffies cpu1)
      srv0=$(server_cpu)
      run_wrk "$DURATION" "$out" "$path"
      read -r c0_busy1 c0_total1 < <(cpu_jiffies cpu0)
      read -r c1_busy1 c1_total1 < <(cpu_jiffies cpu1)
      srv1=$(server_cpu)
      rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
      [ -n "$rps" ] || { echo "$SERVER_NAME $path: no result from wrk:" >&2; cat "$out" >&2; exit 1; }
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
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$SERVER_NAME" "$path" "$rps" "$p50" "$p99" "$max" \
        "${errors:-0}" "${non2xx:-0}" "$srvpct" "$other" "$core1" >>"$RESULTS"
    done
    stop_pid "$SERVER_PID"
  done
  log "$(round_summary "$round")"
done

# --- 5. tables ----------------------------------------------------------------------------------------------------
# The ratios: each service build against each reference measured, and service / baseline; bare-mapget / bare-run
# when both ran (the cost of endpoint routing).
PAIRS=()
for a in service baseline; do
  case " $SERVERS " in *" $a "*) ;; *) continue ;; esac
  for b in baseline bare-mapget bare-run nginx; do
    [ "$a" = "$b" ] && continue
    case " $SERVERS " in *" $b "*) PAIRS+=("$a/$b") ;; esac
  done
done
case " $SERVERS " in *" bare-mapget "*" bare-run "*|*" bare-run "*" bare-mapget "*) PAIRS+=("bare-mapget/bare-run") ;; esac
REF=""
for b in bare-mapget bare-run; do case " $SERVERS " in *" $b "*) REF=$b; break ;; esac; done

{
  echo
  echo "IfpFeeds feed load: GET $FEED_PATH, $CONNECTIONS connections, wrk on core 1, each server alone on core 0,"
  echo "$ROUNDS interleaved round$([ "$ROUNDS" = 1 ] || echo s) of: $SERVERS"
  echo "($(date -u +%Y-%m-%dT%H:%MZ), $(machine_desc); service from $SOURCE_DESC${SERVER_ENV:+, SERVER_ENV=$SERVER_ENV};"
  [ -n "$BASELINE_REV" ] && echo " baseline from $BASELINE_DESC;"
  echo " $CAPTURES captures, $SECTIONS sections, seed $SEED; warm-up ${WARMUP} s per server and round, ${DURATION} s per cell)"
  echo
  echo "service's feed: $FEED_DESC (the bytes BareKestrel and nginx serve)"
  [ -n "$BASELINE_REV" ] && echo "baseline's feed: $BASELINE_FEED_DESC: $BASELINE_CMP"
  echo "served when checked (round 1):"
  awk -F'\t' '{ printf "  %-11s identity %s B, gzip %s B, ETag %s\n", $1, $2, $3, $4 }' "$SERVED"
  echo
  echo "Every round:"
  echo
  printf '| %5s | %-11s | %-8s | %10s | %7s | %7s | %8s | %6s | %10s | %12s | %12s |\n' round server path "req/s" "p50 ms" "p99 ms" "max ms" errors "server CPU" "other core 0" "core 1 (wrk)"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ------: ------------- ---------- -----------: --------: --------: ---------: -------: -----------: -------------: -------------:
  awk -F'\t' '{ printf "| %5s | %-11s | %-8s | %10.0f | %7.2f | %7.2f | %8.2f | %6d | %9s%% | %11s%% | %11s%% |\n", $1, $2, $3, $4, $5, $6, $7, $8 + $9, $10, $11, $12 }' "$RESULTS"
  echo
  awk -F'\t' -v servers="$SERVERS" -v pairs="${PAIRS[*]}" -v ref="$REF" -v target="$TARGET" -v rounds="$ROUNDS" '
    function median(list,   n, v, i, j, t) {
      n = split(list, v, " ")
      for (i = 2; i <= n; i++) { t = v[i] + 0; for (j = i - 1; j >= 1 && v[j] + 0 > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return n == 0 ? 0 : (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2)
    }
    { rps[$1, $2, $3] = $4; p99[$1, $2, $3] = $6; rl[$2, $3] = rl[$2, $3] " " $4; pl[$2, $3] = pl[$2, $3] " " $6 }
    END {
      ns = split(servers, s, " "); np = split("identity gzip 304", path, " ")
      for (i = 1; i <= ns; i++) for (k = 1; k <= np; k++) {
        mr[s[i], path[k]] = median(rl[s[i], path[k]]); mp[s[i], path[k]] = median(pl[s[i], path[k]])
      }
      print "Median over the " rounds " rounds, req/s (p99 ms):"
      print ""
      printf "| %-11s | %20s | %20s | %20s |\n", "server", "identity", "gzip", "304"
      printf "|%s|%s|%s|%s|\n", "-------------", "---------------------:", "---------------------:", "---------------------:"
      for (i = 1; i <= ns; i++) {
        printf "| %-11s |", s[i]
        for (k = 1; k <= np; k++) printf " %20s |", sprintf("%.0f (%.2f)", mr[s[i], path[k]], mp[s[i], path[k]])
        printf "\n"
      }
      print ""
      print "Ratios of the medians (in brackets: the lowest and highest of the per-round ratios):"
      print ""
      printf "| %-24s | %20s | %20s | %20s |\n", "ratio", "identity", "gzip", "304"
      printf "|%s|%s|%s|%s|\n", "--------------------------", "---------------------:", "---------------------:", "---------------------:"
      npair = split(pairs, pr, " ")
      for (q = 1; q <= npair; q++) {
        split(pr[q], ab, "/"); a = ab[1]; b = ab[2]
        printf "| %-24s |", a " / " b
        for (k = 1; k <= np; k++) {
          lo = ""; hi = ""
          for (r = 1; r <= rounds; r++) if (rps[r, b, path[k]] > 0) {
            x = rps[r, a, path[k]] / rps[r, b, path[k]]
            if (lo == "" || x < lo) lo = x
            if (hi == "" || x > hi) hi = x
          }
          cell = mr[b, path[k]] > 0 ? sprintf("%.2f (%.2f–%.2f)", mr[a, path[k]] / mr[b, path[k]], lo, hi) : "-"
          printf " %20s |", cell
        }
        printf "\n"
      }
      print ""
      printf "| %-8s | %27s | %29s |\n", "target", "service p99 < 5 ms (median)", "service ≥ " target "× " (ref == "" ? "bare" : ref) " (median)"
      printf "|%s|%s|%s|\n", "----------", ":---------------------------:", ":-----------------------------:"
      has_service = (" " servers " ") ~ / service /
      for (k = 1; k <= np; k++) {
        lat = has_service ? (mp["service", path[k]] < 5 ? "met" : "MISSED") : "-"
        tb = (has_service && ref != "" && mr[ref, path[k]] > 0) ? (mr["service", path[k]] / mr[ref, path[k]] >= target ? "met" : "MISSED") : "-"
        printf "| %-8s | %27s | %29s |\n", path[k], lat, tb
      }
    }' "$RESULTS"
  echo
  echo "server CPU: the server's own CPU time during the cell (100% = all of core 0); other core 0: core 0's busy time"
  echo "minus the server's, i.e. other work that competed with it (another engineer's build or tests); core 1 (wrk):"
  echo "how busy the client's core was (near 100% means wrk itself limits the rate). bare-mapget: BareKestrel with"
  echo "app.MapGet (endpoint routing), bare-run: with app.Run (no routing); both serve the service's bytes."
}
