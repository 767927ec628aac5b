#!/bin/sh
# Staff accounts on the command line: the office set-up creates the first administrator, sign-in
# is then required (--user, PIN from XASO_PIN), every action outside the role is refused with 77
# and changes nothing, failed sign-ins are counted, locked and audited, and the audit trail names
# each person. (The full-screen sign-in comes with the screens.)
. tests/cli/lib.sh
export XASO_LANG=en
export XASO_TEST_KDF_ITERATIONS=1000 # PBKDF2 rounds for test accounts only (fast under ASan)
FIX="$ROOT/tests/fixtures"
DB="$TMP/office.db"
dump() { sqlite3 "$DB" .dump | sha256sum; }
x() { "$XASO" --db "$DB" "$@"; }                      # no sign-in
as() { u=$1 p=$2; shift 2; XASO_PIN=$p "$XASO" --db "$DB" --user "$u" "$@"; } # as LOGIN PIN …

# --- a database without accounts works as before; --user is refused there ------------------------
run x init --code 40001 --name "UBND xã Thử Nghiệm"
expect_rc "init without --admin: a single-user office" 0
run x plan import "$FIX/small-plan.yaml"; expect_rc "single-user office: import needs no sign-in" 0
run x account list
expect_rc "account list on a single-user office" 0; expect_out "says how to create the first administrator" "--role admin"
run "$XASO" --db "$DB" --user lan plan list
expect_rc "--user on a database without accounts is refused" 77; expect_err "…saying there are no accounts yet" "no staff accounts yet"
XASO_NEW_PIN=unit-2026 run x account add --login hoa --name "Lê Thị Hoa" --role unit --unit vhxh
expect_rc "the first account must be an administrator" 65; expect_err "…said so" "first account must be an administrator"
rm -f "$DB" "$DB"-*

# --- set-up: the office and its first administrator ----------------------------------------------
XASO_NEW_PIN=lan-2026 run x init --code 40001 --name "UBND xã Thử Nghiệm" --admin lan --admin-name "Nguyễn Thị Lan"
expect_rc "init --admin creates the office and the administrator" 0
expect_out "init names the administrator" "Administrator Nguyễn Thị Lan (lan) is created"
run sqlite3 "$DB" "SELECT login, role, full_name, kdf, length(pin_hash), length(pin_salt) FROM account"
expect_out "the administrator is stored with a PBKDF2 hash" "lan|admin|Nguyễn Thị Lan|pbkdf2-sha256|64|32"
run sqlite3 "$DB" "SELECT count(*) FROM account WHERE pin_hash LIKE '%lan-2026%'"; expect_out "the PIN is not stored in clear" "0"
XASO_NEW_PIN=123 run x init --code 40002 --name "Khác" --admin ba --admin-name "Ba"
expect_rc "a short PIN is refused before anything changes" 65
run sqlite3 "$DB" "SELECT code FROM office"; expect_out "the office is unchanged" "40001"
run x init --code 40001 --name X --admin lan
expect_rc "--admin without --admin-name is bad usage" 64

# --- sign-in is now required ----------------------------------------------------------------------
run x plan list
expect_rc "without --user: refused" 77; expect_err "…with how to sign in" "--user LOGIN"
run "$XASO" --db "$DB" --user lan plan list </dev/null
expect_rc "without XASO_PIN and no terminal: bad usage" 64; expect_err "…naming XASO_PIN" "XASO_PIN"
run as lan lan-2026 plan import "$FIX/small-plan.yaml"; expect_rc "the administrator imports the plan" 0
XASO_NEW_PIN=hoa-2026 run as lan lan-2026 account add --login hoa --name "Lê Thị Hoa" --role unit --unit VHXH
expect_rc "unit staff account for vhxh (found by alias)" 0; expect_out "account add says so" "Account hoa (Lê Thị Hoa, unit staff, vhxh) is created"
XASO_NEW_PIN=binh-2026 run as lan lan-2026 account add --login Binh --name "Trần Văn Bình" --role unit --unit ca-xa
expect_rc "unit staff account for ca-xa" 0
XASO_NEW_PIN=ct-20261 run as lan lan-2026 account add --login chu.tich --name "Hoàng Văn Chủ" --role viewer
expect_rc "read-only account" 0
XASO_NEW_PIN=x-123456 run as lan lan-2026 account add --login khach --name "Khách" --role unit
expect_rc "unit staff need a unit" 65
XASO_NEW_PIN=x-123456 run as lan lan-2026 account add --login "Bad Login" --name "X" --role viewer
expect_rc "a login with a space is bad usage" 64
run as lan lan-2026 account list
expect_out "account list shows names" "Trần Văn Bình"; expect_out "…and roles and units" "binh             unit     ca-xa"

# --- the done-when: sign in as one unit's staff; another unit's task is read-only -----------------
run as binh binh-2026 progress set --plan test-2026 --task 1 --period 2026Q3 --status in-progress --completion 40 --done "Đã mở 1 lớp"
expect_rc "ca-xa coordinates task 1: progress saved" 0
before=$(dump)
run as binh binh-2026 progress set --plan test-2026 --task 2 --period 2026Q3 --completion 50
expect_rc "task 2 belongs to vhxh: refused" 77
expect_err "the refusal names the person, the action, the unit and the role" "not allowed: Trần Văn Bình (binh) may not enter task progress for task 2, which Công an xã neither leads nor coordinates (role: unit staff)"
[ "$(dump)" = "$before" ] && pass "the refusal changes nothing" || fail "the refusal changes nothing"
run as hoa hoa-2026 value set --plan test-2026 --target I.2 --period 2026Q3 --value "18,7"
expect_rc "vhxh enters its target's value" 0
run sqlite3 "$DB" "SELECT value FROM target_value"; expect_out "18,7 is 18.7" "18.7"
run as hoa hoa-2026 progress set --plan test-2026 --task 2 --period 2026Q3 --status in-progress --completion 50
expect_rc "vhxh leads task 2" 0

# --- every forbidden action is refused and changes nothing --------------------------------------
forbidden() { # name login pin command…
    name=$1; shift
    before=$(dump)
    XASO_NEW_PIN=new-pin-99 run as "$@"
    expect_rc "$name: refused (77)" 77
    expect_err "$name: says it is not allowed" "not allowed"
    [ "$(dump)" = "$before" ] && pass "$name: nothing changed" || fail "$name: nothing changed" "$(head -c 300 "$TMP/err")"
}
forbidden "unit staff import a plan"          binh binh-2026 plan import "$FIX/small-plan.yaml"
forbidden "unit staff change the office"      binh binh-2026 init --code 40001 --name "Khác"
forbidden "unit staff add an account"         binh binh-2026 account add --login x1 --name X --role admin
forbidden "unit staff disable an account"     binh binh-2026 account disable hoa
forbidden "unit staff enable an account"      binh binh-2026 account enable hoa
forbidden "unit staff change a role"          binh binh-2026 account edit binh --role admin
forbidden "unit staff set another's PIN"      binh binh-2026 account set-pin hoa
forbidden "unit staff change the policy"      binh binh-2026 account policy --max-attempts 50
forbidden "unit staff enter another unit's value" binh binh-2026 value set --plan test-2026 --target I.2 --period 2026Q3 --value 99
forbidden "unit staff enter an unassigned target" hoa hoa-2026 value set --plan test-2026 --target I.1 --period 2026Q3 --no-data
# (reading a report creates its draft record: do that first, so that only the refusal is compared)
run as lan lan-2026 report check --plan test-2026 --period 2026Q3; expect_rc "the report checks clean" 0
forbidden "unit staff finalise a report"      hoa hoa-2026 report finalise --plan test-2026 --period 2026Q3
forbidden "viewer enters progress"            chu.tich ct-20261 progress set --plan test-2026 --task 1 --period 2026Q3 --completion 90
forbidden "viewer enters a value"             chu.tich ct-20261 value set --plan test-2026 --target I.2 --period 2026Q3 --value 1
forbidden "viewer imports a plan"             chu.tich ct-20261 plan import "$FIX/small-plan.yaml"
forbidden "viewer finalises a report"         chu.tich ct-20261 report finalise --plan test-2026 --period 2026Q3
run as chu.tich ct-20261 plan list; expect_rc "the viewer reads" 0; expect_out "…the plans" "test-2026"

# finalised by the administrator: reopening is the administrator's too
run as lan lan-2026 report finalise --plan test-2026 --period 2026Q3; expect_rc "the administrator finalises" 0
run sqlite3 "$DB" "SELECT finalised_by FROM report"; expect_out "the report names who finalised it" "Nguyễn Thị Lan (lan)"
forbidden "unit staff reopen a report"        hoa hoa-2026 report reopen --plan test-2026 --period 2026Q3 --reason "sửa"
run as lan lan-2026 report reopen --plan test-2026 --period 2026Q3 --reason "Sửa số liệu"; expect_rc "the administrator reopens" 0

# --- the audit trail names each person (and the operating-system user) ---------------------------
run sqlite3 "$DB" "SELECT a.actor || '|' || a.action || '|' || (a.os_user <> '') || '|' || (a.account_id = c.id) FROM audit a JOIN account c ON c.login = 'binh' WHERE a.tbl = 'task_update' AND a.account_id IS NOT NULL ORDER BY a.id LIMIT 1"
expect_out "an audit row names binh and the OS user" "Trần Văn Bình (binh)|task_update.set|1|1"
run sqlite3 "$DB" "SELECT actor FROM audit WHERE tbl = 'target_value' ORDER BY id LIMIT 1"
expect_out "another names hoa" "Lê Thị Hoa (hoa)"
run sqlite3 "$DB" "SELECT actor FROM audit WHERE action = 'plan.import' LIMIT 1"
expect_out "the import names the administrator" "Nguyễn Thị Lan (lan)"
run sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'account.add'"; expect_out "account changes are audited" "4"
run sqlite3 "$DB" "SELECT updated_by FROM task_update WHERE task_id = 1"; expect_out "the update names who made it" "Trần Văn Bình (binh)"

# --- failed sign-ins: counted, delayed, locked, audited; kept across runs ------------------------
export XASO_NOW=2026-11-23T08:00:00Z
run as hoa wrong-pin plan list; expect_rc "a wrong PIN is refused" 77; expect_err "…without saying which part was wrong" "wrong login or PIN"
run as hoa hoa-2026 plan list; expect_rc "right after a failure even the right PIN waits" 77; expect_err "…and says how long" "try again in 1 second"
for t in 01 03 06 10; do XASO_NOW=2026-11-23T08:00:${t}Z run as hoa wrong-pin plan list; done
expect_err "the fifth failure locks the account" "locked for 1 minute"
XASO_NOW=2026-11-23T08:00:30Z run as hoa hoa-2026 plan list
expect_rc "locked: the right PIN is refused" 77; expect_err "…saying it is locked" "is locked"
XASO_NOW=2026-11-23T08:01:15Z run as hoa hoa-2026 plan list; expect_rc "after the lock, the right PIN works" 0
run as nobody whatever-1 plan list; expect_rc "an unknown login is refused" 77; expect_err "…with the same words" "wrong login or PIN"
run sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'account.signin-failed'"
expect_out "failed sign-ins are audited" "8"
run sqlite3 "$DB" "SELECT failed_attempts FROM account WHERE login = 'hoa'"; expect_out "a success clears the counter" "0"
unset XASO_NOW

# --- disabling, the last administrator, own PIN, policy ------------------------------------------
run as lan lan-2026 account disable binh; expect_rc "the administrator disables binh" 0
run as binh binh-2026 plan list; expect_rc "a disabled account cannot sign in" 77; expect_err "…and is told" "disabled"
run as lan lan-2026 account enable binh; expect_rc "…and enables binh again" 0
run as lan lan-2026 account disable lan; expect_rc "the last administrator cannot be disabled" 65
run as lan lan-2026 account edit lan --role viewer; expect_rc "…nor lose the role" 65
XASO_NEW_PIN=binh-2027 run as binh binh-2026 account set-pin binh; expect_rc "staff change their own PIN" 0
run as binh binh-2026 plan list; expect_rc "the old PIN no longer works" 77
XASO_NOW=2099-01-01T00:00:00Z run as binh binh-2027 plan list; expect_rc "the new one does" 0
run as lan lan-2026 account policy --idle-minutes 10 --max-attempts 3
expect_rc "the administrator sets the policy" 0; expect_out "policy shown" "after 10 minutes"
run sqlite3 "$DB" "SELECT max_attempts, idle_minutes FROM signin_policy"; expect_out "policy stored" "3|10"
run as lan lan-2026 account policy --idle-minutes 5000; expect_rc "an idle time over a day is refused" 65
run as lan lan-2026 account edit hoa --name "Lê Thị Hoà" --unit ca-xa
expect_rc "the administrator edits an account" 0; expect_out "…and sees the result" "Lê Thị Hoà, unit staff, ca-xa"

# --- help ---------------------------------------------------------------------------------------
run "$XASO" --help; expect_out "--help lists account add" "account add"; expect_out "--help explains --user" "--user LOGIN"
run "$XASO" help account; expect_rc "help account lists the account commands" 0; expect_out "…set-pin among them" "account set-pin"
finish
