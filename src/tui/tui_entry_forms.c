/* The forms of data entry: a task's progress and a target's value for a period (each field
 * written when the cursor leaves it), a unit and a task (saved with F2: the record must be
 * whole before it exists), the report's texts. Values go through form_validate_field and into
 * the store's write calls; nothing here knows SQL. */
#include <stdlib.h>
#include <string.h>

#include "tui_entry.h"
#include "xaso/date.h"
#include "xaso/store_evidence.h"
#include "xaso/store_items.h"
#include "xaso/store_progress.h"
#include "xaso/strbuf.h"

/* ---------- the period data entry works on ---------- */

static char chosen_period[XASO_PERIOD_ID_SIZE];

const char *tui_entry_period(tui_app *app)
{
    static char buf[XASO_PERIOD_ID_SIZE];
    if (chosen_period[0])
        return chosen_period;
    const xaso_period *p = query_current_period(app->q);
    return p ? period_format(p, buf, sizeof buf) : "";
}

void tui_entry_set_period(const char *period)
{
    snprintf(chosen_period, sizeof chosen_period, "%s", period ? period : "");
}

bool tui_period_locked(tui_app *app, const char *period, char *why, size_t size)
{
    bool locked = false;
    xaso_error err;
    xaso_error_clear(&err);
    if (store_period_locked(app->st, query_plan_id(app->q), period, &locked, &err))
        return false;
    if (locked && why) {
        char title[64];
        snprintf(why, size,
                 _("The report for %s is finalised: its data is read-only. To change it, reopen "
                   "the report (xaso report reopen %s --reason \"…\")."),
                 tui_period_code_title(period, title, sizeof title), period);
    }
    return locked;
}

static int changes_on_entry = -1; /* the database's change count when data entry began */

void tui_entry_enter(tui_app *app)
{
    if (app->st && changes_on_entry < 0)
        changes_on_entry = sqlite3_total_changes(store_db(app->st));
}

void tui_entry_leave(tui_app *app)
{
    if (app->depth || changes_on_entry < 0 || !app->st)
        return;
    bool changed = sqlite3_total_changes(store_db(app->st)) != changes_on_entry;
    changes_on_entry = -1;
    if (changed)
        tui_reload(app); /* the main screens read the data again */
}

const char *tui_record_title(tui_app *app, query_table t, long long id, char *buf, size_t size)
{
    query_detail d;
    xaso_error err;
    xaso_error_clear(&err);
    buf[0] = '\0';
    if (query_detail_load(app->q, t, id, &d, &err))
        return buf;
    const char *code = NULL, *text = NULL;
    for (size_t i = 0; i < d.n; i++) {
        if (!d.fields[i].value)
            continue;
        if (!code && d.fields[i].kind == QCOL_CODE)
            code = d.fields[i].value;
        else if (!text && d.fields[i].kind == QCOL_TEXT && d.fields[i].label &&
                 (!strcmp(d.fields[i].label, "Task") || !strcmp(d.fields[i].label, "Target") ||
                  !strcmp(d.fields[i].label, "Unit") || !strcmp(d.fields[i].label, "Name")))
            text = d.fields[i].value;
    }
    snprintf(buf, size, "%s%s%s", code ? code : "", code && text ? " " : "", text ? text : "");
    query_detail_free(&d);
    return buf;
}

/* ---------- stored values → the form's texts ---------- */

typedef struct {
    const xaso_form *form;
    char **texts;
} fill_ctx;

/* Put a stored value (ISO date, number as SQLite prints it, 1/0) into the field named key as
 * the form shows it. */
static void put_text(const form_field *fields, size_t n, char **texts, const char *key,
                     const char *text)
{
    long i = form_field_index(fields, n, key);
    if (i < 0)
        return;
    const form_field *f = &fields[i];
    char buf[64];
    const char *shown = text;
    xaso_date d;
    if (f->type == FT_DATE && date_parse_iso(text, &d)) {
        shown = date_format_vn(d, buf, sizeof buf);
    } else if (f->type == FT_YESNO) {
        shown = !strcmp(text, "1") ? "yes" : !strcmp(text, "0") ? "no" : text;
    } else if (f->type == FT_INTEGER) { /* years and counts as typed: 2026, not 2.026 */
        snprintf(buf, sizeof buf, "%.0f", strtod(text, NULL));
        shown = buf;
    } else if (form_type_is_number(f->type)) {
        shown = form_format_number(strtod(text, NULL), 6, buf, sizeof buf);
    }
    free(texts[i]);
    texts[i] = *shown ? xstrdup(shown) : NULL;
}

static void fill_one(const char *key, const char *text, void *vctx)
{
    fill_ctx *c = vctx;
    put_text(c->form->fields, c->form->n_fields, c->texts, key, text);
}

static void fill_defaults(const xaso_form *form, char **texts)
{
    for (size_t i = 0; i < form->n_fields; i++)
        if (!texts[i] && form->fields[i].default_text)
            texts[i] = xstrdup(form->fields[i].default_text);
}

/* The value of field i as the store wants it. */
static store_value column_value(const form_field *f, const char *name, const char *text,
                                char *iso, size_t iso_size)
{
    if (!text || !*text)
        return SV_NULL(name);
    form_result r;
    form_validate_field(f, text, &r);
    switch (r.value.kind) {
    case FVAL_NUMBER: return SV_REAL(name, r.value.number);
    case FVAL_DATE: return SV_TEXT(name, date_format_iso(r.value.date, iso, iso_size));
    case FVAL_BOOL: return SV_INT(name, r.value.yes ? 1 : 0);
    case FVAL_CODE: return SV_TEXT(name, r.value.code);
    default: return SV_TEXT(name, text);
    }
}

/* ---------- task progress ---------- */

typedef struct {
    long long task_id, plan_id;
    char period[XASO_PERIOD_ID_SIZE];
} item_ctx;

static void progress_fill(tui_app *app, tui_form_spec *spec, const xaso_form *form, char **texts)
{
    item_ctx *c = spec->ctx;
    fill_ctx fc = {form, texts};
    bool found = false;
    xaso_error err;
    xaso_error_clear(&err);
    if (store_item_texts(app->st, STORE_ITEM_TASK_UPDATE, c->task_id, c->period, fill_one, &fc, &found,
                         &err))
        tui_status_error(app, &err);
    if (!found)
        fill_defaults(form, texts);
}

static int progress_save(tui_app *app, tui_form_spec *spec, const xaso_form *form, size_t i,
                         char *const *texts, xaso_error *err)
{
    item_ctx *c = spec->ctx;
    const form_field *f = &form->fields[i];
    char iso[16];
    store_value v = column_value(f, f->key, texts[i], iso, sizeof iso);
    if (!strcmp(f->key, "status") && v.type == SQLITE_NULL)
        v = SV_TEXT("status", "not-started");
    return store_task_update_set(app->st, c->task_id, c->period, &v, 1, NULL, err);
}

typedef struct {
    int n, accepted, rejected;
} evidence_count;

static int count_evidence(const evidence_info *e, void *vctx)
{
    evidence_count *c = vctx;
    c->n++;
    c->accepted += e->appraisal == EVIDENCE_ACCEPTED;
    c->rejected += e->appraisal == EVIDENCE_REJECTED;
    return 0;
}

static void progress_group_text(tui_app *app, tui_form_spec *spec, const form_field *f, char *buf,
                                size_t size)
{
    (void)f;
    item_ctx *c = spec->ctx;
    evidence_count n = {0, 0, 0};
    xaso_error err;
    xaso_error_clear(&err);
    store_evidence_list(app->st, c->plan_id, c->period, c->task_id, count_evidence, &n, &err);
    char keyname[16];
    tui_key_name(tui_keymap_main_key(&app->keys, ACT_EVIDENCE), keyname, sizeof keyname);
    if (!n.n)
        snprintf(buf, size, _("No file yet (%s: attach)"), keyname);
    else
        snprintf(buf, size, _("%d file(s), %d accepted, %d to complete (%s: list)"), n.n,
                 n.accepted, n.rejected, keyname);
}

static bool progress_action(tui_app *app, tui_form_spec *spec, tui_action a)
{
    item_ctx *c = spec->ctx;
    if (a == ACT_EVIDENCE) {
        tui_push(app, tui_evidence_screen(c->task_id, c->period));
        return true;
    }
    if (a == ACT_HISTORY) {
        long long id = store_task_update_id(app->st, c->task_id, c->period);
        if (!id)
            tui_status(app, false, "%s", _("Nothing recorded yet for this period."));
        else
            tui_push(app, tui_history_screen("task_update", id, spec->context));
        return true;
    }
    return false;
}

static tui_form_spec *new_spec(const char *form_name)
{
    tui_form_spec *spec = xcalloc(1, sizeof *spec);
    spec->form_name = form_name;
    spec->free_ctx = free;
    return spec;
}

void tui_open_task_progress_form(tui_app *app, long long task_id, const char *period)
{
    tui_form_spec *spec = new_spec("task-progress");
    item_ctx *c = xcalloc(1, sizeof *c);
    c->task_id = task_id;
    c->plan_id = store_task_plan(app->st, task_id);
    snprintf(c->period, sizeof c->period, "%s", period);
    spec->ctx = c;
    spec->save_each_field = true;
    spec->fill = progress_fill;
    spec->save_field = progress_save;
    spec->group_text = progress_group_text;
    spec->action = progress_action;
    char title[64], name[200];
    tui_period_code_title(period, title, sizeof title);
    snprintf(spec->context, sizeof spec->context, _("Progress · %s · %s"), title,
             tui_record_title(app, QUERY_TASKS, task_id, name, sizeof name));
    spec->read_only = tui_period_locked(app, period, spec->read_only_reason,
                                        sizeof spec->read_only_reason);
    if (!spec->read_only) /* staff accounts: another unit's task, or a read-only role */
        spec->read_only = !tui_may(app, PERM_TASK_PROGRESS, QUERY_TASKS, task_id,
                                   spec->read_only_reason, sizeof spec->read_only_reason);
    tui_push(app, tui_form_screen(spec));
}

/* ---------- target value ---------- */

typedef struct {
    long long target_id;
    char period[XASO_PERIOD_ID_SIZE];
} value_ctx;

static void value_fill(tui_app *app, tui_form_spec *spec, const xaso_form *form, char **texts)
{
    value_ctx *c = spec->ctx;
    fill_ctx fc = {form, texts};
    bool found = false;
    xaso_error err;
    xaso_error_clear(&err);
    if (store_item_texts(app->st, STORE_ITEM_TARGET_VALUE, c->target_id, c->period, fill_one, &fc,
                         &found, &err))
        tui_status_error(app, &err);
    fill_defaults(form, texts);
    long e = form_field_index(form->fields, form->n_fields, "entry");
    long num = form_field_index(form->fields, form->n_fields, "numerator");
    long txt = form_field_index(form->fields, form->n_fields, "value_text");
    if (e >= 0 && found) {
        free(texts[e]);
        texts[e] = xstrdup(num >= 0 && texts[num] ? "counts" : txt >= 0 && texts[txt] ? "text"
                                                                                      : "value");
    }
}

static int value_save(tui_app *app, tui_form_spec *spec, const xaso_form *form, size_t i,
                      char *const *texts, xaso_error *err)
{
    value_ctx *c = spec->ctx;
    const form_field *f = &form->fields[i];
    if (!strcmp(f->key, "entry"))
        return 0; /* how the form is filled in: not stored */
    char iso[16];
    store_value v = column_value(f, f->key, texts[i], iso, sizeof iso);
    if (!strcmp(f->key, "no_data") && v.type == SQLITE_NULL)
        v = SV_INT("no_data", 0);
    /* a count goes with the other one, so that the store computes the value from both */
    store_value vals[2] = {v, v};
    size_t n = 1;
    if (v.type != SQLITE_NULL && (!strcmp(f->key, "numerator") || !strcmp(f->key, "denominator"))) {
        const char *other_key = !strcmp(f->key, "numerator") ? "denominator" : "numerator";
        long o = form_field_index(form->fields, form->n_fields, other_key);
        if (o >= 0 && texts[o]) {
            char iso2[16];
            vals[1] = column_value(&form->fields[o], other_key, texts[o], iso2, sizeof iso2);
            n = vals[1].type == SQLITE_FLOAT ? 2 : 1;
        }
    }
    return store_target_value_set(app->st, c->target_id, c->period, vals, n, NULL, err);
}

static bool value_action(tui_app *app, tui_form_spec *spec, tui_action a)
{
    value_ctx *c = spec->ctx;
    if (a == ACT_EDIT) { /* the target itself */
        tui_open_record_view(app, QUERY_TARGETS, c->target_id);
        return true;
    }
    if (a == ACT_HISTORY) {
        long long id = store_target_value_id(app->st, c->target_id, c->period);
        if (!id)
            tui_status(app, false, "%s", _("Nothing recorded yet for this period."));
        else
            tui_push(app, tui_history_screen("target_value", id, spec->context));
        return true;
    }
    return false;
}

void tui_open_target_value_form(tui_app *app, long long target_id, const char *period)
{
    tui_form_spec *spec = new_spec("target-value");
    value_ctx *c = xcalloc(1, sizeof *c);
    c->target_id = target_id;
    snprintf(c->period, sizeof c->period, "%s", period);
    spec->ctx = c;
    spec->save_each_field = true;
    spec->fill = value_fill;
    spec->save_field = value_save;
    spec->action = value_action;
    char title[64], name[200];
    tui_period_code_title(period, title, sizeof title);
    snprintf(spec->context, sizeof spec->context, _("Target value · %s · %s"), title,
             tui_record_title(app, QUERY_TARGETS, target_id, name, sizeof name));
    spec->read_only = tui_period_locked(app, period, spec->read_only_reason,
                                        sizeof spec->read_only_reason);
    if (!spec->read_only)
        spec->read_only = !tui_may(app, PERM_TARGET_VALUE, QUERY_TARGETS, target_id,
                                   spec->read_only_reason, sizeof spec->read_only_reason);
    tui_push(app, tui_form_screen(spec));
}

/* ---------- unit and task: saved whole with F2 ---------- */

typedef struct {
    long long id;
} record_ctx;

static const char *tx(const xaso_form *form, char *const *texts, const char *key)
{
    long i = form_field_index(form->fields, form->n_fields, key);
    return i >= 0 && texts[i] ? texts[i] : NULL;
}

static void unit_fill(tui_app *app, tui_form_spec *spec, const xaso_form *form, char **texts)
{
    record_ctx *c = spec->ctx;
    fill_ctx fc = {form, texts};
    xaso_error err;
    xaso_error_clear(&err);
    if (c->id && store_item_texts(app->st, STORE_ITEM_UNIT, c->id, NULL, fill_one, &fc, NULL, &err))
        tui_status_error(app, &err);
    fill_defaults(form, texts);
}

static void after_record_saved(tui_app *app, tui_form_spec *spec, bool saved)
{
    (void)spec;
    if (saved) {
        size_t active = app->active;
        tui_reload(app); /* pops every view: the lists show the new record */
        tui_switch(app, active);
    }
}

static int unit_save(tui_app *app, tui_form_spec *spec, const xaso_form *form, char *const *texts,
                     xaso_error *err)
{
    record_ctx *c = spec->ctx;
    const char *active = tx(form, texts, "active");
    store_unit u = {tx(form, texts, "code"), tx(form, texts, "name"), tx(form, texts, "kind"),
                    tx(form, texts, "note"), tx(form, texts, "aliases") ? tx(form, texts, "aliases") : "",
                    !active || strcmp(active, "no") != 0};
    return store_unit_save(app->st, c->id, &u, &c->id, err);
}

void tui_open_unit_form(tui_app *app, long long unit_id)
{
    tui_form_spec *spec = new_spec("unit");
    record_ctx *c = xcalloc(1, sizeof *c);
    c->id = unit_id;
    spec->ctx = c;
    spec->fill = unit_fill;
    spec->save_all = unit_save;
    spec->closed = after_record_saved;
    snprintf(spec->context, sizeof spec->context, "%s", unit_id ? _("Edit unit") : _("New unit"));
    spec->read_only = !tui_may(app, PERM_PLAN_EDIT, QUERY_PLANS, 0, spec->read_only_reason,
                               sizeof spec->read_only_reason);
    tui_push(app, tui_form_screen(spec));
}

static void task_fill(tui_app *app, tui_form_spec *spec, const xaso_form *form, char **texts)
{
    record_ctx *c = spec->ctx;
    fill_ctx fc = {form, texts};
    xaso_error err;
    xaso_error_clear(&err);
    if (c->id && store_item_texts(app->st, STORE_ITEM_TASK, c->id, NULL, fill_one, &fc, NULL, &err))
        tui_status_error(app, &err);
    fill_defaults(form, texts);
}

static int task_save(tui_app *app, tui_form_spec *spec, const xaso_form *form, char *const *texts,
                     xaso_error *err)
{
    record_ctx *c = spec->ctx;
    long ai = form_field_index(form->fields, form->n_fields, "assignments");
    form_unit_role roles[32];
    long n = 0;
    if (ai >= 0 && texts[ai]) {
        n = form_units_parse(&form->fields[ai], texts[ai], roles, 32);
        if (n < 0)
            return xaso_error_set(err, XASO_EX_DATAERR, "%s", _("The units are not written as code:role, …"));
    }
    store_assignment as[32];
    for (long k = 0; k < n && k < 32; k++)
        as[k] = (store_assignment){roles[k].unit, roles[k].role};
    char start[16] = "", due[16] = "";
    const char *kind_text = tx(form, texts, "timeline_kind");
    store_value sv = column_value(form_find_field(form, "start"), "start", tx(form, texts, "start"),
                                  start, sizeof start);
    store_value dv = column_value(form_find_field(form, "due"), "due", tx(form, texts, "due"), due,
                                  sizeof due);
    store_task t = {
        .code = tx(form, texts, "code"),
        .name = tx(form, texts, "name"),
        .kind = tx(form, texts, "kind"),
        .section = tx(form, texts, "section"),
        .group = tx(form, texts, "group"),
        .expected_result = tx(form, texts, "expected_result"),
        .timeline_text = tx(form, texts, "timeline"),
        .timeline_kind = kind_text,
        .start_date = sv.type == SQLITE_TEXT ? sv.text : NULL,
        .due_date = dv.type == SQLITE_TEXT ? dv.text : NULL,
        .source = tx(form, texts, "source"),
        .note = tx(form, texts, "note"),
        .assignments = as,
        .n_assignments = (size_t)(n > 32 ? 32 : n),
    };
    long long plan = c->id ? store_task_plan(app->st, c->id) : query_plan_id(app->q);
    if (!plan)
        return xaso_error_set(err, XASO_EX_DATAERR, "%s", _("No plan yet: import one first."));
    return store_task_save(app->st, plan, c->id, &t, &c->id, err);
}

void tui_open_task_form(tui_app *app, long long task_id)
{
    tui_form_spec *spec = new_spec("task");
    record_ctx *c = xcalloc(1, sizeof *c);
    c->id = task_id;
    spec->ctx = c;
    spec->fill = task_fill;
    spec->save_all = task_save;
    spec->closed = after_record_saved;
    snprintf(spec->context, sizeof spec->context, "%s", task_id ? _("Edit task") : _("New task"));
    spec->read_only = !tui_may(app, PERM_PLAN_EDIT, QUERY_PLANS, 0, spec->read_only_reason,
                               sizeof spec->read_only_reason);
    tui_push(app, tui_form_screen(spec));
}

/* ---------- plans, targets and projects: saved whole with F2 ----------
 * The form's texts become the plan's own records (plan.h) and go to the store, which applies
 * the rules of plan import (store_items.h). Lists (horizons, basis documents, recipients,
 * disbursements) are edited in the form (tui_form_group.c) and saved with it. */

typedef struct {
    store_item_kind kind;
    long long id;        /* 0: a new target or project */
    long long plan_id;
} plan_record_ctx;

/* The text of field key, NULL when empty or hidden (a hidden field is not part of the record:
 * a target judged in words has no value). */
static char *text_of_key(const form_field *fields, size_t n, char *const *texts, const char *key)
{
    long i = form_field_index(fields, n, key);
    if (i < 0 || !texts[i] || !*texts[i] ||
        !form_field_visible(fields, n, (size_t)i, (const char *const *)texts))
        return NULL;
    return texts[i];
}

/* A field's value as its type reads it (FVAL_NONE when empty, hidden or not readable). */
static form_value value_of(const form_field *fields, size_t n, char *const *texts, const char *key)
{
    const char *text = text_of_key(fields, n, texts, key);
    form_result r;
    r.value.kind = FVAL_NONE;
    if (text)
        form_validate_field(&fields[form_field_index(fields, n, key)], text, &r);
    return r.value;
}

static xaso_date date_of(form_value v)
{
    return v.kind == FVAL_DATE ? v.date : XASO_DATE_NONE;
}

static plan_number number_of(form_value v)
{
    return (plan_number){v.kind == FVAL_NUMBER, v.kind == FVAL_NUMBER ? v.number : 0};
}

static int year_of(form_value v)
{
    return v.kind == FVAL_NUMBER ? (int)v.number : 0;
}

#define FT(key) text_of_key(form->fields, form->n_fields, texts, key)
#define FV(key) value_of(form->fields, form->n_fields, texts, key)
#define GT(key) text_of_key(g->fields, g->n_fields, item, key)
#define GV(key) value_of(g->fields, g->n_fields, item, key)

static void record_fill(tui_app *app, tui_form_spec *spec, const xaso_form *form, char **texts)
{
    plan_record_ctx *c = spec->ctx;
    fill_ctx fc = {form, texts};
    xaso_error err;
    xaso_error_clear(&err);
    if (c->id && store_item_texts(app->st, c->kind, c->id, NULL, fill_one, &fc, NULL, &err))
        tui_status_error(app, &err);
    if (!c->id)
        fill_defaults(form, texts);
}

typedef struct {
    const form_field *group;
    tui_group_items *items;
} group_fill_ctx;

static void group_fill_one(size_t item, const char *key, const char *text, void *vctx)
{
    group_fill_ctx *c = vctx;
    while (c->items->n <= item)
        tui_group_items_add(c->items, c->group->n_fields);
    put_text(c->group->fields, c->group->n_fields, c->items->items[item], key, text);
}

static void record_fill_group(tui_app *app, tui_form_spec *spec, const xaso_form *form, size_t i,
                              tui_group_items *items)
{
    plan_record_ctx *c = spec->ctx;
    group_fill_ctx gc = {&form->fields[i], items};
    xaso_error err;
    xaso_error_clear(&err);
    if (c->id && store_item_group_texts(app->st, c->kind, c->id, form->fields[i].key,
                                        group_fill_one, &gc, &err))
        tui_status_error(app, &err);
}

/* The items of group key (NULL when the form has no such group). */
static const tui_group_items *items_of(tui_form_spec *spec, const xaso_form *form, const char *key,
                                       const form_field **group)
{
    long i = form_field_index(form->fields, form->n_fields, key);
    if (i < 0 || !spec->groups || form->fields[i].type != FT_GROUP)
        return NULL;
    *group = &form->fields[i];
    return &spec->groups[i];
}

/* The printed target gives the comparison, the value and the unit, as plan import reads it. */
static void target_changed(tui_app *app, tui_form_spec *spec, const xaso_form *form, size_t i,
                           char **texts)
{
    (void)app;
    (void)spec;
    if (strcmp(form->fields[i].key, "target") || !texts[i])
        return;
    xaso_arena *arena = arena_new();
    plan_target t = {.target = texts[i]};
    plan_target_derive(arena, &t);
    char num[64];
    const char *parts[][2] = {
        {"comparator", t.comparator},
        {"value", t.value.set ? form_format_number(t.value.v, 6, num, sizeof num) : NULL},
        {"unit", t.unit},
    };
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        long j = form_field_index(form->fields, form->n_fields, parts[k][0]);
        if (j < 0)
            continue;
        free(texts[j]);
        texts[j] = parts[k][1] && *parts[k][1] ? xstrdup(parts[k][1]) : NULL;
    }
    arena_free(arena);
}

static int target_save(tui_app *app, tui_form_spec *spec, const xaso_form *form,
                       char *const *texts, xaso_error *err)
{
    plan_record_ctx *c = spec->ctx;
    plan_target t = {
        .code = FT("code"), .section = FT("section"), .group = FT("group"), .name = FT("name"),
        .target = FT("target"), .comparator = FT("comparator"), .unit = FT("unit"),
        .responsible = FT("responsible"), .numerator = FT("numerator"),
        .denominator = FT("denominator"), .source = FT("source"), .note = FT("note"),
        .value = number_of(FV("value")), .horizon = year_of(FV("horizon")),
        .due = date_of(FV("due")),
    };
    return store_target_save(app->st, c->plan_id, c->id, &t, &c->id, err);
}

static int project_save(tui_app *app, tui_form_spec *spec, const xaso_form *form,
                        char *const *texts, xaso_error *err)
{
    plan_record_ctx *c = spec->ctx;
    plan_project p = {
        .code = FT("code"), .section = FT("section"), .group = FT("group"), .name = FT("name"),
        .legal_basis = FT("legal_basis"), .source = FT("source"), .note = FT("note"),
        .budget = {number_of(FV("budget_total")), number_of(FV("budget_province")),
                   number_of(FV("budget_commune")), number_of(FV("budget_other"))},
        .this_year = {number_of(FV("year_total")), number_of(FV("year_province")),
                      number_of(FV("year_commune")), number_of(FV("year_other"))},
    };
    const form_field *g = NULL;
    const tui_group_items *ds = items_of(spec, form, "disbursements", &g);
    if (ds && ds->n) {
        p.disbursements = xcalloc(ds->n, sizeof *p.disbursements);
        for (size_t k = 0; k < ds->n; k++) {
            char *const *item = ds->items[k];
            p.disbursements[k] = (plan_disbursement){GT("period"), GT("note"), date_of(GV("date")),
                                                     number_of(GV("amount"))};
        }
        p.n_disbursements = ds->n;
    }
    int rc = store_project_save(app->st, c->plan_id, c->id, &p, &c->id, err);
    free(p.disbursements);
    return rc;
}

static int plan_save(tui_app *app, tui_form_spec *spec, const xaso_form *form, char *const *texts,
                     xaso_error *err)
{
    plan_record_ctx *c = spec->ctx;
    plan_header h = {
        .title = FT("title"), .symbol = FT("symbol"), .chain = FT("chain"), .issuer = FT("issuer"),
        .level = FT("level"), .place = FT("place"), .money_unit = FT("money_unit"),
        .signer = FT("signer"), .note = FT("note"), .date = date_of(FV("date")),
        .period = {year_of(FV("period_from")), year_of(FV("period_to"))},
    };
    const form_field *g = NULL;
    const tui_group_items *hz = items_of(spec, form, "horizons", &g);
    if (hz && hz->n) {
        h.horizons = xcalloc(hz->n, sizeof *h.horizons);
        for (size_t k = 0; k < hz->n; k++) {
            char *const *item = hz->items[k];
            h.horizons[k] = (plan_horizon){year_of(GV("year")), GT("label"), GT("kind")};
        }
        h.n_horizons = hz->n;
    }
    const tui_group_items *bs = items_of(spec, form, "basis", &g);
    if (bs && bs->n) {
        h.basis = xcalloc(bs->n, sizeof *h.basis);
        for (size_t k = 0; k < bs->n; k++) {
            char *const *item = bs->items[k];
            h.basis[k] = (plan_basis){GT("symbol"), GT("kind"),    GT("name"),
                                      GT("issuer"), GT("subject"), GT("note"),
                                      date_of(GV("date"))};
        }
        h.n_basis = bs->n;
    }
    const tui_group_items *rs = items_of(spec, form, "recipients", &g);
    if (rs && rs->n) {
        h.recipients = xcalloc(rs->n, sizeof *h.recipients);
        for (size_t k = 0; k < rs->n; k++) {
            char *const *item = rs->items[k];
            h.recipients[k] = (plan_recipient){GT("name"), GT("purpose")};
        }
        h.n_recipients = rs->n;
    }
    int rc = store_plan_header_save(app->st, c->plan_id, &h, err);
    free(h.horizons);
    free(h.basis);
    free(h.recipients);
    return rc;
}

#undef FT
#undef FV
#undef GT
#undef GV

void tui_open_record_view(tui_app *app, query_table t, long long id)
{
    static const struct {
        query_table t;
        const char *form;
        store_item_kind kind;
        int (*save)(tui_app *, tui_form_spec *, const xaso_form *, char *const *, xaso_error *);
        const char *new_title;
    } kinds[] = {
        {QUERY_PLANS, "plan", STORE_ITEM_PLAN, plan_save, NULL},
        {QUERY_TARGETS, "target", STORE_ITEM_TARGET, target_save, N_("New target")},
        {QUERY_PROJECTS, "project", STORE_ITEM_PROJECT, project_save, N_("New project")},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        if (kinds[k].t != t)
            continue;
        long long plan = t == QUERY_PLANS ? id : id ? store_record_plan(app->st, kinds[k].kind, id)
                                                    : query_plan_id(app->q);
        if (!plan || (!id && !kinds[k].new_title)) {
            tui_status(app, true, "%s", _("No plan yet: import one first."));
            return;
        }
        tui_form_spec *spec = new_spec(kinds[k].form);
        plan_record_ctx *c = xcalloc(1, sizeof *c);
        *c = (plan_record_ctx){kinds[k].kind, id, plan};
        spec->ctx = c;
        spec->fill = record_fill;
        spec->fill_group = record_fill_group;
        spec->save_all = kinds[k].save;
        spec->changed = t == QUERY_TARGETS ? target_changed : NULL;
        spec->closed = after_record_saved;
        if (id)
            tui_record_title(app, t, id, spec->context, sizeof spec->context);
        else
            snprintf(spec->context, sizeof spec->context, "%s", _(kinds[k].new_title));
        /* plan structure is not locked by a finalised report: only the role decides */
        spec->read_only = !tui_may(app, PERM_PLAN_EDIT, QUERY_PLANS, 0, spec->read_only_reason,
                                   sizeof spec->read_only_reason);
        tui_push(app, tui_form_screen(spec));
        return;
    }
}

/* ---------- the report's texts ---------- */

static void report_fill(tui_app *app, tui_form_spec *spec, const xaso_form *form, char **texts)
{
    item_ctx *c = spec->ctx;
    fill_ctx fc = {form, texts};
    xaso_error err;
    xaso_error_clear(&err);
    if (store_item_texts(app->st, STORE_ITEM_REPORT, c->plan_id, c->period, fill_one, &fc, NULL, &err))
        tui_status_error(app, &err);
}

static int report_save(tui_app *app, tui_form_spec *spec, const xaso_form *form, size_t i,
                       char *const *texts, xaso_error *err)
{
    item_ctx *c = spec->ctx;
    store_value v = SV_TEXT(form->fields[i].key, texts[i]);
    return store_report_header_set(app->st, c->plan_id, c->period, "", &v, 1, err);
}

void tui_open_report_form(tui_app *app, const char *period)
{
    tui_form_spec *spec = new_spec("report");
    item_ctx *c = xcalloc(1, sizeof *c);
    c->plan_id = query_plan_id(app->q);
    snprintf(c->period, sizeof c->period, "%s", period);
    spec->ctx = c;
    spec->save_each_field = true;
    spec->fill = report_fill;
    spec->save_field = report_save;
    char title[64];
    snprintf(spec->context, sizeof spec->context, _("Report · %s"),
             tui_period_code_title(period, title, sizeof title));
    spec->read_only = tui_period_locked(app, period, spec->read_only_reason,
                                        sizeof spec->read_only_reason);
    if (!spec->read_only)
        spec->read_only = !tui_may(app, PERM_REPORT_EDIT, QUERY_REPORTS, 0,
                                   spec->read_only_reason, sizeof spec->read_only_reason);
    tui_push(app, tui_form_screen(spec));
}

/* ---------- opening data entry from the main screens and details ---------- */

static bool active_is(tui_app *app, query_table t)
{
    return !app->depth && tui_main_screen(app, t) == &app->main[app->active];
}

bool tui_entry_detail_action(tui_app *app, query_table t, long long id, tui_action a)
{
    const char *period = tui_entry_period(app);
    switch (a) {
    case ACT_EDIT:
        if (t == QUERY_TASKS)
            tui_open_task_form(app, id);
        else if (t == QUERY_UNITS)
            tui_open_unit_form(app, id);
        else if (t == QUERY_PLANS || t == QUERY_TARGETS || t == QUERY_PROJECTS)
            tui_open_record_view(app, t, id);
        else
            return false;
        return true;
    case ACT_ENTER_PROGRESS:
        if (t != QUERY_TASKS)
            return false;
        tui_open_task_progress_form(app, id, period);
        return true;
    case ACT_ENTER_VALUES: /* a target's detail: its value for the period */
        if (t != QUERY_TARGETS)
            return false;
        tui_open_target_value_form(app, id, period);
        return true;
    case ACT_EVIDENCE:
        if (t != QUERY_TASKS)
            return false;
        tui_push(app, tui_evidence_screen(id, period));
        return true;
    case ACT_HISTORY: {
        static const char *const tables[QUERY_TABLE_COUNT] = {
            [QUERY_PLANS] = "plan", [QUERY_TARGETS] = "target", [QUERY_TASKS] = "task",
            [QUERY_PROJECTS] = "project", [QUERY_UNITS] = "unit", [QUERY_REPORTS] = "report",
        };
        if (!tables[t])
            return false;
        char title[300];
        tui_push(app, tui_history_screen(tables[t], id,
                                         tui_record_title(app, t, id, title, sizeof title)));
        return true;
    }
    default: return false;
    }
}

bool tui_entry_handle(tui_app *app, tui_action a)
{
    const char *period = tui_entry_period(app);
    bool tasks = active_is(app, QUERY_TASKS), units = active_is(app, QUERY_UNITS),
         targets = active_is(app, QUERY_TARGETS), plans = active_is(app, QUERY_PLANS),
         projects = active_is(app, QUERY_PROJECTS);
    long long id = tasks || units || targets || plans || projects
                       ? tui_table_current_id(&app->main[app->active]) : 0;
    switch (a) {
    case ACT_ENTER_PROGRESS:
    case ACT_ENTER_VALUES: {
        if (!query_plan_id(app->q)) {
            tui_status(app, true, "%s", _("No plan yet: import one with  xaso plan import FILE"));
            return true;
        }
        tui_push(app, tui_grid_screen(a == ACT_ENTER_PROGRESS ? GRID_TASKS : GRID_TARGETS, period,
                                      NULL));
        if (id && ((a == ACT_ENTER_PROGRESS && tasks) || (a == ACT_ENTER_VALUES && targets)))
            tui_grid_goto(&app->stack[app->depth - 1], id);
        return true;
    }
    case ACT_CHECK:
        if (query_plan_id(app->q))
            tui_push(app, tui_check_screen(period));
        return true;
    case ACT_REPORT_TEXTS:
        if (query_plan_id(app->q))
            tui_open_report_form(app, period);
        return true;
    case ACT_NEW:
        if (tasks)
            tui_open_task_form(app, 0);
        else if (units)
            tui_open_unit_form(app, 0);
        else if (targets || projects)
            tui_open_record_view(app, targets ? QUERY_TARGETS : QUERY_PROJECTS, 0);
        else
            tui_status(app, false, "%s",
                       _("New: go to the targets (3), tasks (4), projects (5) or units (6) "
                         "first."));
        return true;
    case ACT_EDIT:
        if (id && (plans || projects || targets)) {
            tui_open_record_view(app, plans ? QUERY_PLANS : projects ? QUERY_PROJECTS
                                                                     : QUERY_TARGETS, id);
            return true;
        }
        /* fall through */
    case ACT_HISTORY:
    case ACT_EVIDENCE:
        if (!id || !(tasks || units || targets)) {
            tui_status(app, false, "%s", _("Choose a task, a target or a unit first."));
            return true;
        }
        if (!tui_entry_detail_action(app, tasks ? QUERY_TASKS : units ? QUERY_UNITS : QUERY_TARGETS,
                                     id, a))
            tui_status(app, false, "%s", _("Not for this kind of record."));
        return true;
    case ACT_PERIOD:
        tui_status(app, false, "%s", _("Choose the period in a grid: e (progress), then C-p."));
        return true;
    default: return false;
    }
}
