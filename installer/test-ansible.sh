#!/usr/bin/env bash
# Checks the Ansible role (installer/ansible/) against this machine, as CI does (tests/run-all.sh,
# after the package stage): ansible-lint (production profile) on the playbook and the role, then
# the example playbook site.yml with the médiathèque's site,
#   1. in check mode on a machine without guichet: it passes, says what it would change, and
#      changes nothing;
#   2. for real: the package installed, the site's files in place, the kiosk restarted and up, the
#      lists' update timer on, the kiosk writing its Prometheus textfile;
#   3. again, and in check mode: nothing changes;
#   4. the two other example sites in check mode: their files are valid;
#   5. with a misspelt key: the play fails at `guichet config check` and nothing is touched;
#   6. with a configuration that is valid but on which the kiosk cannot start (its control socket
#      in a folder the kiosk account cannot create): the play fails, the previous files are back
#      and the kiosk is up with them;
#   7. upgraded to a later version from an http:// address (on 127.0.0.1), after a play that
#      stopped before its restart (its mark left): the site's files kept, the kiosk restarted; the
#      timer turned off, its units gone.
# There is no systemd here: the role restarts the kiosk with installer/ansible/tests/headless-kiosk.sh
# (guichet.service's own command under cage on a headless screen). At the end the package is
# purged and everything the test made is removed.
#
#   installer/test-ansible.sh [PACKAGE.deb]
#
# Without PACKAGE.deb it packages the program `cargo test` built (build-deb.sh --profile test).
# Run as root on a machine where guichet is not installed: it installs and purges it. With
# GUICHET_ANSIBLE_TEST_LOGS=DIR, each play's output is kept in DIR/NAME.log.
set -euo pipefail
cd "$(dirname "$0")/.."
. installer/deps.sh
repo=$PWD

package_test_start test-ansible.sh "$@"
for path in /etc/guichet /var/lib/guichet-ansible /etc/systemd/system/guichet-lists-update.timer; do
  if [ -e "$path" ]; then
    echo "test-ansible.sh: $path exists; this test would remove it" >&2
    exit 2
  fi
done
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${KIOSK_PACKAGES[@]}" "${FLEET_TEST_PACKAGES[@]}"

fail() {
  echo "test-ansible.sh: $*" >&2
  exit 1
}

if [ -z "$deb" ]; then
  echo "-- build"
  deb=$(installer/build-deb.sh --profile test | tail -n 1)
fi
[ -f "$deb" ] || fail "no package file $deb"
[ "$(dpkg-deb -f "$deb" Package)" = guichet ] || fail "$deb is not the guichet package"
deb=$(realpath "$deb")

# The kiosk account must reach the Prometheus folder under it: world-traversable.
work=$(mktemp -d /tmp/guichet-ansible-test.XXXXXX)
chmod 0755 "$work"
kiosk_state="$work/kiosk"
http_server=""
cleanup() {
  [ -z "$http_server" ] || kill "$http_server" 2>/dev/null || true
  installer/ansible/tests/headless-kiosk.sh stop "$kiosk_state" || true
  if [ -n "${GUICHET_ANSIBLE_TEST_LOGS:-}" ]; then
    mkdir -p "$GUICHET_ANSIBLE_TEST_LOGS"
    cp "$work"/*.log "$kiosk_state/kiosk.log" "$GUICHET_ANSIBLE_TEST_LOGS/" 2>/dev/null || true
  fi
  if guichet_on_machine; then
    dpkg -P guichet >/dev/null 2>&1 || true
  fi
  # What the role put in place besides the package's files.
  if [ -L /etc/systemd/system/timers.target.wants/guichet-lists-update.timer ]; then
    rm -f /etc/systemd/system/timers.target.wants/guichet-lists-update.timer
  fi
  rm -f /etc/systemd/system/guichet-lists-update.service /etc/systemd/system/guichet-lists-update.timer
  rm -rf /etc/guichet /var/lib/guichet-ansible /run/kiosque "$work"
}
trap cleanup EXIT

# Ansible and ansible-lint write nothing in root's home: their folders are the test's.
export XDG_CACHE_HOME="$work/cache" ANSIBLE_CONFIG="$work/ansible.cfg" ANSIBLE_HOME="$work/ansible-home" ANSIBLE_LOCAL_TEMP="$work/ansible-tmp" \
  ANSIBLE_REMOTE_TEMP="$work/ansible-tmp" ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_PIPELINING=1 TMPDIR="$work"
: > "$ANSIBLE_CONFIG"
prom="$work/node-exporter/guichet.prom"
# This machine, as a kiosk of the médiathèque du centre (group_vars/mediatheque_centre.yml).
write_inventory() {
  printf '[%s]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n[guichet:children]\n%s\n' "$1" "$1" \
    > "$work/inventory"
}
write_inventory mediatheque_centre
# The package, and the restart without systemd; for the médiathèque, the timer and a Prometheus
# folder of the test's own. The other example sites keep their group_vars.
common_vars="\"guichet_package\": \"$deb\", \"guichet_service_manager\": \"command\",
  \"guichet_restart_command\": \"$repo/installer/ansible/tests/headless-kiosk.sh restart $kiosk_state\",
  \"guichet_start_timeout\": 60"
echo "{$common_vars, \"guichet_lists_update_timer\": true, \"guichet_prometheus_textfile\": \"$prom\"}" > "$work/vars.json"
echo "{$common_vars}" > "$work/example-vars.json"
vars_file="$work/vars.json"

# run_play NAME ARGUMENTS...: runs site.yml, keeps its output in $work/NAME.log, sets $play_status
# and $recap (the PLAY RECAP line) and prints them with the time taken.
run_play() {
  local name="$1" started
  shift
  started=$(date +%s)
  play_status=0
  ansible-playbook -i "$work/inventory" installer/ansible/site.yml -e "@$vars_file" "$@" \
    >"$work/$name.log" 2>&1 || play_status=$?
  recap=$(grep -E '^localhost +: ok=' "$work/$name.log" || true)
  echo "   exit $play_status in $(($(date +%s) - started)) s: ${recap:-no recap}"
}
show_log() {
  cat "$work/$1.log" >&2
}
# The message the play failed with, as staff read it.
show_failure() {
  sed -n 's/^fatal: \[localhost\]: FAILED! => //p' "$work/$1.log" | tail -n 1 \
    | python3 -c 'import json, sys; print("   " + json.load(sys.stdin)["msg"])'
}
recap_count() {
  sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$recap"
}
expect_success() {
  [ "$play_status" -eq 0 ] && [ "$(recap_count failed)" = 0 ] || { show_log "$1"; fail "$1: the play failed"; }
}
# A fingerprint of the site's files in place: names, modes, owners, contents.
fingerprint() {
  (cd /etc/guichet && find config.toml allowlists demarches -printf '%p %m %u:%g\n' -type f -exec sha256sum {} \; 2>/dev/null) | sort
}
status_of_kiosk() {
  guichet ctl --config /etc/guichet/config.toml status 2>/dev/null || true
}

echo "-- ansible-lint"
(cd installer/ansible && ansible-lint --offline --nocolor --profile production site.yml roles/guichet)

echo "-- 1. check mode, guichet not installed"
run_play check-fresh --check --diff
expect_success check-fresh
[ "$(recap_count changed)" -gt 0 ] || { show_log check-fresh; fail "check mode found nothing to change on a machine without guichet"; }
grep -q 'would install guichet_' "$work/check-fresh.log" || { show_log check-fresh; fail "check mode did not say it would install the package"; }
grep -q '"new: allowlists/ville.toml"' "$work/check-fresh.log" || { show_log check-fresh; fail "check mode did not list the site's files"; }
grep -q '"+name = \\"Médiathèque du centre\\""' "$work/check-fresh.log" || { show_log check-fresh; fail "--diff did not show the configuration's lines"; }
guichet_on_machine && fail "check mode installed the package (dpkg says: $(guichet_status))"
for path in /etc/guichet /var/lib/guichet-ansible /etc/systemd/system/guichet-lists-update.timer "$work/node-exporter"; do
  [ ! -e "$path" ] || fail "check mode made $path"
done
[ -z "$(find "$work" -maxdepth 2 -name '*.guichet-site')" ] || fail "check mode left its staging folder"

echo "-- 2. for real: installed, the site's files in place, the kiosk restarted and up"
run_play install
expect_success install
dpkg-query -W -f='${Status}' guichet | grep -q 'install ok installed' || fail "the package is not installed"
grep -qx 'name = "Médiathèque du centre"' /etc/guichet/config.toml || fail "/etc/guichet/config.toml is not the site's"
cmp -s installer/ansible/sites/mediatheque-centre/allowlists/ville.toml /etc/guichet/allowlists/ville.toml \
  || fail "/etc/guichet/allowlists/ville.toml is not the site's"
cmp -s installer/ansible/sites/mediatheque-centre/demarches/ville.toml /etc/guichet/demarches/ville.toml \
  || fail "/etc/guichet/demarches/ville.toml is not the site's"
for path in /etc/guichet/config.toml /etc/guichet/allowlists/ville.toml /etc/guichet/demarches/ville.toml; do
  [ "$(stat -c '%U:%G %a' "$path")" = "root:guichet 640" ] || fail "$path: $(stat -c '%U:%G %a' "$path"), expected root:guichet 640"
done
for path in /etc/guichet/allowlists /etc/guichet/demarches; do
  [ "$(stat -c '%U:%G %a' "$path")" = "root:guichet 750" ] || fail "$path: $(stat -c '%U:%G %a' "$path"), expected root:guichet 750"
done
cmp -s assets/default-config.toml /var/lib/guichet-ansible/previous/config.toml \
  || fail "the previous configuration kept for a rollback is not the package's"
[ ! -e /var/lib/guichet-ansible/restart-pending ] || fail "the restart left its pending mark"
state=$(status_of_kiosk)
grep -q '"state":"welcome"' <<<"$state" || { cat "$kiosk_state/kiosk.log" >&2; fail "the kiosk is not up after the play (status: ${state:-none})"; }
echo "   $state"
runuser -u guichet -- guichet demarches list --config /etc/guichet/config.toml | grep -q exempleville-cantine \
  || fail "the kiosk account does not see the site's démarche"
[ -L /etc/systemd/system/timers.target.wants/guichet-lists-update.timer ] || fail "guichet-lists-update.timer is not enabled"
systemd-analyze verify /etc/systemd/system/guichet-lists-update.service /etc/systemd/system/guichet-lists-update.timer
for _ in $(seq 1 30); do
  [ -s "$prom" ] && break
  sleep 1
done
[ -s "$prom" ] || fail "the kiosk did not write its Prometheus textfile $prom"
[ "$(stat -c %U "$prom")" = guichet ] || fail "$prom was not written by the kiosk account"
grep -q '^guichet_' "$prom" || fail "$prom holds no guichet_ metric"
kiosk_group=$(cat "$kiosk_state/kiosk.pgid")
installed=$(fingerprint)

echo "-- 3. again, and in check mode: nothing changes"
run_play again
expect_success again
[ "$(recap_count changed)" = 0 ] || { show_log again; fail "a second run changed something"; }
run_play check-again --check --diff
expect_success check-again
[ "$(recap_count changed)" = 0 ] || { show_log check-again; fail "check mode on an up-to-date kiosk finds changes"; }
[ "$(cat "$kiosk_state/kiosk.pgid")" = "$kiosk_group" ] || fail "a run without changes restarted the kiosk"

echo "-- 4. the other example sites, in check mode: valid, and nothing changes"
pin_hash=$(printf 2580 | guichet pin hash)
vars_file="$work/example-vars.json"
write_inventory mairie_annexe
run_play check-mairie --check --diff
expect_success check-mairie
grep -q '"new: demarches/etat-civil.toml"' "$work/check-mairie.log" || { show_log check-mairie; fail "check mode did not list the mairie's files"; }
grep -q '"+idle_timeout = \\"3m\\"",' "$work/check-mairie.log" || { show_log check-mairie; fail "--diff did not show the change of idle_timeout"; }
write_inventory france_services
run_play check-france-services --check --diff -e "guichet_advisor_pin_hash=$pin_hash"
expect_success check-france-services
write_inventory mediatheque_centre
vars_file="$work/vars.json"
[ "$(fingerprint)" = "$installed" ] || fail "a run in check mode changed the files in place"
[ ! -e /var/lib/prometheus ] || fail "a run in check mode made /var/lib/prometheus"

echo "-- 5. a misspelt key: refused by guichet config check, nothing touched"
cp -r installer/ansible/sites/mediatheque-centre "$work/misspelt-site"
sed -i 's/^idle_timeout = /idel_timeout = /' "$work/misspelt-site/config.toml.j2"
run_play misspelt -e "guichet_site_dir=$work/misspelt-site"
[ "$play_status" -ne 0 ] || { show_log misspelt; fail "a misspelt key did not fail the play"; }
show_failure misspelt
grep -q "unknown key \`idel_timeout\` in \[session\]: did you mean \`idle_timeout\`?" "$work/misspelt.log" \
  || { show_log misspelt; fail "the play did not show guichet config check's error"; }
grep -q "$work/misspelt-site/config.toml:" "$work/misspelt.log" || { show_log misspelt; fail "the error does not name the site's file"; }
[ "$(fingerprint)" = "$installed" ] || fail "a refused configuration changed the files in place"
[ ! -e /var/lib/guichet-ansible/restart-pending ] || fail "a refused configuration left a restart pending"
[ "$(cat "$kiosk_state/kiosk.pgid")" = "$kiosk_group" ] || fail "a refused configuration restarted the kiosk"
grep -q '"state":"welcome"' <<<"$(status_of_kiosk)" || fail "the kiosk is not up after a refused configuration"

echo "-- 6. valid, but the kiosk cannot start with it: rolled back"
cp -r installer/ansible/sites/mediatheque-centre "$work/unstartable-site"
# Only root may create a folder in /run: the kiosk account cannot bind its control socket there.
printf '\n[control]\nsocket = "/run/kiosque/control.sock"\n' >> "$work/unstartable-site/config.toml.j2"
run_play unstartable -e "guichet_site_dir=$work/unstartable-site" -e guichet_start_timeout=30
[ "$play_status" -ne 0 ] || { show_log unstartable; fail "a kiosk that did not start did not fail the play"; }
show_failure unstartable
grep -q 'ROLLED BACK' "$work/unstartable.log" || { show_log unstartable; fail "the play did not say it rolled back"; }
grep -q 'run/kiosque/control.sock' "$work/unstartable.log" || { show_log unstartable; fail "the play did not say why the kiosk did not come up"; }
[ "$(fingerprint)" = "$installed" ] || fail "the rollback did not put the previous files back"
[ ! -e /var/lib/guichet-ansible/restart-pending ] || fail "the rollback left a restart pending"
state=$(status_of_kiosk)
grep -q '"state":"welcome"' <<<"$state" || { cat "$kiosk_state/kiosk.log" >&2; fail "the kiosk is not up after the rollback (status: ${state:-none})"; }
[ "$(cat "$kiosk_state/kiosk.pgid")" != "$kiosk_group" ] || fail "the kiosk was not restarted by the rollback"
kiosk_group=$(cat "$kiosk_state/kiosk.pgid")

echo "-- 7. an upgrade from an http:// address, after a play that stopped before its restart; the timer off"
# The same program as a later version, served on 127.0.0.1.
version=$(dpkg-deb -f "$deb" Version)
upgrade="guichet_${version}+fleettest1_$(dpkg-deb -f "$deb" Architecture).deb"
mkdir -p "$work/www"
dpkg-deb -R "$deb" "$work/repack"
sed -i "s/^Version: .*/Version: ${version}+fleettest1/" "$work/repack/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$work/repack" "$work/www/$upgrade" >/dev/null
: > "$work/http.log"
python3 -u -m http.server --bind 127.0.0.1 --directory "$work/www" 0 >"$work/http.log" 2>&1 &
http_server=$!
port=""
for _ in $(seq 1 50); do
  port=$(sed -n 's/^Serving HTTP on 127.0.0.1 port \([0-9]*\).*/\1/p' "$work/http.log" || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || fail "the test's HTTP server did not start: $(cat "$work/http.log")"
# What the role leaves when a play stops between putting files in place and restarting the kiosk.
: > /var/lib/guichet-ansible/restart-pending
run_play upgrade -e guichet_lists_update_timer=false -e "guichet_package=http://127.0.0.1:$port/$upgrade"
kill "$http_server"
wait "$http_server" 2>/dev/null || true
http_server=""
expect_success upgrade
# The mark seen, the download, the upgrade, the older file removed, the restart and its proof, the
# timer disabled and its units removed.
[ "$(recap_count changed)" = 8 ] || { show_log upgrade; fail "the upgrade changed $(recap_count changed) things, expected 8"; }
[ "$(dpkg-query -W -f='${Version}' guichet)" = "${version}+fleettest1" ] || fail "guichet was not upgraded to ${version}+fleettest1"
[ "$(ls /var/lib/guichet-ansible/packages)" = "$upgrade" ] || fail "the role's package folder holds $(ls /var/lib/guichet-ansible/packages | tr '\n' ' ')"
[ "$(fingerprint)" = "$installed" ] || fail "the upgrade changed the site's files"
[ "$(cat "$kiosk_state/kiosk.pgid")" != "$kiosk_group" ] || fail "the kiosk was not restarted"
[ ! -e /var/lib/guichet-ansible/restart-pending ] || fail "the pending restart's mark is still there"
grep -q '"state":"welcome"' <<<"$(status_of_kiosk)" || fail "the kiosk is not up after the upgrade"
for path in /etc/systemd/system/timers.target.wants/guichet-lists-update.timer /etc/systemd/system/guichet-lists-update.timer \
  /etc/systemd/system/guichet-lists-update.service; do
  [ ! -e "$path" ] && [ ! -L "$path" ] || fail "$path is still there with the timer turned off"
done

echo "-- cleanup"
trap - EXIT
cleanup
for path in /etc/guichet /var/lib/guichet /var/lib/guichet-ansible /run/guichet /run/kiosque "$work" \
  /etc/systemd/system/guichet-lists-update.timer /etc/systemd/system/timers.target.wants/guichet-lists-update.timer; do
  [ ! -e "$path" ] && [ ! -L "$path" ] || fail "$path is still there after the cleanup"
done
getent passwd guichet >/dev/null && fail "the guichet user is still there after the cleanup"
pgrep -u guichet >/dev/null 2>&1 && fail "processes of the guichet user still run"
echo "Ansible role checked: check mode, install, idempotence, a refused configuration, a rollback, an upgrade, the timer; purged."
