#!/usr/bin/env bash
# Builds the Debian package target/debian/guichet_<version>_<arch>.deb: the program, the
# configuration /etc/guichet/config.toml (a conffile: the built-in defaults, commented), the kiosk
# unit with its PAM file, and the maintainer scripts that make the `guichet` account. Installs the
# build packages first when they are missing. Build it on the release it is for (Debian 12 or
# Ubuntu 24.04): its library versions come from the machine that builds it.
#
#   installer/build-deb.sh                   an optimised build, what staff install
#   installer/build-deb.sh --profile test    packages the program `cargo test` built (CI)
#
# CARGO_PROFILE=NAME does the same as --profile NAME. DEB_MAINTAINER="Name <address>" sets the
# package's Maintainer field (default: DEBFULLNAME and DEBEMAIL, as Debian's tools read them).
set -euo pipefail
cd "$(dirname "$0")/.."
. installer/deps.sh

profile="${CARGO_PROFILE:-release}"
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) [ $# -ge 2 ] || { echo "build-deb.sh: --profile needs a name" >&2; exit 2; }; profile="$2"; shift 2 ;;
    --profile=*) profile="${1#*=}"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "build-deb.sh: unknown argument '$1': expected --profile NAME" >&2; exit 2 ;;
  esac
done
need_packages "${BUILD_PACKAGES[@]}"

cargo build --locked --profile "$profile" --quiet
case "$profile" in
  dev|test) built=target/debug/guichet ;;
  bench) built=target/release/guichet ;;
  *) built="target/$profile/guichet" ;;
esac
# The session program, the one that loads WebKit: `guichet run` looks for it in
# ../libexec/guichet/ from its own folder.
built_session="$(dirname "$built")/guichet-session"
# Its GPU-free EGL (src/guichet-egl/): `guichet run` looks for it in ../lib/guichet/.
built_egl="$(dirname "$built")/libguichet_egl.so"

version=$("$built" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
maintainer="${DEB_MAINTAINER:-${DEBFULLNAME:-Guichet maintainers} <${DEBEMAIL:-guichet@guichet.invalid}>}"
deb="target/debian/guichet_${version}_${arch}.deb"
# File dates in the package: the commit's, so that the same commit gives the same package.
if commit_time=$(git log -1 --format=%ct 2>/dev/null); then
  export SOURCE_DATE_EPOCH="$commit_time"
  built_from="commit $(git describe --always --dirty)"
else
  export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(date +%s)}"
  built_from="a source tree outside git"
fi

umask 022
mkdir -p target/debian
stage=$(mktemp -d target/debian/stage.XXXXXX)
trap 'rm -rf "$stage"' EXIT
chmod 0755 "$stage"

install -D -m 0755 "$built" "$stage/usr/bin/guichet"
install -D -m 0755 "$built_session" "$stage/usr/libexec/guichet/guichet-session"
install -D -m 0644 "$built_egl" "$stage/usr/lib/guichet/libguichet_egl.so"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/guichet" "$stage/usr/libexec/guichet/guichet-session" \
  "$stage/usr/lib/guichet/libguichet_egl.so"
install -D -m 0644 assets/default-config.toml "$stage/etc/guichet/config.toml"
install -D -m 0644 installer/debian/pam.d-guichet "$stage/etc/pam.d/guichet"
install -D -m 0644 installer/debian/guichet.service "$stage/lib/systemd/system/guichet.service"
doc="$stage/usr/share/doc/guichet"
install -D -m 0644 installer/debian/copyright "$doc/copyright"
gzip -9n < README.md > "$doc/README.md.gz"
{
  echo "guichet ($version) unstable; urgency=medium"
  echo
  echo "  * Built from $built_from."
  echo
  echo " -- $maintainer  $(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$doc/changelog.gz"
chmod 0644 "$doc"/*.gz

# The libraries the program links to, with the versions this machine's packages declare.
shlibs_dir=$(mktemp -d)
mkdir "$shlibs_dir/debian" && touch "$shlibs_dir/debian/control"
program="$(realpath "$stage/usr/bin/guichet")"
session_program="$(realpath "$stage/usr/libexec/guichet/guichet-session")"
egl_library="$(realpath "$stage/usr/lib/guichet/libguichet_egl.so")"
# (It warns that the programs are not under debian/: that is expected here.)
shlibs=$(cd "$shlibs_dir" && dpkg-shlibdeps -O -e "$program" -e "$session_program" -e "$egl_library" 2>"$shlibs_dir/warnings" | sed -n 's/^shlibs:Depends=//p')
if [ -z "$shlibs" ]; then
  cat "$shlibs_dir/warnings" >&2
  echo "build-deb.sh: dpkg-shlibdeps found no library dependencies" >&2
  exit 1
fi
rm -rf "$shlibs_dir"
depends="$shlibs"
for package in "${RUN_PACKAGES[@]}" "${KIOSK_PACKAGES[@]}"; do
  depends="$depends, $package"
done

mkdir -m 0755 "$stage/DEBIAN"
for script in postinst prerm postrm; do
  install -m 0755 "installer/debian/$script" "$stage/DEBIAN/$script"
done
printf '%s\n' /etc/guichet/config.toml /etc/pam.d/guichet > "$stage/DEBIAN/conffiles"
(cd "$stage" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
cat > "$stage/DEBIAN/control" <<EOF
Package: guichet
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends
Section: web
Priority: optional
Description: privacy-first session kiosk browser for public computers
 Guichet turns a public computer (in a médiathèque, a mairie, a France Services
 counter) into a safe place to do online procedures. Patrons reach only the
 public-service sites on its allowlists; each session lives in its own process
 and RAM folder and is erased when the patron leaves.
 .
 This package runs the kiosk on tty1 as the guichet user, under the cage
 compositor. Staff edit /etc/guichet/config.toml, check it with
 "guichet config check", and check the machine with "guichet doctor".
EOF
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles" "$stage/DEBIAN/md5sums"

rm -f "$deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
