/* Single items written from the interface (units, tasks, targets, projects, the plan header,
 * report texts) and a record's history. */
#include "xaso/store_items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/i18n.h"
#include "xaso/store_account.h"
#include "xaso/strbuf.h"
#include "xaso/value.h"

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

/* Name unit_id among the units of plan_id (last) when it is not yet: a plan file exported
 * afterwards declares every unit its items refer to. Audited when added. */
static int link_unit(xaso_store *st, long long plan_id, long long unit_id, xaso_error *err)
{
    store_value p[] = {SV_INT("plan_id", plan_id), SV_INT("unit_id", unit_id)};
    int added = 0;
    if (store_exec(st, "INSERT OR IGNORE INTO plan_unit (plan_id, unit_id, pos) SELECT ?1, ?2, "
                       "coalesce(max(pos), -1) + 1 FROM plan_unit WHERE plan_id = ?1",
                   p, 2, &added, err))
        return err->code;
    if (!added)
        return 0;
    char json[64];
    snprintf(json, sizeof json, "{\"unit_id\": %lld}", unit_id);
    return store_audit(st, "plan_unit", plan_id, NULL, json, err);
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
        rc = link_unit(st, plan_id, uid, err);
        if (rc)
            break;
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

/* ---------- plan structure ---------- */

static store_value sv_date(const char *name, xaso_date d, char *buf, size_t size)
{
    return d == XASO_DATE_NONE ? SV_NULL(name) : SV_TEXT(name, date_format_iso(d, buf, size));
}

static store_value sv_number(const char *name, plan_number n)
{
    return n.set ? SV_REAL(name, n.v) : SV_NULL(name);
}

static store_value sv_year(const char *name, int year)
{
    return year ? SV_INT(name, year) : SV_NULL(name);
}

/* The id of another item of the plan in table (target, project) with the key of (section,
 * code), archived ones included (the key stays theirs); 0 when free, -1 on a database error. */
static long long key_taken(xaso_store *st, const char *table, long long plan_id,
                           const char *section, const char *code, long long id, char *key,
                           size_t key_size)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE plan_id = ?1 AND key = ?2 AND id <> ?3",
             table);
    store_value q[] = {SV_INT("plan", plan_id),
                       SV_TEXT("key", plan_item_key(empty_null(section), code, key, key_size)),
                       SV_INT("id", id)};
    return one_id(st, sql, q, 3);
}

/* The next position in table for a new item of plan_id (-1 on a database error). */
static long long next_pos(xaso_store *st, const char *table, long long plan_id)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT coalesce(max(pos), -1) + 1 FROM %s WHERE plan_id = ?1",
             table);
    store_value q[] = {SV_INT("plan", plan_id)};
    return one_id(st, sql, q, 1);
}

/* Delete the rows of a positional list (plan_horizon, disbursement …) from position count on:
 * the list was shortened. Each deleted row is audited as plan import does. */
static int trim_list(xaso_store *st, const char *table, const char *parent_col, long long parent,
                     size_t count, xaso_error *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ?1 AND pos >= ?2", table, parent_col);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, table);
    sqlite3_bind_int64(s, 1, parent);
    sqlite3_bind_int64(s, 2, (long long)count);
    int rc = 0;
    while (!rc && sqlite3_step(s) == SQLITE_ROW)
        rc = store_audit(st, table, sqlite3_column_int64(s, 0), "{\"deleted\": true}", NULL, err);
    sqlite3_finalize(s);
    if (rc)
        return rc;
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = ?1 AND pos >= ?2", table, parent_col);
    store_value p[] = {SV_INT("parent", parent), SV_INT("pos", (long long)count)};
    return store_exec(st, sql, p, 2, NULL, err);
}

/* Begin a change of plan structure: only administrators. */
static int begin_plan_edit(xaso_store *st, const char *action, xaso_error *err)
{
    if (store_authorize(st, PERM_PLAN_EDIT, OWNERSHIP_NONE, err))
        return err->code;
    return store_begin(st, action, err);
}

static int fail_rollback(xaso_store *st, xaso_error *err)
{
    store_rollback(st);
    return err->code ? err->code : XASO_EX_SOFTWARE;
}

int store_target_save(xaso_store *st, long long plan_id, long long id, const plan_target *given,
                      long long *out_id, xaso_error *err)
{
    if (!given->code || !*given->code || !given->name || !*given->name)
        return xaso_error_set(err, XASO_EX_DATAERR, _("a target needs a code and a name"));
    xaso_arena *arena = arena_new();
    plan_target t = *given;
    if (t.comparator && !*t.comparator)
        t.comparator = NULL;
    plan_target_derive(arena, &t);
    xaso_comparator cmp;
    int rc = 0;
    if (!comparator_from_code(t.comparator, &cmp)) {
        rc = xaso_error_set(err, XASO_EX_DATAERR, _("unknown comparison \"%s\""), t.comparator);
        goto out;
    }
    if ((rc = begin_plan_edit(st, id ? "target.edit" : "target.add", err)))
        goto out;
    char key[512];
    long long other = key_taken(st, "target", plan_id, t.section, t.code, id, key, sizeof key);
    if (other) {
        store_rollback(st);
        rc = other < 0 ? store_fail(st, err, _("cannot read the targets"))
                       : xaso_error_set(err, XASO_EX_DATAERR,
                                        _("the target code \"%s\" is already used in this plan"),
                                        key);
        goto out;
    }
    long long unit = 0;
    if (t.responsible && *t.responsible) {
        store_value uq[] = {SV_TEXT("code", t.responsible)};
        unit = one_id(st, "SELECT id FROM unit WHERE code = ?1", uq, 1);
        if (unit <= 0) {
            store_rollback(st);
            rc = unit < 0 ? store_fail(st, err, _("cannot read the units"))
                          : xaso_error_set(err, XASO_EX_DATAERR, _("there is no unit \"%s\""),
                                           t.responsible);
            goto out;
        }
        if ((rc = link_unit(st, plan_id, unit, err))) {
            rc = fail_rollback(st, err);
            goto out;
        }
    }
    char due[16];
    store_value cols[18];
    size_t n = 0;
    cols[n++] = SV_TEXT("key", key);
    cols[n++] = SV_TEXT("code", t.code);
    cols[n++] = SV_TEXT("section", empty_null(t.section));
    cols[n++] = SV_TEXT("grp", empty_null(t.group));
    cols[n++] = SV_TEXT("name", t.name);
    cols[n++] = SV_TEXT("target_text", empty_null(t.target));
    cols[n++] = SV_TEXT("comparator", t.comparator);
    cols[n++] = sv_number("value", t.value);
    cols[n++] = SV_TEXT("measure_unit", empty_null(t.unit));
    cols[n++] = sv_year("horizon", t.horizon);
    cols[n++] = sv_date("due", t.due, due, sizeof due);
    cols[n++] = unit ? SV_INT("responsible_unit_id", unit) : SV_NULL("responsible_unit_id");
    cols[n++] = SV_TEXT("numerator", empty_null(t.numerator));
    cols[n++] = SV_TEXT("denominator", empty_null(t.denominator));
    cols[n++] = SV_TEXT("source", empty_null(t.source));
    cols[n++] = SV_TEXT("note", empty_null(t.note));
    if (!id) {
        long long pos = next_pos(st, "target", plan_id);
        if (pos < 0) {
            store_fail(st, err, _("cannot save the target"));
            rc = fail_rollback(st, err);
            goto out;
        }
        cols[n++] = SV_INT("pos", pos);
    }
    long long row = 0;
    store_sync_result res;
    store_value keys_new[] = {SV_INT("plan_id", plan_id), SV_TEXT("key", key)};
    store_value key_old = SV_INT("id", id);
    /* a new target is found by its key: the key column is then the one searched, not set */
    if (id ? store_sync_row(st, "target", &key_old, 1, cols, n, &row, &res, err)
           : store_sync_row(st, "target", keys_new, 2, cols + 1, n - 1, &row, &res, err)) {
        rc = fail_rollback(st, err);
        goto out;
    }
    if (out_id)
        *out_id = row;
    rc = store_commit(st, err);
out:
    arena_free(arena);
    return rc;
}

int store_project_save(xaso_store *st, long long plan_id, long long id, const plan_project *p,
                       long long *out_id, xaso_error *err)
{
    if (!p->code || !*p->code || !p->name || !*p->name)
        return xaso_error_set(err, XASO_EX_DATAERR, _("a project needs a code and a name"));
    for (size_t d = 0; d < p->n_disbursements; d++)
        if (!p->disbursements[d].amount.set)
            return xaso_error_set(err, XASO_EX_DATAERR,
                                  _("disbursement %zu has no amount"), d + 1);
    if (begin_plan_edit(st, id ? "project.edit" : "project.add", err))
        return err->code;
    char key[512];
    long long other = key_taken(st, "project", plan_id, p->section, p->code, id, key, sizeof key);
    if (other) {
        store_rollback(st);
        if (other < 0)
            return store_fail(st, err, _("cannot read the projects"));
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("the project code \"%s\" is already used in this plan"), key);
    }
    store_value cols[18];
    size_t n = 0;
    cols[n++] = SV_TEXT("key", key);
    cols[n++] = SV_TEXT("code", p->code);
    cols[n++] = SV_TEXT("section", empty_null(p->section));
    cols[n++] = SV_TEXT("grp", empty_null(p->group));
    cols[n++] = SV_TEXT("name", p->name);
    cols[n++] = SV_TEXT("legal_basis", empty_null(p->legal_basis));
    cols[n++] = sv_number("budget_total", p->budget.total);
    cols[n++] = sv_number("budget_province", p->budget.province);
    cols[n++] = sv_number("budget_commune", p->budget.commune);
    cols[n++] = sv_number("budget_other", p->budget.other);
    cols[n++] = sv_number("year_total", p->this_year.total);
    cols[n++] = sv_number("year_province", p->this_year.province);
    cols[n++] = sv_number("year_commune", p->this_year.commune);
    cols[n++] = sv_number("year_other", p->this_year.other);
    cols[n++] = SV_TEXT("source", empty_null(p->source));
    cols[n++] = SV_TEXT("note", empty_null(p->note));
    if (!id) {
        long long pos = next_pos(st, "project", plan_id);
        if (pos < 0) {
            store_fail(st, err, _("cannot save the project"));
            return fail_rollback(st, err);
        }
        cols[n++] = SV_INT("pos", pos);
    }
    long long row = 0;
    store_sync_result res;
    store_value keys_new[] = {SV_INT("plan_id", plan_id), SV_TEXT("key", key)};
    store_value key_old = SV_INT("id", id);
    if (id ? store_sync_row(st, "project", &key_old, 1, cols, n, &row, &res, err)
           : store_sync_row(st, "project", keys_new, 2, cols + 1, n - 1, &row, &res, err))
        return fail_rollback(st, err);
    for (size_t d = 0; d < p->n_disbursements; d++) {
        const plan_disbursement *db = &p->disbursements[d];
        char date[16];
        store_value dk[] = {SV_INT("project_id", row), SV_INT("pos", (long long)d)};
        store_value dc[] = {SV_TEXT("period", empty_null(db->period)),
                            sv_date("date", db->date, date, sizeof date),
                            sv_number("amount", db->amount), SV_TEXT("note", empty_null(db->note))};
        long long drow;
        if (store_sync_row(st, "disbursement", dk, 2, dc, 4, &drow, &res, err))
            return fail_rollback(st, err);
    }
    if (trim_list(st, "disbursement", "project_id", row, p->n_disbursements, err))
        return fail_rollback(st, err);
    if (out_id)
        *out_id = row;
    return store_commit(st, err);
}

static bool code_in(const char *code, const char *const *codes)
{
    for (size_t i = 0; codes[i]; i++)
        if (!strcmp(code, codes[i]))
            return true;
    return false;
}

int store_plan_header_save(xaso_store *st, long long plan_id, const plan_header *h,
                           xaso_error *err)
{
    static const char *const chains[] = {"ubnd", "dang", NULL};
    static const char *const levels[] = {"xa", "phuong", "dac-khu", "tinh", NULL};
    static const char *const horizon_kinds[] = {"target", "orientation", NULL};
    if (!h->title || !*h->title)
        return xaso_error_set(err, XASO_EX_DATAERR, _("a plan needs a title"));
    const char *chain = h->chain && *h->chain ? h->chain : "ubnd";
    if (!code_in(chain, chains) || (h->level && *h->level && !code_in(h->level, levels)))
        return xaso_error_set(err, XASO_EX_DATAERR, _("unknown chain or level of the plan"));
    if (h->period.from && h->period.to && h->period.from > h->period.to)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("the plan period ends (%d) before it starts (%d)"), h->period.to,
                              h->period.from);
    for (size_t i = 0; i < h->n_horizons; i++)
        if (!h->horizons[i].year ||
            (h->horizons[i].kind && *h->horizons[i].kind &&
             !code_in(h->horizons[i].kind, horizon_kinds)))
            return xaso_error_set(err, XASO_EX_DATAERR, _("horizon %zu needs a year"), i + 1);
    for (size_t i = 0; i < h->n_recipients; i++)
        if (!h->recipients[i].name || !*h->recipients[i].name)
            return xaso_error_set(err, XASO_EX_DATAERR, _("recipient %zu needs a name"), i + 1);
    if (begin_plan_edit(st, "plan.edit", err))
        return err->code;
    if (h->symbol && *h->symbol) {
        store_value q[] = {SV_TEXT("symbol", h->symbol), SV_INT("id", plan_id)};
        long long other = one_id(st, "SELECT id FROM plan WHERE symbol = ?1 AND id <> ?2", q, 2);
        if (other) {
            store_rollback(st);
            if (other < 0)
                return store_fail(st, err, _("cannot read the plans"));
            return xaso_error_set(err, XASO_EX_DATAERR,
                                  _("another plan already has the symbol \"%s\""), h->symbol);
        }
    }
    char date[16];
    store_value key = SV_INT("id", plan_id);
    store_value cols[] = {
        SV_TEXT("title", h->title),
        SV_TEXT("symbol", empty_null(h->symbol)),
        SV_TEXT("chain", chain),
        SV_TEXT("issuer", empty_null(h->issuer)),
        SV_TEXT("level", empty_null(h->level)),
        SV_TEXT("place", empty_null(h->place)),
        sv_date("date", h->date, date, sizeof date),
        sv_year("period_from", h->period.from),
        sv_year("period_to", h->period.to),
        SV_TEXT("money_unit", h->money_unit && *h->money_unit ? h->money_unit : "triệu đồng"),
        SV_TEXT("signer", empty_null(h->signer)),
        SV_TEXT("note", empty_null(h->note)),
    };
    long long row;
    store_sync_result res;
    if (store_sync_row(st, "plan", &key, 1, cols, sizeof cols / sizeof cols[0], &row, &res, err))
        return fail_rollback(st, err);
    if (row != plan_id) { /* a new row: there was no such plan */
        store_rollback(st);
        return xaso_error_set(err, XASO_EX_NOINPUT, _("no plan with id %lld"), plan_id);
    }
    for (size_t i = 0; i < h->n_horizons; i++) {
        const plan_horizon *hz = &h->horizons[i];
        store_value k[] = {SV_INT("plan_id", plan_id), SV_INT("pos", (long long)i)};
        store_value c[] = {SV_INT("year", hz->year), SV_TEXT("label", empty_null(hz->label)),
                           SV_TEXT("kind", empty_null(hz->kind))};
        if (store_sync_row(st, "plan_horizon", k, 2, c, 3, &row, &res, err))
            return fail_rollback(st, err);
    }
    for (size_t i = 0; i < h->n_basis; i++) {
        const plan_basis *b = &h->basis[i];
        store_value k[] = {SV_INT("plan_id", plan_id), SV_INT("pos", (long long)i)};
        store_value c[] = {SV_TEXT("symbol", empty_null(b->symbol)),
                           SV_TEXT("kind", empty_null(b->kind)),
                           SV_TEXT("name", empty_null(b->name)),
                           sv_date("date", b->date, date, sizeof date),
                           SV_TEXT("issuer", empty_null(b->issuer)),
                           SV_TEXT("subject", empty_null(b->subject)),
                           SV_TEXT("note", empty_null(b->note))};
        if (store_sync_row(st, "plan_basis", k, 2, c, 7, &row, &res, err))
            return fail_rollback(st, err);
    }
    for (size_t i = 0; i < h->n_recipients; i++) {
        const plan_recipient *r = &h->recipients[i];
        store_value k[] = {SV_INT("plan_id", plan_id), SV_INT("pos", (long long)i)};
        store_value c[] = {SV_TEXT("name", r->name), SV_TEXT("purpose", empty_null(r->purpose))};
        if (store_sync_row(st, "plan_recipient", k, 2, c, 2, &row, &res, err))
            return fail_rollback(st, err);
    }
    if (trim_list(st, "plan_horizon", "plan_id", plan_id, h->n_horizons, err) ||
        trim_list(st, "plan_basis", "plan_id", plan_id, h->n_basis, err) ||
        trim_list(st, "plan_recipient", "plan_id", plan_id, h->n_recipients, err))
        return fail_rollback(st, err);
    return store_commit(st, err);
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
    /* who may, first; then the report's state read in the same transaction as the write, so a
     * report finalised meanwhile is not changed */
    if (store_authorize(st, PERM_REPORT_EDIT, OWNERSHIP_NONE, err))
        return err->code;
    if (store_begin(st, "report.edit", err))
        return err->code;
    long long report_id;
    report_state state;
    if (store_report_get_in(st, plan_id, period, sender ? sender : "", &report_id, &state, err)) {
        store_rollback(st);
        return err->code;
    }
    if (state == REPORT_FINALISED || state == REPORT_PACKAGED || state == REPORT_SUBMITTED) {
        store_rollback(st);
        return xaso_error_set(err, XASO_EX_NOPERM,
                              _("the report for %s is finalised: reopen it to change its data"),
                              period);
    }
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
        [STORE_ITEM_PLAN] = ("SELECT title, symbol, chain, issuer, "
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

int store_item_group_texts(xaso_store *st, store_item_kind kind, long long id, const char *group,
                           void (*set)(size_t item, const char *key, const char *text, void *ctx),
                           void *ctx, xaso_error *err)
{
    static const struct {
        store_item_kind kind;
        const char *group, *sql;
    } lists[] = {
        {STORE_ITEM_PLAN, "horizons",
         "SELECT year, label, kind FROM plan_horizon WHERE plan_id = ?1 ORDER BY pos"},
        {STORE_ITEM_PLAN, "basis",
         "SELECT symbol, kind, name, date, issuer, subject, note FROM plan_basis "
         "WHERE plan_id = ?1 ORDER BY pos"},
        {STORE_ITEM_PLAN, "recipients",
         "SELECT name, purpose FROM plan_recipient WHERE plan_id = ?1 ORDER BY pos"},
        {STORE_ITEM_PROJECT, "disbursements",
         "SELECT period, date, amount, note FROM disbursement WHERE project_id = ?1 ORDER BY pos"},
    };
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        if (lists[l].kind != kind || strcmp(lists[l].group, group))
            continue;
        sqlite3_stmt *s;
        if (sqlite3_prepare_v2(store_db(st), lists[l].sql, -1, &s, NULL) != SQLITE_OK)
            return store_fail(st, err, _("cannot read the record"));
        sqlite3_bind_int64(s, 1, id);
        int rc;
        size_t item = 0;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(s); c++) {
                const char *v = (const char *)sqlite3_column_text(s, c);
                if (v)
                    set(item, sqlite3_column_name(s, c), v, ctx);
            }
            item++;
        }
        sqlite3_finalize(s);
        return rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the record"));
    }
    return xaso_error_set(err, XASO_EX_SOFTWARE, "no list \"%s\" for this kind of record", group);
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

long long store_record_plan(xaso_store *st, store_item_kind kind, long long id)
{
    store_value p[] = {SV_INT("id", id)};
    long long plan = one_id(st, kind == STORE_ITEM_TARGET    ? "SELECT plan_id FROM target WHERE id = ?1"
                                : kind == STORE_ITEM_PROJECT ? "SELECT plan_id FROM project WHERE id = ?1"
                                                             : "SELECT NULL",
                            p, kind == STORE_ITEM_TARGET || kind == STORE_ITEM_PROJECT ? 1 : 0);
    return plan > 0 ? plan : 0;
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
