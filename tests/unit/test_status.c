/* Task status and evidence appraisal vocabulary. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "xaso/status.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_status_codes(void **state)
{
    (void)state;
    static const struct {
        xaso_task_status status;
        const char *code, *label;
        bool done;
    } cases[] = {
        {TASK_NOT_STARTED, "not-started", "chưa triển khai", false},
        {TASK_IN_PROGRESS, "in-progress", "đang thực hiện", false},
        {TASK_DONE, "done", "hoàn thành", true},
        {TASK_DONE_LATE, "done-late", "hoàn thành chậm", true},
        {TASK_NOT_DONE, "not-done", "không hoàn thành", false},
        {TASK_NEEDS_FIX, "needs-fix", "chờ hoàn thiện", false},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        assert_string_equal(task_status_code(cases[i].status), cases[i].code);
        assert_string_equal(task_status_label_vi(cases[i].status), cases[i].label);
        assert_int_equal(task_status_is_done(cases[i].status), cases[i].done);
        xaso_task_status back = (xaso_task_status)99;
        assert_true(task_status_from_code(cases[i].code, &back));
        assert_int_equal(back, cases[i].status);
    }
    static const char *const unknown[] = {"", "Done", "hoàn thành", "needs_fix", "late"};
    for (size_t i = 0; i < COUNT(unknown); i++)
        assert_false(task_status_from_code(unknown[i], NULL));
    assert_false(task_status_from_code(NULL, NULL));
    assert_string_equal(task_status_code((xaso_task_status)42), "");
}

static void test_appraisal_codes(void **state)
{
    (void)state;
    static const struct {
        xaso_appraisal appraisal;
        const char *code, *label;
    } cases[] = {
        {EVIDENCE_NONE, "none", "chưa thẩm định"},
        {EVIDENCE_PENDING, "pending", "chờ thẩm định"},
        {EVIDENCE_ACCEPTED, "accepted", "được chấp nhận"},
        {EVIDENCE_REJECTED, "rejected", "bị từ chối"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        assert_string_equal(appraisal_code(cases[i].appraisal), cases[i].code);
        assert_string_equal(appraisal_label_vi(cases[i].appraisal), cases[i].label);
        xaso_appraisal back = (xaso_appraisal)99;
        assert_true(appraisal_from_code(cases[i].code, &back));
        assert_int_equal(back, cases[i].appraisal);
    }
    assert_false(appraisal_from_code("approved", NULL));
    assert_false(appraisal_from_code(NULL, NULL));
}

static void test_done_on_and_after_appraisal(void **state)
{
    (void)state;
    xaso_date due = date_from_ymd(2026, 6, 30);
    static const struct {
        int finished_offset; /* days after due */
        bool has_due;
        xaso_task_status want;
    } done_cases[] = {
        {-10, true, TASK_DONE}, {0, true, TASK_DONE}, {1, true, TASK_DONE_LATE},
        {400, false, TASK_DONE},
    };
    for (size_t i = 0; i < COUNT(done_cases); i++)
        assert_int_equal(task_status_done_on(due + done_cases[i].finished_offset,
                                             done_cases[i].has_due ? due : XASO_DATE_NONE),
                         done_cases[i].want);
    assert_int_equal(task_status_done_on(XASO_DATE_NONE, due), TASK_DONE);

    static const struct {
        xaso_task_status reported;
        xaso_appraisal appraisal;
        xaso_task_status want;
    } cases[] = {
        {TASK_DONE, EVIDENCE_REJECTED, TASK_NEEDS_FIX},
        {TASK_DONE_LATE, EVIDENCE_REJECTED, TASK_NEEDS_FIX},
        {TASK_DONE, EVIDENCE_ACCEPTED, TASK_DONE},
        {TASK_DONE, EVIDENCE_PENDING, TASK_DONE},
        {TASK_DONE, EVIDENCE_NONE, TASK_DONE},
        {TASK_IN_PROGRESS, EVIDENCE_REJECTED, TASK_IN_PROGRESS},
        {TASK_NOT_DONE, EVIDENCE_REJECTED, TASK_NOT_DONE},
        {TASK_NEEDS_FIX, EVIDENCE_ACCEPTED, TASK_NEEDS_FIX},
    };
    for (size_t i = 0; i < COUNT(cases); i++)
        assert_int_equal(task_status_after_appraisal(cases[i].reported, cases[i].appraisal),
                         cases[i].want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_codes),
        cmocka_unit_test(test_appraisal_codes),
        cmocka_unit_test(test_done_on_and_after_appraisal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
