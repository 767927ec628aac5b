#!/bin/sh
# Command-line tests of the foundation: init, plan import / list / export, invalid plan files,
# re-import and round trips. Runs the real binary on real SQLite files.
. tests/cli/lib.sh
export XASO_LANG=en
FIX="$ROOT/tests/fixtures"
DB="$TMP/office.db"

dump() { sqlite3 "$1" .dump | sha256sum; }

# --- usage ---------------------------------------------------------------------------------
run "$XASO" --version;              expect_rc "--version exits 0" 0; expect_out "--version prints it" "xaso "
run "$XASO" --help;                 expect_rc "--help exits 0" 0; expect_out "--help lists plan import" "plan import"
run "$XASO" help plan import;       expect_rc "help COMMAND exits 0" 0; expect_out "help COMMAND shows usage" "Usage: xaso plan import"
run "$XASO" frobnicate;             expect_rc "unknown command is bad usage (64)" 64; expect_err "unknown command named" "frobnicate"
run "$XASO" plan import;            expect_rc "plan import without files is bad usage" 64
run "$XASO" --lang xx plan list;    expect_rc "unknown language is bad usage" 64
run "$XASO" --db "$TMP/none.db" plan list; expect_rc "missing database is unreadable input (66)" 66
expect_err "missing database points to init" "xaso init"

# --- init: default path under XDG_DATA_HOME, private ----------------------------------------
run "$XASO" init --code 40001 --name "UBND xã Thử Nghiệm" --province "Thanh Hóa" --level xa
expect_rc "init exits 0" 0
if [ -f "$XDG_DATA_HOME/xaso/xaso.db" ]; then pass "init creates the default database"; else fail "init creates the default database"; fi
mode=$(stat -c %a "$XDG_DATA_HOME/xaso/xaso.db" 2>/dev/null); dmode=$(stat -c %a "$XDG_DATA_HOME/xaso" 2>/dev/null)
[ "$mode" = 600 ] && pass "database is 0600" || fail "database is 0600" "mode $mode"
[ "$dmode" = 700 ] && pass "database folder is 0700" || fail "database folder is 0700" "mode $dmode"
run sqlite3 "$XDG_DATA_HOME/xaso/xaso.db" "PRAGMA journal_mode; SELECT name, level FROM office"
expect_out "database is in WAL mode" "wal"; expect_out "office stored in NFC" "UBND xã Thử Nghiệm|xa"
run "$XASO" init --code 1 --name X --level huyen; expect_rc "init refuses an unknown level" 64
XASO_DB="$TMP/env.db" run "$XASO" init --code 2 --name Y
[ -f "$TMP/env.db" ] && pass "XASO_DB chooses the database" || fail "XASO_DB chooses the database"

# --- import -------------------------------------------------------------------------------
run "$XASO" --db "$DB" plan import "$FIX/small-plan.yaml"
expect_rc "import exits 0" 0
expect_out "import prints counts" "2 targets, 2 tasks, 2 projects, 3 units"
run sqlite3 "$DB" "SELECT comparator, value, measure_unit FROM target WHERE key = 'PL1/I.1'"
expect_out "comparator/value/unit parsed from the printed target" ">|100.0|%"
run sqlite3 "$DB" "SELECT timeline_kind, start_date, due_date FROM task WHERE code = '1'"
expect_out "typed timeline derived from the printed one" "quarter|2026-07-01|2026-09-30"
run sqlite3 "$DB" "SELECT group_concat(a.role || ':' || u.code, ' ') FROM task_assignment a JOIN unit u ON u.id = a.unit_id JOIN task t ON t.id = a.task_id WHERE t.code = '1'"
expect_out "assignments keep their roles; references resolved by alias" "lead:vhxh coordinator:ca-xa requested:vien-thong"
run sqlite3 "$DB" "SELECT count(*) FROM project WHERE code = '1'"
expect_out "a code repeated in two sections gives two projects" "2"
audit_before=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
[ "$audit_before" -gt 10 ] && pass "import is audited" || fail "import is audited" "$audit_before rows"
before=$(dump "$DB")
run "$XASO" --db "$DB" plan import "$FIX/small-plan.yaml"
expect_rc "re-import exits 0" 0; expect_out "re-import says nothing changed" "nothing changed"
[ "$(dump "$DB")" = "$before" ] && pass "re-import changes nothing in the database" || fail "re-import changes nothing in the database"

# A revised file: one renamed target, one task removed → updated in place, archived, audited.
sed -e 's/name: "Tỷ lệ phủ sóng 5G"/name: "Tỷ lệ phủ sóng 5G trên địa bàn"/' \
    -e '/code: "2"/,/lead: \[vhxh\]/d' "$FIX/small-plan.yaml" > "$TMP/revised.yaml"
run "$XASO" --db "$DB" plan import "$TMP/revised.yaml"
expect_rc "revised import exits 0" 0; expect_out "revised import counts changes" "1 updated"
expect_out "revised import archives the removed task" "1 archived"
run sqlite3 "$DB" "SELECT count(*) FROM target WHERE plan_id = 1; SELECT name FROM target WHERE key = 'PL1/I.1'; SELECT archived FROM task WHERE code = '2'"
expect_out "updated in place, not duplicated" "2"
expect_out "new name stored" "Tỷ lệ phủ sóng 5G trên địa bàn"
run sqlite3 "$DB" "SELECT old, new FROM audit WHERE tbl = 'target' AND old IS NOT NULL"
expect_out "audit keeps the old value" '"name": "Tỷ lệ phủ sóng 5G"'
expect_out "audit keeps the new value" '"name": "Tỷ lệ phủ sóng 5G trên địa bàn"'
run "$XASO" --db "$DB" plan list
expect_out "plan list shows the revised counts" "test-2026"
expect_out "plan list shows the title" "Kế hoạch thử nghiệm chuyển đổi số năm 2026"

# --- invalid files: FILE:LINE:COL message, exit 65, database unchanged ------------------------
before=$(dump "$DB")
check_bad() { # file expected-message
    run "$XASO" --db "$DB" plan import "$FIX/bad/$1"
    expect_rc "$1 is refused with 65" 65
    expect_err "$1 message" "$2"
    [ "$(dump "$DB")" = "$before" ] && pass "$1 leaves the database unchanged" || fail "$1 leaves the database unchanged"
}
check_bad tab.yaml            "bad/tab.yaml:3:1: tab characters are not allowed"
check_bad duplicate-key.yaml  "bad/duplicate-key.yaml:5:3: duplicate key \"title\""
check_bad unknown-key.yaml    "bad/unknown-key.yaml:5:3: unknown key \"colour\" in a plan"
check_bad alias.yaml          "bad/alias.yaml:2:7: anchors (&name) are not allowed"
check_bad wrong-type.yaml     "bad/wrong-type.yaml:8:12: \"value\" must be a number"
check_bad invalid-utf8.yaml   "bad/invalid-utf8.yaml:4:20: the file is not valid UTF-8"
check_bad empty.yaml          "bad/empty.yaml:1:1: the file is empty"
check_bad missing-name.yaml   "bad/missing-name.yaml:6:5: this task has no \"name\", which is required"
check_bad unknown-unit.yaml   "bad/unknown-unit.yaml:8:12: unknown unit \"ai-do\""
check_bad newer-format.yaml   "bad/newer-format.yaml:1:12: plan file format version \"2\" is not supported"
check_bad not-a-plan.yaml     "bad/not-a-plan.yaml:1:1: this is not a xaso plan file"
check_bad duplicate-code.yaml "bad/duplicate-code.yaml:7:5: target \"1\" appears twice"
check_bad bad-date.yaml       "bad/bad-date.yaml:5:9: \"date\" must be a date written YYYY-MM-DD"
run "$XASO" --db "$DB" plan import "$TMP/no-such-file.yaml"
expect_rc "missing file is unreadable input (66)" 66
# a bad file among good ones: the good ones land, the bad one changes nothing, exit is non-zero
run "$XASO" --db "$TMP/mixed.db" plan import "$FIX/bad/tab.yaml" "$FIX/small-plan.yaml"
expect_rc "a bad file among good ones exits 65" 65
run sqlite3 "$TMP/mixed.db" "SELECT count(*) FROM plan"; expect_out "the good file was imported" "1"
run "$XASO" --db "$TMP/fresh.db" plan import "$FIX/bad/tab.yaml"
[ -e "$TMP/fresh.db" ] && fail "a bad file does not create a database" || pass "a bad file does not create a database"

# --- export and round trip ----------------------------------------------------------------
run "$XASO" --db "$DB" plan export 99/KH-UBND -o "$TMP/e1.yaml"; expect_rc "export by symbol exits 0" 0
run "$XASO" --db "$TMP/rt.db" plan import "$TMP/e1.yaml"; expect_rc "exported file imports" 0
run "$XASO" --db "$TMP/rt.db" plan export test-2026 -o "$TMP/e2.yaml"; expect_rc "export by key exits 0" 0
expect_same "round trip gives the same plan file" "$TMP/e1.yaml" "$TMP/e2.yaml"
run "$XASO" --db "$DB" plan export nothing -o "$TMP/x.yaml"; expect_rc "unknown plan is unreadable input" 66
run "$XASO" --db "$DB" plan export test-2026 -o "$TMP/no/such/dir/x.yaml"
expect_rc "unwritable output is 73" 73

# --- database safety ----------------------------------------------------------------------
cp "$DB" "$TMP/newer.db"; sqlite3 "$TMP/newer.db" "PRAGMA user_version = 999"
sum=$(sha256sum < "$TMP/newer.db")
run "$XASO" --db "$TMP/newer.db" plan list
expect_rc "a newer database is refused" 65; expect_err "newer database message" "made by a newer xaso"
[ "$(sha256sum < "$TMP/newer.db")" = "$sum" ] && pass "a newer database is left untouched" || fail "a newer database is left untouched"
echo "not a database at all, just text" > "$TMP/text.db"
run "$XASO" --db "$TMP/text.db" plan list
expect_rc "a file that is not a database is refused" 65; expect_err "not-a-database message" "not a xaso database"

finish
