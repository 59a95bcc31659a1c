#!/bin/sh
# STRIVE Desktop offline kit: install from the wheels in this folder only (no internet needed).
# Needs Python @PYVER@ (the kit was made for it; PYTHON=... to name another interpreter). Creates ./venv next to this script.
set -e
KIT="$(cd "$(dirname "$0")" && pwd)"
PYTHON="${PYTHON:-$(command -v python@PYVER@ || command -v python3)}"
"$PYTHON" -m venv "$KIT/venv"
"$KIT/venv/bin/python" -m pip install --no-index --find-links "$KIT/wheels" strive-desktop
echo
echo "STRIVE Desktop is installed. Start it with: $KIT/run.sh"
