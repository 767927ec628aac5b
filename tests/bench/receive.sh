#!/bin/sh
# Benchmark (not in `make check`): a province imports 166 commune bundles for 2026Q3 in one
# command, timed against `unzip` of the same files into a scratch folder. Prints the ratio.
# Usage: sh tests/bench/receive.sh [BUILD]   (run from the repository root)
set -eu
BUILD=${1:-build}
case "$BUILD" in /*) XASO="$BUILD/xaso" ;; *) XASO="$(pwd)/$BUILD/xaso" ;; esac
N=${RECEIVE_BENCH_COMMUNES:-166}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" XASO_LANG=en \
       XASO_DATADIR="$(pwd)"
mkdir -p "$HOME" "$TMP/usb" "$TMP/unzipped"
PLAN="$(pwd)/forms/plans/ngoc-son-2026.yaml"

# One commune database, copied and renamed per commune (the office code is what differs).
XASO_NOW=2026-06-01T08:00:00Z "$XASO" --db "$TMP/seed.db" init --code 40000 --name "UBND xã Mẫu" --level xa >/dev/null
"$XASO" --db "$TMP/seed.db" plan import "$PLAN" >/dev/null
echo "building $N commune bundles …"
i=1
while [ "$i" -le "$N" ]; do
    code=$((41000 + i))
    db="$TMP/c.db"
    cp "$TMP/seed.db" "$db"
    sqlite3 "$db" "UPDATE office SET code = '$code', name = 'UBND xã số $i'"
    "$XASO" --db "$db" value set --plan ngoc-son-2026 --target II.2.5-3 --period 2026Q3 \
        --numerator $((500 + i)) --denominator 1000 >/dev/null
    XASO_TODAY=2026-09-25 XASO_NOW=2026-09-25T09:00:00Z "$XASO" --db "$db" report finalise --plan ngoc-son-2026 --period 2026Q3 >/dev/null
    XASO_TODAY=2026-09-25 "$XASO" --db "$db" report build --plan ngoc-son-2026 --period 2026Q3 -o "$TMP/usb" >/dev/null
    rm -f "$db" "$db-wal" "$db-shm"
    i=$((i + 1))
done
du -sh "$TMP/usb" | cut -f1 | sed 's/^/bundles: /'

P="$TMP/province.db"
"$XASO" --db "$P" init --code 38 --name "UBND tỉnh" --level tinh >/dev/null
"$XASO" --db "$P" plan import "$PLAN" >/dev/null
now() { date +%s.%N; }
t0=$(now)
XASO_TODAY=2026-10-10 "$XASO" --db "$P" bundle import "$TMP/usb" | tail -n 1
t1=$(now)
for z in "$TMP/usb"/*.zip; do unzip -q -o "$z" -d "$TMP/unzipped"; done
t2=$(now)
XASO_TODAY=2026-10-10 "$XASO" --db "$P" received targets --plan ngoc-son-2026 --period 2026Q3 | grep -E '^II\.2\.5-3 .*combined'
mkdir -p "$TMP/up"
t3=$(now)
XASO_TODAY=2026-10-10 "$XASO" --db "$P" received bundle --plan ngoc-son-2026 --period 2026Q3 -o "$TMP/up" | tail -n 1
t4=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" 'BEGIN {
    printf "xaso bundle import (verify + import, %s bundles): %.2f s\n", "'"$N"'", b - a;
    printf "unzip of the same files:                      %.2f s\n", c - b;
    printf "ratio: %.2f\n", (b - a) / (c - b);
    printf "xaso received bundle (consolidated, written, verified): %.2f s\n", e - d }'
