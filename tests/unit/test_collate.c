/* Vietnamese alphabetical order: letters (a ă â b c d đ e ê … ư v x y), then tones in dictionary
 * order (none, huyền, hỏi, ngã, sắc, nặng), then case; in C and as the SQL collation VI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xaso/collate.h"

/* Each list is in the expected order, strictly increasing. */
static const char *const letters[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i",
                                      "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t",
                                      "u", "ư", "v", "x", "y", NULL};
static const char *const tones[] = {"ba", "bà", "bả", "bã", "bá", "bạ", "bă", "bằ", "bặ", "bâ", NULL};
static const char *const names[] = {
    "An ninh mạng",           /* space sorts before letters: "an ninh" before "anh" */
    "Anh",
    "Ánh",
    "Ăn uống",
    "Ấp",
    "Bắc Sơn",
    "Công an phường",
    "Dân vận",
    "dịch vụ công",
    "Dịch vụ công",           /* same letters and tones: lower case first */
    "Du lịch",
    "Đảng ủy",
    "Đoàn Thanh niên",
    "Đường",
    "Hội Cựu chiến binh",
    "Hội Nông dân",
    "Hội Phụ nữ",
    "Ô tô",
    "Ơn",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
    "Trường Tiểu học",
    "Ủy ban nhân dân",
    "Ưu tiên",
    "Văn phòng HĐND-UBND",
    "Y tế",
    NULL};
/* Digits before letters, space before punctuation. */
static const char *const misc[] = {"", " x", "(a)", "1", "2", "a", "a b", "a-b", "ab", NULL};

static size_t count(const char *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    return n;
}

static void check_order(const char *const *list)
{
    size_t n = count(list);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int c = collate_vi_strcmp(list[i], list[j]);
            int want = i < j ? -1 : i > j ? 1 : 0;
            if ((c < 0 ? -1 : c > 0) != want) {
                print_error("\"%s\" vs \"%s\": got %d, want %d\n", list[i], list[j], c, want);
                fail();
            }
        }
}

static void test_letters(void **state)
{
    (void)state;
    check_order(letters);
}

static void test_tones(void **state)
{
    (void)state;
    check_order(tones);
}

static void test_names(void **state)
{
    (void)state;
    check_order(names);
    check_order(misc);
}

static void test_nfd_equals_nfc(void **state)
{
    (void)state;
    /* "Đảng ủy" decomposed: a + hook, u + hook */
    const char *nfd = "\xc4\x90" "a\xcc\x89ng u\xcc\x89y";
    /* Same letters and tones: decided only by the final byte comparison, never by letters. */
    assert_true(collate_vi_strcmp(nfd, "Đảng ủy") != 0);
    assert_true(collate_vi_strcmp(nfd, "Đảng ủx") > 0);
    assert_true(collate_vi_strcmp(nfd, "Đảng ủz") < 0);
    assert_true(collate_vi_strcmp("ê\xcc\x81", "ệ") < 0); /* ế (sắc) before ệ (nặng) */
    assert_true(collate_vi_strcmp("e\xcc\x82\xcc\x81", "ê") > 0);
}

static void test_qsort_and_sql(void **state)
{
    (void)state;
    size_t n = count(names);
    const char **copy = malloc(n * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = names[(i * 7) % n]; /* 7 and n are coprime: a permutation */
    qsort(copy, n, sizeof *copy, collate_vi_qsort);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(copy[i], names[i]);
    free(copy);

    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(collate_register(db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (name TEXT)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *ins;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &ins, NULL), SQLITE_OK);
    for (size_t i = n; i-- > 0;) {
        sqlite3_bind_text(ins, 1, names[i], -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    sqlite3_stmt *sel;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM t ORDER BY name COLLATE VI", -1,
                                        &sel, NULL),
                     SQLITE_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(sqlite3_step(sel), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(sel, 0), names[i]);
    }
    sqlite3_finalize(sel);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_letters),
        cmocka_unit_test(test_tones),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_nfd_equals_nfc),
        cmocka_unit_test(test_qsort_and_sql),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
