#!/bin/sh
# Parallel sign-ins and account changes: every attempt is reserved in a write transaction before
# the PIN is checked, so 20 wrong PINs at once are each either counted or refused (none is lost
# by reading a stale counter), and they lock the account; two administrators demoting each other
# at once leave one administrator.
. tests/cli/lib.sh
export XASO_LANG=en
DB="$TMP/office.db"
x() { "$XASO" --db "$DB" "$@"; }
as() { u=$1 p=$2; shift 2; XASO_PIN=$p "$XASO" --db "$DB" --user "$u" "$@"; }

# The administrator's PIN with the real PBKDF2 rounds: each check takes a noticeable time.
XASO_NEW_PIN=lan-2026 run x init --code 40001 --name "UBND xã Thử Nghiệm" --admin lan --admin-name "Nguyễn Thị Lan"
expect_rc "the office and its administrator" 0

# burst T : 20 wrong PINs for lan at once, all at time T; their stderr in $TMP/burst.*
burst() {
    rm -f "$TMP"/burst.*
    i=0
    while [ $i -lt 20 ]; do
        XASO_NOW=$1 XASO_PIN=wrong-$i "$XASO" --db "$DB" --user lan plan list \
            >/dev/null 2>"$TMP/burst.$i" &
        i=$((i + 1))
    done
    wait
}
checked() { grep -l "wrong login or PIN" "$TMP"/burst.* 2>/dev/null | wc -l | tr -d ' '; }
refused() { grep -lE "too soon|is locked" "$TMP"/burst.* 2>/dev/null | wc -l | tr -d ' '; }
count() { sqlite3 "$DB" "SELECT failed_attempts FROM account WHERE login = 'lan'"; }

burst 2026-11-23T08:00:00Z
n=$(checked) r=$(refused) c=$(count)
if [ "$n" -eq 1 ] && [ "$r" -eq 19 ] && [ "$c" -eq 1 ]; then pass "20 parallel wrong PINs: one is checked and counted, 19 are refused"
else fail "20 parallel wrong PINs: one is checked and counted, 19 are refused" "checked $n, refused $r, counter $c"; fi
XASO_NOW=2026-11-23T08:00:00Z run as lan lan-2026 plan list
expect_rc "right after the burst even the right PIN waits" 77; expect_err "…saying how long" "try again in 1 second"

# Four more bursts, each once the last delay is over: the fifth counted failure locks.
for t in 01 03 06 10; do burst 2026-11-23T08:00:${t}Z; done
c=$(count)
if [ "$c" -eq 5 ]; then pass "five bursts count five failures"; else fail "five bursts count five failures" "counter $c"; fi
if grep -q "locked for 1 minute" "$TMP"/burst.*; then pass "…and the last locks the account"
else fail "…and the last locks the account" "$(cat "$TMP"/burst.* | sort | uniq -c)"; fi
XASO_NOW=2026-11-23T08:00:40Z run as lan lan-2026 plan list
expect_rc "locked: the right PIN is refused" 77; expect_err "…saying it is locked" "is locked"
burst 2026-11-23T08:00:40Z
c=$(count) r=$(refused)
if [ "$c" -eq 5 ] && [ "$r" -eq 20 ]; then pass "while locked, 20 parallel attempts are all refused, none counted"
else fail "while locked, 20 parallel attempts are all refused, none counted" "counter $c, refused $r"; fi
run sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'account.signin-failed'"
expect_out "every attempt is audited: 6 bursts of 20 and the 2 refused right PINs" "122"
XASO_NOW=2026-11-23T08:02:00Z run as lan lan-2026 plan list; expect_rc "after the lock the right PIN works" 0
run sqlite3 "$DB" "SELECT failed_attempts, locked_until IS NULL FROM account WHERE login = 'lan'"
expect_out "…and clears the counter" "0|1"

# --- two administrators demote each other at once: one stays --------------------------------------
export XASO_TEST_KDF_ITERATIONS=1000 # PBKDF2 rounds for test accounts only (fast under ASan)
export XASO_NOW=2026-11-24T08:00:00Z
k=0 ok=0
while [ $k -lt 5 ]; do
    XASO_NEW_PIN=an-2026-$k run as lan lan-2026 account add --login an$k --name "Admin $k" --role admin
    XASO_PIN=lan-2026 "$XASO" --db "$DB" --user lan account edit an$k --role viewer >/dev/null 2>&1 &
    XASO_PIN=an-2026-$k "$XASO" --db "$DB" --user an$k account edit lan --role viewer >/dev/null 2>&1 &
    wait
    admins=$(sqlite3 "$DB" "SELECT count(*) FROM account WHERE role = 'admin' AND active = 1")
    [ "$admins" -ge 1 ] && ok=$((ok + 1))
    # back to one administrator, lan
    sqlite3 "$DB" "UPDATE account SET role = 'admin' WHERE login = 'lan'; UPDATE account SET role = 'viewer' WHERE login = 'an$k'"
    k=$((k + 1))
done
if [ "$ok" -eq 5 ]; then pass "parallel demotions always leave an administrator"
else fail "parallel demotions always leave an administrator" "$ok of 5"; fi

# --- the test hook for fast PBKDF2 is not honoured by an installed program -----------------------
mkdir -p "$TMP/bin"; cp "$XASO" "$TMP/bin/xaso"
XASO_NEW_PIN=hung-2026 run "$TMP/bin/xaso" --db "$TMP/other.db" init --code 40002 --name "Khác" --admin hung --admin-name "Hùng"
expect_rc "an office set up by a program outside the source tree" 0
run sqlite3 "$TMP/other.db" "SELECT kdf_iterations FROM account"
expect_out "…stores the PIN with the full PBKDF2 rounds despite XASO_TEST_KDF_ITERATIONS" "300000"
run sqlite3 "$DB" "SELECT kdf_iterations FROM account WHERE login = 'an0'"
expect_out "(the test suite's own build honours it)" "1000"
finish
