#!/usr/bin/env bash
# Guichet against `chromium --kiosk`, side by side in one run, on the same local page, each on
# its own Xvfb screen: launch → first paint (median of RUNS) and the PSS of the whole process
# tree 3 s after that paint. Run by hand (not in CI): benches/vs-chromium.sh [RUNS]
#
# Guichet's figure is conservative: its first screen is the welcome screen, so the clock runs
# until `guichet ctl open` has shown the page (supervisor, session process, both views, proxy).
#
# A run that misses its paint (a busy machine) is counted, not fatal: the medians are over the
# runs that painted, printed with the number that did not. BENCH_MISS_RUN=N makes run N miss
# on purpose, to check that path.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
. installer/deps.sh
need_packages "${BUILD_PACKAGES[@]}" xvfb matchbox-window-manager imagemagick chromium
cargo build --release --quiet
GUICHET=$PWD/target/release/guichet
. benches/common.sh
# The screens are started in command substitutions (subshells): their pids go through a file.
screens=$work/screens.pids
stop_screens() {
  [ -s "$screens" ] && { kill $(cat "$screens") 2>/dev/null || true; }
  : > "$screens"
}
at_exit stop_screens

# The page: one colour the screenshots look for, some text, served on loopback.
mkdir -p "$work/site"
cat > "$work/site/index.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bench</title>
<style>body{margin:0;height:100vh;background:#3d5afe;color:#fff;font:24px sans-serif}</style></head>
<body><h1>Attestation de paiement</h1><p>Page de mesure.</p></body></html>
HTML
serve_site "$work/site"

now() { date +%s.%N; }
# Waits until the centre of the screen shows the page's blue; prints the seconds since $1.
wait_paint() {
  local start=$1 display=$2 run=$3
  if [ "${BENCH_MISS_RUN:-}" = "$run" ]; then
    echo "no paint (BENCH_MISS_RUN=$run)" >&2; return 1
  fi
  for _ in $(seq 1 600); do
    if DISPLAY=$display import -window root -crop 1x1+640+600 -depth 8 txt:- 2>/dev/null | grep -qi '#3D5AFE'; then
      echo "$(now) - $start" | bc -l; return 0
    fi
    sleep 0.02
  done
  echo "no paint after 12 s" >&2; return 1
}
# PSS of a process and all its descendants, in MiB.
tree_pss() {
  local root=$1 total p
  total=$(for p in $(pstree -p -T "$root" | grep -o '([0-9]*)' | tr -d '()' | sort -u); do
    awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null; done | paste -sd+ | bc)
  echo "scale=1; ${total:-0} / 1024" | bc
}
start_screen() {
  : > "$work/display"
  Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp >"$work/display" 2>/dev/null & echo $! >> "$screens"
  for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.05; done
  local display=":$(head -1 "$work/display")"
  DISPLAY=$display matchbox-window-manager -use_titlebar no >/dev/null 2>&1 & echo $! >> "$screens"
  sleep 0.5
  echo "$display"
}
# The median of the numbers on standard input; "-" when there are none.
median() { sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "-")}'; }
# Ends a run's browser, whether it painted or not.
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

guichet_run() {
  local display run=$1
  display=$(start_screen)
  bench_config "g$run"
  local start; start=$(now)
  DISPLAY=$display "$GUICHET" run --config "$work/g$run.toml" >"$work/g$run.log" 2>&1 & local pid=$!; pids+=($pid)
  local tries=0
  until "$GUICHET" ctl --socket "$work/g$run.sock" open "http://bench.guichet.test/" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 1500 ]; then echo "no control socket after 30 s" >&2; stop "$pid"; return 1; fi
    sleep 0.02
  done
  local paint
  if ! paint=$(wait_paint "$start" "$display" "$run"); then stop "$pid"; return 1; fi
  sleep 3
  echo "$paint $(tree_pss "$pid")"
  stop "$pid"
}

chromium_run() {
  local display run=$1
  display=$(start_screen)
  local profile="$work/chromium-$run"; mkdir -p "$profile"
  local sandbox=(); [ "$(id -u)" -eq 0 ] && sandbox=(--no-sandbox)
  local start; start=$(now)
  DISPLAY=$display chromium --kiosk "${sandbox[@]}" --user-data-dir="$profile" --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions --disable-features=Translate \
    "http://127.0.0.1:$port/" >"$work/c$run.log" 2>&1 & local pid=$!; pids+=($pid)
  local paint
  if ! paint=$(wait_paint "$start" "$display" "$run"); then stop "$pid"; return 1; fi
  sleep 3
  echo "$paint $(tree_pss "$pid")"
  stop "$pid"
}

: > "$work/guichet.txt"; : > "$work/chromium.txt"
declare -A missed=([guichet]=0 [chromium]=0)
for run in $(seq 1 "$RUNS"); do
  for who in guichet chromium; do
    echo "run $run: $who" >&2
    if ! "${who}_run" "$run" >> "$work/$who.txt"; then
      missed[$who]=$((missed[$who] + 1))
      echo "run $run: $who missed its paint; counted, going on" >&2
    fi
    stop_screens
  done
done
printf '%-10s %24s %22s %8s\n' "" "launch→first paint (s)" "PSS of tree (MiB)" "missed"
for who in guichet chromium; do
  printf '%-10s %24s %22s %8s   runs: %s\n' "$who" "$(cut -d' ' -f1 "$work/$who.txt" | median)" \
    "$(cut -d' ' -f2 "$work/$who.txt" | median)" "${missed[$who]}/$RUNS" "$(tr '\n' ';' < "$work/$who.txt")"
done
