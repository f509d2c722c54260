#!/usr/bin/env bash
# Renders the Persian article, section and search (كتاب, typed with an Arabic kaf) pages of scripts/make-mixed-captures.sh's
# set in headless Chromium and writes bench/screenshots/persian-article.png, persian-section.png and persian-search.png (apt-get install chromium fonts-noto-core). Runs the
# service and the browser in a network namespace of their own with only loopback up (the pages' remote images stay
# unloaded, nothing reaches out); needs root for unshare.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/scripts/make-mixed-captures.sh" "$work/captures" >/dev/null
dotnet build "$root/src/IfpFeeds" -c Release -o "$work/app" >/dev/null
cat >"$work/run.sh" <<INNER
set -e
ip link set lo up
Feeds__ArticlesPath="$work/captures" Feeds__DataPath="$work/data" Feeds__BaseUrl=http://127.0.0.1:18570/ ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$work/app/IfpFeeds.dll" --urls http://127.0.0.1:18570 >"$work/server.log" 2>&1 &
pid=\$!
for i in \$(seq 1 100); do curl -fs http://127.0.0.1:18570/healthz >/dev/null 2>&1 && break; sleep 0.1; done
shoot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,640 --screenshot="\$1" "\$2" >/dev/null 2>&1; }
shoot "$root/bench/screenshots/persian-article.png" http://127.0.0.1:18570/articles/fa1
shoot "$root/bench/screenshots/persian-section.png" "http://127.0.0.1:18570/sections/%D9%81%D8%B1%D9%87%D9%86%DA%AF-%D9%88-%D9%87%D9%86%D8%B1"
shoot "$root/bench/screenshots/persian-search.png" "http://127.0.0.1:18570/search?q=%D9%83%D8%AA%D8%A7%D8%A8"
kill \$pid
INNER
timeout 120 unshare --net bash "$work/run.sh"
ls -la "$root/bench/screenshots"
