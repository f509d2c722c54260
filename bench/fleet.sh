#!/usr/bin/env bash
# Fleet benchmark (bench/README.md, "Fleet"): three instances sharing one Redis behind nginx.
#   1. publishes src/IfpFeeds (Release), generates N captures (default 2,000) into one shared folder;
#   2. starts redis-server (no persistence) and 3 instances on loopback ports (ConnectionStrings__Redis, each its own
#      data folder, one Feeds:BaseUrl: the balancer's), and nginx in front (round robin, keep-alive upstreams);
#   3. RENDERS: adds a capture to one section, then asks each instance for that section's Atom feed 5 times; prints the
#      renders of feeds across the fleet (the sum of the instances' ifpfeeds_renders_total{kind="feed"}; goal 1) and the
#      time from the change until all three serve the new ETag (goal < 1 s);
#   4. AGREEMENT: the first 150 feeds of the OPML, in every format, from each instance directly: identical bytes, ETag, Last-Modified;
#   5. LOAD: wrk through nginx on /feeds/all.atom (req/s, non-2xx);
#   6. OUTAGE: the same load while Redis is stopped and started again mid-run, a capture added meanwhile: 5xx count (goal 0)
#      and /healthz of each instance during and after.
# Traffic goes to 127.0.0.1 only; every wait is bounded; every process dies with the script.
#
# Usage: bench/fleet.sh [--count 2000] [--duration 10] [--connections 32] [--keep]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT=2000
DURATION=10
CONNECTIONS=32
while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in redis-server nginx wrk curl sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install redis-server nginx wrk curl)" >&2; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ifpfeeds-fleet.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

REDIS_PORT=$(free_port 18800)
LB_PORT=$(free_port 18810)
PORTS=("$(free_port 18821)")
PORTS+=("$(free_port $((PORTS[0] + 1)))")
PORTS+=("$(free_port $((PORTS[1] + 1)))")
LB="http://127.0.0.1:$LB_PORT"

publish_service "$WORK/app"
mkdir -p "$WORK/articles"
generate_captures "$WORK/articles" "$COUNT" 16 1

start_redis() {
  start_bg "$WORK/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no
  REDIS_PID=$BG_PID
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "redis did not start" >&2; return 1
}
start_redis
PIDS=()
for i in 0 1 2; do
  SERVER_ENV="ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT Feeds__DataPath=$WORK/data-$i Feeds__Metrics__Prometheus=true"
  start_service "$WORK/articles" "${PORTS[$i]}" "$WORK/server-$i.log" "" "$SERVICE_APP" "$LB/"
  PIDS+=("$SERVICE_PID")
done
for i in 0 1 2; do
  wait_http "http://127.0.0.1:${PORTS[$i]}/healthz" 120 "${PIDS[$i]}"
  wait_articles "http://127.0.0.1:${PORTS[$i]}" "$COUNT" 120
done

cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream fleet {
    server 127.0.0.1:${PORTS[0]};
    server 127.0.0.1:${PORTS[1]};
    server 127.0.0.1:${PORTS[2]};
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://fleet;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host 127.0.0.1:$LB_PORT;
      proxy_next_upstream off;
    }
  }
}
NGINX
start_bg "$WORK/nginx.log" nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;'
wait_http "$LB/healthz" 30

echo "machine: $(machine_desc)"
echo "service: $SOURCE_DESC; $COUNT captures, 3 instances + redis-server $(redis-server --version | grep -o 'v=[0-9.]*') + nginx $(nginx -v 2>&1 | grep -o '[0-9.]*$'), $(date -u +%F)"

feed_renders() { # the sum over the instances of ifpfeeds_renders_total{kind="feed"}
  local sum=0 n i
  for i in 0 1 2; do
    n=$(curl -s "http://127.0.0.1:${PORTS[$i]}/metrics" | awk '/^ifpfeeds_renders_total\{/ && /kind="feed"/ { s += $2 } END { print s + 0 }')
    sum=$(awk -v a="$sum" -v b="$n" 'BEGIN { print a + b }')
  done
  echo "$sum"
}
etag_of() { curl -s -o /dev/null -D - "$1" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" { print $2 }'; }

# RENDERS: one new capture in a section, the changed feed then asked of each instance 5 times.
files=("$WORK"/articles/*.txt)
first=$(basename "${files[0]}" .txt)
meta=$(curl -s "http://127.0.0.1:${PORTS[0]}/api/articles/$first")
slug=$(grep -o '"sectionSlug":"[^"]*"' <<<"$meta" | cut -d'"' -f4)
label=$(grep -o '"section":"[^"]*"' <<<"$meta" | cut -d'"' -f4)
feed="/feeds/$slug.atom"
add_capture() { # NAME TITLE: a new capture in that section, renamed into place whole
  printf '%s\n\n%s\n\nA paragraph of the fleet benchmark.\n\nAnother paragraph.\n' "$label" "$2" >"$WORK/articles/.$1.tmp"
  mv "$WORK/articles/.$1.tmp" "$WORK/articles/$1.txt"
}
for i in 0 1 2; do curl -s -o /dev/null "http://127.0.0.1:${PORTS[$i]}$feed"; done
old=$(etag_of "http://127.0.0.1:${PORTS[0]}$feed")
before=$(feed_renders)
start=$(date +%s%N)
add_capture fleet-bench-1 "The fleet benchmark's first change"
converged=""
deadline=$(( $(date +%s) + 10 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  same=0
  for i in 0 1 2; do
    [ "$(etag_of "http://127.0.0.1:${PORTS[$i]}$feed")" != "$old" ] && same=$((same + 1))
  done
  if [ "$same" = 3 ]; then converged=$(( ($(date +%s%N) - start) / 1000000 )); break; fi
  sleep 0.01
done
for _ in 1 2 3 4 5; do for i in 0 1 2; do curl -s -o /dev/null "http://127.0.0.1:${PORTS[$i]}$feed"; done; done
after=$(feed_renders)
echo "renders: $(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }') feed render(s) across the fleet for one new capture in $feed (polled until new, then 15 requests, 5 per instance); all 3 served the new ETag $( [ -n "$converged" ] && echo "$converged ms after the rename" || echo "NOT within 10 s")"

# AGREEMENT: every feed, every format, from each instance.
# (the first 150 feeds of the OPML: all, recent, every section, then tags and authors)
urls=$(curl -s "$LB/feeds.opml" | grep -o 'xmlUrl="[^"]*"' | cut -d'"' -f2 | sed "s#^$LB##" | sed -n 1,150p)
checked=0; differ=0
for u in $urls; do
  for ext in rss atom json; do
    path="${u%.rss}.$ext"
    sig=""
    for i in 0 1 2; do
      s=$(curl -s -D "$WORK/h" "http://127.0.0.1:${PORTS[$i]}$path" | sha256sum | cut -c1-16)
      s="$s $(tr -d '\r' <"$WORK/h" | awk -F': ' 'tolower($1) == "etag" || tolower($1) == "last-modified" { print $2 }' | tr '\n' ' ')"
      if [ -z "$sig" ]; then sig="$s"; elif [ "$s" != "$sig" ]; then differ=$((differ + 1)); echo "  differs: $path" >&2; fi
    done
    checked=$((checked + 1))
  done
done
echo "agreement: $checked feed URLs x 3 instances: $differ differ (bytes, ETag or Last-Modified)"

# LOAD through the balancer.
wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --latency "$LB/feeds/all.atom" >"$WORK/wrk-load.txt" 2>&1 || true
echo "load: $(grep -o 'Requests/sec: *[0-9.]*' "$WORK/wrk-load.txt") through nginx, $CONNECTIONS connections, ${DURATION}s; $(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$WORK/wrk-load.txt" || echo 'Non-2xx or 3xx responses: 0')"

# OUTAGE: Redis stopped and restarted under load, with an edit meanwhile.
wrk -t 2 -c "$CONNECTIONS" -d "$((DURATION * 2))s" "$LB/feeds/$slug.rss" >"$WORK/wrk-outage.txt" 2>&1 &
WRK=$!
sleep "$((DURATION / 2))"
stop_pid "$REDIS_PID"
sleep 2
add_capture fleet-bench-2 "Written while Redis was down"
sleep 2
during=$(for i in 0 1 2; do curl -s "http://127.0.0.1:${PORTS[$i]}/healthz" | grep -o '"status":"[a-z]*"' | sed -n 1p; done | tr '\n' ' ')
start_redis
wait "$WRK" || true
sleep 2
after_health=$(for i in 0 1 2; do curl -s "http://127.0.0.1:${PORTS[$i]}/healthz" | grep -o '"status":"[a-z]*"' | sed -n 1p; done | tr '\n' ' ')
echo "outage: $(grep -o 'Requests/sec: *[0-9.]*' "$WORK/wrk-outage.txt") over $((DURATION * 2))s with Redis down for ~$((4 + 1)) s; $(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$WORK/wrk-outage.txt" || echo 'Non-2xx or 3xx responses: 0'); $(grep -o '[0-9]* requests in' "$WORK/wrk-outage.txt"); /healthz while down: $during; after: $after_health"
tags=$(for i in 0 1 2; do etag_of "http://127.0.0.1:${PORTS[$i]}/feeds/$slug.rss"; done | sort -u | wc -l)
shown=$(for i in 0 1 2; do curl -s "http://127.0.0.1:${PORTS[$i]}/feeds/$slug.rss" | grep -c "Written while Redis was down"; done | tr '\n' ' ')
echo "after the outage: /feeds/$slug.rss has $tags distinct ETag(s) across the 3 instances; the capture added while Redis was down is in it on each: $shown"
