#!/bin/sh
# xaso progress set / value set in a single-user office (no accounts): what is stored, Vietnamese
# numbers, counts that give a percentage, "no data", bad input refused without a change, and a
# finalised period locked.
. tests/cli/lib.sh
export XASO_LANG=en
FIX="$ROOT/tests/fixtures"
DB="$TMP/office.db"
dump() { sqlite3 "$DB" .dump | sha256sum; }
x() { "$XASO" --db "$DB" "$@"; }

run x init --code 40001 --name "UBND xã Thử Nghiệm"; expect_rc "init" 0
run x plan import "$FIX/small-plan.yaml"; expect_rc "import" 0

# --- task progress -------------------------------------------------------------------------------
run x progress set --plan 99/KH-UBND --task 1 --period 2026Q3 --status in-progress --completion "62,5" \
    --done "Đã tổ chức 1 lớp" --quantity "1/2 lớp" --difficulties "Thiếu máy chiếu" --proposals "Cấp thêm kinh phí"
expect_rc "progress set exits 0" 0; expect_out "says it is saved" "Task 1, 2026Q3: progress saved"
run sqlite3 "$DB" "SELECT status, completion, done_text, quantity_text, difficulties, proposals, updated_by IS NOT NULL FROM task_update"
expect_out "every field is stored (62,5 is 62.5)" "in-progress|62.5|Đã tổ chức 1 lớp|1/2 lớp|Thiếu máy chiếu|Cấp thêm kinh phí|1"
audit=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE tbl = 'task_update'")
run x progress set --plan test-2026 --task 1 --period 2026Q3 --completion 62.5
expect_rc "the same value again exits 0" 0
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE tbl = 'task_update'")" = "$audit" ] && pass "…and writes no audit row" || fail "…and writes no audit row"
run x progress set --plan test-2026 --task 1 --period 2026Q3 --done ""
run sqlite3 "$DB" "SELECT done_text IS NULL FROM task_update"; expect_out "an empty text clears the field" "1"
run sqlite3 "$DB" "SELECT old FROM audit WHERE tbl = 'task_update' ORDER BY id DESC LIMIT 1"
expect_out "the change is audited with the old value" "Đã tổ chức 1 lớp"

before=$(dump)
bad() { # name rc command…
    name=$1 code=$2; shift 2
    run x "$@"
    expect_rc "$name ($code)" "$code"
    [ "$(dump)" = "$before" ] && pass "$name: nothing changed" || fail "$name: nothing changed"
}
bad "unknown status"            64 progress set --plan test-2026 --task 1 --period 2026Q3 --status finished
bad "completion over 100"       64 progress set --plan test-2026 --task 1 --period 2026Q3 --completion 120
bad "completion not a number"   64 progress set --plan test-2026 --task 1 --period 2026Q3 --completion "nhiều"
bad "not a period"              64 progress set --plan test-2026 --task 1 --period 2026Q5 --completion 1
bad "nothing to set"            64 progress set --plan test-2026 --task 1 --period 2026Q3
bad "unknown task"              66 progress set --plan test-2026 --task 9 --period 2026Q3 --completion 1
bad "unknown plan"              66 progress set --plan none --task 1 --period 2026Q3 --completion 1
bad "missing --task"            64 progress set --plan test-2026 --period 2026Q3 --completion 1
bad "unknown option"            64 progress set --plan test-2026 --task 1 --period 2026Q3 --value 1
expect_err "names the option" "--value"

# --- target values -------------------------------------------------------------------------------
run x value set --plan test-2026 --target I.2 --period 2026Q3 --numerator "1.250" --denominator "2.000" --source "Cổng DVC" --as-of 2026-09-14
expect_rc "counts exit 0" 0; expect_out "says it is saved" "Target I.2, 2026Q3: value saved"
run sqlite3 "$DB" "SELECT numerator, denominator, value, data_source, as_of, no_data FROM target_value"
expect_out "counts (1.250 = 1250) give the percentage" "1250.0|2000.0|62.5|Cổng DVC|2026-09-14|0"
run x value set --plan test-2026 --target PL1/I.2 --period 2026Q3 --value "18,7"
run sqlite3 "$DB" "SELECT value, numerator IS NULL, denominator IS NULL FROM target_value"
expect_out "a value replaces the counts (key PL1/I.2 works too)" "18.7|1|1"
run x value set --plan test-2026 --target I.1 --period 2026Q3 --no-data --note "Chưa có số liệu từ nhà mạng"
run sqlite3 "$DB" "SELECT no_data, value IS NULL, note FROM target_value WHERE target_id = (SELECT id FROM target WHERE code = 'I.1')"
expect_out "no data is a state of its own" "1|1|Chưa có số liệu từ nhà mạng"
before=$(dump)
bad "value and counts together"  64 value set --plan test-2026 --target I.2 --period 2026Q3 --value 1 --numerator 1 --denominator 2
bad "numerator alone"            64 value set --plan test-2026 --target I.2 --period 2026Q3 --numerator 1
bad "zero denominator"           65 value set --plan test-2026 --target I.2 --period 2026Q3 --numerator 1 --denominator 0
bad "no data with a value"       64 value set --plan test-2026 --target I.2 --period 2026Q3 --no-data --value 3
bad "value not a number"         64 value set --plan test-2026 --target I.2 --period 2026Q3 --value "18,7%"
bad "bad as-of date"             64 value set --plan test-2026 --target I.2 --period 2026Q3 --as-of 14/09/2026
bad "unknown target"             66 value set --plan test-2026 --target I.9 --period 2026Q3 --value 1

# --- a finalised period is locked -------------------------------------------------------------------
run x progress set --plan test-2026 --task 2 --period 2026Q3 --status in-progress --completion 10
run x report finalise --plan test-2026 --period 2026Q3; expect_rc "finalise the period" 0
before=$(dump)
bad "progress in a finalised period" 77 progress set --plan test-2026 --task 1 --period 2026Q3 --completion 70
expect_err "says to reopen" "reopen"
bad "a value in a finalised period"  77 value set --plan test-2026 --target I.2 --period 2026Q3 --value 20
run x progress set --plan test-2026 --task 1 --period 2026Q4 --completion 70
expect_rc "the next period is open" 0

run "$XASO" help progress set; expect_rc "help progress set" 0; expect_out "shows the options" "--completion N"
run "$XASO" help value set; expect_out "help value set shows the options" "--numerator N"
finish
