#!/usr/bin/env bash
# Feedback on a load as a patron sees it: from a click on a link (and from `guichet ctl open`) to
# the bar's loading sign on screen, over TRIALS of each (default 20), in the real kiosk under
# Xvfb (debug build, as the tests run it). The clock starts as the mouse button is released (a
# link follows on release; xdotool mouseup) or as `ctl open` is sent, and stops at the first
# screen dump (xwd, about 20 ms each) that shows the spinner. Also "Commencer" (Enter on the
# welcome screen) to the guide's themes painted: the content view is built at that moment.
#   benches/feedback.sh [TRIALS]
set -euo pipefail
cd "$(dirname "$0")/.."
. installer/deps.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
TRIALS="${1:-20}" cargo test --quiet --test e2e loading_feedback_figures -- --ignored --nocapture 2>&1 | grep -E "(over [0-9]+, min|^each)"
