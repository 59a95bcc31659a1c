#!/usr/bin/env bash
# Smoke test of the standalone bundle (dist/strive-desktop, built by `python3 dev.py bundle`):
# the bundle is copied outside the source tree and run there with a bare environment (no venv,
# no PYTHONPATH, PATH=/usr/bin:/bin), so nothing of ours but the bundle can be used.
# Checks: demo, check, certificates (Kyrgyz text, fonts embedded), summary, a Kyrgyz message of
# the command line, and the window offscreen in Kyrgyz (clean start-and-quit, then alive for
# 5 seconds) with nothing logged as an error. Prints the bundle's size and timings.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -a "$SRC/dist/strive-desktop" "$WORK/app"
cd "$WORK"
EXE="$WORK/app/strive-desktop"
DATA="$WORK/data"
# the data folder is encrypted: every command logs in with this password (STRIVE_PASSWORD)
bare() { env -i PATH=/usr/bin:/bin HOME="$WORK" LANG=C.UTF-8 STRIVE_PASSWORD=smoke-password "$@"; }
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }
# t CMD...: run CMD (must succeed), show its last output line and how long it took
t() {
  local s=$EPOCHREALTIME
  local rc=0
  "$@" >"$WORK/out.txt" 2>&1 || rc=$?
  [ "$rc" = 0 ] || { cat "$WORK/out.txt"; fail "$* exited with $rc"; }
  awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { printf "  %.2f s: ", b - a }'
  tail -1 "$WORK/out.txt"
}

echo "bundle size on disk: $(du -sh "$WORK/app" | cut -f1) (goal < 250 MB)"
echo "demo:";   t bare "$EXE" --data-dir "$DATA" demo
echo "check:";  t bare "$EXE" --data-dir "$DATA" check
bare "$EXE" --data-dir "$DATA" dump >"$WORK/dump.json"
TRAINING=$(awk '/^ "trainings": \[/{t=1} t && /^   "id": /{gsub(/[",]/, "", $2); print $2; exit}' "$WORK/dump.json")
[ -n "$TRAINING" ] || fail "no training id in the dump"
echo "certificates:"; t bare "$EXE" --data-dir "$DATA" certificates --training "$TRAINING" --out "$WORK/cert.pdf" --lang ky
pdftotext -enc UTF-8 "$WORK/cert.pdf" "$WORK/cert.txt"
grep -q "СЕРТИФИКАТ" "$WORK/cert.txt" || fail "certificate PDF has no СЕРТИФИКАТ"
grep -q "Бул сертификат төмөнкүгө берилди" "$WORK/cert.txt" || fail "no Kyrgyz text in the certificate PDF"
pdffonts "$WORK/cert.pdf" >"$WORK/fonts.txt"
# the text's fonts: DejaVu Sans regular and bold, embedded (subsets)
for f in DejaVuSans DejaVuSans-Bold; do
  awk -v f="$f" '{ n = $1; sub(/^[A-Z]+\+/, "", n) } n == f && $(NF-4) == "yes" { ok=1 } END { exit !ok }' "$WORK/fonts.txt" \
    || { cat "$WORK/fonts.txt"; fail "$f is not embedded in the certificate PDF"; }
done
echo "summary:"; t bare "$EXE" --data-dir "$DATA" summary --out "$WORK/summary.pdf"
pdftotext -enc UTF-8 "$WORK/summary.pdf" "$WORK/summary.txt"
grep -q "STRIVE" "$WORK/summary.txt" || fail "empty summary PDF"
MSG=$(bare "$EXE" --data-dir "$DATA" --lang ky verify-certificate NOPE-1 CODE 2>&1 || true)
echo "$MSG" | grep -q "сертификаты жок" || fail "the command line's message is not in Kyrgyz: $MSG"

echo "window (offscreen, Kyrgyz), start and quit:"
t bare QT_QPA_PLATFORM=offscreen STRIVE_BENCH=quit timeout 60 "$EXE" --data-dir "$DATA" --lang ky
grep -q "STRIVE_BENCH ready" "$WORK/out.txt" || fail "the window did not get ready"
echo "window alive for 5 seconds:"
set +e
bare QT_QPA_PLATFORM=offscreen timeout 5 "$EXE" --data-dir "$DATA" --lang ky >"$WORK/window.out" 2>&1
rc=$?
set -e
[ "$rc" = 124 ] || { cat "$WORK/window.out"; fail "the window exited with $rc before 5 seconds"; }
if grep -q "ERROR\|Traceback\|Fatal" "$DATA/logs/strive.log" 2>/dev/null; then
  cat "$DATA/logs/strive.log"; fail "errors in logs/strive.log"
fi
[ ! -s "$DATA/logs/crash.log" ] || { cat "$DATA/logs/crash.log"; fail "native crash"; }
grep -qi "traceback\|error" "$WORK/window.out" && { cat "$WORK/window.out"; fail "errors from the window"; }
echo "bundle smoke test passed"
