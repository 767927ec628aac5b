#!/bin/sh
# Disk full and unplugged media: the database, a backup and a bundle written to a small tmpfs that
# fills up, and a bundle target that vanishes mid-write (lazy unmount, folder removed). Each case:
# a clear message, a non-zero exit, the database intact and unchanged, no partial file left.
# Needs root for mount(8) (CI runs as root); without it the database case falls back to the
# kernel's file-size limit (ulimit -f) and the others are skipped, which the output says.
. tests/cli/lib.sh
export XASO_LANG=en XASO_TODAY=2026-11-23 XASO_NOW=2026-11-23T08:00:00Z
PLAN="$ROOT/forms/plans/ngoc-son-2026.yaml"
OTHER="$ROOT/forms/plans/thuan-loi-2026.yaml"
MNT="$TMP/mnt"
mkdir -p "$MNT"
mounted=0
cleanup() {
    [ -n "${STICK:-}" ] && umount "$STICK" 2>/dev/null
    [ -n "${LOOP:-}" ] && losetup -d "$LOOP" 2>/dev/null
    [ "$mounted" -eq 1 ] && umount -l "$MNT" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
small_fs() { # SIZE: a fresh tmpfs of SIZE on $MNT
    [ "$mounted" -eq 1 ] && umount -l "$MNT" 2>/dev/null
    mount -t tmpfs -o "size=$1,mode=0700" tmpfs "$MNT" 2>/dev/null && mounted=1
}
# fill the disk but for SLACK bytes (SQLite needs its 32 KiB shared-memory file to open at all)
fill() {
    dd if=/dev/zero of="$MNT/filler" bs=4k >/dev/null 2>&1
    size=$(stat -c %s "$MNT/filler"); truncate -s $((size - ${1:-0})) "$MNT/filler"; sync
}
snapshot() { sqlite3 -cmd '.timeout 5000' "$1" .dump | sha256sum; }
integrity() { sqlite3 -cmd '.timeout 5000' "$1" 'PRAGMA integrity_check'; }
nothing_partial() { # NAME DIR: only the listed files are there
    extra=$(ls -A "$2" | grep -vE '^(office\.db|office\.db-wal|office\.db-shm|backups|filler)$')
    [ -z "$extra" ] && pass "$1" || fail "$1" "left: $extra"
}

if ! small_fs 4m; then
    # ---- fallback: no mount permission, the database hits the file-size limit instead ----
    echo "# cannot mount a tmpfs here (not root?): database case with ulimit -f, others skipped"
    DB="$TMP/db/office.db"
    run "$XASO" --db "$DB" plan import "$PLAN"; expect_rc "the database is set up" 0
    sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    before=$(snapshot "$DB")
    (trap '' XFSZ; ulimit -f 1200; "$XASO" --db "$DB" plan import "$OTHER") >"$TMP/out" 2>"$TMP/err"; rc=$?
    [ "$rc" -ne 0 ] && pass "a database at its size limit fails the import" || fail "a database at its size limit fails the import"
    [ "$(integrity "$DB")" = ok ] && [ "$(snapshot "$DB")" = "$before" ] &&
        pass "and the database is intact and unchanged" || fail "and the database is intact and unchanged"
    finish; exit
fi

# ---- the database on a full disk ---------------------------------------------------------------
DB="$MNT/office.db"
run "$XASO" --db "$DB" plan import "$PLAN"; expect_rc "the database is set up on a small disk" 0
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
before=$(snapshot "$DB")
fill 98304
run "$XASO" --db "$DB" plan import "$OTHER"
expect_rc "a full disk fails the import with an I/O error" 74
expect_err "and says the disk is full" "the disk holding the database is full"
[ "$(integrity "$DB")" = ok ] && pass "integrity_check passes after the failed write" || fail "integrity_check passes after the failed write" "$(integrity "$DB")"
[ "$(snapshot "$DB")" = "$before" ] && pass "the database is unchanged (nothing half-imported)" || fail "the database is unchanged (nothing half-imported)"
run "$XASO" --db "$DB" progress list --plan 27/KH-UBND --period 2026Q3 >/dev/null 2>&1
run "$XASO" --db "$DB" plan list
expect_rc "the database can still be read on the full disk" 0; expect_out "and shows the saved plan" "27/KH-UBND"
nothing_partial "no temporary file is left on the full disk" "$MNT"
rm -f "$MNT/filler"; fill 0
run "$XASO" --db "$DB" plan list
expect_rc "a disk already full when xaso starts: refused" 74
expect_err "with a clear message" "the disk holding the database is full"
rm -f "$MNT/filler"
[ "$(snapshot "$DB")" = "$before" ] && pass "and the database is unchanged" || fail "and the database is unchanged"
run "$XASO" --db "$DB" plan import "$OTHER"; expect_rc "with space again, the import works" 0

# ---- the database on a read-only medium (a write-protected stick, a read-only mount) ----------
sum=$(sha256sum < "$DB")
mount -o remount,ro "$MNT"
run "$XASO" --db "$DB" plan import "$PLAN"
expect_rc "a database on a read-only medium is refused" 73
expect_err "with a clear message" "read-only"
run "$XASO" --db "$DB" plan list
expect_rc "even for reading (WAL needs its side files), with the same message" 73
mount -o remount,rw "$MNT"
[ "$(sha256sum < "$DB")" = "$sum" ] && nothing_partial "the read-only database is untouched" "$MNT" ||
    fail "the read-only database is untouched"

# ---- a backup to a full disk --------------------------------------------------------------------
mkdir -p "$TMP/db"
MAIN="$TMP/db/office.db"
run "$XASO" --db "$MAIN" plan import "$PLAN"; expect_rc "a database for the backup cases" 0
main_before=$(snapshot "$MAIN")
small_fs 256k
run "$XASO" --db "$MAIN" backup -o "$MNT/copy.db"
[ "$rc" -ne 0 ] && pass "a backup to a full disk fails" || fail "a backup to a full disk fails"
expect_err "and says the disk is full" "disk is full"
[ -z "$(ls -A "$MNT")" ] && pass "no partial backup is left" || fail "no partial backup is left" "$(ls -A "$MNT")"
[ "$(snapshot "$MAIN")" = "$main_before" ] && pass "the database backed up is unchanged" || fail "the database backed up is unchanged"

# ---- a bundle to a full stick and to one that vanishes mid-write -------------------------------
"$XASO" --demo plan list >/dev/null 2>&1
DEMO="$TMP/db/demo.db"
cp "$XDG_DATA_HOME/xaso/demo.db" "$DEMO"
for t in PL2.5 PL2.6 PL2.7 PL2.8; do
    head -c 6000000 /dev/urandom > "$TMP/$t.pdf"
    "$XASO" --db "$DEMO" evidence add --plan 27/KH-UBND --task "$t" --period 2026Q3 "$TMP/$t.pdf" >/dev/null 2>&1
done
"$XASO" --db "$DEMO" report finalise --plan 27/KH-UBND --period 2026Q3 >/dev/null 2>&1
state() { sqlite3 -cmd '.timeout 5000' "$DEMO" "SELECT state || ' ' || (SELECT count(*) FROM report_event)
    FROM report WHERE period = '2026Q3'"; }
demo_before=$(snapshot "$DEMO"); st_before=$(state)
small_fs 2m
run "$XASO" --db "$DEMO" report build --plan 27/KH-UBND --period 2026Q3 -o "$MNT"
expect_rc "a bundle to a full stick fails" 74
expect_err "and says the stick is full" "the target is full"
[ -z "$(ls -A "$MNT")" ] && pass "no partial bundle is left on the full stick" || fail "no partial bundle is left on the full stick" "$(ls -A "$MNT")"
[ "$(state)" = "$st_before" ] && [ "$(snapshot "$DEMO")" = "$demo_before" ] &&
    pass "the report stays finalised and the database unchanged" || fail "the report stays finalised and the database unchanged" "$(state)"

# vanish: the stick is unmounted (lazily, as when pulled out) or the folder removed while writing.
# A run that finished before the fault is fine (the next one pulls the stick sooner); runs go on
# until two were hit mid-write (at most 20), and every hit one fails with a message, leaves the
# report unchanged and no file where the stick was.
hits=0 bad=0 tries=0 window=150
while [ "$tries" -lt 20 ] && { [ "$tries" -lt 8 ] || [ "$hits" -lt 2 ]; }; do
    tries=$((tries + 1))
    how=unmount; [ $((tries % 2)) -eq 0 ] && how=remove
    small_fs 64m
    target="$MNT/usb"; mkdir -p "$target"
    ms=$(awk -v s="$tries$$" -v w="$window" 'BEGIN { srand(s); printf "%.3f", (5 + rand() * w) / 1000 }')
    # a file name, not the folder: a folder pulled before xaso looks at it must not become the
    # name of the bundle (-o names a file when no such folder exists)
    "$XASO" --db "$DEMO" report build --plan 27/KH-UBND --period 2026Q3 -o "$target/bundle.zip" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    sleep "$ms"
    if [ "$how" = unmount ]; then umount -l "$MNT"; mounted=0; else rm -rf "$target"; fi
    wait "$pid"; rc=$?
    if [ "$rc" -eq 0 ]; then
        # finished before the fault: the report is packaged; make it finalised again
        sqlite3 "$DEMO" "UPDATE report SET state = 'finalised' WHERE period = '2026Q3'"
        st_before=$(state); window=$((window * 2 / 3 + 1)); continue
    fi
    hits=$((hits + 1))
    if [ "$rc" -ne 74 ] && [ "$rc" -ne 73 ]; then bad=$((bad + 1)); echo "# $how: exit $rc"; fi
    grep -qE 'target|verify|rename|create|cannot|folder' "$TMP/err" || { bad=$((bad + 1)); echo "# $how: no message: $(cat "$TMP/err")"; }
    [ "$(state)" = "$st_before" ] || { bad=$((bad + 1)); echo "# $how: report changed: $(state)"; }
    [ -z "$(ls -A "$MNT" 2>/dev/null)" ] || [ "$(ls -A "$MNT")" = usb ] && [ -z "$(ls -A "$MNT/usb" 2>/dev/null)" ] ||
        { bad=$((bad + 1)); echo "# $how: left $(ls -AR "$MNT")"; }
    echo "# $how after ${ms}s: exit $rc: $(head -c 200 "$TMP/err")"
done
[ "$hits" -gt 0 ] && pass "the target vanished mid-write in $hits of $tries runs" || fail "the target vanished mid-write in $hits of $tries runs"
[ "$bad" -eq 0 ] && pass "each vanished target: a message, exit 73/74, report unchanged, nothing left" || fail "each vanished target: a message, exit 73/74, report unchanged, nothing left" "$bad problems"
[ "$(integrity "$DEMO")" = ok ] && pass "integrity_check passes after the vanished targets" || fail "integrity_check passes after the vanished targets"

# ---- the database on a stick that fails mid-write (I/O errors, as when it is pulled out) -------
# An ext2 stick on a loop device whose backing file lies on a tmpfs that is then filled: every new
# block the kernel writes to the stick fails with EIO. Then the stick is "plugged in again"
# (space freed, unmounted and mounted afresh, so nothing is read from the page cache).
STICK="$TMP/stick"
mkdir -p "$STICK"
if small_fs 8m && truncate -s 40M "$MNT/stick.img" && mkfs.ext2 -q "$MNT/stick.img" 2>/dev/null &&
    LOOP=$(losetup -f --show "$MNT/stick.img" 2>/dev/null) && mount "$LOOP" "$STICK" 2>/dev/null; then
    SDB="$STICK/office.db"
    "$XASO" --db "$SDB" plan import "$OTHER" >/dev/null 2>&1
    stick_before=$(snapshot "$SDB")
    fill
    run "$XASO" --db "$SDB" plan import "$PLAN"
    expect_rc "an import onto a stick that fails mid-write exits 74" 74
    expect_err "and says the stick could not be written" "could not be read or written (was it unplugged?)"
    rm -f "$MNT/filler"
    umount "$STICK" && mount "$LOOP" "$STICK"
    [ "$(integrity "$SDB")" = ok ] && pass "plugged in again: integrity_check passes" ||
        fail "plugged in again: integrity_check passes" "$(integrity "$SDB")"
    [ "$(snapshot "$SDB")" = "$stick_before" ] && pass "plugged in again: the database is as before the failed import" ||
        fail "plugged in again: the database is as before the failed import"
    run "$XASO" --db "$SDB" plan import "$PLAN"
    expect_rc "plugged in again: the same import works" 0
    umount "$STICK"; losetup -d "$LOOP"
else
    pass "a stick that fails mid-write # skip: no loop device or ext2 here"
fi
finish
