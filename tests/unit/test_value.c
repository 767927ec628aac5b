/* Comparator codes, numbers as people write them, printed target values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "xaso/utf8.h"
#include "xaso/value.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_comparator_codes(void **state)
{
    (void)state;
    static const struct {
        xaso_comparator cmp;
        const char *code, *symbol;
    } cases[] = {
        {CMP_NONE, "", ""},
        {CMP_GE, ">=", "≥"},
        {CMP_GT, ">", ">"},
        {CMP_EQ, "=", "="},
        {CMP_LE, "<=", "≤"},
        {CMP_LT, "<", "<"},
        {CMP_MAINTAIN, "maintain", "duy trì"},
        {CMP_BOOLEAN, "boolean", "có/không"},
        {CMP_TEXT, "text", "định tính"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        assert_string_equal(comparator_code(cases[i].cmp), cases[i].code);
        assert_string_equal(comparator_symbol(cases[i].cmp), cases[i].symbol);
        xaso_comparator back = (xaso_comparator)99;
        assert_true(comparator_from_code(cases[i].code, &back));
        assert_int_equal(back, cases[i].cmp);
    }
    static const char *const unknown[] = {"≥", "=>", "GE", ">= ", "Text", "duy trì"};
    for (size_t i = 0; i < COUNT(unknown); i++) {
        xaso_comparator back = CMP_GT;
        assert_false(comparator_from_code(unknown[i], &back));
        assert_int_equal(back, CMP_GT);
    }
    assert_false(comparator_from_code(NULL, NULL));
}

typedef struct {
    const char *text;
    bool ok;
    double value;
} number_case;

static void check_numbers(const number_case *cases, size_t n, xaso_number_style style)
{
    for (size_t i = 0; i < n; i++) {
        double value = -12345.0;
        bool ok = number_parse(cases[i].text, style, &value);
        if (ok != cases[i].ok)
            fail_msg("number_parse(\"%s\", %s) returned %d", cases[i].text,
                     style == NUM_MONEY ? "money" : "decimal", ok);
        if (ok) {
            if (value != cases[i].value)
                fail_msg("number_parse(\"%s\") = %.17g, want %.17g", cases[i].text, value,
                         cases[i].value);
        } else {
            assert_true(value == -12345.0); /* untouched on failure */
        }
    }
}

static void test_number_decimal(void **state)
{
    (void)state;
    static const number_case cases[] = {
        {"18,7", true, 18.7},
        {"1.5", true, 1.5},
        {"0,2", true, 0.2},
        {"7.100", true, 7100},        /* a dot and three digits: thousands */
        {"7,100", true, 7.1},         /* a comma is the decimal mark */
        {"0.100", true, 0.1},         /* no thousands group after a leading 0 */
        {"1234.567", true, 1234.567}, /* four digits before: not a group */
        {"1.234.567", true, 1234567},
        {"1,234,567", true, 1234567},
        {"2.500,5", true, 2500.5},
        {"2,500.5", true, 2500.5},
        {"100", true, 100},
        {"02", true, 2},
        {"0", true, 0},
        {"-5", true, -5},
        {"+5,5", true, 5.5},
        {"  60 ", true, 60},
        {"18.75", true, 18.75},
        {"0,125", true, 0.125},
        {"999999999999999", true, 999999999999999.0},
        {"", false, 0},
        {"   ", false, 0},
        {"abc", false, 0},
        {"1,2,3x", false, 0},
        {"1,2,3", false, 0},          /* groups of one digit */
        {"12x", false, 0},
        {"60%", false, 0},
        {"1.2.3", false, 0},
        {"1.234,567.8", false, 0},
        {"2.500,5,1", false, 0},
        {"12.34.567", false, 0},
        {"1234.567.890", false, 0},   /* first group longer than three */
        {"0.123.456", false, 0},
        {",5", false, 0},
        {"5,", false, 0},
        {"5.", false, 0},
        {"1..5", false, 0},
        {"1 000", false, 0},
        {"1e5", false, 0},
        {"-", false, 0},
        {"--5", false, 0},
        {"1000000000000000", false, 0}, /* sixteen digits */
    };
    check_numbers(cases, COUNT(cases), NUM_DECIMAL);
    assert_false(number_parse(NULL, NUM_DECIMAL, NULL));
}

static void test_number_money(void **state)
{
    (void)state;
    static const number_case cases[] = {
        {"7,100", true, 7100},
        {"7.100", true, 7100},
        {"2.500,5", true, 2500.5},
        {"2,500.5", true, 2500.5},
        {"4,700", true, 4700},
        {"2,5", true, 2.5},
        {"2.5", true, 2.5},
        {"0,100", true, 0.1},
        {"1.234.567", true, 1234567},
        {"12,34", true, 12.34},
        {"1234", true, 1234},
        {"0", true, 0},
        {"", false, 0},
        {"7,100 triệu", false, 0},
        {"1,2,3x", false, 0},
        {"abc", false, 0},
    };
    check_numbers(cases, COUNT(cases), NUM_MONEY);
}

typedef struct {
    const char *printed;
    xaso_comparator cmp;
    bool has_value;
    double value;
    const char *unit;
} target_case;

static void test_target_values(void **state)
{
    (void)state;
    static const target_case cases[] = {
        /* From the brief and the sample plans. */
        {"60%", CMP_GE, true, 60, "%"},
        {">92%", CMP_GT, true, 92, "%"},
        {"trên 100%", CMP_GT, true, 100, "%"},
        {"Trên 75%", CMP_GT, true, 75, "%"},
        {"trên 18,7%", CMP_GT, true, 18.7, "%"},
        {">1.5%", CMP_GT, true, 1.5, "%"},
        {"trên 150 lượt", CMP_GT, true, 150, "lượt"},
        {"Từ 100%", CMP_GE, true, 100, "%"},
        {"từ 95% trở lên", CMP_GE, true, 95, "%"},
        {"từ 98% trở lên", CMP_GE, true, 98, "%"},
        {"Phấn đấu từ 70%", CMP_GE, true, 70, "%"},
        {"Phấn đấu 100%", CMP_GE, true, 100, "%"},
        {"tối thiểu 40 Mbit/s", CMP_GE, true, 40, "Mbit/s"},
        {"tối thiểu 95%", CMP_GE, true, 95, "%"},
        {"tối thiểu 01 lớp", CMP_GE, true, 1, "lớp"},
        {"ít nhất 02 lớp", CMP_GE, true, 2, "lớp"},
        {"ít nhất 10 hồ sơ/năm", CMP_GE, true, 10, "hồ sơ/năm"},
        {"ít nhất 01", CMP_GE, true, 1, ""},
        {"≥ 2 lớp", CMP_GE, true, 2, "lớp"},
        {"≥2 lớp", CMP_GE, true, 2, "lớp"},
        {">= 2 lớp", CMP_GE, true, 2, "lớp"},
        {"0,2 DN/1.000 dân", CMP_GE, true, 0.2, "DN/1.000 dân"},
        {"0.2", CMP_GE, true, 0.2, ""},
        {"01", CMP_GE, true, 1, ""},
        {"01 mô hình", CMP_GE, true, 1, "mô hình"},
        {"dưới 5%", CMP_LT, true, 5, "%"},
        {"< 5%", CMP_LT, true, 5, "%"},
        {"tối đa 3 ngày", CMP_LE, true, 3, "ngày"},
        {"không quá 10%", CMP_LE, true, 10, "%"},
        {"không vượt quá 2 giờ", CMP_LE, true, 2, "giờ"},
        {"≤ 4%", CMP_LE, true, 4, "%"},
        {"5% trở xuống", CMP_LE, true, 5, "%"},
        {"không dưới 90%", CMP_GE, true, 90, "%"},
        {"Duy trì 100%", CMP_MAINTAIN, true, 100, "%"},
        {"duy trì trên 90%", CMP_MAINTAIN, true, 90, "%"},
        {"đạt 100%", CMP_GE, true, 100, "%"},
        {"Đạt 100%", CMP_GE, true, 100, "%"},
        {"đạt trên 80%", CMP_GT, true, 80, "%"},
        {"= 100%", CMP_EQ, true, 100, "%"},
        {"981 dịch vụ công trực tuyến", CMP_GE, true, 981, "dịch vụ công trực tuyến"},
        {"tăng tối thiểu 8%/năm", CMP_GE, true, 8, "%/năm"},
        {"hơn 50 lượt", CMP_GT, true, 50, "lượt"},
        {"ít hơn 3 vụ", CMP_LT, true, 3, "vụ"},
        {"  60 %  ", CMP_GE, true, 60, "%"},
        {"7.100 lượt", CMP_GE, true, 7100, "lượt"},
        {"100%.", CMP_GE, true, 100, "%"},
        {"40 Mbit/s;", CMP_GE, true, 40, "Mbit/s"},
        /* Case, diacritics and decomposed (NFD) input do not matter to the wording. */
        {"TỐI THIỂU 40 Mbit/s", CMP_GE, true, 40, "Mbit/s"},
        {"toi thieu 40 Mbit/s", CMP_GE, true, 40, "Mbit/s"},
        {"to\xcc\x82\xcc\x81i thie\xcc\x82\xcc\x89u 5 lo\xcc\x9b\xcc\x81p", CMP_GE, true, 5,
         "lớp"},
        {"DƯỚI 5%", CMP_LT, true, 5, "%"},
        /* No number. */
        {"Cơ bản hoàn thành", CMP_TEXT, false, 0, ""},
        {"IQO%", CMP_TEXT, false, 0, ""},
        {"Xây dựng", CMP_TEXT, false, 0, ""},
        {"Duy trì", CMP_TEXT, false, 0, ""},
        {"Có", CMP_BOOLEAN, true, 1, ""},
        {"Hoàn thành", CMP_BOOLEAN, true, 1, ""},
        {"hoàn thành", CMP_BOOLEAN, true, 1, ""},
        {"1,2,3x", CMP_TEXT, false, 0, ""},
        {"", CMP_NONE, false, 0, ""},
        {"   ", CMP_NONE, false, 0, ""},
        {"\xff\xfe 5%", CMP_TEXT, false, 0, ""},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        xaso_target_value tv;
        memset(&tv, 0x55, sizeof tv);
        target_value_parse(cases[i].printed, &tv);
        if (tv.comparator != cases[i].cmp || tv.has_value != cases[i].has_value ||
            (tv.has_value && tv.value != cases[i].value) || strcmp(tv.unit, cases[i].unit) != 0)
            fail_msg("target_value_parse(\"%s\") = {%s, %d, %g, \"%s\"}, want {%s, %d, %g, \"%s\"}",
                     cases[i].printed, comparator_code(tv.comparator), tv.has_value, tv.value,
                     tv.unit, comparator_code(cases[i].cmp), cases[i].has_value, cases[i].value,
                     cases[i].unit);
    }
}

static void test_target_value_null_and_long_unit(void **state)
{
    (void)state;
    xaso_target_value tv;
    memset(&tv, 0x55, sizeof tv);
    target_value_parse(NULL, &tv);
    assert_int_equal(tv.comparator, CMP_NONE);
    assert_false(tv.has_value);
    assert_string_equal(tv.unit, "");
    target_value_parse("5%", NULL); /* no crash */

    /* A unit longer than the field is cut at a character boundary. */
    char printed[256] = "12 ";
    for (int i = 0; i < 40; i++)
        strcat(printed, "đơn");
    target_value_parse(printed, &tv);
    assert_true(tv.has_value);
    assert_true(tv.value == 12);
    size_t len = strlen(tv.unit);
    assert_true(len < sizeof tv.unit);
    assert_true(len >= sizeof tv.unit - 4);
    assert_int_equal(strncmp(tv.unit, printed + 3, len), 0);
    /* "đơn" is 2 + 2 + 1 bytes: the cut never splits a character. */
    assert_true(utf8_valid(tv.unit, len, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comparator_codes),
        cmocka_unit_test(test_number_decimal),
        cmocka_unit_test(test_number_money),
        cmocka_unit_test(test_target_values),
        cmocka_unit_test(test_target_value_null_and_long_unit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
