/* Plan files: derived values, references, text cleaning, and write → read giving the same plan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xaso/planio.h"

static xaso_plan *load_text(const char *text, xaso_error *err)
{
    xaso_error_clear(err);
    return planio_load_buffer("p.yaml", text, strlen(text), err);
}

static void test_derived_values(void **state)
{
    (void)state;
    xaso_error err;
    xaso_plan *p = planio_load("tests/fixtures/small-plan.yaml", &err);
    assert_non_null(p);
    assert_int_equal(p->n_targets, 2);
    assert_string_equal(p->targets[0].comparator, ">");
    assert_true(p->targets[0].value.set);
    assert_true(p->targets[0].value.v == 100);
    assert_string_equal(p->targets[0].unit, "%");
    assert_string_equal(p->targets[1].comparator, ">=");
    assert_string_equal(p->targets[1].responsible, "vhxh");
    assert_string_equal(p->tasks[0].timeline_kind, "quarter");
    char buf[16];
    assert_string_equal(date_format_iso(p->tasks[0].due, buf, sizeof buf), "2026-09-30");
    assert_string_equal(p->tasks[0].lead.items[0], "vhxh"); /* alias "Phòng VH&XH" resolved */
    assert_string_equal(p->tasks[1].kind, "duty");
    assert_string_equal(p->tasks[1].timeline_kind, "ongoing");
    assert_string_equal(p->header.money_unit, "triệu đồng");
    plan_free(p);
}

static void test_text_is_cleaned(void **state)
{
    (void)state;
    xaso_error err;
    /* decomposed Vietnamese becomes NFC; an escape sequence inside a name is dropped */
    xaso_plan *p = load_text("xaso-plan: 1\nplan:\n  key: k\n  title: \"Nguye\xcc\x82\xcc\x83n "
                             "\\e[31mđỏ\"\n",
                             &err);
    assert_non_null(p);
    assert_string_equal(p->header.title, "Nguyễn [31mđỏ");
    plan_free(p);
}

static void test_round_trip(void **state)
{
    (void)state;
    xaso_error err;
    xaso_plan *a = planio_load("tests/fixtures/small-plan.yaml", &err);
    assert_non_null(a);
    char *t1, *t2;
    size_t n1, n2;
    assert_int_equal(planio_write_buffer(a, &t1, &n1, &err), 0);
    xaso_plan *b = load_text(t1, &err);
    assert_non_null(b);
    assert_int_equal(planio_write_buffer(b, &t2, &n2, &err), 0);
    assert_int_equal(n1, n2);
    assert_memory_equal(t1, t2, n1);
    assert_int_equal(b->n_projects, 2);
    assert_int_equal(b->projects[0].n_disbursements, 1);
    assert_true(b->projects[0].budget.province.v == 200);
    assert_false(b->projects[0].budget.commune.set);
    free(t1);
    free(t2);
    plan_free(a);
    plan_free(b);
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, col;
        const char *message;
    } cases[] = {
        {"xaso-plan: 1\nplan: {key: \"a b\", title: t}\n", 2, 13, "ASCII letters"},
        {"xaso-plan: 1\nplan: {key: k, title: t, chain: x}\n", 2, 33, "must be one of ubnd, dang"},
        {"xaso-plan: 1\nplan: {key: k, title: \"\"}\n", 2, 23, "must not be empty"},
        {"xaso-plan: 1\nplan: {key: k, title: t, period: {from: 2030, to: 2025}}\n", 0, 0,
         "ends (2025) before it starts (2030)"},
        {"xaso-plan: 1\nplan: {key: k, title: t}\ntargets:\n  - {code: a, name: n, horizon: 99}\n",
         4, 33, "must be a year"},
        {"xaso-plan: 1\nplan: {key: k, title: t}\nunits:\n  - {code: u, name: A}\n  - {code: u, "
         "name: B}\n",
         5, 5, "unit \"u\" appears twice"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xaso_error err;
        xaso_plan *p = load_text(cases[i].text, &err);
        assert_null(p);
        assert_int_equal(err.code, XASO_EX_DATAERR);
        assert_int_equal(err.line, cases[i].line);
        assert_int_equal(err.col, cases[i].col);
        if (!strstr(err.message, cases[i].message))
            fail_msg("case %zu: %s", i, err.message);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derived_values),
        cmocka_unit_test(test_text_is_cleaned),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
