/* The plan at a glance on the demo database (phường Ngọc Sơn 2026, progress for 2026Q1–Q3),
 * with numbers checked by hand with sqlite3: the headline figures equal the dashboard's, the
 * target groups, the unit scorecard (VHXH leads 16 tasks: 5 done, 2 overdue, 2 never reported,
 * average completion 67.5 %), drill-down ids, late = done after the due date, evidence and
 * reports on time, sorting, trends and the period comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "scratch_db.h"

#include "xaso/demo.h"
#include "xaso/store.h"
#include "xaso/store_scorecard.h"

static char dir[64];
static xaso_store *st;

static void exec(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
        print_error("%s: %s\n", sql, msg ? msg : "?");
    sqlite3_free(msg);
}

static int setup(void **state)
{
    (void)state;
    if (scratch_dir_make(dir, sizeof dir, "scorecard"))
        return -1;
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd))
        return -1;
    setenv("XDG_DATA_HOME", dir, 1);
    setenv("XASO_DATADIR", cwd, 1); /* tests run from the source tree */
    setenv("XASO_TODAY", "2026-11-23", 1);
    setenv("XASO_NOW", "2026-11-23T08:00:00Z", 1);
    xaso_error err;
    xaso_error_clear(&err);
    if (demo_open(&st, &err)) {
        print_error("demo: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return scratch_dir_remove(dir);
}

static xaso_scorecard *load_now(void)
{
    scorecard_asof a;
    scorecard_asof_now(&a, 1, date_from_ymd(2026, 11, 23), NULL);
    xaso_scorecard *sc = NULL;
    xaso_error err;
    xaso_error_clear(&err);
    assert_int_equal(scorecard_load(st, &a, NULL, &sc, &err), 0);
    return sc;
}

static const scorecard_unit *unit(const xaso_scorecard *sc, const char *code)
{
    for (size_t i = 0; i < sc->n_units; i++)
        if (!strcmp(sc->units[i].code, code))
            return &sc->units[i];
    fail_msg("no unit %s", code);
    return NULL;
}

static const char *task_code(const xaso_scorecard *sc, long long id)
{
    for (size_t i = 0; i < sc->n_task_list; i++)
        if (sc->task_list[i].id == id)
            return sc->task_list[i].code;
    return "?";
}

static void test_headline_and_groups(void **state)
{
    (void)state;
    xaso_scorecard *sc = load_now();
    assert_string_equal(sc->asof.period, "2026Q4");
    /* the dashboard's figures (tests/tui/goldens/dashboard-80x24.txt) */
    assert_int_equal(sc->targets, 88);
    assert_int_equal(sc->verdicts[VERDICT_MET], 6);
    assert_int_equal(sc->verdicts[VERDICT_EXCEEDED], 3);
    assert_int_equal(sc->verdicts[VERDICT_NOT_MET], 49);
    assert_int_equal(sc->verdicts[VERDICT_NO_DATA], 30);
    assert_int_equal(sc->tasks, 102);
    assert_int_equal(sc->statuses[TASK_IN_PROGRESS], 75);
    assert_int_equal(sc->statuses[TASK_DONE], 19);
    assert_int_equal(sc->unreported, 8);
    assert_int_equal(sc->warnings[0], 2); /* overdue */
    assert_int_equal(sc->warnings[1], 2); /* behind schedule */
    assert_int_equal(sc->projects, 8);
    assert_true(sc->budget_year == 7100.0);
    /* groups in plan order; "Hạ tầng số": 7 targets, 1 exceeded, 3 not met, 3 no data */
    assert_int_equal(sc->n_target_groups, 15);
    assert_string_equal(sc->target_groups[0].group, "Hạ tầng số");
    assert_int_equal(sc->target_groups[0].targets, 7);
    assert_int_equal(sc->target_groups[0].verdicts[VERDICT_EXCEEDED], 1);
    assert_int_equal(sc->target_groups[0].verdicts[VERDICT_NOT_MET], 3);
    assert_int_equal(sc->target_groups[0].verdicts[VERDICT_NO_DATA], 3);
    /* furthest behind: nothing met, and the biggest such group */
    size_t b = scorecard_furthest_behind(sc);
    assert_string_equal(sc->target_groups[b].group, "Ứng dụng phục vụ người dân và doanh nghiệp");
    assert_int_equal(sc->target_groups[b].targets, 7);
    assert_int_equal(sc->n_task_groups, 24);
    assert_string_equal(sc->task_groups[0].group, "Phụ lục 2");
    assert_int_equal(sc->task_groups[0].tasks, 12);
    assert_int_equal(sc->task_groups[0].overdue, 2);
    assert_int_equal(sc->n_project_groups, 2);
    scorecard_free(sc);
}

static void test_units(void **state)
{
    (void)state;
    xaso_scorecard *sc = load_now();
    assert_int_equal(sc->n_units, 15);
    assert_int_equal(sc->tasks_without_lead, 36);
    const scorecard_unit *u = unit(sc, "vhxh");
    assert_int_equal(u->led, 16);
    assert_int_equal(u->by_class[SC_TASK_ON_TIME], 5);
    assert_int_equal(u->by_class[SC_TASK_LATE], 0);
    assert_int_equal(u->by_class[SC_TASK_OVERDUE], 2);
    assert_int_equal(u->by_class[SC_TASK_NOT_STARTED], 2);
    assert_int_equal(u->by_class[SC_TASK_IN_PROGRESS], 7);
    assert_true(u->avg_completion > 67.49 && u->avg_completion < 67.51);
    /* the default order: the units that lag most first */
    assert_string_equal(sc->units[0].code, "vhxh");
    assert_string_equal(sc->units[1].code, "pvhcc-ngoc-son");
    /* the tasks behind a number */
    long long *ids;
    size_t n = scorecard_task_ids(sc, u, SC_COL_OVERDUE, &ids);
    assert_int_equal(n, 2);
    assert_string_equal(task_code(sc, ids[0]), "PL2.2");
    assert_string_equal(task_code(sc, ids[1]), "PL2.3");
    free(ids);
    n = scorecard_task_ids(sc, u, SC_COL_NOT_STARTED, &ids);
    assert_int_equal(n, 2);
    assert_string_equal(task_code(sc, ids[0]), "PL2.8");
    assert_string_equal(task_code(sc, ids[1]), "IV.2-7");
    free(ids);
    assert_int_equal(scorecard_task_ids(sc, u, SC_COL_LED, &ids), 16);
    free(ids);
    assert_int_equal(scorecard_task_ids(sc, NULL, SC_COL_LED, &ids), 36);
    free(ids);
    /* sorting by a column; ties keep the default order */
    scorecard_sort(sc, SC_COL_LED, true);
    assert_string_equal(sc->units[0].code, "vhxh");
    assert_int_equal(sc->units[1].led, 7);
    scorecard_sort(sc, SC_COL_AVG_COMPLETION, false);
    assert_true(sc->units[0].avg_completion <= sc->units[1].avg_completion);
    /* the CSV fields */
    size_t nf;
    const scorecard_field *f = scorecard_fields(&nf);
    assert_int_equal(nf, 15);
    assert_string_equal(f[2].code, "tasks_led");
    char buf[64];
    u = unit(sc, "vhxh");
    assert_string_equal(scorecard_field_text(u, 2, buf, sizeof buf), "16");
    assert_string_equal(scorecard_field_text(u, 5, buf, sizeof buf), "2");
    assert_string_equal(scorecard_field_text(u, 9, buf, sizeof buf), "67.5");
    scorecard_free(sc);
}

static void test_late_evidence_reports(void **state)
{
    (void)state;
    /* PL2.1 (due 30/06) first reported done in Q3: done after its due date = late */
    exec("UPDATE task_update SET status = 'in-progress', completion = 80 WHERE period = '2026Q2'"
         " AND task_id = (SELECT id FROM task WHERE code = 'PL2.1')");
    /* evidence on PL2.5's Q3 update: two accepted, one rejected */
    exec("INSERT INTO evidence_file VALUES ('" /* 64 hex digits */
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 1, NULL, 'x')");
    for (int i = 0; i < 3; i++) {
        char sql[512];
        snprintf(sql, sizeof sql,
                 "INSERT INTO evidence (task_update_id, sha256, original_name, appraisal,"
                 " added_at) SELECT u.id, '%s', 'f%d.pdf', '%s', 'x' FROM task_update u JOIN task"
                 " t ON t.id = u.task_id WHERE t.code = 'PL2.5' AND u.period = '2026Q3'",
                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", i,
                 i < 2 ? "accepted" : "rejected");
        exec(sql);
    }
    /* VHXH's own reports: Q1 submitted long after its deadline, Q2 on 01/07 (on time), Q3 a
       draft whose deadline has passed */
    exec("INSERT INTO report (id, plan_id, period, sender, state) VALUES"
         " (101, 1, '2026Q1', 'vhxh', 'submitted'), (102, 1, '2026Q2', 'vhxh', 'submitted'),"
         " (103, 1, '2026Q3', 'vhxh', 'draft');"
         "INSERT INTO report_event (report_id, at, to_state) VALUES"
         " (101, '2026-06-01T08:00:00Z', 'submitted'), (102, '2026-06-15T08:00:00Z', 'submitted')");
    xaso_scorecard *sc = load_now();
    const scorecard_unit *u = unit(sc, "vhxh");
    assert_int_equal(u->by_class[SC_TASK_ON_TIME], 4);
    assert_int_equal(u->by_class[SC_TASK_LATE], 1);
    assert_int_equal(u->evidence_accepted, 2);
    assert_int_equal(u->evidence_rejected, 1);
    assert_int_equal(u->reports_due, 3);
    assert_int_equal(u->reports_on_time, 1);
    long long *ids;
    assert_int_equal(scorecard_task_ids(sc, u, SC_COL_LATE, &ids), 1);
    assert_string_equal(task_code(sc, ids[0]), "PL2.1");
    free(ids);
    assert_int_equal(scorecard_task_ids(sc, u, SC_COL_EVIDENCE_REJECTED, &ids), 1);
    assert_string_equal(task_code(sc, ids[0]), "PL2.5");
    free(ids);
    xaso_error err;
    xaso_error_clear(&err);
    assert_int_equal(scorecard_report_ids(st, sc, u, &ids, &err), 3);
    free(ids);
    scorecard_free(sc);

    /* as of 2026Q3 (the report's view): judged on 30/09, PL2.2 and PL2.3 (due 30/09) are not
       overdue yet, and the Q3 report is not due yet */
    scorecard_asof a;
    assert_true(scorecard_asof_period(&a, 1, "2026Q3"));
    assert_false(scorecard_asof_period(&a, 1, "2026Q5"));
    scorecard_asof_period(&a, 1, "2026Q3");
    assert_int_equal(scorecard_load(st, &a, NULL, &sc, &err), 0);
    u = unit(sc, "vhxh");
    assert_int_equal(u->by_class[SC_TASK_OVERDUE], 0);
    assert_int_equal(u->reports_due, 2);
    scorecard_free(sc);
}

static void test_trend_and_compare(void **state)
{
    (void)state;
    scorecard_trend t;
    xaso_error err;
    xaso_error_clear(&err);
    assert_int_equal(scorecard_trend_load(st, 1, &t, &err), 0);
    assert_string_equal(t.code, "II.2.1-1");
    assert_true(t.has_target && t.target == 100);
    assert_int_equal(t.n_points, 3);
    assert_string_equal(t.points[0].period, "2026Q1");
    assert_string_equal(t.points[2].period, "2026Q3");
    assert_true(t.points[0].value > 36.5 && t.points[0].value < 36.6); /* 130 / 356 */
    assert_int_equal(t.points[2].verdict, VERDICT_NOT_MET);
    scorecard_trend_free(&t);
    scorecard_trend *all;
    size_t n;
    assert_int_equal(scorecard_trends_load(st, 1, &all, &n, &err), 0);
    assert_int_equal(n, 88);
    scorecard_trends_free(all, n);

    char latest[XASO_PERIOD_ID_SIZE];
    assert_true(scorecard_latest_period(st, 1, PERIOD_QUARTER, "2026Q4", latest));
    assert_string_equal(latest, "2026Q3");
    assert_false(scorecard_latest_period(st, 1, PERIOD_MONTH, NULL, latest));

    scorecard_comparison c;
    assert_int_equal(scorecard_compare(st, 1, "2026Q3", &c, &err), 0);
    /* the demo only rises: 56 targets and 93 tasks improved (PL2.1 among them, after the test
       above made it finish in Q3) */
    assert_int_equal(c.target_counts[SC_CHANGE_IMPROVED], 56);
    assert_int_equal(c.target_counts[SC_CHANGE_SLIPPED], 0);
    assert_int_equal(c.target_counts[SC_CHANGE_UNCHANGED], 2);
    assert_int_equal(c.task_counts[SC_CHANGE_SLIPPED], 0);
    scorecard_comparison_free(&c);
    /* a value that falls and a completion that drops are slips */
    exec("UPDATE target_value SET value = 10, numerator = NULL, denominator = NULL"
         " WHERE period = '2026Q3' AND target_id = 1;"
         "UPDATE task_update SET completion = 1 WHERE period = '2026Q3'"
         " AND task_id = (SELECT id FROM task WHERE code = 'PL2.12')");
    assert_int_equal(scorecard_compare(st, 1, "2026Q3", &c, &err), 0);
    assert_int_equal(c.target_counts[SC_CHANGE_SLIPPED], 1);
    assert_int_equal(c.task_counts[SC_CHANGE_SLIPPED], 1);
    for (size_t i = 0; i < c.n_tasks; i++)
        if (c.tasks[i].change == SC_CHANGE_SLIPPED)
            assert_string_equal(c.tasks[i].code, "PL2.12");
    assert_string_equal(c.targets[0].code, "II.2.1-1");
    assert_int_equal(c.targets[0].change, SC_CHANGE_SLIPPED);
    scorecard_comparison_free(&c);
    assert_int_not_equal(scorecard_compare(st, 1, "nonsense", &c, &err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headline_and_groups),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_late_evidence_reports), /* changes the data: after the above */
        cmocka_unit_test(test_trend_and_compare),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
