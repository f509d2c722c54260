#!/usr/bin/env bash
# Writes a capture set that tries the feeds' rules (README, "Validation") into DIR: the repo's captures, 60 date-less
# captures first seen in one burst, a Persian capture with a Persian author, tags and a lead image, and a hostile
# one (markup and a comment in its title, summary and tags), every file with one last-write time.
# Usage: scripts/make-mixed-captures.sh DIR, then scripts/validate-feeds.sh DIR
set -euo pipefail
dir="${1:?usage: scripts/make-mixed-captures.sh DIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$dir"
cp "$root"/articles/*.txt "$dir/"
for i in $(seq -w 0 59); do
  printf 'Politics\n\nBurst story %s\n\nThe first paragraph of story %s.\n\nThe second paragraph.\n' "$i" "$i" >"$dir/burst$i.txt"
done
printf -- '---\nauthor: مریم کریمی\ntags: کتاب, Culture\nimage: https://ifpnews.com/wp-content/uploads/2024/05/book.jpg\n---\nفرهنگ و هنر\n\nنمایشگاه کتاب تهران با استقبال گسترده گشایش یافت\n\nنمایشگاه بین‌المللی کتاب تهران امروز با حضور ناشران داخلی و خارجی آغاز شد.\n\nبیش از دو هزار ناشر در این نمایشگاه حضور دارند.\n' >"$dir/fa1.txt"
printf -- '---\ntags: Security, <b>Bold</b>\n---\nPolitics\n\nIran <script>alert(1)</script> talks & <b>news</b> <!-- x -->\n\nA summary with <i>markup</i> & ampersands.\n\nMore text.\n' >"$dir/hostile1.txt"
touch -d "@1714903200" "$dir"/*.txt
echo "$(ls "$dir" | wc -l) captures in $dir"
