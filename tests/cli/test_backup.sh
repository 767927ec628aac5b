#!/bin/sh
# Backups: a copy a day kept ten deep, backup on demand, restore that checks before replacing.
. tests/cli/lib.sh
export XASO_LANG=en
DB="$TMP/office/xaso.db"
PLAN="$ROOT/tests/fixtures/small-plan.yaml"
plans() { sqlite3 "$1" "SELECT group_concat(key) FROM plan"; }

XASO_NOW=2026-11-20T08:00:00Z run "$XASO" --db "$DB" plan import "$PLAN"
expect_rc "import into a new database" 0
n=$(ls "$TMP/office/backups" 2>/dev/null | wc -l)
[ "$n" -eq 1 ] && pass "the first use of the day makes a backup" || fail "the first use of the day makes a backup" "$n files"
XASO_NOW=2026-11-20T15:00:00Z run "$XASO" --db "$DB" plan list
n=$(ls "$TMP/office/backups" | wc -l)
[ "$n" -eq 1 ] && pass "one automatic backup a day" || fail "one automatic backup a day" "$n files"
for day in 21 22 23 24 25 26 27 28 29 30; do
    XASO_NOW=2026-11-${day}T08:00:00Z run "$XASO" --db "$DB" plan list
done
n=$(ls "$TMP/office/backups" | wc -l)
[ "$n" -eq 10 ] && pass "the newest ten daily backups are kept" || fail "the newest ten daily backups are kept" "$n files"
[ -e "$TMP/office/backups/xaso-20261120-080000.db" ] && fail "the oldest backup is dropped" || pass "the oldest backup is dropped"
newest="$TMP/office/backups/xaso-20261130-080000.db"
[ "$(plans "$newest")" = "test-2026" ] && pass "a daily backup holds the data" || fail "a daily backup holds the data"
[ "$(stat -c %a "$newest")" = 600 ] && pass "backups are private (0600)" || fail "backups are private (0600)"

run "$XASO" --db "$DB" backup -o "$TMP/copy.db"
expect_rc "backup -o exits 0" 0
[ "$(plans "$TMP/copy.db")" = "test-2026" ] && pass "backup -o copies the data" || fail "backup -o copies the data"
run "$XASO" --db "$DB" backup -o "$TMP/no/such/dir/copy.db"
expect_rc "backup to a missing folder fails (cannot create output)" 73
ls "$TMP/no" >/dev/null 2>&1 && fail "a failed backup leaves nothing" || pass "a failed backup leaves nothing"

# restore refuses what is not a good backup, and changes nothing
sum=$(sha256sum < "$DB")
echo "just text" > "$TMP/text.db"
run "$XASO" --db "$DB" restore "$TMP/text.db"
expect_rc "restoring a non-database is refused" 65; expect_err "non-database message" "not a xaso database"
cp "$TMP/copy.db" "$TMP/newer.db"; sqlite3 "$TMP/newer.db" "PRAGMA user_version = 999"
run "$XASO" --db "$DB" restore "$TMP/newer.db"
expect_rc "restoring a newer backup is refused" 65; expect_err "newer backup message" "newer xaso"
cp "$TMP/copy.db" "$TMP/damaged.db"
size=$(stat -c %s "$TMP/damaged.db")
# damage from a page boundary (4 KiB pages): the page header is hit, which integrity_check sees
# (random bytes in the unused half of an empty page would go unnoticed by any check)
dd if=/dev/urandom of="$TMP/damaged.db" bs=1 seek=$((size / 2 / 4096 * 4096)) count=2048 conv=notrunc 2>/dev/null
run "$XASO" --db "$DB" restore "$TMP/damaged.db"
[ "$rc" -ne 0 ] && pass "restoring a damaged backup is refused" || fail "restoring a damaged backup is refused"
run "$XASO" --db "$DB" restore "$TMP/none.db"
expect_rc "restoring a missing file is refused" 66
[ "$(sha256sum < "$DB")" = "$sum" ] && pass "refused restores change nothing" || fail "refused restores change nothing"

# a good restore replaces the database and keeps the replaced one
sqlite3 "$DB" "UPDATE plan SET title = 'changed after the backup'"
run "$XASO" --db "$DB" restore "$TMP/copy.db"
expect_rc "restore exits 0" 0; expect_out "restore says where the replaced database is" "kept as"
run sqlite3 "$DB" "SELECT title FROM plan; PRAGMA integrity_check"
expect_out "the restored data is back" "Kế hoạch thử nghiệm chuyển đổi số năm 2026"
expect_out "the restored database is whole" "ok"
kept=$(ls "$TMP/office/backups/" | grep before-restore | head -n 1)
[ -n "$kept" ] && [ "$(sqlite3 "$TMP/office/backups/$kept" "SELECT title FROM plan")" = "changed after the backup" ] \
    && pass "the replaced database is kept" || fail "the replaced database is kept" "$kept"
run "$XASO" --db "$DB" plan list; expect_rc "the program works after a restore" 0

# what a writer killed mid-way left (a backup, an evidence file, an atomic write) goes at the next
# start; the temporary file of a writer that is still running stays
mkdir -p "$DB.evidence"
for d in "$TMP/office" "$TMP/office/backups" "$DB.evidence"; do
    : >"$d/.xaso-tmp-2147483600-Ab12Cd"
done
sleep 300 & alive=$!
: >"$TMP/office/backups/.xaso-tmp-$alive-Ef34Gh"
run "$XASO" --db "$DB" plan list; expect_rc "the next start works" 0
left=$(find "$TMP/office" -name '.xaso-tmp-2147483600-*' | wc -l)
[ "$left" -eq 0 ] && pass "a killed writer's temporary files are removed at the next start" ||
    fail "a killed writer's temporary files are removed at the next start" "$left left"
[ -e "$TMP/office/backups/.xaso-tmp-$alive-Ef34Gh" ] && pass "a running writer's temporary file stays" ||
    fail "a running writer's temporary file stays"
kill "$alive" 2>/dev/null; wait "$alive" 2>/dev/null
finish
