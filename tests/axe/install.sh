#!/usr/bin/env bash
# Installs axe-core, at the version tests/axe/package-lock.json pins (npm ci checks its
# integrity hash), into target/axe for tests/axe_audit.rs. Does nothing when that version is
# already there. Needs npm (installer/deps.sh: need_npm).
set -euo pipefail
cd "$(dirname "$0")/../.."
dest="${CARGO_TARGET_DIR:-target}/axe"
if [ -f "$dest/node_modules/axe-core/axe.min.js" ] && cmp -s tests/axe/package-lock.json "$dest/package-lock.json"; then
  exit 0
fi
mkdir -p "$dest"
cp tests/axe/package.json tests/axe/package-lock.json "$dest/"
npm ci --prefix "$dest" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
test -f "$dest/node_modules/axe-core/axe.min.js"
