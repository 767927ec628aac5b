/* What the receiver sees: senders, receipts, the submission matrix (with the deadline rules of
 * the calendar), who is missing, consolidated targets (ratios combined from their counts) and
 * lagging tasks across senders. Each view is a table of text cells; the caller lays it out. */
#include "xaso/store_account.h"
#include "xaso/receive.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "receive_internal.h"
#include "xaso/calendar.h"
#include "xaso/calendar_file.h"
#include "xaso/i18n.h"
#include "xaso/period.h"
#include "xaso/value.h"
#include "xaso/verdict.h"

void receive_table_free(receive_table *t)
{
    for (size_t i = 0; i < (t->n_rows + 1) * t->n_cols && t->cells; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

const char *receive_table_cell(const receive_table *t, size_t r, size_t c)
{
    if (r > t->n_rows || c >= t->n_cols || !t->cells)
        return "";
    const char *s = t->cells[r * t->n_cols + c];
    return s ? s : "";
}

void receive_table_add(receive_table *t, const char *const *cells, size_t n)
{
    bool header = t->n_cols == 0;
    if (header)
        t->n_cols = n;
    size_t used = header ? 0 : (t->n_rows + 1) * t->n_cols;
    if (used + t->n_cols > t->cap) {
        t->cap = (used + t->n_cols) * 2;
        t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
    }
    for (size_t i = 0; i < t->n_cols; i++)
        t->cells[used + i] = xstrdup(i < n && cells[i] ? cells[i] : "");
    if (!header)
        t->n_rows++;
}

static const char *text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : "";
}

static int check_period(const char *period, xaso_period *p, xaso_error *err)
{
    if (!period || !period_parse(period, p))
        return xaso_error_set(err, XASO_EX_USAGE,
                              _("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, 2026)"),
                              period ? period : "");
    return 0;
}

int receive_sender_add(xaso_store *st, const char *code, const char *name, xaso_error *err)
{
    if (!code || !*code || !name || !*name)
        return xaso_error_set(err, XASO_EX_USAGE, "%s", _("a sender needs a code and a name"));
    if (store_authorize(st, PERM_BUNDLE_IMPORT, OWNERSHIP_NONE, err))
        return err->code;
    char *c = receive_clean_text(code), *n = receive_clean_text(name);
    char now[40];
    store_now(now, sizeof now);
    int rc = store_begin(st, "sender.add", err);
    if (!rc) {
        store_value keys[] = {SV_TEXT("code", c)};
        store_value cols[] = {SV_TEXT("name", n), SV_INT("expected", 1), SV_INT("learned", 0),
                              SV_TEXT("added_at", now)};
        long long id;
        store_sync_result res;
        rc = store_sync_row(st, "sender", keys, 1, cols, 4, &id, &res, err);
        if (rc)
            store_rollback(st);
        else
            rc = store_commit(st, err);
    }
    free(c);
    free(n);
    return rc;
}

int receive_senders(xaso_store *st, receive_table *out, xaso_error *err)
{
    memset(out, 0, sizeof *out);
    const char *h[] = {_("Code"), _("Name"), _("Expected"), _("Learned"), _("Bundles")};
    receive_table_add(out, h, 5);
    sqlite3_stmt *s;
    if (receive_prepare(st,
                "SELECT code, name, expected, learned, (SELECT count(*) FROM received_bundle b "
                "WHERE b.sender_id = s.id) FROM sender s ORDER BY code",
                &s, err))
        return err->code;
    while (sqlite3_step(s) == SQLITE_ROW) {
        char n[24];
        snprintf(n, sizeof n, "%d", sqlite3_column_int(s, 4));
        const char *row[] = {text(s, 0), text(s, 1), sqlite3_column_int(s, 2) ? _("yes") : _("no"),
                             sqlite3_column_int(s, 3) ? _("yes") : "", n};
        receive_table_add(out, row, 5);
    }
    sqlite3_finalize(s);
    return 0;
}

int receive_receipts(xaso_store *st, const char *period, receive_table *out, xaso_error *err)
{
    memset(out, 0, sizeof *out);
    const char *h[] = {_("When"), _("File"), _("Sender"), _("Plan"), _("Period"), _("Result"),
                       _("Conflicts")};
    receive_table_add(out, h, 7);
    sqlite3_stmt *s;
    if (receive_prepare(st,
                "SELECT at, file_name, sender_code, plan_key, period, status, conflicts FROM "
                "receipt WHERE ?1 IS NULL OR period = ?1 ORDER BY id DESC",
                &s, err))
        return err->code;
    if (period)
        sqlite3_bind_text(s, 1, period, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *status = text(s, 5);
        const char *label = status;
        static const char *const codes[] = {"imported", "updated", "unchanged", "ignored",
                                            "rejected"};
        for (int i = 0; i < 5; i++)
            if (!strcmp(status, codes[i]))
                label = receive_status_label((receive_status)i);
        if (!strcmp(status, "returned"))
            label = _("returned");
        const char *row[] = {text(s, 0), text(s, 1), text(s, 2), text(s, 3), text(s, 4), label,
                             text(s, 6)};
        receive_table_add(out, row, 7);
    }
    sqlite3_finalize(s);
    return 0;
}

/* ---------- submissions ---------- */

typedef struct {
    xaso_calendar cal;
    bool have_cal;
    xaso_date today;
} deadline_ctx;

static void deadline_init(deadline_ctx *d)
{
    xaso_error e;
    xaso_error_clear(&e);
    d->have_cal = calendar_load_default(&d->cal, &e) == 0;
    if (!d->have_cal) {
        calendar_default(&d->cal);
        d->have_cal = true;
    }
    d->today = store_today();
}

/* The due date of period's report, or XASO_DATE_NONE when no rule covers its cadence. */
static xaso_date due_of(const deadline_ctx *d, const char *period)
{
    xaso_period p;
    const xaso_deadline_rule *rule;
    xaso_report_deadline dl;
    if (!period_parse(period, &p) || !(rule = calendar_rule_for(&d->cal, p.kind)) ||
        !calendar_report_deadline(&d->cal, rule, &p, &dl))
        return XASO_DATE_NONE;
    return dl.due;
}

const char *receive_cell_code(receive_cell c)
{
    static const char *const codes[] = {"submitted", "late", "returned", "missing", "not-due"};
    return codes[c];
}

const char *receive_cell_label(receive_cell c)
{
    switch (c) {
    case CELL_SUBMITTED:
        return _("submitted");
    case CELL_LATE:
        return _("late");
    case CELL_RETURNED:
        return _("returned");
    case CELL_MISSING:
        return _("missing");
    case CELL_PENDING:
        break;
    }
    return _("not due");
}

const char *receive_cell_code_of_label(const char *label)
{
    for (receive_cell c = CELL_SUBMITTED; c <= CELL_PENDING; c++)
        if (!strcmp(label, receive_cell_label(c)))
            return receive_cell_code(c);
    return NULL;
}

/* The state of (sender, period [, plan]). */
static int cell_of(xaso_store *st, sqlite3_stmt *q, long long sender_id, const char *period,
                   const char *plan, const deadline_ctx *d, receive_cell *out)
{
    (void)st;
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, sender_id);
    sqlite3_bind_text(q, 2, period, -1, SQLITE_TRANSIENT);
    if (plan)
        sqlite3_bind_text(q, 3, plan, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, 3);
    xaso_date due = due_of(d, period);
    bool any = false, returned = false, late = false, on_time = false;
    while (sqlite3_step(q) == SQLITE_ROW) {
        any = true;
        if (!strcmp(text(q, 0), "returned")) {
            returned = true;
            continue;
        }
        xaso_date bagged;
        if (due != XASO_DATE_NONE && date_parse_iso(text(q, 1), &bagged) && bagged > due)
            late = true;
        else
            on_time = true;
    }
    if (!any)
        *out = due != XASO_DATE_NONE && d->today <= due ? CELL_PENDING : CELL_MISSING;
    else if (on_time)
        *out = CELL_SUBMITTED;
    else if (late)
        *out = CELL_LATE;
    else
        *out = returned ? CELL_RETURNED : CELL_SUBMITTED;
    return 0;
}

static const char *const CELL_SQL =
    "SELECT state, bagging_date FROM received_bundle WHERE sender_id = ?1 AND period = ?2 AND "
    "state IN ('current', 'returned') AND (?3 IS NULL OR plan_key = ?3 OR plan_symbol = ?3)";

static int cmp_period_str(const void *a, const void *b)
{
    xaso_period pa, pb;
    const char *sa = *(char *const *)a, *sb = *(char *const *)b;
    if (period_parse(sa, &pa) && period_parse(sb, &pb) && pa.kind == pb.kind)
        return period_compare(&pa, &pb);
    return strcmp(sa, sb);
}

int receive_matrix(xaso_store *st, const char *plan, const char *from, const char *to,
                   receive_table *out, xaso_error *err)
{
    memset(out, 0, sizeof *out);
    char **periods = NULL;
    size_t n = 0;
    if (from || to) {
        xaso_period a, b;
        if (check_period(from ? from : to, &a, err) || check_period(to ? to : from, &b, err))
            return err->code;
        if (a.kind != b.kind || period_compare(&a, &b) > 0)
            return xaso_error_set(err, XASO_EX_USAGE,
                                  _("%s … %s is not a range of periods of one kind"),
                                  from ? from : to, to ? to : from);
        for (xaso_period p = a; n < 400; n++) {
            char buf[XASO_PERIOD_ID_SIZE];
            periods = xrealloc(periods, (n + 1) * sizeof *periods);
            periods[n] = xstrdup(period_format(&p, buf, sizeof buf));
            if (period_compare(&p, &b) >= 0 || !period_next(&p, &p)) {
                n++;
                break;
            }
        }
    } else {
        sqlite3_stmt *s;
        if (receive_prepare(st,
                    "SELECT DISTINCT period FROM received_bundle WHERE state IN ('current', "
                    "'returned') AND (?1 IS NULL OR plan_key = ?1 OR plan_symbol = ?1)",
                    &s, err))
            return err->code;
        if (plan)
            sqlite3_bind_text(s, 1, plan, -1, SQLITE_STATIC);
        while (sqlite3_step(s) == SQLITE_ROW) {
            periods = xrealloc(periods, (n + 1) * sizeof *periods);
            periods[n++] = xstrdup(text(s, 0));
        }
        sqlite3_finalize(s);
        if (n)
            qsort(periods, n, sizeof *periods, cmp_period_str);
    }
    const char **row = xcalloc(n + 2, sizeof *row);
    row[0] = _("Sender");
    row[1] = _("Name");
    for (size_t i = 0; i < n; i++)
        row[i + 2] = periods[i];
    receive_table_add(out, row, n + 2);
    deadline_ctx d;
    deadline_init(&d);
    sqlite3_stmt *s = NULL, *q = NULL;
    int rc = receive_prepare(st,
                     "SELECT id, code, name FROM sender s WHERE expected = 1 OR EXISTS (SELECT 1 "
                     "FROM received_bundle b WHERE b.sender_id = s.id AND (?1 IS NULL OR "
                     "b.plan_key = ?1 OR b.plan_symbol = ?1)) ORDER BY code",
                     &s, err);
    if (!rc)
        rc = receive_prepare(st, CELL_SQL, &q, err);
    if (!rc) {
        if (plan)
            sqlite3_bind_text(s, 1, plan, -1, SQLITE_STATIC);
        char **cells = xcalloc(n + 2, sizeof *cells);
        while (!rc && sqlite3_step(s) == SQLITE_ROW) {
            row[0] = text(s, 1);
            row[1] = text(s, 2);
            for (size_t i = 0; i < n; i++) {
                receive_cell c;
                cell_of(st, q, sqlite3_column_int64(s, 0), periods[i], plan, &d, &c);
                row[i + 2] = receive_cell_label(c);
            }
            receive_table_add(out, row, n + 2);
        }
        free(cells);
    }
    sqlite3_finalize(s);
    sqlite3_finalize(q);
    for (size_t i = 0; i < n; i++)
        free(periods[i]);
    free(periods);
    free(row);
    return rc;
}

int receive_missing(xaso_store *st, const char *period, const char *plan, receive_table *out,
                    xaso_error *err)
{
    memset(out, 0, sizeof *out);
    xaso_period p;
    if (check_period(period, &p, err))
        return err->code;
    deadline_ctx d;
    deadline_init(&d);
    xaso_date due = due_of(&d, period);
    char due_text[16] = "";
    if (due != XASO_DATE_NONE)
        date_format_iso(due, due_text, sizeof due_text);
    const char *h[] = {_("Sender"), _("Name"), _("Due"), _("State")};
    receive_table_add(out, h, 4);
    sqlite3_stmt *s = NULL, *q = NULL;
    int rc = receive_prepare(st, "SELECT id, code, name FROM sender WHERE expected = 1 ORDER BY code",
                     &s, err);
    if (!rc)
        rc = receive_prepare(st, CELL_SQL, &q, err);
    while (!rc && sqlite3_step(s) == SQLITE_ROW) {
        receive_cell c;
        cell_of(st, q, sqlite3_column_int64(s, 0), period, plan, &d, &c);
        if (c != CELL_MISSING && c != CELL_PENDING)
            continue;
        const char *row[] = {text(s, 1), text(s, 2), due_text, receive_cell_label(c)};
        receive_table_add(out, row, 4);
    }
    sqlite3_finalize(s);
    sqlite3_finalize(q);
    return rc;
}

int receive_sender_states(xaso_store *st, const char *plan, const char *period,
                          receive_sender_state **out, size_t *n, xaso_error *err)
{
    *out = NULL;
    *n = 0;
    xaso_period p;
    if (check_period(period, &p, err))
        return err->code;
    deadline_ctx d;
    deadline_init(&d);
    sqlite3_stmt *s = NULL, *q = NULL;
    int rc = receive_prepare(st,
                     "SELECT id, code, name, expected FROM sender s WHERE expected = 1 OR EXISTS "
                     "(SELECT 1 FROM received_bundle b WHERE b.sender_id = s.id AND b.period = ?2 "
                     "AND (?1 IS NULL OR b.plan_key = ?1 OR b.plan_symbol = ?1)) ORDER BY code",
                     &s, err);
    if (!rc)
        rc = receive_prepare(st, CELL_SQL, &q, err);
    if (!rc) {
        if (plan)
            sqlite3_bind_text(s, 1, plan, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
    }
    while (!rc && sqlite3_step(s) == SQLITE_ROW) {
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        receive_sender_state *x = &(*out)[(*n)++];
        memset(x, 0, sizeof *x);
        snprintf(x->code, sizeof x->code, "%s", text(s, 1));
        snprintf(x->name, sizeof x->name, "%s", text(s, 2));
        x->expected = sqlite3_column_int(s, 3) != 0;
        cell_of(st, q, sqlite3_column_int64(s, 0), period, plan, &d, &x->cell);
    }
    sqlite3_finalize(s);
    sqlite3_finalize(q);
    return rc;
}

/* ---------- consolidated targets ---------- */

static const char *verdict_word(const char *code)
{
    if (!strcmp(code, "met"))
        return _("met");
    if (!strcmp(code, "exceeded"))
        return _("exceeded");
    if (!strcmp(code, "not-met"))
        return _("not met");
    if (!strcmp(code, "no-data"))
        return _("no data");
    return code;
}

static const char *num(sqlite3_stmt *s, int i, char *buf, size_t size)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return "";
    snprintf(buf, size, "%.15g", sqlite3_column_double(s, i));
    return buf;
}

/* A combined value with at most two decimals, trailing zeros dropped. */
static const char *fmt2(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.2f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0')
            *e-- = '\0';
        if (e == dot)
            *e = '\0';
    }
    if (!strcmp(buf, "-0"))
        snprintf(buf, size, "0");
    return buf;
}

void receive_combine_add(receive_combine *c, bool data, double value, bool counts, double num,
                         double den, const char *verdict)
{
    c->senders++;
    if (!data)
        return;
    c->with_data++;
    c->sum_value += value;
    if (counts) {
        c->with_counts++;
        c->sum_num += num;
        c->sum_den += den;
    }
    c->met += !strcmp(verdict, "met") || !strcmp(verdict, "exceeded");
}

void receive_combine_result(const receive_combine *c, receive_combined *out)
{
    xaso_comparator cmp = CMP_NONE;
    comparator_from_code(c->comparator, &cmp);
    out->value = 0;
    out->verdict = VERDICT_NO_DATA;
    if (c->with_data == 0) {
        out->kind = COMBINED_NO_DATA;
        return;
    }
    xaso_verdict all_met = c->met == c->with_data ? VERDICT_MET : VERDICT_NOT_MET;
    if (c->with_counts > 0) {
        if (c->with_counts == c->with_data && c->sum_den > 0) {
            out->kind = COMBINED_RATIO;
            ratio_percent(c->sum_num, c->sum_den, &out->value);
            xaso_observation obs = {true, out->value, false};
            out->verdict = verdict_of(cmp, c->has_target, c->target, &obs);
        } else {
            out->kind = COMBINED_NO_COUNTS;
        }
    } else if (cmp == CMP_BOOLEAN || cmp == CMP_TEXT) {
        out->kind = COMBINED_MET_COUNT;
        out->verdict = all_met;
    } else if (strchr(c->unit, '%')) {
        out->kind = COMBINED_PERCENT;
    } else {
        out->kind = COMBINED_SUM;
        out->value = c->sum_value;
        out->verdict = all_met;
    }
}

static void combine_row(receive_table *out, const receive_combine *c)
{
    char v[64] = "", n[64] = "", dn[64] = "", note[128] = "";
    const char *verdict = "";
    receive_combined r;
    receive_combine_result(c, &r);
    switch (r.kind) {
    case COMBINED_NO_DATA:
        verdict = verdict_word("no-data");
        break;
    case COMBINED_RATIO:
        fmt2(r.value, v, sizeof v);
        snprintf(n, sizeof n, "%.15g", c->sum_num);
        snprintf(dn, sizeof dn, "%.15g", c->sum_den);
        verdict = verdict_word(verdict_code(r.verdict));
        break;
    case COMBINED_NO_COUNTS:
        snprintf(note, sizeof note, _("%zu of %zu senders gave no counts"),
                 c->with_data - c->with_counts, c->with_data);
        verdict = note;
        break;
    case COMBINED_MET_COUNT:
        snprintf(v, sizeof v, _("%zu of %zu met"), c->met, c->with_data);
        break;
    case COMBINED_PERCENT:
        verdict = _("a percentage without counts cannot be combined");
        break;
    case COMBINED_SUM:
        fmt2(r.value, v, sizeof v);
        verdict = _("sum");
        break;
    }
    const char *row[] = {c->key, c->name, c->unit, _("combined"), "", v, n, dn, verdict};
    receive_table_add(out, row, 9);
}

int receive_targets(xaso_store *st, const char *plan, const char *period, receive_table *out,
                    xaso_error *err)
{
    memset(out, 0, sizeof *out);
    xaso_period p;
    if (check_period(period, &p, err))
        return err->code;
    if (!plan || !*plan)
        return xaso_error_set(err, XASO_EX_USAGE, "%s", _("give the plan (--plan)"));
    const char *h[] = {_("Target"), _("Name"), _("Unit"), _("Sender"), _("Sender name"),
                       _("Value"), _("Numerator"), _("Denominator"), _("Verdict")};
    receive_table_add(out, h, 9);
    sqlite3_stmt *s;
    if (receive_prepare(st,
                "WITH b AS (SELECT b.id, s.code, s.name FROM received_bundle b JOIN sender s ON "
                "s.id = b.sender_id WHERE b.state = 'current' AND b.period = ?1 AND "
                "(b.plan_key = ?2 OR b.plan_symbol = ?2)), "
                "ord AS (SELECT t.key, min(t.rowid) AS pos FROM recv_target t JOIN b ON "
                "b.id = t.bundle_id GROUP BY t.key) "
                "SELECT t.key, t.name, coalesce(t.measure_unit, ''), t.comparator, "
                "t.target_value, b.code, b.name, coalesce(t.verdict, 'no-data') <> 'no-data', t.value, "
                "t.value_text, t.numerator, t.denominator, coalesce(t.verdict, 'no-data') "
                "FROM recv_target t JOIN b ON b.id = t.bundle_id JOIN ord ON ord.key = t.key "
                "ORDER BY ord.pos, b.code",
                &s, err))
        return err->code;
    sqlite3_bind_text(s, 1, period, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, plan, -1, SQLITE_STATIC);
    receive_combine c;
    memset(&c, 0, sizeof c);
    bool open = false;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *key = text(s, 0);
        if (open && strcmp(c.key, key)) {
            combine_row(out, &c);
            open = false;
        }
        if (!open) {
            memset(&c, 0, sizeof c);
            snprintf(c.key, sizeof c.key, "%s", key);
            snprintf(c.name, sizeof c.name, "%s", text(s, 1));
            snprintf(c.unit, sizeof c.unit, "%s", text(s, 2));
            snprintf(c.comparator, sizeof c.comparator, "%s", text(s, 3));
            c.has_target = sqlite3_column_type(s, 4) != SQLITE_NULL;
            c.target = sqlite3_column_double(s, 4);
            open = true;
        }
        char v[64], nb[64], db[64];
        const char *value = num(s, 8, v, sizeof v);
        if (!*value)
            value = text(s, 9);
        receive_combine_add(&c, sqlite3_column_int(s, 7) != 0, sqlite3_column_double(s, 8),
                            sqlite3_column_type(s, 10) != SQLITE_NULL &&
                                sqlite3_column_type(s, 11) != SQLITE_NULL,
                            sqlite3_column_double(s, 10), sqlite3_column_double(s, 11),
                            text(s, 12));
        const char *row[] = {key, text(s, 1), text(s, 2), text(s, 5), text(s, 6),
                             value, num(s, 10, nb, sizeof nb), num(s, 11, db, sizeof db),
                             verdict_word(text(s, 12))};
        receive_table_add(out, row, 9);
    }
    if (open)
        combine_row(out, &c);
    sqlite3_finalize(s);
    return 0;
}

/* ---------- lagging tasks ---------- */

int receive_tasks(xaso_store *st, const char *period, const char *sender, const char *warning,
                  receive_table *out, xaso_error *err)
{
    memset(out, 0, sizeof *out);
    xaso_period p;
    if (check_period(period, &p, err))
        return err->code;
    const char *h[] = {_("Sender"), _("Plan"), _("Task"), _("Name"), _("Status"), _("Done %"),
                       _("Due"), _("Warnings")};
    receive_table_add(out, h, 8);
    sqlite3_stmt *s;
    if (receive_prepare(st,
                "SELECT s.code, b.plan_key, t.key, t.name, coalesce(t.status, ''), t.completion, "
                "coalesce(t.due_date, ''), coalesce(t.warnings, '') FROM recv_task t "
                "JOIN received_bundle b ON b.id = t.bundle_id JOIN sender s ON s.id = "
                "b.sender_id WHERE b.state = 'current' AND b.period = ?1 AND "
                "(?2 IS NULL OR s.code = ?2) AND (CASE WHEN ?3 IS NULL THEN "
                "',' || t.warnings || ',' LIKE '%,overdue,%' OR "
                "',' || t.warnings || ',' LIKE '%,behind-schedule,%' ELSE "
                "',' || t.warnings || ',' LIKE '%,' || ?3 || ',%' END) "
                "ORDER BY s.code, b.plan_key, t.rowid",
                &s, err))
        return err->code;
    sqlite3_bind_text(s, 1, period, -1, SQLITE_STATIC);
    if (sender)
        sqlite3_bind_text(s, 2, sender, -1, SQLITE_STATIC);
    if (warning)
        sqlite3_bind_text(s, 3, warning, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        char c[64];
        const char *row[] = {text(s, 0), text(s, 1), text(s, 2), text(s, 3), text(s, 4),
                             num(s, 5, c, sizeof c), text(s, 6), text(s, 7)};
        receive_table_add(out, row, 8);
    }
    sqlite3_finalize(s);
    return 0;
}
