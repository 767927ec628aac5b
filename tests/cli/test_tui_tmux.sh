#!/bin/sh
# The real binary in a real terminal (tmux, 80×24): open the demo, go to the tasks, search
# "chuyen doi so", open a record, quit. Skipped (with a passing note) when tmux is missing.
. tests/cli/lib.sh
if ! command -v tmux >/dev/null 2>&1; then
    pass "tmux session (skipped: tmux is not installed)"
    finish
    exit
fi
SOCK="$TMP/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
# wait_for TEXT: poll the pane for up to 10 s
wait_for() {
    i=0
    while [ $i -lt 100 ]; do
        T capture-pane -p -t xaso >"$TMP/pane" 2>/dev/null
        grep -qF -- "$1" "$TMP/pane" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
step() { # NAME TEXT
    if wait_for "$2"; then pass "tmux: $1"; else fail "tmux: $1" "screen lacks: $2" "$(cat "$TMP/pane")"; fi
}
T -f /dev/null new-session -d -s xaso -x 80 -y 24 \
    "env TERM=screen LANG=C.UTF-8 HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
     XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XASO_TODAY=2026-11-23 '$XASO' --demo --lang en; \
     echo xaso-exited-\$?; sleep 30"
step "the demo opens on the dashboard" "Next reports due"
T send-keys -t xaso 4
step "4 goes to the tasks" "Tasks 1/102"
T send-keys -t xaso /
T send-keys -t xaso -l "chuyen doi so"
step "search as you type, without diacritics" "Tasks 1/33 · /chuyen doi so"
T send-keys -t xaso Enter
step "the match has diacritics" "Tổ chức tập huấn về ch"
T send-keys -t xaso Enter
step "Enter opens the record" "read-only · Esc: back"
T send-keys -t xaso q
step "q quits" "xaso-exited-0"
finish
