#include "xaso/store_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/i18n.h"
#include "xaso/store_account.h"
#include "xaso/strbuf.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    xaso_store *st;
    xaso_error *err;
    long long plan_id;
    store_changes *changes;
    char dates[8][11]; /* scratch for formatted dates of one row */
} importer;

static store_value sv_date(importer *im, int slot, const char *name, xaso_date d)
{
    if (d == XASO_DATE_NONE)
        return SV_NULL(name);
    return SV_TEXT(name, date_format_iso(d, im->dates[slot], sizeof im->dates[slot]));
}

static store_value sv_number(const char *name, plan_number n)
{
    return n.set ? SV_REAL(name, n.v) : SV_NULL(name);
}

static store_value sv_year(const char *name, int year)
{
    return year ? SV_INT(name, year) : SV_NULL(name);
}

static int sync(importer *im, const char *table, const store_value *keys, size_t nk,
                const store_value *cols, size_t nc, long long *id)
{
    store_sync_result r;
    long long scratch;
    if (store_sync_row(im->st, table, keys, nk, cols, nc, id ? id : &scratch, &r, im->err))
        return im->err->code;
    if (im->changes) {
        if (r == SYNC_INSERTED)
            im->changes->added++;
        else if (r == SYNC_UPDATED)
            im->changes->updated++;
        else
            im->changes->unchanged++;
    }
    return 0;
}

/* Delete rows of a positional child table beyond count (a shortened list). */
static int trim_positions(importer *im, const char *table, const char *parent_col,
                          long long parent, size_t count)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ?1 AND pos >= ?2", table, parent_col);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(store_db(im->st), sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_fail(im->st, im->err, table);
    sqlite3_bind_int64(stmt, 1, parent);
    sqlite3_bind_int64(stmt, 2, (long long)count);
    int rc = 0;
    while (!rc && sqlite3_step(stmt) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(stmt, 0);
        rc = store_audit(im->st, table, id, "{\"deleted\": true}", NULL, im->err);
        if (im->changes)
            im->changes->archived++;
    }
    sqlite3_finalize(stmt);
    if (rc)
        return rc;
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = ?1 AND pos >= ?2", table, parent_col);
    store_value p[] = {SV_INT("parent", parent), SV_INT("pos", (long long)count)};
    return store_exec(im->st, sql, p, N(p), NULL, im->err);
}

/* ---------- the plan header and its lists ---------- */

static int find_plan_id(xaso_store *st, const plan_header *h, long long *id, xaso_error *err)
{
    sqlite3_stmt *stmt;
    const char *sql = h->symbol ? "SELECT id FROM plan WHERE symbol = ?1"
                                : "SELECT id FROM plan WHERE key = ?1 AND symbol IS NULL";
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_fail(st, err, "plan");
    sqlite3_bind_text(stmt, 1, h->symbol ? h->symbol : h->key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, err, "plan");
}

static int import_header(importer *im, const plan_header *h)
{
    long long id;
    if (find_plan_id(im->st, h, &id, im->err))
        return im->err->code;
    store_value key[] = {id ? SV_INT("id", id) : SV_TEXT("key", h->key)};
    store_value cols[] = {
        SV_TEXT("key", h->key),
        SV_TEXT("symbol", h->symbol),
        SV_TEXT("symbol_printed", h->symbol_printed),
        SV_TEXT("title", h->title),
        SV_TEXT("chain", h->chain),
        SV_TEXT("issuer", h->issuer),
        SV_TEXT("level", h->level),
        SV_TEXT("place", h->place),
        sv_date(im, 0, "date", h->date),
        SV_TEXT("date_printed", h->date_printed),
        sv_year("period_from", h->period.from),
        sv_year("period_to", h->period.to),
        SV_TEXT("money_unit", h->money_unit),
        SV_TEXT("signer", h->signer),
        SV_TEXT("note", h->note),
        SV_INT("archived", 0),
    };
    if (sync(im, "plan", key, 1, cols, N(cols), &im->plan_id))
        return im->err->code;

    for (size_t i = 0; i < h->n_basis; i++) {
        const plan_basis *b = &h->basis[i];
        store_value k[] = {SV_INT("plan_id", im->plan_id), SV_INT("pos", (long long)i)};
        store_value c[] = {SV_TEXT("symbol", b->symbol),   SV_TEXT("kind", b->kind),
                           SV_TEXT("name", b->name),       sv_date(im, 0, "date", b->date),
                           SV_TEXT("issuer", b->issuer),   SV_TEXT("subject", b->subject),
                           SV_TEXT("note", b->note)};
        if (sync(im, "plan_basis", k, N(k), c, N(c), NULL))
            return im->err->code;
    }
    for (size_t i = 0; i < h->n_horizons; i++) {
        const plan_horizon *hz = &h->horizons[i];
        store_value k[] = {SV_INT("plan_id", im->plan_id), SV_INT("pos", (long long)i)};
        store_value c[] = {SV_INT("year", hz->year), SV_TEXT("label", hz->label),
                           SV_TEXT("kind", hz->kind)};
        if (sync(im, "plan_horizon", k, N(k), c, N(c), NULL))
            return im->err->code;
    }
    for (size_t i = 0; i < h->n_recipients; i++) {
        const plan_recipient *r = &h->recipients[i];
        store_value k[] = {SV_INT("plan_id", im->plan_id), SV_INT("pos", (long long)i)};
        store_value c[] = {SV_TEXT("name", r->name), SV_TEXT("purpose", r->purpose)};
        if (sync(im, "plan_recipient", k, N(k), c, N(c), NULL))
            return im->err->code;
    }
    if (trim_positions(im, "plan_basis", "plan_id", im->plan_id, h->n_basis) ||
        trim_positions(im, "plan_horizon", "plan_id", im->plan_id, h->n_horizons) ||
        trim_positions(im, "plan_recipient", "plan_id", im->plan_id, h->n_recipients))
        return im->err->code;
    return 0;
}

/* ---------- units ---------- */

static int import_units(importer *im, const xaso_plan *plan)
{
    store_value by_plan[] = {SV_INT("plan_id", im->plan_id)};
    if (store_exec(im->st, "DELETE FROM plan_unit WHERE plan_id = ?1", by_plan, 1, NULL, im->err))
        return im->err->code;
    for (size_t i = 0; i < plan->n_units; i++) {
        const plan_unit *u = &plan->units[i];
        long long id;
        store_value k[] = {SV_TEXT("code", u->code)};
        store_value c[] = {SV_TEXT("name", u->name), SV_TEXT("kind", u->kind),
                           SV_TEXT("note", u->note)};
        if (sync(im, "unit", k, N(k), c, N(c), &id))
            return im->err->code;
        /* Aliases accumulate: another plan may know the unit by other names. */
        for (size_t a = 0; a < u->aliases.count; a++) {
            store_value p[] = {SV_INT("unit_id", id), SV_TEXT("alias", u->aliases.items[a])};
            int added = 0;
            if (store_exec(im->st, "INSERT OR IGNORE INTO unit_alias (unit_id, alias) "
                                   "VALUES (?1, ?2)", p, N(p), &added, im->err))
                return im->err->code;
            if (added) {
                strbuf json = STRBUF_INIT;
                sb_append(&json, "{\"alias\": ");
                sb_append_json(&json, u->aliases.items[a]);
                sb_append(&json, "}");
                int rc = store_audit(im->st, "unit_alias", id, NULL, sb_str(&json), im->err);
                sb_free(&json);
                if (rc)
                    return rc;
            }
        }
        store_value link[] = {SV_INT("plan_id", im->plan_id), SV_INT("unit_id", id),
                              SV_INT("pos", (long long)i)};
        if (store_exec(im->st, "INSERT INTO plan_unit (plan_id, unit_id, pos) VALUES (?1, ?2, ?3)",
                       link, N(link), NULL, im->err))
            return im->err->code;
    }
    return 0;
}

static int unit_id_of(importer *im, const char *code, long long *id)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(store_db(im->st), "SELECT id FROM unit WHERE code = ?1", -1, &stmt,
                           NULL) != SQLITE_OK)
        return store_fail(im->st, im->err, "unit");
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW)
        return xaso_error_set(im->err, XASO_EX_DATAERR, _("unknown unit \"%s\""), code);
    return 0;
}

/* ---------- items: targets, tasks, projects, reporting obligations ---------- */

/* Ids of the plan's live items in table before the import; each synced id is crossed out, the
 * rest are archived afterwards. */
typedef struct {
    long long *ids;
    size_t count;
} id_set;

static int live_ids(importer *im, const char *table, id_set *set)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE plan_id = ?1 AND archived = 0", table);
    sqlite3_stmt *stmt;
    set->ids = NULL;
    set->count = 0;
    if (sqlite3_prepare_v2(store_db(im->st), sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_fail(im->st, im->err, table);
    sqlite3_bind_int64(stmt, 1, im->plan_id);
    size_t cap = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (set->count == cap) {
            cap = cap ? cap * 2 : 64;
            set->ids = xrealloc(set->ids, cap * sizeof *set->ids);
        }
        set->ids[set->count++] = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return 0;
}

static void cross_out(id_set *set, long long id)
{
    for (size_t i = 0; i < set->count; i++)
        if (set->ids[i] == id)
            set->ids[i] = 0;
}

static int archive_rest(importer *im, const char *table, id_set *set)
{
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE %s SET archived = 1 WHERE id = ?1", table);
    int rc = 0;
    for (size_t i = 0; i < set->count && !rc; i++) {
        if (!set->ids[i])
            continue;
        store_value p[] = {SV_INT("id", set->ids[i])};
        rc = store_exec(im->st, sql, p, 1, NULL, im->err);
        if (!rc)
            rc = store_audit(im->st, table, set->ids[i], "{\"archived\": 0}", "{\"archived\": 1}",
                             im->err);
        if (im->changes)
            im->changes->archived++;
    }
    free(set->ids);
    set->ids = NULL;
    return rc;
}

static int import_targets(importer *im, const xaso_plan *plan)
{
    id_set before;
    if (live_ids(im, "target", &before))
        return im->err->code;
    int rc = 0;
    for (size_t i = 0; i < plan->n_targets && !rc; i++) {
        const plan_target *t = &plan->targets[i];
        char key[512];
        long long unit = 0, id;
        if (t->responsible && unit_id_of(im, t->responsible, &unit))
            break;
        store_value k[] = {SV_INT("plan_id", im->plan_id),
                           SV_TEXT("key", plan_item_key(t->section, t->code, key, sizeof key))};
        store_value c[] = {
            SV_TEXT("code", t->code),
            SV_TEXT("section", t->section),
            SV_INT("pos", (long long)i),
            SV_TEXT("grp", t->group),
            SV_TEXT("name", t->name),
            SV_TEXT("target_text", t->target),
            SV_TEXT("comparator", t->comparator),
            sv_number("value", t->value),
            SV_TEXT("measure_unit", t->unit),
            sv_year("horizon", t->horizon),
            sv_date(im, 0, "due", t->due),
            unit ? SV_INT("responsible_unit_id", unit) : SV_NULL("responsible_unit_id"),
            SV_TEXT("numerator", t->numerator),
            SV_TEXT("denominator", t->denominator),
            SV_TEXT("source", t->source),
            SV_TEXT("note", t->note),
            SV_INT("archived", 0),
        };
        rc = sync(im, "target", k, N(k), c, N(c), &id);
        cross_out(&before, id);
    }
    if (im->err->code) {
        free(before.ids);
        return im->err->code;
    }
    return archive_rest(im, "target", &before);
}

/* The assignments of a task as "role:unit,role:unit…" in order, for comparison and audit. */
static void assignments_text(const plan_task *t, strbuf *out)
{
    const plan_strings *lists[] = {&t->lead, &t->coordinators, &t->requested};
    const char *roles[] = {"lead", "coordinator", "requested"};
    for (size_t r = 0; r < 3; r++)
        for (size_t i = 0; i < lists[r]->count; i++)
            sb_appendf(out, "%s%s:%s", out->len ? "," : "", roles[r], lists[r]->items[i]);
}

static int stored_assignments(importer *im, long long task_id, strbuf *out)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(store_db(im->st),
                           "SELECT a.role, u.code FROM task_assignment a JOIN unit u ON "
                           "u.id = a.unit_id WHERE a.task_id = ?1 ORDER BY CASE a.role WHEN "
                           "'lead' THEN 0 WHEN 'coordinator' THEN 1 ELSE 2 END, a.pos",
                           -1, &stmt, NULL) != SQLITE_OK)
        return store_fail(im->st, im->err, "task_assignment");
    sqlite3_bind_int64(stmt, 1, task_id);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        sb_appendf(out, "%s%s:%s", out->len ? "," : "", sqlite3_column_text(stmt, 0),
                   sqlite3_column_text(stmt, 1));
    sqlite3_finalize(stmt);
    return 0;
}

static int import_assignments(importer *im, const plan_task *t, long long task_id)
{
    strbuf want = STRBUF_INIT, have = STRBUF_INIT;
    assignments_text(t, &want);
    int rc = stored_assignments(im, task_id, &have);
    if (rc || !strcmp(sb_str(&want), sb_str(&have)))
        goto done;
    store_value by_task[] = {SV_INT("task_id", task_id)};
    rc = store_exec(im->st, "DELETE FROM task_assignment WHERE task_id = ?1", by_task, 1, NULL,
                    im->err);
    const plan_strings *lists[] = {&t->lead, &t->coordinators, &t->requested};
    const char *roles[] = {"lead", "coordinator", "requested"};
    for (size_t r = 0; r < 3 && !rc; r++)
        for (size_t i = 0; i < lists[r]->count && !rc; i++) {
            long long unit;
            rc = unit_id_of(im, lists[r]->items[i], &unit);
            store_value p[] = {SV_INT("task_id", task_id), SV_INT("unit_id", unit),
                               SV_TEXT("role", roles[r]), SV_INT("pos", (long long)i)};
            if (!rc)
                rc = store_exec(im->st,
                                "INSERT OR IGNORE INTO task_assignment (task_id, unit_id, role, "
                                "pos) VALUES (?1, ?2, ?3, ?4)",
                                p, N(p), NULL, im->err);
        }
    if (!rc) {
        strbuf o = STRBUF_INIT, n = STRBUF_INIT;
        sb_append(&o, "{\"assignments\": ");
        sb_append_json(&o, sb_str(&have));
        sb_append(&o, "}");
        sb_append(&n, "{\"assignments\": ");
        sb_append_json(&n, sb_str(&want));
        sb_append(&n, "}");
        rc = store_audit(im->st, "task", task_id, sb_str(&o), sb_str(&n), im->err);
        sb_free(&o);
        sb_free(&n);
    }
done:
    sb_free(&want);
    sb_free(&have);
    return rc;
}

static int import_tasks(importer *im, const xaso_plan *plan)
{
    id_set before;
    if (live_ids(im, "task", &before))
        return im->err->code;
    int rc = 0;
    for (size_t i = 0; i < plan->n_tasks && !rc; i++) {
        const plan_task *t = &plan->tasks[i];
        char key[512];
        long long id;
        store_value k[] = {SV_INT("plan_id", im->plan_id),
                           SV_TEXT("key", plan_item_key(t->section, t->code, key, sizeof key))};
        store_value c[] = {
            SV_TEXT("code", t->code),
            SV_TEXT("section", t->section),
            SV_INT("pos", (long long)i),
            SV_TEXT("kind", t->kind),
            SV_TEXT("grp", t->group),
            SV_TEXT("name", t->name),
            SV_TEXT("expected_result", t->expected_result),
            SV_TEXT("timeline_text", t->timeline),
            SV_TEXT("timeline_kind", t->timeline_kind ? t->timeline_kind : "none"),
            sv_date(im, 0, "start_date", t->start),
            sv_date(im, 1, "due_date", t->due),
            SV_TEXT("source", t->source),
            SV_TEXT("note", t->note),
            SV_INT("archived", 0),
        };
        rc = sync(im, "task", k, N(k), c, N(c), &id);
        if (!rc)
            rc = import_assignments(im, t, id);
        cross_out(&before, id);
    }
    if (rc) {
        free(before.ids);
        return rc;
    }
    return archive_rest(im, "task", &before);
}

static int import_projects(importer *im, const xaso_plan *plan)
{
    id_set before;
    if (live_ids(im, "project", &before))
        return im->err->code;
    int rc = 0;
    for (size_t i = 0; i < plan->n_projects && !rc; i++) {
        const plan_project *p = &plan->projects[i];
        char key[512];
        long long id;
        store_value k[] = {SV_INT("plan_id", im->plan_id),
                           SV_TEXT("key", plan_item_key(p->section, p->code, key, sizeof key))};
        store_value c[] = {
            SV_TEXT("code", p->code),
            SV_TEXT("section", p->section),
            SV_INT("pos", (long long)i),
            SV_TEXT("grp", p->group),
            SV_TEXT("name", p->name),
            SV_TEXT("legal_basis", p->legal_basis),
            sv_number("budget_total", p->budget.total),
            sv_number("budget_province", p->budget.province),
            sv_number("budget_commune", p->budget.commune),
            sv_number("budget_other", p->budget.other),
            sv_number("year_total", p->this_year.total),
            sv_number("year_province", p->this_year.province),
            sv_number("year_commune", p->this_year.commune),
            sv_number("year_other", p->this_year.other),
            SV_TEXT("source", p->source),
            SV_TEXT("note", p->note),
            SV_INT("archived", 0),
        };
        rc = sync(im, "project", k, N(k), c, N(c), &id);
        for (size_t d = 0; d < p->n_disbursements && !rc; d++) {
            const plan_disbursement *db = &p->disbursements[d];
            store_value dk[] = {SV_INT("project_id", id), SV_INT("pos", (long long)d)};
            store_value dc[] = {SV_TEXT("period", db->period), sv_date(im, 0, "date", db->date),
                                sv_number("amount", db->amount), SV_TEXT("note", db->note)};
            rc = sync(im, "disbursement", dk, N(dk), dc, N(dc), NULL);
        }
        if (!rc)
            rc = trim_positions(im, "disbursement", "project_id", id, p->n_disbursements);
        cross_out(&before, id);
    }
    if (rc) {
        free(before.ids);
        return rc;
    }
    return archive_rest(im, "project", &before);
}

static int import_reporting(importer *im, const xaso_plan *plan)
{
    id_set before;
    if (live_ids(im, "reporting_obligation", &before))
        return im->err->code;
    int rc = 0;
    for (size_t i = 0; i < plan->n_reporting && !rc; i++) {
        const plan_obligation *o = &plan->reporting[i];
        long long id;
        store_value k[] = {SV_INT("plan_id", im->plan_id), SV_TEXT("code", o->code)};
        store_value c[] = {
            SV_INT("pos", (long long)i),          SV_TEXT("cadence", o->cadence),
            SV_TEXT("deadline_rule", o->deadline_rule), SV_TEXT("from_text", o->from),
            SV_TEXT("to_text", o->to),            SV_TEXT("channel", o->channel),
            SV_TEXT("content", o->content),       SV_TEXT("source", o->source),
            SV_INT("archived", 0),
        };
        rc = sync(im, "reporting_obligation", k, N(k), c, N(c), &id);
        cross_out(&before, id);
    }
    if (rc) {
        free(before.ids);
        return rc;
    }
    return archive_rest(im, "reporting_obligation", &before);
}

int store_plan_import(xaso_store *st, const xaso_plan *plan, plan_import_result *res,
                      xaso_error *err)
{
    memset(res, 0, sizeof *res);
    xaso_error_clear(err);
    importer im = {st, err, 0, &res->changes, {{0}}};
    if (store_authorize(st, PERM_PLAN_IMPORT, OWNERSHIP_NONE, err))
        return err->code;
    if (store_begin(st, "plan.import", err))
        return err->code;
    int rc = import_header(&im, &plan->header);
    if (!rc)
        rc = import_units(&im, plan);
    if (!rc)
        rc = import_targets(&im, plan);
    if (!rc)
        rc = import_tasks(&im, plan);
    if (!rc)
        rc = import_projects(&im, plan);
    if (!rc)
        rc = import_reporting(&im, plan);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    if (store_commit(st, err))
        return err->code;
    res->plan_id = im.plan_id;
    res->units = plan->n_units;
    res->targets = plan->n_targets;
    res->tasks = plan->n_tasks;
    res->projects = plan->n_projects;
    res->reporting = plan->n_reporting;
    return 0;
}

/* ---------- loading ---------- */

static char *col_text(xaso_plan *plan, sqlite3_stmt *stmt, int i)
{
    if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
        return NULL;
    return arena_strdup(plan->arena, (const char *)sqlite3_column_text(stmt, i));
}

static xaso_date col_date(sqlite3_stmt *stmt, int i)
{
    xaso_date d;
    if (sqlite3_column_type(stmt, i) == SQLITE_NULL ||
        !date_parse_iso((const char *)sqlite3_column_text(stmt, i), &d))
        return XASO_DATE_NONE;
    return d;
}

static plan_number col_number(sqlite3_stmt *stmt, int i)
{
    if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
        return (plan_number){false, 0};
    return (plan_number){true, sqlite3_column_double(stmt, i)};
}

static int col_int(sqlite3_stmt *stmt, int i)
{
    return sqlite3_column_type(stmt, i) == SQLITE_NULL ? 0 : sqlite3_column_int(stmt, i);
}

static void push_string(xaso_plan *plan, plan_strings *s, const char *text)
{
    char **slot = arena_push(plan->arena, (void **)&s->items, &s->count, &s->cap, sizeof(char *));
    *slot = arena_strdup(plan->arena, text);
}

#define PUSH(plan, arr, n, cap) \
    arena_push((plan)->arena, (void **)&(arr), &(n), &(cap), sizeof(*(arr)))

static sqlite3_stmt *query(xaso_store *st, const char *sql, long long id, xaso_error *err)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL) != SQLITE_OK) {
        store_fail(st, err, _("cannot read the plan"));
        return NULL;
    }
    sqlite3_bind_int64(stmt, 1, id);
    return stmt;
}

static int load_header(xaso_store *st, long long id, xaso_plan *plan, xaso_error *err)
{
    plan_header *h = &plan->header;
    sqlite3_stmt *s = query(st,
                            "SELECT key, symbol, symbol_printed, title, chain, issuer, level, "
                            "place, date, date_printed, period_from, period_to, money_unit, "
                            "signer, note FROM plan WHERE id = ?1",
                            id, err);
    if (!s)
        return err->code;
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return xaso_error_set(err, XASO_EX_NOINPUT, _("no plan with id %lld"), id);
    }
    h->key = col_text(plan, s, 0);
    h->symbol = col_text(plan, s, 1);
    h->symbol_printed = col_text(plan, s, 2);
    h->title = col_text(plan, s, 3);
    h->chain = col_text(plan, s, 4);
    h->issuer = col_text(plan, s, 5);
    h->level = col_text(plan, s, 6);
    h->place = col_text(plan, s, 7);
    h->date = col_date(s, 8);
    h->date_printed = col_text(plan, s, 9);
    h->period.from = col_int(s, 10);
    h->period.to = col_int(s, 11);
    h->money_unit = col_text(plan, s, 12);
    h->signer = col_text(plan, s, 13);
    h->note = col_text(plan, s, 14);
    sqlite3_finalize(s);

    s = query(st, "SELECT year, label, kind FROM plan_horizon WHERE plan_id = ?1 ORDER BY pos",
              id, err);
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        plan_horizon *hz = PUSH(plan, h->horizons, h->n_horizons, h->cap_horizons);
        hz->year = col_int(s, 0);
        hz->label = col_text(plan, s, 1);
        hz->kind = col_text(plan, s, 2);
    }
    sqlite3_finalize(s);
    s = query(st,
              "SELECT symbol, kind, name, date, issuer, subject, note FROM plan_basis "
              "WHERE plan_id = ?1 ORDER BY pos",
              id, err);
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        plan_basis *b = PUSH(plan, h->basis, h->n_basis, h->cap_basis);
        b->symbol = col_text(plan, s, 0);
        b->kind = col_text(plan, s, 1);
        b->name = col_text(plan, s, 2);
        b->date = col_date(s, 3);
        b->issuer = col_text(plan, s, 4);
        b->subject = col_text(plan, s, 5);
        b->note = col_text(plan, s, 6);
    }
    sqlite3_finalize(s);
    s = query(st, "SELECT name, purpose FROM plan_recipient WHERE plan_id = ?1 ORDER BY pos", id,
              err);
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        plan_recipient *r = PUSH(plan, h->recipients, h->n_recipients, h->cap_recipients);
        r->name = col_text(plan, s, 0);
        r->purpose = col_text(plan, s, 1);
    }
    sqlite3_finalize(s);
    return err->code;
}

static int load_units(xaso_store *st, long long id, xaso_plan *plan, xaso_error *err)
{
    sqlite3_stmt *s = query(st,
                            "SELECT u.id, u.code, u.name, u.kind, u.note FROM plan_unit pu "
                            "JOIN unit u ON u.id = pu.unit_id WHERE pu.plan_id = ?1 "
                            "ORDER BY pu.pos",
                            id, err);
    sqlite3_stmt *a = query(st, "SELECT alias FROM unit_alias WHERE unit_id = ?1 ORDER BY rowid",
                            0, err);
    while (s && a && sqlite3_step(s) == SQLITE_ROW) {
        plan_unit *u = PUSH(plan, plan->units, plan->n_units, plan->cap_units);
        u->code = col_text(plan, s, 1);
        u->name = col_text(plan, s, 2);
        u->kind = col_text(plan, s, 3);
        u->note = col_text(plan, s, 4);
        sqlite3_reset(a);
        sqlite3_bind_int64(a, 1, sqlite3_column_int64(s, 0));
        while (sqlite3_step(a) == SQLITE_ROW)
            push_string(plan, &u->aliases, (const char *)sqlite3_column_text(a, 0));
    }
    sqlite3_finalize(s);
    sqlite3_finalize(a);
    return err->code;
}

static int load_targets(xaso_store *st, long long id, xaso_plan *plan, xaso_error *err)
{
    sqlite3_stmt *s = query(st,
                            "SELECT t.code, t.section, t.grp, t.name, t.target_text, t.comparator, "
                            "t.value, t.measure_unit, t.horizon, t.due, u.code, t.numerator, "
                            "t.denominator, t.source, t.note FROM target t LEFT JOIN unit u ON "
                            "u.id = t.responsible_unit_id WHERE t.plan_id = ?1 AND "
                            "t.archived = 0 ORDER BY t.pos",
                            id, err);
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        plan_target *t = PUSH(plan, plan->targets, plan->n_targets, plan->cap_targets);
        t->code = col_text(plan, s, 0);
        t->section = col_text(plan, s, 1);
        t->group = col_text(plan, s, 2);
        t->name = col_text(plan, s, 3);
        t->target = col_text(plan, s, 4);
        t->comparator = col_text(plan, s, 5);
        t->value = col_number(s, 6);
        t->unit = col_text(plan, s, 7);
        t->horizon = col_int(s, 8);
        t->due = col_date(s, 9);
        t->responsible = col_text(plan, s, 10);
        t->numerator = col_text(plan, s, 11);
        t->denominator = col_text(plan, s, 12);
        t->source = col_text(plan, s, 13);
        t->note = col_text(plan, s, 14);
    }
    sqlite3_finalize(s);
    return err->code;
}

static int load_tasks(xaso_store *st, long long id, xaso_plan *plan, xaso_error *err)
{
    sqlite3_stmt *s = query(st,
                            "SELECT id, code, section, kind, grp, name, expected_result, "
                            "timeline_text, timeline_kind, start_date, due_date, source, note "
                            "FROM task WHERE plan_id = ?1 AND archived = 0 ORDER BY pos",
                            id, err);
    sqlite3_stmt *a = query(st,
                            "SELECT a.role, u.code FROM task_assignment a JOIN unit u ON "
                            "u.id = a.unit_id WHERE a.task_id = ?1 ORDER BY a.pos",
                            0, err);
    while (s && a && sqlite3_step(s) == SQLITE_ROW) {
        plan_task *t = PUSH(plan, plan->tasks, plan->n_tasks, plan->cap_tasks);
        t->code = col_text(plan, s, 1);
        t->section = col_text(plan, s, 2);
        t->kind = col_text(plan, s, 3);
        t->group = col_text(plan, s, 4);
        t->name = col_text(plan, s, 5);
        t->expected_result = col_text(plan, s, 6);
        t->timeline = col_text(plan, s, 7);
        t->timeline_kind = col_text(plan, s, 8);
        t->start = col_date(s, 9);
        t->due = col_date(s, 10);
        t->source = col_text(plan, s, 11);
        t->note = col_text(plan, s, 12);
        sqlite3_reset(a);
        sqlite3_bind_int64(a, 1, sqlite3_column_int64(s, 0));
        while (sqlite3_step(a) == SQLITE_ROW) {
            const char *role = (const char *)sqlite3_column_text(a, 0);
            plan_strings *list = !strcmp(role, "lead")          ? &t->lead
                                 : !strcmp(role, "coordinator") ? &t->coordinators
                                                                : &t->requested;
            push_string(plan, list, (const char *)sqlite3_column_text(a, 1));
        }
    }
    sqlite3_finalize(s);
    sqlite3_finalize(a);
    return err->code;
}

static int load_projects(xaso_store *st, long long id, xaso_plan *plan, xaso_error *err)
{
    sqlite3_stmt *s = query(st,
                            "SELECT id, code, section, grp, name, legal_basis, budget_total, "
                            "budget_province, budget_commune, budget_other, year_total, "
                            "year_province, year_commune, year_other, source, note FROM project "
                            "WHERE plan_id = ?1 AND archived = 0 ORDER BY pos",
                            id, err);
    sqlite3_stmt *d = query(st,
                            "SELECT period, date, amount, note FROM disbursement "
                            "WHERE project_id = ?1 ORDER BY pos",
                            0, err);
    while (s && d && sqlite3_step(s) == SQLITE_ROW) {
        plan_project *p = PUSH(plan, plan->projects, plan->n_projects, plan->cap_projects);
        p->code = col_text(plan, s, 1);
        p->section = col_text(plan, s, 2);
        p->group = col_text(plan, s, 3);
        p->name = col_text(plan, s, 4);
        p->legal_basis = col_text(plan, s, 5);
        p->budget = (plan_money){col_number(s, 6), col_number(s, 7), col_number(s, 8),
                                 col_number(s, 9)};
        p->this_year = (plan_money){col_number(s, 10), col_number(s, 11), col_number(s, 12),
                                    col_number(s, 13)};
        p->source = col_text(plan, s, 14);
        p->note = col_text(plan, s, 15);
        sqlite3_reset(d);
        sqlite3_bind_int64(d, 1, sqlite3_column_int64(s, 0));
        while (sqlite3_step(d) == SQLITE_ROW) {
            plan_disbursement *db =
                PUSH(plan, p->disbursements, p->n_disbursements, p->cap_disbursements);
            db->period = col_text(plan, d, 0);
            db->date = col_date(d, 1);
            db->amount = col_number(d, 2);
            db->note = col_text(plan, d, 3);
        }
    }
    sqlite3_finalize(s);
    sqlite3_finalize(d);
    return err->code;
}

static int load_reporting(xaso_store *st, long long id, xaso_plan *plan, xaso_error *err)
{
    sqlite3_stmt *s = query(st,
                            "SELECT code, cadence, deadline_rule, from_text, to_text, channel, "
                            "content, source FROM reporting_obligation WHERE plan_id = ?1 AND "
                            "archived = 0 ORDER BY pos",
                            id, err);
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        plan_obligation *o = PUSH(plan, plan->reporting, plan->n_reporting, plan->cap_reporting);
        o->code = col_text(plan, s, 0);
        o->cadence = col_text(plan, s, 1);
        o->deadline_rule = col_text(plan, s, 2);
        o->from = col_text(plan, s, 3);
        o->to = col_text(plan, s, 4);
        o->channel = col_text(plan, s, 5);
        o->content = col_text(plan, s, 6);
        o->source = col_text(plan, s, 7);
    }
    sqlite3_finalize(s);
    return err->code;
}

int store_plan_load(xaso_store *st, long long id, xaso_plan **out, xaso_error *err)
{
    xaso_plan *plan = plan_new();
    xaso_error_clear(err);
    if (load_header(st, id, plan, err) || load_units(st, id, plan, err) ||
        load_targets(st, id, plan, err) || load_tasks(st, id, plan, err) ||
        load_projects(st, id, plan, err) || load_reporting(st, id, plan, err)) {
        plan_free(plan);
        *out = NULL;
        return err->code;
    }
    *out = plan;
    return 0;
}

int store_plan_find(xaso_store *st, const char *ref, long long *id, xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT id FROM plan WHERE archived = 0 AND (key = ?1 OR symbol = ?1 "
                           "OR CAST(id AS TEXT) = ?1) ORDER BY key = ?1 DESC LIMIT 1",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot find the plan"));
    sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return xaso_error_set(err, XASO_EX_NOINPUT,
                              _("no plan \"%s\": give its key, symbol or number (see: xaso plan "
                                "list)"),
                              ref);
    return 0;
}

int store_plan_list(xaso_store *st, int (*cb)(const plan_summary *, void *), void *ctx,
                    xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(
            store_db(st),
            "SELECT p.id, p.key, p.symbol, p.title, p.chain, p.period_from, p.period_to,"
            " (SELECT count(*) FROM target WHERE plan_id = p.id AND archived = 0),"
            " (SELECT count(*) FROM task WHERE plan_id = p.id AND archived = 0),"
            " (SELECT count(*) FROM project WHERE plan_id = p.id AND archived = 0),"
            " (SELECT count(*) FROM plan_unit WHERE plan_id = p.id)"
            " FROM plan p WHERE p.archived = 0 ORDER BY p.key",
            -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot list the plans"));
    int rc = 0;
    while (!rc && sqlite3_step(s) == SQLITE_ROW) {
        plan_summary sum = {
            sqlite3_column_int64(s, 0),
            (const char *)sqlite3_column_text(s, 1),
            (const char *)sqlite3_column_text(s, 2),
            (const char *)sqlite3_column_text(s, 3),
            (const char *)sqlite3_column_text(s, 4),
            col_int(s, 5),
            col_int(s, 6),
            sqlite3_column_int(s, 7),
            sqlite3_column_int(s, 8),
            sqlite3_column_int(s, 9),
            sqlite3_column_int(s, 10),
        };
        rc = cb(&sum, ctx);
    }
    sqlite3_finalize(s);
    return 0;
}
