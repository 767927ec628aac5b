/* Period identifiers, calendar and Decree 09 cut-off windows, containing/previous/next. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "xaso/period.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    int y, m, d;
} ymd;

static xaso_date to_date(ymd v)
{
    return date_from_ymd(v.y, v.m, v.d);
}

static xaso_period parsed(const char *id)
{
    xaso_period p;
    if (!period_parse(id, &p))
        fail_msg("period_parse(\"%s\") failed", id);
    return p;
}

static void test_kind_codes(void **state)
{
    (void)state;
    static const struct {
        xaso_period_kind kind;
        const char *code, *cadence;
    } cases[] = {
        {PERIOD_YEAR, "year", "yearly"},          {PERIOD_HALF, "half", "6-month"},
        {PERIOD_NINE_MONTHS, "nine-months", "9-month"}, {PERIOD_QUARTER, "quarter", "quarterly"},
        {PERIOD_MONTH, "month", "monthly"},       {PERIOD_WEEK, "week", "weekly"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_period_kind back = PERIOD_NONE;
        assert_string_equal(period_kind_code(cases[i].kind), cases[i].code);
        assert_string_equal(period_cadence_code(cases[i].kind), cases[i].cadence);
        assert_true(period_kind_from_code(cases[i].code, &back));
        assert_int_equal(back, cases[i].kind);
        back = PERIOD_NONE;
        assert_true(period_kind_from_cadence_code(cases[i].cadence, &back));
        assert_int_equal(back, cases[i].kind);
    }
    assert_string_equal(period_kind_code(PERIOD_NONE), "");
    assert_false(period_kind_from_code("yearly", NULL));
    assert_false(period_kind_from_cadence_code("year", NULL));
    assert_false(period_kind_from_cadence_code("on-request", NULL));
    assert_false(period_kind_from_code(NULL, NULL));

    xaso_window_kind w = WINDOW_CALENDAR;
    assert_string_equal(window_kind_code(WINDOW_CUTOFF), "cutoff");
    assert_string_equal(window_kind_code(WINDOW_CALENDAR), "calendar");
    assert_true(window_kind_from_code("cutoff", &w));
    assert_int_equal(w, WINDOW_CUTOFF);
    assert_true(window_kind_from_code("calendar", &w));
    assert_int_equal(w, WINDOW_CALENDAR);
    assert_false(window_kind_from_code("cut-off", &w));
}

static void test_parse_and_format(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        bool ok;
        xaso_period_kind kind;
        int year, index;
        const char *title;
    } cases[] = {
        {"2026", true, PERIOD_YEAR, 2026, 0, "năm 2026"},
        {"2026S1", true, PERIOD_HALF, 2026, 1, "6 tháng đầu năm 2026"},
        {"2026S2", true, PERIOD_HALF, 2026, 2, "6 tháng cuối năm 2026"},
        {"2026N9", true, PERIOD_NINE_MONTHS, 2026, 0, "9 tháng năm 2026"},
        {"2026Q1", true, PERIOD_QUARTER, 2026, 1, "quý I năm 2026"},
        {"2026Q4", true, PERIOD_QUARTER, 2026, 4, "quý IV năm 2026"},
        {"202601", true, PERIOD_MONTH, 2026, 1, "tháng 1 năm 2026"},
        {"202612", true, PERIOD_MONTH, 2026, 12, "tháng 12 năm 2026"},
        {"2026W01", true, PERIOD_WEEK, 2026, 1, "tuần 1 năm 2026"},
        {"2026W05", true, PERIOD_WEEK, 2026, 5, "tuần 5 năm 2026"},
        {"2026W53", true, PERIOD_WEEK, 2026, 53, "tuần 53 năm 2026"}, /* 2026 has 53 weeks */
        {"2020W53", true, PERIOD_WEEK, 2020, 53, "tuần 53 năm 2020"},
        {"2025W53", false, PERIOD_NONE, 0, 0, ""},                    /* 2025 has 52 */
        {"2026W54", false, PERIOD_NONE, 0, 0, ""},
        {"2026W00", false, PERIOD_NONE, 0, 0, ""},
        {"2026W5", false, PERIOD_NONE, 0, 0, ""},
        {"2026W005", false, PERIOD_NONE, 0, 0, ""},
        {"2026Q5", false, PERIOD_NONE, 0, 0, ""},
        {"2026Q0", false, PERIOD_NONE, 0, 0, ""},
        {"2026S3", false, PERIOD_NONE, 0, 0, ""},
        {"2026S0", false, PERIOD_NONE, 0, 0, ""},
        {"2026N6", false, PERIOD_NONE, 0, 0, ""},
        {"202613", false, PERIOD_NONE, 0, 0, ""},
        {"202600", false, PERIOD_NONE, 0, 0, ""},
        {"2026q1", false, PERIOD_NONE, 0, 0, ""},
        {"2026-Q1", false, PERIOD_NONE, 0, 0, ""},
        {"2026Q1 ", false, PERIOD_NONE, 0, 0, ""},
        {" 2026", false, PERIOD_NONE, 0, 0, ""},
        {"26Q1", false, PERIOD_NONE, 0, 0, ""},
        {"0999", false, PERIOD_NONE, 0, 0, ""},
        {"20261", false, PERIOD_NONE, 0, 0, ""},
        {"2026Q", false, PERIOD_NONE, 0, 0, ""},
        {"2026S", false, PERIOD_NONE, 0, 0, ""},
        {"", false, PERIOD_NONE, 0, 0, ""},
        {"abcd", false, PERIOD_NONE, 0, 0, ""},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_period p = {PERIOD_MONTH, 1111, 7};
        bool ok = period_parse(cases[i].id, &p);
        if (ok != cases[i].ok)
            fail_msg("period_parse(\"%s\") returned %d", cases[i].id, ok);
        if (!ok) {
            assert_int_equal(p.year, 1111); /* untouched */
            continue;
        }
        assert_int_equal(p.kind, cases[i].kind);
        assert_int_equal(p.year, cases[i].year);
        assert_int_equal(p.index, cases[i].index);
        char buf[XASO_PERIOD_ID_SIZE], title[64];
        assert_string_equal(period_format(&p, buf, sizeof buf), cases[i].id);
        assert_string_equal(period_title_vi(&p, title, sizeof title), cases[i].title);
        xaso_period made;
        assert_true(period_make(cases[i].kind, cases[i].year, cases[i].index, &made));
        assert_memory_equal(&made, &p, sizeof p);
    }
    assert_false(period_parse(NULL, NULL));

    char buf[XASO_PERIOD_ID_SIZE] = "junk";
    xaso_period bad = {PERIOD_QUARTER, 2026, 5};
    assert_false(period_valid(&bad));
    assert_string_equal(period_format(&bad, buf, sizeof buf), "");
    assert_false(period_make(PERIOD_YEAR, 2026, 1, NULL));  /* a year has no index */
    assert_false(period_make(PERIOD_NONE, 2026, 0, NULL));
    assert_false(period_make(PERIOD_MONTH, 10000, 1, NULL));
    assert_false(period_valid(NULL));
}

typedef struct {
    const char *id;
    ymd start, end;
} window_case;

static void check_windows(const window_case *cases, size_t n, xaso_window_kind window,
                          const xaso_window_settings *settings)
{
    for (size_t i = 0; i < n; i++) {
        xaso_period p = parsed(cases[i].id);
        xaso_date start, end;
        assert_true(period_window(&p, window, settings, &start, &end));
        if (start != to_date(cases[i].start) || end != to_date(cases[i].end)) {
            char a[16], b[16];
            fail_msg("%s window of %s = %s … %s", window_kind_code(window), cases[i].id,
                     date_format_vn(start, a, sizeof a), date_format_vn(end, b, sizeof b));
        }
    }
}

static void test_calendar_windows(void **state)
{
    (void)state;
    static const window_case cases[] = {
        {"2026", {2026, 1, 1}, {2026, 12, 31}},
        {"2026S1", {2026, 1, 1}, {2026, 6, 30}},
        {"2026S2", {2026, 7, 1}, {2026, 12, 31}},
        {"2026N9", {2026, 1, 1}, {2026, 9, 30}},
        {"2026Q1", {2026, 1, 1}, {2026, 3, 31}},
        {"2026Q3", {2026, 7, 1}, {2026, 9, 30}},
        {"202402", {2024, 2, 1}, {2024, 2, 29}},
        {"202611", {2026, 11, 1}, {2026, 11, 30}},
        {"2026W01", {2025, 12, 29}, {2026, 1, 4}},
        {"2026W05", {2026, 1, 26}, {2026, 2, 1}},
        {"2026W53", {2026, 12, 28}, {2027, 1, 3}},
    };
    check_windows(cases, COUNT(cases), WINDOW_CALENDAR, NULL);
    xaso_period bad = {PERIOD_MONTH, 2026, 13};
    xaso_date start = 1, end = 1;
    assert_false(period_calendar_window(&bad, &start, &end));
    assert_int_equal(start, 1);
}

static void test_cutoff_windows_decree09(void **state)
{
    (void)state;
    static const window_case cases[] = {
        /* month: 15 of the previous month … 14 of the month */
        {"202601", {2025, 12, 15}, {2026, 1, 14}},
        {"202603", {2026, 2, 15}, {2026, 3, 14}},
        {"202612", {2026, 11, 15}, {2026, 12, 14}},
        /* quarter: 15 of the month before … 14 of its last month */
        {"2026Q1", {2025, 12, 15}, {2026, 3, 14}},
        {"2026Q2", {2026, 3, 15}, {2026, 6, 14}},
        {"2026Q3", {2026, 6, 15}, {2026, 9, 14}},
        {"2026Q4", {2026, 9, 15}, {2026, 12, 14}},
        /* halves and year */
        {"2026S1", {2025, 12, 15}, {2026, 6, 14}},
        {"2026S2", {2026, 6, 15}, {2026, 12, 14}},
        {"2026", {2025, 12, 15}, {2026, 12, 14}},
        /* province defaults: nine months 15/12 … 14/09, ISO weeks */
        {"2026N9", {2025, 12, 15}, {2026, 9, 14}},
        {"2026W01", {2025, 12, 29}, {2026, 1, 4}},
        {"2026W53", {2026, 12, 28}, {2027, 1, 3}},
    };
    check_windows(cases, COUNT(cases), WINDOW_CUTOFF, NULL);
    xaso_window_settings defaults;
    window_settings_default(&defaults);
    check_windows(cases, COUNT(cases), WINDOW_CUTOFF, &defaults);
}

static void test_cutoff_windows_province_settings(void **state)
{
    (void)state;
    /* A province that closes nine months on 30/09 from 1/1, and weeks Friday → Thursday. */
    xaso_window_settings s;
    window_settings_default(&s);
    s.nine_months_start_month = 1;
    s.nine_months_start_day = 1;
    s.nine_months_start_in_previous_year = false;
    s.nine_months_end_month = 9;
    s.nine_months_end_day = 30;
    s.week_start_weekday = 5;
    assert_true(window_settings_valid(&s));
    static const window_case cases[] = {
        {"2026N9", {2026, 1, 1}, {2026, 9, 30}},
        {"2026W05", {2026, 1, 23}, {2026, 1, 29}}, /* Friday of W04 … Thursday of W05 */
        {"2026W01", {2025, 12, 26}, {2026, 1, 1}},
        {"2026Q3", {2026, 6, 15}, {2026, 9, 14}},  /* Decree 09 windows do not move */
    };
    check_windows(cases, COUNT(cases), WINDOW_CUTOFF, &s);

    /* Week ending on Sunday when it starts on Monday; on Saturday when it starts on Sunday. */
    s.week_start_weekday = 7;
    static const window_case sunday_start[] = {{"2026W05", {2026, 1, 25}, {2026, 1, 31}}};
    check_windows(sunday_start, COUNT(sunday_start), WINDOW_CUTOFF, &s);
}

static void test_window_settings_valid(void **state)
{
    (void)state;
    static const struct {
        int start_month, start_day;
        bool previous_year;
        int end_month, end_day, week_start;
        bool valid;
    } cases[] = {
        {12, 15, true, 9, 14, 1, true},
        {1, 1, false, 9, 30, 7, true},
        {12, 15, true, 9, 14, 0, false},
        {12, 15, true, 9, 14, 8, false},
        {2, 29, false, 9, 30, 1, false}, /* not every year has 29/02 */
        {13, 1, false, 9, 30, 1, false},
        {1, 1, false, 9, 31, 1, false},
        {10, 1, false, 9, 30, 1, false}, /* starts after it ends in one year */
        {9, 1, true, 9, 30, 1, false},   /* longer than a year */
        {1, 1, true, 9, 30, 1, false},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_window_settings s = {cases[i].start_month, cases[i].start_day,
                                  cases[i].previous_year, cases[i].end_month, cases[i].end_day,
                                  cases[i].week_start};
        assert_int_equal(window_settings_valid(&s), cases[i].valid);
        xaso_period p = parsed("2026N9");
        assert_int_equal(period_cutoff_window(&p, &s, NULL, NULL), cases[i].valid);
    }
    assert_false(window_settings_valid(NULL));
}

typedef struct {
    ymd date;
    xaso_period_kind kind;
    xaso_window_kind window;
    const char *want; /* NULL = no period */
} containing_case;

static void test_containing(void **state)
{
    (void)state;
    static const containing_case cases[] = {
        /* calendar */
        {{2026, 3, 14}, PERIOD_MONTH, WINDOW_CALENDAR, "202603"},
        {{2026, 12, 20}, PERIOD_YEAR, WINDOW_CALENDAR, "2026"},
        {{2026, 7, 1}, PERIOD_HALF, WINDOW_CALENDAR, "2026S2"},
        {{2026, 9, 30}, PERIOD_NINE_MONTHS, WINDOW_CALENDAR, "2026N9"},
        {{2026, 10, 1}, PERIOD_NINE_MONTHS, WINDOW_CALENDAR, NULL},
        {{2026, 6, 30}, PERIOD_QUARTER, WINDOW_CALENDAR, "2026Q2"},
        {{2026, 1, 1}, PERIOD_WEEK, WINDOW_CALENDAR, "2026W01"},
        {{2025, 12, 29}, PERIOD_WEEK, WINDOW_CALENDAR, "2026W01"},
        {{2027, 1, 3}, PERIOD_WEEK, WINDOW_CALENDAR, "2026W53"},
        /* cut-off: the 15th opens the next window */
        {{2026, 3, 14}, PERIOD_MONTH, WINDOW_CUTOFF, "202603"},
        {{2026, 3, 15}, PERIOD_MONTH, WINDOW_CUTOFF, "202604"},
        {{2026, 12, 20}, PERIOD_MONTH, WINDOW_CUTOFF, "202701"},
        {{2026, 12, 20}, PERIOD_QUARTER, WINDOW_CUTOFF, "2027Q1"},
        {{2026, 12, 20}, PERIOD_HALF, WINDOW_CUTOFF, "2027S1"},
        {{2026, 12, 20}, PERIOD_YEAR, WINDOW_CUTOFF, "2027"},
        {{2026, 12, 20}, PERIOD_NINE_MONTHS, WINDOW_CUTOFF, "2027N9"},
        {{2026, 12, 14}, PERIOD_YEAR, WINDOW_CUTOFF, "2026"},
        {{2026, 6, 14}, PERIOD_QUARTER, WINDOW_CUTOFF, "2026Q2"},
        {{2026, 6, 15}, PERIOD_QUARTER, WINDOW_CUTOFF, "2026Q3"},
        {{2026, 9, 14}, PERIOD_QUARTER, WINDOW_CUTOFF, "2026Q3"},
        {{2026, 6, 15}, PERIOD_HALF, WINDOW_CUTOFF, "2026S2"},
        {{2026, 9, 14}, PERIOD_NINE_MONTHS, WINDOW_CUTOFF, "2026N9"},
        {{2026, 10, 20}, PERIOD_NINE_MONTHS, WINDOW_CUTOFF, NULL}, /* between two N9 windows */
        {{2026, 11, 23}, PERIOD_WEEK, WINDOW_CUTOFF, "2026W48"},
        {{2026, 11, 29}, PERIOD_WEEK, WINDOW_CUTOFF, "2026W48"},
        {{2026, 11, 30}, PERIOD_WEEK, WINDOW_CUTOFF, "2026W49"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_period p = {PERIOD_NONE, 0, 0};
        bool ok = period_containing(cases[i].kind, to_date(cases[i].date), cases[i].window, NULL,
                                    &p);
        char got[XASO_PERIOD_ID_SIZE];
        if (ok != (cases[i].want != NULL) ||
            (ok && strcmp(period_format(&p, got, sizeof got), cases[i].want) != 0))
            fail_msg("case %zu: containing %s: got %s (%d), want %s", i,
                     period_kind_code(cases[i].kind), ok ? got : "-", ok,
                     cases[i].want ? cases[i].want : "none");
    }
    xaso_period p;
    assert_false(period_containing(PERIOD_NONE, to_date((ymd){2026, 1, 1}), WINDOW_CALENDAR, NULL,
                                   &p));
    assert_false(period_containing(PERIOD_MONTH, XASO_DATE_NONE, WINDOW_CALENDAR, NULL, &p));

    /* Week windows from Friday to Thursday: Thursday 29/01/2026 closes W05, Friday opens W06. */
    xaso_window_settings s;
    window_settings_default(&s);
    s.week_start_weekday = 5;
    assert_true(period_containing(PERIOD_WEEK, to_date((ymd){2026, 1, 29}), WINDOW_CUTOFF, &s, &p));
    assert_int_equal(p.index, 5);
    assert_true(period_containing(PERIOD_WEEK, to_date((ymd){2026, 1, 30}), WINDOW_CUTOFF, &s, &p));
    assert_int_equal(p.index, 6);
}

static void test_containing_agrees_with_windows(void **state)
{
    (void)state;
    /* For every day of 2025-2027 and every kind, the containing period's window holds the day. */
    static const xaso_period_kind kinds[] = {PERIOD_YEAR, PERIOD_HALF, PERIOD_NINE_MONTHS,
                                             PERIOD_QUARTER, PERIOD_MONTH, PERIOD_WEEK};
    xaso_window_settings friday;
    window_settings_default(&friday);
    friday.week_start_weekday = 5;
    const xaso_window_settings *settings[] = {NULL, &friday};
    for (xaso_date d = to_date((ymd){2025, 1, 1}); d <= to_date((ymd){2027, 12, 31}); d++)
        for (size_t k = 0; k < COUNT(kinds); k++)
            for (int w = 0; w < 2; w++)
                for (size_t s = 0; s < COUNT(settings); s++) {
                    xaso_period p;
                    xaso_date start, end;
                    if (!period_containing(kinds[k], d, (xaso_window_kind)w, settings[s], &p)) {
                        /* Only nine months leaves days out. */
                        assert_int_equal(kinds[k], PERIOD_NINE_MONTHS);
                        continue;
                    }
                    assert_true(period_window(&p, (xaso_window_kind)w, settings[s], &start, &end));
                    assert_true(start <= d && d <= end);
                }
}

static void test_previous_next(void **state)
{
    (void)state;
    static const struct {
        const char *id, *previous, *next;
    } cases[] = {
        {"2026", "2025", "2027"},
        {"2026S1", "2025S2", "2026S2"},
        {"2026S2", "2026S1", "2027S1"},
        {"2026N9", "2025N9", "2027N9"},
        {"2026Q1", "2025Q4", "2026Q2"},
        {"2026Q4", "2026Q3", "2027Q1"},
        {"202601", "202512", "202602"},
        {"202612", "202611", "202701"},
        {"2026W01", "2025W52", "2026W02"},
        {"2026W53", "2026W52", "2027W01"},
        {"2027W01", "2026W53", "2027W02"},
        {"2021W01", "2020W53", "2021W02"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_period p = parsed(cases[i].id), q;
        char buf[XASO_PERIOD_ID_SIZE];
        assert_true(period_previous(&p, &q));
        assert_string_equal(period_format(&q, buf, sizeof buf), cases[i].previous);
        assert_true(period_next(&p, &q));
        assert_string_equal(period_format(&q, buf, sizeof buf), cases[i].next);
        /* next(previous(p)) == p */
        assert_true(period_previous(&p, &q));
        assert_true(period_next(&q, &q));
        assert_memory_equal(&q, &p, sizeof p);
    }
    xaso_period last = parsed("999912"), first = parsed("1000Q1"), q;
    assert_false(period_next(&last, &q));
    assert_false(period_previous(&first, &q));
    xaso_period bad = {PERIOD_WEEK, 2025, 53};
    assert_false(period_next(&bad, &q));
}

static void test_within_years_and_compare(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        int from, to;
        bool within;
    } cases[] = {
        {"2025Q1", 2025, 2030, true},  {"2030", 2025, 2030, true},  {"2031", 2025, 2030, false},
        {"2024S2", 2025, 2030, false}, {"202612", 2026, 2026, true}, {"2026W01", 2026, 2026, true},
        {"2025W01", 2026, 0, false},   {"2099", 2026, 0, true},     {"1999", 0, 2026, true},
        {"2027N9", 0, 2026, false},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_period p = parsed(cases[i].id);
        assert_int_equal(period_within_years(&p, cases[i].from, cases[i].to), cases[i].within);
    }
    xaso_period bad = {PERIOD_QUARTER, 2026, 9};
    assert_false(period_within_years(&bad, 0, 0));

    /* Sorted order: by start, longer first. */
    static const char *const sorted[] = {"2026", "2026N9", "2026S1", "2026Q1", "202601",
                                         "202602", "2026Q2", "2026S2"};
    for (size_t i = 0; i < COUNT(sorted); i++)
        for (size_t k = 0; k < COUNT(sorted); k++) {
            xaso_period a = parsed(sorted[i]), b = parsed(sorted[k]);
            int c = period_compare(&a, &b);
            assert_int_equal(c < 0, i < k);
            assert_int_equal(c == 0, i == k);
        }
    xaso_period valid = parsed("2026");
    assert_true(period_compare(&valid, &bad) < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_codes),
        cmocka_unit_test(test_parse_and_format),
        cmocka_unit_test(test_calendar_windows),
        cmocka_unit_test(test_cutoff_windows_decree09),
        cmocka_unit_test(test_cutoff_windows_province_settings),
        cmocka_unit_test(test_window_settings_valid),
        cmocka_unit_test(test_containing),
        cmocka_unit_test(test_containing_agrees_with_windows),
        cmocka_unit_test(test_previous_next),
        cmocka_unit_test(test_within_years_and_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
