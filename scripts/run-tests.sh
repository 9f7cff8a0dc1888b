#!/usr/bin/env bash
# One command: set everything up, build the packed app, then run the whole test suite
# (the tests in tests/packaging run the frozen app that was just built).
# Extra arguments go to pytest, e.g. scripts/run-tests.sh -m "not gui".
# LECTURER_APP_SKIP_BUILD=1 skips the build for a quick run (the frozen-app tests then skip).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
if [ "${LECTURER_APP_SKIP_BUILD:-0}" != 1 ]; then
  scripts/build-app.sh
  LECTURER_APP_FROZEN=$(ls dist/lecturer-app-[0-9]*-linux.tar.gz)  # [0-9]: not the scan add-on's tarball
  export LECTURER_APP_FROZEN
fi
exec .venv/bin/python -m pytest "$@"
