/* Working days, holidays and report deadlines. */
#include "xaso/calendar.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Ten years: the longest scan for a working day before giving up (a calendar with every day off). */
#define WORKING_DAY_SCAN_LIMIT 3660

static const char *const deadline_kind_codes[] = {
    [DEADLINE_WORKING_DAYS_AFTER] = "working-days-after",
    [DEADLINE_BEFORE_DAY_OF_LAST_MONTH] = "before-day-of-last-month",
    [DEADLINE_LAST_WEEK_OF_LAST_MONTH] = "last-week-of-last-month",
    [DEADLINE_DAY_OF_NEXT_MONTH] = "day-of-next-month",
};

static const char *const shift_codes[] = {
    [SHIFT_NONE] = "none",
    [SHIFT_EARLIER] = "earlier",
    [SHIFT_LATER] = "later",
};

const char *deadline_kind_code(xaso_deadline_kind k)
{
    return (size_t)k < COUNT(deadline_kind_codes) ? deadline_kind_codes[k] : "";
}

bool deadline_kind_from_code(const char *code, xaso_deadline_kind *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < COUNT(deadline_kind_codes); i++) {
        if (strcmp(deadline_kind_codes[i], code) == 0) {
            if (out)
                *out = (xaso_deadline_kind)i;
            return true;
        }
    }
    return false;
}

const char *deadline_shift_code(xaso_deadline_shift s)
{
    return (size_t)s < COUNT(shift_codes) ? shift_codes[s] : "";
}

bool deadline_shift_from_code(const char *code, xaso_deadline_shift *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < COUNT(shift_codes); i++) {
        if (strcmp(shift_codes[i], code) == 0) {
            if (out)
                *out = (xaso_deadline_shift)i;
            return true;
        }
    }
    return false;
}

/* ---- building ----------------------------------------------------------------------------- */

/* Copies a UTF-8 name, cut at a character boundary when it does not fit. */
static void copy_name(char *dst, size_t size, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

void calendar_init(xaso_calendar *cal)
{
    memset(cal, 0, sizeof *cal);
    cal->weekend_mask = XASO_WEEKEND_SATURDAY_SUNDAY;
    window_settings_default(&cal->windows);
}

bool calendar_add_holiday(xaso_calendar *cal, xaso_date first, xaso_date last, const char *name)
{
    if (cal->holiday_count >= XASO_CALENDAR_MAX_HOLIDAYS || first == XASO_DATE_NONE ||
        last == XASO_DATE_NONE || last < first)
        return false;
    xaso_holiday *h = &cal->holidays[cal->holiday_count++];
    h->first = first;
    h->last = last;
    copy_name(h->name, sizeof h->name, name);
    return true;
}

static bool valid_recurring_date(int month, int day)
{
    /* 29/02 is allowed: it simply recurs only in leap years. */
    return month >= 1 && month <= 12 && day >= 1 && day <= date_days_in_month(2000, month);
}

bool calendar_parse_day_month(const char *text, int *day, int *month)
{
    if (!text)
        return false;
    int values[2] = {0, 0};
    const char *p = text;
    for (int part = 0; part < 2; part++) {
        int digits = 0;
        while (*p >= '0' && *p <= '9' && digits < 3) {
            values[part] = values[part] * 10 + (*p - '0');
            p++;
            digits++;
        }
        if (digits < 1 || digits > 2)
            return false;
        if (part == 0 && *p++ != '/')
            return false;
    }
    if (*p != '\0' || !valid_recurring_date(values[1], values[0]))
        return false;
    if (day)
        *day = values[0];
    if (month)
        *month = values[1];
    return true;
}

bool calendar_add_recurring_holiday(xaso_calendar *cal, int month, int day, const char *name)
{
    if (cal->recurring_count >= XASO_CALENDAR_MAX_RECURRING || !valid_recurring_date(month, day))
        return false;
    xaso_recurring_holiday *h = &cal->recurring[cal->recurring_count++];
    h->month = month;
    h->day = day;
    copy_name(h->name, sizeof h->name, name);
    return true;
}

bool calendar_add_working_day(xaso_calendar *cal, xaso_date date, const char *name)
{
    if (cal->working_day_count >= XASO_CALENDAR_MAX_WORKING_DAYS || date == XASO_DATE_NONE)
        return false;
    xaso_working_day *w = &cal->working_days[cal->working_day_count++];
    w->date = date;
    copy_name(w->name, sizeof w->name, name);
    return true;
}

static bool valid_rule(const xaso_deadline_rule *rule)
{
    if (!rule || !period_kind_code(rule->period_kind)[0] ||
        (size_t)rule->kind >= COUNT(deadline_kind_codes) ||
        (size_t)rule->shift >= COUNT(shift_codes) ||
        (rule->window != WINDOW_CALENDAR && rule->window != WINDOW_CUTOFF))
        return false;
    switch (rule->kind) {
    case DEADLINE_WORKING_DAYS_AFTER:
        return rule->days >= 0 && rule->days <= 366;
    case DEADLINE_BEFORE_DAY_OF_LAST_MONTH:
    case DEADLINE_DAY_OF_NEXT_MONTH:
        return rule->days >= 1 && rule->days <= 31;
    case DEADLINE_LAST_WEEK_OF_LAST_MONTH:
        return true;
    }
    return false;
}

bool calendar_add_rule(xaso_calendar *cal, const xaso_deadline_rule *rule)
{
    if (!valid_rule(rule))
        return false;
    for (size_t i = 0; i < cal->rule_count; i++) {
        if (cal->rules[i].period_kind == rule->period_kind) {
            cal->rules[i] = *rule;
            return true;
        }
    }
    if (cal->rule_count >= XASO_CALENDAR_MAX_RULES)
        return false;
    cal->rules[cal->rule_count++] = *rule;
    return true;
}

const char *calendar_problem(const xaso_calendar *cal)
{
    if (!cal)
        return "no calendar";
    if ((cal->weekend_mask & 0xFEu) == 0xFEu)
        return "every weekday is a weekend day";
    if (!window_settings_valid(&cal->windows))
        return "the nine-month or week cut-off settings are not valid";
    if (cal->holiday_count > XASO_CALENDAR_MAX_HOLIDAYS ||
        cal->recurring_count > XASO_CALENDAR_MAX_RECURRING ||
        cal->working_day_count > XASO_CALENDAR_MAX_WORKING_DAYS ||
        cal->rule_count > XASO_CALENDAR_MAX_RULES)
        return "a table holds more entries than it can";
    for (size_t i = 0; i < cal->holiday_count; i++)
        if (cal->holidays[i].first == XASO_DATE_NONE || cal->holidays[i].last == XASO_DATE_NONE ||
            cal->holidays[i].last < cal->holidays[i].first)
            return "a holiday ends before it starts";
    for (size_t i = 0; i < cal->recurring_count; i++)
        if (!valid_recurring_date(cal->recurring[i].month, cal->recurring[i].day))
            return "a recurring holiday is not a real day of the year";
    for (size_t i = 0; i < cal->rule_count; i++) {
        if (!valid_rule(&cal->rules[i]))
            return "a deadline rule is not valid (unknown cadence or kind, or days out of range)";
        for (size_t k = 0; k < i; k++)
            if (cal->rules[k].period_kind == cal->rules[i].period_kind)
                return "two deadline rules for the same cadence";
    }
    return NULL;
}

/* ---- working days ------------------------------------------------------------------------- */

bool calendar_is_weekend(const xaso_calendar *cal, xaso_date date)
{
    return (cal->weekend_mask & (1u << date_weekday(date))) != 0;
}

bool calendar_is_holiday(const xaso_calendar *cal, xaso_date date)
{
    for (size_t i = 0; i < cal->holiday_count; i++)
        if (date >= cal->holidays[i].first && date <= cal->holidays[i].last)
            return true;
    if (cal->recurring_count) {
        int m, d;
        date_to_ymd(date, NULL, &m, &d);
        for (size_t i = 0; i < cal->recurring_count; i++)
            if (cal->recurring[i].month == m && cal->recurring[i].day == d)
                return true;
    }
    return false;
}

bool calendar_is_working_day(const xaso_calendar *cal, xaso_date date)
{
    if (date == XASO_DATE_NONE)
        return false;
    for (size_t i = 0; i < cal->working_day_count; i++)
        if (cal->working_days[i].date == date)
            return true;
    return !calendar_is_weekend(cal, date) && !calendar_is_holiday(cal, date);
}

xaso_date calendar_add_working_days(const xaso_calendar *cal, xaso_date date, int n)
{
    if (date == XASO_DATE_NONE)
        return XASO_DATE_NONE;
    int step = n < 0 ? -1 : 1;
    int remaining = n < 0 ? -n : n;
    int scanned = 0;
    while (remaining > 0) {
        date += step;
        if (++scanned > WORKING_DAY_SCAN_LIMIT + remaining * 7)
            return XASO_DATE_NONE;
        if (calendar_is_working_day(cal, date))
            remaining--;
    }
    return date;
}

static xaso_date working_day_toward(const xaso_calendar *cal, xaso_date date, int step)
{
    if (date == XASO_DATE_NONE)
        return XASO_DATE_NONE;
    for (int i = 0; i <= WORKING_DAY_SCAN_LIMIT; i++, date += step)
        if (calendar_is_working_day(cal, date))
            return date;
    return XASO_DATE_NONE;
}

xaso_date calendar_working_day_on_or_before(const xaso_calendar *cal, xaso_date date)
{
    return working_day_toward(cal, date, -1);
}

xaso_date calendar_working_day_on_or_after(const xaso_calendar *cal, xaso_date date)
{
    return working_day_toward(cal, date, 1);
}

long calendar_count_working_days(const xaso_calendar *cal, xaso_date from, xaso_date to)
{
    if (from == XASO_DATE_NONE || to == XASO_DATE_NONE)
        return 0;
    long count = 0;
    for (xaso_date d = from; d <= to; d++)
        if (calendar_is_working_day(cal, d))
            count++;
    return count;
}

/* ---- deadlines ---------------------------------------------------------------------------- */

const xaso_deadline_rule *calendar_rule_for(const xaso_calendar *cal, xaso_period_kind cadence)
{
    for (size_t i = 0; i < cal->rule_count; i++)
        if (cal->rules[i].period_kind == cadence)
            return &cal->rules[i];
    return NULL;
}

/* Day `day` of (year, month), or its last day when the month is shorter. */
static xaso_date clamped_day(int year, int month, int day)
{
    int last = date_days_in_month(year, month);
    return date_from_ymd(year, month, day < last ? day : last);
}

bool calendar_report_deadline(const xaso_calendar *cal, const xaso_deadline_rule *rule,
                              const xaso_period *p, xaso_report_deadline *out)
{
    if (!cal || !valid_rule(rule))
        return false;
    xaso_date start, end;
    if (!period_window(p, rule->window, &cal->windows, &start, &end))
        return false;
    int year, month;
    date_to_ymd(end, &year, &month, NULL);
    xaso_date opens = end + 1, due;
    switch (rule->kind) {
    case DEADLINE_WORKING_DAYS_AFTER:
        due = calendar_add_working_days(cal, end, rule->days);
        break;
    case DEADLINE_BEFORE_DAY_OF_LAST_MONTH: {
        /* Day D-1; "before day 31" of a 30-day month is its last day. */
        int days = date_days_in_month(year, month);
        int before = rule->days <= days ? rule->days : days + 1;
        due = date_from_ymd(year, month, 1) + (before - 2);
        break;
    }
    case DEADLINE_LAST_WEEK_OF_LAST_MONTH: {
        xaso_date last = date_last_of_month(year, month);
        opens = last - 6;
        due = calendar_working_day_on_or_before(cal, last);
        if (due == XASO_DATE_NONE || due < opens)
            due = last; /* the whole week is off: keep the month's end */
        break;
    }
    case DEADLINE_DAY_OF_NEXT_MONTH: {
        int next_year = year, next_month = month;
        date_add_months(&next_year, &next_month, 1);
        due = clamped_day(next_year, next_month, rule->days);
        break;
    }
    default:
        return false;
    }
    if (due == XASO_DATE_NONE)
        return false;
    if (!calendar_is_working_day(cal, due)) {
        xaso_date shifted = due;
        if (rule->shift == SHIFT_EARLIER)
            shifted = calendar_working_day_on_or_before(cal, due);
        else if (rule->shift == SHIFT_LATER)
            shifted = calendar_working_day_on_or_after(cal, due);
        if (shifted != XASO_DATE_NONE)
            due = shifted;
    }
    if (opens > due)
        opens = due;
    if (out) {
        out->period = *p;
        out->window_start = start;
        out->window_end = end;
        out->opens = opens;
        out->due = due;
    }
    return true;
}

bool calendar_next_report_by_rule(const xaso_calendar *cal, const xaso_deadline_rule *rule,
                                  xaso_date today, xaso_next_report *out)
{
    if (!cal || !valid_rule(rule) || today == XASO_DATE_NONE)
        return false;
    /* Walk the periods from the start of last year: deadlines grow with the periods, so the first
     * one not yet passed is the next report due. */
    xaso_period p;
    int first_index = (rule->period_kind == PERIOD_YEAR || rule->period_kind == PERIOD_NINE_MONTHS)
                          ? 0
                          : 1;
    if (!period_make(rule->period_kind, date_year_of(today) - 1, first_index, &p))
        return false;
    for (int step = 0; step < 200; step++) {
        xaso_report_deadline deadline;
        if (calendar_report_deadline(cal, rule, &p, &deadline) && deadline.due >= today) {
            if (out) {
                out->report = deadline;
                out->days_left = deadline.due - today;
                out->working_days_left = calendar_count_working_days(cal, today + 1, deadline.due);
            }
            return true;
        }
        if (!period_next(&p, &p))
            return false;
    }
    return false;
}

bool calendar_next_report(const xaso_calendar *cal, xaso_period_kind cadence, xaso_date today,
                          xaso_next_report *out)
{
    if (!cal)
        return false;
    const xaso_deadline_rule *rule = calendar_rule_for(cal, cadence);
    return rule && calendar_next_report_by_rule(cal, rule, today, out);
}

/* ---- the built-in calendar (keep in step with forms/calendar.yaml) -------------------------- */

static const struct {
    int month, day;
    const char *name;
} default_recurring[] = {
    {1, 1, "Tết Dương lịch"},
    {4, 30, "Ngày Chiến thắng (30/4)"},
    {5, 1, "Ngày Quốc tế Lao động (1/5)"},
    {9, 2, "Quốc khánh (2/9)"},
};

static const struct {
    int first_year, first_month, first_day;
    int last_year, last_month, last_day;
    const char *name;
} default_holidays[] = {
    {2025, 1, 25, 2025, 2, 2, "Tết Nguyên đán Ất Tỵ"},
    {2025, 4, 7, 2025, 4, 7, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
    {2025, 5, 2, 2025, 5, 2, "Nghỉ hoán đổi dịp 30/4 - 1/5 (làm bù thứ Bảy 26/4/2025)"},
    {2025, 9, 1, 2025, 9, 1, "Quốc khánh (ngày liền kề)"},
    {2026, 2, 14, 2026, 2, 22, "Tết Nguyên đán Bính Ngọ"},
    {2026, 4, 26, 2026, 4, 26, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
    {2026, 4, 27, 2026, 4, 27, "Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)"},
    {2026, 9, 1, 2026, 9, 1, "Quốc khánh (ngày liền kề, cần kiểm tra)"},
    {2027, 2, 5, 2027, 2, 11, "Tết Nguyên đán Đinh Mùi (dự kiến, cần kiểm tra)"},
    {2027, 4, 16, 2027, 4, 16, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
    {2027, 5, 3, 2027, 5, 3, "Nghỉ bù 1/5 (1/5/2027 là thứ Bảy)"},
    {2027, 9, 3, 2027, 9, 3, "Quốc khánh (ngày liền kề, dự kiến)"},
};

static const struct {
    int year, month, day;
    const char *name;
} default_working_days[] = {
    {2025, 2, 8, "Làm bù cho ngày nghỉ Tết 27/01/2025"},
    {2025, 4, 26, "Làm bù cho ngày nghỉ 02/05/2025"},
};

static const xaso_deadline_rule default_rules[] = {
    {PERIOD_WEEK, DEADLINE_WORKING_DAYS_AFTER, 1, WINDOW_CUTOFF, SHIFT_NONE,
     "chậm nhất 01 ngày làm việc sau ngày chốt số liệu"},
    {PERIOD_MONTH, DEADLINE_WORKING_DAYS_AFTER, 2, WINDOW_CUTOFF, SHIFT_NONE,
     "chậm nhất 02 ngày làm việc sau ngày chốt số liệu"},
    {PERIOD_QUARTER, DEADLINE_LAST_WEEK_OF_LAST_MONTH, 0, WINDOW_CUTOFF, SHIFT_EARLIER,
     "vào tuần cuối của tháng cuối trong quý"},
    {PERIOD_HALF, DEADLINE_BEFORE_DAY_OF_LAST_MONTH, 25, WINDOW_CUTOFF, SHIFT_EARLIER,
     "trước ngày 25 của tháng cuối kỳ"},
    {PERIOD_NINE_MONTHS, DEADLINE_BEFORE_DAY_OF_LAST_MONTH, 25, WINDOW_CUTOFF, SHIFT_EARLIER,
     "trước ngày 25 của tháng cuối kỳ"},
    {PERIOD_YEAR, DEADLINE_BEFORE_DAY_OF_LAST_MONTH, 25, WINDOW_CUTOFF, SHIFT_EARLIER,
     "trước ngày 25 của tháng cuối kỳ"},
};

void calendar_default(xaso_calendar *cal)
{
    calendar_init(cal);
    for (size_t i = 0; i < COUNT(default_recurring); i++)
        calendar_add_recurring_holiday(cal, default_recurring[i].month, default_recurring[i].day,
                                       default_recurring[i].name);
    for (size_t i = 0; i < COUNT(default_holidays); i++)
        calendar_add_holiday(cal,
                             date_from_ymd(default_holidays[i].first_year,
                                           default_holidays[i].first_month,
                                           default_holidays[i].first_day),
                             date_from_ymd(default_holidays[i].last_year,
                                           default_holidays[i].last_month,
                                           default_holidays[i].last_day),
                             default_holidays[i].name);
    for (size_t i = 0; i < COUNT(default_working_days); i++)
        calendar_add_working_day(cal,
                                 date_from_ymd(default_working_days[i].year,
                                               default_working_days[i].month,
                                               default_working_days[i].day),
                                 default_working_days[i].name);
    for (size_t i = 0; i < COUNT(default_rules); i++)
        calendar_add_rule(cal, &default_rules[i]);
}
