# Shared helpers of bench/load-feeds.sh, bench/memory-urls.sh and bench/soak.sh (sourced, not run).
# The caller sets ROOT (the repository) and WORK (its temp folder), and installs `trap cleanup EXIT` after
# sourcing; cleanup stops every server started through start_bg and deletes WORK unless KEEP=1.
# Nothing here writes outside WORK; all traffic goes to 127.0.0.1.

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

BG_PIDS=()   # processes started by start_bg, stopped by stop_all
KEEP=${KEEP:-0}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# stop_pid PID: SIGTERM, up to 10 s, then SIGKILL. Only ever a PID this script started.
stop_pid() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  # Forget it, so that cleanup never signals a PID the system may have given to another process since.
  local kept=() p
  for p in "${BG_PIDS[@]}"; do
    [ "$p" = "$pid" ] || kept+=("$p")
  done
  BG_PIDS=("${kept[@]}")
}

stop_all() {
  local pid
  for pid in "${BG_PIDS[@]}"; do
    stop_pid "$pid"
  done
  BG_PIDS=()
}

cleanup() {
  stop_all
  if [ "$KEEP" = 1 ]; then
    echo "kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}

# start_bg LOGFILE COMMAND...: starts COMMAND in the background (exec'd, so $! is its own PID); sets BG_PID.
start_bg() {
  local logfile="$1"
  shift
  (exec "$@") >"$logfile" 2>&1 &
  BG_PID=$!
  BG_PIDS+=("$BG_PID")
}

port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# free_port START: prints the first port from START on (20 tries) that nobody listens on.
free_port() {
  local port="$1"
  for _ in $(seq 1 20); do
    port_in_use "$port" || { echo "$port"; return 0; }
    port=$((port + 1))
  done
  echo "no free port near $1" >&2
  return 1
}

# cpu_busy_pct [CPU]: how busy the machine (or one CPU: cpu0, cpu1) was over the next 0.5 s, in percent.
cpu_busy_pct() {
  local line="${1:-cpu}" a b
  a=$(awk -v c="$line" '$1 == c { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
  sleep 0.5
  b=$(awk -v c="$line" '$1 == c { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; i = y[2] - x[2];
    printf "%.0f", (t > 0 ? 100 * (t - i) / t : 0) }'
}

# wait_quiet: waits (at most ~60 s) until the machine is < 15% busy; sets BUSY to the last reading (percent).
wait_quiet() {
  for _ in $(seq 1 120); do
    BUSY=$(cpu_busy_pct)
    [ "$BUSY" -lt 15 ] && return 0
  done
  log "  machine still ${BUSY}% busy after 60 s; measuring anyway"
}

# cpu_jiffies CPU: busy and total jiffies of one CPU line of /proc/stat (e.g. cpu0), as "busy total".
cpu_jiffies() {
  awk -v c="$1" '$1 == c { t = $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; print t - $5 - $6, t }' /proc/stat
}

# proc_cpu_jiffies PID: user + system jiffies the process has used so far.
proc_cpu_jiffies() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# rss_kb PID [FIELD]: VmRSS (or FIELD, e.g. VmHWM) of PID in kB.
rss_kb() { awk -v f="${2:-VmRSS}:" '$1 == f { print $2 }' "/proc/$1/status"; }

# publish_service DEST: publishes src/IfpFeeds (Release) from $SERVICE_SRC (default: the work tree; --from-head
# callers set it to a git archive of HEAD) into DEST; sets SERVICE_APP and SOURCE_DESC.
publish_service() {
  local dest="$1" src="${SERVICE_SRC:-$ROOT}" commit
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
  if [ "${FROM_HEAD:-0}" = 1 ]; then
    src="$WORK/head"
    mkdir -p "$src"
    git -C "$ROOT" archive --format=tar HEAD | tar -x -C "$src"
    SOURCE_DESC="commit $commit (git archive)"
  elif [ -n "${SERVICE_SRC:-}" ]; then
    SOURCE_DESC="source tree $SERVICE_SRC"
  else
    SOURCE_DESC="work tree at commit $commit"
    if [ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null || true)" ]; then
      SOURCE_DESC="$SOURCE_DESC, src/ modified"
    fi
  fi
  log "publishing src/IfpFeeds (Release) from $SOURCE_DESC"
  dotnet publish "$src/src/IfpFeeds/IfpFeeds.csproj" -c Release --artifacts-path "$WORK/artifacts" -o "$dest" \
    -v quiet -nologo >"$WORK/publish-service.log" 2>&1 || { cat "$WORK/publish-service.log" >&2; return 1; }
  SERVICE_APP="$dest/IfpFeeds"
  [ -x "$SERVICE_APP" ] || { echo "no apphost at $SERVICE_APP" >&2; return 1; }
}

# publish_service_rev DEST REV NAME: publishes src/IfpFeeds (Release) from `git archive REV` (extracted into
# $WORK/NAME-src, built with its own artifacts folder, $WORK/artifacts-NAME) into DEST; sets REV_APP and REV_DESC.
publish_service_rev() {
  local dest="$1" rev="$2" name="$3" commit src="$WORK/$3-src"
  commit=$(git -C "$ROOT" rev-parse --short --verify --quiet "$rev^{commit}") || { echo "no commit $rev" >&2; return 1; }
  mkdir -p "$src"
  git -C "$ROOT" archive --format=tar "$commit" | tar -x -C "$src"
  REV_DESC="commit $commit ($rev, git archive)"
  log "publishing src/IfpFeeds (Release) from $REV_DESC as $name"
  dotnet publish "$src/src/IfpFeeds/IfpFeeds.csproj" -c Release --artifacts-path "$WORK/artifacts-$name" -o "$dest" \
    -v quiet -nologo >"$WORK/publish-$name.log" 2>&1 || { cat "$WORK/publish-$name.log" >&2; return 1; }
  REV_APP="$dest/IfpFeeds"
  [ -x "$REV_APP" ] || { echo "no apphost at $REV_APP" >&2; return 1; }
}

# generate_captures DIR COUNT SECTIONS SEED: builds the generator (once) and writes COUNT captures into DIR.
generate_captures() {
  local dir="$1" count="$2" sections="$3" seed="$4"
  if [ ! -f "$WORK/generator/IfpFeeds.CaptureGenerator.dll" ]; then
    log "building the capture generator"
    dotnet build "$ROOT/bench/IfpFeeds.CaptureGenerator/IfpFeeds.CaptureGenerator.csproj" -c Release \
      --artifacts-path "$WORK/artifacts" -o "$WORK/generator" -v quiet -nologo >"$WORK/generator-build.log" 2>&1 \
      || { cat "$WORK/generator-build.log" >&2; return 1; }
  fi
  log "generating $count captures over $sections sections (seed $seed)"
  dotnet "$WORK/generator/IfpFeeds.CaptureGenerator.dll" --out "$dir" --count "$count" --sections "$sections" --seed "$seed" \
    --clean >"$WORK/generate.log"
  head -n 1 "$WORK/generate.log" >&2
}

# header NAME FILE: the value of response header NAME (any case) in FILE (curl -D), without its CR.
header() { awk -v h="$1" 'tolower($0) ~ "^" tolower(h) ":" { sub(/^[^:]*: */, ""); sub(/\r$/, ""); print; exit }' "$2"; }

# extra_headers HEADERS OUT: the response headers in HEADERS (curl -D) that BareKestrel does not write itself (the
# service's Link, Surrogate-Key, Cache-Tag...), one "Name: value" a line into OUT, for its --headers-file: so that the
# reference writes the same response headers as the service.
extra_headers() {
  awk 'NR > 1 && /:/ {
         sub(/\r$/, ""); name = tolower(substr($0, 1, index($0, ":") - 1))
         if (name !~ /^(content-length|content-type|content-encoding|date|server|transfer-encoding|etag|last-modified|cache-control|vary|x-content-type-options|referrer-policy)$/) print
       }' "$1" >"$2"
}

# start_service DIR PORT LOGFILE [CPUS] [APP] [BASE_URL]: starts the published service (APP, default $SERVICE_APP)
# over DIR on 127.0.0.1:PORT (Production, Feeds__BaseUrl=BASE_URL, default http://127.0.0.1:PORT/), pinned to CPUS
# (default or empty: not pinned); extra environment from SERVER_ENV. Sets SERVICE_PID.
start_service() {
  local dir="$1" port="$2" logfile="$3" cpus="${4:-}" app="${5:-$SERVICE_APP}" base_url="${6:-http://127.0.0.1:$2/}" pin=()
  [ -n "$cpus" ] && pin=(taskset -c "$cpus")
  local extra=()
  read -r -a extra <<<"${SERVER_ENV:-}"
  start_bg "$logfile" env -C "$(dirname "$app")" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    ASPNETCORE_URLS="http://127.0.0.1:$port" Feeds__ArticlesPath="$dir" Feeds__BaseUrl="$base_url" \
    "${extra[@]}" "${pin[@]}" "$app"
  SERVICE_PID=$BG_PID
}

# wait_http URL TIMEOUT_S [PID]: polls URL until it answers 2xx (or PID exits); returns 1 on timeout.
wait_http() {
  local url="$1" deadline=$((SECONDS + $2)) pid="${3:-}"
  while [ $SECONDS -lt $deadline ]; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "server exited early" >&2
      return 1
    fi
    curl -sf -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.1
  done
  echo "timed out waiting for $url" >&2
  return 1
}

# wait_articles BASE N TIMEOUT_S: polls BASE/healthz until it reports N articles.
wait_articles() {
  local base="$1" want="$2" deadline=$((SECONDS + $3)) count=""
  while [ $SECONDS -lt $deadline ]; do
    count=$(curl -s --max-time 2 "$base/healthz" | grep -o '"articles":[0-9]*' | head -n 1 | cut -d: -f2 || true)
    [ "$count" = "$want" ] && return 0
    sleep 0.1
  done
  echo "timed out waiting for $want articles at $base (last: ${count:-none})" >&2
  return 1
}

machine_desc() {
  printf '%s cores, %s, %s, .NET SDK %s' "$(nproc)" \
    "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
    "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" "$(dotnet --version)"
}
