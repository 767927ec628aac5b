#!/bin/sh
# Staff accounts in the full-screen interface, headless (XASO_SCRIPT): the sign-in screen (golden,
# Vietnamese, 80×24), a wrong PIN then the right one (delayed, audited), the signed-in name on the
# status line, another unit's task read-only for unit staff (form and grid; nothing written),
# everything read-only for the viewer, switch user, the idle sign-out that keeps an unsaved draft
# for its author only, too many failures, a single-user office without sign-in, and the first-run
# set-up that creates the first administrator (golden). XASO_UPDATE_GOLDENS=1 rewrites goldens.
. tests/cli/lib.sh
GOLDENS="$ROOT/tests/tui/accounts/goldens"
export XASO_LANG=en XASO_TODAY=2026-11-23 NO_COLOR= USER=xaso
export XASO_TEST_KDF_ITERATIONS=1000 # PBKDF2 rounds for test accounts only
export XASO_DATADIR="${XASO_DATADIR:-$ROOT}"
unset XASO_NOW XASO_SCRIPT_TERM XASO_SCRIPT_OUTPUT XASO_SETUP_SCRIPT XASO_IDLE_SECONDS # delays are real time
# The Vietnamese catalogue of the build, with this work's translations while they are pending.
[ -n "${BUILD:-}" ] && [ -d "$BUILD/locale" ] && export XASO_LOCALEDIR="${XASO_LOCALEDIR:-$(cd "$BUILD" && pwd)/locale}"
if [ -f "$ROOT/locale/pending/acct.po" ] && command -v msgfmt >/dev/null; then
    mkdir -p "$TMP/locale/vi/LC_MESSAGES"
    { printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
      cat "$ROOT/locale/pending/acct.po"; } >"$TMP/acct.po"
    msgcat --use-first "$ROOT/locale/vi.po" "$TMP/acct.po" -o "$TMP/vi.po" &&
        msgfmt -o "$TMP/locale/vi/LC_MESSAGES/xaso.mo" "$TMP/vi.po" && export XASO_LOCALEDIR="$TMP/locale"
fi

golden() { # NAME DUMP
    if [ "${XASO_UPDATE_GOLDENS:-}" = 1 ]; then
        cp "$2" "$GOLDENS/$1.txt"; pass "golden $1 updated"
    elif cmp -s "$2" "$GOLDENS/$1.txt"; then pass "golden $1"
    else fail "golden $1" "$(diff "$GOLDENS/$1.txt" "$2" | head -n 20)"; fi
}
has() { # NAME DUMP TEXT
    if grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "screen lacks: $3" "$(cat "$2")"; fi
}
lacks() { # NAME DUMP TEXT
    if grep -qF -- "$3" "$2"; then fail "$1" "screen shows: $3"; else pass "$1"; fi
}
S="$TMP/s"; mkdir -p "$S"
tui() { # DB SCRIPT [lang] — runs the interface on the script; rc in $rc
    (cd "$S" && XDG_CONFIG_HOME=/nonexistent XASO_SCRIPT="$2" "$XASO" --db "$1" --lang "${3:-en}") \
        >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if grep -q -e 'Sanitizer' -e 'runtime error' "$TMP/err"; then fail "no sanitizer report ($2)" "$(head -c 800 "$TMP/err")"; fi
}

run "$XASO" --demo plan list; expect_rc "demo database builds" 0
sqlite3 "$XDG_DATA_HOME/xaso/demo.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
DB="$TMP/office.db"
cp "$XDG_DATA_HOME/xaso/demo.db" "$DB"
# a single-user office first: no sign-in, switch user says why
cat >"$S/single.script" <<'END'
press C-x
dump single
END
tui "$DB" "$S/single.script"
has "no accounts: the interface opens without sign-in" "$S/single" "[1 Dashboard]"
has "…and switch user says nobody needs to sign in" "$S/single" "no staff accounts"

# the administrator and two unit staff (vhxh leads PL2.1; cudvc-ngoc-son does not)
XASO_NEW_PIN=lan-2026 run "$XASO" --db "$DB" account add --login lan --name "Nguyễn Thị Lan" --role admin
expect_rc "first administrator" 0
for spec in "binh|Trần Văn Bình|unit|vhxh" "hoa|Lê Thị Hoa|unit|cudvc-ngoc-son" "chu.tich|Hoàng Văn Chủ|viewer|"; do
    IFS='|' read -r login name role unit <<END
$spec
END
    XASO_NEW_PIN=$login-2026 XASO_PIN=lan-2026 run "$XASO" --db "$DB" --user lan account add \
        --login "$login" --name "$name" --role "$role" ${unit:+--unit "$unit"}
    expect_rc "account $login" 0
done
task_rows() { sqlite3 "$DB" "SELECT count(*) || '/' || coalesce(max(id), 0) FROM task_update; SELECT count(*) FROM target_value"; }

# --- sign-in: the screen, a wrong PIN, then the right one ----------------------------------------
cat >"$S/signin.script" <<'END'
dump signin-vi
type hoa
press Enter
type sai-ma-pin
press Enter
dump signin-wrong-vi
type hoa-2026
press Enter
dump signed-in
END
tui "$DB" "$S/signin.script" vi
golden signin-vi-80x24 "$S/signin-vi"
golden signin-wrong-vi-80x24 "$S/signin-wrong-vi"
has "the PIN is not echoed" "$S/signin-vi" "Mã PIN:"
lacks "…the wrong PIN never shows" "$S/signin-wrong-vi" "sai-ma-pin"
has "after the delay the right PIN signs in" "$S/signed-in" "[1 "
has "the status line names who is signed in" "$S/signed-in" "Lê Thị Hoa"
run sqlite3 "$DB" "SELECT action FROM audit WHERE action LIKE 'account.signin%' ORDER BY id"
expect_out "the failure is audited" "account.signin-failed"
run sqlite3 "$DB" "SELECT actor FROM audit WHERE action = 'account.signin' ORDER BY id DESC LIMIT 1"
expect_out "…and the sign-in names the person" "Lê Thị Hoa (hoa)"

# --- unit staff: another unit's task is read-only (form and grid), nothing is written ------------
before=$(task_rows)
cat >"$S/refused.script" <<'END'
type hoa
press Enter
type hoa-2026
press Enter
press 4 e
dump grid-other
type 5
dump grid-refused
press Enter
press F9
dump form-other
press Down Down
type Đã làm xong
press Down
dump form-refused
END
tui "$DB" "$S/refused.script"
has "the grid refuses another unit's row" "$S/grid-refused" "Read-only for you: not allowed: Lê Thị Hoa (hoa) may not enter task progress"
has "…saying the unit does not lead it" "$S/grid-refused" "neither leads"
has "the progress form of another unit's task is read-only" "$S/form-other" "Read-only for you"
has "…and says why" "$S/form-other" "for task PL2.2, which Trung tâm Cung ứng Dịch vụ công neither leads"
lacks "…typing changes nothing" "$S/form-refused" "Đã làm xong"
[ "$(task_rows)" = "$before" ] && pass "nothing was written" || fail "nothing was written" "$before → $(task_rows)"

# --- the viewer: everything read-only -------------------------------------------------------------
cat >"$S/viewer.script" <<'END'
type chu.tich
press Enter
type chu.tich-2026
press Enter
press 3 v
type 7
dump viewer-grid
press Enter
END
tui "$DB" "$S/viewer.script"
has "the viewer may not enter values" "$S/viewer-grid" "(role: read-only)"
has "…role named" "$S/viewer-grid" "Hoàng Văn Chủ"
[ "$(task_rows)" = "$before" ] && pass "…nothing was written" || fail "…nothing was written"

# --- idle sign-out keeps the draft for its author; switch user does not hand it to another -------
DRAFT="Đã mở 2 lớp tập huấn"
cat >"$S/idle.script" <<END
type binh
press Enter
type binh-2026
press Enter
press 4 e F9
press Down Down
type $DRAFT
dump draft
sleep 3
press Space
dump idle
type binh-2026
press Enter
dump back
press C-x
dump switched
type hoa
press Enter
type hoa-2026
press Enter
dump other
press C-x
type binh
press Enter
type binh-2026
press Enter
dump back-again
press Enter
END
XASO_IDLE_SECONDS=2 tui "$DB" "$S/idle.script"
has "the draft is typed (not saved yet)" "$S/draft" "$DRAFT"
has "idle: signed out, with why" "$S/idle" "Signed out after 1 minute without a key press"
has "…the draft is kept for its author" "$S/idle" "Trần Văn Bình: sign in again to go on"
lacks "…and not shown while signed out" "$S/idle" "$DRAFT"
has "…the login is filled in for the same person" "$S/idle" "binh"
has "the same person signs in: the draft is back" "$S/back" "$DRAFT"
has "…and welcomed back" "$S/back" "Welcome back, Trần Văn Bình"
has "switch user shows the sign-in screen" "$S/switched" "Trần Văn Bình has signed out"
lacks "another person does not see the draft" "$S/other" "$DRAFT"
has "…is told it is kept for its author" "$S/other" "The unsaved work of Trần Văn"
has "…and is named on the status line" "$S/other" "Lê Thị Hoa"
has "the author signs in again: the draft is back" "$S/back-again" "$DRAFT"
run sqlite3 "$DB" "SELECT count(*) FROM audit WHERE tbl = 'task_update' AND actor LIKE 'Lê Thị Hoa%'"
expect_out "nothing was saved under the other person's name" "0"
run sqlite3 "$DB" "SELECT done_text FROM task_update WHERE updated_by = 'Trần Văn Bình (binh)'"
expect_out "the author's draft, saved by its author, names the author" "$DRAFT"
run sqlite3 "$DB" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit WHERE action IN ('account.idle-signout', 'account.signout') ORDER BY id)"
expect_out "idle sign-out and switch are audited" "account.idle-signout account.signout"

# --- too many failures at start: xaso stops with 77 ----------------------------------------------
sqlite3 "$DB" "UPDATE signin_policy SET max_attempts = 2 WHERE id = 1; INSERT OR IGNORE INTO signin_policy (id, max_attempts, lock_seconds, idle_minutes) VALUES (1, 2, 60, 15);"
cat >"$S/fail.script" <<'END'
type nobody
press Enter
type wrong-1
press Enter
type wrong-2
press Enter
dump never
END
tui "$DB" "$S/fail.script"
[ "$rc" -eq 77 ] && pass "too many failed sign-ins: exit 77" || fail "too many failed sign-ins: exit 77" "rc $rc"
expect_err "…saying why" "too many failed sign-ins (2)"

# --- first run: the office set-up creates the first administrator ---------------------------------
NEW="$TMP/new.db"
cat >"$S/setup.setup" <<'END'
type 16012
press Enter
type UBND phường Ngọc Sơn
press F2
dump setup-admin-vi
type lan
press Enter
type Nguyễn Thị Lan
press Enter
type lan-2026
press Enter
type lan-2027
press Enter
dump setup-differ
type lan-2026
press Enter
type lan-2026
press F2
END
cat >"$S/setup.script" <<'END'
type lan
press Enter
type lan-2026
press Enter
dump setup-signed-in
END
(cd "$S" && XDG_CONFIG_HOME=/nonexistent XASO_SETUP_SCRIPT="$S/setup.setup" XASO_SCRIPT="$S/setup.script" \
    "$XASO" --db "$NEW" --lang vi) >"$TMP/out" 2>"$TMP/err"
golden setup-admin-vi-80x24 "$S/setup-admin-vi"
has "two different PINs are refused" "$S/setup-differ" "Hai mã PIN không khớp"
lacks "…and never shown" "$S/setup-differ" "lan-2027"
run sqlite3 "$NEW" "SELECT login, full_name, role FROM account"
expect_out "the set-up created the administrator" "lan|Nguyễn Thị Lan|admin"
has "…who then signs in" "$S/setup-signed-in" "Nguyễn Thị Lan"

finish
