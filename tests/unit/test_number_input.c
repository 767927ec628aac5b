/* Typed numbers in forms (issue 6): both decimal marks where the reading is certain, and the
 * ambiguous "7.100" refused with a message that says what to type — the one rule of
 * format_parse_number() (tests/unit/test_format.c) seen through form_validate_field(). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/form.h"
#include "xaso/i18n.h"

typedef struct {
    const char *field, *text;
    form_severity severity;
    double number;     /* when FORM_OK */
    const char *says;  /* part of the message, or NULL */
} number_case;

static void check(const xaso_form *form, const number_case *c)
{
    const form_field *f = form_find_field(form, c->field);
    assert_non_null(f);
    form_result r;
    form_validate_field(f, c->text, &r);
    if (r.severity != c->severity)
        fail_msg("%s \"%s\": severity %d (\"%s\"), expected %d", c->field, c->text, r.severity,
                 r.message, c->severity);
    if (c->severity == FORM_OK && (r.value.kind != FVAL_NUMBER || r.value.number != c->number))
        fail_msg("%s \"%s\": %g, expected %g", c->field, c->text, r.value.number, c->number);
    if (c->says && !strstr(r.message, c->says))
        fail_msg("%s \"%s\": message \"%s\" lacks \"%s\"", c->field, c->text, r.message, c->says);
}

static void test_form_numbers(void **state)
{
    (void)state;
    setenv("XASO_LOCALEDIR", "/nonexistent", 1);
    i18n_init("en");
    xaso_error err;
    xaso_form *form = form_load_file("tests/fixtures/forms/sample.yaml", NULL, &err);
    assert_non_null(form);
    static const number_case cases[] = {
        {"ratio", "18,7", FORM_OK, 18.7, NULL},
        {"ratio", "18.7", FORM_OK, 18.7, NULL},
        {"ratio", "1.234,5", FORM_WARNING, 0, NULL}, /* read (1234.5), then above the range */
        {"ratio", "7.100", FORM_ERROR, 0, "type 7100 for the whole number or 7.1 for the decimal"},
        {"ratio", "7,100", FORM_ERROR, 0, "can be read two ways"},
        {"ratio", "1,234", FORM_ERROR, 0, "1.2340"},
        {"ratio", "abc", FORM_ERROR, 0, "Enter a number"},
        {"share", "18.7%", FORM_OK, 18.7, NULL},
        {"share", "7.100%", FORM_ERROR, 0, "can be read two ways"},
        {"count", "7.100", FORM_OK, 7100, NULL},   /* a count: either mark groups thousands */
        {"count", "7,100", FORM_OK, 7100, NULL},
        {"count", "2,5", FORM_ERROR, 0, "Enter a whole number"},
        {"amount", "1.234,5", FORM_OK, 1234.5, NULL},
        {"amount", "7,100", FORM_OK, 7100, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(form, &cases[i]);
    form_free(form);
}

static void test_form_numbers_vietnamese(void **state)
{
    (void)state;
    const char *build = getenv("BUILD");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/locale", build && *build ? build : "build");
    setenv("XASO_LOCALEDIR", dir, 1);
    i18n_init("vi");
    xaso_error err;
    xaso_form *form = form_load_file("tests/fixtures/forms/sample.yaml", NULL, &err);
    assert_non_null(form);
    form_result r;
    form_validate_field(form_find_field(form, "ratio"), "7.100", &r);
    assert_int_equal(r.severity, FORM_ERROR);
    assert_non_null(strstr(r.message, "7100")); /* the Vietnamese message names both readings */
    assert_non_null(strstr(r.message, "7,1"));
    form_free(form);
    i18n_init("en");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_form_numbers),
        cmocka_unit_test(test_form_numbers_vietnamese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
