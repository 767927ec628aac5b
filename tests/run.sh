#!/bin/sh
# Runs every test: the cmocka unit tests in $BUILD/tests, then the command-line tests in tests/cli.
# Ends with one summary line: "check: N passed, N failed".
BUILD=${BUILD:-build}
passed=0 failed=0 failures=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    "$t" >"$log" 2>&1
    rc=$?
    ok=$(grep -c '^\[       OK \]' "$log")
    cat "$log"
    passed=$((passed + ok))
    if [ "$rc" -ne 0 ]; then
        n=$(grep -c '^\[  FAILED  \] [a-z_]' "$log"); [ "$n" -gt 0 ] || n=1
        failed=$((failed + n)); failures="$failures $(basename "$t")"
    fi
done

for t in tests/cli/test_*.sh; do
    [ -f "$t" ] || continue
    echo "== $t"
    XASO_BIN="$BUILD/xaso" BUILD="$BUILD" sh "$t" >"$log" 2>&1
    rc=$?
    cat "$log"
    ok=$(grep -c '^ok ' "$log"); bad=$(grep -c '^not ok ' "$log")
    passed=$((passed + ok)); failed=$((failed + bad))
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then failed=$((failed + 1)); fi
    if [ "$rc" -ne 0 ] || [ "$bad" -gt 0 ]; then failures="$failures $(basename "$t")"; fi
done

[ -n "$failures" ] && echo "failing:$failures"
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
