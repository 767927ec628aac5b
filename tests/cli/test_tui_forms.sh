#!/bin/sh
# Data entry in the interface: headless golden screens (tests/tui/entry/scripts → goldens) for
# every form, the grids, evidence, the file browser, "Kiểm tra lỗi", the history, a field in
# error and in warning, and the first-run office set-up. Each script runs on its own copy of the
# demo database, so what one saves does not change another's screens; then the database must
# hold what was typed. XASO_UPDATE_GOLDENS=1 rewrites the goldens (tests/tui/update-goldens.sh).
. tests/cli/lib.sh
ENTRY="$ROOT/tests/tui/entry"
SCRIPTS="$ENTRY/scripts"
GOLDENS="$ENTRY/goldens"
export XASO_TODAY=2026-11-23 XASO_NOW=2026-11-23T08:00:00Z NO_COLOR= USER=xaso
export XASO_DATADIR="${XASO_DATADIR:-$ROOT}"
# the compiled catalogues of the build being tested (also when it is outside the tree)
[ -n "${BUILD:-}" ] && [ -d "$BUILD/locale" ] && export XASO_LOCALEDIR="${XASO_LOCALEDIR:-$(cd "$BUILD" && pwd)/locale}"
unset XASO_SCRIPT_TERM XASO_SCRIPT_OUTPUT XASO_SETUP_SCRIPT

run "$XASO" --demo plan list
expect_rc "demo database builds" 0
DEMO_DB="$XDG_DATA_HOME/xaso/demo.db"
sqlite3 "$DEMO_DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null

compare_dumps() { # DIR
    for dump in "$1"/*; do
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
}

for script in "$SCRIPTS"/*.script; do
    name=$(basename "$script" .script)
    out="$TMP/screens/$name"
    mkdir -p "$out"
    db="$TMP/$name.db"
    config=/nonexistent/xaso-config
    [ "$name" = entry-warning ] && config="$ENTRY/config"
    if [ "$name" = setup ]; then
        rm -f "$db"
        (cd "$out" && XDG_CONFIG_HOME=$config XASO_SETUP_SCRIPT="$SCRIPTS/setup.setup" \
            XASO_SCRIPT="$script" "$XASO" --db "$db" --lang en) >"$TMP/$name.log" 2>&1
    else
        cp "$DEMO_DB" "$db"
        lang=en
        [ "$name" = entry-vi ] && lang=vi
        [ "$name" = entry-locked ] && sqlite3 "$db" "INSERT INTO report (plan_id, period, sender, state)
            SELECT id, '2026Q3', '', 'finalised' FROM plan ORDER BY id LIMIT 1
            ON CONFLICT (plan_id, period, sender) DO UPDATE SET state = 'finalised';"
        ln -s "$ENTRY/media" "$out/media" # the browser shows the folder as named
        (cd "$out" && XDG_CONFIG_HOME=$config XASO_BROWSE_START=media \
            XASO_SCRIPT="$script" "$XASO" --db "$db" --lang $lang) >"$TMP/$name.log" 2>&1
    fi
    rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "tui script $name runs" "exit code $rc" "$(head -c 600 "$TMP/$name.log")"
        continue
    fi
    compare_dumps "$out"
done

for golden in "$GOLDENS"/*.txt; do
    screen=$(basename "$golden" .txt)
    found=no
    for d in "$TMP"/screens/*/"$screen"; do [ -f "$d" ] && found=yes; done
    [ "$found" = yes ] || fail "golden $screen is produced by a script" "stale: $golden"
done

q() { [ -f "$TMP/$1.db" ] && sqlite3 "$TMP/$1.db" "$2"; }
check_eq() { # NAME ACTUAL EXPECTED
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got: $2" "expected: $3"; fi
}

# What was typed is in the database, each field in its own audited transaction.
check_eq "grid: completion of PL2.8 for Q3 saved" \
    "$(q entry-grid "SELECT status || '|' || completion || '|' || done_text FROM task_update u
       JOIN task t ON t.id = u.task_id WHERE t.key = 'PL2.8' AND period = '2026Q3'")" \
    "in-progress|80.0|Đã khảo sát 12 tổ dân phố"
check_eq "grid: the refused 150 % was never written" \
    "$(q entry-grid "SELECT count(*) FROM audit WHERE new LIKE '%150%' AND tbl = 'task_update'")" "0"
check_eq "grid: one audit row per field left" \
    "$(q entry-grid "SELECT count(*) FROM audit WHERE tbl = 'task_update' AND action = 'task_update.set'
       AND row_id = (SELECT u.id FROM task_update u JOIN task t ON t.id = u.task_id
                     WHERE t.key = 'PL2.8' AND period = '2026Q3')")" "3"
check_eq "values: counts saved, value computed" \
    "$(q entry-values "SELECT v.numerator || '/' || v.denominator || '=' || round(v.value, 2) FROM target_value v
       JOIN target g ON g.id = v.target_id WHERE g.key = 'II.2.1-2' AND period = '2026Q3'")" "45.0/60.0=75.0"
check_eq "forms: the new unit" "$(q entry-forms "SELECT code || '|' || name || '|' || kind FROM unit WHERE code = 'dtb'")" \
    "dtb|Tổ công nghệ số cộng đồng phường|group"
check_eq "forms: the new task with a lead and two coordinators" \
    "$(q entry-forms "SELECT group_concat(u.code || ':' || a.role, ',') FROM task t JOIN task_assignment a ON a.task_id = t.id
       JOIN unit u ON u.id = a.unit_id WHERE t.code = 'PL9.1' ORDER BY a.pos")" \
    "dtb:lead,vhxh:coordinator,ca-ngoc-son:coordinator"
check_eq "evidence: the PDF is stored once, by SHA-256, with its name and type" \
    "$(q entry-evidence "SELECT e.original_name || '|' || f.mime || '|' || e.appraisal || '|' || e.appraisal_reason
       FROM evidence e JOIN evidence_file f ON f.sha256 = e.sha256")" \
    "bien-ban-nghiem-thu.pdf|application/pdf|rejected|Thiếu chữ ký của lãnh đạo"
sha=$(sha256sum "$ENTRY/media/USB/bien-ban-nghiem-thu.pdf" | cut -d' ' -f1)
if cmp -s "$TMP/entry-evidence.db.evidence/$sha" "$ENTRY/media/USB/bien-ban-nghiem-thu.pdf"; then
    pass "evidence: the file is copied under its SHA-256"
else
    fail "evidence: the file is copied under its SHA-256" "$(ls "$TMP/entry-evidence.db.evidence" 2>&1)"
fi
check_eq "warning: kept after confirming" \
    "$(q entry-warning "SELECT v.value FROM target_value v JOIN target g ON g.id = v.target_id
       WHERE g.key = 'II.2.1-3' AND period = '2026Q3'")" "250.0"
check_eq "setup: the office is created from the form" \
    "$(q setup "SELECT code || '|' || name || '|' || level || '|' || province FROM office")" \
    "16012|UBND phường Ngọc Sơn|phuong|Thanh Hóa"
check_eq "locked: nothing written to a finalised period" \
    "$(q entry-locked "SELECT count(*) FROM audit WHERE tbl = 'task_update'")" \
    "$(sqlite3 "$DEMO_DB" "SELECT count(*) FROM audit WHERE tbl = 'task_update'")"
for name in entry-grid entry-values entry-forms entry-evidence entry-locked setup; do
    check_eq "$name: integrity_check" "$(q "$name" "PRAGMA integrity_check")" "ok"
done

finish
