#!/bin/sh
# Start STRIVE Desktop installed by install.sh; arguments go to the app
# (e.g. ./run.sh --data-dir /media/usb/strive, or ./run.sh --help for the command line).
KIT="$(cd "$(dirname "$0")" && pwd)"
exec "$KIT/venv/bin/strive-desktop" "$@"
