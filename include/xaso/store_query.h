/* Read-only queries for the full-screen interface: the dashboard's aggregates, tables that are
 * filtered, sorted and fetched a page at a time, detail records and the audit history.
 * Nothing here draws or translates for display: cells are raw text or stable codes (statuses,
 * warnings, verdicts, period identifiers), and labels are msgids marked with N_(). */
#ifndef XASO_STORE_QUERY_H
#define XASO_STORE_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/calendar.h"
#include "xaso/date.h"
#include "xaso/error.h"
#include "xaso/period.h"
#include "xaso/store.h"
#include "xaso/warning.h"

typedef enum {
    QUERY_PLANS,
    QUERY_TARGETS,
    QUERY_TASKS,
    QUERY_PROJECTS,
    QUERY_UNITS,
    QUERY_REPORTS,
    QUERY_AUDIT,
    QUERY_TABLE_COUNT
} query_table;

/* How a cell's text is to be read. */
typedef enum {
    QCOL_TEXT,
    QCOL_CODE,         /* short identifier, never translated */
    QCOL_NUMBER,       /* integer count */
    QCOL_PERCENT,      /* a number 0..100 */
    QCOL_MONEY,        /* an amount (the plan's money unit) */
    QCOL_DATE,         /* ISO YYYY-MM-DD */
    QCOL_TIMESTAMP,    /* ISO 8601 UTC */
    QCOL_PERIOD,       /* a period identifier ("2026Q3") */
    QCOL_TASK_STATUS,  /* a task status code, "" = never reported */
    QCOL_WARNINGS,     /* warning codes, comma-separated */
    QCOL_VERDICT,      /* a verdict code */
    QCOL_REPORT_STATE, /* a report state code */
    QCOL_UNIT_KIND,    /* office | group | external */
    QCOL_DAYS,         /* a signed number of days */
    QCOL_HEADING,      /* detail views only: a heading line, value may be a period identifier */
    QCOL_TREND         /* a target's values, oldest first: "TARGET|V1;V2;…" (empty = no value) */
} query_col_kind;

#define QUERY_MAX_COLUMNS 10

typedef struct {
    const char *id;    /* stable name: "code", "name", … */
    const char *label; /* header, marked N_() */
    query_col_kind kind;
    bool flex;         /* takes the width that is left (names, titles) */
    int min_width, max_width;
    bool optional;     /* may be left out when the screen is narrow (right to left) */
} query_column;

/* The columns of a table, in display order. */
const query_column *query_columns(query_table t, size_t *n);
/* A stable name ("tasks") and a title marked N_() ("Tasks"). */
const char *query_table_code(query_table t);
const char *query_table_title(query_table t);

typedef enum {
    FILTER_UNIT,    /* value: unit id */
    FILTER_STATUS,  /* tasks: status code or "none"; targets: verdict code; reports: state */
    FILTER_WARNING, /* warning code (tasks) */
    FILTER_GROUP,   /* the group heading (grp); units: kind; audit: table name */
    FILTER_HORIZON, /* a year (targets: horizon; plans: a year within the plan) */
    FILTER_DIM_COUNT
} query_filter_dim;

const char *query_filter_dim_code(query_filter_dim d); /* "unit", "status", … */
const char *query_filter_dim_label(query_filter_dim d); /* N_() */
bool query_table_has_filter(query_table t, query_filter_dim d);

typedef struct {
    char *search;                   /* malloc'd; NULL or "" = none; diacritics ignored */
    char *value[FILTER_DIM_COUNT];  /* malloc'd; NULL = not filtered */
    char *ids;                      /* malloc'd JSON array of row ids; NULL = any row */
} query_filter;

void query_filter_clear(query_filter *f);
void query_filter_set(query_filter *f, query_filter_dim d, const char *value);
void query_filter_set_search(query_filter *f, const char *search);
/* Only the rows with these ids (the tasks behind a number on the scorecard); n 0 = none. */
void query_filter_set_ids(query_filter *f, const long long *ids, size_t n);
bool query_filter_active(const query_filter *f);

/* The context of all queries: the store, the current plan, today, the calendar. */
typedef struct xaso_query xaso_query;

/* plan_id 0 = the current plan chosen automatically (the latest plan not archived; none when the
 * database holds no plan). today usually store_today(). */
int query_open(xaso_store *st, long long plan_id, xaso_date today, const xaso_calendar *cal,
               xaso_query **out, xaso_error *err);
void query_close(xaso_query *q);
long long query_plan_id(const xaso_query *q);
int query_set_plan(xaso_query *q, long long plan_id, xaso_error *err);
xaso_date query_today(const xaso_query *q);
/* The current reporting period (the quarter whose cut-off window holds today). */
const xaso_period *query_current_period(const xaso_query *q);

/* Choices for a filter: value (what query_filter holds) and label (database text, or NULL when
 * the value is a code the interface translates). */
typedef struct {
    char *value;
    char *label;
} query_option;
int query_filter_options(xaso_query *q, query_table t, query_filter_dim d, query_option **out,
                         size_t *n, xaso_error *err);
void query_options_free(query_option *opts, size_t n);

/* An ordered list of the rows of a table that pass a filter: only their ids (and, for tasks, the
 * warnings) are kept in memory; cells are fetched a row at a time. sort_col < 0 = natural order
 * (the plan's order). */
typedef struct query_list query_list;
int query_list_open(xaso_query *q, query_table t, const query_filter *f, int sort_col, bool desc,
                    query_list **out, xaso_error *err);
void query_list_free(query_list *l);
size_t query_list_count(const query_list *l);
long long query_list_id(const query_list *l, size_t i);
/* Position of id in the list, or (size_t)-1. */
size_t query_list_find(const query_list *l, long long id);

typedef struct {
    long long id;
    char *cell[QUERY_MAX_COLUMNS]; /* malloc'd; NULL = empty */
} query_row;
int query_list_row(xaso_query *q, query_list *l, size_t i, query_row *out, xaso_error *err);
void query_row_free(query_row *r);

/* The dashboard of the current plan. */
typedef struct {
    xaso_next_report report;
    xaso_period_kind cadence;
    char state[16]; /* report state code, "" when the report has not been started */
} query_next_report;

typedef struct {
    long long plan_id;
    char *key, *symbol, *title, *money_unit;
    int period_from, period_to;
    size_t targets, verdicts[4];   /* indexed by xaso_verdict */
    size_t tasks, statuses[6];     /* indexed by xaso_task_status */
    size_t tasks_unreported;       /* nothing reported yet */
    size_t warnings[XASO_WARNING_COUNT]; /* in warning_at() order */
    size_t projects;
    double budget_total, budget_year, disbursed;
    size_t next_count;
    query_next_report next[6];     /* sorted by due date */
} query_dashboard;
int query_dashboard_load(xaso_query *q, query_dashboard *out, xaso_error *err);
void query_dashboard_free(query_dashboard *d);

/* A record shown field by field. */
typedef struct {
    const char *label;   /* N_() msgid; for QCOL_HEADING the heading */
    query_col_kind kind;
    char *value;         /* malloc'd; NULL = empty */
} query_field;
typedef struct {
    query_field *fields;
    size_t n, cap;
} query_detail;
int query_detail_load(xaso_query *q, query_table t, long long id, query_detail *out,
                      xaso_error *err);
void query_detail_free(query_detail *d);

/* Escape % _ and \ for a LIKE pattern with ESCAPE '\'. malloc'd. */
char *query_like_escape(const char *s);

#endif
