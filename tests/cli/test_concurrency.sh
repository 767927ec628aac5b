#!/bin/sh
# Two processes on one database (two staff on one shared PC): a writer that must wait says so and
# then succeeds; one that waits too long fails clearly (exit 75) and changes nothing; concurrent
# writers lose nothing.
. tests/cli/lib.sh
export XASO_LANG=en
DB="$TMP/office.db"
PLANS="$ROOT/forms/plans"
run "$XASO" --db "$DB" plan import "$ROOT/tests/fixtures/small-plan.yaml"; expect_rc "setup" 0

hold_lock() { # seconds: another writer holds the database
    ( echo "BEGIN IMMEDIATE; UPDATE office SET name = name;"; sleep "$1"; echo "COMMIT;" ) | sqlite3 "$DB" &
    holder=$!
    sleep 0.3
}

hold_lock 2
run "$XASO" --db "$DB" plan import "$PLANS/thuan-loi-2026.yaml"
wait "$holder"
expect_rc "a writer waits for the other and succeeds" 0
expect_err "the waiting writer says so" "waiting"

hold_lock 4
before=$(sqlite3 -cmd '.timeout 6000' "$DB" "SELECT count(*) FROM plan")
XASO_BUSY_TIMEOUT=1 run "$XASO" --db "$DB" plan import "$PLANS/bac-son-2025-2030.yaml"
wait "$holder"
expect_rc "a writer that waits too long fails with 75" 75
expect_err "and says the database is in use" "in use by another xaso"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM plan")" = "$before" ] && pass "the failed writer changed nothing" || fail "the failed writer changed nothing"

# Ten pairs of writers at the same time: every import lands.
rm -f "$TMP/multi.db"*
"$XASO" --db "$TMP/multi.db" plan import "$ROOT/tests/fixtures/small-plan.yaml" >/dev/null
i=0; pids=""
while [ "$i" -lt 10 ]; do
    i=$((i + 1))
    sed "s/^  key: test-2026/  key: test-$i/; s/^  symbol: \"99\/KH-UBND\"/  symbol: \"$i\/KH-UBND\"/" \
        "$ROOT/tests/fixtures/small-plan.yaml" > "$TMP/p$i.yaml"
done
for i in 1 2 3 4 5 6 7 8 9 10; do
    "$XASO" --db "$TMP/multi.db" plan import "$TMP/p$i.yaml" >"$TMP/o$i" 2>&1 &
    pids="$pids $!"
done
failed=0
for p in $pids; do wait "$p" || failed=$((failed + 1)); done
[ "$failed" -eq 0 ] && pass "ten concurrent writers all succeed" || fail "ten concurrent writers all succeed" "$failed failed: $(cat "$TMP"/o*)"
[ "$(sqlite3 "$TMP/multi.db" "SELECT count(*) FROM plan")" = 11 ] && pass "no concurrent write is lost" || fail "no concurrent write is lost"
[ "$(sqlite3 "$TMP/multi.db" "PRAGMA integrity_check")" = ok ] && pass "the database is whole" || fail "the database is whole"
finish
