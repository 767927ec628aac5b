#!/bin/sh
# Staff accounts in a real terminal (tmux, 80×24): first run creates the office and its first
# administrator (typed key by key, PIN twice, never shown), the sign-in screen with a wrong PIN
# then the right one, the name on the status line, the idle sign-out driven by the clock alone
# (no key pressed) that keeps a draft, and signing back in to find it. Skipped when tmux is missing.
. tests/cli/lib.sh
if ! command -v tmux >/dev/null 2>&1; then
    pass "tmux staff accounts (skipped: tmux is not installed)"
    finish
    exit
fi
export XASO_DATADIR="${XASO_DATADIR:-$ROOT}"
SOCK="$TMP/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
wait_for() { # TEXT [tenths]
    i=0
    while [ $i -lt "${2:-100}" ]; do
        T capture-pane -p -t xaso >"$TMP/pane" 2>/dev/null
        grep -qF -- "$1" "$TMP/pane" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
step() { # NAME TEXT [tenths]
    if wait_for "$2" "${3:-100}"; then pass "tmux: $1"; else fail "tmux: $1" "screen lacks: $2" "$(cat "$TMP/pane")"; fi
}
keys() { T send-keys -t xaso "$@"; sleep 0.3; }
text() { T send-keys -t xaso -l "$1"; sleep 0.3; }
DB="$TMP/office.db"
T -f /dev/null new-session -d -s xaso -x 80 -y 24 \
    "env TERM=screen LANG=C.UTF-8 HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
     XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XASO_DATADIR='$XASO_DATADIR' XASO_TODAY=2026-11-23 \
     XASO_TEST_KDF_ITERATIONS=1000 XASO_IDLE_SECONDS=3 '$XASO' --db '$DB' --lang en; echo xaso-exited-\$?; sleep 30"
step "first run: the office set-up" "first run"
text 16012; keys Enter; text "UBND xã Thử Nghiệm"; keys F2
step "then the first administrator" "first run: the administrator"
text lan; keys Enter; text "Nguyễn Thị Lan"; keys Enter; text lan-2026; keys Enter; text lan-2026
if grep -qF "lan-2026" "$TMP/pane"; then fail "tmux: the PIN is never shown"; else pass "tmux: the PIN is never shown"; fi
keys Enter
step "the administrator is created: sign-in screen" "sign in with your login and PIN"
text lan; keys Enter; text wrong-pin; keys Enter
step "a wrong PIN is refused" "wrong login or PIN"
sleep 1.2
text lan-2026; keys Enter
step "the right PIN signs in; the status line names her" "Signed in as Nguyễn Thị Lan (administrator)"
keys 6; keys n
step "a new unit form opens" "New unit"
keys Down; text "Tổ nháp chưa lưu"
step "a draft typed" "Tổ nháp chưa lưu"
step "idle, no key pressed: signed out by the clock" "Signed out after 1 minute" 80
if grep -qF "Tổ nháp chưa lưu" "$TMP/pane"; then fail "tmux: the draft is hidden while signed out"; else pass "tmux: the draft is hidden while signed out"; fi
text lan-2026; keys Enter
step "signing back in: the draft is there" "Tổ nháp chưa lưu"
step "…and she is welcomed back" "Welcome back, Nguyễn Thị Lan"
run sqlite3 "$DB" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit WHERE tbl = 'account' ORDER BY id)"
expect_out "tmux: the audit trail has the failure, the sign-in…" "account.add account.signin-failed account.signin"
expect_out "tmux: …the idle sign-out and the return" "account.idle-signout account.signin"
finish
