#!/usr/bin/env bash
# WebKit content filters from Debian's EasyList and EasyPrivacy: what they cost, once and per
# session. Prints
#   1. `guichet lists compile-adblock` (host cache, content rules, WebKit's compiled store):
#      its own lines, wall time and peak memory;
#   2. for RUNS sessions with the filters, then RUNS without (`[adblock]` lists empty): the
#      load time each session logs, the PSS of the kiosk's processes by kind on a typical page
#      (3 s after it showed), and the PSS of the compiled filters' mappings in them, medians.
# Xvfb 1280×800. Run by hand (not in CI): benches/content-filters.sh [RUNS]
# GUICHET=path/to/guichet uses that build instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
. installer/deps.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" xvfb matchbox-window-manager webext-ublock-origin-chromium time
if [ -z "${GUICHET:-}" ]; then
  cargo build --release --quiet
  GUICHET=$PWD/target/release/guichet
fi
USAGE="python3 $PWD/benches/tree-usage.py"
. benches/common.sh

# A public-service page with a few resources the lists refuse by path or hide.
mkdir -p "$work/site/ads/banners" "$work/site/js"
printf 'GIF89a\x01\x00\x01\x00\x00\x00\x00;' > "$work/site/ads/banners/pub.gif"
echo 'window.x = 1;' > "$work/site/js/app.js"
cp "$work/site/js/app.js" "$work/site/js/eulerian.js"
python3 - "$work/site" <<'PY'
import sys
paragraphs = "".join(f"<p>Étape {i} : vérifiez vos informations, puis validez.</p>" for i in range(1, 40))
open(f"{sys.argv[1]}/index.html", "w").write(f"""<!DOCTYPE html><html lang=fr><head><meta charset=utf-8><title>Demande</title></head>
<body><h1>Faire une demande</h1><div class="ad-banner">Publicité</div><img src="ads/banners/pub.gif" alt="">
<form><label>Nom <input name=nom></label><button>Continuer</button></form>{paragraphs}
<script src="js/app.js"></script><script src="js/eulerian.js"></script></body></html>""")
PY
serve_site "$work/site"
config() { bench_config "$1" "$work/lists/adblock.cache" "$2"; } # $1: name, $2: more [adblock] lines
config on ""
config off $'ad_lists = []\ntracker_lists = []'
mkdir -p "$work/lists"

echo "== guichet lists compile-adblock (Debian's EasyList and EasyPrivacy)"
/usr/bin/time -f "   wall %e s, peak RSS %M KiB" "$GUICHET" lists compile-adblock --config "$work/on.toml" 2>&1 | sed 's/^/   /'
ls -l "$work/lists/adblock-webkit/" | awk 'NR > 1 { printf "   %s %d bytes\n", $NF, $5 }'

Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp >"$work/display" 2>/dev/null & pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.05; done
display=":$(head -1 "$work/display")"
DISPLAY=$display matchbox-window-manager -use_titlebar no >/dev/null 2>&1 & pids+=($!)

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }
run() { # $1: on or off
  local name=$1 ctl="$GUICHET ctl --socket $work/$1.sock"
  view() { $ctl status 2>/dev/null | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["state"], s["view"])' 2>/dev/null || true; }
  wait_view() { for _ in $(seq 1 300); do [ "$(view)" = "$1" ] && return 0; sleep 0.1; done; echo "never saw '$1'" >&2; return 1; }
  DISPLAY=$display "$GUICHET" run --config "$work/$name.toml" >"$work/$name.log" 2>&1 & local kiosk=$!; pids+=($kiosk)
  wait_view "welcome welcome"
  : > "$work/$name.pss"
  for _ in $(seq 1 "$RUNS"); do
    $ctl open "http://bench.guichet.test/" >/dev/null
    wait_view "active web"
    sleep 3
    $USAGE pss "$kiosk" >> "$work/$name.pss"
    # The compiled filters themselves, as mapped by the kiosk's processes (PSS, MiB).
    python3 - "$kiosk" >> "$work/$name.pss" <<'PY'
import os, sys
root, kib = int(sys.argv[1]), 0
pids = [p for p in os.listdir("/proc") if p.isdigit()]
parent = {}
for p in pids:
    try:
        parent[int(p)] = int(open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1])
    except OSError:
        pass
def under(pid):
    while pid > 1:
        if pid == root:
            return True
        pid = parent.get(pid, 0)
    return False
for pid in [p for p in parent if under(p)]:
    try:
        mapped = False
        for line in open(f"/proc/{pid}/smaps"):
            if line[0] not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
                mapped = "ContentRuleList" in line
            elif mapped and line.startswith("Pss:"):
                kib += int(line.split()[1])
    except OSError:
        pass
print(f"filters-mapped 0 {kib / 1024:.1f}")
PY
    $ctl end-session >/dev/null
    wait_view "welcome welcome"
  done
  kill "$kiosk"; sleep 2
  echo "== filters $name: $RUNS sessions, medians"
  if [ "$name" = on ]; then
    echo "   load time: $(grep -o 'content filters loaded in [0-9]* ms' "$work/$name.log" | awk '{ print $5 }' | median) ms," \
      "of which checking the store: $(grep -o 'store checked in [0-9]* ms' "$work/$name.log" | awk '{ print $4 }' | median) ms"
    grep -m1 -o 'content filters not loaded.*' "$work/$name.log" | sed 's/^/   /' || true
  fi
  for kind in guichet WebKitWebProcess WebKitNetworkProcess total filters-mapped; do
    echo "   $kind: $(awk -v k="$kind" '$1 == k { print $NF }' "$work/$name.pss" | median) MiB"
  done
}
run on
run off
