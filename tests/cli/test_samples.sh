#!/bin/sh
# The three real plans in forms/plans import with their exact counts and round-trip through
# export → import into an empty database → export.
. tests/cli/lib.sh
export XASO_LANG=en
PLANS="$ROOT/forms/plans"

check_plan() { # file key targets tasks projects
    db="$TMP/$2.db"
    run "$XASO" --db "$db" plan import "$PLANS/$1"
    expect_rc "$1 imports" 0
    expect_out "$1 has $3 targets, $4 tasks, $5 projects" "$3 targets, $4 tasks, $5 projects"
    run "$XASO" --db "$db" plan import "$PLANS/$1"
    expect_out "$1 re-imported changes nothing" "nothing changed"
    run "$XASO" --db "$db" plan export "$2" -o "$TMP/$2-1.yaml"; expect_rc "$1 exports" 0
    run "$XASO" --db "$TMP/$2-rt.db" plan import "$TMP/$2-1.yaml"
    expect_rc "$1 export imports into an empty database" 0
    expect_out "$1 export keeps the counts" "$3 targets, $4 tasks, $5 projects"
    run "$XASO" --db "$TMP/$2-rt.db" plan export "$2" -o "$TMP/$2-2.yaml"
    expect_same "$1 round trip gives the same plan" "$TMP/$2-1.yaml" "$TMP/$2-2.yaml"
    # the database rows themselves match too (ids aside)
    q="SELECT key, code, name, comparator, value, measure_unit FROM target ORDER BY key;
       SELECT t.key, t.timeline_kind, t.due_date, a.role, u.code FROM task t
         LEFT JOIN task_assignment a ON a.task_id = t.id LEFT JOIN unit u ON u.id = a.unit_id
         ORDER BY t.key, a.role, a.pos;
       SELECT key, budget_total, year_total FROM project ORDER BY key;"
    sqlite3 "$db" "$q" > "$TMP/$2-a.txt"; sqlite3 "$TMP/$2-rt.db" "$q" > "$TMP/$2-b.txt"
    expect_same "$1 round trip gives the same rows" "$TMP/$2-a.txt" "$TMP/$2-b.txt"
}
check_plan ngoc-son-2026.yaml ngoc-son-2026 88 102 8
check_plan thuan-loi-2026.yaml thuan-loi-2026 26 58 0
check_plan bac-son-2025-2030.yaml bac-son-2025-2030 36 44 0

run sqlite3 "$TMP/ngoc-son-2026.db" "SELECT sum(budget_total), sum(budget_province), sum(budget_other) FROM project"
expect_out "Ngọc Sơn budget totals 7,100 (4,700 province, 2,400 other)" "7100.0|4700.0|2400.0"
run sqlite3 "$TMP/bac-son-2025-2030.db" "SELECT group_concat(DISTINCT horizon) FROM (SELECT horizon FROM target ORDER BY horizon); SELECT chain FROM plan"
expect_out "Bắc Sơn keeps both horizons" "2025,2030"
expect_out "Bắc Sơn is a Party committee plan" "dang"

# All three in one office database: units shared by code keep one name.
all="$TMP/all.db"
run "$XASO" --db "$all" plan import "$PLANS/ngoc-son-2026.yaml" "$PLANS/thuan-loi-2026.yaml" "$PLANS/bac-son-2025-2030.yaml"
expect_rc "the three plans import into one database" 0
before=$(sqlite3 "$all" .dump | sha256sum)
run "$XASO" --db "$all" plan import "$PLANS/ngoc-son-2026.yaml" "$PLANS/thuan-loi-2026.yaml" "$PLANS/bac-son-2025-2030.yaml"
[ "$(sqlite3 "$all" .dump | sha256sum)" = "$before" ] && pass "re-importing all three changes nothing" || fail "re-importing all three changes nothing"
run "$XASO" --db "$all" plan list
expect_out "plan list shows Ngọc Sơn" "ngoc-son-2026        27/KH-UBND     2026            88     102       8"

finish
