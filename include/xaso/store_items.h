/* Single items written from the interface: one unit, one task with its assigned units, the
 * written parts of a report, and the history of one record (from the audit table). Each save is
 * one user action: one transaction, audited through store_sync_row, nothing written when nothing
 * changed. */
#ifndef XASO_STORE_ITEMS_H
#define XASO_STORE_ITEMS_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/plan.h"
#include "xaso/store.h"
#include "xaso/store_progress.h"

typedef struct {
    const char *code, *name; /* required */
    const char *kind;        /* office | group | external (NULL = office) */
    const char *note;        /* NULL = none */
    const char *aliases;     /* other names, one per line (NULL = leave them as they are) */
    bool active;
} store_unit;

/* Create the unit (id 0) or update unit id. A code already used by another unit is refused
 * (XASO_EX_DATAERR). *out_id (may be NULL) gets its id. */
int store_unit_save(xaso_store *st, long long id, const store_unit *u, long long *out_id,
                    xaso_error *err);

typedef struct {
    const char *unit_code; /* an existing unit */
    const char *role;      /* lead | coordinator | requested */
} store_assignment;

typedef struct {
    const char *code, *name; /* required */
    const char *kind;        /* task | solution | duty (NULL = task) */
    const char *section, *group, *expected_result, *timeline_text, *note, *source;
    const char *timeline_kind; /* NULL = none */
    const char *start_date, *due_date; /* ISO or NULL */
    const store_assignment *assignments; /* replace the task's assignments (in this order) */
    size_t n_assignments;
} store_task;

/* Create a task in plan_id (id 0: its key is its code, placed last) or update task id; its
 * assignments are replaced by t->assignments. A code already used in the plan is refused. */
int store_task_save(xaso_store *st, long long plan_id, long long id, const store_task *t,
                    long long *out_id, xaso_error *err);

/* ---------- plan structure: targets, projects, the plan header ----------
 * The same rules as plan import (store_plan.c, planio.c): codes unique within the plan and
 * section (an item's key is "section/code", as plan_item_key makes it), a target's comparator,
 * value and unit from its printed text when they are not given (plan_target_derive), a
 * responsible unit that exists (linked to the plan when it was not yet, so that an exported plan
 * names it). Administrators only (PERM_PLAN_EDIT). A finalised report does not lock them: the
 * plan is amended over its life, every change audited. */

/* Create a target in plan_id (id 0: placed last) or update target id. t->responsible is a unit
 * code or NULL. */
int store_target_save(xaso_store *st, long long plan_id, long long id, const plan_target *t,
                      long long *out_id, xaso_error *err);
/* Create a project (id 0: placed last) or update project id; its disbursements are replaced by
 * p's (one row each, in order, audited like plan import). */
int store_project_save(xaso_store *st, long long plan_id, long long id, const plan_project *p,
                       long long *out_id, xaso_error *err);
/* Update the header of plan_id: title, symbol, chain, issuer, level, place, date, period,
 * money unit, signer, note, and its horizons, basis documents and recipients (replaced by h's).
 * The key, the printed symbol and the printed date are left as they are. */
int store_plan_header_save(xaso_store *st, long long plan_id, const plan_header *h,
                           xaso_error *err);

/* Set columns of the report of (plan, period, sender) (created as a draft when missing): symbol,
 * difficulties, proposals, next_tasks, signer. Locked once finalised (XASO_EX_NOPERM). */
int store_report_header_set(xaso_store *st, long long plan_id, const char *period,
                            const char *sender, const store_value *cols, size_t n,
                            xaso_error *err);

/* One change of a record, from the audit table. */
typedef struct {
    const char *at, *actor, *action, *old_json, *new_json;
} store_history_entry;

/* Call cb for each audit row of (table, row_id), oldest first. */
int store_history(xaso_store *st, const char *table, long long row_id,
                  int (*cb)(const store_history_entry *, void *), void *ctx, xaso_error *err);

/* The id of the task update / target value of (item, period), or 0 when there is none. */
long long store_task_update_id(xaso_store *st, long long task_id, const char *period);
long long store_target_value_id(xaso_store *st, long long target_id, const char *period);

/* ---------- reading one item for a form ---------- */

typedef enum {
    STORE_ITEM_UNIT,         /* id: unit id */
    STORE_ITEM_TASK,         /* id: task id (assignments as "code:role, …") */
    STORE_ITEM_TASK_UPDATE,  /* id: task id, with period */
    STORE_ITEM_TARGET_VALUE, /* id: target id, with period */
    STORE_ITEM_REPORT,       /* id: plan id, with period (the office's report) */
    STORE_ITEM_PLAN,         /* id: plan id (lists: their number of items) */
    STORE_ITEM_TARGET,       /* id: target id (responsible: the unit's code) */
    STORE_ITEM_PROJECT       /* id: project id (disbursements: their number) */
} store_item_kind;

/* Call set(key, text) for each stored column of the item, named as the form's field keys (dates
 * ISO, numbers as SQLite prints them, yes/no as 1/0; NULL columns are skipped). *found (may be
 * NULL) says whether the item has a row. */
int store_item_texts(xaso_store *st, store_item_kind kind, long long id, const char *period,
                     void (*set)(const char *key, const char *text, void *ctx), void *ctx,
                     bool *found, xaso_error *err);

/* The items of a repeated part of a record, for a form's group field: STORE_ITEM_PLAN with
 * "horizons", "basis" or "recipients", STORE_ITEM_PROJECT with "disbursements". set(item, key,
 * text) is called for each stored column of each item (item 0 first), as store_item_texts does.
 * An unknown group is XASO_EX_SOFTWARE. */
int store_item_group_texts(xaso_store *st, store_item_kind kind, long long id, const char *group,
                           void (*set)(size_t item, const char *key, const char *text, void *ctx),
                           void *ctx, xaso_error *err);

/* Whether the office report of (plan, period) is finalised or later: its data is locked. */
int store_period_locked(xaso_store *st, long long plan_id, const char *period, bool *locked,
                        xaso_error *err);
/* One unit offered by the unit pickers. */
typedef struct {
    long long id;
    const char *code, *name;
    const char *short_name; /* its shortest other name, or NULL */
} store_unit_choice;

/* Call cb for each active unit: the units of plan_id first, in the plan's order, then the others
 * in the order they were added. cb returning non-zero stops the walk. */
int store_unit_choices(xaso_store *st, long long plan_id,
                       int (*cb)(const store_unit_choice *, void *), void *ctx, xaso_error *err);

/* The plan of a task or a target. */
long long store_task_plan(xaso_store *st, long long task_id);
/* The plan of a target (STORE_ITEM_TARGET) or a project (STORE_ITEM_PROJECT); 0 when none. */
long long store_record_plan(xaso_store *st, store_item_kind kind, long long id);

#endif
