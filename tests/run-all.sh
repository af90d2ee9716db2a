#!/usr/bin/env bash
# Runs every test: the display-free core, then the whole workspace. Installs what it needs first.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
. installer/deps.sh
need_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${KIOSK_PACKAGES[@]}" "${PACKAGE_TEST_PACKAGES[@]}" \
  "${FLEET_TEST_PACKAGES[@]}"
need_npm
# axe-core, pinned, for the accessibility audit (tests/axe_audit.rs).
tests/axe/install.sh

echo "== core (no WebKit, no display)"
cargo test --no-default-features --locked
echo "== whole workspace, with end-to-end tests in real WebKitGTK windows (each on its own Xvfb) and the"
echo "   accessibility audit of every internal page in every language (axe-core in WebKitGTK)"
cargo test --locked --workspace
echo "== Debian package: the program the tests built, packaged, checked by lintian, installed, started, purged"
deb=$(installer/build-deb.sh --profile test | tail -n 1)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo installer/test-package.sh "$deb"
echo "== Ansible role: the same package and an example site put on this machine, checked, rolled back, purged"
$sudo installer/test-ansible.sh "$deb"
echo "== lints"
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --no-default-features --all-targets -- -D warnings
echo "All tests passed."
