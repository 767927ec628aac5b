#!/bin/sh
# The interface's / search in a real terminal (tmux, 80×24): the words the search matched are
# underlined and bold in their original spelling (readable without colour), on the cursor row and
# on the others; words that did not match are not. Skipped (passing) when tmux is missing.
. tests/cli/lib.sh
if ! command -v tmux >/dev/null 2>&1; then
    pass "tmux search highlight (skipped: tmux is not installed)"
    finish
    exit
fi
SOCK="$TMP/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
wait_for() { # TEXT: poll the pane (with attributes) for up to 10 s
    i=0
    while [ $i -lt 100 ]; do
        T capture-pane -e -p -t xaso >"$TMP/pane" 2>/dev/null
        grep -qF -- "$1" "$TMP/pane" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
ESC=$(printf '\033')
# start [ENV…]: the demo in a fresh tmux session
start() {
    T kill-server 2>/dev/null
    SOCK="$TMP/tmux-$mode.sock" # a server of its own: the old one may still be closing
    T -f /dev/null new-session -d -s xaso -x 80 -y 24 \
        "env TERM=screen LANG=C.UTF-8 HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
         XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XASO_TODAY=2026-11-23 $* '$XASO' --demo --lang en; \
         sleep 30"
}
# underlined LINE-PATTERN WORD: the pane line matching the pattern shows WORD right after an
# SGR sequence that turns underline on (4)
underlined() {
    grep -F -- "$1" "$TMP/pane" | grep -q -- "${ESC}\[[0-9;]*4[0-9;]*m$2"
}
for mode in colour monochrome; do
    if [ $mode = colour ]; then start; else start NO_COLOR=1; fi
    wait_for "Next reports due" || fail "$mode: the demo opens" "$(cat "$TMP/pane")"
    T send-keys -t xaso 4 /
    T send-keys -t xaso -l "chuyen doi so"
    if wait_for "/chuyen doi so"; then pass "$mode: search as you type"; else
        fail "$mode: search as you type" "$(cat "$TMP/pane")"; fi
    T send-keys -t xaso Enter
    wait_for "rows found" >/dev/null
    if underlined "PL2.11" "chuyển"; then
        pass "$mode: the matched word is underlined in its original spelling"
    else
        fail "$mode: the matched word is underlined in its original spelling" "$(cat -v "$TMP/pane")"
    fi
    if underlined "PL2.11" "Thực"; then
        fail "$mode: a word that did not match is not underlined" "$(grep PL2.11 "$TMP/pane" | cat -v)"
    else
        pass "$mode: a word that did not match is not underlined"
    fi
    if underlined "PL2.2 " "chu"; then
        pass "$mode: a match on the cursor row is underlined too (up to the ellipsis)"
    else
        fail "$mode: a match on the cursor row is underlined too" "$(grep "PL2.2 " "$TMP/pane" | cat -v)"
    fi
done
finish
