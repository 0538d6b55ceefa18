#!/usr/bin/env bash
# The one command that checks everything: lint, types, and all three test levels.
# Usage: bash scripts/check.sh   (after scripts/setup.sh --dev)
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/pytest "$@"
