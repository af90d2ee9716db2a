#!/usr/bin/env bash
# Throughput of the real `guichet check` binary over stdin, pinned to one core, release build.
# Prints URLs per second for 1,000,000 URLs of the benchmark mix (benches/mix.rs), median of 5.
# Run by hand: benches/check-throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --no-default-features --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
GUICHET_MIX_OUT="$work/urls.txt" cargo bench --no-default-features --quiet --bench mix_urls >/dev/null
times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s.%N)
  taskset -c 0 target/release/guichet check <"$work/urls.txt" >"$work/out.txt"
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l)")
done
lines=$(wc -l <"$work/out.txt")
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
printf 'guichet check: %d URLs, median of 5 runs %.3f s -> %.0f URLs/s (one core)\n' \
  "$lines" "$median" "$(echo "$lines / $median" | bc -l)"
