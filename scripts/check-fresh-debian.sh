#!/usr/bin/env bash
# Checks the packed app on a fresh Debian that has only the system packages `scripts/setup.sh app`
# lists (docs/packaging.md).  Needs root and the Debian mirror; takes a few minutes the first time.
#   scripts/check-fresh-debian.sh dist/lecturer-app-VERSION-linux.tar.gz [ROOT_DIR]
# ROOT_DIR (default /tmp/lecturer-app-debian) is made with debootstrap once and reused.  The app is
# unpacked under a folder name with Vietnamese letters and spaces and runs: --version, topics, every
# lesson export, a question export, an exam build, a sync bundle, and its window offscreen and, when
# Xvfb is on this machine, on a real X display (the xcb platform, with the chroot's own X libraries).
set -euo pipefail
cd "$(dirname "$0")/.."
tarball=$(realpath "$1")
root=${2:-/tmp/lecturer-app-debian}
release=${DEBIAN_RELEASE:-bookworm}

if [ ! -x "$root/usr/bin/apt-get" ]; then
  command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
  debootstrap --variant=minbase "$release" "$root" http://deb.debian.org/debian
fi
# The one list: the app packages of scripts/setup.sh.
packages=$(sed -n '/^app_packages=(/,/)/p' scripts/setup.sh | sed 's/app_packages=(//; s/)//' | tr '\n' ' ')
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages" >/dev/null

place="/opt/Ứng dụng thử"
rm -rf "${root:?}$place"
mkdir -p "$root$place"
tar -C "$root$place" -xzf "$tarball"

run() {  # run a command in the chroot with a clean environment, from the unpacked app
  chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 "$@"
}
app="$place/lecturer-app/lecturer-app"
data="/tmp/Dữ liệu thử"
out="/tmp/Xuất bản thử"
run rm -rf "$data" "$out"
run mkdir -p "$out"
run "$app" --version
run "$app" --data-dir "$data" topics list --json >/dev/null
for fmt in pptx docx pdf; do
  run "$app" --data-dir "$data" lesson export NTD-01 --format $fmt -o "$out/Giáo án.$fmt"
done
run "$app" --data-dir "$data" questions export "$out/Câu hỏi.xlsx" --format xlsx
run "$app" --data-dir "$data" exam build --topics NTD-01,NTD-03 --mc 10 --versions 2 --seed 1 -o "$out/Đề thi" >/dev/null
# cryptography (its Rust library carries its own OpenSSL): a signed sync bundle, written and checked.
run "$app" --data-dir "$data" bundle export -o "$out/Gói tháng 9.lbb" >/dev/null
run "$app" --data-dir "$data" bundle verify "$out/Gói tháng 9.lbb" >/dev/null
run /usr/bin/env QT_QPA_PLATFORM=offscreen "$app" --data-dir "$data" gui --screenshot "$out/offscreen.png"

if command -v Xvfb >/dev/null; then
  Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null; umount "$root/tmp/.X11-unix" 2>/dev/null || true' EXIT
  sleep 1
  mkdir -p "$root/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
  run /usr/bin/env DISPLAY=:97 "$app" --data-dir "$data" gui --screenshot "$out/xcb.png"
fi
echo "fresh $release: the packed app ran every check (screenshots in $root$out)"
