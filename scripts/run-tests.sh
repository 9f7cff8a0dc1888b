#!/usr/bin/env bash
# One command: set everything up, then run the whole test suite.
# Extra arguments go to pytest, e.g. scripts/run-tests.sh -m "not gui"
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
exec .venv/bin/python -m pytest "$@"
