#!/usr/bin/env bash
# Logout time as a patron sees it: from the click on "Oui, terminer" to a fully painted welcome
# screen, over LOGOUTS sessions (default 20), in the real kiosk under Xvfb (debug build, as the
# tests run it). Prints min, median and max.
#   benches/logout.sh [LOGOUTS]
set -euo pipefail
cd "$(dirname "$0")/.."
. installer/deps.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
LOGOUTS="${1:-20}" cargo test --quiet --test amnesia logout_figures -- --ignored --nocapture 2>&1 | grep -E "^(logout|each)"
