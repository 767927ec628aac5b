/* The working calendar: holidays, working days, deadline rules, the next report due, and the
 * agreement of calendar_default() with forms/calendar.yaml. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/calendar.h"
#include "xaso/calendar_file.h"
#include "xaso/yamldoc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    int y, m, d;
} ymd;

static xaso_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static xaso_date to_date(ymd v)
{
    return v.y ? date_from_ymd(v.y, v.m, v.d) : XASO_DATE_NONE;
}

static const char *fmt(xaso_date date, char *buf)
{
    return date_format_iso(date, buf, 16);
}

static xaso_period parsed(const char *id)
{
    xaso_period p;
    if (!period_parse(id, &p))
        fail_msg("period_parse(\"%s\") failed", id);
    return p;
}

static void test_codes(void **state)
{
    (void)state;
    static const struct {
        xaso_deadline_kind kind;
        const char *code;
    } kinds[] = {
        {DEADLINE_WORKING_DAYS_AFTER, "working-days-after"},
        {DEADLINE_BEFORE_DAY_OF_LAST_MONTH, "before-day-of-last-month"},
        {DEADLINE_LAST_WEEK_OF_LAST_MONTH, "last-week-of-last-month"},
        {DEADLINE_DAY_OF_NEXT_MONTH, "day-of-next-month"},
    };
    for (size_t i = 0; i < COUNT(kinds); i++) {
        xaso_deadline_kind back = (xaso_deadline_kind)99;
        assert_string_equal(deadline_kind_code(kinds[i].kind), kinds[i].code);
        assert_true(deadline_kind_from_code(kinds[i].code, &back));
        assert_int_equal(back, kinds[i].kind);
    }
    static const struct {
        xaso_deadline_shift shift;
        const char *code;
    } shifts[] = {{SHIFT_NONE, "none"}, {SHIFT_EARLIER, "earlier"}, {SHIFT_LATER, "later"}};
    for (size_t i = 0; i < COUNT(shifts); i++) {
        xaso_deadline_shift back = (xaso_deadline_shift)99;
        assert_string_equal(deadline_shift_code(shifts[i].shift), shifts[i].code);
        assert_true(deadline_shift_from_code(shifts[i].code, &back));
        assert_int_equal(back, shifts[i].shift);
    }
    assert_false(deadline_kind_from_code("working-days", NULL));
    assert_false(deadline_shift_from_code("before", NULL));
    assert_false(deadline_kind_from_code(NULL, NULL));
    assert_false(deadline_shift_from_code(NULL, NULL));

    static const struct {
        const char *text;
        bool ok;
        int day, month;
    } days[] = {
        {"15/12", true, 15, 12}, {"1/5", true, 1, 5},      {"01/05", true, 1, 5},
        {"29/02", true, 29, 2},  {"30/02", false, 0, 0},   {"31/04", false, 0, 0},
        {"15/13", false, 0, 0},  {"0/1", false, 0, 0},     {"15-12", false, 0, 0},
        {"15/12/2026", false, 0, 0}, {"015/12", false, 0, 0}, {"", false, 0, 0},
        {"/12", false, 0, 0},    {"15/", false, 0, 0},
    };
    for (size_t i = 0; i < COUNT(days); i++) {
        int day = -1, month = -1;
        assert_int_equal(calendar_parse_day_month(days[i].text, &day, &month), days[i].ok);
        if (days[i].ok) {
            assert_int_equal(day, days[i].day);
            assert_int_equal(month, days[i].month);
        } else {
            assert_int_equal(day, -1);
        }
    }
    assert_false(calendar_parse_day_month(NULL, NULL, NULL));
}

static void test_working_days_default(void **state)
{
    (void)state;
    static xaso_calendar cal;
    calendar_default(&cal);
    assert_null(calendar_problem(&cal));
    static const struct {
        ymd date;
        bool holiday, working;
    } cases[] = {
        {{2026, 11, 24}, false, true},  /* an ordinary Tuesday */
        {{2026, 11, 28}, false, false}, /* Saturday */
        {{2026, 11, 29}, false, false}, /* Sunday */
        {{2026, 1, 1}, true, false},    /* recurring 1/1 */
        {{2027, 1, 1}, true, false},
        {{2030, 4, 30}, true, false},   /* recurring, any year */
        {{2026, 5, 1}, true, false},
        {{2026, 9, 2}, true, false},
        {{2026, 9, 1}, true, false},    /* the day next to 2/9 */
        {{2026, 2, 13}, false, true},   /* Friday before Tết */
        {{2026, 2, 14}, true, false},   /* Tết Bính Ngọ */
        {{2026, 2, 17}, true, false},
        {{2026, 2, 22}, true, false},
        {{2026, 2, 23}, false, true},
        {{2025, 1, 27}, true, false},   /* Tết Ất Tỵ */
        {{2025, 2, 8}, false, true},    /* Saturday worked in exchange */
        {{2025, 4, 26}, false, true},   /* Saturday worked in exchange for 2/5 */
        {{2025, 5, 2}, true, false},
        {{2025, 4, 7}, true, false},    /* Giỗ Tổ 2025 */
        {{2026, 4, 26}, true, false},   /* Giỗ Tổ 2026, a Sunday */
        {{2026, 4, 27}, true, false},   /* its day in lieu */
        {{2027, 4, 16}, true, false},
        {{2027, 5, 3}, true, false},
        {{2027, 2, 10}, true, false},
        {{2027, 2, 12}, false, true},
    };
    char buf[16];
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_date date = to_date(cases[i].date);
        if (calendar_is_holiday(&cal, date) != cases[i].holiday ||
            calendar_is_working_day(&cal, date) != cases[i].working)
            fail_msg("%s: holiday %d working %d", fmt(date, buf), calendar_is_holiday(&cal, date),
                     calendar_is_working_day(&cal, date));
    }
    assert_true(calendar_is_weekend(&cal, D(2025, 4, 26)));
    assert_false(calendar_is_working_day(&cal, XASO_DATE_NONE));

    /* Counting: February 2026 has 20 weekdays, 5 of them in Tết; the whole of 2026 has 250. */
    assert_int_equal(calendar_count_working_days(&cal, D(2026, 2, 1), D(2026, 2, 28)), 15);
    assert_int_equal(calendar_count_working_days(&cal, D(2026, 1, 1), D(2026, 12, 31)), 250);
    assert_int_equal(calendar_count_working_days(&cal, D(2026, 3, 2), D(2026, 3, 2)), 1);
    assert_int_equal(calendar_count_working_days(&cal, D(2026, 3, 3), D(2026, 3, 2)), 0);
    assert_int_equal(calendar_count_working_days(&cal, XASO_DATE_NONE, D(2026, 3, 2)), 0);
}

static void test_add_working_days(void **state)
{
    (void)state;
    static xaso_calendar cal;
    calendar_default(&cal);
    static const struct {
        ymd from;
        int n;
        ymd want;
    } cases[] = {
        {{2026, 11, 23}, 1, {2026, 11, 24}},
        {{2026, 11, 27}, 1, {2026, 11, 30}}, /* Friday → Monday */
        {{2026, 11, 28}, 1, {2026, 11, 30}}, /* from a Saturday */
        {{2026, 2, 13}, 1, {2026, 2, 23}},   /* over Tết */
        {{2026, 2, 23}, -1, {2026, 2, 13}},
        {{2026, 4, 24}, 1, {2026, 4, 28}},   /* over Giỗ Tổ's day in lieu */
        {{2026, 4, 28}, 3, {2026, 5, 5}},    /* over 30/4, 1/5 and a weekend */
        {{2026, 3, 14}, 2, {2026, 3, 17}},
        {{2025, 4, 25}, 1, {2025, 4, 26}},   /* a make-up Saturday counts */
        {{2026, 11, 24}, 0, {2026, 11, 24}},
        {{2026, 11, 28}, 0, {2026, 11, 28}}, /* n = 0 returns the date as is */
        {{2026, 12, 1}, -5, {2026, 11, 24}},
        {{2026, 11, 23}, 25, {2026, 12, 28}},
    };
    char a[16], b[16];
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_date got = calendar_add_working_days(&cal, to_date(cases[i].from), cases[i].n);
        if (got != to_date(cases[i].want))
            fail_msg("%s %+d working days = %s, want %s", fmt(to_date(cases[i].from), a),
                     cases[i].n, fmt(got, b), fmt(to_date(cases[i].want), a));
    }
    assert_int_equal(calendar_working_day_on_or_after(&cal, D(2026, 2, 14)), D(2026, 2, 23));
    assert_int_equal(calendar_working_day_on_or_before(&cal, D(2026, 2, 22)), D(2026, 2, 13));
    assert_int_equal(calendar_working_day_on_or_before(&cal, D(2026, 2, 13)), D(2026, 2, 13));
    assert_int_equal(calendar_add_working_days(&cal, XASO_DATE_NONE, 1), XASO_DATE_NONE);

    /* A calendar with no working day at all gives up instead of looping. */
    static xaso_calendar closed;
    calendar_init(&closed);
    closed.weekend_mask = 0xFE;
    assert_non_null(calendar_problem(&closed));
    assert_int_equal(calendar_add_working_days(&closed, D(2026, 1, 1), 1), XASO_DATE_NONE);
    assert_int_equal(calendar_working_day_on_or_after(&closed, D(2026, 1, 1)), XASO_DATE_NONE);
}

static void test_building_and_problems(void **state)
{
    (void)state;
    static xaso_calendar cal;
    calendar_init(&cal);
    assert_null(calendar_problem(&cal));
    assert_int_equal(cal.weekend_mask, XASO_WEEKEND_SATURDAY_SUNDAY);
    assert_int_equal(cal.holiday_count + cal.recurring_count + cal.working_day_count + cal.rule_count,
                     0);
    assert_true(calendar_is_working_day(&cal, D(2026, 1, 1))); /* empty: no holidays */

    assert_false(calendar_add_holiday(&cal, D(2026, 2, 2), D(2026, 2, 1), "backwards"));
    assert_false(calendar_add_holiday(&cal, XASO_DATE_NONE, D(2026, 2, 1), "none"));
    assert_false(calendar_add_recurring_holiday(&cal, 2, 30, "30/2"));
    assert_false(calendar_add_recurring_holiday(&cal, 13, 1, "13"));
    assert_true(calendar_add_recurring_holiday(&cal, 2, 29, "leap day"));
    assert_true(calendar_is_holiday(&cal, D(2028, 2, 29)));
    assert_false(calendar_add_working_day(&cal, XASO_DATE_NONE, "none"));

    /* Tables refuse entries beyond their size. */
    for (int i = 0; i < XASO_CALENDAR_MAX_HOLIDAYS; i++)
        assert_true(calendar_add_holiday(&cal, D(2030, 1, 1) + i, D(2030, 1, 1) + i, "x"));
    assert_false(calendar_add_holiday(&cal, D(2031, 1, 1), D(2031, 1, 1), "one too many"));
    assert_int_equal(cal.holiday_count, XASO_CALENDAR_MAX_HOLIDAYS);

    /* Names are cut to fit, on a character boundary. */
    char long_name[300] = "";
    for (int i = 0; i < 40; i++) /* 200 bytes */
        strcat(long_name, "Tết");
    assert_true(calendar_add_working_day(&cal, D(2026, 1, 3), long_name));
    const char *stored = cal.working_days[0].name;
    assert_true(strlen(stored) < XASO_CALENDAR_NAME_SIZE);
    assert_int_equal(strlen(stored) % 5, 0); /* "Tết" is 5 bytes: only whole copies */
    assert_int_equal(strncmp(stored, long_name, strlen(stored)), 0);

    /* Rules: invalid ones are refused, a second rule for a cadence replaces the first. */
    xaso_deadline_rule rule = {PERIOD_MONTH, DEADLINE_WORKING_DAYS_AFTER, 2, WINDOW_CUTOFF,
                               SHIFT_NONE, "two days"};
    assert_true(calendar_add_rule(&cal, &rule));
    rule.days = 3;
    assert_true(calendar_add_rule(&cal, &rule));
    assert_int_equal(cal.rule_count, 1);
    assert_int_equal(calendar_rule_for(&cal, PERIOD_MONTH)->days, 3);
    assert_null(calendar_rule_for(&cal, PERIOD_WEEK));
    static const xaso_deadline_rule bad_rules[] = {
        {PERIOD_NONE, DEADLINE_WORKING_DAYS_AFTER, 2, WINDOW_CUTOFF, SHIFT_NONE, ""},
        {PERIOD_MONTH, DEADLINE_WORKING_DAYS_AFTER, -1, WINDOW_CUTOFF, SHIFT_NONE, ""},
        {PERIOD_MONTH, DEADLINE_BEFORE_DAY_OF_LAST_MONTH, 0, WINDOW_CUTOFF, SHIFT_NONE, ""},
        {PERIOD_MONTH, DEADLINE_DAY_OF_NEXT_MONTH, 32, WINDOW_CUTOFF, SHIFT_NONE, ""},
        {PERIOD_MONTH, (xaso_deadline_kind)9, 1, WINDOW_CUTOFF, SHIFT_NONE, ""},
        {PERIOD_MONTH, DEADLINE_DAY_OF_NEXT_MONTH, 5, (xaso_window_kind)5, SHIFT_NONE, ""},
        {PERIOD_MONTH, DEADLINE_DAY_OF_NEXT_MONTH, 5, WINDOW_CUTOFF, (xaso_deadline_shift)7, ""},
    };
    for (size_t i = 0; i < COUNT(bad_rules); i++)
        assert_false(calendar_add_rule(&cal, &bad_rules[i]));
    assert_null(calendar_problem(&cal));

    /* calendar_problem names what a loader would have got wrong. */
    static xaso_calendar broken;
    calendar_init(&broken);
    broken.windows.week_start_weekday = 9;
    assert_non_null(calendar_problem(&broken));
    calendar_init(&broken);
    broken.holidays[0] = (xaso_holiday){D(2026, 1, 2), D(2026, 1, 1), "backwards"};
    broken.holiday_count = 1;
    assert_non_null(calendar_problem(&broken));
    calendar_init(&broken);
    broken.recurring[0] = (xaso_recurring_holiday){4, 31, "31/4"};
    broken.recurring_count = 1;
    assert_non_null(calendar_problem(&broken));
    calendar_init(&broken);
    broken.rules[0] = rule;
    broken.rules[1] = rule;
    broken.rule_count = 2;
    assert_non_null(calendar_problem(&broken));
    broken.rule_count = 1;
    assert_null(calendar_problem(&broken));
    broken.rules[0].days = 400;
    assert_non_null(calendar_problem(&broken));
    assert_non_null(calendar_problem(NULL));
}

typedef struct {
    const char *period;
    xaso_deadline_rule rule;
    ymd window_start, window_end, opens, due;
} deadline_case;

static void check_deadlines(const xaso_calendar *cal, const deadline_case *cases, size_t n)
{
    char a[16], b[16], c[16], d[16];
    for (size_t i = 0; i < n; i++) {
        xaso_period p = parsed(cases[i].period);
        xaso_report_deadline got;
        assert_true(calendar_report_deadline(cal, &cases[i].rule, &p, &got));
        if (got.window_start != to_date(cases[i].window_start) ||
            got.window_end != to_date(cases[i].window_end) ||
            got.opens != to_date(cases[i].opens) || got.due != to_date(cases[i].due))
            fail_msg("case %zu (%s, %s): window %s…%s opens %s due %s", i, cases[i].period,
                     deadline_kind_code(cases[i].rule.kind), fmt(got.window_start, a),
                     fmt(got.window_end, b), fmt(got.opens, c), fmt(got.due, d));
        assert_memory_equal(&got.period, &p, sizeof p);
    }
}

static void test_deadlines_default_rules(void **state)
{
    (void)state;
    static xaso_calendar cal;
    calendar_default(&cal);
    const xaso_deadline_rule *weekly = calendar_rule_for(&cal, PERIOD_WEEK);
    const xaso_deadline_rule *monthly = calendar_rule_for(&cal, PERIOD_MONTH);
    const xaso_deadline_rule *quarterly = calendar_rule_for(&cal, PERIOD_QUARTER);
    const xaso_deadline_rule *half = calendar_rule_for(&cal, PERIOD_HALF);
    const xaso_deadline_rule *nine = calendar_rule_for(&cal, PERIOD_NINE_MONTHS);
    const xaso_deadline_rule *yearly = calendar_rule_for(&cal, PERIOD_YEAR);
    assert_non_null(weekly);
    assert_non_null(monthly);
    assert_non_null(quarterly);
    assert_non_null(half);
    assert_non_null(nine);
    assert_non_null(yearly);
    assert_string_equal(quarterly->text, "vào tuần cuối của tháng cuối trong quý");
    deadline_case cases[] = {
        /* quarterly: the last seven days of the quarter's last month, due its last working day */
        {"2026Q1", *quarterly, {2025, 12, 15}, {2026, 3, 14}, {2026, 3, 25}, {2026, 3, 31}},
        {"2026Q2", *quarterly, {2026, 3, 15}, {2026, 6, 14}, {2026, 6, 24}, {2026, 6, 30}},
        {"2026Q3", *quarterly, {2026, 6, 15}, {2026, 9, 14}, {2026, 9, 24}, {2026, 9, 30}},
        {"2026Q4", *quarterly, {2026, 9, 15}, {2026, 12, 14}, {2026, 12, 25}, {2026, 12, 31}},
        {"2024Q2", *quarterly, {2024, 3, 15}, {2024, 6, 14}, {2024, 6, 24}, {2024, 6, 28}},
        /* monthly: two working days after the 14th */
        {"202603", *monthly, {2026, 2, 15}, {2026, 3, 14}, {2026, 3, 15}, {2026, 3, 17}},
        {"202602", *monthly, {2026, 1, 15}, {2026, 2, 14}, {2026, 2, 15}, {2026, 2, 24}},
        {"202612", *monthly, {2026, 11, 15}, {2026, 12, 14}, {2026, 12, 15}, {2026, 12, 16}},
        /* weekly: the next working day */
        {"2026W05", *weekly, {2026, 1, 26}, {2026, 2, 1}, {2026, 2, 2}, {2026, 2, 2}},
        {"2026W17", *weekly, {2026, 4, 20}, {2026, 4, 26}, {2026, 4, 27}, {2026, 4, 28}},
        /* before the 25th of the last month */
        {"2026S1", *half, {2025, 12, 15}, {2026, 6, 14}, {2026, 6, 15}, {2026, 6, 24}},
        {"2026S2", *half, {2026, 6, 15}, {2026, 12, 14}, {2026, 12, 15}, {2026, 12, 24}},
        {"2026N9", *nine, {2025, 12, 15}, {2026, 9, 14}, {2026, 9, 15}, {2026, 9, 24}},
        {"2026", *yearly, {2025, 12, 15}, {2026, 12, 14}, {2026, 12, 15}, {2026, 12, 24}},
    };
    check_deadlines(&cal, cases, COUNT(cases));
}

static void test_deadlines_rule_kinds_and_shifts(void **state)
{
    (void)state;
    static xaso_calendar cal;
    calendar_default(&cal);
    const deadline_case cases[] = {
        /* before day 25 of October 2026: the 24th is a Saturday */
        {"202610", {PERIOD_MONTH, DEADLINE_BEFORE_DAY_OF_LAST_MONTH, 25, WINDOW_CUTOFF, SHIFT_NONE, ""},
         {2026, 9, 15}, {2026, 10, 14}, {2026, 10, 15}, {2026, 10, 24}},
        {"202610", {PERIOD_MONTH, DEADLINE_BEFORE_DAY_OF_LAST_MONTH, 25, WINDOW_CUTOFF, SHIFT_EARLIER, ""},
         {2026, 9, 15}, {2026, 10, 14}, {2026, 10, 15}, {2026, 10, 23}},
        {"202610", {PERIOD_MONTH, DEADLINE_BEFORE_DAY_OF_LAST_MONTH, 25, WINDOW_CUTOFF, SHIFT_LATER, ""},
         {2026, 9, 15}, {2026, 10, 14}, {2026, 10, 15}, {2026, 10, 26}},
        /* before day 31 of a 30-day month: its last day; before day 1: the previous month's end */
        {"202606", {PERIOD_MONTH, DEADLINE_BEFORE_DAY_OF_LAST_MONTH, 31, WINDOW_CALENDAR, SHIFT_NONE, ""},
         {2026, 6, 1}, {2026, 6, 30}, {2026, 6, 30}, {2026, 6, 30}},
        {"202606", {PERIOD_MONTH, DEADLINE_BEFORE_DAY_OF_LAST_MONTH, 1, WINDOW_CUTOFF, SHIFT_NONE, ""},
         {2026, 5, 15}, {2026, 6, 14}, {2026, 5, 31}, {2026, 5, 31}},
        /* day D of the month after: clamped to the month's end, then shifted */
        {"202601", {PERIOD_MONTH, DEADLINE_DAY_OF_NEXT_MONTH, 10, WINDOW_CUTOFF, SHIFT_NONE, ""},
         {2025, 12, 15}, {2026, 1, 14}, {2026, 1, 15}, {2026, 2, 10}},
        {"202601", {PERIOD_MONTH, DEADLINE_DAY_OF_NEXT_MONTH, 31, WINDOW_CUTOFF, SHIFT_LATER, ""},
         {2025, 12, 15}, {2026, 1, 14}, {2026, 1, 15}, {2026, 3, 2}},
        {"2026Q4", {PERIOD_QUARTER, DEADLINE_DAY_OF_NEXT_MONTH, 15, WINDOW_CALENDAR, SHIFT_NONE, ""},
         {2026, 10, 1}, {2026, 12, 31}, {2027, 1, 1}, {2027, 1, 15}},
        /* a day of the next month inside Tết moves out of it */
        {"202601", {PERIOD_MONTH, DEADLINE_DAY_OF_NEXT_MONTH, 16, WINDOW_CUTOFF, SHIFT_EARLIER, ""},
         {2025, 12, 15}, {2026, 1, 14}, {2026, 1, 15}, {2026, 2, 13}},
        /* zero working days: the closing day itself, shifted as the rule says */
        {"202603", {PERIOD_MONTH, DEADLINE_WORKING_DAYS_AFTER, 0, WINDOW_CUTOFF, SHIFT_NONE, ""},
         {2026, 2, 15}, {2026, 3, 14}, {2026, 3, 14}, {2026, 3, 14}},
        {"202603", {PERIOD_MONTH, DEADLINE_WORKING_DAYS_AFTER, 0, WINDOW_CUTOFF, SHIFT_LATER, ""},
         {2026, 2, 15}, {2026, 3, 14}, {2026, 3, 15}, {2026, 3, 16}},
        /* calendar window: working days after the month's end */
        {"202604", {PERIOD_MONTH, DEADLINE_WORKING_DAYS_AFTER, 1, WINDOW_CALENDAR, SHIFT_NONE, ""},
         {2026, 4, 1}, {2026, 4, 30}, {2026, 5, 1}, {2026, 5, 4}},
        /* a rule applies to any period it is given */
        {"2026S1", {PERIOD_QUARTER, DEADLINE_LAST_WEEK_OF_LAST_MONTH, 0, WINDOW_CUTOFF, SHIFT_NONE, ""},
         {2025, 12, 15}, {2026, 6, 14}, {2026, 6, 24}, {2026, 6, 30}},
    };
    check_deadlines(&cal, cases, COUNT(cases));

    xaso_deadline_rule bad = {PERIOD_MONTH, DEADLINE_DAY_OF_NEXT_MONTH, 0, WINDOW_CUTOFF,
                              SHIFT_NONE, ""};
    xaso_period p = parsed("202601"), invalid = {PERIOD_MONTH, 2026, 13};
    xaso_report_deadline out;
    assert_false(calendar_report_deadline(&cal, &bad, &p, &out));
    assert_false(calendar_report_deadline(&cal, calendar_rule_for(&cal, PERIOD_MONTH), &invalid,
                                          &out));
    assert_false(calendar_report_deadline(NULL, calendar_rule_for(&cal, PERIOD_MONTH), &p, &out));
    assert_false(calendar_report_deadline(&cal, NULL, &p, &out));
}

static void test_next_report(void **state)
{
    (void)state;
    static xaso_calendar cal;
    calendar_default(&cal);
    static const struct {
        ymd today;
        xaso_period_kind cadence;
        const char *period;
        ymd due;
        long days_left, working_days_left;
    } cases[] = {
        {{2026, 11, 23}, PERIOD_QUARTER, "2026Q4", {2026, 12, 31}, 38, 28},
        {{2026, 11, 23}, PERIOD_MONTH, "202612", {2026, 12, 16}, 23, 17},
        {{2026, 11, 23}, PERIOD_WEEK, "2026W47", {2026, 11, 23}, 0, 0},
        {{2026, 11, 24}, PERIOD_WEEK, "2026W48", {2026, 11, 30}, 6, 4},
        {{2026, 11, 23}, PERIOD_YEAR, "2026", {2026, 12, 24}, 31, 23},
        {{2026, 11, 23}, PERIOD_NINE_MONTHS, "2027N9", {2027, 9, 24}, 305, 208},
        {{2026, 6, 24}, PERIOD_HALF, "2026S1", {2026, 6, 24}, 0, 0},
        {{2026, 6, 25}, PERIOD_HALF, "2026S2", {2026, 12, 24}, 182, 128},
        /* The 202603 report is still due although today is in 202604's cut-off window. */
        {{2026, 3, 16}, PERIOD_MONTH, "202603", {2026, 3, 17}, 1, 1},
        {{2026, 3, 18}, PERIOD_MONTH, "202604", {2026, 4, 16}, 29, 21},
        {{2025, 12, 31}, PERIOD_QUARTER, "2025Q4", {2025, 12, 31}, 0, 0},
        {{2026, 1, 1}, PERIOD_QUARTER, "2026Q1", {2026, 3, 31}, 89, 58},
    };
    char a[16], buf[XASO_PERIOD_ID_SIZE];
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_next_report next;
        assert_true(calendar_next_report(&cal, cases[i].cadence, to_date(cases[i].today), &next));
        if (strcmp(period_format(&next.report.period, buf, sizeof buf), cases[i].period) != 0 ||
            next.report.due != to_date(cases[i].due) || next.days_left != cases[i].days_left)
            fail_msg("case %zu: next %s report is %s due %s in %ld days", i,
                     period_cadence_code(cases[i].cadence), buf, fmt(next.report.due, a),
                     next.days_left);
        assert_int_equal(next.working_days_left, cases[i].working_days_left);
        assert_true(next.report.due >= to_date(cases[i].today));
    }

    /* No rule for the cadence: no answer. An explicit rule answers anyway. */
    static xaso_calendar empty;
    calendar_init(&empty);
    xaso_next_report next;
    assert_false(calendar_next_report(&empty, PERIOD_QUARTER, D(2026, 11, 23), &next));
    assert_true(calendar_next_report_by_rule(&empty, calendar_rule_for(&cal, PERIOD_QUARTER),
                                             D(2026, 11, 23), &next));
    assert_int_equal(next.report.due, D(2026, 12, 31));
    assert_false(calendar_next_report(&cal, PERIOD_QUARTER, XASO_DATE_NONE, &next));
    assert_false(calendar_next_report(NULL, PERIOD_QUARTER, D(2026, 11, 23), &next));
}

/* ---- forms/calendar.yaml says what calendar_default() builds ------------------------------- */

static void test_default_matches_calendar_yaml(void **state)
{
    (void)state;
    /* The tests run from the repository root (make check). The file is read by the program's own
     * loader, so what the province edits is what this test checks. */
    static xaso_calendar from_file, built_in;
    xaso_error err;
    if (calendar_load("forms/calendar.yaml", &from_file, &err))
        fail_msg("forms/calendar.yaml:%d:%d: %s", err.line, err.col, err.message);
    calendar_default(&built_in);
    assert_null(calendar_problem(&from_file));

    assert_int_equal(from_file.weekend_mask, built_in.weekend_mask);
    assert_memory_equal(&from_file.windows, &built_in.windows, sizeof built_in.windows);
    assert_int_equal(from_file.recurring_count, built_in.recurring_count);
    for (size_t i = 0; i < built_in.recurring_count; i++) {
        assert_int_equal(from_file.recurring[i].month, built_in.recurring[i].month);
        assert_int_equal(from_file.recurring[i].day, built_in.recurring[i].day);
        assert_string_equal(from_file.recurring[i].name, built_in.recurring[i].name);
    }
    assert_int_equal(from_file.holiday_count, built_in.holiday_count);
    for (size_t i = 0; i < built_in.holiday_count; i++) {
        assert_int_equal(from_file.holidays[i].first, built_in.holidays[i].first);
        assert_int_equal(from_file.holidays[i].last, built_in.holidays[i].last);
        assert_string_equal(from_file.holidays[i].name, built_in.holidays[i].name);
    }
    assert_int_equal(from_file.working_day_count, built_in.working_day_count);
    for (size_t i = 0; i < built_in.working_day_count; i++) {
        assert_int_equal(from_file.working_days[i].date, built_in.working_days[i].date);
        assert_string_equal(from_file.working_days[i].name, built_in.working_days[i].name);
    }
    assert_int_equal(from_file.rule_count, built_in.rule_count);
    for (size_t i = 0; i < built_in.rule_count; i++) {
        const xaso_deadline_rule *a = &from_file.rules[i], *b = &built_in.rules[i];
        assert_int_equal(a->period_kind, b->period_kind);
        assert_int_equal(a->kind, b->kind);
        assert_int_equal(a->days, b->days);
        assert_int_equal(a->window, b->window);
        assert_int_equal(a->shift, b->shift);
        assert_string_equal(a->text, b->text);
    }
    /* Every cadence has a rule, and 2025-2027 hold Tết, Giỗ Tổ and the day next to 2/9. */
    for (int k = PERIOD_YEAR; k <= PERIOD_WEEK; k++)
        assert_non_null(calendar_rule_for(&built_in, (xaso_period_kind)k));
    for (int year = 2025; year <= 2027; year++) {
        int tet = 0, gio_to = 0, national_day = 0;
        for (size_t i = 0; i < built_in.holiday_count; i++) {
            if (date_year_of(built_in.holidays[i].first) != year)
                continue;
            tet += strstr(built_in.holidays[i].name, "Tết Nguyên đán") != NULL;
            gio_to += strncmp(built_in.holidays[i].name, "Giỗ Tổ", strlen("Giỗ Tổ")) == 0;
            national_day += strstr(built_in.holidays[i].name, "Quốc khánh") != NULL;
        }
        assert_int_equal(tet, 1);
        assert_int_equal(gio_to, 1);
        assert_int_equal(national_day, 1);
    }
}

static void test_calendar_file_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, col;
        const char *message;
    } cases[] = {
        {"xaso-calendar: 1\nholidays:\n  - {date: 2026-02-30, name: x}\n", 3, 12,
         "must be a date"},
        {"xaso-calendar: 1\nweekends: [6, 7]\n", 2, 1, "unknown key \"weekends\""},
        {"xaso-calendar: 1\ndeadlines:\n  - {cadence: fortnightly, rule: working-days-after}\n",
         3, 15, "cadence"},
        {"xaso-calendar: 1\nweekend: [1, 2, 3, 4, 5, 6, 7]\n", 1, 1, "not consistent"},
        {"xaso-calendar: 2\n", 1, 16, "version 1"},
        {"xaso-calendar: 1\nholidays:\n  - {from: 2026-02-22, to: 2026-02-14, name: x}\n", 3, 5,
         "ends before it starts"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char path[] = "/tmp/xaso-calendar-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, cases[i].text, strlen(cases[i].text)),
                         (ssize_t)strlen(cases[i].text));
        close(fd);
        static xaso_calendar cal, def;
        xaso_error err;
        assert_int_equal(calendar_load(path, &cal, &err), XASO_EX_DATAERR);
        unlink(path);
        if (!strstr(err.message, cases[i].message) || err.line != cases[i].line ||
            err.col != cases[i].col)
            fail_msg("case %zu: %d:%d: %s", i, err.line, err.col, err.message);
        calendar_default(&def); /* a bad file leaves the built-in calendar */
        assert_int_equal(cal.rule_count, def.rule_count);
        assert_int_equal(cal.holiday_count, def.holiday_count);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_working_days_default),
        cmocka_unit_test(test_add_working_days),
        cmocka_unit_test(test_building_and_problems),
        cmocka_unit_test(test_deadlines_default_rules),
        cmocka_unit_test(test_deadlines_rule_kinds_and_shifts),
        cmocka_unit_test(test_next_report),
        cmocka_unit_test(test_default_matches_calendar_yaml),
        cmocka_unit_test(test_calendar_file_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
