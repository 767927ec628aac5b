#!/bin/sh
# Golden screens: every script in tests/tui/scripts drives the interface headless (XASO_SCRIPT)
# on the demo database and saves screens as text; each must equal tests/tui/goldens/NAME.txt.
# Regenerate them all with `make goldens` (or XASO_UPDATE_GOLDENS=1 sh tests/cli/test_tui.sh).
. tests/cli/lib.sh
SCRIPTS="$ROOT/tests/tui/scripts"
GOLDENS="$ROOT/tests/tui/goldens"
export XASO_TODAY=2026-11-23 XASO_NOW=2026-11-23T08:00:00Z NO_COLOR=
unset XASO_SCRIPT_TERM XASO_SCRIPT_OUTPUT

# The demo database, built once for all scripts; a copy with hostile names for controls.script.
run "$XASO" --demo plan list
expect_rc "demo database builds" 0
DEMO_DB="$XDG_DATA_HOME/xaso/demo.db"
EVIL_DB="$TMP/evil.db"
cp "$DEMO_DB" "$EVIL_DB"
sqlite3 "$EVIL_DB" "UPDATE task SET name = 'Evil' || char(27) || ']0;PWNED' || char(7) || ' '
    || char(27) || '[2J' || 'tên ' || char(13) || char(10) || 'mới' || char(155) || 'x'
    WHERE key = 'PL2.1'; PRAGMA wal_checkpoint(TRUNCATE);"  >/dev/null

run_script() { # NAME: runs scripts/NAME.script in $TMP/screens/NAME
    # a fixed (missing) configuration folder: the help screen shows its path
    XDG_CONFIG_HOME=/nonexistent/xaso-config
    export XDG_CONFIG_HOME
    name=$1
    out="$TMP/screens/$name"
    mkdir -p "$out"
    # each script starts from the same demo: what one script changes never shows in another's screens
    XDG_DATA_HOME="$TMP/data/$name"
    export XDG_DATA_HOME
    mkdir -p "$XDG_DATA_HOME/xaso"
    cp "$DEMO_DB" "$XDG_DATA_HOME/xaso/demo.db"
    case $name in
    vietnamese | *-vi) (cd "$out" && XASO_SCRIPT="$SCRIPTS/$name.script" "$XASO" --demo) ;;
    ascii) (cd "$out" && LANG=C LC_ALL=C XASO_SCRIPT="$SCRIPTS/$name.script" \
        "$XASO" --demo --lang en) ;;
    controls) (cd "$out" && XASO_SCRIPT_OUTPUT="$TMP/terminal-output" \
        XASO_SCRIPT="$SCRIPTS/$name.script" "$XASO" --db "$EVIL_DB" --lang en) ;;
    *) (cd "$out" && XASO_SCRIPT="$SCRIPTS/$name.script" "$XASO" --demo --lang en) ;;
    esac >"$TMP/screens/$name.log" 2>&1
}

for script in "$SCRIPTS"/*.script; do
    name=$(basename "$script" .script)
    run_script "$name"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "tui script $name runs" "exit code $rc" "$(head -c 600 "$TMP/screens/$name.log")"
        continue
    fi
    for dump in "$TMP/screens/$name"/*; do
        [ -f "$dump" ] || continue
        screen=$(basename "$dump")
        golden="$GOLDENS/$screen.txt"
        if [ "${XASO_UPDATE_GOLDENS:-}" = 1 ]; then
            cp "$dump" "$golden"
            pass "golden $screen updated"
        elif [ ! -f "$golden" ]; then
            fail "golden $screen" "no $golden: run make goldens"
        elif cmp -s "$dump" "$golden"; then
            pass "golden $screen"
        else
            fail "golden $screen" "$(diff "$golden" "$dump" | head -n 30)"
        fi
    done
done

# Every golden is produced by some script (a renamed dump must not leave a stale golden).
for golden in "$GOLDENS"/*.txt; do
    screen=$(basename "$golden" .txt)
    found=no
    for d in "$TMP"/screens/*/"$screen"; do [ -f "$d" ] && found=yes; done
    [ "$found" = yes ] || fail "golden $screen is produced by a script" "stale: $golden"
done

# Control characters from the database never reach the terminal.
if [ ! -f "$TMP/terminal-output" ] || ! grep -q "PWNED" "$TMP/terminal-output"; then
    fail "hostile name reaches the terminal" "no output captured"
elif grep -q "$(printf '\033')]0;PWNED" "$TMP/terminal-output" ||
     grep -q "$(printf '\033')\[2Jt" "$TMP/terminal-output"; then
    fail "escape sequences in names are not sent to the terminal"
else
    pass "escape sequences in names are not sent to the terminal"
fi

export XDG_CONFIG_HOME="$TMP/config"
# keys.conf: a rebinding works; a bad line is reported with file:line and ignored.
mkdir -p "$XDG_CONFIG_HOME/xaso"
printf '# my keys\nbind screen-tasks t\nbind nonsense x\nunbind 4\nbind quit F12\n' \
    >"$XDG_CONFIG_HOME/xaso/keys.conf"
printf 'dump keys-start\npress t\ndump keys\npress 4\ndump keys-4\nresize 120 60\npress F1\ndump keys-help\n' \
    >"$TMP/keys.script"
mkdir -p "$TMP/keys" && (cd "$TMP/keys" && XASO_SCRIPT="$TMP/keys.script" "$XASO" --demo --lang en)
if grep -q "Tasks 1/102" "$TMP/keys/keys"; then pass "keys.conf binds t to the tasks"; else
    fail "keys.conf binds t to the tasks" "$(head -n 3 "$TMP/keys/keys")"; fi
if grep -q "keys.conf:3: unknown action \"nonsense\"" "$TMP/keys/keys-start"; then
    pass "a bad keys.conf line is reported with file:line"; else
    fail "a bad keys.conf line is reported with file:line" "$(tail -n 2 "$TMP/keys/keys-start")"; fi
if grep -q "The key 4 does nothing here" "$TMP/keys/keys-4"; then pass "unbind removes a key"; else
    fail "unbind removes a key" "$(tail -n 2 "$TMP/keys/keys-4")"; fi
if grep -q "q F10 F12 *quit" "$TMP/keys/keys-help" && grep -q "t *screen-tasks" "$TMP/keys/keys-help"; then
    pass "help and key bar show the rebound keys"; else
    fail "help and key bar show the rebound keys" "$(grep -i quit "$TMP/keys/keys-help")"; fi
rm -f "$XDG_CONFIG_HOME/xaso/keys.conf"

# No database yet: a clear message pointing to xaso init, not a crash.
XASO_SCRIPT="$SCRIPTS/dashboard.script" run "$XASO" --db "$TMP/none.db" --lang en
expect_rc "no database: exit 66" 66
expect_err "no database: points to xaso init" "xaso init"
finish
