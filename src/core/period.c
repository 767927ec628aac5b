/* Reporting periods, their identifiers and windows. */
#include "xaso/period.h"

#include <stdio.h>
#include <string.h>

static const struct {
    xaso_period_kind kind;
    const char *code;
    const char *cadence;
} kinds[] = {
    {PERIOD_YEAR, "year", "yearly"},
    {PERIOD_HALF, "half", "6-month"},
    {PERIOD_NINE_MONTHS, "nine-months", "9-month"},
    {PERIOD_QUARTER, "quarter", "quarterly"},
    {PERIOD_MONTH, "month", "monthly"},
    {PERIOD_WEEK, "week", "weekly"},
};

#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

const char *period_kind_code(xaso_period_kind k)
{
    for (size_t i = 0; i < KIND_COUNT; i++)
        if (kinds[i].kind == k)
            return kinds[i].code;
    return "";
}

bool period_kind_from_code(const char *code, xaso_period_kind *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < KIND_COUNT; i++) {
        if (strcmp(kinds[i].code, code) == 0) {
            if (out)
                *out = kinds[i].kind;
            return true;
        }
    }
    return false;
}

const char *period_cadence_code(xaso_period_kind k)
{
    for (size_t i = 0; i < KIND_COUNT; i++)
        if (kinds[i].kind == k)
            return kinds[i].cadence;
    return "";
}

bool period_kind_from_cadence_code(const char *code, xaso_period_kind *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < KIND_COUNT; i++) {
        if (strcmp(kinds[i].cadence, code) == 0) {
            if (out)
                *out = kinds[i].kind;
            return true;
        }
    }
    return false;
}

const char *window_kind_code(xaso_window_kind w)
{
    return w == WINDOW_CUTOFF ? "cutoff" : "calendar";
}

bool window_kind_from_code(const char *code, xaso_window_kind *out)
{
    xaso_window_kind w;
    if (!code)
        return false;
    if (strcmp(code, "calendar") == 0)
        w = WINDOW_CALENDAR;
    else if (strcmp(code, "cutoff") == 0)
        w = WINDOW_CUTOFF;
    else
        return false;
    if (out)
        *out = w;
    return true;
}

/* ---- identifiers -------------------------------------------------------------------------- */

static int max_index(xaso_period_kind kind, int year)
{
    switch (kind) {
    case PERIOD_YEAR:
    case PERIOD_NINE_MONTHS:
        return 0;
    case PERIOD_HALF:
        return 2;
    case PERIOD_QUARTER:
        return 4;
    case PERIOD_MONTH:
        return 12;
    case PERIOD_WEEK:
        return date_iso_weeks_in_year(year);
    case PERIOD_NONE:
        break;
    }
    return -1;
}

bool period_valid(const xaso_period *p)
{
    if (!p || p->year < XASO_DATE_MIN_YEAR || p->year > XASO_DATE_MAX_YEAR)
        return false;
    int max = max_index(p->kind, p->year);
    if (max < 0)
        return false;
    if (max == 0)
        return p->index == 0;
    return p->index >= 1 && p->index <= max;
}

bool period_make(xaso_period_kind kind, int year, int index, xaso_period *out)
{
    xaso_period p = {kind, year, index};
    if (!period_valid(&p))
        return false;
    if (out)
        *out = p;
    return true;
}

static bool digits(const char *s, size_t n, int *value)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

bool period_parse(const char *id, xaso_period *out)
{
    if (!id)
        return false;
    size_t len = strlen(id);
    xaso_period p = {PERIOD_NONE, 0, 0};
    if (len < 4 || !digits(id, 4, &p.year) || id[0] == '0')
        return false;
    const char *rest = id + 4;
    if (len == 4) {
        p.kind = PERIOD_YEAR;
    } else if (len == 6 && rest[0] == 'S' && digits(rest + 1, 1, &p.index)) {
        p.kind = PERIOD_HALF;
    } else if (len == 6 && rest[0] == 'N' && rest[1] == '9') {
        p.kind = PERIOD_NINE_MONTHS;
    } else if (len == 6 && rest[0] == 'Q' && digits(rest + 1, 1, &p.index)) {
        p.kind = PERIOD_QUARTER;
    } else if (len == 6 && digits(rest, 2, &p.index)) {
        p.kind = PERIOD_MONTH;
    } else if (len == 7 && rest[0] == 'W' && digits(rest + 1, 2, &p.index)) {
        p.kind = PERIOD_WEEK;
    } else {
        return false;
    }
    if (!period_valid(&p))
        return false;
    if (out)
        *out = p;
    return true;
}

char *period_format(const xaso_period *p, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    buf[0] = '\0';
    if (!period_valid(p))
        return buf;
    switch (p->kind) {
    case PERIOD_YEAR:
        snprintf(buf, size, "%04d", p->year);
        break;
    case PERIOD_HALF:
        snprintf(buf, size, "%04dS%d", p->year, p->index);
        break;
    case PERIOD_NINE_MONTHS:
        snprintf(buf, size, "%04dN9", p->year);
        break;
    case PERIOD_QUARTER:
        snprintf(buf, size, "%04dQ%d", p->year, p->index);
        break;
    case PERIOD_MONTH:
        snprintf(buf, size, "%04d%02d", p->year, p->index);
        break;
    case PERIOD_WEEK:
        snprintf(buf, size, "%04dW%02d", p->year, p->index);
        break;
    case PERIOD_NONE:
        break;
    }
    return buf;
}

char *period_title_vi(const xaso_period *p, char *buf, size_t size)
{
    static const char *const roman[] = {"I", "II", "III", "IV"};
    if (!buf || size == 0)
        return buf;
    buf[0] = '\0';
    if (!period_valid(p))
        return buf;
    switch (p->kind) {
    case PERIOD_YEAR:
        snprintf(buf, size, "năm %d", p->year);
        break;
    case PERIOD_HALF:
        snprintf(buf, size, "6 tháng %s năm %d", p->index == 1 ? "đầu" : "cuối", p->year);
        break;
    case PERIOD_NINE_MONTHS:
        snprintf(buf, size, "9 tháng năm %d", p->year);
        break;
    case PERIOD_QUARTER:
        snprintf(buf, size, "quý %s năm %d", roman[p->index - 1], p->year);
        break;
    case PERIOD_MONTH:
        snprintf(buf, size, "tháng %d năm %d", p->index, p->year);
        break;
    case PERIOD_WEEK:
        snprintf(buf, size, "tuần %d năm %d", p->index, p->year);
        break;
    case PERIOD_NONE:
        break;
    }
    return buf;
}

/* ---- windows ------------------------------------------------------------------------------ */

void window_settings_default(xaso_window_settings *s)
{
    s->nine_months_start_month = 12;
    s->nine_months_start_day = 15;
    s->nine_months_start_in_previous_year = true;
    s->nine_months_end_month = 9;
    s->nine_months_end_day = 14;
    s->week_start_weekday = 1;
}

/* A day of the year that exists every year (so 29/02 is refused). */
static bool valid_month_day(int month, int day)
{
    return month >= 1 && month <= 12 && day >= 1 && day <= date_days_in_month(2001, month);
}

bool window_settings_valid(const xaso_window_settings *s)
{
    if (!s || !valid_month_day(s->nine_months_start_month, s->nine_months_start_day) ||
        !valid_month_day(s->nine_months_end_month, s->nine_months_end_day) ||
        s->week_start_weekday < 1 || s->week_start_weekday > 7)
        return false;
    int start = s->nine_months_start_month * 100 + s->nine_months_start_day;
    int end = s->nine_months_end_month * 100 + s->nine_months_end_day;
    /* Within one year the start must come first; across years it must not overlap itself. */
    if (s->nine_months_start_in_previous_year)
        return start > end;
    return start <= end;
}

bool period_calendar_window(const xaso_period *p, xaso_date *start, xaso_date *end)
{
    if (!period_valid(p))
        return false;
    int y = p->year;
    xaso_date first, last;
    switch (p->kind) {
    case PERIOD_YEAR:
        first = date_from_ymd(y, 1, 1);
        last = date_from_ymd(y, 12, 31);
        break;
    case PERIOD_HALF:
        first = date_from_ymd(y, p->index == 1 ? 1 : 7, 1);
        last = date_last_of_month(y, p->index == 1 ? 6 : 12);
        break;
    case PERIOD_NINE_MONTHS:
        first = date_from_ymd(y, 1, 1);
        last = date_from_ymd(y, 9, 30);
        break;
    case PERIOD_QUARTER:
        first = date_from_ymd(y, p->index * 3 - 2, 1);
        last = date_last_of_month(y, p->index * 3);
        break;
    case PERIOD_MONTH:
        first = date_from_ymd(y, p->index, 1);
        last = date_last_of_month(y, p->index);
        break;
    case PERIOD_WEEK:
        first = date_iso_week_monday(y, p->index);
        last = first + 6;
        break;
    default:
        return false;
    }
    if (start)
        *start = first;
    if (end)
        *end = last;
    return true;
}

/* Decree 09: from day 15 of the month before first_month to day 14 of last_month. */
static void decree09_window(int year, int first_month, int last_month, xaso_date *first,
                            xaso_date *last)
{
    int start_year = year, start_month = first_month;
    date_add_months(&start_year, &start_month, -1);
    *first = date_from_ymd(start_year, start_month, 15);
    *last = date_from_ymd(year, last_month, 14);
}

bool period_cutoff_window(const xaso_period *p, const xaso_window_settings *settings,
                          xaso_date *start, xaso_date *end)
{
    xaso_window_settings defaults;
    if (!settings) {
        window_settings_default(&defaults);
        settings = &defaults;
    }
    if (!period_valid(p) || !window_settings_valid(settings))
        return false;
    int y = p->year;
    xaso_date first, last;
    switch (p->kind) {
    case PERIOD_YEAR:
        decree09_window(y, 1, 12, &first, &last);
        break;
    case PERIOD_HALF:
        decree09_window(y, p->index == 1 ? 1 : 7, p->index == 1 ? 6 : 12, &first, &last);
        break;
    case PERIOD_QUARTER:
        decree09_window(y, p->index * 3 - 2, p->index * 3, &first, &last);
        break;
    case PERIOD_MONTH:
        decree09_window(y, p->index, p->index, &first, &last);
        break;
    case PERIOD_NINE_MONTHS:
        first = date_from_ymd(y - (settings->nine_months_start_in_previous_year ? 1 : 0),
                              settings->nine_months_start_month, settings->nine_months_start_day);
        last = date_from_ymd(y, settings->nine_months_end_month, settings->nine_months_end_day);
        break;
    case PERIOD_WEEK: {
        /* The window ends on the weekday before the start weekday, inside the ISO week. */
        int end_weekday = settings->week_start_weekday == 1 ? 7 : settings->week_start_weekday - 1;
        last = date_iso_week_monday(y, p->index) + (end_weekday - 1);
        first = last - 6;
        break;
    }
    default:
        return false;
    }
    if (start)
        *start = first;
    if (end)
        *end = last;
    return true;
}

bool period_window(const xaso_period *p, xaso_window_kind window,
                   const xaso_window_settings *settings, xaso_date *start, xaso_date *end)
{
    if (window == WINDOW_CUTOFF)
        return period_cutoff_window(p, settings, start, end);
    return period_calendar_window(p, start, end);
}

bool period_containing(xaso_period_kind kind, xaso_date date, xaso_window_kind window,
                       const xaso_window_settings *settings, xaso_period *out)
{
    xaso_window_settings defaults;
    if (!settings) {
        window_settings_default(&defaults);
        settings = &defaults;
    }
    if (date == XASO_DATE_NONE || !window_settings_valid(settings))
        return false;
    int year = date_year_of(date);
    if (year < XASO_DATE_MIN_YEAR || year > XASO_DATE_MAX_YEAR)
        return false;

    if (kind == PERIOD_WEEK) {
        /* The week whose window ends on the first end weekday on or after date. */
        xaso_date end = date;
        if (window == WINDOW_CUTOFF) {
            int end_weekday =
                settings->week_start_weekday == 1 ? 7 : settings->week_start_weekday - 1;
            end = date + (end_weekday - date_weekday(date) + 7) % 7;
        }
        xaso_period p = {PERIOD_WEEK, 0, 0};
        date_iso_week(end, &p.year, &p.index);
        if (!period_valid(&p))
            return false;
        if (out)
            *out = p;
        return true;
    }

    int max = max_index(kind, year);
    if (max < 0)
        return false;
    /* A window is at most a year long and starts at most a month early: the period is in the
     * date's year or the next one (a cut-off window of next year starts on 15/12). */
    for (int y = year - 1; y <= year + 1; y++) {
        for (int index = max == 0 ? 0 : 1; index <= max; index++) {
            xaso_period p = {kind, y, index};
            xaso_date first, last;
            if (!period_window(&p, window, settings, &first, &last))
                continue;
            if (date >= first && date <= last) {
                if (out)
                    *out = p;
                return true;
            }
        }
    }
    return false;
}

bool period_previous(const xaso_period *p, xaso_period *out)
{
    if (!period_valid(p))
        return false;
    xaso_period q = *p;
    if (q.index <= 1) {
        q.year--;
        if (q.kind == PERIOD_YEAR || q.kind == PERIOD_NINE_MONTHS)
            q.index = 0;
        else
            q.index = max_index(q.kind, q.year);
    } else {
        q.index--;
    }
    if (!period_valid(&q))
        return false;
    if (out)
        *out = q;
    return true;
}

bool period_next(const xaso_period *p, xaso_period *out)
{
    if (!period_valid(p))
        return false;
    xaso_period q = *p;
    if (q.index >= max_index(q.kind, q.year)) {
        q.year++;
        q.index = max_index(q.kind, q.year) == 0 ? 0 : 1;
    } else {
        q.index++;
    }
    if (!period_valid(&q))
        return false;
    if (out)
        *out = q;
    return true;
}

bool period_within_years(const xaso_period *p, int from_year, int to_year)
{
    if (!period_valid(p))
        return false;
    if (from_year != 0 && p->year < from_year)
        return false;
    if (to_year != 0 && p->year > to_year)
        return false;
    return true;
}

int period_compare(const xaso_period *a, const xaso_period *b)
{
    xaso_date a_start = 0, a_end = 0, b_start = 0, b_end = 0;
    bool a_ok = period_calendar_window(a, &a_start, &a_end);
    bool b_ok = period_calendar_window(b, &b_start, &b_end);
    if (a_ok != b_ok)
        return a_ok ? -1 : 1; /* invalid periods sort last */
    if (!a_ok)
        return 0;
    if (a_start != b_start)
        return a_start < b_start ? -1 : 1;
    if (a_end != b_end)
        return a_end > b_end ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return 0;
}
