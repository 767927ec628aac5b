/* Printed timelines typed: every timeline_raw of the three sample plans, and the brief's list. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "xaso/timeline.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NONE {0, 0, 0}

typedef struct {
    int y, m, d; /* {0, 0, 0} = XASO_DATE_NONE */
} ymd;

typedef struct {
    const char *text;
    int plan_year;
    xaso_timeline_kind kind;
    ymd start, due;
} timeline_case;

static xaso_date to_date(ymd v)
{
    return v.y ? date_from_ymd(v.y, v.m, v.d) : XASO_DATE_NONE;
}

static void check_cases(const timeline_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        xaso_timeline t;
        memset(&t, 0x55, sizeof t);
        timeline_parse(cases[i].text, cases[i].plan_year, &t);
        xaso_date start = to_date(cases[i].start), due = to_date(cases[i].due);
        if (t.kind != cases[i].kind || t.start != start || t.due != due) {
            char got_start[16], got_due[16], want_start[16], want_due[16];
            fail_msg("timeline_parse(\"%s\", %d) = {%s, %s, %s}, want {%s, %s, %s}",
                     cases[i].text ? cases[i].text : "(null)", cases[i].plan_year,
                     timeline_kind_code(t.kind), date_format_iso(t.start, got_start, 16),
                     date_format_iso(t.due, got_due, 16), timeline_kind_code(cases[i].kind),
                     date_format_iso(start, want_start, 16), date_format_iso(due, want_due, 16));
        }
    }
}

static void test_kind_codes(void **state)
{
    (void)state;
    static const struct {
        xaso_timeline_kind kind;
        const char *code;
    } cases[] = {
        {TL_NONE, "none"},   {TL_ONGOING, "ongoing"}, {TL_YEARLY, "yearly"},
        {TL_YEAR, "year"},   {TL_QUARTER, "quarter"}, {TL_MONTH, "month"},
        {TL_BY_DATE, "by-date"}, {TL_DONE, "done"},   {TL_EVENT, "event"},
        {TL_ON_REQUEST, "on-request"}, {TL_TEXT, "text"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        assert_string_equal(timeline_kind_code(cases[i].kind), cases[i].code);
        xaso_timeline_kind back = (xaso_timeline_kind)99;
        assert_true(timeline_kind_from_code(cases[i].code, &back));
        assert_int_equal(back, cases[i].kind);
    }
    assert_false(timeline_kind_from_code("by_date", NULL));
    assert_false(timeline_kind_from_code("", NULL));
    assert_false(timeline_kind_from_code(NULL, NULL));
}

/* Every distinct timeline_raw of the three sample plans in /work/shared/samples, as printed. */
static void test_sample_plans(void **state)
{
    (void)state;
    static const timeline_case cases[] = {
        /* null (149 rows) */
        {NULL, 2026, TL_NONE, NONE, NONE},
        {"Thực hiện thường xuyên trong năm", 2026, TL_ONGOING, NONE, NONE},
        {"Thường xuyên", 2026, TL_ONGOING, NONE, NONE},
        {"trong năm 2026", 2026, TL_YEAR, {2026, 1, 1}, {2026, 12, 31}},
        {"thường xuyên", 2026, TL_ONGOING, NONE, NONE},
        {"theo hướng dẫn của tỉnh", 2026, TL_ON_REQUEST, NONE, NONE},
        {"định kỳ", 2025, TL_ONGOING, NONE, NONE},
        {"định kỳ 6 tháng; khi có yêu cầu", 2026, TL_ONGOING, NONE, NONE},
        {"định kỳ ... theo quy định", 2025, TL_ONGOING, NONE, NONE},
        {"trước khi đưa vào sử dụng, nâng cấp, thay đổi; định kỳ theo quy định", 2026, TL_ONGOING,
         NONE, NONE},
        {"thường xuyên (hằng tuần, hằng tháng, quý, 6 tháng, 9 tháng, năm)", 2026, TL_ONGOING,
         NONE, NONE},
        {"theo yêu cầu của cấp trên", 2026, TL_ON_REQUEST, NONE, NONE},
        {"khi thực tế phát sinh", 2025, TL_EVENT, NONE, NONE},
        {"khi có yêu cầu", 2026, TL_ON_REQUEST, NONE, NONE},
        {"hằng năm và giai đoạn; thường xuyên", 2025, TL_ONGOING, NONE, NONE},
        {"Thời gian: thực hiện trong quý IV năm 2026", 2026, TL_QUARTER, {2026, 10, 1},
         {2026, 12, 31}},
        {"Theo chỉ đạo của Sở", 2026, TL_ON_REQUEST, NONE, NONE},
        {"Quý III/2026", 2026, TL_QUARTER, {2026, 7, 1}, {2026, 9, 30}},
        {"Quý II năm 2026", 2026, TL_QUARTER, {2026, 4, 1}, {2026, 6, 30}},
        {"Khảo sát tổng thể lần 1 trước ngày 20/11, sau đó định kỳ khảo sát, bổ sung", 2026,
         TL_BY_DATE, NONE, {2026, 11, 19}},
        {"Hoàn thành trước tháng 12 năm 2026", 2026, TL_BY_DATE, NONE, {2026, 11, 30}},
        {"Hoàn thiện trước tháng 11 năm 2026", 2026, TL_BY_DATE, NONE, {2026, 10, 31}},
        {"6 tháng cuối năm 2025", 2026, TL_BY_DATE, {2025, 7, 1}, {2025, 12, 31}},
    };
    check_cases(cases, COUNT(cases));
}

static void test_brief_examples(void **state)
{
    (void)state;
    static const timeline_case cases[] = {
        {"Quý II năm 2026", 2025, TL_QUARTER, {2026, 4, 1}, {2026, 6, 30}},
        {"quý IV năm 2026", 2026, TL_QUARTER, {2026, 10, 1}, {2026, 12, 31}},
        {"QUÝ I/2027", 2026, TL_QUARTER, {2027, 1, 1}, {2027, 3, 31}},
        {"Quý 3/2026", 2026, TL_QUARTER, {2026, 7, 1}, {2026, 9, 30}},
        {"quý 4 năm 2026", 2020, TL_QUARTER, {2026, 10, 1}, {2026, 12, 31}},
        {"Quý II", 2026, TL_QUARTER, {2026, 4, 1}, {2026, 6, 30}},
        {"Quý I, II/2026", 2026, TL_QUARTER, {2026, 1, 1}, {2026, 6, 30}},
        {"Quý I-II năm 2026", 2026, TL_QUARTER, {2026, 1, 1}, {2026, 6, 30}},
        {"Quý III – IV/2026", 2026, TL_QUARTER, {2026, 7, 1}, {2026, 12, 31}},
        {"Quý II và III năm 2026", 2026, TL_QUARTER, {2026, 4, 1}, {2026, 9, 30}},
        {"Năm 2026", 2025, TL_YEAR, {2026, 1, 1}, {2026, 12, 31}},
        {"2026-2030", 2026, TL_YEAR, {2026, 1, 1}, {2030, 12, 31}},
        {"Giai đoạn 2026 - 2030", 2026, TL_YEAR, {2026, 1, 1}, {2030, 12, 31}},
        {"trong năm", 2026, TL_YEAR, {2026, 1, 1}, {2026, 12, 31}},
        {"trong năm 2027", 2026, TL_YEAR, {2027, 1, 1}, {2027, 12, 31}},
        {"trước ngày 20/11", 2026, TL_BY_DATE, NONE, {2026, 11, 19}},
        {"trước ngày 20/11", 2025, TL_BY_DATE, NONE, {2025, 11, 19}},
        {"trước ngày 01/01/2027", 2026, TL_BY_DATE, NONE, {2026, 12, 31}},
        {"trước ngày 1/3/2024", 2024, TL_BY_DATE, NONE, {2024, 2, 29}},
        {"trước ngày 20 tháng 11 năm 2026", 2025, TL_BY_DATE, NONE, {2026, 11, 19}},
        {"trước tháng 11 năm 2026", 2026, TL_BY_DATE, NONE, {2026, 10, 31}},
        {"trước tháng 1/2027", 2026, TL_BY_DATE, NONE, {2026, 12, 31}},
        {"trước tháng 3", 2024, TL_BY_DATE, NONE, {2024, 2, 29}},
        {"trước quý III/2026", 2026, TL_BY_DATE, NONE, {2026, 6, 30}},
        {"trước năm 2027", 2026, TL_BY_DATE, NONE, {2026, 12, 31}},
        {"trước 30/6/2026", 2026, TL_BY_DATE, NONE, {2026, 6, 29}},
        {"đến ngày 30/6/2026", 2026, TL_BY_DATE, NONE, {2026, 6, 30}},
        {"Đến 30/6/2026", 2026, TL_BY_DATE, NONE, {2026, 6, 30}},
        {"chậm nhất ngày 15/12/2026", 2026, TL_BY_DATE, NONE, {2026, 12, 15}},
        {"đến hết tháng 6/2026", 2026, TL_BY_DATE, NONE, {2026, 6, 30}},
        {"đến hết quý II/2026", 2026, TL_BY_DATE, NONE, {2026, 6, 30}},
        {"đến năm 2030", 2026, TL_BY_DATE, NONE, {2030, 12, 31}},
        {"Ngày 30/6/2026", 2026, TL_BY_DATE, NONE, {2026, 6, 30}},
        {"30/6/2026", 2026, TL_BY_DATE, NONE, {2026, 6, 30}},
        {"Từ ngày 01/3/2026 đến ngày 30/6/2026", 2026, TL_BY_DATE, {2026, 3, 1}, {2026, 6, 30}},
        {"từ 1/3 đến hết tháng 6", 2026, TL_BY_DATE, {2026, 3, 1}, {2026, 6, 30}},
        {"trong tháng 6/2025", 2026, TL_MONTH, {2025, 6, 1}, {2025, 6, 30}},
        {"Hoàn thành trong tháng 6/2025", 2026, TL_MONTH, {2025, 6, 1}, {2025, 6, 30}},
        {"Tháng 6/2026", 2025, TL_MONTH, {2026, 6, 1}, {2026, 6, 30}},
        {"tháng 02 năm 2028", 2026, TL_MONTH, {2028, 2, 1}, {2028, 2, 29}},
        {"tháng 6-2026", 2025, TL_MONTH, {2026, 6, 1}, {2026, 6, 30}},
        {"tháng 6, 7/2026", 2026, TL_MONTH, {2026, 6, 1}, {2026, 7, 31}},
        {"Tháng 9", 2026, TL_MONTH, {2026, 9, 1}, {2026, 9, 30}},
        {"Hoàn thành 6/2025", 2026, TL_MONTH, {2025, 6, 1}, {2025, 6, 30}},
        {"13/2025", 2026, TL_TEXT, NONE, NONE},
        {"6 tháng đầu năm 2026", 2025, TL_BY_DATE, {2026, 1, 1}, {2026, 6, 30}},
        {"6 tháng đầu năm", 2026, TL_BY_DATE, {2026, 1, 1}, {2026, 6, 30}},
        {"9 tháng đầu năm 2026", 2026, TL_BY_DATE, {2026, 1, 1}, {2026, 9, 30}},
        {"nửa cuối năm 2026", 2026, TL_BY_DATE, {2026, 7, 1}, {2026, 12, 31}},
        {"Thường xuyên", 2026, TL_ONGOING, NONE, NONE},
        {"THƯỜNG XUYÊN", 0, TL_ONGOING, NONE, NONE},
        {"Hằng năm", 2026, TL_YEARLY, NONE, NONE},
        {"Hàng năm", 2026, TL_YEARLY, NONE, NONE},
        {"hàng tháng", 2026, TL_ONGOING, NONE, NONE},
        {"Đã hoàn thành", 2026, TL_DONE, NONE, NONE},
        {"Sau khi Tòa án nhân dân tối cao triển khai", 2026, TL_EVENT, NONE, NONE},
        {"Theo chỉ đạo của Sở", 2026, TL_ON_REQUEST, NONE, NONE},
        {"khi có yêu cầu", 2026, TL_ON_REQUEST, NONE, NONE},
        {"theo yêu cầu", 2026, TL_ON_REQUEST, NONE, NONE},
        {"", 2026, TL_NONE, NONE, NONE},
        {"   ", 2026, TL_NONE, NONE, NONE},
        {"Phối hợp cùng đơn vị liên quan", 2026, TL_TEXT, NONE, NONE},
        {"—", 2026, TL_TEXT, NONE, NONE},
    };
    check_cases(cases, COUNT(cases));
}

static void test_decomposed_and_odd_input(void **state)
{
    (void)state;
    static const timeline_case cases[] = {
        /* NFD: "Quý" with a combining acute, "Thường" with horn and grave. */
        {"Quy\xcc\x81 II na\xcc\x86m 2026", 2026, TL_QUARTER, {2026, 4, 1}, {2026, 6, 30}},
        {"Thu\xcc\x9bo\xcc\x9b\xcc\x80ng xuye\xcc\x82n", 2026, TL_ONGOING, NONE, NONE},
        /* Missing year and no plan year: kept as text, never a made-up date. */
        {"trước ngày 20/11", 0, TL_TEXT, NONE, NONE},
        {"Quý II", 0, TL_TEXT, NONE, NONE},
        {"trong năm", 0, TL_TEXT, NONE, NONE},
        {"6 tháng đầu năm", 0, TL_TEXT, NONE, NONE},
        /* Impossible dates are not dates. */
        {"trước ngày 31/2/2026", 2026, TL_TEXT, NONE, NONE},
        {"Quý V/2026", 2026, TL_TEXT, NONE, NONE},
        {"tháng 13/2026", 2026, TL_TEXT, NONE, NONE},
        {"Quý 0/2026", 2026, TL_TEXT, NONE, NONE},
        /* A range that ends before it starts is not a range. */
        {"từ 1/7/2026 đến 30/6/2026", 2026, TL_TEXT, NONE, NONE},
        /* Invalid UTF-8 is text. */
        {"Qu\xff II/2026", 2026, TL_TEXT, NONE, NONE},
        /* Years outside 1900-2200 are not years; "lần 1" is not a date. */
        {"năm 1800", 2026, TL_TEXT, NONE, NONE},
        {"lần 1", 2026, TL_TEXT, NONE, NONE},
    };
    check_cases(cases, COUNT(cases));
}

static void test_long_text_never_fails(void **state)
{
    (void)state;
    /* More tokens than the parser looks at: the phrase at the start still decides. */
    char text[4096] = "Quý II/2026";
    for (int i = 0; i < 400; i++)
        strcat(text, " x");
    xaso_timeline t;
    timeline_parse(text, 2026, &t);
    assert_int_equal(t.kind, TL_QUARTER);
    assert_int_equal(t.due, date_from_ymd(2026, 6, 30));
    /* And one buried beyond it is not seen, but nothing breaks. */
    char late[4096] = "";
    for (int i = 0; i < 400; i++)
        strcat(late, "x ");
    strcat(late, "Quý II/2026");
    timeline_parse(late, 2026, &t);
    assert_int_equal(t.kind, TL_TEXT);
    timeline_parse("Quý II/2026", 2026, NULL); /* no crash */
}

static void test_has_deadline(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool has_deadline;
    } cases[] = {
        {"Quý II năm 2026", true}, {"Năm 2026", true},        {"Tháng 6/2026", true},
        {"trước ngày 20/11", true}, {"Thường xuyên", false},   {"Hằng năm", false},
        {"Đã hoàn thành", false},  {"Sau khi có văn bản", false}, {"khi có yêu cầu", false},
        {"không rõ", false},       {"", false},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_timeline t;
        timeline_parse(cases[i].text, 2026, &t);
        assert_int_equal(timeline_has_deadline(&t), cases[i].has_deadline);
    }
    xaso_timeline odd = {TL_QUARTER, XASO_DATE_NONE, XASO_DATE_NONE};
    assert_false(timeline_has_deadline(&odd));
    assert_false(timeline_has_deadline(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_codes),
        cmocka_unit_test(test_sample_plans),
        cmocka_unit_test(test_brief_examples),
        cmocka_unit_test(test_decomposed_and_odd_input),
        cmocka_unit_test(test_long_text_never_fails),
        cmocka_unit_test(test_has_deadline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
