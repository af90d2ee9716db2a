# Sourced by the bench scripts (memory.sh, content-filters.sh, vs-chromium.sh): a work folder and
# the processes started for the bench, both gone at exit, and a local site on loopback that the
# kiosk reaches as bench.guichet.test. KEEP=1 leaves the work folder for a look after a failure.
work=$(mktemp -d)
pids=()
# More to stop at exit (a script's own screens): commands added with `at_exit "…"`.
exit_commands=()
at_exit() { exit_commands+=("$1"); }
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for command in "${exit_commands[@]}"; do eval "$command"; done
  sleep 1
  if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap bench_cleanup EXIT

# serve_site DIR: serves DIR on a free loopback port (in $port) and writes $work/bench.toml, the
# allowlist entry for bench.guichet.test (mapped to that port by each config's [network.hosts]).
serve_site() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  (cd "$1" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)
  cat > "$work/bench.toml" <<TOML
[[site]]
name = "Banc de mesure"
category = "information"
hosts = ["bench.guichet.test"]
schemes = ["http"]
TOML
}

# bench_config NAME [ADBLOCK_CACHE] [MORE_ADBLOCK_LINES]: writes $work/NAME.toml, a kiosk that
# reaches the local site (serve_site first), with its own sessions folder ($work/sessions-NAME),
# control socket ($work/NAME.sock) and counts, and its ad cache (default $work/adblock.cache).
bench_config() {
  local name=$1 cache=${2:-$work/adblock.cache}
  cat > "$work/$name.toml" <<TOML
[policy]
allowlists = ["builtin", "$work/bench.toml"]
[session]
folder = "$work/sessions-$name"
[control]
socket = "$work/$name.sock"
[network.hosts]
"bench.guichet.test" = "127.0.0.1:$port"
[stats]
file = "$work/stats-$name.jsonl"
[adblock]
cache = "$cache"
${3:-}
TOML
}
