#!/usr/bin/env bash
# Throughput of the real `guichet check` binary over stdin, pinned to one core, release build.
# Prints URLs per second for 1,000,000 URLs of the benchmark mix (benches/mix.rs), median of 5.
# Run by hand: benches/check-throughput.sh            (citizen mode, shipped allowlists)
#              benches/check-throughput.sh minor      (minor mode on the filtered web, with the
#                 synthetic 4.5 M-domain list of benches/lists.rs and the filtered-web URL mix)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-citizen}
cargo build --release --no-default-features --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(check --mode "$MODE")
if [ "$MODE" = minor ]; then
  GUICHET_LISTS_OUT="$work/adult.lists" cargo bench --no-default-features --quiet --bench lists >&2
  printf '[kiosk]\nmodes = ["minor"]\n[filter]\nlists = "adult.lists"\n[modes.minor]\ncategories = ["adult"]\n' >"$work/config.toml"
  args+=(--config "$work/config.toml")
fi
GUICHET_MIX_MODE="$MODE" GUICHET_MIX_OUT="$work/urls.txt" cargo bench --no-default-features --quiet --bench mix_urls >/dev/null
times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s.%N)
  taskset -c 0 target/release/guichet "${args[@]}" <"$work/urls.txt" >"$work/out.txt"
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l)")
done
lines=$(wc -l <"$work/out.txt")
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
printf 'guichet check --mode %s: %d URLs, median of 5 runs %.3f s -> %.0f URLs/s (one core)\n' \
  "$MODE" "$lines" "$median" "$(echo "$lines / $median" | bc -l)"
cut -f1 "$work/out.txt" | sort | uniq -c | sed 's/^/  /'
