#!/bin/sh
# Installs this unpacked build for the current user (no root needed):
#   ./install.sh              copies the folder to ~/.local/lib/lecturer-app, adds the menu entry,
#                             the icon and the commands lecturer-app / lecturer-app-cli in ~/.local/bin;
#                             with the scan add-on beside this folder (lecturer-app-scan-addon/ unpacked, or
#                             its lecturer-app-scan-addon-VERSION-linux.tar.gz), installs it as scan-addon/
#   ./install.sh --uninstall  removes them again; the data folder (~/.local/share/lecturer_app) stays
# Paths follow the XDG base directories, so XDG_DATA_HOME moves the menu entry and icon.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir=${LECTURER_APP_INSTALL_DIR:-$HOME/.local/lib/lecturer-app}
bin_dir=$HOME/.local/bin
desktop=$data_home/applications/lecturer-app.desktop
icon_svg=$data_home/icons/hicolor/scalable/apps/lecturer-app.svg
icon_png=$data_home/icons/hicolor/256x256/apps/lecturer-app.png

uninstall() {
  rm -rf "$app_dir"
  rm -f "$desktop" "$icon_svg" "$icon_png" "$bin_dir/lecturer-app" "$bin_dir/lecturer-app-cli"
  echo "Đã gỡ Ngân hàng bài giảng. Dữ liệu của bạn vẫn còn nguyên (thư mục dữ liệu không bị xóa)."
}

# The add-on (answer-sheet scanning: OpenCV, numpy) lives in scan-addon/ inside the app folder, where the
# app looks for it (lecturer_app/importers/omr/addon.py).  Taken from beside this folder: unpacked, or its
# tarball (the newest name when there are several).
install_addon() {
  beside=$(dirname "$here")
  if [ -d "$beside/lecturer-app-scan-addon" ]; then
    rm -rf "$app_dir/scan-addon"
    cp -a "$beside/lecturer-app-scan-addon" "$app_dir/scan-addon"
  else
    tarball=$(ls -1 "$beside"/lecturer-app-scan-addon-*-linux.tar.gz 2>/dev/null | sort -V | tail -n 1)
    [ -n "$tarball" ] || return 0
    rm -rf "$app_dir/scan-addon" "$app_dir/lecturer-app-scan-addon"
    tar -xzf "$tarball" -C "$app_dir"
    mv "$app_dir/lecturer-app-scan-addon" "$app_dir/scan-addon"
  fi
  echo "Đã cài phần đọc phiếu quét vào $app_dir/scan-addon."
}

install_app() {
  if [ "$here" != "$app_dir" ]; then
    rm -rf "$app_dir.new"
    mkdir -p "$(dirname "$app_dir")"
    cp -a "$here" "$app_dir.new"
    # An upgrade keeps the scan add-on installed before (the app checks it was built for its Python).
    if [ -d "$app_dir/scan-addon" ] && [ ! -d "$app_dir.new/scan-addon" ]; then
      mv "$app_dir/scan-addon" "$app_dir.new/scan-addon"
    fi
    rm -rf "$app_dir"
    mv "$app_dir.new" "$app_dir"
  fi
  install_addon
  mkdir -p "$bin_dir" "$(dirname "$desktop")" "$(dirname "$icon_svg")" "$(dirname "$icon_png")"
  ln -sfn "$app_dir/lecturer-app" "$bin_dir/lecturer-app"
  ln -sfn "$app_dir/lecturer-app" "$bin_dir/lecturer-app-cli"
  cp "$app_dir/_internal/resources/icons/app.svg" "$icon_svg"
  cp "$app_dir/lecturer-app.png" "$icon_png"
  # The Exec line needs the absolute path; quote it for the desktop-entry spec when it has spaces.
  sed "s|@APP_DIR@/lecturer-app|\"$app_dir/lecturer-app\"|" "$app_dir/lecturer-app.desktop" > "$desktop"
  chmod 644 "$desktop"
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$(dirname "$desktop")" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
  echo "Đã cài Ngân hàng bài giảng vào $app_dir."
  echo "Mở từ trình đơn ứng dụng, hoặc gõ: lecturer-app   (dòng lệnh: lecturer-app-cli --help)"
}

case "${1:-}" in
  --uninstall) uninstall ;;
  "") install_app ;;
  *) echo "cách dùng: $0 [--uninstall]" >&2; exit 2 ;;
esac
