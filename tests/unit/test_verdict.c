/* Verdicts: đạt / vượt / chưa đạt / chưa có số liệu, and percentages from counts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "xaso/verdict.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_codes(void **state)
{
    (void)state;
    static const struct {
        xaso_verdict verdict;
        const char *code, *label;
        bool met;
    } cases[] = {
        {VERDICT_NO_DATA, "no-data", "chưa có số liệu", false},
        {VERDICT_MET, "met", "đạt", true},
        {VERDICT_EXCEEDED, "exceeded", "vượt", true},
        {VERDICT_NOT_MET, "not-met", "chưa đạt", false},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        assert_string_equal(verdict_code(cases[i].verdict), cases[i].code);
        assert_string_equal(verdict_label_vi(cases[i].verdict), cases[i].label);
        assert_int_equal(verdict_is_met(cases[i].verdict), cases[i].met);
        xaso_verdict back = (xaso_verdict)99;
        assert_true(verdict_from_code(cases[i].code, &back));
        assert_int_equal(back, cases[i].verdict);
    }
    xaso_verdict back = VERDICT_MET;
    assert_false(verdict_from_code("đạt", &back));
    assert_false(verdict_from_code("", &back));
    assert_false(verdict_from_code(NULL, &back));
    assert_int_equal(back, VERDICT_MET);
}

typedef struct {
    xaso_comparator cmp;
    bool target_has_value;
    double target;
    bool has_value;
    double value;
    bool judged_met;
    xaso_verdict want;
} verdict_case;

static void test_verdicts(void **state)
{
    (void)state;
    static const verdict_case cases[] = {
        /* ≥ : above exceeds, equal meets, below does not. */
        {CMP_GE, true, 60, true, 75, false, VERDICT_EXCEEDED},
        {CMP_GE, true, 60, true, 60, false, VERDICT_MET},
        {CMP_GE, true, 60, true, 59.9, false, VERDICT_NOT_MET},
        {CMP_GE, true, 100, true, 100, false, VERDICT_MET}, /* 100% met, cannot be exceeded */
        {CMP_GE, true, 100, true, 99.99, false, VERDICT_NOT_MET},
        {CMP_GE, true, 18.7, true, 18.7, false, VERDICT_MET},
        {CMP_GE, true, 2, true, 3, false, VERDICT_EXCEEDED}, /* ≥ 2 classes, 3 held */
        {CMP_GE, true, 60, true, 0, false, VERDICT_NOT_MET}, /* zero is data */
        /* = behaves like ≥ ("đạt" targets). */
        {CMP_EQ, true, 90, true, 90, false, VERDICT_MET},
        {CMP_EQ, true, 90, true, 91, false, VERDICT_EXCEEDED},
        {CMP_EQ, true, 90, true, 89, false, VERDICT_NOT_MET},
        /* > : strictly above meets; never "exceeded". */
        {CMP_GT, true, 92, true, 93, false, VERDICT_MET},
        {CMP_GT, true, 92, true, 100, false, VERDICT_MET},
        {CMP_GT, true, 92, true, 92, false, VERDICT_NOT_MET},
        {CMP_GT, true, 92, true, 91, false, VERDICT_NOT_MET},
        {CMP_GT, true, 100, true, 100, false, VERDICT_NOT_MET}, /* "trên 100%": impossible */
        /* ≤ mirrors ≥. */
        {CMP_LE, true, 5, true, 3, false, VERDICT_EXCEEDED},
        {CMP_LE, true, 5, true, 5, false, VERDICT_MET},
        {CMP_LE, true, 5, true, 6, false, VERDICT_NOT_MET},
        /* < mirrors >. */
        {CMP_LT, true, 5, true, 4, false, VERDICT_MET},
        {CMP_LT, true, 5, true, 5, false, VERDICT_NOT_MET},
        {CMP_LT, true, 5, true, 7, false, VERDICT_NOT_MET},
        /* maintain: at least the value; never exceeded. */
        {CMP_MAINTAIN, true, 100, true, 100, false, VERDICT_MET},
        {CMP_MAINTAIN, true, 90, true, 95, false, VERDICT_MET},
        {CMP_MAINTAIN, true, 100, true, 98, false, VERDICT_NOT_MET},
        /* boolean: non-zero is done; the target value does not matter. */
        {CMP_BOOLEAN, true, 1, true, 1, false, VERDICT_MET},
        {CMP_BOOLEAN, false, 0, true, 1, false, VERDICT_MET},
        {CMP_BOOLEAN, true, 1, true, 0, true, VERDICT_NOT_MET},
        {CMP_BOOLEAN, true, 1, true, -1, false, VERDICT_MET},
        /* text and none: the person's judgement. */
        {CMP_TEXT, false, 0, true, 0, true, VERDICT_MET},
        {CMP_TEXT, false, 0, true, 0, false, VERDICT_NOT_MET},
        {CMP_NONE, false, 0, true, 0, true, VERDICT_MET},
        {CMP_NONE, false, 0, true, 5, false, VERDICT_NOT_MET},
        /* a numeric comparator without a target number falls back to the judgement. */
        {CMP_GE, false, 0, true, 80, true, VERDICT_MET},
        {CMP_GE, false, 0, true, 80, false, VERDICT_NOT_MET},
        /* no data is no data, whatever the comparator or judgement. */
        {CMP_GE, true, 60, false, 75, true, VERDICT_NO_DATA},
        {CMP_GT, true, 60, false, 0, false, VERDICT_NO_DATA},
        {CMP_LE, true, 5, false, 0, true, VERDICT_NO_DATA},
        {CMP_MAINTAIN, true, 100, false, 100, false, VERDICT_NO_DATA},
        {CMP_BOOLEAN, true, 1, false, 1, false, VERDICT_NO_DATA},
        {CMP_TEXT, false, 0, false, 0, true, VERDICT_NO_DATA},
        {CMP_NONE, false, 0, false, 0, true, VERDICT_NO_DATA},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_observation obs = {cases[i].has_value, cases[i].value, cases[i].judged_met};
        xaso_verdict got = verdict_of(cases[i].cmp, cases[i].target_has_value, cases[i].target, &obs);
        if (got != cases[i].want)
            fail_msg("case %zu: %s %g, value %g (has %d): got %s, want %s", i,
                     comparator_code(cases[i].cmp), cases[i].target, cases[i].value,
                     cases[i].has_value, verdict_code(got), verdict_code(cases[i].want));
    }
    assert_int_equal(verdict_of(CMP_GE, true, 60, NULL), VERDICT_NO_DATA);
}

static void test_tolerance_and_non_finite(void **state)
{
    (void)state;
    /* A percentage computed from counts equals the printed figure. */
    double pct;
    assert_true(ratio_percent(187, 1000, &pct));
    xaso_observation obs = {true, pct, false};
    assert_int_equal(verdict_of(CMP_GE, true, 18.7, &obs), VERDICT_MET);
    assert_true(ratio_percent(1, 3, &pct));
    obs.value = pct * 3.0;
    assert_int_equal(verdict_of(CMP_GE, true, 100, &obs), VERDICT_MET);
    obs.value = 0.1 + 0.2;
    assert_int_equal(verdict_of(CMP_LE, true, 0.3, &obs), VERDICT_MET);
    /* A real difference is not swallowed by the tolerance. */
    obs.value = 99.9999;
    assert_int_equal(verdict_of(CMP_GE, true, 100, &obs), VERDICT_NOT_MET);
    obs.value = 1e-7;
    assert_int_equal(verdict_of(CMP_GT, true, 0, &obs), VERDICT_MET);

    obs.value = NAN;
    assert_int_equal(verdict_of(CMP_GE, true, 60, &obs), VERDICT_NO_DATA);
    obs.value = INFINITY;
    assert_int_equal(verdict_of(CMP_GE, true, 60, &obs), VERDICT_NO_DATA);
    obs.value = 70;
    assert_int_equal(verdict_of(CMP_GE, true, NAN, &obs), VERDICT_NOT_MET); /* judged_met false */
}

static void test_ratio_percent(void **state)
{
    (void)state;
    static const struct {
        double numerator, denominator;
        bool ok;
        double want;
    } cases[] = {
        {45, 60, true, 75},
        {0, 60, true, 0},
        {60, 60, true, 100},
        {120, 60, true, 200},
        {1, 8, true, 12.5},
        {187, 1000, true, 18.7},
        {5, 0, false, 0},
        {5, -1, false, 0},
        {-1, 10, false, 0},
        {NAN, 10, false, 0},
        {10, INFINITY, false, 0},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        double got = -1;
        bool ok = ratio_percent(cases[i].numerator, cases[i].denominator, &got);
        assert_int_equal(ok, cases[i].ok);
        if (ok)
            assert_true(fabs(got - cases[i].want) < 1e-12);
        else
            assert_true(got == -1);
    }
    /* The result is the correctly rounded figure, not one off in the last place. */
    double pct;
    assert_true(ratio_percent(187, 1000, &pct));
    assert_true(pct == 18.7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_tolerance_and_non_finite),
        cmocka_unit_test(test_ratio_percent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
