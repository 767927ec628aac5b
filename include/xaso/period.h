/* Reporting periods: identifiers in the DHIS2 convention (extended), their calendar windows and
 * their cut-off windows under Nghị định 09/2019/NĐ-CP, Điều 12. Pure functions. */
#ifndef XASO_PERIOD_H
#define XASO_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include "xaso/date.h"

typedef enum {
    PERIOD_NONE = 0,
    PERIOD_YEAR,        /* "2026"                         cadence "yearly"    */
    PERIOD_HALF,        /* "2026S1", "2026S2"             cadence "6-month"   */
    PERIOD_NINE_MONTHS, /* "2026N9"                       cadence "9-month"   */
    PERIOD_QUARTER,     /* "2026Q1" … "2026Q4"            cadence "quarterly" */
    PERIOD_MONTH,       /* "202603"                       cadence "monthly"   */
    PERIOD_WEEK         /* "2026W05" (ISO 8601 week)      cadence "weekly"    */
} xaso_period_kind;

/* Stable codes: "year", "half", "nine-months", "quarter", "month", "week" ("" for PERIOD_NONE). */
const char *period_kind_code(xaso_period_kind k);
bool period_kind_from_code(const char *code, xaso_period_kind *out);
/* Cadence codes as plans and the calendar file use them: "yearly", "6-month", "9-month",
 * "quarterly", "monthly", "weekly". */
const char *period_cadence_code(xaso_period_kind k);
bool period_kind_from_cadence_code(const char *code, xaso_period_kind *out);

typedef struct {
    xaso_period_kind kind;
    int year;  /* four digits; for weeks the ISO week-numbering year */
    int index; /* half 1-2, quarter 1-4, month 1-12, week 1-52/53; 0 for year and nine months */
} xaso_period;

/* Longest identifier plus the terminating NUL ("2026W05"). */
#define XASO_PERIOD_ID_SIZE 8

/* Parse an identifier strictly: exactly "YYYY", "YYYYS1"/"YYYYS2", "YYYYN9", "YYYYQ1".."YYYYQ4",
 * "YYYYMM" (01-12), "YYYYWww" (two digits, 01 up to the ISO weeks of that year: 2026 has 53,
 * 2025 has 52). Upper-case letters only; no spaces. */
bool period_parse(const char *id, xaso_period *out);
/* Writes the identifier (buf >= XASO_PERIOD_ID_SIZE) or "" when p is not valid. */
char *period_format(const xaso_period *p, char *buf, size_t size);
bool period_valid(const xaso_period *p);
/* Build and validate in one step. */
bool period_make(xaso_period_kind kind, int year, int index, xaso_period *out);
/* The Vietnamese name used in report titles: "năm 2026", "6 tháng đầu năm 2026",
 * "6 tháng cuối năm 2026", "9 tháng năm 2026", "quý I năm 2026", "tháng 3 năm 2026",
 * "tuần 5 năm 2026"; "" when p is not valid. */
char *period_title_vi(const xaso_period *p, char *buf, size_t size);

/* Which window a period means: calendar (statistical indicators) or cut-off (administrative
 * reports, Decree 09). Codes "calendar", "cutoff". */
typedef enum { WINDOW_CALENDAR = 0, WINDOW_CUTOFF } xaso_window_kind;
const char *window_kind_code(xaso_window_kind w);
bool window_kind_from_code(const char *code, xaso_window_kind *out);

/* The cut-off windows Decree 09 leaves to the province. */
typedef struct {
    /* Nine months: from start_day/start_month (of the previous year when
     * start_in_previous_year) to end_day/end_month of the period's year. */
    int nine_months_start_month, nine_months_start_day;
    bool nine_months_start_in_previous_year;
    int nine_months_end_month, nine_months_end_day;
    /* Week: the cut-off week runs from this ISO weekday (1 = Monday … 7 = Sunday) to the day
     * before it, and ends inside the ISO week it is named after. 1 = the ISO week itself;
     * 5 = Friday of the previous week … Thursday. */
    int week_start_weekday;
} xaso_window_settings;

/* Defaults: nine months 15/12 of the previous year → 14/09; weeks Monday → Sunday. */
void window_settings_default(xaso_window_settings *s);
/* True when the months and days are real (29/02 is refused), the nine-month window is at most a
 * year long and not empty, and the weekday is 1..7. */
bool window_settings_valid(const xaso_window_settings *s);

/* Calendar window: the period's first and last day. Nine months = 1/1 … 30/9; week = ISO week. */
bool period_calendar_window(const xaso_period *p, xaso_date *start, xaso_date *end);
/* Cut-off window (Decree 09, Điều 12): month 15/previous month … 14/month; quarter 15/month
 * before the quarter … 14/its last month (Q3 = 15/06 … 14/09); S1 15/12 previous year … 14/06;
 * S2 15/06 … 14/12; year 15/12 previous year … 14/12; nine months and week from settings
 * (NULL = window_settings_default). False when p or the settings are not valid. */
bool period_cutoff_window(const xaso_period *p, const xaso_window_settings *settings,
                          xaso_date *start, xaso_date *end);
/* Either window. */
bool period_window(const xaso_period *p, xaso_window_kind window,
                   const xaso_window_settings *settings, xaso_date *start, xaso_date *end);

/* The period of `kind` whose window holds `date`. False when none does (e.g. 20/10 is in no
 * nine-month cut-off window) or the arguments are not valid. By cut-off, 20/12/2026 is in
 * 202701, 2027Q1, 2027S1, 2027 and 2027N9 (with the default settings). */
bool period_containing(xaso_period_kind kind, xaso_date date, xaso_window_kind window,
                       const xaso_window_settings *settings, xaso_period *out);

/* The period before / after p of the same kind (2026Q1 → 2025Q4, 2026W01 → 2025W52, 2026N9 →
 * 2025N9). False when p is not valid or the result leaves four-digit years. */
bool period_previous(const xaso_period *p, xaso_period *out);
bool period_next(const xaso_period *p, xaso_period *out);

/* True when the period's year (the ISO year for weeks) lies in from_year … to_year; 0 leaves
 * that end open. A plan for 2025-2030 holds 2025Q1 … 2030. */
bool period_within_years(const xaso_period *p, int from_year, int to_year);

/* Order for sorting: by calendar start, then longer periods first, then kind. */
int period_compare(const xaso_period *a, const xaso_period *b);

#endif
