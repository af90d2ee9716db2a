# Installs the Debian/Ubuntu packages a command needs, only those missing. Sourced by the
# set-up commands; uses sudo when not run as root.
#   need_packages pkg...
need_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

# npm, which installs axe-core for the accessibility audit (tests/axe/install.sh). A Node.js
# that brings its own npm (NodeSource's package does) is kept; otherwise the distribution's.
need_npm() {
  command -v npm >/dev/null 2>&1 || need_packages nodejs npm
}

# What building Guichet needs (WebKitGTK headers pull GTK, libsoup, JavaScriptCore, bubblewrap).
BUILD_PACKAGES=(build-essential pkg-config libwebkit2gtk-4.1-dev)

# What running the kiosk needs besides the libraries: each session's private D-Bus
# (dbus-run-session), WebKit's sandbox, the accessibility bus screen readers use, and EasyList +
# EasyPrivacy (the ad and tracker lists; the tests' tables use them too). Accessibility: the
# Orca screen reader, speech-dispatcher with espeak-ng (read aloud, Orca's voice), the
# OpenDyslexic font, and the Adwaita cursors the large pointer is drawn from. DejaVu Sans draws
# the Arabic, Persian and Cyrillic letters of the patron languages. `lp` (cups-client) hands a
# patron's print to the CUPS queue `[printing] queue` names.
RUN_PACKAGES=(dbus-daemon bubblewrap at-spi2-core webext-ublock-origin-chromium
  orca speech-dispatcher speech-dispatcher-espeak-ng espeak-ng fonts-opendyslexic adwaita-icon-theme fonts-dejavu-core
  cups-client)

# What a kiosk machine needs besides RUN_PACKAGES (the Debian package depends on both): cage, the
# Wayland compositor that shows the kiosk full screen on tty1, with Xwayland (cage does not start
# without it); logind's PAM module, which gives the kiosk its seat without root; adduser, which
# makes the kiosk's account.
KIOSK_PACKAGES=(cage xwayland libpam-systemd adduser)

# What building and checking the Debian package needs besides BUILD_PACKAGES (which bring
# dpkg-dev): lintian, and systemd for `systemd-analyze verify` where it is not installed.
PACKAGE_TEST_PACKAGES=(lintian systemd)

# What checking the Ansible role (installer/test-ansible.sh) needs: ansible-playbook, run against
# this machine; python3-apt, which Ansible's apt module uses on a kiosk (it would otherwise
# install it itself); ansible-lint.
FLEET_TEST_PACKAGES=(ansible-core python3-apt ansible-lint)

# What the end-to-end tests need: a virtual display, a window manager, screenshots, input, and
# reading the X selections (the clipboard must be empty after a session), quick screen dumps
# (xwd, for timing what a patron sees), and reading the accessibility tree as a screen reader.
# systemd-analyze checks the lists-update units (no running systemd needed). The printing test
# runs its own cupsd with a cups-pdf queue and reads the PDF's words (poppler-utils). A test video
# plays with GStreamer's GL elements installed (one of WebKit's recommended packages, which apt
# installs on a kiosk by default): they must not pull Mesa into a session on the GPU-free EGL.
TEST_PACKAGES=(xvfb xauth matchbox-window-manager imagemagick xdotool x11-utils x11-apps xclip python3-gi gir1.2-atspi-2.0 systemd
  cups printer-driver-cups-pdf poppler-utils gstreamer1.0-gl)

# How the package tests (test-package.sh, test-ansible.sh) start: at most one argument, a .deb
# file (set in `deb`, else empty); run as root; nothing of guichet on the machine, since they
# purge it.
#   package_test_start NAME "$@"
package_test_start() {
  local name=$1
  shift
  deb=""
  case "$#:${1:-}" in
    0:) ;;
    1:*.deb) deb="$1" ;;
    *) echo "$name: expected at most one argument, a .deb file" >&2; exit 2 ;;
  esac
  if [ "$(id -u)" -ne 0 ]; then
    echo "$name installs and purges a package: run it as root" >&2
    exit 2
  fi
  if guichet_on_machine; then
    echo "$name: guichet is on this machine (dpkg says: $(guichet_status)); this test would purge it" >&2
    exit 2
  fi
}

# dpkg's word for the guichet package here: installed, config-files, half-installed…; empty or
# not-installed when dpkg knows nothing of it to remove.
guichet_status() {
  dpkg-query -W -f='${db:Status-Status}' guichet 2>/dev/null || true
}

# True when something of the guichet package is on this machine (files or configuration).
guichet_on_machine() {
  case "$(guichet_status)" in
    "" | not-installed) return 1 ;;
    *) return 0 ;;
  esac
}
