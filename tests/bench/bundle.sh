#!/bin/sh
# Benchmark (not part of make check): a quarter's bundle with 200 MB of evidence, against
# `zip -r` of the same files in the same run. Evidence is a mix of already-compressed files
# (JPEG, PDF, DOCX: stored, not deflated again) and a few compressible scans (TIFF).
#   sh tests/bench/bundle.sh [BUILD]     (default build/)
set -eu
BUILD=${1:-build}
case "$BUILD" in /*) XASO="$BUILD/xaso" ;; *) XASO="$(pwd)/$BUILD/xaso" ;; esac
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export XDG_DATA_HOME="$T/data" XASO_LANG=en XASO_DATADIR="$(pwd)" XASO_EVIDENCE_MAX_MB=64
mkdir -p "$T/ev" "$T/usb" "$T/zip"
# 40 × 4.5 MB "photos" and PDFs (random bytes = incompressible like real JPEG/PDF), 5 × 4 MB TIFF
i=0
while [ $i -lt 40 ]; do
    ext=jpg; [ $((i % 4)) = 1 ] && ext=pdf; [ $((i % 4)) = 2 ] && ext=docx
    head -c 4718592 /dev/urandom > "$T/ev/minh-chung-$i.$ext"; i=$((i + 1))
done
i=0
while [ $i -lt 5 ]; do
    python3 -c "import sys,random; random.seed($i); sys.stdout.buffer.write(bytes(random.choice(b'\x00\x00\x00\xff') for _ in range(4194304)))" > "$T/ev/scan-$i.tif"; i=$((i + 1))
done
du -sh "$T/ev"
"$XASO" --demo plan list >/dev/null
tasks=$(sqlite3 "$T/data/xaso/demo.db" "SELECT key FROM task ORDER BY pos LIMIT 45")
set -- $tasks
for f in "$T"/ev/*; do
    "$XASO" --demo evidence add --plan 27/KH-UBND --task "$1" --period 2026Q3 "$f" >/dev/null; shift
done
"$XASO" --demo report finalise --plan 27/KH-UBND --period 2026Q3 >/dev/null
now() { date +%s.%N; }
t0=$(now); "$XASO" --demo report build --plan 27/KH-UBND --period 2026Q3 -o "$T/usb" >/dev/null; t1=$(now)
(cd "$T/ev" && zip -qr "$T/zip/plain.zip" .); t2=$(now)
b=$(stat -c %s "$T"/usb/*.zip); z=$(stat -c %s "$T/zip/plain.zip")
awk -v a="$t0" -v b1="$t1" -v c="$t2" -v sb="$b" -v sz="$z" 'BEGIN {
    x = b1 - a; y = c - b1
    printf "xaso report build (write + fsync + read back + verify): %.2f s, %.1f MB\n", x, sb / 1e6
    printf "zip -r of the same evidence (write only):              %.2f s, %.1f MB\n", y, sz / 1e6
    printf "ratio xaso / zip: %.2f\n", x / y }'
