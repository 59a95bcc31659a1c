#!/usr/bin/env bash
# The offline kits (python3 dev.py kit):
# 1. Linux: the kit for this machine is copied outside the source tree and installed into a
#    fresh venv with the network cut off (unshare -n where allowed; pip is also given no index
#    and no configuration), then demo, certificates, summary and the window (offscreen, Kyrgyz)
#    run from it.
# 2. Windows: the win_amd64 kit resolves completely to win_amd64 (or pure-Python) wheels.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PYVER=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }

python3 "$SRC/dev.py" kit --out "$WORK/kit-linux" 2>&1 | grep -v "is ignored" | tail -1
cp -a "$WORK/kit-linux" "$WORK/kit"
rm -rf "$WORK/kit-linux"
cd "$WORK"
OFFLINE=""
if unshare -n true 2>/dev/null; then OFFLINE="unshare -n"; fi
echo "installing the kit ${OFFLINE:+with the network cut off ($OFFLINE)}"
bare() { env -i PATH=/usr/bin:/bin HOME="$WORK" LANG=C.UTF-8 STRIVE_PASSWORD=smoke-password PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1 $OFFLINE env "$@"; }
s=$SECONDS
bare sh "$WORK/kit/install.sh" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; fail "install.sh"; }
echo "  installed in $((SECONDS - s)) s: $(grep -o 'Successfully installed.*' "$WORK/install.log" | wc -w | awk '{print $1 - 2}') packages"
[ "$("$WORK/kit/venv/bin/python" -c 'import strive_desktop.resources as r; print(r.__file__)')" != "${SRC}/resources/__init__.py" ] \
  || fail "the kit's venv uses the source tree"
RUN="$WORK/kit/run.sh"
DATA="$WORK/data"
bare "$RUN" --data-dir "$DATA" demo | tail -1
bare "$RUN" --data-dir "$DATA" dump >"$WORK/dump.json"
TRAINING=$(awk '/^ "trainings": \[/{t=1} t && /^   "id": /{gsub(/[",]/, "", $2); print $2; exit}' "$WORK/dump.json")
bare "$RUN" --data-dir "$DATA" certificates --training "$TRAINING" --out "$WORK/cert.pdf" --lang ky
pdftotext -enc UTF-8 "$WORK/cert.pdf" "$WORK/cert.txt"
grep -q "Бул сертификат төмөнкүгө берилди" "$WORK/cert.txt" || fail "no Kyrgyz text in the PDF"
bare "$RUN" --data-dir "$DATA" summary --out "$WORK/summary.pdf"
bare QT_QPA_PLATFORM=offscreen STRIVE_BENCH=quit timeout 60 "$RUN" --data-dir "$DATA" --lang ky >"$WORK/window.out" 2>&1 \
  || { cat "$WORK/window.out"; fail "the window failed"; }
grep -q "STRIVE_BENCH ready" "$WORK/window.out" || fail "the window did not get ready"
if grep -q "ERROR\|Traceback" "$DATA/logs/strive.log" 2>/dev/null; then cat "$DATA/logs/strive.log"; fail "errors logged"; fi
echo "Linux kit: installed offline and ran"

python3 "$SRC/dev.py" kit --platform win_amd64 --python-version "$PYVER" --out "$WORK/kit-win" 2>&1 | grep -v "is ignored" | tail -1
other=$(ls "$WORK/kit-win/wheels" | grep -v -e "-win_amd64\.whl$" -e "-none-any\.whl$" || true)
[ -z "$other" ] || fail "wheels for another platform in the Windows kit: $other"
ls "$WORK/kit-win/wheels" | grep -q "^pyside6_essentials-.*-win_amd64\.whl$" || fail "no PySide6 for Windows"
[ -f "$WORK/kit-win/install.bat" ] && [ -f "$WORK/kit-win/run.bat" ] || fail "no .bat scripts"
grep -q $'\r$' "$WORK/kit-win/install.bat" || fail "install.bat lacks Windows line ends"
echo "Windows kit: $(ls "$WORK/kit-win/wheels" | wc -l) wheels, all win_amd64 or pure Python"
