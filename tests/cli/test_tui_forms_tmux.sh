#!/bin/sh
# Data entry in a real terminal (tmux, 80×24): type "Đã tổ chức 02 lớp tập huấn" (with
# diacritics, as send-keys -l sends them) into a task's update in the progress form, F2, quit,
# reopen and find it; also first run without a database: the office set-up form creates it.
# Skipped (with a passing note) when tmux is missing.
. tests/cli/lib.sh
if ! command -v tmux >/dev/null 2>&1; then
    pass "tmux data entry (skipped: tmux is not installed)"
    finish
    exit
fi
export XASO_DATADIR="${XASO_DATADIR:-$ROOT}"
SOCK="$TMP/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
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
start() { # ARGS…: a new session running xaso
    T kill-server 2>/dev/null
    while T has-session 2>/dev/null; do sleep 0.1; done
    sleep 0.2
    T -f /dev/null new-session -d -s xaso -x 80 -y 24 \
        "env TERM=screen LANG=C.UTF-8 HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
         XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XASO_DATADIR='$XASO_DATADIR' XASO_TODAY=2026-11-23 \
         '$XASO' $* --lang en; echo xaso-exited-\$?; sleep 30"
}
run "$XASO" --demo plan list
DB="$TMP/entry.db"
cp "$XDG_DATA_HOME/xaso/demo.db" "$DB"
start --db "$DB"
step "the database opens" "Next reports due"
T send-keys -t xaso 4
step "the tasks" "Tasks 1/"
T send-keys -t xaso Down e
step "e opens the progress grid" "Enter progress"
T send-keys -t xaso F9
step "F9 opens the task's progress form" "Task progress"
T send-keys -t xaso Tab Tab
T send-keys -t xaso -l "Đã tổ chức 02 lớp tập huấn"
step "the text is typed with its diacritics" "Đã tổ chức 02 lớp tập huấn"
T send-keys -t xaso F2
step "F2 saves" "Saved: Task progress."
T send-keys -t xaso Escape
sleep 0.3
T send-keys -t xaso F10
step "F10 quits" "xaso-exited-0"
start --db "$DB"
step "reopened" "Next reports due"
T send-keys -t xaso 4
step "the tasks again" "Tasks 1/"
T send-keys -t xaso Down e
step "the grid again" "Enter progress"
T send-keys -t xaso F9 Tab Tab
step "the text is still there, with its diacritics" "Đã tổ chức 02 lớp tập huấn"
T send-keys -t xaso Escape
sleep 0.3
T send-keys -t xaso Escape
sleep 0.3
T send-keys -t xaso F10
step "quits again" "xaso-exited-0"
got=$(sqlite3 "$DB" "SELECT count(*) FROM task_update WHERE done_text = 'Đã tổ chức 02 lớp tập huấn'")
if [ "$got" = 1 ]; then pass "tmux: stored as typed (NFC)"; else fail "tmux: stored as typed (NFC)" "$got"; fi

# First run: no database, the office set-up form.
NEW="$TMP/new.db"
start --db "$NEW"
step "first run opens the office set-up form" "Office set-up"
T send-keys -t xaso -l "16012"
T send-keys -t xaso Enter
T send-keys -t xaso -l "UBND phường Ngọc Sơn"
T send-keys -t xaso Enter Right Enter
T send-keys -t xaso -l "Thanh Hóa"
T send-keys -t xaso F2
step "F2 creates the office, then offers the first administrator" "first run: the administrator"
T send-keys -t xaso Escape
step "Esc skips accounts and opens the dashboard" "No plan yet"
T send-keys -t xaso F10
step "quits after set-up" "xaso-exited-0"
got=$(sqlite3 "$NEW" "SELECT code || '|' || name || '|' || level || '|' || province FROM office")
if [ "$got" = "16012|UBND phường Ngọc Sơn|phuong|Thanh Hóa" ]; then pass "tmux: office saved"; else
    fail "tmux: office saved" "$got"; fi
finish
