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
        case "$name" in entry-vi | entry-vi-*) lang=vi ;; esac
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
check_eq "grid: typing thrown away only after y to the question" \
    "$(q entry-grid "SELECT count(*) FROM audit WHERE new LIKE '%Nháp chưa lưu%'")" "0"
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
# Plans, targets and projects edited in the interface (entry-vi-plan): saved, audited, found after
# a restart and in the search, refused to unit staff, and exported plans import to the same plan.
P=entry-vi-plan
check_eq "plan edit: the new target, its parts from the printed text, its unit" \
    "$(q $P "SELECT g.key || '|' || g.target_text || '|' || g.comparator || '|' || g.value || '|' ||
       g.measure_unit || '|' || g.horizon || '|' || u.code FROM target g JOIN unit u ON u.id = g.responsible_unit_id
       WHERE g.code = 'I.9'")" "I.9|trên 90%|>|90.0|%|2026|vhxh"
check_eq "plan edit: the new project with its budget and a disbursement" \
    "$(q $P "SELECT p.budget_province || '|' || p.budget_commune || '|' || p.budget_total || '|' ||
       d.period || '|' || d.date || '|' || d.amount FROM project p JOIN disbursement d ON d.project_id = p.id
       WHERE p.code = 'DA9'")" "1200.0|300.0|1500.0|2026Q3|2026-09-15|250.5"
check_eq "plan edit: the title and the new horizon" \
    "$(q $P "SELECT p.title || '|' || h.year || '|' || h.label || '|' || h.kind FROM plan p
       JOIN plan_horizon h ON h.plan_id = p.id")" \
    "Kế hoạch Chuyển đổi số năm 2026 (sửa đổi)|2030|Định hướng đến năm 2030|orientation"
check_eq "plan edit: the audit trail has each change, once" \
    "$(q $P "SELECT group_concat(tbl || ':' || action, ' ') FROM (SELECT tbl, action FROM audit
       WHERE action IN ('target.add', 'project.add', 'plan.edit') ORDER BY id)")" \
    "target:target.add project:project.add disbursement:project.add plan:plan.edit plan_horizon:plan.edit"
check_eq "plan edit: only the title changed in the plan's row" \
    "$(q $P "SELECT old || ' -> ' || new FROM audit WHERE tbl = 'plan' AND action = 'plan.edit'")" \
    '{"title": "Kế hoạch Chuyển đổi số trên địa bàn phường Ngọc Sơn năm 2026"} -> {"title": "Kế hoạch Chuyển đổi số năm 2026 (sửa đổi)"}'
if [ -f "$TMP/$P.db" ]; then
    # a restart finds them (targets and projects last, the plan's new title)
    mkdir -p "$TMP/restart"
    printf 'press 3 End F9\ndump target\npress Esc 5 End F9\ndump project\npress Esc 2\ndump plans\n' >"$TMP/restart.script"
    (cd "$TMP/restart" && XDG_CONFIG_HOME=/nonexistent XASO_SCRIPT="$TMP/restart.script" \
        "$XASO" --db "$TMP/$P.db" --lang en) >"$TMP/restart.log" 2>&1
    for what in "target|trên 90%" "project|Nâng cấp mạng LAN" "plans|(sửa đổi)"; do
        if grep -qF -- "${what#*|}" "$TMP/restart/${what%%|*}"; then pass "plan edit: after a restart the $what is there"
        else fail "plan edit: after a restart the ${what%%|*} is there" "$(cat "$TMP/restart/${what%%|*}" 2>&1)"; fi
    done
    run "$XASO" --db "$TMP/$P.db" --lang en search "LAN UBND phuong"
    if grep -q "DA9" "$TMP/out"; then pass "plan edit: the search index knows the new project"
    else fail "plan edit: the search index knows the new project" "$(cat "$TMP/out" "$TMP/err")"; fi
    # export → import into an empty database → export: the same plan file
    run "$XASO" --db "$TMP/$P.db" plan export ngoc-son-2026 -o "$TMP/edited.yaml"
    expect_rc "plan edit: the edited plan exports" 0
    run "$XASO" --db "$TMP/empty.db" plan import "$TMP/edited.yaml"
    expect_rc "plan edit: the export imports into an empty database" 0
    run "$XASO" --db "$TMP/empty.db" plan export ngoc-son-2026 -o "$TMP/again.yaml"
    if cmp -s "$TMP/edited.yaml" "$TMP/again.yaml"; then pass "plan edit: export → import → export gives the same plan"
    else fail "plan edit: export → import → export gives the same plan" "$(diff "$TMP/edited.yaml" "$TMP/again.yaml" | head -n 20)"; fi
    check_eq "plan edit: the round trip keeps the target, project and horizon" \
        "$(sqlite3 "$TMP/empty.db" "SELECT (SELECT comparator || value FROM target WHERE code = 'I.9') || '|' ||
           (SELECT sum(amount) FROM disbursement d JOIN project p ON p.id = d.project_id WHERE p.code = 'DA9') || '|' ||
           (SELECT year FROM plan_horizon)")" ">90.0|250.5|2030"
fi
# a task given to a unit made in the interface: the exported plan declares the unit (entry-forms)
if [ -f "$TMP/entry-forms.db" ]; then
    run "$XASO" --db "$TMP/entry-forms.db" plan export ngoc-son-2026 -o "$TMP/forms.yaml"
    run "$XASO" --db "$TMP/forms-empty.db" plan import "$TMP/forms.yaml"
    expect_rc "a task led by a new unit exports and imports again" 0
fi
# unit staff: the forms are read-only and say why; nothing is written
STAFF="$TMP/staff.db"
cp "$DEMO_DB" "$STAFF"
export XASO_TEST_KDF_ITERATIONS=1000
XASO_NEW_PIN=lan-2026 run "$XASO" --db "$STAFF" account add --login lan --name "Nguyễn Thị Lan" --role admin
XASO_NEW_PIN=binh-2026 XASO_PIN=lan-2026 run "$XASO" --db "$STAFF" --user lan account add \
    --login binh --name "Trần Văn Bình" --role unit --unit vhxh
expect_rc "unit staff account" 0
plan_rows() { sqlite3 "$STAFF" "SELECT count(*) FROM audit WHERE tbl IN ('plan', 'target', 'project',
    'disbursement', 'plan_horizon', 'plan_basis', 'plan_recipient', 'plan_unit')"; }
before=$(plan_rows)
mkdir -p "$TMP/staff"
cat >"$TMP/staff.script" <<'END'
type binh
press Enter
type binh-2026
press Enter
press 3 F9
type Đã sửa
press F2
dump staff-target
press Esc 3 n
dump staff-new
press Esc 2 F9
press Down Down Down Down Down Down Down Down Down Down Down Space n
dump staff-plan-list
END
(cd "$TMP/staff" && XDG_CONFIG_HOME=/nonexistent XASO_SCRIPT="$TMP/staff.script" "$XASO" --db "$STAFF" --lang en) \
    >"$TMP/staff.log" 2>&1
for d in staff-target staff-new staff-plan-list; do
    if grep -q "Read-only for you" "$TMP/staff/$d" && grep -q "may not edit plans and" "$TMP/staff/$d"; then
        pass "unit staff: $d is read-only and says why"
    else fail "unit staff: $d is read-only and says why" "$(cat "$TMP/staff/$d" 2>&1)"; fi
done
check_eq "unit staff: nothing was written to the plan" "$(plan_rows)" "$before"
for name in entry-grid entry-values entry-forms entry-evidence entry-locked setup $P; do
    check_eq "$name: integrity_check" "$(q "$name" "PRAGMA integrity_check")" "ok"
done

finish
