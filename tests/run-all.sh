#!/usr/bin/env bash
# Runs every test: the display-free core, then the whole crate. Installs what it needs first.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
. installer/deps.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"

echo "== core (no WebKit, no display)"
cargo test --no-default-features --locked
echo "== whole crate, with end-to-end tests in real WebKitGTK windows (each on its own Xvfb)"
cargo test --locked
echo "== lints"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --no-default-features --all-targets -- -D warnings
echo "All tests passed."
