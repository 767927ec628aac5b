#!/bin/sh
# Benchmark of the full-screen interface on a plan with N tasks (default 100,000), side by side
# with sqlite3 running the equivalent queries in the same run. Prints times and ratios and the
# peak memory; never passes or fails on time. Usage: tests/bench/bench.sh [N]   (make bench)
set -eu
N=${1:-100000}
XASO=${XASO_BIN:-build/xaso}
case "$XASO" in /*) ;; *) XASO="$(pwd)/$XASO" ;; esac
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP" XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" LANG=C.UTF-8
export XASO_TODAY=2026-11-23 XASO_NOW=2026-11-23T08:00:00Z
DB="$TMP/bench.db"
KEYS=200

now_ms() { date +%s%N | cut -c1-13; }

# A real plan, then N generated tasks with updates and assignments (plain SQL, one transaction).
"$XASO" --db "$DB" init --code bench --name "UBND phường Thử" --level phuong >/dev/null
"$XASO" --db "$DB" plan import forms/plans/ngoc-son-2026.yaml >/dev/null
sqlite3 "$DB" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO task (plan_id, key, code, section, pos, kind, grp, name, expected_result,
                  timeline_text, timeline_kind, start_date, due_date)
SELECT 1, 'B' || i, 'B' || i, 'Bench', 1000 + i, 'task',
       CASE i % 4 WHEN 0 THEN 'Hạ tầng số' WHEN 1 THEN 'Chính quyền số' WHEN 2 THEN 'Kinh tế số'
                  ELSE 'Xã hội số' END,
       CASE i % 3 WHEN 0 THEN 'Chuyển đổi số hồ sơ thủ tục hành chính số ' || i
                  WHEN 1 THEN 'Tổ chức tập huấn kỹ năng số cho người dân thôn ' || i
                  ELSE 'Nâng cấp hạ tầng mạng và thiết bị đầu cuối đợt ' || i END,
       'Tối thiểu 02 lớp', 'Quý ' || (1 + i % 4) || '/2026', 'quarter',
       printf('2026-%02d-01', 1 + 3 * (i % 4)), printf('2026-%02d-%02d', 3 + 3 * (i % 4),
       CASE i % 4 WHEN 0 THEN 31 WHEN 3 THEN 31 ELSE 30 END)
FROM n;
INSERT INTO task_assignment (task_id, unit_id, role, pos)
SELECT t.id, 1 + t.id % (SELECT count(*) FROM unit), 'lead', 0 FROM task t WHERE t.key LIKE 'B%';
INSERT INTO task_update (task_id, period, status, completion, updated_at, updated_by)
SELECT t.id, p.period, CASE WHEN t.id % 5 = 0 THEN 'done' ELSE 'in-progress' END,
       CASE WHEN t.id % 5 = 0 THEN 100 ELSE (t.id * 7) % 100 END, '2026-10-01T00:00:00Z', 'bench'
FROM task t JOIN (SELECT '2026Q2' AS period UNION ALL SELECT '2026Q3') p
WHERE t.key LIKE 'B%' AND t.id % 10 <> 0;
COMMIT;
ANALYZE;
SQL
tasks=$(sqlite3 "$DB" "SELECT count(*) FROM task")

# time_xaso NAME SCRIPT-LINES…: wall time in ms of one headless run
run_xaso() {
    printf '%s\n' "$@" >"$TMP/script"
    t0=$(now_ms)
    XASO_SCRIPT="$TMP/script" /usr/bin/time -f %M -o "$TMP/rss" "$XASO" --db "$DB" --lang en \
        >/dev/null 2>"$TMP/err"
    t1=$(now_ms)
    echo $((t1 - t0))
}
run_sqlite() { # SQL file → ms
    t0=$(now_ms)
    sqlite3 "$DB" <"$1" >/dev/null
    t1=$(now_ms)
    echo $((t1 - t0))
}
repeat() { # N LINE → N copies of LINE
    i=0
    while [ $i -lt "$1" ]; do echo "$2"; i=$((i + 1)); done
}

# 1. Time to first screen: start, dashboard drawn, quit.
first=$(run_xaso "dump $TMP/first")
rss_first=$(cat "$TMP/rss")
# sqlite3 baseline: the dashboard's aggregates written in plain SQL (latest update per task, the
# overdue / behind rules as CASE expressions) — the same work without xaso's rule functions.
cat >"$TMP/first.sql" <<'SQL'
SELECT lu.status, count(*),
  sum(t.due_date < '2026-11-23' AND coalesce(lu.status, '') NOT IN ('done', 'done-late')),
  sum(coalesce(lu.completion, 0) < 50.0 * min(1.0, max(0.0, (julianday('2026-11-23') -
      julianday(t.start_date)) / (julianday(t.due_date) - julianday(t.start_date) + 1))))
FROM task t LEFT JOIN task_update lu ON lu.id = (SELECT u.id FROM task_update u
  WHERE u.task_id = t.id ORDER BY u.period DESC LIMIT 1)
WHERE t.plan_id = 1 AND t.archived = 0 GROUP BY 1;
SELECT id FROM task WHERE plan_id = 1 AND archived = 0 ORDER BY pos;
SQL
first_sql=$(run_sqlite "$TMP/first.sql")

# 2. Scrolling: open the tasks (list query), then KEYS presses of PgDn; per key = (total − open) / KEYS.
open_tasks=$(run_xaso "press 4" "dump $TMP/tasks")
scroll=$(run_xaso "press 4" "$(repeat $KEYS 'press PgDn')" "dump $TMP/scrolled")
rss_scroll=$(cat "$TMP/rss")
per_key_scroll=$(echo "scale=2; ($scroll - $open_tasks) / $KEYS" | bc)
# sqlite3 baseline: one page of 20 rows per key press, LIMIT/OFFSET in the plan's order
: >"$TMP/scroll.sql"
i=0
while [ $i -lt $KEYS ]; do
    echo "SELECT t.code, t.name, t.due_date FROM task t WHERE t.plan_id = 1 AND t.archived = 0 ORDER BY t.pos LIMIT 20 OFFSET $((i * 20));" >>"$TMP/scroll.sql"
    i=$((i + 1))
done
scroll_sql=$(run_sqlite "$TMP/scroll.sql")
per_key_scroll_sql=$(echo "scale=2; $scroll_sql / $KEYS" | bc)

# 3. Filtering: search as you type "chuyen doi so" (13 key presses, each re-runs the search).
search=$(run_xaso "press 4 /" "type chuyen doi so" "press Enter" "dump $TMP/search")
rss_search=$(cat "$TMP/rss")
per_key_search=$(echo "scale=2; ($search - $open_tasks) / 13" | bc)
found=$(sed -n 2p "$TMP/search" | sed 's/^Tasks [0-9]*\/\([0-9]*\).*/\1/')
: >"$TMP/search.sql"
for prefix in c ch chu chuy chuye chuyen "chuyen " "chuyen d" "chuyen do" "chuyen doi" \
    "chuyen doi " "chuyen doi s" "chuyen doi so"; do
    echo "SELECT id FROM task WHERE plan_id = 1 AND archived = 0 AND lower(name) LIKE '%$prefix%' ORDER BY pos;" >>"$TMP/search.sql"
done
search_sql=$(run_sqlite "$TMP/search.sql")
per_key_search_sql=$(echo "scale=2; $search_sql / 13" | bc)

# 4. Filter by warning "overdue" through the picker.
warn=$(run_xaso "press 4 f Down Down Enter Down Enter" "dump $TMP/warn")
per_warn=$((warn - open_tasks))

ratio() { echo "scale=2; $1 / ($2 + 0.01)" | bc; }
peak=$rss_first
for r in $rss_scroll $rss_search; do [ "$r" -gt "$peak" ] && peak=$r; done
echo "xaso benchmark: $tasks tasks (N=$N), $KEYS key presses; times in ms (wall clock)"
printf '%-44s %10s %10s %8s\n' "measure" "xaso" "sqlite3" "ratio"
printf '%-44s %10s %10s %8s\n' "first screen (start, dashboard, quit)" "$first" "$first_sql" "$(ratio "$first" "$first_sql")"
printf '%-44s %10s %10s %8s\n' "open the tasks screen (whole run)" "$open_tasks" "" ""
printf '%-44s %10s %10s %8s\n' "per key press, scrolling (PgDn)" "$per_key_scroll" "$per_key_scroll_sql" "$(ratio "$per_key_scroll" "$per_key_scroll_sql")"
printf '%-44s %10s %10s %8s\n' "per key press, search as you type" "$per_key_search" "$per_key_search_sql" "$(ratio "$per_key_search" "$per_key_search_sql")"
printf '%-44s %10s %10s %8s\n' "filter by warning overdue (one choice)" "$per_warn" "" ""
printf '%-44s %10s\n' "peak memory (max RSS, KiB)" "$peak"
echo "search \"chuyen doi so\" found $found tasks"
