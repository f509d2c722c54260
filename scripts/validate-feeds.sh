#!/usr/bin/env bash
# Starts the service on a folder of captures (default: the repo's articles/) on 127.0.0.1, fetches every
# feed (all, recent, each section, tag and author, searches, RSS/Atom/JSON Feed, plus page 2 of a paged feed) and the OPML, and
# checks each:
#   - the W3C Feed Validator (RSS, Atom), when FEEDVALIDATOR_DIR points at a local checkout of
#     w3c/feedvalidator (its src/ is put on PYTHONPATH; needs python3-html5lib python3-rdflib python3-lxml);
#   - jing with the Atom RELAX NG schema (RFC 4287 appendix B) on every Atom feed;
#   - python3-feedparser, a real reader, on every feed (not bozo, every entry has id, title, link, date);
#   - the JSON Feed 1.1 rules on every .json feed.
# Prints one line per check and a summary; exits non-zero on any error or warning.
# Usage: scripts/validate-feeds.sh [captures-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${PORT:-5099}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
captures=${1:-}
if [ -z "$captures" ]; then
  # The repo's captures, copied as a fresh checkout has them: one last-write time for all. The two real captures
  # have no dates of their own, so they are first seen in one burst: their entries tie, and the feed tells them
  # apart (README, "Dates") rather than repeat one atom:updated (the W3C validator's DuplicateUpdated warning).
  captures="$work/articles"
  mkdir -p "$captures"
  cp "$root"/articles/*.txt "$captures/"
  touch -d "@1714903200" "$captures"/*.txt
fi
py=/usr/bin/python3
[ -x "$py" ] || py=python3

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing $1 (apt-get install $2)" >&2; exit 2; }; }
need jing jing
"$py" -c "import feedparser" 2>/dev/null || { echo "missing feedparser (apt-get install python3-feedparser)" >&2; exit 2; }

dotnet build src/IfpFeeds -c Release -o "$work/app" >/dev/null
Feeds__ArticlesPath="$captures" Feeds__DataPath="$work/data" ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$work/app/IfpFeeds.dll" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

urls=()
for slug in all recent $(curl -fs "$base/api/sections" | "$py" -c 'import json,sys,urllib.parse; print(" ".join(urllib.parse.quote(s["slug"]) for s in json.load(sys.stdin)))'); do
  for ext in rss atom json; do urls+=("$base/feeds/$slug.$ext"); done
done
for kind in tag author; do
  for slug in $(curl -fs "$base/api/${kind}s" | "$py" -c 'import json,sys,urllib.parse; print(" ".join(urllib.parse.quote(s["slug"]) for s in json.load(sys.stdin)))'); do
    for ext in rss atom json; do urls+=("$base/feeds/$kind/$slug.$ext"); done
  done
done
for ext in rss atom json; do urls+=("$base/feeds/all.$ext?limit=2&page=2"); done
# Searches: a Latin word, a Persian one typed with an Arabic kaf (كتاب finds کتاب), one that looks like markup, and page 2 of a paged search.
for q in iran %D9%83%D8%AA%D8%A7%D8%A8 %3Cscript%3Ealert%281%29%3C%2Fscript%3E "iran&limit=2&page=2"; do
  for ext in rss atom json; do urls+=("$base/feeds/search.$ext?q=$q"); done
done

errors=0
report() { printf '%-6s %-10s %s %s\n' "$1" "$2" "$3" "${4:-}"; [ "$1" = ok ] || errors=$((errors + 1)); }

for url in "${urls[@]}"; do
  file="$work/feed"
  curl -fs "$url" -o "$file"
  case "$url" in
    *.atom*) kind=atom ;;
    *.rss*) kind=rss ;;
    *) kind=json ;;
  esac

  if [ "$kind" = atom ]; then
    if out=$(jing -c tests/IfpFeeds.Tests/TestData/atom.rnc "$file" 2>&1); then report ok jing "$url"; else report ERROR jing "$url" "$out"; fi
  fi

  if [ "$kind" != json ] && [ -n "${FEEDVALIDATOR_DIR:-}" ]; then
    if out=$(PYTHONPATH="$FEEDVALIDATOR_DIR/src" "$py" - "$url" <<'PY' 2>&1
import sys
import urllib.request  # feedvalidator uses it without importing it
import feedvalidator
from feedvalidator import compatibility
from feedvalidator.formatter.text_plain import Formatter
url = sys.argv[1]
try:
    events = feedvalidator.validateURL(url, firstOccurrenceOnly=1)['loggedEvents']
except feedvalidator.logging.ValidationFailure as vf:
    events = [vf.event]
events = compatibility.AA(events)  # what the online validator reports: errors and warnings
out = Formatter(events)
if out:
    print("\n".join(out))
    sys.exit(1)
PY
    ); then report ok w3c "$url"; else report ERROR w3c "$url" "$out"; fi
  fi

  if out=$("$py" - "$file" "$kind" <<'PY' 2>&1
import sys, json, re
path, kind = sys.argv[1], sys.argv[2]
if kind == "json":
    feed = json.load(open(path, encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1", "version"
    assert feed["title"], "title"
    assert feed["feed_url"].startswith("http"), "feed_url"
    ids = [i["id"] for i in feed["items"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
    for item in feed["items"]:
        assert item["id"] and (item.get("content_html") or item.get("content_text")), "item without id or content"
        assert rfc3339.match(item["date_published"]) and rfc3339.match(item["date_modified"]), "date"
    sys.exit(0)
import feedparser
d = feedparser.parse(open(path, "rb").read())
if d.bozo:
    print("bozo:", d.bozo_exception); sys.exit(1)
assert d.feed.get("title"), "no feed title"
ids = [e.get("id") for e in d.entries]
assert all(ids) and len(ids) == len(set(ids)), "ids missing or repeated"
for e in d.entries:
    assert e.get("title") and e.get("link") and e.get("published_parsed"), "entry lacks title, link or date: %s" % e.get("id")
    assert e.get("content") or e.get("summary"), "entry without content"
PY
  ); then report ok feedparser "$url"; else report ERROR feedparser "$url" "$out"; fi
done

curl -fs "$base/feeds.opml" -o "$work/feeds.opml"
if "$py" -c 'import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); assert r.get("version")=="2.0"; o=[x for x in r.iter("outline") if x.get("xmlUrl")]; assert o and all(x.get("type")=="rss" for x in o); assert all(len(x) for x in r.iter("outline") if not x.get("xmlUrl"))' "$work/feeds.opml"; then
  report ok opml "$base/feeds.opml"
else
  report ERROR opml "$base/feeds.opml"
fi

echo "validate-feeds: ${#urls[@]} feeds, $errors problem(s)$([ -z "${FEEDVALIDATOR_DIR:-}" ] && echo ' (W3C validator skipped: set FEEDVALIDATOR_DIR)')"
[ "$errors" -eq 0 ]
