#!/usr/bin/env bash
# One command: set everything up, then start the desktop app on the shipped bank.
# Extra arguments go to lecturer-app, e.g. scripts/start-app.sh --data-dir /tmp/demo
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
exec .venv/bin/lecturer-app "$@" gui
