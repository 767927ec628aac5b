/* Progress per period: task updates, target values, and the report lifecycle. Each call is one
 * user action: one transaction, audited, nothing written when nothing changed. */
#ifndef XASO_STORE_PROGRESS_H
#define XASO_STORE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/store.h"

/* Set columns of the update of task_id for period (created when missing). Allowed columns:
 * status, completion, done_text, quantity_text, difficulties, proposals. A finalised report of the
 * plan for that period locks it (XASO_EX_NOPERM with a message). *row_id (may be NULL) gets the
 * update's id. */
int store_task_update_set(xaso_store *st, long long task_id, const char *period,
                          const store_value *cols, size_t n, long long *row_id, xaso_error *err);

/* Set columns of the value of target_id for period. Allowed columns: value, value_text,
 * numerator, denominator, no_data, judged_met, as_of, data_source, note. When numerator and
 * denominator are both set, value is computed (numerator / denominator × 100). */
int store_target_value_set(xaso_store *st, long long target_id, const char *period,
                           const store_value *cols, size_t n, long long *row_id,
                           xaso_error *err);

/* Report lifecycle: draft → finalised → packaged → submitted | returned; returned → draft;
 * finalised/packaged → draft is a reopen (needs a note, recorded). sender "" = the whole office. */
typedef enum {
    REPORT_DRAFT,
    REPORT_FINALISED,
    REPORT_PACKAGED,
    REPORT_SUBMITTED,
    REPORT_RETURNED
} report_state;

const char *report_state_code(report_state s);
/* The state in the language in use ("finalised"), for messages: never the code in a sentence. */
const char *report_state_label(report_state s);
bool report_state_from_code(const char *code, report_state *out);
bool report_transition_allowed(report_state from, report_state to);

/* The note of a "packaged" report event: this prefix and the SHA-256 of the bundle built. */
#define REPORT_BUNDLE_NOTE_PREFIX "SHA-256 "

/* The report of (plan, period, sender) if there is one (*found), nothing created. */
int store_report_find(xaso_store *st, long long plan_id, const char *period, const char *sender,
                      long long *report_id, report_state *state, bool *found, xaso_error *err);
/* The report of (plan, period, sender), created as a draft when missing. */
int store_report_get(xaso_store *st, long long plan_id, const char *period, const char *sender,
                     long long *report_id, report_state *state, xaso_error *err);
/* The same inside the caller's transaction (store_begin … store_commit). */
int store_report_get_in(xaso_store *st, long long plan_id, const char *period,
                        const char *sender, long long *report_id, report_state *state,
                        xaso_error *err);
/* Move a report to state `to`, recording who, when and note (the reason of a reopen or a return). */
int store_report_transition(xaso_store *st, long long report_id, report_state to,
                            const char *note, xaso_error *err);
/* The same inside the caller's transaction (store_begin … store_commit), for a change made of
 * several steps. */
int store_report_transition_in(xaso_store *st, long long report_id, report_state to,
                               const char *note, xaso_error *err);

#endif
