#!/usr/bin/env bash
# Refreshes requirements/lock.txt: every Python package the app, the tests and the
# bundle use, at exact versions with their hashes, for Python 3.11 and newer on
# Linux, Windows and macOS. Run after changing a dependency in pyproject.toml:
#   bash scripts/lock.sh              keeps the versions already locked where the ranges allow
#   bash scripts/lock.sh --upgrade    takes the newest versions the ranges allow
# tests/unit/test_lock.py fails when pyproject.toml and the lock disagree.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
uv=.venv/bin/uv
[ -x "$uv" ] || { echo "run 'bash scripts/bootstrap.sh test' first (it installs uv into .venv)" >&2; exit 1; }
exec "$uv" pip compile pyproject.toml requirements/build-system.in \
  --extra dev --universal --python-version 3.11 --generate-hashes \
  --no-header --annotation-style line \
  --output-file requirements/lock.txt "$@"
