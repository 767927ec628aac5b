/* Task warnings: overdue, behind schedule, evidence missing/rejected, no update. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "xaso/warning.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    int y, m, d;
} ymd;

static xaso_date to_date(ymd v)
{
    return v.y ? date_from_ymd(v.y, v.m, v.d) : XASO_DATE_NONE;
}

static void test_codes(void **state)
{
    (void)state;
    static const struct {
        xaso_warning warning;
        const char *code, *label;
    } cases[] = {
        {WARN_OVERDUE, "overdue", "quá hạn"},
        {WARN_BEHIND_SCHEDULE, "behind-schedule", "chậm tiến độ"},
        {WARN_EVIDENCE_MISSING, "evidence-missing", "thiếu minh chứng"},
        {WARN_EVIDENCE_REJECTED, "evidence-rejected", "minh chứng bị từ chối"},
        {WARN_NO_UPDATE, "no-update", "chưa cập nhật kỳ này"},
    };
    assert_int_equal(COUNT(cases), XASO_WARNING_COUNT);
    xaso_warnings all = 0;
    for (size_t i = 0; i < COUNT(cases); i++) {
        assert_int_equal(warning_at(i), cases[i].warning);
        assert_string_equal(warning_code(cases[i].warning), cases[i].code);
        assert_string_equal(warning_label_vi(cases[i].warning), cases[i].label);
        xaso_warning back = (xaso_warning)0;
        assert_true(warning_from_code(cases[i].code, &back));
        assert_int_equal(back, cases[i].warning);
        assert_int_equal(all & cases[i].warning, 0); /* distinct bits */
        all |= cases[i].warning;
    }
    assert_int_equal(all, XASO_WARNINGS_ALL);
    assert_int_equal(warning_at(XASO_WARNING_COUNT), 0);
    assert_false(warning_from_code("late", NULL));
    assert_false(warning_from_code(NULL, NULL));
    assert_string_equal(warning_code((xaso_warning)(1u << 9)), "");
}

static void test_format_and_parse_sets(void **state)
{
    (void)state;
    static const struct {
        xaso_warnings set;
        const char *codes;
        size_t count;
    } cases[] = {
        {0, "", 0},
        {WARN_OVERDUE, "overdue", 1},
        {WARN_NO_UPDATE | WARN_OVERDUE, "overdue,no-update", 2},
        {XASO_WARNINGS_ALL, "overdue,behind-schedule,evidence-missing,evidence-rejected,no-update",
         5},
        {WARN_EVIDENCE_REJECTED | WARN_BEHIND_SCHEDULE, "behind-schedule,evidence-rejected", 2},
    };
    char buf[128];
    for (size_t i = 0; i < COUNT(cases); i++) {
        assert_string_equal(warnings_format(cases[i].set, buf, sizeof buf), cases[i].codes);
        assert_int_equal(warnings_count(cases[i].set), cases[i].count);
        xaso_warnings back = 0xFFu;
        assert_true(warnings_parse(cases[i].codes, &back));
        assert_int_equal(back, cases[i].set);
    }
    /* Out of order and repeated codes parse; unknown or empty ones do not. */
    xaso_warnings back = 0;
    assert_true(warnings_parse("no-update,overdue,overdue", &back));
    assert_int_equal(back, WARN_NO_UPDATE | WARN_OVERDUE);
    static const char *const bad[] = {"overdue,", ",overdue", "overdue,,no-update", "late",
                                      "overdue no-update", "OVERDUE"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        back = 0x77u;
        assert_false(warnings_parse(bad[i], &back));
        assert_int_equal(back, 0x77u);
    }
    assert_false(warnings_parse(NULL, &back));
    assert_int_equal(warnings_count(1u << 12), 0); /* not a warning bit */
    /* A short buffer holds whole codes only. */
    char small[20];
    assert_string_equal(warnings_format(WARN_OVERDUE | WARN_BEHIND_SCHEDULE, small, sizeof small),
                        "overdue");
}

typedef struct {
    const char *what;
    xaso_timeline_kind kind;
    ymd start, due;
    bool has_status;
    xaso_task_status status;
    bool has_completion;
    double completion;
    int unappraised, pending, accepted, rejected;
    bool has_update;
    ymd today, period_start;
    xaso_warnings want;
} warning_case;

#define NONE {0, 0, 0}
#define TODAY {2026, 11, 23}
#define Q3_2026 TL_QUARTER, {2026, 7, 1}, {2026, 9, 30}
#define Q4_2026 TL_QUARTER, {2026, 10, 1}, {2026, 12, 31}
#define PLAN_START {2026, 1, 1}

static void test_task_warnings(void **state)
{
    (void)state;
    static const warning_case cases[] = {
        /* Q4 task on 23/11: 53 of 92 days gone → behind below 28.8 % */
        {"on track", Q4_2026, true, TASK_IN_PROGRESS, true, 40, 0, 0, 0, 0, true, TODAY, PLAN_START,
         0},
        {"behind", Q4_2026, true, TASK_IN_PROGRESS, true, 20, 0, 0, 0, 0, true, TODAY, PLAN_START,
         WARN_BEHIND_SCHEDULE},
        {"never reported counts as 0 %", Q4_2026, false, TASK_NOT_STARTED, false, 0, 0, 0, 0, 0,
         false, TODAY, PLAN_START, WARN_BEHIND_SCHEDULE | WARN_NO_UPDATE},
        {"on its first day nothing has elapsed", Q4_2026, true, TASK_NOT_STARTED, true, 0, 0, 0, 0,
         0, true, {2026, 10, 1}, PLAN_START, 0},
        {"not started yet", TL_QUARTER, {2027, 1, 1}, {2027, 3, 31}, true, TASK_NOT_STARTED, true,
         0, 0, 0, 0, 0, true, TODAY, PLAN_START, 0},
        /* past the deadline */
        {"overdue", Q3_2026, true, TASK_IN_PROGRESS, true, 80, 0, 0, 0, 0, true, TODAY, PLAN_START,
         WARN_OVERDUE},
        {"overdue and behind", Q3_2026, true, TASK_IN_PROGRESS, true, 30, 0, 0, 0, 0, true, TODAY,
         PLAN_START, WARN_OVERDUE | WARN_BEHIND_SCHEDULE},
        {"closed as not done is still overdue", Q3_2026, true, TASK_NOT_DONE, true, 60, 0, 0, 0, 0,
         true, TODAY, PLAN_START, WARN_OVERDUE},
        {"due today is not overdue", TL_BY_DATE, NONE, {2026, 11, 23}, true, TASK_IN_PROGRESS, true,
         90, 0, 0, 0, 0, true, TODAY, PLAN_START, 0},
        {"due yesterday is", TL_BY_DATE, NONE, {2026, 11, 22}, true, TASK_IN_PROGRESS, true, 90, 0,
         0, 0, 0, true, TODAY, PLAN_START, WARN_OVERDUE},
        /* done */
        {"done with evidence, nothing more to report", Q3_2026, true, TASK_DONE, true, 100, 0, 0,
         1, 0, false, TODAY, PLAN_START, 0},
        {"done without evidence", Q3_2026, true, TASK_DONE, true, 100, 0, 0, 0, 0, true, TODAY,
         PLAN_START, WARN_EVIDENCE_MISSING},
        {"done with evidence not yet appraised", Q3_2026, true, TASK_DONE, true, 100, 1, 0, 0, 0,
         true, TODAY, PLAN_START, 0},
        {"done late, every file rejected", Q3_2026, true, TASK_DONE_LATE, true, 100, 0, 0, 0, 2,
         true, TODAY, PLAN_START, WARN_EVIDENCE_REJECTED},
        {"rejected but a new file is pending", Q3_2026, true, TASK_DONE, true, 100, 0, 1, 0, 1,
         true, TODAY, PLAN_START, 0},
        {"rejected but another accepted", Q3_2026, true, TASK_DONE, true, 100, 0, 0, 1, 1, true,
         TODAY, PLAN_START, 0},
        {"needs fix: not done, so overdue too", Q3_2026, true, TASK_NEEDS_FIX, true, 100, 0, 0, 0,
         1, true, TODAY, PLAN_START, WARN_OVERDUE | WARN_EVIDENCE_REJECTED},
        {"needs fix, not updated", Q4_2026, true, TASK_NEEDS_FIX, true, 100, 0, 0, 0, 1, false,
         TODAY, PLAN_START, WARN_EVIDENCE_REJECTED | WARN_NO_UPDATE},
        {"in progress with a rejected interim file", Q4_2026, true, TASK_IN_PROGRESS, true, 50, 0,
         0, 0, 1, true, TODAY, PLAN_START, WARN_EVIDENCE_REJECTED},
        /* timelines without a deadline */
        {"ongoing never overdue", TL_ONGOING, NONE, NONE, true, TASK_IN_PROGRESS, true, 0, 0, 0, 0,
         0, true, TODAY, PLAN_START, 0},
        {"ongoing not reported this period", TL_ONGOING, NONE, NONE, false, TASK_NOT_STARTED, false,
         0, 0, 0, 0, 0, false, TODAY, PLAN_START, WARN_NO_UPDATE},
        {"ongoing done last period still reports", TL_ONGOING, NONE, NONE, true, TASK_DONE, true,
         100, 0, 0, 1, 0, false, TODAY, PLAN_START, WARN_NO_UPDATE},
        {"ongoing done without evidence", TL_ONGOING, NONE, NONE, true, TASK_DONE, true, 100, 0, 0,
         0, 0, true, TODAY, PLAN_START, WARN_EVIDENCE_MISSING},
        {"yearly never overdue", TL_YEARLY, NONE, NONE, true, TASK_IN_PROGRESS, true, 0, 0, 0, 0,
         0, true, TODAY, PLAN_START, 0},
        {"printed as already done", TL_DONE, NONE, NONE, false, TASK_NOT_STARTED, false, 0, 0, 0,
         0, 0, false, TODAY, PLAN_START, 0},
        {"after an event", TL_EVENT, NONE, NONE, true, TASK_NOT_STARTED, true, 0, 0, 0, 0, 0, true,
         TODAY, PLAN_START, 0},
        {"on request", TL_ON_REQUEST, NONE, NONE, true, TASK_NOT_STARTED, true, 0, 0, 0, 0, 0,
         false, TODAY, PLAN_START, WARN_NO_UPDATE},
        {"no timeline", TL_NONE, NONE, NONE, true, TASK_IN_PROGRESS, true, 0, 0, 0, 0, 0, true,
         TODAY, PLAN_START, 0},
        /* "trước ngày 20/11" has no start: the plan/period start stands in */
        {"by-date without start, never reported", TL_BY_DATE, NONE, {2026, 11, 19}, false,
         TASK_NOT_STARTED, false, 0, 0, 0, 0, 0, false, TODAY, PLAN_START,
         WARN_OVERDUE | WARN_BEHIND_SCHEDULE | WARN_NO_UPDATE},
        {"by-date from the plan start, 326 of 365 days: 44.7 % needed", TL_BY_DATE, NONE,
         {2026, 12, 31}, true, TASK_IN_PROGRESS, true, 45, 0, 0, 0, 0, true, TODAY, PLAN_START, 0},
        {"by-date from the plan start, 44 % is behind", TL_BY_DATE, NONE, {2026, 12, 31}, true,
         TASK_IN_PROGRESS, true, 44, 0, 0, 0, 0, true, TODAY, PLAN_START, WARN_BEHIND_SCHEDULE},
        {"by-date without any start: no behind-schedule", TL_BY_DATE, NONE, {2026, 12, 31}, true,
         TASK_IN_PROGRESS, true, 0, 0, 0, 0, 0, true, TODAY, NONE, 0},
        {"period start after the due date is ignored", TL_BY_DATE, NONE, {2026, 12, 31}, true,
         TASK_IN_PROGRESS, true, 0, 0, 0, 0, 0, true, TODAY, {2027, 1, 1}, 0},
        /* the boundary: half of the elapsed share exactly */
        {"exactly half of the elapsed share", TL_MONTH, {2026, 11, 1}, {2026, 11, 30}, true,
         TASK_IN_PROGRESS, true, 25, 0, 0, 0, 0, true, {2026, 11, 16}, PLAN_START, 0},
        {"just under it", TL_MONTH, {2026, 11, 1}, {2026, 11, 30}, true, TASK_IN_PROGRESS, true,
         24.9, 0, 0, 0, 0, true, {2026, 11, 16}, PLAN_START, WARN_BEHIND_SCHEDULE},
        /* no today: nothing time-based */
        {"no today", Q3_2026, true, TASK_IN_PROGRESS, true, 0, 0, 0, 0, 0, true, NONE, PLAN_START,
         0},
    };
    char got[128], want[128];
    for (size_t i = 0; i < COUNT(cases); i++) {
        const warning_case *c = &cases[i];
        xaso_task_facts facts;
        memset(&facts, 0, sizeof facts);
        facts.timeline = (xaso_timeline){c->kind, to_date(c->start), to_date(c->due)};
        facts.has_status = c->has_status;
        facts.status = c->status;
        facts.has_completion = c->has_completion;
        facts.completion_percent = c->completion;
        facts.evidence_unappraised = c->unappraised;
        facts.evidence_pending = c->pending;
        facts.evidence_accepted = c->accepted;
        facts.evidence_rejected = c->rejected;
        facts.has_update_this_period = c->has_update;
        facts.today = to_date(c->today);
        facts.period_start = to_date(c->period_start);
        xaso_warnings w = task_warnings(&facts);
        if (w != c->want)
            fail_msg("%s: got {%s}, want {%s}", c->what, warnings_format(w, got, sizeof got),
                     warnings_format(c->want, want, sizeof want));
    }
    assert_int_equal(task_warnings(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_format_and_parse_sets),
        cmocka_unit_test(test_task_warnings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
