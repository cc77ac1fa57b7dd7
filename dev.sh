#!/usr/bin/env bash
# The two quick-start commands of the README:
#   ./dev.sh demo   install the Debian libraries Qt needs, the app into .venv, start the demo salon
#   ./dev.sh test   install the test dependencies too, then run the whole test suite
# Safe to run again: it installs only what is missing. Extra arguments go to the app / pytest.
set -euo pipefail
cd "$(dirname "$0")"

# What a fresh Debian/Ubuntu lacks: venv, Qt's runtime libraries (offscreen and xcb), and for
# the tests a real Secret Service (gnome-keyring on D-Bus) and poppler to read PDFs back.
APP_DEBS=(python3-venv libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0
          libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
          libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
          libxcb-xfixes0 fonts-dejavu-core gnome-keyring dbus)
TEST_DEBS=(dbus-x11 poppler-utils xvfb xauth)

install_debs() {
  command -v dpkg-query >/dev/null || return 0   # not Debian/Ubuntu: see the README
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

venv() {
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
}

case "${1:-}" in
  demo)
    shift
    install_debs "${APP_DEBS[@]}"
    venv
    .venv/bin/pip install -q -e .
    exec .venv/bin/salon-desktop --demo "$@"
    ;;
  test)
    shift
    install_debs "${APP_DEBS[@]}" "${TEST_DEBS[@]}"
    venv
    .venv/bin/pip install -q -e '.[test]'
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest -q "$@"
    ;;
  *)
    echo "usage: ./dev.sh demo | ./dev.sh test" >&2
    exit 2
    ;;
esac
