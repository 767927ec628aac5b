/* UTF-8 helpers: validation, NFC, folding for search, width, control characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xaso/utf8.h"

static void test_valid(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int ok;
        size_t bad;
    } cases[] = {
        {"Chuyển đổi số", 1, 0},
        {"abc\xff", 0, 3},
        {"\xc3", 0, 0},             /* truncated */
        {"\xc0\xaf", 0, 0},         /* overlong '/' */
        {"\xed\xa0\x80", 0, 0},     /* surrogate */
        {"\xf4\x90\x80\x80", 0, 0}, /* above U+10FFFF */
        {"ok \xf0\x9f\x98\x80", 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t bad = 99;
        assert_int_equal(utf8_valid(cases[i].s, strlen(cases[i].s), &bad), cases[i].ok);
        if (!cases[i].ok)
            assert_int_equal(bad, cases[i].bad);
    }
}

static void test_nfc(void **state)
{
    (void)state;
    /* "Nguyễn" decomposed: e + circumflex (U+0302) + tilde (U+0303) */
    char *nfc = utf8_nfc("Nguye\xcc\x82\xcc\x83n");
    assert_string_equal(nfc, "Nguyễn");
    free(nfc);
    assert_null(utf8_nfc("bad \xff"));
}

static void test_fold(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"Chuyển ĐỔI  số", "chuyen doi so"},
        {"CHUYỂN ĐỔI SỐ", "chuyen doi so"},
        {"Đảng ủy", "dang uy"},
        {"  đường  ", "duong"},
        {"Nguye\xcc\x82\xcc\x83n", "nguyen"},
        {"Phòng VH&XH", "phong vh&xh"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *f = utf8_fold(cases[i][0]);
        assert_non_null(f);
        assert_string_equal(f, cases[i][1]);
        free(f);
    }
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(utf8_width("Chuyển đổi số"), 13);
    assert_int_equal(utf8_width("中文"), 4);
    assert_int_equal(utf8_width("a\x1b[31mb"), 6); /* ESC counts 0, the rest are printable */
}

static void test_strip_controls(void **state)
{
    (void)state;
    char *s = utf8_strip_controls("Tên\x1b]0;title\x07 đơn vị\r\n\tx\xc2\x9b");
    assert_string_equal(s, "Tên]0;title đơn vị\n\tx");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),  cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_fold),   cmocka_unit_test(test_width),
        cmocka_unit_test(test_strip_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
