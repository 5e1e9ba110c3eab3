#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the desktop app needs, and only those that are missing.
#   ensure-system-packages.sh build   libraries to compile and run the app (WebKitGTK, GTK, ...)
#   ensure-system-packages.sh test    the above plus what the end-to-end tests use (Xvfb, WebKitWebDriver,
#                                     a Secret Service, fonts for Chinese text, ImageMagick)
# On other systems it prints what to install instead (the README lists macOS and Windows steps).
set -euo pipefail

group="${1:-build}"
build=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev pkg-config build-essential libxdo-dev)
test=(xvfb xauth webkit2gtk-driver gnome-keyring dbus-x11 dbus-user-session libsecret-1-dev libsecret-tools
  imagemagick fonts-noto-cjk fonts-noto-color-emoji python3-venv x11-apps x11-utils)

case "$group" in
  build) wanted=("${build[@]}") ;;
  test) wanted=("${build[@]}" "${test[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  case "$(uname -s)" in
    Linux) echo "Not a Debian/Ubuntu system: install the equivalents of: ${wanted[*]}" >&2 ;;
    *) echo "See the README section 'Desktop app' for the prerequisites on $(uname -s)." >&2 ;;
  esac
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing missing system packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
