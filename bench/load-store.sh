#!/usr/bin/env bash
# Load benchmark of the article store (bench/README.md):
#   1. publishes src/IfpFeeds (Release) and the capture generator into a temp folder;
#   2. generates 10,000 and 100,000 captures (bench/IfpFeeds.CaptureGenerator), each size twice: with the
#      generator's shared sidebars (posts drawn from one pool, so every sidebar string repeats across captures) and
#      with --unique-sidebars (every sidebar title and excerpt distinct, as in an archive captured over years);
#   3. for each set, starts the service on 127.0.0.1 (Production) and records the store's own load time (its
#      "Loaded N articles ... in X ms" log line), the wall time from process start until /healthz reports all N
#      articles, and the peak (VmHWM) and current (VmRSS) memory after the load;
#      Each set has its own first-seen registry (Feeds:DataPath): run 1 (warm#1) is the first sight of every capture,
#      which writes the registry's N rows; later runs (warm#2.., cold#..) load it;
#   4. on the 10,000 set (the first sidebar kind), changes one capture's title, written atomically (temp file + mv) and by a plain
#      in-place overwrite, and measures the time until GET /api/articles/{id} shows the new title.
# It prints a table at the end. Traffic goes to 127.0.0.1 only; every wait is bounded; servers die with the script.
#
# Usage: bench/load-store.sh [--sizes "10000 100000"] [--sidebars "shared unique"] [--sections 16] [--seed 1]
#                            [--edits 5] [--repeat 1] [--port 18731] [--cold] [--keep] [--from-head]
#   --sidebars  which kinds of capture set to measure at each size: shared (the generator's default), unique
#               (--unique-sidebars), or both; runs of the unique sets are labelled N-unique-warm / N-unique-cold
#   --repeat R  start the service R times per set (the table gives each run, then min and median)
#   --cold      also measure each set after dropping the page cache (root only: writes /proc/sys/vm/drop_caches)
#   --keep      keep the temp folder (published app, captures, server logs) and print its path
#   --from-head publish the service from the last commit (git archive HEAD, read-only) instead of the work tree,
#               e.g. while src/ is being edited
# Before each start the script waits (at most 60 s) for the machine to be idle (< 15% CPU busy over 0.5 s) and
# records how busy it was: on a shared 2-core machine other work shows up in the wall times, less in "CPU ms".
# Extra environment for the server can be given as SERVER_ENV, e.g. SERVER_ENV="DOTNET_gcServer=0".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="10000 100000"
SIDEBARS="shared unique"
SECTIONS=16
SEED=1
EDITS=5
REPEAT=1
PORT=18731
COLD=0
KEEP=0
FROM_HEAD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --sections) SECTIONS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --edits) EDITS="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --cold) COLD=1; shift ;;
    --keep) KEEP=1; shift ;;
    --from-head) FROM_HEAD=1; shift ;;
    --sidebars) SIDEBARS="$2"; shift 2 ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
read -r -a SERVER_ENV_ARR <<<"${SERVER_ENV:-}"
read -r -a KINDS <<<"$SIDEBARS"
for kind in "${KINDS[@]}"; do
  case "$kind" in
    shared|unique) ;;
    *) echo "--sidebars takes shared and/or unique, not '$kind'" >&2; exit 2 ;;
  esac
done
[ "${#KINDS[@]}" -gt 0 ] || { echo "--sidebars needs at least one kind" >&2; exit 2; }

# log, port_in_use, cpu_busy_pct and wait_quiet come from the shared helpers; this script keeps its own cleanup.
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ifpfeeds-load.XXXXXX")"
SERVER_PID=""
EDITED_SET=""
RESULTS="$WORK/results.tsv"   # kind, name, value columns, one measurement a line
: >"$RESULTS"

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do # at most 10 s, then kill
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  stop_server
  if [ "$KEEP" = 1 ]; then
    echo "kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Milliseconds between two $EPOCHREALTIME stamps.
ms_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }

# --- 1. build ------------------------------------------------------------------------------------------------
for _ in $(seq 1 20); do
  port_in_use "$PORT" || break
  PORT=$((PORT + 1))
done
port_in_use "$PORT" && { echo "no free port near $PORT" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"

SOURCE="$ROOT"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
if [ "$FROM_HEAD" = 1 ]; then
  SOURCE="$WORK/head"
  mkdir -p "$SOURCE"
  git -C "$ROOT" archive --format=tar "$COMMIT" | tar -x -C "$SOURCE"
  SOURCE_DESC="commit $COMMIT (git archive)"
else
  SOURCE_DESC="work tree $ROOT at commit $COMMIT"
  if [ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null || true)" ]; then
    SOURCE_DESC="$SOURCE_DESC, src/ modified"
  fi
fi
log "service source: $SOURCE_DESC"
log "publishing src/IfpFeeds (Release) to $WORK/app"
dotnet publish "$SOURCE/src/IfpFeeds/IfpFeeds.csproj" -c Release --artifacts-path "$WORK/artifacts" -o "$WORK/app" \
  -v quiet -nologo >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log" >&2; exit 1; }
log "building the capture generator"
dotnet build "$ROOT/bench/IfpFeeds.CaptureGenerator/IfpFeeds.CaptureGenerator.csproj" -c Release \
  --artifacts-path "$WORK/artifacts" -o "$WORK/generator" -v quiet -nologo >"$WORK/generator-build.log" 2>&1 \
  || { cat "$WORK/generator-build.log" >&2; exit 1; }

APP="$WORK/app/IfpFeeds"
[ -x "$APP" ] || { echo "no apphost at $APP" >&2; exit 1; }

# --- helpers ---------------------------------------------------------------------------------------------------
# start_server DIR LOG: starts the service on $BASE over DIR; sets SERVER_PID and T_START.
start_server() {
  local dir="$1" logfile="$2"
  T_START=$EPOCHREALTIME
  (
    cd "$WORK/app"
    exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
      ASPNETCORE_URLS="$BASE" Feeds__ArticlesPath="$dir" Feeds__DataPath="$DATA_DIR" "${SERVER_ENV_ARR[@]}" "$APP"
  ) >"$logfile" 2>&1 &
  SERVER_PID=$!
}

# The wait for a start must not take CPU from the start it waits for: a curl (and a sleep) every 10 ms while the
# store loads took a quarter of a core on this 2-core machine, and the loads measured slower for it. Until Kestrel
# listens (it starts after the store's load) the loop only reads /proc/net/tcp and naps with bash builtins, starting
# no process; curl runs once the port is open.
PORT_HEX=$(printf '%04X' "$PORT")
exec {NAP_FD}<> <(:) # a pipe nothing writes to: `read -t` on it is a sleep without a process
nap() { read -rt "$1" -u "$NAP_FD" _ || true; }
listening() {
  local _slot address _remote state _rest
  while read -r _slot address _remote state _rest; do
    [[ $address == *":$PORT_HEX" && $state == 0A ]] && return 0
  done </proc/net/tcp
  return 1
}

# wait_ready N TIMEOUT_S: polls /healthz every ~10 ms until it reports N articles; sets T_READY.
wait_ready() {
  local want="$1" deadline=$((SECONDS + $2)) body count
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited early" >&2; return 1; }
    if ! listening; then
      nap 0.01
      continue
    fi
    body=$(curl -s --max-time 5 "$BASE/healthz" || true)
    count=$(grep -o '"articles":[0-9]*' <<<"$body" | head -n 1 | cut -d: -f2 || true)
    if [ "$count" = "$want" ]; then
      T_READY=$EPOCHREALTIME
      return 0
    fi
    nap 0.01
  done
  echo "timed out waiting for $want articles (last /healthz: ${body:0:200})" >&2
  return 1
}

# cpu_ms: CPU time (user + system) the server has used so far, in ms.
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.0f", ($12 + $13) * 1000 / hz }' "/proc/$SERVER_PID/stat"
}

# proc_kb FIELD: VmHWM or VmRSS of the server, in kB.
proc_kb() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$SERVER_PID/status"; }

# measure_load N DIR LABEL: one cold start of the service over DIR; leaves the server running.
measure_load() {
  local n="$1" dir="$2" label="$3" logfile="$WORK/server-$3.log" line=""
  wait_quiet
  start_server "$dir" "$logfile"
  wait_ready "$n" 180 || { tail -n 20 "$logfile" >&2; exit 1; }
  local wall_ms rss_ready hwm rss cpu
  wall_ms=$(ms_between "$T_START" "$T_READY")
  cpu=$(cpu_ms)
  rss_ready=$(proc_kb VmRSS)
  for _ in $(seq 1 100); do # the log line is written asynchronously: at most 5 s
    line=$(grep -o 'Loaded [0-9]* articles .*' "$logfile" | head -n 1 || true)
    [ -n "$line" ] && break
    sleep 0.05
  done
  sleep 2 # let the post-load allocations settle before reading the memory again
  hwm=$(proc_kb VmHWM)
  rss=$(proc_kb VmRSS)
  local load_ms sections rejected
  load_ms=$(sed -n 's/.* in \([0-9][0-9,.]*\) ms$/\1/p' <<<"$line" | tr -d ',')
  sections=$(sed -n 's/.* articles in \([0-9]*\) sections.*/\1/p' <<<"$line")
  rejected=$(sed -n 's/.*(\([0-9]*\) rejected).*/\1/p' <<<"$line")
  log "$label: $line; ready after ${wall_ms} ms, ${cpu} ms CPU; VmHWM $((hwm / 1024)) MiB, VmRSS $((rss / 1024)) MiB (at ready $((rss_ready / 1024)) MiB); machine ${BUSY}% busy before"
  printf 'load\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$n" "${load_ms:-?}" "$wall_ms" "$hwm" "$rss" \
    "${sections:-?}" "${rejected:-?}" "$cpu" "$BUSY" >>"$RESULTS"
}

# retitle NEW_TITLE < capture > capture': replaces the title line (the 2nd non-blank body line), keeping the
# byte-order mark, the front matter and every line end as they were.
retitle() {
  perl -e '
    my $new = shift; local $/; binmode STDIN; binmode STDOUT; my $t = <STDIN>;
    my $bom = ($t =~ s/^\xEF\xBB\xBF//) ? "\xEF\xBB\xBF" : "";
    my @p = split /(\r\n|\r|\n)/, $t, -1;   # line, end, line, end, ...
    my $i = 0;
    if (@p && $p[0] =~ /^---\s*$/) { for ($i = 2; $i < @p; $i += 2) { last if $p[$i] =~ /^---\s*$/ } $i += 2 }
    my $seen = 0;
    for (; $i < @p; $i += 2) { next if $p[$i] =~ /^\s*$/; if (++$seen == 2) { $p[$i] = $new; last } }
    print $bom, @p;' "$1"
}

# measure_edit MODE DIR FILE K: one edit of FILE's title, written by MODE (atomic | inplace); records the latency.
measure_edit() {
  local mode="$1" dir="$2" file="$3" k="$4" id="${3%.txt}"
  local title="Load test edit $mode $k ${EPOCHREALTIME/./}"
  retitle "$title" <"$dir/$file" >"$WORK/edit.new"
  local t0
  if [ "$mode" = atomic ]; then
    cp "$WORK/edit.new" "$dir/.$id.txt.tmp" # hidden and *.tmp: the store ignores it
    t0=$EPOCHREALTIME
    mv -f "$dir/.$id.txt.tmp" "$dir/$file"
  else
    t0=$EPOCHREALTIME
    cat "$WORK/edit.new" >"$dir/$file" # truncate, then write: the store sees the file change in place
  fi
  local polls=0 body
  while [ $polls -lt 500 ]; do # ~10 ms apart: at most ~5 s plus request time
    body=$(curl -s --max-time 2 "$BASE/api/articles/$id" || true)
    if grep -qF "\"title\":\"$title\"" <<<"$body"; then
      local latency
      latency=$(ms_between "$t0" "$EPOCHREALTIME")
      log "  $mode edit $k: new title visible after $latency ms ($polls polls)"
      printf 'edit\t%s\t%s\n' "$mode" "$latency" >>"$RESULTS"
      return 0
    fi
    polls=$((polls + 1))
    sleep 0.01
  done
  log "  $mode edit $k: new title NOT visible after $polls polls"
  printf 'edit\t%s\t%s\n' "$mode" "timeout" >>"$RESULTS"
}

drop_caches() {
  sync
  echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || { echo "cannot drop the page cache (needs root)" >&2; return 1; }
}

# --- 2-4. generate, load, edit -------------------------------------------------------------------------------
for n in $SIZES; do
for kind in "${KINDS[@]}"; do
  # Shared-sidebar runs keep their old labels (10000-warm#1), so tables from before --sidebars compare directly.
  if [ "$kind" = unique ]; then set_name="$n-unique"; flags=(--unique-sidebars); else set_name="$n"; flags=(); fi
  dir="$WORK/captures-$set_name"
  DATA_DIR="$WORK/data-$set_name" # each set its own first-seen registry: run 1 sees every capture first (and writes N rows)
  log "generating $n captures over $SECTIONS sections (seed $SEED, $kind sidebars) into $dir"
  dotnet "$WORK/generator/IfpFeeds.CaptureGenerator.dll" --out "$dir" --count "$n" --sections "$SECTIONS" --seed "$SEED" \
    "${flags[@]}" >"$WORK/generate-$set_name.log"
  head -n 1 "$WORK/generate-$set_name.log" >&2
  du -sh "$dir" | awk '{ print "  on disk: " $1 }' >&2

  measure_load "$n" "$dir" "$set_name-warm#1"

  if { [ "$n" = 10000 ] || [ "$n" = "$(awk '{ print $1 }' <<<"$SIZES")" ]; } && [ "$kind" = "${KINDS[0]}" ]; then
    # The same capture every run: the first one numbered 004242 or later.
    file=$(cd "$dir" && ls | sort | awk 'NR == 1 { pick = $0 } !found && $0 >= "004242" { pick = $0; found = 1 } END { print pick }')
    EDITED_SET="$set_name"
    log "editing $file ($EDITS times atomically, $EDITS times in place)"
    for k in $(seq 1 "$EDITS"); do
      measure_edit atomic "$dir" "$file" "$k"
      sleep 1 # let the store's debounce window close between edits
    done
    for k in $(seq 1 "$EDITS"); do
      measure_edit inplace "$dir" "$file" "$k"
      sleep 1
    done
  fi
  stop_server
  for r in $(seq 2 "$REPEAT"); do
    measure_load "$n" "$dir" "$set_name-warm#$r"
    stop_server
  done

  if [ "$COLD" = 1 ]; then
    for r in $(seq 1 "$REPEAT"); do
      drop_caches || break
      measure_load "$n" "$dir" "$set_name-cold#$r"
      stop_server
    done
  fi

  # Two 100,000 sets take ~0.8 GB: keep only what --keep asks for.
  [ "$KEEP" = 1 ] || rm -rf "$dir" "$DATA_DIR"
done
done

# --- table ------------------------------------------------------------------------------------------------
{
  echo
  echo "IfpFeeds store load, service from $SOURCE_DESC"
  echo "($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), .NET $(dotnet --version), seed $SEED, $SECTIONS sections)"
  echo
  printf '| %-20s | %9s | %13s | %19s | %9s | %14s | %15s | %8s | %8s | %9s |\n' \
    "run" "captures" "store load ms" "start→/healthz=N ms" "CPU ms" "peak VmHWM MiB" "VmRSS after MiB" "sections" "rejected" "busy before"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "----------------------" "----------:" "--------------:" "--------------------:" \
    "----------:" "---------------:" "----------------:" "---------:" "---------:" "------------:"
  awk -F'\t' '$1 == "load" {
    printf "| %-20s | %9s | %13s | %19s | %9s | %14.0f | %15.0f | %8s | %8s | %10s%% |\n", $2, $3, $4, $5, $10, $6 / 1024, $7 / 1024, $8, $9, $11
  }' "$RESULTS"
  if [ "$REPEAT" -gt 1 ]; then
    echo
    printf '| %-20s | %5s | %27s | %27s | %21s | %20s |\n' "set" "runs" "store load ms, min / median" "start→/healthz ms, min / med" "CPU ms, min / median" "peak MiB, min / max"
    printf '|%s|%s|%s|%s|%s|%s|\n' "----------------------" "------:" "----------------------------:" "----------------------------:" "----------------------:" "---------------------:"
    for kind in $(awk -F'\t' '$1 == "load" { sub(/#.*/, "", $2); print $2 }' "$RESULTS" | awk '!seen[$0]++'); do
      awk -F'\t' -v k="$kind" '
        function median(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
          return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
        $1 == "load" { name = $2; sub(/#.*/, "", name); if (name != k) next
          n++; load[n] = $4; wall[n] = $5; cpu[n] = $10; hwm[n] = $6 / 1024 }
        END { ml = median(load, n); mw = median(wall, n); mc = median(cpu, n); mh = median(hwm, n)
          printf "| %-20s | %5d | %12d / %12.0f | %12d / %12.0f | %9d / %9.0f | %9.0f / %8.0f |\n", k, n, load[1], ml, wall[1], mw, cpu[1], mc, hwm[1], hwm[n] }' "$RESULTS"
    done
  fi
  if grep -q '^edit' "$RESULTS"; then
    echo
    printf '| %-44s | %5s | %7s | %9s | %7s | %s |\n' "change of one capture ($EDITED_SET loaded)" "edits" "min ms" "median ms" "max ms" "each edit, ms"
    printf '|%s|%s|%s|%s|%s|%s|\n' "----------------------------------------------" "------:" "--------:" "----------:" "--------:" "---------------"
    for mode in atomic inplace; do
      values=$(awk -F'\t' -v m="$mode" '$1 == "edit" && $2 == m { print $3 }' "$RESULTS")
      [ -n "$values" ] || continue
      ok=$(grep -v timeout <<<"$values" | sort -n || true)
      timeouts=$(grep -c timeout <<<"$values" || true)
      label=$([ "$mode" = atomic ] && echo "temp file + mv (atomic)" || echo "in-place overwrite")
      if [ -n "$ok" ]; then
        awk -v label="$label" -v timeouts="$timeouts" '{ v[NR] = $1 } END {
          median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          all = v[1]; for (i = 2; i <= NR; i++) all = all ", " v[i]
          printf "| %-44s | %5d | %7d | %9.0f | %7d | %s%s |\n", label, NR, v[1], median, v[NR], all, (timeouts > 0 ? " (+" timeouts " timed out)" : "")
        }' <<<"$ok"
      else
        printf '| %-44s | %5s | %7s | %9s | %7s | all %s timed out |\n' "$label" 0 - - - "$timeouts"
      fi
    done
  fi
  echo
  echo "store load ms: the store's own \"Loaded ... in X ms\" log line; start→/healthz=N: from process start until"
  echo "/healthz reports every article (runtime start-up, load, Kestrel start, first request); memory read 2 s after."
  echo "Targets: 10,000 from cold < 1,500 ms; 100,000 < 15,000 ms and < 1,536 MiB; one change visible < 1,000 ms;"
  echo "store load, shared or unique sidebars alike: 10,000 < 600 ms, 100,000 < 6,000 ms."
}
