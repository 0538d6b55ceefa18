#!/usr/bin/env bash
# Set up a fresh Debian machine for this project: system packages, a venv, Python packages and
# the local copies of Leaflet. Idempotent. Usage: bash scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="python3-venv python3-pip"
if [ "${1:-}" = "--dev" ]; then
  APT_PACKAGES="$APT_PACKAGES chromium fonts-dejavu-core"
fi
missing=""
for pkg in $APT_PACKAGES; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --upgrade pip
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/pip install -q -r requirements-dev.txt
else
  .venv/bin/pip install -q -r requirements.txt
fi
.venv/bin/python scripts/install_assets.py
# Bytecode for the app's own modules: where PYTHONDONTWRITEBYTECODE is set, no process writes it, and
# every server start would compile them from source again (~0.1 s of the warm-up, ui/warmup.py).
# A file changed later is compiled from source until this runs again (Python checks each file's date).
.venv/bin/python -m compileall -q dashboard.py app_pages corridor layers present ui export publish
