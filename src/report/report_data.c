/* Loading one report (plan, period, sender) from the store into memory. */
#include "xaso/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/i18n.h"
#include "xaso/store_office.h"
#include "xaso/strbuf.h"
#include "xaso/timeline.h"
#include "xaso/value.h"

#define PUSH(d, name) \
    ((__typeof__((d)->name))arena_push((d)->arena, (void **)&(d)->name, &(d)->n_##name, \
                                       &(d)->cap_##name, sizeof *(d)->name))

static const char *col(report_data *d, sqlite3_stmt *s, int i)
{
    return arena_strdup(d->arena, (const char *)sqlite3_column_text(s, i));
}

static report_number num(sqlite3_stmt *s, int i)
{
    report_number n = {false, 0};
    if (sqlite3_column_type(s, i) != SQLITE_NULL) {
        n.set = true;
        n.v = sqlite3_column_double(s, i);
    }
    return n;
}

static int prepare(xaso_store *st, const char *sql, sqlite3_stmt **s, xaso_error *err)
{
    if (sqlite3_prepare_v2(store_db(st), sql, -1, s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the report's data"));
    return 0;
}

static int finish(xaso_store *st, sqlite3_stmt *s, int rc, xaso_error *err)
{
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the report's data"));
}

int report_find_unit(xaso_store *st, const char *code, long long *unit_id, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st, "SELECT id FROM unit WHERE code = ?1", &s, err))
        return err->code;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *unit_id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return xaso_error_set(err, XASO_EX_NOINPUT, _("no unit with code \"%s\""), code);
    return 0;
}

static int load_header(xaso_store *st, report_data *d, xaso_error *err)
{
    xaso_office office;
    bool found = false;
    if (store_office_get(st, &office, &found, err))
        return err->code;
    if (!found)
        return xaso_error_set(err, XASO_EX_CONFIG,
                              _("the office is not set up yet: run xaso init first"));
    d->office_code = arena_strdup(d->arena, office.code);
    d->office_name = arena_strdup(d->arena, office.name);
    d->office_level = arena_strdup(d->arena, office.level);
    d->province = arena_strdup(d->arena, office.province);
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT key, symbol, title, chain, issuer, place, date, money_unit, signer "
                "FROM plan WHERE id = ?1",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        d->plan_key = col(d, s, 0);
        d->plan_symbol = col(d, s, 1);
        d->plan_title = col(d, s, 2);
        d->plan_chain = col(d, s, 3);
        d->plan_issuer = col(d, s, 4);
        d->plan_place = col(d, s, 5);
        d->plan_date = col(d, s, 6);
        d->money_unit = col(d, s, 7);
        d->signer = col(d, s, 8);
        rc = SQLITE_DONE;
    } else if (rc == SQLITE_DONE) {
        sqlite3_finalize(s);
        return xaso_error_set(err, XASO_EX_NOINPUT, _("no plan with id %lld"), d->plan_id);
    }
    if (finish(st, s, rc, err))
        return err->code;
    if (prepare(st,
                "SELECT symbol, difficulties, proposals, next_tasks, finalised_at, "
                "finalised_by FROM report WHERE id = ?1",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->report_id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        d->symbol = col(d, s, 0);
        d->difficulties = col(d, s, 1);
        d->proposals = col(d, s, 2);
        d->next_tasks = col(d, s, 3);
        d->finalised_at = col(d, s, 4);
        d->finalised_by = col(d, s, 5);
        rc = SQLITE_DONE;
    }
    if (finish(st, s, rc, err))
        return err->code;
    d->sender_name = d->office_name;
    if (*d->sender) {
        if (prepare(st, "SELECT name FROM unit WHERE code = ?1", &s, err))
            return err->code;
        sqlite3_bind_text(s, 1, d->sender, -1, SQLITE_STATIC);
        if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            d->sender_name = col(d, s, 0);
            rc = SQLITE_DONE;
        }
        if (finish(st, s, rc, err))
            return err->code;
    }
    if (prepare(st,
                "SELECT name, purpose FROM plan_recipient WHERE plan_id = ?1 ORDER BY pos", &s,
                err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        report_recipient *r = PUSH(d, recipients);
        r->name = col(d, s, 0);
        r->purpose = col(d, s, 1);
    }
    return finish(st, s, rc, err);
}

static int load_units(xaso_store *st, report_data *d, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT u.id, u.code, u.name, u.kind FROM unit u WHERE u.id IN "
                "(SELECT unit_id FROM plan_unit WHERE plan_id = ?1 UNION "
                " SELECT a.unit_id FROM task_assignment a JOIN task t ON t.id = a.task_id "
                " WHERE t.plan_id = ?1 UNION "
                " SELECT responsible_unit_id FROM target WHERE plan_id = ?1 UNION "
                " SELECT v.id FROM unit v JOIN report r ON r.sender = v.code "
                " WHERE r.plan_id = ?1) ORDER BY u.code",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        report_unit *u = PUSH(d, units);
        u->id = sqlite3_column_int64(s, 0);
        u->code = col(d, s, 1);
        u->name = col(d, s, 2);
        u->kind = col(d, s, 3);
    }
    return finish(st, s, rc, err);
}

static void judge(report_target *t)
{
    xaso_comparator cmp = CMP_NONE;
    comparator_from_code(t->comparator, &cmp);
    xaso_observation obs = {false, 0, t->judged_met == 1};
    if (t->has_row && !t->no_data) {
        if (cmp == CMP_TEXT || cmp == CMP_NONE || !t->target.set)
            obs.has_value = t->judged_met >= 0;
        else if (t->value.set)
            obs.has_value = true, obs.value = t->value.v;
    }
    t->verdict = verdict_of(cmp, t->target.set, t->target.v, &obs);
}

static int load_targets(xaso_store *st, report_data *d, long long unit_id, xaso_error *err)
{
    char prev[XASO_PERIOD_ID_SIZE] = "";
    xaso_period pp;
    if (period_previous(&d->p, &pp))
        period_format(&pp, prev, sizeof prev);
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT t.id, t.key, t.code, t.section, t.grp, t.name, t.target_text, "
                "t.comparator, t.value, t.measure_unit, t.horizon, t.due, u.code, t.note, "
                "v.id, v.value, v.value_text, v.numerator, v.denominator, v.no_data, "
                "v.judged_met, v.as_of, v.data_source, v.note, pv.value "
                "FROM target t LEFT JOIN unit u ON u.id = t.responsible_unit_id "
                "LEFT JOIN target_value v ON v.target_id = t.id AND v.period = ?2 "
                "LEFT JOIN target_value pv ON pv.target_id = t.id AND pv.period = ?4 "
                "WHERE t.plan_id = ?1 AND t.archived = 0 "
                "AND (?3 = 0 OR t.responsible_unit_id = ?3) ORDER BY t.pos, t.id",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    sqlite3_bind_text(s, 2, d->period, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, unit_id);
    sqlite3_bind_text(s, 4, prev, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        report_target *t = PUSH(d, targets);
        t->id = sqlite3_column_int64(s, 0);
        t->key = col(d, s, 1);
        t->code = col(d, s, 2);
        t->section = col(d, s, 3);
        t->group = col(d, s, 4);
        t->name = col(d, s, 5);
        t->target_text = col(d, s, 6);
        t->comparator = col(d, s, 7);
        t->target = num(s, 8);
        t->measure_unit = col(d, s, 9);
        t->horizon = sqlite3_column_int(s, 10);
        t->due = col(d, s, 11);
        t->responsible = col(d, s, 12);
        t->note = col(d, s, 13);
        t->has_row = sqlite3_column_type(s, 14) != SQLITE_NULL;
        t->value = num(s, 15);
        t->value_text = col(d, s, 16);
        t->numerator = num(s, 17);
        t->denominator = num(s, 18);
        t->no_data = sqlite3_column_int(s, 19) != 0;
        t->judged_met = sqlite3_column_type(s, 20) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 20) != 0;
        t->as_of = col(d, s, 21);
        t->data_source = col(d, s, 22);
        t->value_note = col(d, s, 23);
        t->previous = num(s, 24);
        judge(t);
    }
    return finish(st, s, rc, err);
}

static report_task *task_by_id(report_data *d, long long id)
{
    /* tasks are few (hundreds); a linear scan keeps this simple */
    for (size_t i = 0; i < d->n_tasks; i++)
        if (d->tasks[i].id == id)
            return &d->tasks[i];
    return NULL;
}

static int load_tasks(xaso_store *st, report_data *d, long long unit_id, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT t.id, t.key, t.code, t.section, t.kind, t.grp, t.name, "
                "t.expected_result, t.timeline_text, t.timeline_kind, t.start_date, t.due_date, "
                "t.note, (SELECT group_concat(name, '; ') FROM (SELECT u.name FROM "
                "task_assignment a JOIN unit u ON u.id = a.unit_id WHERE a.task_id = t.id AND "
                "a.role = 'lead' ORDER BY a.pos)) "
                "FROM task t WHERE t.plan_id = ?1 AND t.archived = 0 AND (?2 = 0 OR EXISTS "
                "(SELECT 1 FROM task_assignment a WHERE a.task_id = t.id AND a.unit_id = ?2 "
                "AND a.role = 'lead')) ORDER BY t.pos, t.id",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    sqlite3_bind_int64(s, 2, unit_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        report_task *t = PUSH(d, tasks);
        t->id = sqlite3_column_int64(s, 0);
        t->key = col(d, s, 1);
        t->code = col(d, s, 2);
        t->section = col(d, s, 3);
        t->kind = col(d, s, 4);
        t->group = col(d, s, 5);
        t->name = col(d, s, 6);
        t->expected_result = col(d, s, 7);
        t->timeline_text = col(d, s, 8);
        t->timeline_kind = col(d, s, 9);
        t->start_date = col(d, s, 10);
        t->due_date = col(d, s, 11);
        t->note = col(d, s, 12);
        t->leads = sqlite3_column_type(s, 13) == SQLITE_NULL ? "" : col(d, s, 13);
    }
    if (finish(st, s, rc, err))
        return err->code;

    /* Every update of these tasks: this period's, and the latest one before it. */
    if (prepare(st,
                "SELECT u.task_id, u.id, u.period, u.status, u.completion, u.done_text, "
                "u.quantity_text, u.difficulties, u.proposals, u.updated_at "
                "FROM task_update u JOIN task t ON t.id = u.task_id WHERE t.plan_id = ?1",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    xaso_period *latest = xcalloc(d->n_tasks + 1, sizeof *latest);
    xaso_period pp = {0};
    bool has_prev = period_previous(&d->p, &pp);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        report_task *t = task_by_id(d, sqlite3_column_int64(s, 0));
        xaso_period up;
        if (!t || !period_parse((const char *)sqlite3_column_text(s, 2), &up))
            continue;
        xaso_task_status status = TASK_NOT_STARTED;
        task_status_from_code((const char *)sqlite3_column_text(s, 3), &status);
        size_t ti = (size_t)(t - d->tasks);
        if (period_compare(&up, &d->p) == 0 && up.kind == d->p.kind) {
            t->has_update = true;
            t->update_id = sqlite3_column_int64(s, 1);
            t->status = status;
            t->completion = num(s, 4);
            t->done_text = col(d, s, 5);
            t->quantity_text = col(d, s, 6);
            t->difficulties = col(d, s, 7);
            t->proposals = col(d, s, 8);
            t->updated_at = col(d, s, 9);
            t->has_status = true;
            t->latest_completion = t->completion;
            latest[ti] = up;
            continue;
        }
        if (has_prev && up.kind == pp.kind && period_compare(&up, &pp) == 0)
            t->previous_completion = num(s, 4);
        xaso_date us, ue;
        if (t->has_update || !period_calendar_window(&up, &us, &ue) || ue > d->window_end)
            continue;
        if (!t->has_status || period_compare(&up, &latest[ti]) > 0) {
            t->has_status = true;
            t->status = status;
            latest[ti] = up;
            t->latest_completion = num(s, 4);
        }
    }
    free(latest);
    if (finish(st, s, rc, err))
        return err->code;
    return 0;
}

static int load_assignments(xaso_store *st, report_data *d, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT t.id, u.code, a.role, a.pos FROM task_assignment a "
                "JOIN task t ON t.id = a.task_id JOIN unit u ON u.id = a.unit_id "
                "WHERE t.plan_id = ?1 AND t.archived = 0 ORDER BY t.pos, t.id, a.role, a.pos",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        report_task *t = task_by_id(d, sqlite3_column_int64(s, 0));
        if (!t)
            continue;
        report_assignment *a = PUSH(d, assignments);
        a->task_key = t->key;
        a->unit_code = col(d, s, 1);
        a->role = col(d, s, 2);
        a->pos = sqlite3_column_int(s, 3);
    }
    return finish(st, s, rc, err);
}

static int load_evidence(xaso_store *st, report_data *d, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT u.task_id, e.id, e.sha256, e.original_name, f.mime, e.appraisal, "
                "e.appraisal_reason, e.added_at, f.size FROM evidence e "
                "JOIN task_update u ON u.id = e.task_update_id "
                "JOIN evidence_file f ON f.sha256 = e.sha256 "
                "JOIN task t ON t.id = u.task_id "
                "WHERE t.plan_id = ?1 AND u.period = ?2 ORDER BY t.pos, t.id, e.sha256",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    sqlite3_bind_text(s, 2, d->period, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        report_task *t = task_by_id(d, sqlite3_column_int64(s, 0));
        if (!t)
            continue;
        report_evidence *e = PUSH(d, evidence);
        e->task_key = t->key;
        e->id = sqlite3_column_int64(s, 1);
        e->sha256 = col(d, s, 2);
        e->original_name = col(d, s, 3);
        e->mime = col(d, s, 4);
        e->appraisal = col(d, s, 5);
        e->appraisal_reason = col(d, s, 6);
        e->added_at = col(d, s, 7);
        e->size = sqlite3_column_int64(s, 8);
        /* the bundle's name: the hash and, when it is plain ASCII, the original extension */
        const char *dot = e->original_name ? strrchr(e->original_name, '.') : NULL;
        char ext[12] = "";
        if (dot && strlen(dot + 1) >= 1 && strlen(dot + 1) <= 8) {
            size_t k = 0;
            for (const char *c = dot + 1; *c; c++) {
                char ch = *c;
                if (ch >= 'A' && ch <= 'Z')
                    ch = (char)(ch - 'A' + 'a');
                if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
                    k = 0;
                    break;
                }
                ext[k++] = ch;
            }
            ext[k] = '\0';
        }
        snprintf(e->bundle_name, sizeof e->bundle_name, "evidence/%s%s%s", e->sha256,
                 *ext ? "." : "", ext);
        xaso_appraisal a = EVIDENCE_PENDING;
        appraisal_from_code(e->appraisal, &a);
        if (a == EVIDENCE_ACCEPTED)
            t->evidence_accepted++;
        else if (a == EVIDENCE_REJECTED)
            t->evidence_rejected++;
        else
            t->evidence_pending++;
    }
    return finish(st, s, rc, err);
}

static int load_projects(xaso_store *st, report_data *d, xaso_error *err)
{
    sqlite3_stmt *s;
    if (prepare(st,
                "SELECT id, key, code, section, grp, name, legal_basis, note, budget_total, "
                "budget_province, budget_commune, budget_other, year_total, year_province, "
                "year_commune, year_other FROM project WHERE plan_id = ?1 AND archived = 0 "
                "ORDER BY pos, id",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        report_project *p = PUSH(d, projects);
        p->id = sqlite3_column_int64(s, 0);
        p->key = col(d, s, 1);
        p->code = col(d, s, 2);
        p->section = col(d, s, 3);
        p->group = col(d, s, 4);
        p->name = col(d, s, 5);
        p->legal_basis = col(d, s, 6);
        p->note = col(d, s, 7);
        p->budget_total = num(s, 8);
        p->budget_province = num(s, 9);
        p->budget_commune = num(s, 10);
        p->budget_other = num(s, 11);
        p->year_total = num(s, 12);
        p->year_province = num(s, 13);
        p->year_commune = num(s, 14);
        p->year_other = num(s, 15);
    }
    if (finish(st, s, rc, err))
        return err->code;
    /* Disbursements up to the end of the period: by date, else by period, else all. */
    if (prepare(st,
                "SELECT p.id, d.pos, d.period, d.date, d.amount, d.note FROM disbursement d "
                "JOIN project p ON p.id = d.project_id WHERE p.plan_id = ?1 AND p.archived = 0 "
                "ORDER BY p.pos, p.id, d.pos",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, d->plan_id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long pid = sqlite3_column_int64(s, 0);
        report_project *p = NULL;
        for (size_t i = 0; i < d->n_projects; i++)
            if (d->projects[i].id == pid)
                p = &d->projects[i];
        if (!p)
            continue;
        const char *period = (const char *)sqlite3_column_text(s, 2);
        const char *date = (const char *)sqlite3_column_text(s, 3);
        xaso_date when = XASO_DATE_NONE, ps, pe;
        xaso_period dp;
        if (date && date_parse_iso(date, &when)) {
            if (when > d->window_end)
                continue;
        } else if (period && period_parse(period, &dp) && period_calendar_window(&dp, &ps, &pe)) {
            if (pe > d->window_end)
                continue;
        }
        report_disbursement *x = PUSH(d, disbursements);
        x->project_key = p->key;
        x->pos = sqlite3_column_int(s, 1);
        x->period = col(d, s, 2);
        x->date = col(d, s, 3);
        x->amount = sqlite3_column_double(s, 4);
        x->note = col(d, s, 5);
        p->disbursed += x->amount;
    }
    return finish(st, s, rc, err);
}

/* Status counted after appraisal, whether a report is expected, and the task's warnings. */
static void task_facts(report_data *d)
{
    for (size_t i = 0; i < d->n_tasks; i++) {
        report_task *t = &d->tasks[i];
        xaso_task_facts f = {0};
        if (!timeline_kind_from_code(t->timeline_kind, &f.timeline.kind))
            f.timeline.kind = TL_NONE;
        f.timeline.start = XASO_DATE_NONE;
        f.timeline.due = XASO_DATE_NONE;
        if (t->start_date)
            date_parse_iso(t->start_date, &f.timeline.start);
        if (t->due_date)
            date_parse_iso(t->due_date, &f.timeline.due);
        f.has_status = t->has_status;
        f.status = t->status;
        f.has_completion = t->latest_completion.set;
        f.completion_percent = t->latest_completion.v;
        f.evidence_pending = t->evidence_pending;
        f.evidence_accepted = t->evidence_accepted;
        f.evidence_rejected = t->evidence_rejected;
        f.has_update_this_period = t->has_update;
        f.today = d->window_end;
        f.period_start = d->window_start;
        t->warnings = task_warnings(&f);
        bool not_begun = f.timeline.start != XASO_DATE_NONE && f.timeline.start > d->window_end;
        if (not_begun)
            t->warnings &= ~(unsigned)WARN_NO_UPDATE;
        t->needs_update = (t->warnings & WARN_NO_UPDATE) != 0;
        t->counted = t->status;
        if (t->has_update && t->evidence_rejected > 0 && t->evidence_accepted == 0 &&
            t->evidence_pending == 0)
            t->counted = task_status_after_appraisal(t->status, EVIDENCE_REJECTED);
    }
}

/* The plan at a glance as of the report's period (report deadlines by the default calendar). */
static int load_scorecard(xaso_store *st, report_data *d, xaso_error *err)
{
    scorecard_asof asof;
    if (!scorecard_asof_period(&asof, d->plan_id, d->period))
        return 0; /* a period without a calendar window: no summary figures */
    return scorecard_load(st, &asof, NULL, &d->scorecard, err);
}

int report_load(xaso_store *st, long long plan_id, const char *period, const char *sender,
                report_data **out, xaso_error *err)
{
    *out = NULL;
    if (!sender)
        sender = "";
    long long unit_id = 0;
    if (*sender && report_find_unit(st, sender, &unit_id, err))
        return err->code;
    report_data *d = xcalloc(1, sizeof *d);
    d->arena = arena_new();
    d->plan_id = plan_id;
    d->sender = arena_strdup(d->arena, sender);
    if (!period_parse(period, &d->p)) {
        report_free(d);
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, 2026)"),
                              period);
    }
    period_format(&d->p, d->period, sizeof d->period);
    period_title_vi(&d->p, d->period_title, sizeof d->period_title);
    period_calendar_window(&d->p, &d->window_start, &d->window_end);
    int rc = store_report_get(st, plan_id, d->period, sender, &d->report_id, &d->state, err);
    if (!rc)
        rc = load_header(st, d, err);
    if (!rc)
        rc = load_units(st, d, err);
    if (!rc)
        rc = load_targets(st, d, unit_id, err);
    if (!rc)
        rc = load_tasks(st, d, unit_id, err);
    if (!rc)
        rc = load_assignments(st, d, err);
    if (!rc)
        rc = load_evidence(st, d, err);
    if (!rc && !unit_id)
        rc = load_projects(st, d, err);
    if (!rc)
        rc = load_scorecard(st, d, err);
    if (rc) {
        report_free(d);
        return rc;
    }
    task_facts(d);
    *out = d;
    return 0;
}

size_t report_scorecard_count(const report_data *d)
{
    if (!d->scorecard)
        return 0;
    if (!*d->sender)
        return d->scorecard->n_units;
    return report_scorecard_unit(d, 0) ? 1 : 0;
}

const scorecard_unit *report_scorecard_unit(const report_data *d, size_t i)
{
    if (!d->scorecard)
        return NULL;
    if (!*d->sender)
        return i < d->scorecard->n_units ? &d->scorecard->units[i] : NULL;
    for (size_t k = 0; i == 0 && k < d->scorecard->n_units; k++)
        if (!strcmp(d->scorecard->units[k].code, d->sender))
            return &d->scorecard->units[k];
    return NULL;
}

void report_free(report_data *d)
{
    if (!d)
        return;
    scorecard_free(d->scorecard);
    arena_free(d->arena);
    free(d);
}
