/* Single items written from the interface (units, tasks, report texts) and a record's history. */
#include "xaso/store_items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/i18n.h"
#include "xaso/store_account.h"
#include "xaso/strbuf.h"

static long long one_id(xaso_store *st, const char *sql, const store_value *p, size_t n)
{
    sqlite3_stmt *s;
    long long id = 0;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (p[i].type == SQLITE_INTEGER)
            sqlite3_bind_int64(s, (int)i + 1, p[i].integer);
        else if (p[i].type == SQLITE_TEXT)
            sqlite3_bind_text(s, (int)i + 1, p[i].text, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(s, (int)i + 1);
    }
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        id = -1;
    sqlite3_finalize(s);
    return id;
}

/* The text of the first column of the first row (malloc'd; "" when none). */
static char *one_text(xaso_store *st, const char *sql, long long id)
{
    sqlite3_stmt *s;
    char *out = NULL;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
            out = xstrdup((const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    return out ? out : xstrdup("");
}

/* Audit a list kept in another table ({"name": "old"} → {"name": "new"}) when it changed. */
static int audit_list(xaso_store *st, const char *table, long long row, const char *name,
                      const char *old, const char *now, xaso_error *err)
{
    if (!strcmp(old, now))
        return 0;
    strbuf o = STRBUF_INIT, n = STRBUF_INIT;
    sb_appendf(&o, "{\"%s\":", name);
    sb_append_json(&o, old);
    sb_putc(&o, '}');
    sb_appendf(&n, "{\"%s\":", name);
    sb_append_json(&n, now);
    sb_putc(&n, '}');
    int rc = store_audit(st, table, row, sb_str(&o), sb_str(&n), err);
    sb_free(&o);
    sb_free(&n);
    return rc;
}

static const char *empty_null(const char *s)
{
    return s && *s ? s : NULL;
}

int store_unit_save(xaso_store *st, long long id, const store_unit *u, long long *out_id,
                    xaso_error *err)
{
    if (!u->code || !*u->code || !u->name || !*u->name)
        return xaso_error_set(err, XASO_EX_DATAERR, _("a unit needs a code and a name"));
    const char *kind = u->kind && *u->kind ? u->kind : "office";
    if (strcmp(kind, "office") && strcmp(kind, "group") && strcmp(kind, "external"))
        return xaso_error_set(err, XASO_EX_DATAERR, _("unknown kind of unit \"%s\""), kind);
    if (store_authorize(st, PERM_PLAN_EDIT, OWNERSHIP_NONE, err))
        return err->code;
    if (store_begin(st, id ? "unit.edit" : "unit.add", err))
        return err->code;
    store_value q[] = {SV_TEXT("code", u->code), SV_INT("id", id)};
    long long other = one_id(st, "SELECT id FROM unit WHERE code = ?1 AND id <> ?2", q, 2);
    if (other) {
        store_rollback(st);
        if (other < 0)
            return store_fail(st, err, _("cannot read the units"));
        return xaso_error_set(err, XASO_EX_DATAERR, _("the unit code \"%s\" is already used"),
                              u->code);
    }
    store_value cols[] = {SV_TEXT("code", u->code), SV_TEXT("name", u->name),
                          SV_TEXT("kind", kind), SV_TEXT("note", empty_null(u->note)),
                          SV_INT("active", u->active ? 1 : 0)};
    store_value key = id ? SV_INT("id", id) : SV_TEXT("code", u->code);
    long long row = 0;
    store_sync_result res;
    if (store_sync_row(st, "unit", &key, 1, id ? cols : cols + 1, id ? 5 : 4, &row, &res, err))
        goto fail;
    if (u->aliases) {
        static const char list_sql[] =
            "SELECT group_concat(alias, char(10)) FROM (SELECT alias FROM unit_alias "
            "WHERE unit_id = ?1 ORDER BY rowid)";
        char *old = one_text(st, list_sql, row);
        store_value del[] = {SV_INT("unit_id", row)};
        int rc = store_exec(st, "DELETE FROM unit_alias WHERE unit_id = ?1", del, 1, NULL, err);
        const char *p = u->aliases;
        while (!rc && *p) {
            size_t len = strcspn(p, "\n");
            char *alias = xstrndup(p, len);
            char *a = alias;
            while (*a == ' ')
                a++;
            size_t al = strlen(a);
            while (al && a[al - 1] == ' ')
                a[--al] = '\0';
            if (*a) {
                store_value ins[] = {SV_INT("unit_id", row), SV_TEXT("alias", a)};
                rc = store_exec(st, "INSERT OR IGNORE INTO unit_alias (unit_id, alias) VALUES (?1, ?2)",
                                ins, 2, NULL, err);
            }
            free(alias);
            p += len;
            if (*p)
                p++;
        }
        char *now = rc ? NULL : one_text(st, list_sql, row);
        if (!rc)
            rc = audit_list(st, "unit_alias", row, "aliases", old, now, err);
        free(old);
        free(now);
        if (rc)
            goto fail;
    }
    if (out_id)
        *out_id = row;
    return store_commit(st, err);
fail:
    store_rollback(st);
    return err->code ? err->code : XASO_EX_SOFTWARE;
}

int store_task_save(xaso_store *st, long long plan_id, long long id, const store_task *t,
                    long long *out_id, xaso_error *err)
{
    if (!t->code || !*t->code || !t->name || !*t->name)
        return xaso_error_set(err, XASO_EX_DATAERR, _("a task needs a code and a name"));
    for (size_t i = 0; i < t->n_assignments; i++) {
        const char *r = t->assignments[i].role;
        if (!r || (strcmp(r, "lead") && strcmp(r, "coordinator") && strcmp(r, "requested")))
            return xaso_error_set(err, XASO_EX_DATAERR, _("unknown role \"%s\""), r ? r : "");
    }
    if (store_authorize(st, PERM_PLAN_EDIT, OWNERSHIP_NONE, err))
        return err->code;
    if (store_begin(st, id ? "task.edit" : "task.add", err))
        return err->code;
    store_value q[] = {SV_INT("plan", plan_id), SV_TEXT("code", t->code), SV_INT("id", id)};
    long long other = one_id(st, "SELECT id FROM task WHERE plan_id = ?1 AND (code = ?2 OR key = ?2) "
                                 "AND id <> ?3", q, 3);
    if (other) {
        store_rollback(st);
        if (other < 0)
            return store_fail(st, err, _("cannot read the tasks"));
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("the task code \"%s\" is already used in this plan"), t->code);
    }
    long long pos = 0;
    if (!id) {
        pos = one_id(st, "SELECT coalesce(max(pos), 0) + 1 FROM task WHERE plan_id = ?1", q, 1);
        if (pos < 0)
            goto fail_db;
    }
    store_value cols[16];
    size_t n = 0;
    cols[n++] = SV_TEXT("code", t->code);
    cols[n++] = SV_TEXT("name", t->name);
    cols[n++] = SV_TEXT("kind", t->kind && *t->kind ? t->kind : "task");
    cols[n++] = SV_TEXT("section", empty_null(t->section));
    cols[n++] = SV_TEXT("grp", empty_null(t->group));
    cols[n++] = SV_TEXT("expected_result", empty_null(t->expected_result));
    cols[n++] = SV_TEXT("timeline_text", empty_null(t->timeline_text));
    cols[n++] = SV_TEXT("timeline_kind", t->timeline_kind && *t->timeline_kind ? t->timeline_kind : "none");
    cols[n++] = SV_TEXT("start_date", empty_null(t->start_date));
    cols[n++] = SV_TEXT("due_date", empty_null(t->due_date));
    cols[n++] = SV_TEXT("source", empty_null(t->source));
    cols[n++] = SV_TEXT("note", empty_null(t->note));
    if (!id)
        cols[n++] = SV_INT("pos", pos);
    long long row = 0;
    store_sync_result res;
    int rc;
    if (id) {
        store_value key = SV_INT("id", id);
        rc = store_sync_row(st, "task", &key, 1, cols, n, &row, &res, err);
    } else {
        store_value keys[] = {SV_INT("plan_id", plan_id), SV_TEXT("key", t->code)};
        rc = store_sync_row(st, "task", keys, 2, cols, n, &row, &res, err);
    }
    if (rc)
        goto fail;
    /* assignments: replaced by the list given, audited as one list */
    static const char list_sql[] =
        "SELECT group_concat(code || ':' || role, ', ') FROM (SELECT u.code, a.role FROM "
        "task_assignment a JOIN unit u ON u.id = a.unit_id WHERE a.task_id = ?1 ORDER BY a.pos)";
    char *old = one_text(st, list_sql, row);
    store_value tid[] = {SV_INT("task_id", row)};
    rc = store_exec(st, "DELETE FROM task_assignment WHERE task_id = ?1", tid, 1, NULL, err);
    for (size_t i = 0; !rc && i < t->n_assignments; i++) {
        store_value uq[] = {SV_TEXT("code", t->assignments[i].unit_code)};
        long long uid = one_id(st, "SELECT id FROM unit WHERE code = ?1", uq, 1);
        if (uid <= 0) {
            free(old);
            store_rollback(st);
            if (uid < 0)
                return store_fail(st, err, _("cannot read the units"));
            return xaso_error_set(err, XASO_EX_DATAERR, _("there is no unit \"%s\""),
                                  t->assignments[i].unit_code);
        }
        store_value ins[] = {SV_INT("task_id", row), SV_INT("unit_id", uid),
                             SV_TEXT("role", t->assignments[i].role), SV_INT("pos", (long long)i + 1)};
        rc = store_exec(st, "INSERT OR IGNORE INTO task_assignment (task_id, unit_id, role, pos) "
                            "VALUES (?1, ?2, ?3, ?4)", ins, 4, NULL, err);
    }
    char *now = rc ? NULL : one_text(st, list_sql, row);
    if (!rc)
        rc = audit_list(st, "task_assignment", row, "assignments", old, now, err);
    free(old);
    free(now);
    if (rc)
        goto fail;
    if (out_id)
        *out_id = row;
    return store_commit(st, err);
fail_db:
    store_fail(st, err, _("cannot save the task"));
fail:
    store_rollback(st);
    return err->code ? err->code : XASO_EX_SOFTWARE;
}

int store_report_header_set(xaso_store *st, long long plan_id, const char *period,
                            const char *sender, const store_value *cols, size_t n,
                            xaso_error *err)
{
    static const char *const names[] = {"symbol", "difficulties", "proposals", "next_tasks",
                                        "signer"};
    for (size_t i = 0; i < n; i++) {
        bool ok = false;
        for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
            ok = ok || !strcmp(cols[i].name, names[j]);
        if (!ok)
            return xaso_error_set(err, XASO_EX_SOFTWARE, "report: column %s cannot be set",
                                  cols[i].name);
    }
    long long report_id;
    report_state state;
    if (store_report_get(st, plan_id, period, sender ? sender : "", &report_id, &state, err))
        return err->code;
    if (state == REPORT_FINALISED || state == REPORT_PACKAGED || state == REPORT_SUBMITTED)
        return xaso_error_set(err, XASO_EX_NOPERM,
                              _("the report for %s is finalised: reopen it to change its data"),
                              period);
    if (store_authorize(st, PERM_REPORT_EDIT, OWNERSHIP_NONE, err))
        return err->code;
    if (store_begin(st, "report.edit", err))
        return err->code;
    store_value key = SV_INT("id", report_id);
    long long row;
    store_sync_result res;
    if (store_sync_row(st, "report", &key, 1, cols, n, &row, &res, err)) {
        store_rollback(st);
        return err->code;
    }
    return store_commit(st, err);
}

int store_history(xaso_store *st, const char *table, long long row_id,
                  int (*cb)(const store_history_entry *, void *), void *ctx, xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT at, coalesce(actor, os_user, ''), action, old, new FROM audit "
                           "WHERE tbl = ?1 AND row_id = ?2 ORDER BY id",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the audit trail"));
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, row_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_history_entry e = {(const char *)sqlite3_column_text(s, 0),
                                 (const char *)sqlite3_column_text(s, 1),
                                 (const char *)sqlite3_column_text(s, 2),
                                 (const char *)sqlite3_column_text(s, 3),
                                 (const char *)sqlite3_column_text(s, 4)};
        if (cb(&e, ctx)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the audit trail"));
}

long long store_task_update_id(xaso_store *st, long long task_id, const char *period)
{
    store_value p[] = {SV_INT("t", task_id), SV_TEXT("p", period)};
    long long id = one_id(st, "SELECT id FROM task_update WHERE task_id = ?1 AND period = ?2", p, 2);
    return id > 0 ? id : 0;
}

long long store_target_value_id(xaso_store *st, long long target_id, const char *period)
{
    store_value p[] = {SV_INT("t", target_id), SV_TEXT("p", period)};
    long long id = one_id(st, "SELECT id FROM target_value WHERE target_id = ?1 AND period = ?2", p, 2);
    return id > 0 ? id : 0;
}

int store_item_texts(xaso_store *st, store_item_kind kind, long long id, const char *period,
                     void (*set)(const char *key, const char *text, void *ctx), void *ctx,
                     bool *found, xaso_error *err)
{
    static const char *const sql[] = {
        [STORE_ITEM_UNIT] = ("SELECT code, name, (SELECT group_concat(alias, char(10)) FROM unit_alias "
                      "WHERE unit_id = unit.id) AS aliases, kind, active, note FROM unit "
                      "WHERE id = ?1"),
        [STORE_ITEM_TASK] = ("SELECT code, section, kind, grp AS \"group\", name, expected_result, "
                      "timeline_text AS timeline, timeline_kind, start_date AS start, "
                      "due_date AS due, (SELECT group_concat(u.code || ':' || a.role, ', ') FROM "
                      "(SELECT * FROM task_assignment WHERE task_id = task.id ORDER BY "
                      "CASE role WHEN 'lead' THEN 0 WHEN 'coordinator' THEN 1 ELSE 2 END, pos) a "
                      "JOIN unit u ON u.id = a.unit_id) AS assignments, source, note "
                      "FROM task WHERE id = ?1"),
        [STORE_ITEM_TASK_UPDATE] = ("SELECT status, completion, done_text, quantity_text, "
                             "difficulties, proposals FROM task_update "
                             "WHERE task_id = ?1 AND period = ?2"),
        [STORE_ITEM_TARGET_VALUE] = ("SELECT no_data, value, numerator, denominator, value_text, "
                              "judged_met, as_of, data_source, note FROM target_value "
                              "WHERE target_id = ?1 AND period = ?2"),
        [STORE_ITEM_REPORT] = ("SELECT symbol, difficulties, proposals, next_tasks, signer FROM report "
                        "WHERE plan_id = ?1 AND period = ?2 AND sender = ''"),
        [STORE_ITEM_PLAN] = ("SELECT title, coalesce(symbol, symbol_printed) AS symbol, chain, issuer, "
                      "level, place, date, period_from, period_to, money_unit, signer, "
                      "(SELECT count(*) FROM plan_horizon h WHERE h.plan_id = plan.id) AS horizons, "
                      "(SELECT count(*) FROM plan_basis b WHERE b.plan_id = plan.id) AS basis, "
                      "(SELECT count(*) FROM plan_recipient r WHERE r.plan_id = plan.id) AS "
                      "recipients, note FROM plan WHERE id = ?1"),
        [STORE_ITEM_TARGET] = ("SELECT code, section, grp AS \"group\", name, target_text AS target, "
                        "comparator, value, measure_unit AS unit, horizon, due, (SELECT u.code "
                        "FROM unit u WHERE u.id = target.responsible_unit_id) AS responsible, "
                        "numerator, denominator, source, note FROM target WHERE id = ?1"),
        [STORE_ITEM_PROJECT] = ("SELECT code, section, grp AS \"group\", name, legal_basis, "
                         "budget_province, budget_commune, budget_other, budget_total, "
                         "year_province, year_commune, year_other, year_total, (SELECT count(*) "
                         "FROM disbursement d WHERE d.project_id = project.id) AS disbursements, "
                         "source, note FROM project WHERE id = ?1"),
    };
    if (found)
        *found = false;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql[kind], -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the record"));
    sqlite3_bind_int64(s, 1, id);
    if (kind >= STORE_ITEM_TASK_UPDATE && kind <= STORE_ITEM_REPORT)
        sqlite3_bind_text(s, 2, period ? period : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        if (found)
            *found = true;
        for (int c = 0; c < sqlite3_column_count(s); c++) {
            const char *v = (const char *)sqlite3_column_text(s, c);
            if (v)
                set(sqlite3_column_name(s, c), v, ctx);
        }
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the record"));
}

int store_period_locked(xaso_store *st, long long plan_id, const char *period, bool *locked,
                        xaso_error *err)
{
    store_value p[] = {SV_INT("plan", plan_id), SV_TEXT("period", period)};
    long long n = one_id(st, "SELECT count(*) FROM report WHERE plan_id = ?1 AND period = ?2 "
                             "AND sender = '' AND state IN ('finalised','packaged','submitted')",
                         p, 2);
    if (n < 0)
        return store_fail(st, err, _("cannot read the reports"));
    *locked = n > 0;
    return 0;
}

long long store_task_plan(xaso_store *st, long long task_id)
{
    store_value p[] = {SV_INT("t", task_id)};
    long long id = one_id(st, "SELECT plan_id FROM task WHERE id = ?1", p, 1);
    return id > 0 ? id : 0;
}

int store_unit_choices(xaso_store *st, long long plan_id,
                       int (*cb)(const store_unit_choice *, void *), void *ctx, xaso_error *err)
{
    static const char sql[] =
        "SELECT u.id, u.code, u.name, (SELECT ua.alias FROM unit_alias ua WHERE ua.unit_id = u.id"
        " ORDER BY length(ua.alias), ua.alias LIMIT 1) FROM unit u"
        " LEFT JOIN plan_unit pu ON pu.unit_id = u.id AND pu.plan_id = ?1"
        " WHERE u.active = 1 ORDER BY pu.pos IS NULL, pu.pos, u.id";
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the units"));
    sqlite3_bind_int64(s, 1, plan_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_unit_choice u = {sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1),
                               (const char *)sqlite3_column_text(s, 2),
                               (const char *)sqlite3_column_text(s, 3)};
        if (cb(&u, ctx)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the units"));
}
