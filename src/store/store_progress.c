#include "xaso/store_progress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xaso/i18n.h"
#include "xaso/period.h"
#include "xaso/store_account.h"

enum { MAX_COLS = 16 };

static bool allowed(const char *name, const char *const *names)
{
    for (; *names; names++)
        if (!strcmp(name, *names))
            return true;
    return false;
}

static int check_period(const char *period, xaso_error *err)
{
    xaso_period p;
    if (!period || !period_parse(period, &p))
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, 2026)"),
                              period ? period : "");
    return 0;
}

/* Is the period of this plan locked by a finalised (or later) office report? */
static int check_unlocked(xaso_store *st, const char *item_table, long long item_id,
                          const char *period, xaso_error *err)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT r.state FROM report r JOIN %s i ON i.plan_id = r.plan_id "
             "WHERE i.id = ?1 AND r.period = ?2 AND r.sender = '' AND r.state IN "
             "('finalised', 'packaged', 'submitted')",
             item_table);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, item_table);
    sqlite3_bind_int64(s, 1, item_id);
    sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return xaso_error_set(err, XASO_EX_NOPERM,
                              _("the report for %s is finalised: reopen it to change its data"),
                              period);
    return rc == SQLITE_DONE ? 0 : store_fail(st, err, item_table);
}

static int set_row(xaso_store *st, const char *table, const char *item_col, const char *item_table,
                   long long item_id, const char *period, const store_value *cols, size_t n,
                   const char *const *names, long long *row_id, xaso_error *err)
{
    if (check_period(period, err))
        return err->code;
    if (n + 2 > MAX_COLS)
        return xaso_error_set(err, XASO_EX_SOFTWARE, "%s: too many columns", table);
    store_value all[MAX_COLS];
    for (size_t i = 0; i < n; i++) {
        if (!allowed(cols[i].name, names))
            return xaso_error_set(err, XASO_EX_SOFTWARE, "%s: column %s cannot be set", table,
                                  cols[i].name);
        all[i] = cols[i];
    }
    char now[40];
    char action[64];
    snprintf(action, sizeof action, "%s.set", table);
    if (store_begin(st, action, err))
        return err->code;
    int rc = check_unlocked(st, item_table, item_id, period, err);
    store_value keys[] = {SV_INT(item_col, item_id), SV_TEXT("period", period)};
    long long id = 0;
    store_sync_result result = SYNC_UNCHANGED;
    if (!rc)
        rc = store_sync_row(st, table, keys, 2, all, n, &id, &result, err);
    if (!rc && result != SYNC_UNCHANGED) {
        /* when and by whom: set without a second audit row */
        store_value p[] = {SV_TEXT("at", store_now(now, sizeof now)),
                           SV_TEXT("by", store_actor(st)), SV_INT("id", id)};
        char sql[128];
        snprintf(sql, sizeof sql, "UPDATE %s SET updated_at = ?1, updated_by = ?2 WHERE id = ?3",
                 table);
        rc = store_exec(st, sql, p, 3, NULL, err);
    }
    if (rc) {
        store_rollback(st);
        return rc;
    }
    if (row_id)
        *row_id = id;
    return store_commit(st, err);
}

int store_task_update_set(xaso_store *st, long long task_id, const char *period,
                          const store_value *cols, size_t n, long long *row_id, xaso_error *err)
{
    static const char *const names[] = {"status",        "completion", "done_text",
                                        "quantity_text", "difficulties", "proposals", NULL};
    if (store_authorize_task(st, PERM_TASK_PROGRESS, task_id, err))
        return err->code;
    return set_row(st, "task_update", "task_id", "task", task_id, period, cols, n, names, row_id,
                   err);
}

int store_target_value_set(xaso_store *st, long long target_id, const char *period,
                           const store_value *cols, size_t n, long long *row_id,
                           xaso_error *err)
{
    static const char *const names[] = {"value", "value_text", "numerator", "denominator",
                                        "no_data", "judged_met", "as_of", "data_source", "note",
                                        NULL};
    if (store_authorize_target(st, PERM_TARGET_VALUE, target_id, err))
        return err->code;
    const store_value *num = NULL, *den = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(cols[i].name, "numerator") && cols[i].type != SQLITE_NULL)
            num = &cols[i];
        if (!strcmp(cols[i].name, "denominator") && cols[i].type != SQLITE_NULL)
            den = &cols[i];
    }
    if (num && den && n < MAX_COLS - 3) {
        double d = den->type == SQLITE_INTEGER ? (double)den->integer : den->real;
        double v = num->type == SQLITE_INTEGER ? (double)num->integer : num->real;
        if (d <= 0)
            return xaso_error_set(err, XASO_EX_DATAERR,
                                  _("the denominator must be greater than zero"));
        store_value with_value[MAX_COLS];
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(cols[i].name, "value"))
                with_value[k++] = cols[i];
        with_value[k++] = SV_REAL("value", round(v / d * 100.0 * 1e6) / 1e6);
        return set_row(st, "target_value", "target_id", "target", target_id, period, with_value,
                       k, names, row_id, err);
    }
    return set_row(st, "target_value", "target_id", "target", target_id, period, cols, n, names,
                   row_id, err);
}

/* ---------- reports ---------- */

static const char *const state_codes[] = {"draft", "finalised", "packaged", "submitted",
                                          "returned"};

const char *report_state_code(report_state s)
{
    return (unsigned)s < sizeof state_codes / sizeof state_codes[0] ? state_codes[s] : "";
}

const char *report_state_label(report_state s)
{
    static const char *const labels[] = {N_("draft"), N_("finalised"), N_("packaged"),
                                         N_("submitted"), N_("returned")};
    return (unsigned)s < sizeof labels / sizeof labels[0] ? _(labels[s]) : "";
}

bool report_state_from_code(const char *code, report_state *out)
{
    for (size_t i = 0; i < sizeof state_codes / sizeof state_codes[0]; i++)
        if (!strcmp(code, state_codes[i])) {
            *out = (report_state)i;
            return true;
        }
    return false;
}

bool report_transition_allowed(report_state from, report_state to)
{
    switch (from) {
    case REPORT_DRAFT:
        return to == REPORT_FINALISED;
    case REPORT_FINALISED:
        return to == REPORT_PACKAGED || to == REPORT_DRAFT;
    case REPORT_PACKAGED:
        return to == REPORT_SUBMITTED || to == REPORT_DRAFT || to == REPORT_PACKAGED;
    case REPORT_SUBMITTED:
        return to == REPORT_RETURNED;
    case REPORT_RETURNED:
        return to == REPORT_DRAFT;
    }
    return false;
}

int store_report_find(xaso_store *st, long long plan_id, const char *period, const char *sender,
                      long long *report_id, report_state *state, bool *found, xaso_error *err)
{
    *found = false;
    if (check_period(period, err))
        return err->code;
    sqlite3_stmt *s;
    const char *sql = "SELECT id, state FROM report WHERE plan_id = ?1 AND period = ?2 AND "
                      "sender = ?3";
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, "report");
    sqlite3_bind_int64(s, 1, plan_id);
    sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, sender ? sender : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *found = true;
        *report_id = sqlite3_column_int64(s, 0);
        report_state_from_code((const char *)sqlite3_column_text(s, 1), state);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, err, "report");
}

int store_report_get_in(xaso_store *st, long long plan_id, const char *period,
                        const char *sender, long long *report_id, report_state *state,
                        xaso_error *err)
{
    bool found;
    if (store_report_find(st, plan_id, period, sender, report_id, state, &found, err))
        return err->code;
    if (found)
        return 0;
    store_value keys[] = {SV_INT("plan_id", plan_id), SV_TEXT("period", period),
                          SV_TEXT("sender", sender ? sender : "")};
    store_value cols[] = {SV_TEXT("state", "draft")};
    store_sync_result result;
    if (store_sync_row(st, "report", keys, 3, cols, 1, report_id, &result, err))
        return err->code;
    *state = REPORT_DRAFT;
    return 0;
}

int store_report_get(xaso_store *st, long long plan_id, const char *period, const char *sender,
                     long long *report_id, report_state *state, xaso_error *err)
{
    bool found;
    if (store_report_find(st, plan_id, period, sender, report_id, state, &found, err))
        return err->code;
    if (found)
        return 0;
    if (store_begin(st, "report.create", err))
        return err->code;
    if (store_report_get_in(st, plan_id, period, sender, report_id, state, err)) {
        store_rollback(st);
        return err->code;
    }
    return store_commit(st, err);
}

static int transition(xaso_store *st, long long report_id, report_state to, const char *note,
                      bool own_tx, xaso_error *err);

int store_report_transition(xaso_store *st, long long report_id, report_state to,
                            const char *note, xaso_error *err)
{
    return transition(st, report_id, to, note, true, err);
}

int store_report_transition_in(xaso_store *st, long long report_id, report_state to,
                               const char *note, xaso_error *err)
{
    return transition(st, report_id, to, note, false, err);
}

static int transition(xaso_store *st, long long report_id, report_state to, const char *note,
                      bool own_tx, xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), "SELECT state FROM report WHERE id = ?1", -1, &s,
                           NULL) != SQLITE_OK)
        return store_fail(st, err, "report");
    sqlite3_bind_int64(s, 1, report_id);
    report_state from = REPORT_DRAFT;
    int found = sqlite3_step(s) == SQLITE_ROW &&
                report_state_from_code((const char *)sqlite3_column_text(s, 0), &from);
    sqlite3_finalize(s);
    if (!found)
        return xaso_error_set(err, XASO_EX_NOINPUT, _("no report with id %lld"), report_id);
    if (!report_transition_allowed(from, to))
        return xaso_error_set(err, XASO_EX_DATAERR, _("a %s report cannot become %s"),
                              report_state_label(from), report_state_label(to));
    bool reopen = to == REPORT_DRAFT && (from == REPORT_FINALISED || from == REPORT_PACKAGED);
    permission_action needs = to == REPORT_PACKAGED                               ? PERM_BUNDLE_BUILD
                              : to == REPORT_SUBMITTED || to == REPORT_RETURNED ? PERM_REPORT_SUBMIT
                                                                                : PERM_REPORT_FINALISE;
    if (store_authorize(st, needs, OWNERSHIP_NONE, err))
        return err->code;
    if ((reopen || to == REPORT_RETURNED) && (!note || !*note))
        return xaso_error_set(err, XASO_EX_DATAERR, _("give the reason for this change"));
    char now[40];
    store_now(now, sizeof now);
    if (own_tx && store_begin(st, reopen ? "report.reopen" : "report.transition", err))
        return err->code;
    store_value keys[] = {SV_INT("id", report_id)};
    store_value cols[4];
    size_t n = 0;
    cols[n++] = SV_TEXT("state", report_state_code(to));
    if (to == REPORT_FINALISED) {
        cols[n++] = SV_TEXT("finalised_at", now);
        cols[n++] = SV_TEXT("finalised_by", store_actor(st));
    }
    if (to == REPORT_RETURNED)
        cols[n++] = SV_TEXT("returned_reason", note);
    long long id;
    store_sync_result result;
    int rc = store_sync_row(st, "report", keys, 1, cols, n, &id, &result, err);
    store_value ev[] = {SV_INT("report_id", report_id), SV_TEXT("at", now),
                        SV_TEXT("actor", store_actor(st)),
                        SV_TEXT("from", report_state_code(from)),
                        SV_TEXT("to", report_state_code(to)), SV_TEXT("note", note)};
    if (!rc)
        rc = store_exec(st,
                        "INSERT INTO report_event (report_id, at, actor, from_state, to_state, note) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        ev, 6, NULL, err);
    if (!own_tx)
        return rc;
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}
