/* Civil dates: day numbers, weekdays, ISO weeks, parsing and formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "xaso/date.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_day_numbers(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        long days;
        int weekday;
    } cases[] = {
        {1970, 1, 1, 0, 4},        {1969, 12, 31, -1, 3},   {2000, 2, 29, 11016, 2},
        {2000, 3, 1, 11017, 3},    {1900, 3, 1, -25508, 4}, {2025, 1, 25, 20113, 6},
        {2026, 1, 1, 20454, 4},    {2026, 2, 17, 20501, 2}, {2026, 11, 23, 20780, 1},
        {2024, 12, 31, 20088, 2},  {1000, 1, 1, -354285, 3}, {9999, 12, 31, 2932896, 5},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_date date = date_from_ymd(cases[i].y, cases[i].m, cases[i].d);
        assert_int_equal(date, cases[i].days);
        int y, m, d;
        date_to_ymd(date, &y, &m, &d);
        assert_int_equal(y, cases[i].y);
        assert_int_equal(m, cases[i].m);
        assert_int_equal(d, cases[i].d);
        assert_int_equal(date_weekday(date), cases[i].weekday);
        assert_int_equal(date_year_of(date), cases[i].y);
        assert_int_equal(date_month_of(date), cases[i].m);
        assert_int_equal(date_day_of(date), cases[i].d);
    }
}

static void test_round_trip_every_day(void **state)
{
    (void)state;
    /* Every day from 1899 to 2101 converts back to itself and the next day follows it. */
    xaso_date start = date_from_ymd(1899, 1, 1), end = date_from_ymd(2101, 12, 31);
    int weekday = date_weekday(start);
    for (xaso_date date = start; date <= end; date++) {
        int y, m, d;
        date_to_ymd(date, &y, &m, &d);
        assert_true(date_valid_ymd(y, m, d));
        assert_int_equal(date_from_ymd(y, m, d), date);
        assert_int_equal(date_weekday(date), weekday);
        weekday = weekday % 7 + 1;
    }
}

static void test_valid_and_month_lengths(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        bool valid;
    } cases[] = {
        {2026, 2, 28, true},  {2026, 2, 29, false}, {2024, 2, 29, true},  {1900, 2, 29, false},
        {2000, 2, 29, true},  {2026, 4, 31, false}, {2026, 12, 31, true}, {2026, 13, 1, false},
        {2026, 0, 1, false},  {2026, 1, 0, false},  {999, 1, 1, false},   {10000, 1, 1, false},
        {1000, 1, 1, true},   {9999, 12, 31, true},
    };
    for (size_t i = 0; i < COUNT(cases); i++)
        assert_int_equal(date_valid_ymd(cases[i].y, cases[i].m, cases[i].d), cases[i].valid);

    static const struct {
        int y, m, days;
    } months[] = {
        {2026, 1, 31}, {2026, 2, 28}, {2024, 2, 29}, {2100, 2, 28}, {2026, 4, 30},
        {2026, 6, 30}, {2026, 9, 30}, {2026, 11, 30}, {2026, 12, 31}, {2026, 0, 0}, {2026, 13, 0},
    };
    for (size_t i = 0; i < COUNT(months); i++)
        assert_int_equal(date_days_in_month(months[i].y, months[i].m), months[i].days);
    assert_int_equal(date_last_of_month(2026, 2), date_from_ymd(2026, 2, 28));
    assert_true(date_is_leap_year(2028));
    assert_false(date_is_leap_year(2027));
}

static void test_add_months(void **state)
{
    (void)state;
    static const struct {
        int y, m, delta, want_y, want_m;
    } cases[] = {
        {2026, 1, -1, 2025, 12}, {2026, 12, 1, 2027, 1}, {2026, 6, 0, 2026, 6},
        {2026, 3, -15, 2024, 12}, {2026, 3, 22, 2028, 1}, {2026, 1, -12, 2025, 1},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int y = cases[i].y, m = cases[i].m;
        date_add_months(&y, &m, cases[i].delta);
        assert_int_equal(y, cases[i].want_y);
        assert_int_equal(m, cases[i].want_m);
    }
}

static void test_iso_weeks(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        int iso_year, week;
    } cases[] = {
        {2026, 1, 1, 2026, 1},    /* a Thursday: week 1 */
        {2025, 12, 29, 2026, 1},  /* Monday of 2026W01 */
        {2025, 12, 28, 2025, 52}, /* Sunday before it */
        {2026, 12, 31, 2026, 53}, /* 2026 has 53 weeks */
        {2027, 1, 3, 2026, 53},
        {2027, 1, 4, 2027, 1},
        {2021, 1, 3, 2020, 53},
        {2024, 12, 30, 2025, 1},
        {2026, 1, 26, 2026, 5},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int iso_year, week;
        date_iso_week(date_from_ymd(cases[i].y, cases[i].m, cases[i].d), &iso_year, &week);
        assert_int_equal(iso_year, cases[i].iso_year);
        assert_int_equal(week, cases[i].week);
    }
    static const struct {
        int year, weeks;
    } lengths[] = {{2020, 53}, {2021, 52}, {2024, 52}, {2025, 52}, {2026, 53}, {2027, 52},
                   {2032, 53}, {2037, 53}};
    for (size_t i = 0; i < COUNT(lengths); i++)
        assert_int_equal(date_iso_weeks_in_year(lengths[i].year), lengths[i].weeks);
    assert_int_equal(date_iso_week_monday(2026, 1), date_from_ymd(2025, 12, 29));
    assert_int_equal(date_iso_week_monday(2026, 5), date_from_ymd(2026, 1, 26));
    assert_int_equal(date_iso_week_monday(2027, 1), date_from_ymd(2027, 1, 4));
}

static void test_parse_iso(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok;
        int y, m, d;
    } cases[] = {
        {"2026-06-30", true, 2026, 6, 30},
        {"2024-02-29", true, 2024, 2, 29},
        {"2026-02-29", false, 0, 0, 0},
        {"2026-6-30", false, 0, 0, 0},
        {"2026-06-30 ", false, 0, 0, 0},
        {" 2026-06-30", false, 0, 0, 0},
        {"20260630", false, 0, 0, 0},
        {"2026/06/30", false, 0, 0, 0},
        {"2026-13-01", false, 0, 0, 0},
        {"2026-00-10", false, 0, 0, 0},
        {"0999-01-01", false, 0, 0, 0},
        {"", false, 0, 0, 0},
        {"2026-06-300", false, 0, 0, 0},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_date date = 12345;
        bool ok = date_parse_iso(cases[i].text, &date);
        assert_int_equal(ok, cases[i].ok);
        if (ok)
            assert_int_equal(date, date_from_ymd(cases[i].y, cases[i].m, cases[i].d));
        else
            assert_int_equal(date, 12345); /* untouched on failure */
    }
    assert_false(date_parse_iso(NULL, NULL));
}

static void test_parse_vn(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok;
        int y, m, d;
    } cases[] = {
        {"30/6/2026", true, 2026, 6, 30},
        {"30/06/2026", true, 2026, 6, 30},
        {"1/1/2026", true, 2026, 1, 1},
        {"01/01/2026", true, 2026, 1, 1},
        {" 20/11/2026 ", true, 2026, 11, 20},
        {"30-6-2026", true, 2026, 6, 30},
        {"30.6.2026", true, 2026, 6, 30},
        {"29/02/2024", true, 2024, 2, 29},
        {"29/02/2026", false, 0, 0, 0},
        {"31/4/2026", false, 0, 0, 0},
        {"30/6", false, 0, 0, 0},
        {"30/6/26", false, 0, 0, 0},
        {"30-6/2026", false, 0, 0, 0},
        {"030/6/2026", false, 0, 0, 0},
        {"30/6/2026x", false, 0, 0, 0},
        {"6/30/2026", false, 0, 0, 0},
        {"2026-06-30", false, 0, 0, 0},
        {"", false, 0, 0, 0},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_date date = 12345;
        bool ok = date_parse_vn(cases[i].text, &date);
        assert_int_equal(ok, cases[i].ok);
        if (ok)
            assert_int_equal(date, date_from_ymd(cases[i].y, cases[i].m, cases[i].d));
        else
            assert_int_equal(date, 12345);
    }
    assert_false(date_parse_vn(NULL, NULL));
}

static void test_format(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        const char *iso, *vn;
    } cases[] = {
        {2026, 6, 30, "2026-06-30", "30/06/2026"},
        {2026, 1, 1, "2026-01-01", "01/01/2026"},
        {1999, 12, 31, "1999-12-31", "31/12/1999"},
    };
    char buf[16];
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_date date = date_from_ymd(cases[i].y, cases[i].m, cases[i].d);
        assert_string_equal(date_format_iso(date, buf, sizeof buf), cases[i].iso);
        assert_string_equal(date_format_vn(date, buf, sizeof buf), cases[i].vn);
        /* What is written parses back to the same day. */
        xaso_date back;
        assert_true(date_parse_iso(date_format_iso(date, buf, sizeof buf), &back));
        assert_int_equal(back, date);
        assert_true(date_parse_vn(date_format_vn(date, buf, sizeof buf), &back));
        assert_int_equal(back, date);
    }
    strcpy(buf, "garbage");
    assert_string_equal(date_format_iso(XASO_DATE_NONE, buf, sizeof buf), "");
    strcpy(buf, "garbage");
    assert_string_equal(date_format_vn(XASO_DATE_NONE, buf, sizeof buf), "");
    /* A short buffer is cut, never overrun. */
    char tiny[5];
    date_format_iso(date_from_ymd(2026, 6, 30), tiny, sizeof tiny);
    assert_string_equal(tiny, "2026");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_round_trip_every_day),
        cmocka_unit_test(test_valid_and_month_lengths),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_iso_weeks),
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_parse_vn),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
