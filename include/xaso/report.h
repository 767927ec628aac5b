/* A periodic report: everything one sender (the whole office or one unit) reports for one plan
 * and one period, loaded from the store into memory, and its lifecycle actions. The bundle, the
 * CSV tables and the report document are all written from this one structure. */
#ifndef XASO_REPORT_H
#define XASO_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/arena.h"
#include "xaso/date.h"
#include "xaso/period.h"
#include "xaso/status.h"
#include "xaso/store.h"
#include "xaso/store_progress.h"
#include "xaso/store_scorecard.h"
#include "xaso/verdict.h"
#include "xaso/warning.h"

/* An optional number. */
typedef struct {
    bool set;
    double v;
} report_number;

typedef struct {
    long long id;
    const char *code, *name, *kind;
} report_unit;

typedef struct {
    long long id;
    const char *key, *code, *section, *group, *name, *target_text, *comparator, *measure_unit,
        *responsible, *due, *note;
    report_number target;
    int horizon;
    /* this period */
    bool has_row;
    report_number value, numerator, denominator;
    const char *value_text, *as_of, *data_source, *value_note;
    bool no_data;
    int judged_met; /* -1 not judged, 0, 1 */
    xaso_verdict verdict;
    report_number previous; /* the value of the previous period of the same kind */
} report_target;

typedef struct {
    long long id;
    const char *key, *code, *section, *kind, *group, *name, *expected_result, *timeline_text,
        *timeline_kind, *start_date, *due_date, *note;
    const char *leads; /* lead unit names, "; "-separated ("" when none) */
    /* this period */
    bool has_update, has_status;
    long long update_id;
    xaso_task_status status;  /* as reported */
    xaso_task_status counted; /* after appraisal: done with rejected evidence → needs-fix */
    report_number completion, previous_completion;
    report_number latest_completion; /* the latest reported up to this period (for warnings) */
    const char *done_text, *quantity_text, *difficulties, *proposals, *updated_at;
    int evidence_pending, evidence_accepted, evidence_rejected;
    bool needs_update; /* the plan expects a report on it this period */
    xaso_warnings warnings;
} report_task;

typedef struct {
    const char *task_key, *unit_code, *role;
    int pos;
} report_assignment;

typedef struct {
    long long id;
    const char *key, *code, *section, *group, *name, *legal_basis, *note;
    report_number budget_total, budget_province, budget_commune, budget_other;
    report_number year_total, year_province, year_commune, year_other;
    double disbursed; /* up to the end of the period */
} report_project;

typedef struct {
    const char *project_key, *period, *date, *note;
    int pos;
    double amount;
} report_disbursement;

typedef struct {
    long long id;
    const char *task_key, *sha256, *original_name, *mime, *appraisal, *appraisal_reason,
        *added_at;
    char bundle_name[96]; /* "evidence/<sha256>.<ext>" */
    long long size;
} report_evidence;

typedef struct {
    const char *name, *purpose;
} report_recipient;

#define REPORT_ARRAY(type, name) \
    type *name;                  \
    size_t n_##name, cap_##name

typedef struct report_data {
    xaso_arena *arena;
    /* the office */
    const char *office_code, *office_name, *office_level, *province;
    /* the plan */
    long long plan_id;
    const char *plan_key, *plan_symbol, *plan_title, *plan_chain, *plan_issuer, *plan_place,
        *plan_date, *money_unit, *signer;
    /* the report */
    char period[XASO_PERIOD_ID_SIZE];
    xaso_period p;
    char period_title[64]; /* "quý III năm 2026" */
    xaso_date window_start, window_end;
    const char *sender;      /* "" = the whole office, else a unit code */
    const char *sender_name; /* the office's or the unit's name */
    long long report_id;
    report_state state;
    const char *symbol, *difficulties, *proposals, *next_tasks, *finalised_at;
    const char *finalised_by; /* who finalised it ("Full Name (login)"), NULL when not yet */
    const char *built_by;     /* who builds the bundle (store_actor()); set by the bundle writer,
                                 NULL otherwise */
    /* The plan at a glance as of the period (the summary page and the scorecard CSV): the
     * office's report has every unit, a unit's report only its own row. */
    xaso_scorecard *scorecard;
    REPORT_ARRAY(report_unit, units);
    REPORT_ARRAY(report_target, targets);
    REPORT_ARRAY(report_task, tasks);
    REPORT_ARRAY(report_assignment, assignments);
    REPORT_ARRAY(report_project, projects);
    REPORT_ARRAY(report_disbursement, disbursements);
    REPORT_ARRAY(report_evidence, evidence);
    REPORT_ARRAY(report_recipient, recipients);
    /* Tables beyond report_tables(), written into the bundle and described in datapackage.json
     * (the senders of a consolidated report, src/receive); none for an office's own report. */
    const struct report_table *extra_tables;
    size_t n_extra_tables;
} report_data;

/* Load the report of (plan, period, sender) — the report row is created as a draft when missing.
 * sender NULL or "" = the whole office; else a unit code: the tasks it leads and the targets it is
 * responsible for. */
int report_load(xaso_store *st, long long plan_id, const char *period, const char *sender,
                report_data **out, xaso_error *err);
void report_free(report_data *d);
/* The scorecard rows the report carries, in the scorecard's default order (the units that lag
 * most first): every unit for the office's report, the sender's own row for a unit's report. */
size_t report_scorecard_count(const report_data *d);
const scorecard_unit *report_scorecard_unit(const report_data *d, size_t i);

/* ---------- the whole-report check ("Kiểm tra lỗi") ---------- */

typedef enum { PROBLEM_ERROR, PROBLEM_WARNING } report_severity;
typedef enum { ITEM_REPORT, ITEM_TARGET, ITEM_TASK } report_item_kind;

typedef struct {
    report_severity severity;
    const char *code;        /* stable: "no-update", "evidence-missing", … */
    report_item_kind item;   /* what it is about */
    long long item_id;       /* target or task id (0 for the report) */
    const char *item_key;    /* its key ("PL2/2.1"), NULL for the report */
    char message[512];       /* translated, names the item */
} report_problem;

typedef struct {
    report_problem *items;
    size_t count, cap;
    size_t errors, warnings;
} report_problems;

/* Every problem of the report, errors first then warnings, each in plan order.
 * Errors (block finalising): a done task with completion under 100 %, a task marked not started
 * with progress, a done task whose evidence was all rejected, a value impossible for its unit (a
 * percentage outside 0…100, a numerator above its denominator, a negative count), an empty value
 * row. Warnings: no update this period, done without evidence, evidence not yet appraised, a
 * target without a value (reported as "no data"), a value far from its target, completion lower
 * than last period. */
void report_check(const report_data *d, report_problems *out);
void report_problems_free(report_problems *p);
/* The stable code's severity and its description (msgid, marked N_()); NULL when unknown. */
const char *report_problem_description(const char *code);

/* ---------- lifecycle ---------- */

/* Run the check and finalise the report when it has no errors (problems, may be NULL, gets the
 * list either way). A returned report goes back through draft. XASO_EX_DATAERR when errors block. */
int report_finalise(xaso_store *st, long long plan_id, const char *period, const char *sender,
                    report_problems *problems, xaso_error *err);
/* Reopen a finalised or packaged report (the reason is required and recorded). */
int report_reopen(xaso_store *st, long long plan_id, const char *period, const char *sender,
                  const char *reason, xaso_error *err);

/* The unit code of sender, or NULL for the office: checks that the unit exists. */
int report_find_unit(xaso_store *st, const char *code, long long *unit_id, xaso_error *err);

#endif
