#!/usr/bin/env bash
# Builds the one-folder app and packs it, and the optional scan add-on beside it (docs/packaging.md):
#   scripts/build-app.sh            -> dist/lecturer-app/ and dist/lecturer-app-VERSION-linux.tar.gz
#                                      dist/lecturer-app-scan-addon/ and dist/lecturer-app-scan-addon-VERSION-linux.tar.gz
# Uses .venv (created by scripts/setup.sh) with the `build` extra (PyInstaller).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || scripts/setup.sh app
.venv/bin/python -m pip install -q -e ".[build]"
version=$(.venv/bin/python -c 'import lecturer_app; print(lecturer_app.__version__)')
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
app=dist/lecturer-app
# A build that cannot even start is not packed.
"$app/lecturer-app" --version
# On Linux one executable serves both roles (the console flag only matters on Windows).
ln -sfn lecturer-app "$app/lecturer-app-cli"
cp packaging/linux/install.sh packaging/linux/lecturer-app.desktop packaging/linux/lecturer-app.png "$app/"
chmod +x "$app/install.sh"
tarball="dist/lecturer-app-$version-linux.tar.gz"
tar -C dist -czf "$tarball" lecturer-app
echo "built $app ($(du -sh "$app" | cut -f1)) and $tarball ($(du -h "$tarball" | cut -f1))"
# The scan add-on: OpenCV, numpy and pypdfium2 copied from the same .venv, so built for the Python the
# app was frozen with (addon.json says which; the app refuses another).  Installed into <app>/scan-addon.
addon=dist/lecturer-app-scan-addon
.venv/bin/python packaging/scan_addon.py "$addon"
addon_tarball="dist/lecturer-app-scan-addon-$version-linux.tar.gz"
tar -C dist -czf "$addon_tarball" lecturer-app-scan-addon
echo "built $addon ($(du -sh "$addon" | cut -f1)) and $addon_tarball ($(du -h "$addon_tarball" | cut -f1))"
