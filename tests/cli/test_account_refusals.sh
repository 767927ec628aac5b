#!/bin/sh
# Staff accounts, the rest of the rules on the command line: evidence (evidence.add for the units
# that own the task, evidence.appraise for the office), restoring a backup (database.restore) and
# taking one (reading: every signed-in account). Each refusal exits 77, names the person and
# changes nothing (the database dump and the evidence store compared before and after).
. tests/cli/lib.sh
export XASO_LANG=en
export XASO_TEST_KDF_ITERATIONS=1000 # PBKDF2 rounds for test accounts only (fast under ASan)
FIX="$ROOT/tests/fixtures"
DB="$TMP/office.db"
dump() { sqlite3 "$DB" .dump | sha256sum; ls -R "$XDG_DATA_HOME" 2>/dev/null | grep -v -e '^manual-' -e '-before-restore-' | sha256sum; }
x() { "$XASO" --db "$DB" "$@"; }
as() { u=$1 p=$2; shift 2; XASO_PIN=$p "$XASO" --db "$DB" --user "$u" "$@"; } # as LOGIN PIN …

XASO_NEW_PIN=lan-2026 run x init --code 40001 --name "UBND xã Thử Nghiệm" --admin lan --admin-name "Nguyễn Thị Lan"
expect_rc "office with an administrator" 0
run as lan lan-2026 plan import "$FIX/small-plan.yaml"; expect_rc "plan imported" 0
XASO_NEW_PIN=hoa-2026 run as lan lan-2026 account add --login hoa --name "Lê Thị Hoa" --role unit --unit vhxh
expect_rc "unit staff of vhxh" 0
XASO_NEW_PIN=binh-2026 run as lan lan-2026 account add --login binh --name "Trần Văn Bình" --role unit --unit vien-thong
expect_rc "unit staff of vien-thong" 0
XASO_NEW_PIN=ct-20261 run as lan lan-2026 account add --login chu.tich --name "Hoàng Văn Chủ" --role viewer
expect_rc "a read-only account" 0
printf 'biên bản\n' >"$TMP/bien-ban.txt"

forbidden() { # name login pin command…
    name=$1; shift
    before=$(dump)
    run as "$@"
    expect_rc "$name: refused (77)" 77
    expect_err "$name: says who may not do what" "not allowed: "
    [ "$(dump)" = "$before" ] && pass "$name: nothing changed" || fail "$name: nothing changed" "$(head -c 300 "$TMP/err")"
}

# --- evidence ------------------------------------------------------------------------------------
run as hoa hoa-2026 evidence add --plan test-2026 --task 2 --period 2026Q3 "$TMP/bien-ban.txt"
expect_rc "vhxh leads task 2: its staff attach evidence" 0
id=$(sqlite3 "$DB" "SELECT id FROM evidence LIMIT 1")
run sqlite3 "$DB" "SELECT added_by FROM evidence"; expect_out "the evidence names who added it" "Lê Thị Hoa (hoa)"
forbidden "another unit's staff attach evidence" binh binh-2026 evidence add --plan test-2026 --task 2 --period 2026Q3 "$TMP/bien-ban.txt"
expect_err "…naming the task and the unit" "may not add evidence for task"
forbidden "the viewer attaches evidence"  chu.tich ct-20261 evidence add --plan test-2026 --task 2 --period 2026Q3 "$TMP/bien-ban.txt"
forbidden "unit staff appraise evidence"  hoa hoa-2026 evidence appraise "$id" accepted
expect_err "…saying the action" "may not appraise evidence (role: unit staff)"
forbidden "the viewer appraises evidence" chu.tich ct-20261 evidence appraise "$id" rejected --reason "mờ"
run as lan lan-2026 evidence appraise "$id" accepted; expect_rc "the administrator appraises" 0
run sqlite3 "$DB" "SELECT appraisal, appraised_by FROM evidence"; expect_out "…named on the evidence" "accepted|Nguyễn Thị Lan (lan)"
run x evidence list --plan test-2026; expect_rc "without signing in even reading is refused" 77

# --- backup: reading, for everyone signed in; restore: the administrator's ------------------------
run as chu.tich ct-20261 backup -o "$TMP/copy.db"; expect_rc "the viewer takes a backup" 0
[ -f "$TMP/copy.db" ] && pass "…the copy exists" || fail "…the copy exists"
run as hoa hoa-2026 backup -o "$TMP/copy2.db"; expect_rc "unit staff take a backup" 0
run x backup -o "$TMP/copy3.db"; expect_rc "nobody signed in: no backup" 77
[ ! -f "$TMP/copy3.db" ] && pass "…and no file" || fail "…and no file"
run as lan lan-2026 progress set --plan test-2026 --task 2 --period 2026Q3 --completion 60
expect_rc "a change after the backup" 0
forbidden "unit staff restore a backup" hoa hoa-2026 restore "$TMP/copy.db"
expect_err "…saying the action" "may not restore the database"
forbidden "the viewer restores a backup" chu.tich ct-20261 restore "$TMP/copy.db"
before=$(dump)
run x restore "$TMP/copy.db"; expect_rc "restore without signing in is refused" 77
[ "$(dump)" = "$before" ] && pass "…and changes nothing" || fail "…and changes nothing"
run as lan wrong-pin restore "$TMP/copy.db"; expect_rc "restore with a wrong PIN is refused" 77
sleep 2 # the delay after a failed sign-in
run as lan lan-2026 restore "$TMP/copy.db"; expect_rc "the administrator restores" 0
expect_out "…and says so" "Restored"
run sqlite3 "$DB" "SELECT count(*) FROM task_update WHERE completion = 60"; expect_out "the later change is gone" "0"

finish
