#!/usr/bin/env bash
# WebSub benchmark (bench/README.md, "WebSub"): how long from a change on disk until subscribers have the new feed body,
# for 1 and for 1,000 subscribers of one topic.
#   1. publishes src/IfpFeeds (Release) and generates N captures (default 2,000) in 16 sections;
#   2. starts the service on 127.0.0.1 with its built-in hub (callbacks on loopback allowed, no request limit);
#   3. for each subscriber count (default "1 1000"): a fresh service and data folder, bench/IfpFeeds.WebSubBench
#      subscribes that many callbacks to /feeds/all.atom, then ROUNDS times writes a capture (renamed into place) and
#      times each callback's delivery of it. The clock includes the store's debounce and settle (Feeds:DebounceMilliseconds,
#      Feeds:SettleMilliseconds: 100 and 250 ms by default) and the hub's burst window (Feeds:WebSub:BurstMilliseconds, 100 ms).
# Traffic goes to 127.0.0.1 only; every wait is bounded; the servers die with the script.
#
# Usage: bench/websub.sh [--count 2000] [--subscribers "1 1000"] [--rounds 10] [--port 18792] [--keep]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT=2000
SUBSCRIBERS="1 1000"
ROUNDS=10
PORT=18792
while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --subscribers) SUBSCRIBERS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ifpfeeds-websub.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use "$PORT" && { echo "port $PORT is in use" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
publish_service "$WORK/app"
log "building bench/IfpFeeds.WebSubBench"
dotnet build "$ROOT/bench/IfpFeeds.WebSubBench/IfpFeeds.WebSubBench.csproj" -c Release --artifacts-path "$WORK/artifacts" -o "$WORK/bench" \
  -v quiet -nologo >"$WORK/bench-build.log" 2>&1 || { cat "$WORK/bench-build.log" >&2; exit 1; }
mkdir -p "$WORK/captures"
generate_captures "$WORK/captures" "$COUNT" 16 1

echo "machine: $(machine_desc)"
echo "service: $SOURCE_DESC; $COUNT captures; topic $BASE/feeds/all.atom (50 items, $(date -u +%F))"
for n in $SUBSCRIBERS; do
  rm -rf "$WORK/articles" "$WORK/data-$n"
  cp -r "$WORK/captures" "$WORK/articles"
  SERVER_ENV="Feeds__DataPath=$WORK/data-$n Feeds__WebSub__AllowPrivateCallbacks=true Feeds__WebSub__RequestsPerMinute=0 Feeds__WebSub__MaxSubscriptionsPerTopic=$((n + 10))"
  start_service "$WORK/articles" "$PORT" "$WORK/server-$n.log"
  wait_http "$BASE/healthz" 120 "$SERVICE_PID"
  wait_articles "$BASE" "$COUNT" 120
  log "$n subscriber(s), $ROUNDS rounds"
  timeout 600 dotnet "$WORK/bench/IfpFeeds.WebSubBench.dll" --hub "$BASE/websub" --topic "$BASE/feeds/all.atom" --articles "$WORK/articles" \
    --subscribers "$n" --rounds "$ROUNDS"
  stop_pid "$SERVICE_PID"
done
