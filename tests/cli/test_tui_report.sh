#!/bin/sh
# The report screen in the interface (issue 5), headless at 80×24 in Vietnamese: golden screens
# (tests/tui/report/scripts → goldens) of the check list, the finalise confirmation, the folder
# browser on the USB stick, the export with "safe to unplug" and the reopen reason; then the
# bundle written to the stick passes `xaso bundle verify` and the independent BagIt checker, and
# the database holds the finalise, the packaging and the reopen with its reason.
# XASO_UPDATE_GOLDENS=1 rewrites the goldens.
. tests/cli/lib.sh
DIR="$ROOT/tests/tui/report"
GOLDENS="$DIR/goldens"
export XASO_TODAY=2026-09-20 XASO_NOW=2026-09-20T08:00:00Z NO_COLOR= USER=xaso
export XASO_DATADIR="${XASO_DATADIR:-$ROOT}"
[ -n "${BUILD:-}" ] && [ -d "$BUILD/locale" ] && export XASO_LOCALEDIR="${XASO_LOCALEDIR:-$(cd "$BUILD" && pwd)/locale}"
unset XASO_SCRIPT_TERM XASO_SCRIPT_OUTPUT XASO_SETUP_SCRIPT XASO_PASSPHRASE

run "$XASO" --demo plan list
expect_rc "demo database builds" 0
DB="$TMP/report.db"
cp "$XDG_DATA_HOME/xaso/demo.db" "$DB"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
export XASO_TEST_KDF_ITERATIONS=1000 # PBKDF2 rounds for test accounts only
XASO_NEW_PIN=lan-2026 run "$XASO" --db "$DB" account add --login lan --name "Nguyễn Thị Lan" --role admin
expect_rc "the administrator" 0
XASO_NEW_PIN=hoa-2026 XASO_PIN=lan-2026 run "$XASO" --db "$DB" --user lan account add --login hoa \
    --name "Lê Thị Hoa" --role unit --unit vhxh
expect_rc "unit staff" 0
out="$TMP/screens"; mkdir -p "$out/media/USB" "$out/media/DATA"
for name in report-refused report; do
    before=$(sqlite3 "$DB" "SELECT count(*) FROM report_event")
    (cd "$out" && XDG_CONFIG_HOME=/nonexistent/xaso-config XASO_BROWSE_START=media \
        XASO_SCRIPT="$DIR/scripts/$name.script" "$XASO" --db "$DB" --lang vi) >"$TMP/log" 2>&1
    rc=$?
    [ $rc -eq 0 ] && pass "the $name script runs" || fail "the $name script runs" "exit code $rc" "$(head -c 600 "$TMP/log")"
    if [ "$name" = report-refused ]; then
        [ "$(sqlite3 "$DB" "SELECT count(*) FROM report_event")" = "$before" ] \
            && pass "unit staff: nothing changed" || fail "unit staff: nothing changed"
    fi
done

for dump in "$out"/report*; do
    screen=$(basename "$dump")
    golden="$GOLDENS/$screen.txt"
    if [ "${XASO_UPDATE_GOLDENS:-}" = 1 ]; then
        cp "$dump" "$golden"; pass "golden $screen updated"
    elif [ ! -f "$golden" ]; then
        fail "golden $screen" "no $golden: run with XASO_UPDATE_GOLDENS=1"
    elif cmp -s "$dump" "$golden"; then
        pass "golden $screen"
    else
        fail "golden $screen" "$(diff "$golden" "$dump" | head -n 30)"
    fi
done
for golden in "$GOLDENS"/*.txt; do
    [ -f "$out/$(basename "$golden" .txt)" ] || fail "golden $(basename "$golden") is produced by the script"
done

grep -qi "rút USB an toàn\|safe to unplug" "$out/report-exported" \
    && pass "safe to unplug is shown after the export" || fail "safe to unplug is shown after the export"
grep -q "Nguyễn Thị Lan (lan)" "$out/report-finalised" && pass "the screen names who finalised the report" || fail "the screen names who finalised the report"
grep -q "Lê Thị Hoa" "$out/report-refused" && pass "the refusal names the person" || fail "the refusal names the person"
ZIP=$(ls "$out"/media/*/xaso-*.zip 2>/dev/null | head -n 1)
[ -n "$ZIP" ] && pass "the bundle is on the stick" || fail "the bundle is on the stick" "$(ls -R "$out/media")"
ls -A "$out"/media/*/ | grep -q "part" && fail "no temporary file is left on the stick" || pass "no temporary file is left on the stick"
run "$XASO" bundle verify "$ZIP"; expect_rc "xaso bundle verify accepts the exported bundle" 0
run python3 "$ROOT/tests/bundle/bagit_check.py" "$ZIP"; expect_rc "the independent BagIt checker accepts it" 0
run sqlite3 "$DB" "SELECT group_concat(to_state || ':' || coalesce(note, ''), ',') FROM
    (SELECT e.to_state, CASE e.to_state WHEN 'packaged' THEN substr(e.note, 1, 7) ELSE e.note END AS note
     FROM report_event e JOIN report r ON r.id = e.report_id
     WHERE r.period = '2026Q3' AND r.sender = '' ORDER BY e.id)"
expect_out "finalised, packaged (naming the bundle's SHA-256), then reopened with its reason" "finalised:,packaged:SHA-256,draft:Bổ sung minh chứng"
finish
