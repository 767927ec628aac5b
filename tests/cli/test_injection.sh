#!/bin/sh
# Hostile text never reaches a terminal or a spreadsheet as commands.
# 1. Terminal injection: every plan, target, task, project and unit name in a copy of the demo is
#    given escape sequences (OSC window title, 256-colour SGR, cursor addressing, erase screen, an
#    8-bit C1 CSI, a DCS, a bidi override) — as a tampered database or a hostile received bundle
#    could bring. The interface walks every screen (dashboard, charts, the eight tables and their
#    details, scorecard and drill-down, comparison, trend, the progress grid, the forms, help) with
#    the real terminal output stream captured (XASO_SCRIPT_OUTPUT: what ncurses writes to the
#    tty, TERM=xterm-256color), and none of the injected sequences appears in it.
# 2. CSV formula injection: a plan whose names start with = + - @ and tab goes into a bundle; no
#    text cell of any CSV in it starts with one of them.
. tests/cli/lib.sh
export XASO_TODAY=2026-11-23 XASO_NOW=2026-11-23T08:00:00Z XDG_CONFIG_HOME=/nonexistent/xaso-config
"$XASO" --demo plan list >/dev/null 2>&1
EVIL="$TMP/evil.db"
cp "$XDG_DATA_HOME/xaso/demo.db" "$EVIL"
# ESC ] 0 ; title BEL | ESC [38;5;201m | ESC [7;70H | ESC [2J | C1 CSI (U+009B) 31m | ESC P … ESC \ |
# U+202E (right-to-left override)
bad="'PWNED' || char(27) || ']0;PWNED-TITLE' || char(7) || char(27) || '[38;5;201mPINK'
    || char(27) || '[7;70HMOVED' || char(27) || '[2J' || char(155) || '31mRED'
    || char(27) || 'Pqevil' || char(27) || '\' || char(8238) || 'desrever '"
sqlite3 "$EVIL" "UPDATE plan SET title = $bad || title; UPDATE target SET name = $bad || name;
    UPDATE task SET name = $bad || name; UPDATE project SET name = $bad || name;
    UPDATE unit SET name = $bad || name; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cat > "$TMP/walk.script" <<'EOF'
dump s-dashboard
press g
dump s-charts
press Home Enter
dump s-charts-open
press Esc 2
dump s-plans
press Enter
dump s-plan
press Esc 3
dump s-targets
press Enter
dump s-target
press Esc 4
dump s-tasks
press Enter
dump s-task
press Esc 5
dump s-projects
press Enter
dump s-project
press Esc 6
dump s-units
press Enter
dump s-unit
press Esc 7
dump s-reports
press Down Enter
dump s-report
press Esc 8
dump s-audit
press 9
dump s-scorecard
press Enter
dump s-scorecard-drill
press Esc 0
dump s-compare
press 3 Enter
dump s-trend
press Esc 4 e
dump s-grid
press Esc Esc 2 F9
dump s-form-plan
press Esc 3 F9
dump s-form-target
press Esc Esc 5 F9
dump s-form-project
press Esc Esc 4 F9
dump s-form-task
press Esc Esc 6 F9
dump s-form-unit
press Esc Esc F1
dump s-help
EOF
mkdir -p "$TMP/screens"
(cd "$TMP/screens" && TERM=xterm-256color XASO_SCRIPT_TERM=xterm-256color \
    XASO_SCRIPT_OUTPUT="$TMP/tty" XASO_SCRIPT="$TMP/walk.script" "$XASO" --db "$EVIL" --lang en) \
    >"$TMP/log" 2>&1
expect_rc_file() { [ "$1" -eq 0 ] && pass "$2" || fail "$2" "exit $1: $(head -c 400 "$TMP/log")"; }
expect_rc_file $? "the interface walks every screen with hostile names"
n=$(grep -l 'PWNED' "$TMP"/screens/* 2>/dev/null | wc -l)
total=$(ls "$TMP/screens" | wc -l)
[ "$n" -ge 15 ] && pass "the hostile names are drawn on $n of $total screens" ||
    fail "the hostile names are drawn on most screens" "$n of $total: $(cd "$TMP/screens" && grep -L PWNED ./* | tr '\n' ' ')"
[ -s "$TMP/tty" ] && grep -q PWNED "$TMP/tty" && pass "the terminal output stream is captured" ||
    fail "the terminal output stream is captured"
ESC=$(printf '\033')
check_absent() { # NAME BYTES
    if grep -qaF -- "$2" "$TMP/tty"; then fail "never sent to the terminal: $1"; else pass "never sent to the terminal: $1"; fi
}
check_absent "OSC window title" "${ESC}]0;PWNED"
check_absent "256-colour SGR" "${ESC}[38;5;201m"
check_absent "cursor addressing" "${ESC}[7;70HMOVED"
check_absent "erase screen from a name" "MOVED${ESC}[2J"
check_absent "8-bit C1 CSI" "$(printf '\302\233')31m"
check_absent "DCS" "${ESC}Pqevil"
check_absent "bidi override" "$(printf '\342\200\256')"
# the command line prints names too
run "$XASO" --db "$EVIL" --lang en plan list
grep -qa "${ESC}]0;PWNED" "$TMP/out" && fail "plan list never prints escape sequences" ||
    pass "plan list never prints escape sequences"

# ---- CSV formula injection ------------------------------------------------------------------------
DB="$TMP/csv.db"
cp "$XDG_DATA_HOME/xaso/demo.db" "$DB"
sqlite3 "$DB" "UPDATE task SET name = '=HYPERLINK(\"http://evil\",\"x\")' WHERE key = 'PL2.1';
    UPDATE task SET name = '+cmd|'' /C calc''!A0' WHERE key = 'PL2.2';
    UPDATE task SET name = '-2+3+cmd' WHERE key = 'PL2.3';
    UPDATE task SET name = '@SUM(1+1)' WHERE key = 'PL2.4';
    UPDATE task SET name = char(9) || '=1+1' WHERE key = 'PL2.5';
    UPDATE target SET name = '=1+1' WHERE rowid = (SELECT min(rowid) FROM target);
    UPDATE project SET name = '@evil' WHERE rowid = (SELECT min(rowid) FROM project);
    UPDATE unit SET name = '+evil' WHERE rowid = (SELECT min(rowid) FROM unit);
    UPDATE report SET state = 'finalised' WHERE period = '2026Q2';" >/dev/null
mkdir -p "$TMP/usb"
run "$XASO" --db "$DB" --lang en report build --plan 27/KH-UBND --period 2026Q2 -o "$TMP/usb"
expect_rc "a bundle with formula-like names builds" 0
python3 - "$TMP"/usb/*.zip >"$TMP/csv-check" 2>&1 <<'EOF'
import csv, io, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = seen = files = 0
for name in z.namelist():
    if not name.endswith('.csv'):
        continue
    files += 1
    rows = list(csv.reader(io.StringIO(z.read(name).decode('utf-8'), newline='')))
    for row in rows[1:]:
        for cell in row:
            if any(m in cell for m in ('HYPERLINK', 'cmd', 'SUM(', '=1+1', '@evil', '+evil')):
                seen += 1
            if cell[:1] in ('=', '+', '@', '\t', '\r') or (cell[:1] == '-' and not cell[1:2].isdigit()) \
                    or (cell[:1] == '-' and any(c.isalpha() for c in cell)):
                bad += 1
                print('unsafe cell in %s: %r' % (name, cell))
print('files %d seen %d bad %d' % (files, seen, bad))
EOF
tail -n 1 "$TMP/csv-check" | grep -q ' bad 0$' && pass "no CSV cell in the bundle starts a formula" ||
    fail "no CSV cell in the bundle starts a formula" "$(head -n 5 "$TMP/csv-check")"
tail -n 1 "$TMP/csv-check" | grep -qE 'files [1-9][0-9]* seen [1-9]' && pass "the formula-like names are in the CSVs ($(tail -n 1 "$TMP/csv-check"))" ||
    fail "the formula-like names are in the CSVs" "$(tail -n 1 "$TMP/csv-check")"
finish
