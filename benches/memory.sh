#!/usr/bin/env bash
# Memory and idle CPU of the whole kiosk, as the mairie's old computer would feel them: the PSS
# of every process of the tree (supervisor, sessions, WebKit's processes, D-Bus, sandboxes),
# by kind and in total, and its CPU over 30 s of rest, in three states:
#   1. the welcome screen with the next patron's session ready (after 25 s of rest);
#   2. a patron on a typical page;
#   3. the welcome screen again after SESSIONS sessions (default 20).
# Then `chromium --kiosk` on the same page, counted the same way. Release build, Xvfb
# 1280×800. Run by hand (not in CI): benches/memory.sh [SESSIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS=${1:-20}
. installer/deps.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" xvfb matchbox-window-manager chromium
cargo build --release --quiet
GUICHET=$PWD/target/release/guichet
USAGE="python3 $PWD/benches/tree-usage.py"
. benches/common.sh

# A typical public-service page: text, a form, a picture, a script, served on loopback.
mkdir -p "$work/site"
python3 - "$work/site" <<'PY'
import sys, base64, zlib, struct
folder = sys.argv[1]
def png(w, h):
    raw = b"".join(b"\x00" + bytes((30 + x % 200, 80, 160)) * 1 * w for x in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(f"{folder}/logo.png", "wb").write(png(400, 200))
paragraphs = "".join(f"<p>Étape {i} : vérifiez vos informations, puis validez. Les pièces justificatives "
                     f"sont demandées au format PDF ou JPEG. Conservez votre numéro de dossier.</p>" for i in range(1, 40))
open(f"{folder}/index.html", "w").write(f"""<!DOCTYPE html><html lang=fr><head><meta charset=utf-8><title>Demande en ligne</title>
<style>body{{font:18px sans-serif;max-width:60em;margin:auto;padding:1em}}header{{background:#000091;color:#fff;padding:1em}}
label{{display:block;margin-top:1em}}input{{font:inherit;width:100%}}</style></head>
<body><header><img src=logo.png alt="" width=200><h1>Faire une demande</h1></header>
<form><label>Nom <input name=nom></label><label>Prénom <input name=prenom></label>
<label>Numéro allocataire <input name=numero></label><button>Continuer</button></form>{paragraphs}
<script>document.querySelectorAll('input').forEach((i) => i.addEventListener('input', () => {{}}));</script></body></html>""")
PY
serve_site "$work/site"
bench_config kiosk

start_screen() {
  : > "$work/display"
  Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp >"$work/display" 2>/dev/null & pids+=($!)
  for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.05; done
  display=":$(head -1 "$work/display")"
  DISPLAY=$display matchbox-window-manager -use_titlebar no >/dev/null 2>&1 & pids+=($!)
}
ctl() { "$GUICHET" ctl --socket "$work/kiosk.sock" "$@"; }
view() { ctl status 2>/dev/null | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["state"], s["view"])' 2>/dev/null || true; }
wait_view() {
  for _ in $(seq 1 300); do [ "$(view)" = "$1" ] && return 0; sleep 0.1; done
  echo "never saw '$1' (last: $(view))" >&2; return 1
}
measure() {
  local label=$1 root=$2
  echo "== $label"
  $USAGE pss "$root" | sed 's/^/   /'
  echo "   idle CPU over 30 s: $($USAGE cpu "$root" 30) % of one core"
}

start_screen
DISPLAY=$display "$GUICHET" run --config "$work/kiosk.toml" >"$work/guichet.log" 2>&1 & kiosk=$!; pids+=($kiosk)
wait_view "welcome welcome"
sleep 25
measure "Guichet: welcome screen, next session ready (25 s of rest)" "$kiosk"
ctl open "http://bench.guichet.test/" >/dev/null
wait_view "active web"
sleep 10
measure "Guichet: a patron on a typical page" "$kiosk"
for i in $(seq 1 "$SESSIONS"); do
  [ "$i" -gt 1 ] && { ctl open "http://bench.guichet.test/" >/dev/null; wait_view "active web"; sleep 1; }
  ctl end-session >/dev/null
  wait_view "welcome welcome"
done
sleep 25
measure "Guichet: welcome screen after $SESSIONS sessions" "$kiosk"
kill "$kiosk"; sleep 3

start_screen
DISPLAY=$display chromium --kiosk --no-sandbox --no-first-run --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/chromium" "http://127.0.0.1:$port/" >/dev/null 2>&1 & chromium=$!; pids+=($chromium)
sleep 25
measure "chromium --kiosk on the same page" "$chromium"
