/* The working calendar: weekends, public holidays, make-up working days, the province's cut-off
 * window settings and the report deadline rules. All of it is data (forms/calendar.yaml, or
 * calendar_default() built in); the functions here are pure. */
#ifndef XASO_CALENDAR_H
#define XASO_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include "xaso/date.h"
#include "xaso/period.h"

#define XASO_CALENDAR_MAX_HOLIDAYS 96
#define XASO_CALENDAR_MAX_RECURRING 16
#define XASO_CALENDAR_MAX_WORKING_DAYS 32
#define XASO_CALENDAR_MAX_RULES 16
#define XASO_CALENDAR_NAME_SIZE 96
#define XASO_CALENDAR_TEXT_SIZE 160

/* A holiday on explicit dates: first … last inclusive (one day: first == last). Tết, Giỗ Tổ Hùng
 * Vương, the day next to 2/9, compensating days off. */
typedef struct {
    xaso_date first, last;
    char name[XASO_CALENDAR_NAME_SIZE];
} xaso_holiday;

/* A holiday on the same day every year: 1/1, 30/4, 1/5, 2/9. */
typedef struct {
    int month, day;
    char name[XASO_CALENDAR_NAME_SIZE];
} xaso_recurring_holiday;

/* A weekend day declared a working day (làm bù), e.g. Saturday 26/04/2025. */
typedef struct {
    xaso_date date;
    char name[XASO_CALENDAR_NAME_SIZE];
} xaso_working_day;

/* How a report deadline follows from its period. "The window" is the period's cut-off or calendar
 * window, as the rule says; "the last month" is the month the window ends in. */
typedef enum {
    /* "N working days after the window ends" (N >= 0; 0 = the last day of the window). */
    DEADLINE_WORKING_DAYS_AFTER = 0,
    /* "before day D of the last month" ("trước ngày 25 của tháng cuối kỳ"): due on day D-1. */
    DEADLINE_BEFORE_DAY_OF_LAST_MONTH,
    /* "during the last week of the last month" ("vào tuần cuối của tháng cuối trong quý"): the
     * last seven days of that month; due on its last working day. */
    DEADLINE_LAST_WEEK_OF_LAST_MONTH,
    /* "on day D of the month after the last month" (D beyond the month's end = its last day). */
    DEADLINE_DAY_OF_NEXT_MONTH
} xaso_deadline_kind;

/* Codes: "working-days-after", "before-day-of-last-month", "last-week-of-last-month",
 * "day-of-next-month". */
const char *deadline_kind_code(xaso_deadline_kind k);
bool deadline_kind_from_code(const char *code, xaso_deadline_kind *out);

/* What to do when a computed due date is not a working day. Codes "none", "earlier" (the working
 * day before: the safe choice), "later" (the next working day, as Bộ luật Dân sự 2015 Điều 148
 * khoản 5 reads time limits). */
typedef enum { SHIFT_NONE = 0, SHIFT_EARLIER, SHIFT_LATER } xaso_deadline_shift;
const char *deadline_shift_code(xaso_deadline_shift s);
bool deadline_shift_from_code(const char *code, xaso_deadline_shift *out);

typedef struct {
    xaso_period_kind period_kind;   /* the cadence the rule is for */
    xaso_deadline_kind kind;
    int days;                       /* N working days, or day D of a month (1..31) */
    xaso_window_kind window;        /* which window the report covers (normally the cut-off) */
    xaso_deadline_shift shift;
    char text[XASO_CALENDAR_TEXT_SIZE]; /* the wording, as documents put it */
} xaso_deadline_rule;

typedef struct xaso_calendar {
    unsigned weekend_mask;          /* bit (1u << weekday), weekday 1 = Monday … 7 = Sunday */
    xaso_window_settings windows;   /* nine-month and week cut-off windows */
    xaso_holiday holidays[XASO_CALENDAR_MAX_HOLIDAYS];
    size_t holiday_count;
    xaso_recurring_holiday recurring[XASO_CALENDAR_MAX_RECURRING];
    size_t recurring_count;
    xaso_working_day working_days[XASO_CALENDAR_MAX_WORKING_DAYS];
    size_t working_day_count;
    xaso_deadline_rule rules[XASO_CALENDAR_MAX_RULES];
    size_t rule_count;
} xaso_calendar;

#define XASO_WEEKEND_SATURDAY_SUNDAY ((1u << 6) | (1u << 7))

/* An empty calendar: Saturday and Sunday off, default windows, no holidays, no rules. A loader
 * starts here and adds what the file says. */
void calendar_init(xaso_calendar *cal);
/* The built-in calendar; the same values as forms/calendar.yaml (the fallback when the file is
 * missing). */
void calendar_default(xaso_calendar *cal);

/* Adders return false when the table is full or the entry is not valid (names are cut to fit). */
bool calendar_add_holiday(xaso_calendar *cal, xaso_date first, xaso_date last, const char *name);
bool calendar_add_recurring_holiday(xaso_calendar *cal, int month, int day, const char *name);
bool calendar_add_working_day(xaso_calendar *cal, xaso_date date, const char *name);
/* A second rule for the same cadence replaces the first. */
bool calendar_add_rule(xaso_calendar *cal, const xaso_deadline_rule *rule);

/* Parse a day of the year written "DD/MM" or "D/M" ("15/12", "1/5"); false unless it exists in
 * some year (29/02 is accepted). For loaders of forms/calendar.yaml. */
bool calendar_parse_day_month(const char *text, int *day, int *month);

/* NULL when the calendar is consistent, else a short English description of the first problem
 * (for the loader's error message): no working weekday, a holiday ending before it starts, an
 * impossible recurring date, a rule with days out of range, invalid window settings. */
const char *calendar_problem(const xaso_calendar *cal);

bool calendar_is_weekend(const xaso_calendar *cal, xaso_date date);
/* A listed or recurring holiday (whatever the weekday). */
bool calendar_is_holiday(const xaso_calendar *cal, xaso_date date);
/* Not a weekend day and not a holiday, or a declared make-up working day. */
bool calendar_is_working_day(const xaso_calendar *cal, xaso_date date);
/* The n-th working day after date (n > 0) or before it (n < 0), date itself not counted; n == 0
 * returns date. XASO_DATE_NONE when no working day is found within ten years. */
xaso_date calendar_add_working_days(const xaso_calendar *cal, xaso_date date, int n);
xaso_date calendar_working_day_on_or_before(const xaso_calendar *cal, xaso_date date);
xaso_date calendar_working_day_on_or_after(const xaso_calendar *cal, xaso_date date);
/* Working days in from … to, both included (0 when to < from). */
long calendar_count_working_days(const xaso_calendar *cal, xaso_date from, xaso_date to);

/* The calendar's rule for a cadence, or NULL. */
const xaso_deadline_rule *calendar_rule_for(const xaso_calendar *cal, xaso_period_kind cadence);

typedef struct {
    xaso_period period;
    xaso_date window_start, window_end; /* the data the report covers */
    xaso_date opens;                    /* from when the report is expected */
    xaso_date due;                      /* last day to submit (inclusive) */
} xaso_report_deadline;

/* The deadline of the report for period p under rule (p's kind need not match the rule's). The
 * due date is shifted off non-working days as the rule says. `opens` is the day after the window
 * ends (for the last-week rule: the first day of that week), never later than `due`. */
bool calendar_report_deadline(const xaso_calendar *cal, const xaso_deadline_rule *rule,
                              const xaso_period *p, xaso_report_deadline *out);

typedef struct {
    xaso_report_deadline report;
    long days_left;         /* due - today in calendar days: 0 = due today */
    long working_days_left; /* working days after today up to and including due */
} xaso_next_report;

/* The earliest report of this cadence whose due date is on or after today, under the calendar's
 * rule for the cadence (false when there is none) or under an explicit rule. */
bool calendar_next_report(const xaso_calendar *cal, xaso_period_kind cadence, xaso_date today,
                          xaso_next_report *out);
bool calendar_next_report_by_rule(const xaso_calendar *cal, const xaso_deadline_rule *rule,
                                  xaso_date today, xaso_next_report *out);

#endif
