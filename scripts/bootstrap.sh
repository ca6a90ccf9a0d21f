#!/usr/bin/env bash
# Sets up everything CRC Reporter needs on a Debian (or Ubuntu) machine, then
#   bootstrap.sh app  [ARGS…]  opens the desktop app (extra ARGS go to crc-reporter)
#   bootstrap.sh test [ARGS…]  runs the quality gate, then the whole test suite (extra ARGS go to pytest)
#   bootstrap.sh check         runs the quality gate only: ruff check, ruff format --check, mypy (whole package)
#   bootstrap.sh cli  [ARGS…]  runs crc-reporter ARGS
#   bootstrap.sh bench [ARGS…] runs the benchmark suite (python -m benchmarks ARGS; see the README, "Performance")
# System packages are installed with apt-get when missing (as root, or with sudo);
# Python packages go into .venv beside this checkout, from requirements/lock.txt,
# and are installed again only when the lock or pyproject.toml changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode=${1:-app}
shift || true

# Qt's runtime libraries (xcb and offscreen platforms) and fonts with Khmer glyphs.
app_pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 libglib2.0-0 fonts-khmeros fonts-noto-core)
# For the tests: LibreOffice (Writer to render reports, Calc to open exported workbooks), poppler for PDF checks, PostgreSQL, Xvfb,
# Chromium and its driver to open the published website.
test_pkgs=(libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils postgresql xvfb xauth chromium chromium-driver)

say() { printf '\033[1mcrc-reporter setup:\033[0m %s\n' "$*" >&2; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      say "cannot install ${missing[*]} (not root and no sudo); continuing without them"; return 0
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get on this machine; install these yourself: ${missing[*]}"; return 0
  fi
  say "installing system packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

case "$mode" in
  app|cli) apt_install "${app_pkgs[@]}" ;;
  test|bench) apt_install "${app_pkgs[@]}" "${test_pkgs[@]}" ;;  # bench: LibreOffice makes the PDF it imports
  check) ;;
  *) echo "usage: $0 app|test|check|cli|bench [ARGS…]" >&2; exit 2 ;;
esac

python=$(find_python) || { say "Python 3.11 or newer is needed"; apt_install python3 python3-venv; python=$(find_python); }
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3-venv "$(basename "$python")-venv"
    "$python" -m venv .venv
  fi
fi

# Python packages come from requirements/lock.txt (exact versions and their hashes, made by
# scripts/lock.sh from pyproject.toml's ranges), so what passed today installs the same next month.
stamp=.venv/.crc-reporter-installed
want=$(cat pyproject.toml requirements/lock.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing Python packages into .venv (requirements/lock.txt)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements/lock.txt
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$want" > "$stamp"
fi

# The quality gate: the same three checks for every contributor and for CI, before any test runs.
gate() {
  say "quality gate: ruff check"
  .venv/bin/ruff check crc_reporter tests scripts benchmarks
  say "quality gate: ruff format --check"
  .venv/bin/ruff format --check crc_reporter tests scripts benchmarks
  say "quality gate: mypy (the whole crc_reporter package)"
  .venv/bin/mypy
  say "quality gate: passed"
}

case "$mode" in
  check) gate ;;
  test) gate; say "pytest (one worker per core)"; exec .venv/bin/python -m pytest -n auto --dist loadfile "$@" ;;
  app) exec .venv/bin/crc-reporter "$@" ;;
  cli) exec .venv/bin/crc-reporter "$@" ;;
  bench) exec .venv/bin/python -m benchmarks "$@" ;;
esac
