#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for lecturer_app: system packages, a
# virtual environment in .venv, and the app installed into it (editable).
#   scripts/setup.sh app    – what the desktop app needs
#   scripts/setup.sh test   – also what the test suite needs (LibreOffice, poppler, chromium + driver)
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-app}"

app_packages=(python3-venv libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-shape0
  libfontconfig1 libdbus-1-3 fonts-liberation2 poppler-utils)  # poppler: pdftoppm reads scanned answer sheets
test_packages=(libreoffice-impress libreoffice-writer libreoffice-calc xvfb xauth desktop-file-utils
  chromium chromium-driver postgresql binutils)  # binutils: the build trims Qt's ICU data (as, ld, readelf)

packages=("${app_packages[@]}")
[ "$purpose" = test ] && packages+=("${test_packages[@]}")

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "lecturer_app needs Python 3.11 or newer (found: $("$python" --version 2>&1))" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$purpose" = test ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
