#!/bin/sh
# Crash safety while building a bundle: `xaso report build` (the demo's 2026Q3 with 12 MB of
# evidence, ~0.2 s a build) killed with SIGKILL at random moments. After every kill the database
# passes PRAGMA integrity_check; a zip on the target, when there is one, is whole and verifies; a
# build that was confirmed ("Safe to unplug") left a verified zip and a "packaged" event; the
# temporary zip of a killed build may remain (".xaso-PID-TIME.part*", never under the bundle's
# name) but every build that finishes removes it, so the target holds only the bundle.
# XASO_CRASH_RUNS sets the number of runs (80; 20 under the sanitizers).
. tests/cli/lib.sh
export XASO_LANG=en XASO_TODAY=2026-11-23 XASO_NOW=2026-11-23T08:00:00Z
runs=${XASO_CRASH_RUNS:-80}
case "$BUILD" in *asan*) runs=${XASO_CRASH_RUNS:-20} ;; esac
"$XASO" --demo plan list >/dev/null 2>&1
DB="$TMP/db/office.db"
mkdir -p "$TMP/db" "$TMP/usb"
cp "$XDG_DATA_HOME/xaso/demo.db" "$DB"
for t in PL2.5 PL2.6 PL2.7; do
    head -c 4000000 /dev/urandom > "$TMP/$t.pdf"
    "$XASO" --db "$DB" evidence add --plan 27/KH-UBND --task "$t" --period 2026Q3 "$TMP/$t.pdf" \
        >/dev/null 2>&1 || fail "evidence $t is attached"
done
run "$XASO" --db "$DB" report finalise --plan 27/KH-UBND --period 2026Q3
expect_rc "the report is finalised" 0
build() { "$XASO" --db "$DB" report build --plan 27/KH-UBND --period 2026Q3 -o "$TMP/usb"; }
ZIP="$TMP/usb/xaso-ngoc-son-ngoc-son-2026-2026q3.zip"
events() { sqlite3 -cmd '.timeout 5000' "$DB" "SELECT count(*) FROM report_event e JOIN report r
    ON r.id = e.report_id WHERE r.period = '2026Q3' AND e.to_state = 'packaged'"; }

# the whole run takes this long: kills land before, during and after writing the zip
start=$(date +%s%N); run build; end=$(date +%s%N)
expect_rc "a first build works" 0
span=$(( (end - start) / 1000000 + 40 ))
echo "# one build: $(( (end - start) / 1000000 )) ms; kills at 0–$span ms"

bad_integrity=0 bad_zip=0 lost=0 leftovers=0 stale=0 killed=0 finished=0
i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    before=$(events)
    rm -f "$ZIP"
    delay=$(awk -v s="$i$$" -v m="$span" 'BEGIN { srand(s); printf "%.3f", rand() * m / 1000 }')
    timeout -s KILL "$delay" "$XASO" --db "$DB" report build --plan 27/KH-UBND --period 2026Q3 \
        -o "$TMP/usb" >"$TMP/out" 2>&1
    rc=$?
    if [ "$rc" -eq 137 ]; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
    check=$(sqlite3 -cmd '.timeout 5000' "$DB" 'PRAGMA integrity_check' 2>&1)
    if [ "$check" != ok ]; then bad_integrity=$((bad_integrity + 1)); echo "# run $i: $check"; fi
    if [ -e "$ZIP" ] && ! "$XASO" bundle verify "$ZIP" >/dev/null 2>&1; then
        bad_zip=$((bad_zip + 1)); echo "# run $i: the zip on the target does not verify"
    fi
    if grep -q 'Safe to unplug' "$TMP/out"; then
        [ -e "$ZIP" ] && [ "$(events)" -gt "$before" ] || { lost=$((lost + 1)); echo "# run $i: confirmed build lost"; }
    fi
    # anything but the bundle and its temporary files is a leftover
    extra=$(ls -A "$TMP/usb" | grep -vE '^xaso-ngoc-son-ngoc-son-2026-2026q3\.zip$|^\.xaso-[0-9]+-[0-9]+\.part' | head -n 1)
    [ -n "$extra" ] && { leftovers=$((leftovers + 1)); echo "# run $i: left $extra"; }
    # a finished build leaves only the bundle: temporary zips of earlier kills are cleaned
    if [ "$rc" -eq 0 ] && [ -n "$(ls -A "$TMP/usb" | grep -v '^xaso-ngoc-son')" ]; then
        stale=$((stale + 1)); echo "# run $i: finished but left $(ls -A "$TMP/usb" | tr '\n' ' ')"
    fi
done
echo "# $runs runs: $killed killed, $finished finished"
[ "$killed" -gt $((runs / 3)) ] && pass "most builds were really killed mid-way" || fail "most builds were really killed mid-way" "$killed of $runs"
[ "$bad_integrity" -eq 0 ] && pass "integrity_check passes after every kill" || fail "integrity_check passes after every kill" "$bad_integrity failures"
[ "$bad_zip" -eq 0 ] && pass "a zip under the bundle's name is always whole and verifies" || fail "a zip under the bundle's name is always whole and verifies" "$bad_zip bad"
[ "$lost" -eq 0 ] && pass "every confirmed build left its bundle and its packaged event" || fail "every confirmed build left its bundle and its packaged event" "$lost lost"
[ "$leftovers" -eq 0 ] && pass "nothing but the bundle and temporary zips is ever on the target" || fail "nothing but the bundle and temporary zips is ever on the target"
[ "$stale" -eq 0 ] && pass "every finished build removes the temporary zips of killed ones" || fail "every finished build removes the temporary zips of killed ones" "$stale runs"

# a killed build's temporary files, then the next run cleans them and works
touch "$TMP/usb/.xaso-999999999-1700000000.part" "$TMP/usb/.xaso-999999999-1700000000.part.AbCdEf"
touch "$TMP/usb/.xaso-notes.txt"
run build; expect_rc "the next run works" 0
[ ! -e "$TMP/usb/.xaso-999999999-1700000000.part" ] && [ ! -e "$TMP/usb/.xaso-999999999-1700000000.part.AbCdEf" ] &&
    pass "the next run removes a dead build's temporary zips" || fail "the next run removes a dead build's temporary zips" "$(ls -A "$TMP/usb")"
[ -e "$TMP/usb/.xaso-notes.txt" ] && pass "and leaves other files alone" || fail "and leaves other files alone"
run "$XASO" bundle verify "$ZIP"; expect_rc "the bundle it wrote verifies" 0
finish
