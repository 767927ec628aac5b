/* Plans in the store: import a whole plan, load it back, list plans. */
#ifndef XASO_STORE_PLAN_H
#define XASO_STORE_PLAN_H

#include <stddef.h>

#include "xaso/plan.h"
#include "xaso/store.h"

typedef struct {
    size_t added, updated, unchanged, archived;
} store_changes;

typedef struct {
    long long plan_id;
    size_t units, targets, tasks, projects, reporting; /* counts in the plan */
    store_changes changes;                             /* rows added/updated/… over all items */
} plan_import_result;

/* Import (or re-import) plan in one transaction: all or nothing. The plan is found by symbol, or by
 * key when it has none; items by section + code. Unchanged rows are left alone (no audit rows),
 * changed fields are updated and audited, items no longer in the plan are archived. */
int store_plan_import(xaso_store *st, const xaso_plan *plan, plan_import_result *res,
                      xaso_error *err);

/* Find a plan by key, symbol or numeric id. */
int store_plan_find(xaso_store *st, const char *ref, long long *id, xaso_error *err);

/* Load a plan (without archived items) into memory. */
int store_plan_load(xaso_store *st, long long id, xaso_plan **out, xaso_error *err);

typedef struct {
    long long id;
    const char *key, *symbol, *title, *chain;
    int period_from, period_to;
    int targets, tasks, projects, units;
} plan_summary;

/* Call cb for every plan (not archived), in key order; cb returning non-zero stops the walk. */
int store_plan_list(xaso_store *st, int (*cb)(const plan_summary *, void *), void *ctx,
                    xaso_error *err);

#endif
