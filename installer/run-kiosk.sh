#!/usr/bin/env bash
# Builds Guichet and runs the kiosk with the built-in default configuration (or the file given
# as first argument). Installs the build packages first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. installer/deps.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
cargo build --release --quiet
config=()
[ $# -gt 0 ] && config=(--config "$1")
target/release/guichet config check "${config[@]}"

# The default control socket lives in /run/guichet, which only root may create.
if [ ! -w /run/guichet ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo install -d -m 0700 -o "$(id -u)" -g "$(id -g)" /run/guichet
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  need_packages xvfb xauth matchbox-window-manager
  echo "No display on this machine: the kiosk runs on a virtual screen."
  echo "In another terminal: target/release/guichet ctl status"
  exec xvfb-run -a -s "-screen 0 1280x800x24" \
    sh -c 'matchbox-window-manager -use_titlebar no & exec "$@"' kiosk target/release/guichet run "${config[@]}"
fi
exec target/release/guichet run "${config[@]}"
