#!/bin/sh
# Typed numbers on the command line (issue 6): `value set` and `progress set` read either decimal
# mark where the reading is certain (format_parse_number), and refuse the ambiguous "7.100" with a
# message saying what to type, changing nothing.
. tests/cli/lib.sh
case "$BUILD" in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
[ "$B" = "$ROOT/build" ] || export XASO_LOCALEDIR="$B/locale" XASO_DATADIR="$ROOT"
export XASO_LANG=en
DB="$TMP/n.db"
"$XASO" --db "$DB" init --code 40001 --name "UBND xã Thử" >/dev/null || fail "init"
"$XASO" --db "$DB" plan import "$ROOT/tests/fixtures/small-plan.yaml" >/dev/null || fail "plan import"
plan=$(sqlite3 "$DB" "SELECT key FROM plan LIMIT 1")
target=$(sqlite3 "$DB" "SELECT code FROM target ORDER BY pos LIMIT 1")
task=$(sqlite3 "$DB" "SELECT code FROM task ORDER BY pos LIMIT 1")
value() { run "$XASO" --db "$DB" value set --plan "$plan" --target "$target" --period 2026Q3 "$@"; }
stored() { sqlite3 "$DB" "SELECT value FROM target_value WHERE period = '2026Q3'"; }

value --value 18,7
expect_rc "--value 18,7 (Vietnamese decimal comma)" 0
[ "$(stored)" = 18.7 ] && pass "18,7 is stored as 18.7" || fail "18,7 is stored as 18.7" "$(stored)"
value --value 18.7
expect_rc "--value 18.7 (English decimal point)" 0
value --value 1.234,5
expect_rc "--value 1.234,5 (thousands and decimal)" 0
[ "$(stored)" = 1234.5 ] && pass "1.234,5 is stored as 1234.5" || fail "1.234,5 is stored as 1234.5" "$(stored)"
value --value 7.100
expect_rc "--value 7.100 is refused" 64
expect_err "and the message says both readings" '"7.100" can be read two ways: type 7100 for the whole number or 7.1 for the decimal'
[ "$(stored)" = 1234.5 ] && pass "a refused value changes nothing" || fail "a refused value changes nothing" "$(stored)"
value --value 1,234
expect_rc "--value 1,234 is refused" 64
expect_err "with a decimal that cannot be misread" "1.2340"
XASO_LANG=vi value --value 7.100
expect_err "in Vietnamese too, with Vietnamese marks" "7,1"
value --numerator 7.100 --denominator 10.000
expect_rc "counts read either mark as thousands" 0
value --numerator 2,5 --denominator 10
expect_rc "a count with decimals is refused" 64
value --value abc
expect_err "not a number" '--value needs a number (such as 18,7 or 1.250), not "abc"'
run "$XASO" --db "$DB" progress set --plan "$plan" --task "$task" --period 2026Q3 --completion 18.5%
expect_rc "--completion 18.5% (a percentage)" 0
run sqlite3 "$DB" "SELECT completion FROM task_update WHERE period = '2026Q3'"
expect_out "the completion is stored as 18.5" "18.5"
finish
