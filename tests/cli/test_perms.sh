#!/bin/sh
# Files and folders xaso creates are private to the user, whatever the umask: the database and
# its WAL/SHM side files, the data folder, the backups (folder and copies), the evidence store
# (folder and files), plan exports, and bundles (0600 files, 0700 folders). Bundles are private
# too: on a shared PC the copy next to the office's other files must not be world-readable; on
# a FAT-formatted USB stick modes do not exist and the copy is readable wherever it is plugged in.
. tests/cli/lib.sh
export XASO_LANG=en XASO_TODAY=2026-11-23 XASO_NOW=2026-11-23T08:00:00Z
umask 022
mode() { stat -c %a "$1" 2>/dev/null; }
expect_mode() { # NAME PATH MODE
    m=$(mode "$2")
    [ "$m" = "$3" ] && pass "$1 is $3" || fail "$1 is $3" "$2: ${m:-missing}"
}
run "$XASO" --demo plan list; expect_rc "the demo opens under umask 022" 0
D="$XDG_DATA_HOME/xaso"
expect_mode "the data folder" "$D" 700
expect_mode "the demo database" "$D/demo.db" 600
# a database of one's own, kept open by a reader so that the WAL and SHM files exist
DB="$D/xaso.db"
run "$XASO" plan import "$ROOT/forms/plans/ngoc-son-2026.yaml"; expect_rc "an import" 0
expect_mode "the database" "$DB" 600
sqlite3 "$DB" "BEGIN; SELECT count(*) FROM plan;" >/dev/null
(sqlite3 "$DB" "BEGIN IMMEDIATE; UPDATE plan SET note = note; SELECT 1;" >/dev/null; sleep 0) &
wait
run "$XASO" plan import "$ROOT/forms/plans/thuan-loi-2026.yaml"
for side in "$DB-wal" "$DB-shm"; do [ -e "$side" ] && expect_mode "$(basename "$side")" "$side" 600; done
sqlite3 "$DB" "PRAGMA journal_mode" >/dev/null
# backups: the daily one and an explicit one
run "$XASO" backup; expect_rc "xaso backup" 0
expect_mode "the backups folder" "$D/backups" 700
for f in "$D"/backups/*; do expect_mode "backup $(basename "$f")" "$f" 600; done
# evidence
head -c 1000 /dev/urandom > "$TMP/photo.jpg"
run "$XASO" --demo evidence add --plan 27/KH-UBND --task PL2.5 --period 2026Q3 "$TMP/photo.jpg"
expect_rc "evidence is attached" 0
ev=$(ls -d "$D"/demo.db.evidence 2>/dev/null)
expect_mode "the evidence folder" "$ev" 700
for f in "$ev"/*; do expect_mode "evidence file" "$f" 600; done
# a plan export and a bundle
run "$XASO" plan export 27/KH-UBND -o "$TMP/plan.yaml"; expect_rc "a plan export" 0
expect_mode "a plan export" "$TMP/plan.yaml" 600
mkdir -p "$TMP/usb"
run "$XASO" --demo report build --plan 27/KH-UBND --period 2026Q2 -o "$TMP/usb"; expect_rc "a bundle" 0
for f in "$TMP"/usb/*.zip; do expect_mode "a bundle" "$f" 600; done
# …and private from its creation on, not only once complete: libzip creates the temporary file
# at zip_close, which must run under umask 077 (strace shows the mode it is created with)
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then # ptrace allowed
    mkdir -p "$TMP/usb2"
    strace -f -e trace=openat,umask -o "$TMP/strace.log" "$XASO" --demo report build --plan 27/KH-UBND --period 2026Q2 -o "$TMP/usb2" >/dev/null 2>&1
    created=$(awk '/umask\(/ { private = ($0 ~ /umask\(077\)/) }
                   /openat\(.*\.part.*O_CREAT/ { print (private ? "private" : "open") }' "$TMP/strace.log")
    [ "$created" = private ] && pass "the bundle's temporary file is created under umask 077" ||
        fail "the bundle's temporary file is created under umask 077" "${created:-no .part file created}"
fi
# nothing group- or world-accessible anywhere under the data folder
loose=$(find "$D" \( -type f -perm /077 \) -o \( -type d -perm /077 \) | head -n 3)
[ -z "$loose" ] && pass "nothing under the data folder is readable by others" || fail "nothing under the data folder is readable by others" "$loose"
finish
