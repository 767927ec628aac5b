/* Numbers, dates and periods per language; typed numbers in either convention, ambiguity said. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "xaso/calendar.h"
#include "xaso/calendar_file.h"
#include "xaso/format.h"
#include "xaso/i18n.h"
#include "xaso/utf8.h"

/* The catalogues built by make: $BUILD/locale. */
static void use_language(const char *lang)
{
    char dir[512];
    const char *build = getenv("BUILD");
    snprintf(dir, sizeof dir, "%s/locale", build && *build ? build : "build");
    setenv("XASO_LOCALEDIR", dir, 1);
    i18n_init(lang);
}

static void test_numbers(void **state)
{
    (void)state;
    static const struct {
        double v;
        int decimals;
        const char *vi, *en;
    } cases[] = {
        {18.7, 1, "18,7", "18.7"},
        {7100, 0, "7.100", "7,100"},
        {1234567.891, 2, "1.234.567,89", "1,234,567.89"},
        {0.125, 3, "0,125", "0.125"},
        {100, 2, "100", "100"},          /* trailing zeros dropped */
        {2.50, 2, "2,5", "2.5"},
        {-1500.5, 1, "-1.500,5", "-1,500.5"},
        {-0.0001, 2, "0", "0"},         /* no "-0" */
        {999.999, 2, "1.000", "1,000"}, /* rounding carries into the thousands */
    };
    char buf[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_string_equal(format_number_lang("vi", cases[i].v, cases[i].decimals, buf, sizeof buf),
                            cases[i].vi);
        assert_string_equal(format_number_lang("en", cases[i].v, cases[i].decimals, buf, sizeof buf),
                            cases[i].en);
    }
    assert_string_equal(format_number_lang("vi", NAN, 2, buf, sizeof buf), "");
    use_language("vi");
    assert_string_equal(format_percent(18.7, 1, buf, sizeof buf), "18,7%");
    assert_string_equal(format_money(7100, buf, sizeof buf), "7.100");
    use_language("en");
    assert_string_equal(format_percent(18.7, 1, buf, sizeof buf), "18.7%");
    assert_string_equal(format_money(2500.5, buf, sizeof buf), "2,500.5");
}

static void test_dates_and_periods(void **state)
{
    (void)state;
    static const struct {
        const char *id, *vi, *en;
    } cases[] = {
        {"2026", "Năm 2026", "Year 2026"},
        {"2026S1", "6 tháng đầu năm 2026", "First half of 2026"},
        {"2026S2", "6 tháng cuối năm 2026", "Second half of 2026"},
        {"2026N9", "9 tháng năm 2026", "Nine months of 2026"},
        {"2026Q1", "Quý I/2026", "Q1 2026"},
        {"2026Q2", "Quý II/2026", "Q2 2026"},
        {"2026Q3", "Quý III/2026", "Q3 2026"},
        {"2026Q4", "Quý IV/2026", "Q4 2026"},
        {"202603", "Tháng 3/2026", "March 2026"},
        {"202612", "Tháng 12/2026", "December 2026"},
        {"2026W05", "Tuần 5/2026", "Week 5, 2026"},
        {"2026X", "2026X", "2026X"}, /* not a period: shown as it is */
    };
    char buf[64];
    use_language("vi");
    assert_string_equal(i18n_lang(), "vi");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(format_period_id(cases[i].id, buf, sizeof buf), cases[i].vi);
    assert_string_equal(format_date(date_from_ymd(2026, 6, 3), buf, sizeof buf), "03/06/2026");
    use_language("en");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(format_period_id(cases[i].id, buf, sizeof buf), cases[i].en);
    assert_string_equal(format_date(date_from_ymd(2026, 6, 3), buf, sizeof buf), "03/06/2026");
    xaso_period bad = {PERIOD_QUARTER, 2026, 5};
    assert_string_equal(format_period(&bad, buf, sizeof buf), "");
}

static void test_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        format_quantity q;
        format_parse_result want;
        double value;
    } cases[] = {
        {"18,7", FORMAT_VALUE, FORMAT_PARSE_OK, 18.7},   /* Vietnamese decimal comma */
        {"18.7", FORMAT_VALUE, FORMAT_PARSE_OK, 18.7},   /* English decimal point */
        {" 1.5 ", FORMAT_VALUE, FORMAT_PARSE_OK, 1.5},
        {"0,125", FORMAT_VALUE, FORMAT_PARSE_OK, 0.125}, /* leading 0: a decimal */
        {"1.234.567", FORMAT_VALUE, FORMAT_PARSE_OK, 1234567},
        {"1,234,567", FORMAT_VALUE, FORMAT_PARSE_OK, 1234567},
        {"2.500,5", FORMAT_VALUE, FORMAT_PARSE_OK, 2500.5},
        {"2,500.5", FORMAT_VALUE, FORMAT_PARSE_OK, 2500.5},
        {"7100", FORMAT_VALUE, FORMAT_PARSE_OK, 7100},
        {"7,1000", FORMAT_VALUE, FORMAT_PARSE_OK, 7.1},
        {"7.100", FORMAT_VALUE, FORMAT_PARSE_AMBIGUOUS, 0},
        {"7,100", FORMAT_VALUE, FORMAT_PARSE_AMBIGUOUS, 0},
        {"-1.234", FORMAT_VALUE, FORMAT_PARSE_AMBIGUOUS, 0},
        {"18,7%", FORMAT_PERCENT, FORMAT_PARSE_OK, 18.7},
        {"92 %", FORMAT_PERCENT, FORMAT_PARSE_OK, 92},
        {"7.100", FORMAT_COUNT, FORMAT_PARSE_OK, 7100},
        {"7,100", FORMAT_COUNT, FORMAT_PARSE_OK, 7100},
        {"2,5", FORMAT_COUNT, FORMAT_PARSE_INVALID, 0},
        {"7,100", FORMAT_MONEY, FORMAT_PARSE_OK, 7100},
        {"2,5", FORMAT_MONEY, FORMAT_PARSE_OK, 2.5},
        {"", FORMAT_VALUE, FORMAT_PARSE_INVALID, 0},
        {"12a", FORMAT_VALUE, FORMAT_PARSE_INVALID, 0},
        {"1.2,3,4", FORMAT_VALUE, FORMAT_PARSE_INVALID, 0},
        {"18,7%", FORMAT_VALUE, FORMAT_PARSE_INVALID, 0}, /* % only where a percentage is typed */
    };
    use_language("en");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = -1;
        char msg[256] = "x";
        format_parse_result r = format_parse_number(cases[i].text, cases[i].q, &v, msg, sizeof msg);
        if (r != cases[i].want) {
            print_error("\"%s\": got %d, want %d (%s)\n", cases[i].text, r, cases[i].want, msg);
            fail();
        }
        if (r == FORMAT_PARSE_OK) {
            assert_true(v == cases[i].value);
            assert_string_equal(msg, "");
        } else {
            assert_true(strlen(msg) > 10);
        }
    }
    char msg[256];
    double v;
    assert_int_equal(format_parse_number("7.100", FORMAT_VALUE, &v, msg, sizeof msg),
                     FORMAT_PARSE_AMBIGUOUS);
    assert_string_equal(msg, "\"7.100\" can be read two ways: type 7100 for the whole number or "
                             "7.1 for the decimal");
    use_language("vi");
    assert_int_equal(format_parse_number("7.100", FORMAT_VALUE, &v, msg, sizeof msg),
                     FORMAT_PARSE_AMBIGUOUS);
    assert_non_null(strstr(msg, "7100"));
    assert_non_null(strstr(msg, "7,1 "));
    assert_null(strstr(msg, "whole number")); /* translated */
    assert_int_equal(format_parse_number("1,234", FORMAT_VALUE, &v, msg, sizeof msg),
                     FORMAT_PARSE_AMBIGUOUS);
    assert_non_null(strstr(msg, "1,2340")); /* the decimal written so it cannot be misread */
}

/* NFC at every door: the calendar file, decomposed, gives the same NFC holiday names. */
static void test_calendar_file_nfc(void **state)
{
    (void)state;
    char path[] = "/tmp/xaso-test-calendar-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *in = fopen("forms/calendar.yaml", "r");
    assert_non_null(in);
    char *text = NULL;
    size_t cap = 0, len = 0;
    int c;
    while ((c = fgetc(in)) != EOF) {
        if (len + 2 > cap)
            text = realloc(text, cap = cap * 2 + 4096);
        text[len++] = (char)c;
    }
    text[len] = '\0';
    fclose(in);
    /* decompose by hand what NFD would: "ế" → e + U+0302 + U+0301, "ạ" → a + U+0323, … via a
     * few common letters, enough to prove the door normalises */
    static const char *const pairs[][2] = {
        {"ế", "e\xcc\x82\xcc\x81"}, {"ạ", "a\xcc\xa3"}, {"ố", "o\xcc\x82\xcc\x81"},
        {"à", "a\xcc\x80"},           {"ị", "i\xcc\xa3"}, {"ư", "u\xcc\x9b"},
    };
    size_t replaced = 0;
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        char *p;
        while ((p = strstr(text, pairs[k][0])) != NULL) {
            size_t a = strlen(pairs[k][0]), b = strlen(pairs[k][1]);
            size_t off = (size_t)(p - text);
            text = realloc(text, len + b - a + 1);
            memmove(text + off + b, text + off + a, len - off - a + 1);
            memcpy(text + off, pairs[k][1], b);
            len = len + b - a;
            replaced++;
        }
    }
    assert_true(replaced > 5);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    free(text);
    xaso_calendar nfd, nfc;
    xaso_error err;
    xaso_error_clear(&err);
    assert_int_equal(calendar_load(path, &nfd, &err), 0);
    assert_int_equal(calendar_load("forms/calendar.yaml", &nfc, &err), 0);
    unlink(path);
    assert_int_equal(nfd.recurring_count, nfc.recurring_count);
    assert_true(nfd.recurring_count > 0);
    for (size_t i = 0; i < nfd.recurring_count; i++)
        assert_string_equal(nfd.recurring[i].name, nfc.recurring[i].name);
    assert_int_equal(nfd.holiday_count, nfc.holiday_count);
    for (size_t i = 0; i < nfd.holiday_count; i++) {
        assert_string_equal(nfd.holidays[i].name, nfc.holidays[i].name);
        char *n = utf8_nfc(nfd.holidays[i].name);
        assert_string_equal(n, nfd.holidays[i].name);
        free(n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_dates_and_periods),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_calendar_file_nfc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
