/* The permission rules: every role × action × ownership against a table written out here, apart
 * from the one in src/core/permission.c, so that a change of the rule has to change both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "xaso/permission.h"

/* Expected answers: admin, unit staff of the lead unit, of a coordinating unit, of another unit,
 * viewer. Stable codes are checked too. */
static const struct {
    permission_action action;
    const char *code;
    const char *expected; /* five letters: A L C O V, y = allowed, n = refused */
} cases[] = {
    {PERM_READ, "read", "yyyyy"},
    {PERM_PLAN_IMPORT, "plan.import", "ynnnn"},
    {PERM_PLAN_EDIT, "plan.edit", "ynnnn"},
    {PERM_OFFICE_EDIT, "office.edit", "ynnnn"},
    {PERM_ACCOUNT_MANAGE, "account.manage", "ynnnn"},
    {PERM_TASK_PROGRESS, "task.progress", "yyynn"},
    {PERM_TARGET_VALUE, "target.value", "yyynn"},
    {PERM_EVIDENCE_ADD, "evidence.add", "yyynn"},
    {PERM_EVIDENCE_APPRAISE, "evidence.appraise", "ynnnn"},
    {PERM_REPORT_EDIT, "report.edit", "ynnnn"},
    {PERM_REPORT_FINALISE, "report.finalise", "ynnnn"},
    {PERM_REPORT_SUBMIT, "report.submit", "ynnnn"},
    {PERM_BUNDLE_BUILD, "bundle.build", "ynnnn"},
    {PERM_BUNDLE_IMPORT, "bundle.import", "ynnnn"},
    {PERM_DATABASE_RESTORE, "database.restore", "ynnnn"},
};
#define N_CASES (sizeof cases / sizeof cases[0])

static void test_table(void **state)
{
    (void)state;
    assert_int_equal(N_CASES, XASO_PERMISSION_ACTION_COUNT); /* every action has a row here */
    for (size_t i = 0; i < N_CASES; i++) {
        const char *e = cases[i].expected;
        permission_action a = cases[i].action;
        bool got[5] = {
            permission_check(ROLE_ADMIN, a, OWNERSHIP_NONE),
            permission_check(ROLE_UNIT, a, OWNERSHIP_LEAD),
            permission_check(ROLE_UNIT, a, OWNERSHIP_COORDINATOR),
            permission_check(ROLE_UNIT, a, OWNERSHIP_NONE),
            permission_check(ROLE_VIEWER, a, OWNERSHIP_NONE),
        };
        for (int k = 0; k < 5; k++) {
            if (got[k] != (e[k] == 'y'))
                fail_msg("%s, column %d: expected %c", cases[i].code, k, e[k]);
        }
        /* admin and viewer do not depend on ownership */
        for (int own = OWNERSHIP_NONE; own <= OWNERSHIP_LEAD; own++) {
            assert_int_equal(permission_check(ROLE_ADMIN, a, (xaso_ownership)own), got[0]);
            assert_int_equal(permission_check(ROLE_VIEWER, a, (xaso_ownership)own), got[4]);
        }
        assert_int_equal(permission_depends_on_ownership(a), got[1] != got[3] || got[2] != got[3]);
    }
}

static void test_codes(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_CASES; i++) {
        assert_string_equal(permission_action_code(cases[i].action), cases[i].code);
        permission_action back;
        assert_true(permission_action_from_code(cases[i].code, &back));
        assert_int_equal(back, cases[i].action);
        assert_true(strlen(permission_action_label(cases[i].action)) > 0);
    }
    /* the numbers are stable (stored and compared by other programs) */
    assert_int_equal(PERM_READ, 0);
    assert_int_equal(PERM_TASK_PROGRESS, 5);
    assert_int_equal(PERM_REPORT_FINALISE, 10);
    assert_int_equal(PERM_DATABASE_RESTORE, 14);
    permission_action a;
    assert_false(permission_action_from_code("plan.delete", &a));
    assert_false(permission_action_from_code(NULL, &a));
    assert_string_equal(permission_action_code((permission_action)99), "");

    xaso_role r;
    assert_string_equal(role_code(ROLE_ADMIN), "admin");
    assert_string_equal(role_code(ROLE_UNIT), "unit");
    assert_string_equal(role_code(ROLE_VIEWER), "viewer");
    assert_true(role_from_code("unit", &r));
    assert_int_equal(r, ROLE_UNIT);
    assert_false(role_from_code("Admin", &r));
    assert_false(role_from_code("root", &r));
    assert_string_equal(role_label(ROLE_VIEWER), "read-only");
}

static void test_unknown_values_refused(void **state)
{
    (void)state;
    assert_false(permission_check((xaso_role)7, PERM_READ, OWNERSHIP_NONE));
    assert_false(permission_check(ROLE_ADMIN, (permission_action)99, OWNERSHIP_NONE));
    assert_false(permission_check(ROLE_ADMIN, (permission_action)-1, OWNERSHIP_NONE));
    assert_false(permission_check(ROLE_UNIT, PERM_TASK_PROGRESS, (xaso_ownership)9));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_unknown_values_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
