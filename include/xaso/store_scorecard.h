/* The plan at a glance: the figures behind the dashboard charts, the unit scorecard, the targets'
 * trends and the period comparison, computed once from the store. Nothing here draws or prints:
 * the full-screen interface draws these structures, and the report code writes the same numbers
 * into the .docx summary page and the scorecard CSV of a bundle.
 *
 * One rule each. Task warnings come from task_warnings() (src/core/warning.c) and verdicts from
 * verdict_of() (src/core/verdict.c), called here in C on the facts gathered from the store, exactly
 * as the interface's SQL functions xaso_task_warnings()/xaso_verdict() call them; so the
 * scorecard's "overdue" and the dashboard's "overdue" are the same tasks.
 *
 * "As of". Every figure is computed as of a moment (scorecard_asof):
 * - now (the interface): each task's latest update and each target's latest value, whatever
 *   their period; warnings judged on today, "this period" = the current reporting period, the
 *   plan's first day as the start of tasks without one — the same facts as the tables and the
 *   dashboard;
 * - a period P (a report, the comparison): a task's status is its latest update for a period
 *   ending on or before P's end; a target's value is the value entered for P itself (no value
 *   for P = no data, as in the report); warnings are judged on P's last day with P's first day
 *   as the start of tasks without one, as report_load() does. Windows are calendar windows.
 *
 * Memory: a loaded xaso_scorecard owns every string in it; scorecard_free() releases it all. */
#ifndef XASO_STORE_SCORECARD_H
#define XASO_STORE_SCORECARD_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/calendar.h"
#include "xaso/date.h"
#include "xaso/error.h"
#include "xaso/period.h"
#include "xaso/status.h"
#include "xaso/store.h"
#include "xaso/verdict.h"
#include "xaso/warning.h"

/* ---------- the moment the figures are for ---------- */

typedef struct {
    long long plan_id;
    bool now;                             /* true: now; false: as of `period` */
    char period[XASO_PERIOD_ID_SIZE];     /* the period P; in now mode the current period */
    xaso_date today;                      /* warnings are judged on this day */
    xaso_date window_start, window_end;   /* P's calendar window (now: the current period's) */
} scorecard_asof;

/* Now: today and the current period (the quarter whose cut-off window holds today, as the
 * interface shows it; cal NULL = calendar_default()). */
void scorecard_asof_now(scorecard_asof *a, long long plan_id, xaso_date today,
                        const xaso_calendar *cal);
/* As of the period `period` ("2026Q3"). False when it is not a period identifier. */
bool scorecard_asof_period(scorecard_asof *a, long long plan_id, const char *period);

/* ---------- what a task counts as on the scorecard ---------- */

/* Exactly one class per task, decided in this order:
 * 1. done (status done or done-late): LATE when the status is done-late, or when the first
 *    period in which it was reported done starts after its due date ("done after due");
 *    otherwise ON_TIME;
 * 2. OVERDUE: the warning rule's overdue (a deadline passed and not done);
 * 3. NOT_STARTED: latest status not-started, or nothing reported at all;
 * 4. IN_PROGRESS: everything else (in progress, needs-fix, not-done before a deadline passes). */
typedef enum {
    SC_TASK_ON_TIME = 0,
    SC_TASK_LATE,
    SC_TASK_OVERDUE,
    SC_TASK_NOT_STARTED,
    SC_TASK_IN_PROGRESS,
    SC_TASK_CLASS_COUNT
} scorecard_task_class;

/* Stable codes "on-time", "late", "overdue", "not-started", "in-progress". */
const char *scorecard_task_class_code(scorecard_task_class c);

typedef struct {
    long long id;
    char *code, *name, *group;  /* group "" when the task has none */
    int pos;
    char *due;                  /* ISO date or NULL */
    bool has_status;            /* false: nothing reported (up to P) */
    xaso_task_status status;
    char *status_period;        /* the period of that update, NULL when none */
    double completion;          /* counted completion %: the reported one; 100 when done without
                                   one; 0 when not reported */
    int evidence_pending, evidence_accepted, evidence_rejected; /* files, on updates up to P */
    xaso_warnings warnings;     /* task_warnings() as of the moment */
    scorecard_task_class cls;
} scorecard_task;

/* ---------- groups (the dashboard charts, the summary page's group table) ---------- */

typedef struct {
    char *group;                /* the group heading as in the plan; "" = items without one */
    int first_pos;              /* plan order */
    size_t targets;
    size_t verdicts[4];         /* indexed by xaso_verdict */
} scorecard_target_group;

/* Share of the group's targets met or exceeded (0 … 1; 0 for an empty group). No data counts
 * as not met: a group whose figures are missing is not ahead. */
double scorecard_group_met_share(const scorecard_target_group *g);

typedef struct {
    char *group;
    int first_pos;
    size_t tasks;
    size_t statuses[6];         /* indexed by xaso_task_status (latest status) */
    size_t unreported;          /* nothing reported */
    size_t overdue;             /* with the overdue warning */
} scorecard_task_group;

typedef struct {
    char *group;                /* the project group heading ("A. Chi đầu tư phát triển") */
    int first_pos;
    size_t projects;
    double budget_total, budget_year, disbursed; /* the plan's money unit; disbursed up to P's end
                                                    (now: everything entered) */
} scorecard_project_group;

/* ---------- the unit scorecard ---------- */

typedef struct {
    long long unit_id;
    char *code, *name, *short_name;  /* short_name: the shortest alias, else the name */
    size_t led;                      /* tasks the unit leads (chủ trì); co-led tasks count for
                                        each lead */
    size_t by_class[SC_TASK_CLASS_COUNT]; /* the led tasks by scorecard_task_class */
    size_t behind_schedule;          /* led tasks with the behind-schedule warning */
    double avg_completion;           /* mean counted completion of the led tasks (0 when none) */
    size_t evidence_accepted, evidence_rejected, evidence_pending; /* files on its led tasks */
    size_t reports_due;              /* its own reports (sender = its code) whose deadline has
                                        passed by `today`, or that were submitted */
    size_t reports_on_time;          /* of those, first submitted on or before the deadline */
    int order;                       /* position in the unit list of the office (ties) */
} scorecard_unit;

/* Columns of the scorecard: what the screen sorts by and drills into, and what the CSV holds. */
typedef enum {
    SC_COL_UNIT = 0,         /* unit name */
    SC_COL_LED,
    SC_COL_ON_TIME,
    SC_COL_LATE,
    SC_COL_OVERDUE,
    SC_COL_NOT_STARTED,
    SC_COL_IN_PROGRESS,
    SC_COL_AVG_COMPLETION,
    SC_COL_EVIDENCE_ACCEPTED,
    SC_COL_EVIDENCE_REJECTED,
    SC_COL_REPORTS_ON_TIME,  /* sorted by the share on time */
    SC_COL_COUNT
} scorecard_col;

/* ---------- targets: trend and comparison ---------- */

typedef struct {
    char period[XASO_PERIOD_ID_SIZE];
    bool has_value;             /* false: a "no data" row, or a text target not yet judged */
    double value;
    xaso_verdict verdict;
} scorecard_point;

typedef struct {
    long long target_id;
    char *code, *name, *measure_unit, *target_text, *comparator;
    bool has_target;
    double target;
    scorecard_point *points;    /* every period with a value row, oldest first (by period end) */
    size_t n_points;
} scorecard_trend;

/* What changed between two periods. */
typedef enum {
    SC_CHANGE_NONE = 0,   /* nothing to compare: no data in one of the periods */
    SC_CHANGE_IMPROVED,
    SC_CHANGE_SLIPPED,
    SC_CHANGE_UNCHANGED
} scorecard_change;
/* Stable codes "none", "improved", "slipped", "unchanged". */
const char *scorecard_change_code(scorecard_change c);

/* A target: improved when its verdict got better (not met → met → exceeded), or, with the same
 * verdict, its value moved the way the comparator wants (up for >=, >, =, maintain, boolean;
 * down for <=, <); slipped the other way; unchanged when equal; NONE without a value in both. */
typedef struct {
    long long target_id;
    char *code, *name, *group;
    int pos;
    bool has_before, has_after;
    double before, after;
    xaso_verdict verdict_before, verdict_after;
    scorecard_change change;
} scorecard_target_change;

/* A task: slipped when it became overdue, or its status went from done to not done, or its
 * completion % went down; else improved when it became done or its completion % went up;
 * unchanged when the status and completion stayed; NONE when nothing was reported for either
 * period (statuses as of each period's end, as on the scorecard). */
typedef struct {
    long long task_id;
    char *code, *name, *group;
    int pos;
    bool has_before, has_after;
    xaso_task_status status_before, status_after;
    double before, after;       /* counted completion % */
    xaso_warnings warnings_before, warnings_after;
    scorecard_change change;
} scorecard_task_change;

typedef struct {
    scorecard_asof before, after;
    scorecard_target_change *targets;  /* plan order */
    size_t n_targets;
    scorecard_task_change *tasks;      /* plan order */
    size_t n_tasks;
    size_t target_counts[4], task_counts[4]; /* indexed by scorecard_change */
} scorecard_comparison;

/* ---------- the whole picture ---------- */

typedef struct {
    size_t task;       /* index in task_list */
    long long unit_id;
} scorecard_lead;

typedef struct {
    long long id;
    char *code, *name, *group, *comparator;
    int pos;
    bool has_target;
    double target;
    bool has_value;             /* a value for the moment (now: the latest; P: P's own) */
    double value;
    xaso_verdict verdict;
} scorecard_target_state;

typedef struct {
    scorecard_asof asof;
    char *plan_key, *plan_symbol, *plan_title, *money_unit;
    /* headline figures */
    size_t targets, verdicts[4];          /* indexed by xaso_verdict */
    size_t tasks, statuses[6], unreported; /* indexed by xaso_task_status */
    size_t warnings[XASO_WARNING_COUNT];  /* in warning_at() order */
    size_t projects;
    double budget_total, budget_year, disbursed;
    /* groups, plan order */
    scorecard_target_group *target_groups;
    size_t n_target_groups;
    scorecard_task_group *task_groups;
    size_t n_task_groups;
    scorecard_project_group *project_groups;
    size_t n_project_groups;
    /* units that lead a task of the plan or sent a report for it; in the order of
       scorecard_sort() (initially the default order, see there) */
    scorecard_unit *units;
    size_t n_units;
    size_t tasks_without_lead;
    /* every task of the plan, plan order, and who leads it */
    scorecard_task *task_list;
    size_t n_task_list;
    scorecard_lead *leads;                /* (task index, lead unit), plan order */
    size_t n_leads;
    /* every target of the plan with its value as of the moment, plan order */
    scorecard_target_state *target_list;
    size_t n_target_list;
} xaso_scorecard;

/* Load everything for the plan of asof (cal: report deadlines; NULL = calendar_default()). */
int scorecard_load(xaso_store *st, const scorecard_asof *asof, const xaso_calendar *cal,
                   xaso_scorecard **out, xaso_error *err);
void scorecard_free(xaso_scorecard *sc);

/* The index of the target group that is furthest behind: the lowest share met, then the most
 * targets (a big group behind matters more), then plan order. (size_t)-1 when there is none. */
size_t scorecard_furthest_behind(const xaso_scorecard *sc);

/* Order the units by col (SC_COL_COUNT = the default order: the units that lag most first —
 * late + overdue descending, then not started descending, then average completion ascending,
 * then the office's unit order). Ties on col keep the default order. */
void scorecard_sort(xaso_scorecard *sc, scorecard_col col, bool desc);

/* The tasks behind a number of unit u: for SC_COL_UNIT, SC_COL_LED and SC_COL_AVG_COMPLETION all
 * the tasks it leads; for the class columns the tasks of that class; for the evidence columns
 * the led tasks with at least one such file; none for SC_COL_REPORTS_ON_TIME. u NULL = the tasks
 * without a lead unit (col ignored). malloc'd ids in plan order (*ids NULL when none). */
size_t scorecard_task_ids(const xaso_scorecard *sc, const scorecard_unit *u, scorecard_col col,
                          long long **ids);
/* The reports behind SC_COL_REPORTS_ON_TIME of u (report ids), malloc'd. */
size_t scorecard_report_ids(xaso_store *st, const xaso_scorecard *sc, const scorecard_unit *u,
                            long long **ids, xaso_error *err);

/* ---------- the columns, for screens and for the CSV ---------- */

typedef enum { SC_FIELD_TEXT, SC_FIELD_INTEGER, SC_FIELD_NUMBER } scorecard_field_type;

typedef struct {
    const char *code;        /* CSV header, stable: "unit_code", "tasks_led", … */
    scorecard_field_type type;
    const char *title_vi;    /* Vietnamese title (datapackage.json "title", the .docx header) */
    const char *description; /* English, for datapackage.json "description" */
} scorecard_field;

/* The fields of the scorecard CSV, in column order: unit_code, unit_name, tasks_led, on_time,
 * late, overdue, not_started, in_progress, behind_schedule, avg_completion, evidence_accepted,
 * evidence_rejected, evidence_pending, reports_due, reports_on_time. Primary key: unit_code. */
const scorecard_field *scorecard_fields(size_t *n);
/* Field i of unit u as CSV text (integers plain, avg_completion with one decimal "57.5"). */
const char *scorecard_field_text(const scorecard_unit *u, size_t i, char *buf, size_t size);

/* ---------- a target's trend; comparing two periods ---------- */

int scorecard_trend_load(xaso_store *st, long long target_id, scorecard_trend *out,
                         xaso_error *err);
void scorecard_trend_free(scorecard_trend *t);

/* The trends of every target of the plan at once (for a table column), plan order. */
int scorecard_trends_load(xaso_store *st, long long plan_id, scorecard_trend **out, size_t *n,
                          xaso_error *err);
void scorecard_trends_free(scorecard_trend *t, size_t n);

/* The latest period of `kind` up to and including `upto` (NULL: no limit) with any task update
 * or target value in the plan: "2026Q3". False when there is none. */
bool scorecard_latest_period(xaso_store *st, long long plan_id, xaso_period_kind kind,
                             const char *upto, char out[XASO_PERIOD_ID_SIZE]);

/* Compare the plan as of `period` with the period before it (period_previous()). */
int scorecard_compare(xaso_store *st, long long plan_id, const char *period,
                      scorecard_comparison *out, xaso_error *err);
void scorecard_comparison_free(scorecard_comparison *c);

#endif
