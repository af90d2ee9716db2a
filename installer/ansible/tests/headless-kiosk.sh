#!/usr/bin/env bash
# Stands in for systemd where there is none (installer/test-ansible.sh in CI): starts
# guichet.service's own command (cage, then `guichet run` as the kiosk user) on a headless screen
# with what systemd and logind would give it, and stops it. The guichet role runs `headless-kiosk.sh
# restart STATE_DIR` as its guichet_restart_command (guichet_service_manager: command).
#
#   headless-kiosk.sh restart STATE_DIR   stops the kiosk started before, if any, and starts it
#   headless-kiosk.sh stop STATE_DIR      stops it and unmounts the runtime folder it mounted
#
# STATE_DIR keeps the kiosk's process group and log. Run as root, with the package installed.
set -euo pipefail

[ $# -eq 2 ] && { [ "$1" = restart ] || [ "$1" = stop ]; } || {
  echo "headless-kiosk.sh: expected restart STATE_DIR or stop STATE_DIR" >&2
  exit 2
}
command="$1" state="$2"
mkdir -p "$state"
unit=/lib/systemd/system/guichet.service

# SIGTERM to the group lets the supervisor end and wipe its sessions; whatever of the kiosk user
# is left after 10 s is killed by pid.
stop_kiosk() {
  [ -f "$state/kiosk.pgid" ] || return 0
  kill -TERM -- "-$(cat "$state/kiosk.pgid")" 2>/dev/null || true
  for _ in $(seq 1 20); do
    pgrep -u guichet >/dev/null || break
    sleep 0.5
  done
  for pid in $(pgrep -u guichet); do
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -f "$state/kiosk.pgid"
  # systemd removes the unit's RuntimeDirectory= when it stops.
  rm -rf /run/guichet
}

stop_kiosk
uid=$(id -u guichet 2>/dev/null || true)
run_dir="/run/user/${uid:-none}"
if [ "$command" = stop ]; then
  if [ -f "$state/mounted" ]; then
    umount "$(cat "$state/mounted")" 2>/dev/null || true
    rmdir "$(cat "$state/mounted")" 2>/dev/null || true
    rm -f "$state/mounted"
  fi
  if [ -f "$state/made-run-user" ]; then
    rmdir /run/user 2>/dev/null || true
    rm -f "$state/made-run-user"
  fi
  exit 0
fi

[ -n "$uid" ] && [ -f "$unit" ] || { echo "headless-kiosk.sh: the guichet package is not installed" >&2; exit 1; }
# logind's runtime folder for the kiosk user, a tmpfs; kept across restarts as logind would.
if ! mountpoint -q "$run_dir"; then
  [ -d /run/user ] || { mkdir -p /run/user; touch "$state/made-run-user"; }
  mkdir -p "$run_dir"
  mount -t tmpfs -o "mode=0700,uid=$uid,gid=$(id -g guichet),size=256m" tmpfs "$run_dir"
  echo "$run_dir" > "$state/mounted"
fi
# The unit's RuntimeDirectory= and its environment and command, as systemd would run them.
install -d -m 0700 -o guichet -g guichet /run/guichet
mapfile -t unit_environment < <(sed -n 's/^Environment=//p' "$unit")
read -r -a exec_start < <(sed -n 's/^ExecStart=//p' "$unit")
setsid runuser -u guichet -- env -i PATH=/usr/bin:/bin HOME=/var/lib/guichet XDG_RUNTIME_DIR="$run_dir" \
  "${unit_environment[@]}" WLR_BACKENDS=headless WLR_RENDERER=pixman "${exec_start[@]}" \
  </dev/null >>"$state/kiosk.log" 2>&1 &
echo $! > "$state/kiosk.pgid"
