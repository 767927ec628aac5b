/* The pure parts of the report files: CSV cells (RFC 4180 quoting, formula injection neutralised,
 * control characters dropped), XML text, JSON strings written and read back by the bundle
 * checker's reader, bag-info lines and manifest paths (RFC 8493 percent-encoding), SHA-256, and
 * the scorecard table declared from the scorecard's own columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/report/bag.h"
#include "../../src/report/json.h"
#include "xaso/report_files.h"
#include "xaso/store_scorecard.h"
#include "xaso/strbuf.h"

static void expect_cell(const char *in, bool is_text, const char *want)
{
    strbuf sb = STRBUF_INIT;
    csv_append_cell(&sb, in, is_text);
    assert_string_equal(sb_str(&sb), want);
    sb_free(&sb);
}

static void test_csv_quoting(void **state)
{
    (void)state;
    expect_cell("Phòng Văn hóa - Xã hội", true, "Phòng Văn hóa - Xã hội");
    expect_cell("a,b", true, "\"a,b\"");
    expect_cell("nói \"đạt\"", true, "\"nói \"\"đạt\"\"\"");
    expect_cell("dòng 1\ndòng 2", true, "\"dòng 1\ndòng 2\"");
    expect_cell("", true, "");
    expect_cell(NULL, true, "");
}

static void test_csv_formula_injection(void **state)
{
    (void)state;
    expect_cell("=HYPERLINK(\"http://x\")", true, "\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect_cell("+1", true, "\"'+1\"");
    expect_cell("-cmd", true, "\"'-cmd\"");
    expect_cell("@SUM(A1)", true, "\"'@SUM(A1)\"");
    expect_cell("\tx", true, "\"'\tx\"");
    /* numbers are not text: a negative value stays a number */
    expect_cell("-5", false, "-5");
    /* only the first character matters */
    expect_cell("a=b", true, "a=b");
}

static void test_csv_controls(void **state)
{
    (void)state;
    expect_cell("a\x01" "b\x7f" "c", true, "abc");
    expect_cell("a\xc2\x85" "b", true, "ab");  /* U+0085, a C1 control */
    expect_cell("tab\tin", true, "tab\tin"); /* tabs inside are kept */
}

static void test_xml_text(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    xml_append_text(&sb, "<a href=\"x\">&'</a>\x01\xc2\x9f\nChỉ tiêu");
    assert_string_equal(sb_str(&sb), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;\nChỉ tiêu");
    sb_free(&sb);
}

static void test_json_round_trip(void **state)
{
    (void)state;
    const char *samples[] = {"Kế hoạch \"27/KH-UBND\"", "a\\b", "line\nbreak\ttab\x01", "",
                             "Ủy ban nhân dân phường Ngọc Sơn"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        strbuf sb = STRBUF_INIT;
        sb_append_json(&sb, samples[i]);
        xaso_arena *a = arena_new();
        size_t off = 0;
        json_value *v = json_parse(a, sb_str(&sb), sb.len, &off);
        assert_non_null(v);
        assert_string_equal(json_string(v), samples[i]);
        arena_free(a);
        sb_free(&sb);
    }
}

static void test_json_rejects(void **state)
{
    (void)state;
    xaso_arena *a = arena_new();
    size_t off = 0;
    assert_null(json_parse(a, "{\"a\": 1} x", 10, &off));
    assert_int_equal(off, 9);
    assert_null(json_parse(a, "\"bad \\u0000 nul\"", 16, &off));
    char deep[200];
    memset(deep, '[', 100);
    memset(deep + 100, ']', 100);
    assert_null(json_parse(a, deep, sizeof deep, &off)); /* over 64 levels */
    json_value *v = json_parse(a, "{\"k\": [1, true, null]}", 22, &off);
    assert_non_null(v);
    assert_int_equal(json_get(v, "k")->count, 3);
    arena_free(a);
}

static void test_bag_lines(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    bag_info_line(&sb, "Contact-Name", "Nguyễn Thị Lan (lan)\nsecond line");
    assert_string_equal(sb_str(&sb), "Contact-Name: Nguyễn Thị Lan (lan) second line\n");
    sb_reset(&sb);
    bag_line lines[] = {{"data/a b.csv", "00"}, {"data/100%\r\n.txt", "ff"}};
    bag_manifest(&sb, lines, 2);
    assert_string_equal(sb_str(&sb), "00  data/a b.csv\nff  data/100%25%0D%0A.txt\n");
    sb_free(&sb);
    char hex[65];
    sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_scorecard_table(void **state)
{
    (void)state;
    size_t n, nf;
    const report_table *t = report_tables(&n);
    const scorecard_field *f = scorecard_fields(&nf);
    const report_table *sc = NULL;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(t[i].name, "scorecard"))
            sc = &t[i];
    assert_non_null(sc);
    assert_string_equal(sc->path, "scorecard.csv");
    assert_string_equal(sc->primary_key, "unit_code");
    assert_string_equal(sc->foreign_keys[0].resource, "units");
    assert_int_equal(sc->n_fields, nf);
    for (size_t i = 0; i < nf; i++) {
        assert_string_equal(sc->fields[i].name, f[i].code);
        assert_true(sc->fields[i].required);
        if (f[i].type == SC_FIELD_INTEGER) {
            assert_int_equal(sc->fields[i].type, FIELD_INTEGER);
            assert_string_equal(sc->fields[i].minimum, "0");
        }
    }
    assert_string_equal(report_field_type_name(FIELD_DATETIME), "datetime");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_quoting),     cmocka_unit_test(test_csv_formula_injection),
        cmocka_unit_test(test_csv_controls),    cmocka_unit_test(test_xml_text),
        cmocka_unit_test(test_json_round_trip), cmocka_unit_test(test_json_rejects),
        cmocka_unit_test(test_bag_lines),       cmocka_unit_test(test_scorecard_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
