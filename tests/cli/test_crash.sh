#!/bin/sh
# Crash safety: plan imports killed with SIGKILL at random moments. After every kill the database
# passes PRAGMA integrity_check, holds one whole version of the plan (never half of each), nothing
# temporary is left beside it, and the next run works. XASO_CRASH_RUNS sets the number of runs
# (200; 50 under the sanitizers, which are slower).
. tests/cli/lib.sh
export XASO_LANG=en
runs=${XASO_CRASH_RUNS:-200}
case "$BUILD" in *asan*) runs=${XASO_CRASH_RUNS:-50} ;; esac
DB="$TMP/db/office.db"
A="$ROOT/forms/plans/ngoc-son-2026.yaml"
B="$TMP/revised.yaml"
sed 's/^\(    name: "\)/\1[v2] /' "$A" > "$B"

run "$XASO" --db "$DB" plan import "$A"; expect_rc "first import" 0
state() { # the version of the plan in the database: A, B, or MIXED
    sqlite3 -cmd '.timeout 5000' "$DB" "SELECT CASE WHEN sum(name LIKE '[v2] %') = count(*) THEN 'B'
                               WHEN sum(name LIKE '[v2] %') = 0 THEN 'A' ELSE 'MIXED' END
                   FROM (SELECT name FROM target UNION ALL SELECT name FROM task)"
}
bad_integrity=0 mixed=0 leftovers=0 lost=0 killed=0 finished=0
i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    if [ $((i % 2)) -eq 0 ]; then file="$A"; else file="$B"; fi
    before=$(state)
    # kill after 0–150 ms: before, during and after the transaction
    delay=$(awk -v s="$i" 'BEGIN { srand(s); printf "%.3f", rand() * 0.15 }')
    timeout -s KILL "$delay" "$XASO" --db "$DB" plan import "$file" >"$TMP/out" 2>&1
    rc=$?
    if [ "$rc" -eq 137 ]; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
    check=$(sqlite3 -cmd '.timeout 5000' "$DB" 'PRAGMA integrity_check' 2>&1)
    if [ "$check" != ok ]; then bad_integrity=$((bad_integrity + 1)); echo "# run $i: $check"; fi
    now=$(state)
    [ "$now" = MIXED ] && mixed=$((mixed + 1))
    # a confirmed import is there
    if grep -q "targets," "$TMP/out"; then
        want=A; [ "$file" = "$B" ] && want=B
        [ "$now" = "$want" ] || lost=$((lost + 1))
    elif [ "$now" != "$before" ] && [ "$rc" -ne 137 ]; then
        lost=$((lost + 1))
    fi
    extra=$(ls "$TMP/db" | grep -vE '^office\.db(-wal|-shm)?$|^backups$' | head -n 1)
    [ -n "$extra" ] && leftovers=$((leftovers + 1))
done
echo "# $runs runs: $killed killed, $finished finished"
[ "$killed" -gt $((runs / 4)) ] && pass "most runs were really killed mid-way" || fail "most runs were really killed mid-way" "$killed of $runs"
[ "$bad_integrity" -eq 0 ] && pass "integrity_check passes after every kill" || fail "integrity_check passes after every kill" "$bad_integrity failures"
[ "$mixed" -eq 0 ] && pass "an import is all or nothing after every kill" || fail "an import is all or nothing after every kill" "$mixed mixed"
[ "$lost" -eq 0 ] && pass "every confirmed import is present" || fail "every confirmed import is present" "$lost lost"
[ "$leftovers" -eq 0 ] && pass "no temporary file is left beside the database" || fail "no temporary file is left beside the database"
run "$XASO" --db "$DB" plan import "$A"; expect_rc "the next run works" 0
[ "$(state)" = A ] && pass "the next run imports" || fail "the next run imports"
finish
