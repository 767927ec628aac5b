/* Text charts: bars in eighth blocks and their ASCII fallback, stacked bars, sparklines, trend
 * cells and column charts with the target line. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "xaso/chart.h"

static char buf[CHART_BUF(40)];

static void test_bar_eighths(void **state)
{
    (void)state;
    assert_int_equal(chart_bar(buf, sizeof buf, 0, 4, false), 4);
    assert_string_equal(buf, "    ");
    chart_bar(buf, sizeof buf, 1, 4, false);
    assert_string_equal(buf, "████");
    chart_bar(buf, sizeof buf, 0.5, 4, false);
    assert_string_equal(buf, "██  ");
    /* 3/8 of a 1-column bar, 1 + 5/8 of a 2-column bar */
    chart_bar(buf, sizeof buf, 0.375, 1, false);
    assert_string_equal(buf, "▍");
    chart_bar(buf, sizeof buf, 13.0 / 16.0, 2, false);
    assert_string_equal(buf, "█▋");
    /* every eighth has its own glyph */
    static const char *const glyphs[] = {"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
    for (int e = 1; e <= 8; e++) {
        chart_bar(buf, sizeof buf, e / 8.0, 1, false);
        assert_string_equal(buf, glyphs[e - 1]);
    }
}

static void test_bar_edges(void **state)
{
    (void)state;
    /* clamped, NaN is nothing, a tiny share still shows */
    chart_bar(buf, sizeof buf, 1.7, 3, false);
    assert_string_equal(buf, "███");
    chart_bar(buf, sizeof buf, -0.2, 3, false);
    assert_string_equal(buf, "   ");
    chart_bar(buf, sizeof buf, NAN, 3, false);
    assert_string_equal(buf, "   ");
    chart_bar(buf, sizeof buf, 0.001, 3, false);
    assert_string_equal(buf, "▏  ");
    chart_bar(buf, sizeof buf, 0.001, 3, true);
    assert_string_equal(buf, "=  ");
    assert_int_equal(chart_bar(buf, sizeof buf, 0.5, 0, false), 0);
    assert_string_equal(buf, "");
    /* a small buffer is cut at a whole glyph, never overflowed */
    char small[5];
    memset(small, 'x', sizeof small);
    chart_bar(small, sizeof small, 1, 4, false);
    assert_string_equal(small, "█ "); /* 4 bytes of 5: the next glyph would not fit */
}

static void test_bar_ascii(void **state)
{
    (void)state;
    chart_bar(buf, sizeof buf, 0.5, 4, true);
    assert_string_equal(buf, "##  ");
    chart_bar(buf, sizeof buf, 0.625, 4, true); /* 2.5 columns */
    assert_string_equal(buf, "##= ");
    chart_bar(buf, sizeof buf, 1, 4, true);
    assert_string_equal(buf, "####");
}

static void test_stacked(void **state)
{
    (void)state;
    size_t counts[] = {19, 0, 75, 8};
    assert_int_equal(chart_stacked_bar(buf, sizeof buf, counts, 4, 0, 10, true), 10);
    /* 1.86 + 7.35 + 0.78 → 2, 7, 1 by largest remainders */
    assert_string_equal(buf, "##=======-");
    size_t one[] = {1, 99};
    chart_stacked_bar(buf, sizeof buf, one, 2, 0, 10, true);
    assert_string_equal(buf, "#+++++++++"); /* the small part keeps one column */
    size_t half[] = {2, 3};
    chart_stacked_bar(buf, sizeof buf, half, 2, 10, 10, false); /* scale 10: half full */
    assert_string_equal(buf, "██▓▓▓     ");
    size_t none[] = {0, 0};
    chart_stacked_bar(buf, sizeof buf, none, 2, 0, 3, false);
    assert_string_equal(buf, "   ");
    assert_string_equal(chart_stack_glyph(3, false), "░");
    assert_string_equal(chart_stack_glyph(6, true), "+");
}

static void test_sparkline(void **state)
{
    (void)state;
    double v[] = {0, 25, 50, 75, 100, 60};
    bool has[] = {true, true, true, true, true, false};
    assert_int_equal(chart_sparkline(buf, sizeof buf, v, has, 6, 0, 100, false), 6);
    assert_string_equal(buf, "▁▃▅▇█ ");
    chart_sparkline(buf, sizeof buf, v, NULL, 5, 0, 100, true);
    assert_string_equal(buf, "_.-=#");
    assert_int_equal(chart_level(5, 0, 0, 8), 0);
    assert_int_equal(chart_level(200, 0, 100, 8), 7);
    assert_int_equal(chart_level(-3, 0, 100, 8), 0);
}

static void test_trend_cell(void **state)
{
    (void)state;
    /* 36.5, 48.9, 61.0 towards a target of 100: rising, the target at the top */
    double v[] = {36.52, 48.88, 60.96};
    assert_int_equal(chart_trend_cell(buf, sizeof buf, v, NULL, 3, true, 100, false), 5);
    assert_string_equal(buf, "▃▄▅→█");
    chart_trend_cell(buf, sizeof buf, v, NULL, 3, true, 100, true);
    assert_string_equal(buf, ".-=>#");
    /* above the target: the scale is the largest value, the target glyph below it */
    double over[] = {30, 41.6};
    chart_trend_cell(buf, sizeof buf, over, NULL, 2, true, 40, false);
    assert_string_equal(buf, "▆█→█"); /* 30/41.6 = 0.72 → level 5 of 0…7 */
    double lo, hi;
    chart_trend_scale(over, NULL, 2, true, 40, &lo, &hi);
    assert_true(lo == 0 && hi == 41.6);
    /* no target: no arrow; nothing at all: empty */
    chart_trend_cell(buf, sizeof buf, v, NULL, 3, false, 0, false);
    assert_string_equal(buf, "▅▇█");
    bool none[] = {false, false};
    assert_int_equal(chart_trend_cell(buf, sizeof buf, v, none, 2, true, 100, false), 0);
    assert_string_equal(buf, "");
}

static void test_columns(void **state)
{
    (void)state;
    /* 60.96 of 100 in 4 rows: 2.44 rows → rows 0, 1 full, row 2 ≈ 4/8, row 3 empty */
    assert_string_equal(chart_column_glyph(60.96, 0, 100, 0, 4, false), "█");
    assert_string_equal(chart_column_glyph(60.96, 0, 100, 1, 4, false), "█");
    assert_string_equal(chart_column_glyph(60.96, 0, 100, 2, 4, false), "▄");
    assert_string_equal(chart_column_glyph(60.96, 0, 100, 3, 4, false), "");
    assert_string_equal(chart_column_glyph(60.96, 0, 100, 2, 4, true), ".");
    assert_string_equal(chart_column_glyph(60.96, 0, 100, 1, 4, true), "#");
    /* a small value still shows at the bottom; zero does not */
    assert_string_equal(chart_column_glyph(0.5, 0, 100, 0, 4, false), "▁");
    assert_string_equal(chart_column_glyph(0, 0, 100, 0, 4, false), "");
    assert_string_equal(chart_column_glyph(100, 0, 100, 3, 4, false), "█");
    /* the target line: the row holding the target */
    assert_int_equal(chart_target_row(100, 0, 100, 4), 3);
    assert_int_equal(chart_target_row(50, 0, 100, 4), 2);
    assert_int_equal(chart_target_row(-5, 0, 100, 4), 0);
    assert_string_equal(chart_target_glyph(false), "┄");
    assert_string_equal(chart_target_glyph(true), "-");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bar_eighths), cmocka_unit_test(test_bar_edges),
        cmocka_unit_test(test_bar_ascii),   cmocka_unit_test(test_stacked),
        cmocka_unit_test(test_sparkline),   cmocka_unit_test(test_trend_cell),
        cmocka_unit_test(test_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
