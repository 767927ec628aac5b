/* The plan at a glance: group summaries, the unit scorecard, target trends and the period
 * comparison (see include/xaso/store_scorecard.h). The store gives the facts; the rules are the
 * core's (task_warnings, verdict_of, task_status_is_done), called here in C. */
#include "xaso/store_scorecard.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/collate.h"
#include "xaso/i18n.h"
#include "xaso/store_progress.h"
#include "xaso/strbuf.h"
#include "xaso/timeline.h"
#include "xaso/value.h"

/* ---------- small helpers ---------- */

static int prepare(xaso_store *st, const char *sql, sqlite3_stmt **s, xaso_error *err,
                   const char *what)
{
    if (sqlite3_prepare_v2(store_db(st), sql, -1, s, NULL) != SQLITE_OK)
        return store_fail(st, err, what);
    return 0;
}

static int done_stmt(xaso_store *st, sqlite3_stmt *s, int rc, xaso_error *err, const char *what)
{
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, err, what);
    return 0;
}

static char *dup_col(sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    return v ? xstrdup((const char *)v) : NULL;
}

static char *dup_col_empty(sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    return xstrdup(v ? (const char *)v : "");
}

/* A period's calendar window; false when code is not a period. */
static bool window_of(const char *code, xaso_date *start, xaso_date *end)
{
    xaso_period p;
    return code && period_parse(code, &p) && period_calendar_window(&p, start, end);
}

static bool parse_date(const char *iso, xaso_date *out)
{
    *out = XASO_DATE_NONE;
    return iso && date_parse_iso(iso, out);
}

#define GROW(arr, n, cap)                                                                         \
    do {                                                                                          \
        if ((n) == (cap)) {                                                                       \
            (cap) = (cap) ? (cap) * 2 : 16;                                                       \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));                                       \
        }                                                                                         \
    } while (0)

/* ---------- as of ---------- */

void scorecard_asof_now(scorecard_asof *a, long long plan_id, xaso_date today,
                        const xaso_calendar *cal)
{
    memset(a, 0, sizeof *a);
    a->plan_id = plan_id;
    a->now = true;
    a->today = today;
    xaso_calendar def;
    if (!cal) {
        calendar_default(&def);
        cal = &def;
    }
    xaso_period p;
    if (period_containing(PERIOD_QUARTER, today, WINDOW_CUTOFF, &cal->windows, &p)) {
        period_format(&p, a->period, sizeof a->period);
        period_calendar_window(&p, &a->window_start, &a->window_end);
    } else {
        a->window_start = a->window_end = XASO_DATE_NONE;
    }
}

bool scorecard_asof_period(scorecard_asof *a, long long plan_id, const char *period)
{
    memset(a, 0, sizeof *a);
    a->plan_id = plan_id;
    xaso_period p;
    if (!period || !period_parse(period, &p) ||
        !period_calendar_window(&p, &a->window_start, &a->window_end))
        return false;
    period_format(&p, a->period, sizeof a->period);
    a->today = a->window_end;
    return true;
}

/* ---------- codes ---------- */

const char *scorecard_task_class_code(scorecard_task_class c)
{
    static const char *const codes[SC_TASK_CLASS_COUNT] = {"on-time", "late", "overdue",
                                                           "not-started", "in-progress"};
    return c < SC_TASK_CLASS_COUNT ? codes[c] : "";
}

const char *scorecard_change_code(scorecard_change c)
{
    static const char *const codes[] = {"none", "improved", "slipped", "unchanged"};
    return c <= SC_CHANGE_UNCHANGED ? codes[c] : "";
}

double scorecard_group_met_share(const scorecard_target_group *g)
{
    if (!g || !g->targets)
        return 0;
    return (double)(g->verdicts[VERDICT_MET] + g->verdicts[VERDICT_EXCEEDED]) /
           (double)g->targets;
}

/* ---------- verdicts: the observation as the interface's xaso_verdict() builds it ---------- */

static xaso_verdict judge(const char *comparator, bool has_target, double target, bool has_row,
                          bool value_null, double value, bool no_data, bool judged_null,
                          bool judged_met, bool *has_value)
{
    xaso_comparator cmp = CMP_NONE;
    if (comparator)
        comparator_from_code(comparator, &cmp);
    xaso_observation obs = {
        .has_value = has_row && !no_data &&
                     (!value_null || ((cmp == CMP_TEXT || cmp == CMP_NONE) && !judged_null)),
        .value = value_null ? 0 : value,
        .judged_met = judged_met,
    };
    xaso_verdict v = verdict_of(cmp, has_target, target, &obs);
    if (has_value)
        *has_value = obs.has_value && v != VERDICT_NO_DATA;
    return v;
}

/* ---------- loading ---------- */

typedef struct {
    long long id;
    size_t index;
} id_index;

static int id_index_cmp(const void *a, const void *b)
{
    const id_index *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static size_t find_index(const id_index *map, size_t n, long long id)
{
    id_index key = {id, 0};
    const id_index *hit = bsearch(&key, map, n, sizeof *map, id_index_cmp);
    return hit ? hit->index : (size_t)-1;
}

/* Per task, while reading updates. */
typedef struct {
    xaso_date latest_end;
    long long latest_id;
    xaso_date first_done_start;
    bool has_completion;
    bool update_this_period;
    char *timeline_kind, *start;
} task_work;

static int load_plan(xaso_store *st, xaso_scorecard *sc, int *period_from, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st, "SELECT key, symbol, title, money_unit, period_from FROM plan WHERE id = ?1",
                &s, err, "plan"))
        return err->code;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        sc->plan_key = dup_col(s, 0);
        sc->plan_symbol = dup_col(s, 1);
        sc->plan_title = dup_col(s, 2);
        sc->money_unit = dup_col(s, 3);
        *period_from = sqlite3_column_int(s, 4);
        rc = SQLITE_DONE;
    }
    return done_stmt(st, s, rc, err, "plan");
}

static int load_tasks(xaso_store *st, xaso_scorecard *sc, task_work **work_out, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT id, code, name, coalesce(grp, ''), pos, due_date, timeline_kind,"
                " start_date FROM task WHERE plan_id = ?1 AND archived = 0 ORDER BY pos, id",
                &s, err, "task"))
        return err->code;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    size_t cap = 0;
    task_work *work = NULL;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(sc->task_list, sc->n_task_list, cap);
        work = xrealloc(work, cap * sizeof *work);
        scorecard_task *t = &sc->task_list[sc->n_task_list];
        task_work *w = &work[sc->n_task_list];
        memset(t, 0, sizeof *t);
        memset(w, 0, sizeof *w);
        t->id = sqlite3_column_int64(s, 0);
        t->code = dup_col_empty(s, 1);
        t->name = dup_col_empty(s, 2);
        t->group = dup_col_empty(s, 3);
        t->pos = sqlite3_column_int(s, 4);
        t->due = dup_col(s, 5);
        w->timeline_kind = dup_col(s, 6);
        w->start = dup_col(s, 7);
        w->latest_end = XASO_DATE_NONE;
        w->first_done_start = XASO_DATE_NONE;
        sc->n_task_list++;
    }
    *work_out = work;
    return done_stmt(st, s, rc, err, "task");
}

static int load_updates(xaso_store *st, xaso_scorecard *sc, task_work *work, const id_index *map,
                        xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT u.task_id, u.id, u.period, u.status, u.completion FROM task_update u"
                " JOIN task t ON t.id = u.task_id WHERE t.plan_id = ?1 AND t.archived = 0",
                &s, err, "task_update"))
        return err->code;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        size_t i = find_index(map, sc->n_task_list, sqlite3_column_int64(s, 0));
        const char *period = (const char *)sqlite3_column_text(s, 2);
        xaso_date ps, pe;
        if (i == (size_t)-1 || !window_of(period, &ps, &pe))
            continue;
        if (!sc->asof.now && pe > sc->asof.window_end)
            continue;
        scorecard_task *t = &sc->task_list[i];
        task_work *w = &work[i];
        long long uid = sqlite3_column_int64(s, 1);
        xaso_task_status status = TASK_NOT_STARTED;
        task_status_from_code((const char *)sqlite3_column_text(s, 3), &status);
        if (!strcmp(period, sc->asof.period))
            w->update_this_period = true;
        if (task_status_is_done(status) &&
            (w->first_done_start == XASO_DATE_NONE || ps < w->first_done_start))
            w->first_done_start = ps;
        if (!t->has_status || pe > w->latest_end || (pe == w->latest_end && uid > w->latest_id)) {
            t->has_status = true;
            t->status = status;
            free(t->status_period);
            t->status_period = xstrdup(period);
            w->latest_end = pe;
            w->latest_id = uid;
            w->has_completion = sqlite3_column_type(s, 4) != SQLITE_NULL;
            t->completion = sqlite3_column_double(s, 4);
        }
    }
    return done_stmt(st, s, rc, err, "task_update");
}

static int load_evidence(xaso_store *st, xaso_scorecard *sc, const id_index *map,
                         xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT u.task_id, u.period, e.appraisal FROM evidence e JOIN task_update u"
                " ON u.id = e.task_update_id JOIN task t ON t.id = u.task_id"
                " WHERE t.plan_id = ?1 AND t.archived = 0",
                &s, err, "evidence"))
        return err->code;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        size_t i = find_index(map, sc->n_task_list, sqlite3_column_int64(s, 0));
        xaso_date ps, pe;
        if (i == (size_t)-1)
            continue;
        if (!sc->asof.now &&
            (!window_of((const char *)sqlite3_column_text(s, 1), &ps, &pe) ||
             pe > sc->asof.window_end))
            continue;
        const char *a = (const char *)sqlite3_column_text(s, 2);
        scorecard_task *t = &sc->task_list[i];
        if (a && !strcmp(a, "accepted"))
            t->evidence_accepted++;
        else if (a && !strcmp(a, "rejected"))
            t->evidence_rejected++;
        else
            t->evidence_pending++;
    }
    return done_stmt(st, s, rc, err, "evidence");
}

/* Warnings, counted completion and class of every task. */
static void classify_tasks(xaso_scorecard *sc, task_work *work, int period_from)
{
    xaso_date plan_start = period_from > 0 ? date_from_ymd(period_from, 1, 1) : XASO_DATE_NONE;
    for (size_t i = 0; i < sc->n_task_list; i++) {
        scorecard_task *t = &sc->task_list[i];
        task_work *w = &work[i];
        xaso_task_facts f;
        memset(&f, 0, sizeof f);
        if (!w->timeline_kind || !timeline_kind_from_code(w->timeline_kind, &f.timeline.kind))
            f.timeline.kind = TL_NONE;
        parse_date(w->start, &f.timeline.start);
        parse_date(t->due, &f.timeline.due);
        f.has_status = t->has_status;
        f.status = t->status;
        f.has_completion = w->has_completion;
        f.completion_percent = t->completion;
        f.evidence_pending = t->evidence_pending;
        f.evidence_accepted = t->evidence_accepted;
        f.evidence_rejected = t->evidence_rejected;
        f.has_update_this_period = w->update_this_period;
        f.today = sc->asof.today;
        f.period_start = sc->asof.now ? plan_start : sc->asof.window_start;
        t->warnings = task_warnings(&f);
        if (!sc->asof.now && f.timeline.start != XASO_DATE_NONE &&
            f.timeline.start > sc->asof.window_end)
            t->warnings &= ~(unsigned)WARN_NO_UPDATE; /* not begun yet: as report_load() */
        bool done = t->has_status && task_status_is_done(t->status);
        if (!t->has_status)
            t->completion = 0;
        else if (!w->has_completion)
            t->completion = done ? 100 : 0;
        if (done) {
            bool after_due = f.timeline.due != XASO_DATE_NONE &&
                             w->first_done_start != XASO_DATE_NONE &&
                             w->first_done_start > f.timeline.due;
            t->cls = t->status == TASK_DONE_LATE || after_due ? SC_TASK_LATE : SC_TASK_ON_TIME;
        } else if (t->warnings & WARN_OVERDUE) {
            t->cls = SC_TASK_OVERDUE;
        } else if (!t->has_status || t->status == TASK_NOT_STARTED) {
            t->cls = SC_TASK_NOT_STARTED;
        } else {
            t->cls = SC_TASK_IN_PROGRESS;
        }
    }
}

static size_t task_group_index(xaso_scorecard *sc, size_t *cap, const char *group, int pos)
{
    for (size_t g = 0; g < sc->n_task_groups; g++)
        if (!strcmp(sc->task_groups[g].group, group))
            return g;
    GROW(sc->task_groups, sc->n_task_groups, *cap);
    scorecard_task_group *g = &sc->task_groups[sc->n_task_groups];
    memset(g, 0, sizeof *g);
    g->group = xstrdup(group);
    g->first_pos = pos;
    return sc->n_task_groups++;
}

static void sum_tasks(xaso_scorecard *sc)
{
    size_t cap = 0;
    for (size_t i = 0; i < sc->n_task_list; i++) {
        const scorecard_task *t = &sc->task_list[i];
        size_t gi = task_group_index(sc, &cap, t->group, t->pos); /* may move task_groups */
        scorecard_task_group *g = &sc->task_groups[gi];
        sc->tasks++;
        g->tasks++;
        if (t->has_status) {
            sc->statuses[t->status]++;
            g->statuses[t->status]++;
        } else {
            sc->unreported++;
            g->unreported++;
        }
        if (t->warnings & WARN_OVERDUE)
            g->overdue++;
        for (size_t k = 0; k < XASO_WARNING_COUNT; k++)
            if (t->warnings & (unsigned)warning_at(k))
                sc->warnings[k]++;
    }
}

static int load_targets(xaso_store *st, xaso_scorecard *sc, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT id, code, name, coalesce(grp, ''), pos, comparator, value FROM target"
                " WHERE plan_id = ?1 AND archived = 0 ORDER BY pos, id",
                &s, err, "target"))
        return err->code;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(sc->target_list, sc->n_target_list, cap);
        scorecard_target_state *t = &sc->target_list[sc->n_target_list++];
        memset(t, 0, sizeof *t);
        t->id = sqlite3_column_int64(s, 0);
        t->code = dup_col_empty(s, 1);
        t->name = dup_col_empty(s, 2);
        t->group = dup_col_empty(s, 3);
        t->pos = sqlite3_column_int(s, 4);
        t->comparator = dup_col_empty(s, 5);
        t->has_target = sqlite3_column_type(s, 6) != SQLITE_NULL;
        t->target = sqlite3_column_double(s, 6);
    }
    if (done_stmt(st, s, rc, err, "target"))
        return err->code;
    id_index *map = xcalloc(sc->n_target_list + 1, sizeof *map);
    for (size_t i = 0; i < sc->n_target_list; i++)
        map[i] = (id_index){sc->target_list[i].id, i};
    qsort(map, sc->n_target_list, sizeof *map, id_index_cmp);
    xaso_date *latest = xcalloc(sc->n_target_list + 1, sizeof *latest);
    long long *latest_id = xcalloc(sc->n_target_list + 1, sizeof *latest_id);
    bool *seen = xcalloc(sc->n_target_list + 1, sizeof *seen);
    if (prepare(st,
                "SELECT v.target_id, v.id, v.period, v.value, v.no_data, v.judged_met"
                " FROM target_value v JOIN target g ON g.id = v.target_id"
                " WHERE g.plan_id = ?1 AND g.archived = 0",
                &s, err, "target_value")) {
        free(map);
        free(latest);
        free(latest_id);
        free(seen);
        return err->code;
    }
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        size_t i = find_index(map, sc->n_target_list, sqlite3_column_int64(s, 0));
        const char *period = (const char *)sqlite3_column_text(s, 2);
        xaso_date ps, pe;
        if (i == (size_t)-1 || !window_of(period, &ps, &pe))
            continue;
        long long vid = sqlite3_column_int64(s, 1);
        if (sc->asof.now) {
            if (seen[i] && (pe < latest[i] || (pe == latest[i] && vid < latest_id[i])))
                continue;
        } else if (strcmp(period, sc->asof.period)) {
            continue;
        }
        seen[i] = true;
        latest[i] = pe;
        latest_id[i] = vid;
        scorecard_target_state *t = &sc->target_list[i];
        t->verdict = judge(t->comparator, t->has_target, t->target, true,
                           sqlite3_column_type(s, 3) == SQLITE_NULL, sqlite3_column_double(s, 3),
                           sqlite3_column_int(s, 4) != 0, sqlite3_column_type(s, 5) == SQLITE_NULL,
                           sqlite3_column_int(s, 5) != 0, &t->has_value);
        t->value = sqlite3_column_double(s, 3);
    }
    free(map);
    free(latest);
    free(latest_id);
    free(seen);
    if (done_stmt(st, s, rc, err, "target_value"))
        return err->code;
    size_t gcap = 0;
    for (size_t i = 0; i < sc->n_target_list; i++) {
        const scorecard_target_state *t = &sc->target_list[i];
        size_t g;
        for (g = 0; g < sc->n_target_groups; g++)
            if (!strcmp(sc->target_groups[g].group, t->group))
                break;
        if (g == sc->n_target_groups) {
            GROW(sc->target_groups, sc->n_target_groups, gcap);
            memset(&sc->target_groups[g], 0, sizeof sc->target_groups[g]);
            sc->target_groups[g].group = xstrdup(t->group);
            sc->target_groups[g].first_pos = t->pos;
            sc->n_target_groups++;
        }
        sc->target_groups[g].targets++;
        sc->target_groups[g].verdicts[t->verdict]++;
        sc->targets++;
        sc->verdicts[t->verdict]++;
    }
    return 0;
}

static int load_projects(xaso_store *st, xaso_scorecard *sc, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT p.id, coalesce(p.grp, ''), p.pos, p.budget_total, p.year_total,"
                " d.amount, d.date, d.period FROM project p LEFT JOIN disbursement d"
                " ON d.project_id = p.id WHERE p.plan_id = ?1 AND p.archived = 0"
                " ORDER BY p.pos, p.id, d.pos",
                &s, err, "project"))
        return err->code;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    size_t cap = 0;
    long long last = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *group = (const char *)sqlite3_column_text(s, 1);
        size_t g;
        for (g = 0; g < sc->n_project_groups; g++)
            if (!strcmp(sc->project_groups[g].group, group))
                break;
        if (g == sc->n_project_groups) {
            GROW(sc->project_groups, sc->n_project_groups, cap);
            memset(&sc->project_groups[g], 0, sizeof sc->project_groups[g]);
            sc->project_groups[g].group = xstrdup(group);
            sc->project_groups[g].first_pos = sqlite3_column_int(s, 2);
            sc->n_project_groups++;
        }
        scorecard_project_group *pg = &sc->project_groups[g];
        long long id = sqlite3_column_int64(s, 0);
        if (id != last) {
            last = id;
            pg->projects++;
            pg->budget_total += sqlite3_column_double(s, 3);
            pg->budget_year += sqlite3_column_double(s, 4);
            sc->projects++;
            sc->budget_total += sqlite3_column_double(s, 3);
            sc->budget_year += sqlite3_column_double(s, 4);
        }
        if (sqlite3_column_type(s, 5) == SQLITE_NULL)
            continue;
        /* up to the end of the period: by date, else by period, else counted */
        xaso_date d, ps, pe;
        if (!sc->asof.now) {
            if (parse_date((const char *)sqlite3_column_text(s, 6), &d)) {
                if (d > sc->asof.window_end)
                    continue;
            } else if (window_of((const char *)sqlite3_column_text(s, 7), &ps, &pe) &&
                       pe > sc->asof.window_end) {
                continue;
            }
        }
        pg->disbursed += sqlite3_column_double(s, 5);
        sc->disbursed += sqlite3_column_double(s, 5);
    }
    return done_stmt(st, s, rc, err, "project");
}

/* Which tasks of the list have a lead (unit_id 0: any unit), in one pass over the leads. */
static bool *led_tasks(const xaso_scorecard *sc, long long unit_id)
{
    bool *led = xcalloc(sc->n_task_list + 1, sizeof *led);
    for (size_t k = 0; k < sc->n_leads; k++)
        if (!unit_id || sc->leads[k].unit_id == unit_id)
            led[sc->leads[k].task] = true;
    return led;
}

static int load_units(xaso_store *st, xaso_scorecard *sc, const id_index *map, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT a.task_id, a.unit_id FROM task_assignment a JOIN task t ON t.id ="
                " a.task_id WHERE t.plan_id = ?1 AND t.archived = 0 AND a.role = 'lead'"
                " ORDER BY t.pos, t.id, a.pos",
                &s, err, "task_assignment"))
        return err->code;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        size_t i = find_index(map, sc->n_task_list, sqlite3_column_int64(s, 0));
        if (i == (size_t)-1)
            continue;
        GROW(sc->leads, sc->n_leads, cap);
        sc->leads[sc->n_leads++] = (scorecard_lead){i, sqlite3_column_int64(s, 1)};
    }
    if (done_stmt(st, s, rc, err, "task_assignment"))
        return err->code;
    bool *led = led_tasks(sc, 0);
    for (size_t i = 0; i < sc->n_task_list; i++)
        sc->tasks_without_lead += !led[i];
    free(led);
    if (prepare(st,
                "SELECT u.id, u.code, u.name, coalesce((SELECT ua.alias FROM unit_alias ua"
                " WHERE ua.unit_id = u.id ORDER BY length(ua.alias), ua.alias LIMIT 1), u.name)"
                " FROM unit u WHERE EXISTS (SELECT 1 FROM task_assignment a JOIN task t"
                " ON t.id = a.task_id WHERE a.unit_id = u.id AND a.role = 'lead'"
                " AND t.plan_id = ?1 AND t.archived = 0) OR u.code IN (SELECT sender FROM report"
                " WHERE plan_id = ?1) ORDER BY coalesce((SELECT pu.pos FROM plan_unit pu WHERE"
                " pu.plan_id = ?1 AND pu.unit_id = u.id), 1000000000), u.id",
                &s, err, "unit"))
        return err->code;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(sc->units, sc->n_units, cap);
        scorecard_unit *u = &sc->units[sc->n_units];
        memset(u, 0, sizeof *u);
        u->unit_id = sqlite3_column_int64(s, 0);
        u->code = dup_col_empty(s, 1);
        u->name = dup_col_empty(s, 2);
        u->short_name = dup_col_empty(s, 3);
        u->order = (int)sc->n_units;
        sc->n_units++;
    }
    if (done_stmt(st, s, rc, err, "unit"))
        return err->code;
    for (size_t k = 0; k < sc->n_leads; k++) {
        const scorecard_task *t = &sc->task_list[sc->leads[k].task];
        for (size_t i = 0; i < sc->n_units; i++) {
            scorecard_unit *u = &sc->units[i];
            if (u->unit_id != sc->leads[k].unit_id)
                continue;
            u->led++;
            u->by_class[t->cls]++;
            u->behind_schedule += (t->warnings & WARN_BEHIND_SCHEDULE) != 0;
            u->avg_completion += t->completion; /* a sum until divided below */
            u->evidence_accepted += (size_t)t->evidence_accepted;
            u->evidence_rejected += (size_t)t->evidence_rejected;
            u->evidence_pending += (size_t)t->evidence_pending;
        }
    }
    for (size_t i = 0; i < sc->n_units; i++)
        if (sc->units[i].led)
            sc->units[i].avg_completion /= (double)sc->units[i].led;
    return 0;
}

/* A unit's report: is it due by `today`, and was it submitted on time? */
static bool report_timing(const scorecard_asof *asof, const xaso_calendar *cal,
                          const char *period, const char *submitted_at, bool *due, bool *on_time)
{
    xaso_period p;
    const xaso_deadline_rule *rule;
    xaso_report_deadline dl;
    xaso_date ps, pe, sub = XASO_DATE_NONE;
    *due = *on_time = false;
    if (!period || !period_parse(period, &p) || !period_calendar_window(&p, &ps, &pe))
        return false;
    if (!asof->now && pe > asof->window_end)
        return false;
    if (!(rule = calendar_rule_for(cal, p.kind)) || !calendar_report_deadline(cal, rule, &p, &dl))
        return false;
    if (submitted_at && strlen(submitted_at) >= 10) {
        char day[11];
        memcpy(day, submitted_at, 10);
        day[10] = '\0';
        date_parse_iso(day, &sub);
    }
    bool submitted = sub != XASO_DATE_NONE && (asof->now || sub <= asof->today);
    *due = submitted || dl.due < asof->today;
    *on_time = submitted && sub <= dl.due;
    return true;
}

static int load_reports(xaso_store *st, xaso_scorecard *sc, const xaso_calendar *cal,
                        xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT r.sender, r.period, (SELECT min(e.at) FROM report_event e"
                " WHERE e.report_id = r.id AND e.to_state = 'submitted') FROM report r"
                " WHERE r.plan_id = ?1 AND r.sender <> ''",
                &s, err, "report"))
        return err->code;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *sender = (const char *)sqlite3_column_text(s, 0);
        bool due, on_time;
        if (!report_timing(&sc->asof, cal, (const char *)sqlite3_column_text(s, 1),
                           (const char *)sqlite3_column_text(s, 2), &due, &on_time))
            continue;
        for (size_t i = 0; i < sc->n_units; i++)
            if (sender && !strcmp(sc->units[i].code, sender)) {
                sc->units[i].reports_due += due;
                sc->units[i].reports_on_time += on_time;
            }
    }
    return done_stmt(st, s, rc, err, "report");
}

int scorecard_load(xaso_store *st, const scorecard_asof *asof, const xaso_calendar *cal,
                   xaso_scorecard **out, xaso_error *err)
{
    *out = NULL;
    xaso_calendar def;
    if (!cal) {
        calendar_default(&def);
        cal = &def;
    }
    xaso_scorecard *sc = xcalloc(1, sizeof *sc);
    sc->asof = *asof;
    int period_from = 0;
    task_work *work = NULL;
    id_index *map = NULL;
    int rc = load_plan(st, sc, &period_from, err);
    if (!rc)
        rc = load_tasks(st, sc, &work, err);
    if (!rc) {
        map = xcalloc(sc->n_task_list + 1, sizeof *map);
        for (size_t i = 0; i < sc->n_task_list; i++)
            map[i] = (id_index){sc->task_list[i].id, i};
        qsort(map, sc->n_task_list, sizeof *map, id_index_cmp);
        rc = load_updates(st, sc, work, map, err);
    }
    if (!rc)
        rc = load_evidence(st, sc, map, err);
    if (!rc) {
        classify_tasks(sc, work, period_from);
        sum_tasks(sc);
        rc = load_targets(st, sc, err);
    }
    if (!rc)
        rc = load_projects(st, sc, err);
    if (!rc)
        rc = load_units(st, sc, map, err);
    if (!rc)
        rc = load_reports(st, sc, cal, err);
    for (size_t i = 0; work && i < sc->n_task_list; i++) {
        free(work[i].timeline_kind);
        free(work[i].start);
    }
    free(work);
    free(map);
    if (rc) {
        scorecard_free(sc);
        return rc;
    }
    scorecard_sort(sc, SC_COL_COUNT, false);
    *out = sc;
    return 0;
}

void scorecard_free(xaso_scorecard *sc)
{
    if (!sc)
        return;
    free(sc->plan_key);
    free(sc->plan_symbol);
    free(sc->plan_title);
    free(sc->money_unit);
    for (size_t i = 0; i < sc->n_target_groups; i++)
        free(sc->target_groups[i].group);
    free(sc->target_groups);
    for (size_t i = 0; i < sc->n_task_groups; i++)
        free(sc->task_groups[i].group);
    free(sc->task_groups);
    for (size_t i = 0; i < sc->n_project_groups; i++)
        free(sc->project_groups[i].group);
    free(sc->project_groups);
    for (size_t i = 0; i < sc->n_units; i++) {
        free(sc->units[i].code);
        free(sc->units[i].name);
        free(sc->units[i].short_name);
    }
    free(sc->units);
    for (size_t i = 0; i < sc->n_task_list; i++) {
        scorecard_task *t = &sc->task_list[i];
        free(t->code);
        free(t->name);
        free(t->group);
        free(t->due);
        free(t->status_period);
    }
    free(sc->task_list);
    free(sc->leads);
    for (size_t i = 0; i < sc->n_target_list; i++) {
        scorecard_target_state *t = &sc->target_list[i];
        free(t->code);
        free(t->name);
        free(t->group);
        free(t->comparator);
    }
    free(sc->target_list);
    free(sc);
}

size_t scorecard_furthest_behind(const xaso_scorecard *sc)
{
    size_t best = (size_t)-1;
    for (size_t i = 0; i < sc->n_target_groups; i++) {
        const scorecard_target_group *g = &sc->target_groups[i];
        if (!g->targets)
            continue;
        if (best == (size_t)-1) {
            best = i;
            continue;
        }
        const scorecard_target_group *b = &sc->target_groups[best];
        double sg = scorecard_group_met_share(g), sb = scorecard_group_met_share(b);
        if (sg < sb - 1e-12 || (fabs(sg - sb) <= 1e-12 && g->targets > b->targets))
            best = i;
    }
    return best;
}

/* ---------- sorting ---------- */

static size_t lagging(const scorecard_unit *u)
{
    return u->by_class[SC_TASK_LATE] + u->by_class[SC_TASK_OVERDUE];
}

static int cmp_size(size_t a, size_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_double(double a, double b)
{
    return a < b - 1e-9 ? -1 : a > b + 1e-9;
}

static int default_order(const scorecard_unit *a, const scorecard_unit *b)
{
    int c = cmp_size(lagging(b), lagging(a));
    if (!c)
        c = cmp_size(b->by_class[SC_TASK_NOT_STARTED], a->by_class[SC_TASK_NOT_STARTED]);
    if (!c)
        c = cmp_double(a->avg_completion, b->avg_completion);
    if (!c)
        c = a->order - b->order;
    return c;
}

static double report_share(const scorecard_unit *u)
{
    return u->reports_due ? (double)u->reports_on_time / (double)u->reports_due : -1;
}

static int by_col(const scorecard_unit *a, const scorecard_unit *b, scorecard_col col)
{
    switch (col) {
    case SC_COL_UNIT: return collate_vi_strcmp(a->short_name, b->short_name);
    case SC_COL_LED: return cmp_size(a->led, b->led);
    case SC_COL_ON_TIME: return cmp_size(a->by_class[SC_TASK_ON_TIME], b->by_class[SC_TASK_ON_TIME]);
    case SC_COL_LATE: return cmp_size(a->by_class[SC_TASK_LATE], b->by_class[SC_TASK_LATE]);
    case SC_COL_OVERDUE: return cmp_size(a->by_class[SC_TASK_OVERDUE], b->by_class[SC_TASK_OVERDUE]);
    case SC_COL_NOT_STARTED:
        return cmp_size(a->by_class[SC_TASK_NOT_STARTED], b->by_class[SC_TASK_NOT_STARTED]);
    case SC_COL_IN_PROGRESS:
        return cmp_size(a->by_class[SC_TASK_IN_PROGRESS], b->by_class[SC_TASK_IN_PROGRESS]);
    case SC_COL_AVG_COMPLETION: return cmp_double(a->avg_completion, b->avg_completion);
    case SC_COL_EVIDENCE_ACCEPTED: return cmp_size(a->evidence_accepted, b->evidence_accepted);
    case SC_COL_EVIDENCE_REJECTED: return cmp_size(a->evidence_rejected, b->evidence_rejected);
    case SC_COL_REPORTS_ON_TIME: return cmp_double(report_share(a), report_share(b));
    default: return 0;
    }
}

void scorecard_sort(xaso_scorecard *sc, scorecard_col col, bool desc)
{
    /* insertion sort: a handful of units, and stable */
    for (size_t i = 1; i < sc->n_units; i++) {
        scorecard_unit u = sc->units[i];
        size_t j = i;
        while (j > 0) {
            const scorecard_unit *p = &sc->units[j - 1];
            int c = col < SC_COL_COUNT ? by_col(p, &u, col) : 0;
            if (desc)
                c = -c;
            if (!c)
                c = default_order(p, &u);
            if (c <= 0)
                break;
            sc->units[j] = sc->units[j - 1];
            j--;
        }
        sc->units[j] = u;
    }
}

/* ---------- drilling down ---------- */

size_t scorecard_task_ids(const xaso_scorecard *sc, const scorecard_unit *u, scorecard_col col,
                          long long **ids)
{
    *ids = NULL;
    size_t n = 0, cap = 0;
    bool *led_by = led_tasks(sc, u ? u->unit_id : 0);
    for (size_t i = 0; i < sc->n_task_list; i++) {
        const scorecard_task *t = &sc->task_list[i];
        bool led = led_by[i];
        if (!u) {
            if (led)
                continue;
        } else {
            if (!led)
                continue;
            bool want;
            switch (col) {
            case SC_COL_ON_TIME: want = t->cls == SC_TASK_ON_TIME; break;
            case SC_COL_LATE: want = t->cls == SC_TASK_LATE; break;
            case SC_COL_OVERDUE: want = t->cls == SC_TASK_OVERDUE; break;
            case SC_COL_NOT_STARTED: want = t->cls == SC_TASK_NOT_STARTED; break;
            case SC_COL_IN_PROGRESS: want = t->cls == SC_TASK_IN_PROGRESS; break;
            case SC_COL_EVIDENCE_ACCEPTED: want = t->evidence_accepted > 0; break;
            case SC_COL_EVIDENCE_REJECTED: want = t->evidence_rejected > 0; break;
            case SC_COL_REPORTS_ON_TIME: want = false; break;
            default: want = true; break;
            }
            if (!want)
                continue;
        }
        GROW(*ids, n, cap);
        (*ids)[n++] = t->id;
    }
    free(led_by);
    return n;
}

size_t scorecard_report_ids(xaso_store *st, const xaso_scorecard *sc, const scorecard_unit *u,
                            long long **ids, xaso_error *err)
{
    *ids = NULL;
    sqlite3_stmt *s;
    if (!u || prepare(st,
                      "SELECT id FROM report WHERE plan_id = ?1 AND sender = ?2"
                      " ORDER BY id", &s, err, "report"))
        return 0;
    sqlite3_bind_int64(s, 1, sc->asof.plan_id);
    sqlite3_bind_text(s, 2, u->code, -1, SQLITE_STATIC);
    size_t n = 0, cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        GROW(*ids, n, cap);
        (*ids)[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    return n;
}

/* ---------- the CSV fields ---------- */

static const scorecard_field fields[] = {
    {"unit_code", SC_FIELD_TEXT, "Mã đơn vị", "Stable code of the unit"},
    {"unit_name", SC_FIELD_TEXT, "Tên đơn vị", "Name of the unit"},
    {"tasks_led", SC_FIELD_INTEGER, "Số nhiệm vụ chủ trì", "Tasks the unit leads"},
    {"on_time", SC_FIELD_INTEGER, "Hoàn thành đúng hạn", "Led tasks done on time"},
    {"late", SC_FIELD_INTEGER, "Hoàn thành chậm",
     "Led tasks done late (status done-late, or first reported done after the due date)"},
    {"overdue", SC_FIELD_INTEGER, "Quá hạn", "Led tasks past their deadline and not done"},
    {"not_started", SC_FIELD_INTEGER, "Chưa triển khai",
     "Led tasks not started or never reported (and not overdue)"},
    {"in_progress", SC_FIELD_INTEGER, "Đang thực hiện", "Other led tasks still open"},
    {"behind_schedule", SC_FIELD_INTEGER, "Chậm tiến độ",
     "Led tasks with the behind-schedule warning"},
    {"avg_completion", SC_FIELD_NUMBER, "Tỷ lệ hoàn thành bình quân (%)",
     "Mean completion % of the led tasks (done = 100, not reported = 0)"},
    {"evidence_accepted", SC_FIELD_INTEGER, "Minh chứng được chấp nhận",
     "Evidence files on led tasks accepted by the appraiser"},
    {"evidence_rejected", SC_FIELD_INTEGER, "Minh chứng bị từ chối",
     "Evidence files on led tasks rejected by the appraiser"},
    {"evidence_pending", SC_FIELD_INTEGER, "Minh chứng chờ thẩm định",
     "Evidence files on led tasks not yet appraised"},
    {"reports_due", SC_FIELD_INTEGER, "Số báo cáo đến hạn",
     "The unit's own reports whose deadline has passed, or that were submitted"},
    {"reports_on_time", SC_FIELD_INTEGER, "Số báo cáo nộp đúng hạn",
     "Of those, first submitted on or before the deadline"},
};

const scorecard_field *scorecard_fields(size_t *n)
{
    *n = sizeof fields / sizeof fields[0];
    return fields;
}

const char *scorecard_field_text(const scorecard_unit *u, size_t i, char *buf, size_t size)
{
    size_t v;
    switch (i) {
    case 0: snprintf(buf, size, "%s", u->code); return buf;
    case 1: snprintf(buf, size, "%s", u->name); return buf;
    case 2: v = u->led; break;
    case 3: v = u->by_class[SC_TASK_ON_TIME]; break;
    case 4: v = u->by_class[SC_TASK_LATE]; break;
    case 5: v = u->by_class[SC_TASK_OVERDUE]; break;
    case 6: v = u->by_class[SC_TASK_NOT_STARTED]; break;
    case 7: v = u->by_class[SC_TASK_IN_PROGRESS]; break;
    case 8: v = u->behind_schedule; break;
    case 9: snprintf(buf, size, "%.1f", u->avg_completion); return buf;
    case 10: v = u->evidence_accepted; break;
    case 11: v = u->evidence_rejected; break;
    case 12: v = u->evidence_pending; break;
    case 13: v = u->reports_due; break;
    case 14: v = u->reports_on_time; break;
    default: buf[0] = '\0'; return buf;
    }
    snprintf(buf, size, "%zu", v);
    return buf;
}

/* ---------- trends ---------- */

typedef struct {
    scorecard_point p;
    xaso_date end;
    long long id;
} dated_point;

static int dated_cmp(const void *a, const void *b)
{
    const dated_point *x = a, *y = b;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

void scorecard_trends_free(scorecard_trend *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++)
        scorecard_trend_free(&t[i]);
    free(t);
}

void scorecard_trend_free(scorecard_trend *t)
{
    if (!t)
        return;
    free(t->code);
    free(t->name);
    free(t->measure_unit);
    free(t->target_text);
    free(t->comparator);
    free(t->points);
    memset(t, 0, sizeof *t);
}

/* Trends of the targets selected by `where` (?1 bound to id). */
static int trends_load(xaso_store *st, const char *where, long long id, scorecard_trend **out,
                       size_t *n, xaso_error *err)
{
    *out = NULL;
    *n = 0;
    strbuf sql = STRBUF_INIT;
    sb_appendf(&sql,
               "SELECT g.id, g.code, g.name, g.measure_unit, g.target_text, g.comparator,"
               " g.value, v.id, v.period, v.value, v.no_data, v.judged_met FROM target g"
               " LEFT JOIN target_value v ON v.target_id = g.id WHERE %s ORDER BY g.pos, g.id",
               where);
    sqlite3_stmt *s;
    int rc = prepare(st, sb_str(&sql), &s, err, "target_value");
    sb_free(&sql);
    if (rc)
        return err->code;
    sqlite3_bind_int64(s, 1, id);
    size_t cap = 0, pcap = 0;
    dated_point *pts = NULL;
    size_t np = 0;
    scorecard_trend *t = NULL;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long tid = sqlite3_column_int64(s, 0);
        if (!*n || (*out)[*n - 1].target_id != tid) {
            if (t && np) { /* finish the previous target */
                qsort(pts, np, sizeof *pts, dated_cmp);
                t->points = xcalloc(np, sizeof *t->points);
                for (size_t k = 0; k < np; k++)
                    t->points[k] = pts[k].p;
                t->n_points = np;
            }
            np = 0;
            GROW(*out, *n, cap);
            t = &(*out)[(*n)++];
            memset(t, 0, sizeof *t);
            t->target_id = tid;
            t->code = dup_col_empty(s, 1);
            t->name = dup_col_empty(s, 2);
            t->measure_unit = dup_col(s, 3);
            t->target_text = dup_col(s, 4);
            t->comparator = dup_col_empty(s, 5);
            t->has_target = sqlite3_column_type(s, 6) != SQLITE_NULL;
            t->target = sqlite3_column_double(s, 6);
        }
        if (sqlite3_column_type(s, 7) == SQLITE_NULL)
            continue;
        const char *period = (const char *)sqlite3_column_text(s, 8);
        xaso_date ps, pe;
        if (!window_of(period, &ps, &pe))
            continue;
        GROW(pts, np, pcap);
        dated_point *d = &pts[np++];
        memset(d, 0, sizeof *d);
        snprintf(d->p.period, sizeof d->p.period, "%s", period);
        d->end = pe;
        d->id = sqlite3_column_int64(s, 7);
        d->p.verdict = judge(t->comparator, t->has_target, t->target, true,
                             sqlite3_column_type(s, 9) == SQLITE_NULL,
                             sqlite3_column_double(s, 9), sqlite3_column_int(s, 10) != 0,
                             sqlite3_column_type(s, 11) == SQLITE_NULL,
                             sqlite3_column_int(s, 11) != 0, &d->p.has_value);
        d->p.has_value = d->p.has_value && sqlite3_column_type(s, 9) != SQLITE_NULL;
        d->p.value = sqlite3_column_double(s, 9);
    }
    if (t && np) {
        qsort(pts, np, sizeof *pts, dated_cmp);
        t->points = xcalloc(np, sizeof *t->points);
        for (size_t k = 0; k < np; k++)
            t->points[k] = pts[k].p;
        t->n_points = np;
    }
    free(pts);
    if (done_stmt(st, s, rc, err, "target_value")) {
        scorecard_trends_free(*out, *n);
        *out = NULL;
        *n = 0;
        return err->code;
    }
    return 0;
}

int scorecard_trend_load(xaso_store *st, long long target_id, scorecard_trend *out,
                         xaso_error *err)
{
    memset(out, 0, sizeof *out);
    scorecard_trend *all;
    size_t n;
    if (trends_load(st, "g.id = ?1", target_id, &all, &n, err))
        return err->code;
    if (n)
        *out = all[0];
    else
        out->target_id = target_id;
    free(all);
    return 0;
}

int scorecard_trends_load(xaso_store *st, long long plan_id, scorecard_trend **out, size_t *n,
                          xaso_error *err)
{
    return trends_load(st, "g.plan_id = ?1 AND g.archived = 0", plan_id, out, n, err);
}

/* ---------- comparing two periods ---------- */

bool scorecard_latest_period(xaso_store *st, long long plan_id, xaso_period_kind kind,
                             const char *upto, char out[XASO_PERIOD_ID_SIZE])
{
    out[0] = '\0';
    xaso_date limit = XASO_DATE_NONE, ps, pe;
    if (upto && !window_of(upto, &ps, &limit))
        return false;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT DISTINCT u.period FROM task_update u JOIN task t ON t.id ="
                           " u.task_id WHERE t.plan_id = ?1 UNION SELECT DISTINCT v.period FROM"
                           " target_value v JOIN target g ON g.id = v.target_id"
                           " WHERE g.plan_id = ?1",
                           -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(s, 1, plan_id);
    xaso_period best = {0};
    bool found = false;
    while (sqlite3_step(s) == SQLITE_ROW) {
        xaso_period p;
        const char *code = (const char *)sqlite3_column_text(s, 0);
        if (!code || !period_parse(code, &p) || p.kind != kind ||
            !period_calendar_window(&p, &ps, &pe))
            continue;
        if (upto && pe > limit)
            continue;
        if (!found || period_compare(&p, &best) > 0) {
            best = p;
            found = true;
        }
    }
    sqlite3_finalize(s);
    if (found)
        period_format(&best, out, XASO_PERIOD_ID_SIZE);
    return found;
}

static int verdict_rank(xaso_verdict v)
{
    return v == VERDICT_EXCEEDED ? 2 : v == VERDICT_MET ? 1 : 0;
}

static scorecard_change target_change(const scorecard_target_state *b,
                                      const scorecard_target_state *a)
{
    if (!b->has_value || !a->has_value)
        return SC_CHANGE_NONE;
    int rb = verdict_rank(b->verdict), ra = verdict_rank(a->verdict);
    if (ra != rb)
        return ra > rb ? SC_CHANGE_IMPROVED : SC_CHANGE_SLIPPED;
    xaso_comparator cmp = CMP_NONE;
    comparator_from_code(a->comparator, &cmp);
    if (cmp == CMP_TEXT || cmp == CMP_NONE)
        return SC_CHANGE_UNCHANGED;
    double scale = fmax(fabs(a->value), fabs(b->value));
    if (fabs(a->value - b->value) <= 1e-9 * (scale > 1 ? scale : 1))
        return SC_CHANGE_UNCHANGED;
    bool up = a->value > b->value;
    bool lower_better = cmp == CMP_LE || cmp == CMP_LT;
    return up != lower_better ? SC_CHANGE_IMPROVED : SC_CHANGE_SLIPPED;
}

static scorecard_change task_change(const scorecard_task *b, const scorecard_task *a)
{
    if (!b->has_status && !a->has_status)
        return SC_CHANGE_NONE;
    bool done_b = b->has_status && task_status_is_done(b->status);
    bool done_a = a->has_status && task_status_is_done(a->status);
    bool overdue_b = (b->warnings & WARN_OVERDUE) != 0, overdue_a = (a->warnings & WARN_OVERDUE) != 0;
    if ((overdue_a && !overdue_b) || (done_b && !done_a) || a->completion < b->completion - 1e-9)
        return SC_CHANGE_SLIPPED;
    if ((done_a && !done_b) || a->completion > b->completion + 1e-9)
        return SC_CHANGE_IMPROVED;
    return SC_CHANGE_UNCHANGED;
}

int scorecard_compare(xaso_store *st, long long plan_id, const char *period,
                      scorecard_comparison *out, xaso_error *err)
{
    memset(out, 0, sizeof *out);
    xaso_period p, pp;
    char prev[XASO_PERIOD_ID_SIZE];
    if (!period || !period_parse(period, &p) || !period_previous(&p, &pp))
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, 2026)"),
                              period ? period : "");
    period_format(&pp, prev, sizeof prev);
    scorecard_asof_period(&out->before, plan_id, prev);
    scorecard_asof_period(&out->after, plan_id, period);
    xaso_scorecard *b = NULL, *a = NULL;
    if (scorecard_load(st, &out->before, NULL, &b, err) ||
        scorecard_load(st, &out->after, NULL, &a, err)) {
        scorecard_free(b);
        return err->code;
    }
    /* the same plan read twice: the same items in the same order */
    size_t nt = a->n_target_list < b->n_target_list ? a->n_target_list : b->n_target_list;
    out->targets = xcalloc(nt + 1, sizeof *out->targets);
    for (size_t i = 0; i < nt; i++) {
        const scorecard_target_state *tb = &b->target_list[i], *ta = &a->target_list[i];
        if (tb->id != ta->id)
            continue;
        scorecard_target_change *c = &out->targets[out->n_targets++];
        c->target_id = ta->id;
        c->code = xstrdup(ta->code);
        c->name = xstrdup(ta->name);
        c->group = xstrdup(ta->group);
        c->pos = ta->pos;
        c->has_before = tb->has_value;
        c->has_after = ta->has_value;
        c->before = tb->value;
        c->after = ta->value;
        c->verdict_before = tb->verdict;
        c->verdict_after = ta->verdict;
        c->change = target_change(tb, ta);
        out->target_counts[c->change]++;
    }
    size_t nk = a->n_task_list < b->n_task_list ? a->n_task_list : b->n_task_list;
    out->tasks = xcalloc(nk + 1, sizeof *out->tasks);
    for (size_t i = 0; i < nk; i++) {
        const scorecard_task *tb = &b->task_list[i], *ta = &a->task_list[i];
        if (tb->id != ta->id)
            continue;
        scorecard_task_change *c = &out->tasks[out->n_tasks++];
        c->task_id = ta->id;
        c->code = xstrdup(ta->code);
        c->name = xstrdup(ta->name);
        c->group = xstrdup(ta->group);
        c->pos = ta->pos;
        c->has_before = tb->has_status;
        c->has_after = ta->has_status;
        c->status_before = tb->status;
        c->status_after = ta->status;
        c->before = tb->completion;
        c->after = ta->completion;
        c->warnings_before = tb->warnings;
        c->warnings_after = ta->warnings;
        c->change = task_change(tb, ta);
        out->task_counts[c->change]++;
    }
    scorecard_free(a);
    scorecard_free(b);
    return 0;
}

void scorecard_comparison_free(scorecard_comparison *c)
{
    for (size_t i = 0; i < c->n_targets; i++) {
        free(c->targets[i].code);
        free(c->targets[i].name);
        free(c->targets[i].group);
    }
    free(c->targets);
    for (size_t i = 0; i < c->n_tasks; i++) {
        free(c->tasks[i].code);
        free(c->tasks[i].name);
        free(c->tasks[i].group);
    }
    free(c->tasks);
    memset(c, 0, sizeof *c);
}
