/* Search on the three sample plans: case, diacritics and đ ignored, prefixes as you type, ranking,
 * the match shown in the original spelling, the index kept in the same transaction as changes,
 * and the migration that builds the index for an existing database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "scratch_db.h"

#include "../../src/store/schema.h"
#include "xaso/planio.h"
#include "xaso/store.h"
#include "xaso/store_plan.h"
#include "xaso/store_search.h"
#include "xaso/utf8.h"

static char dir[64];
static xaso_store *st;
static long long ngoc_son, bac_son;

static void import(const char *file, long long *id)
{
    xaso_error err;
    xaso_error_clear(&err);
    xaso_plan *plan = planio_load(file, &err);
    if (!plan)
        print_error("%s: %s\n", file, err.message);
    assert_non_null(plan);
    plan_import_result res;
    assert_int_equal(store_plan_import(st, plan, &res, &err), 0);
    if (id)
        *id = res.plan_id;
    plan_free(plan);
}

static int setup(void **state)
{
    (void)state;
    if (scratch_dir_make(dir, sizeof dir, "search") || !(st = scratch_db_open(dir, "search.db")))
        return -1;
    import("forms/plans/ngoc-son-2026.yaml", &ngoc_son);
    import("forms/plans/bac-son-2025-2030.yaml", &bac_son);
    import("forms/plans/thuan-loi-2026.yaml", NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return scratch_dir_remove(dir);
}

static search_hit *find(const char *q, search_kind kind, long long plan_id, size_t *n)
{
    search_options opt = {.kind = kind, .plan_id = plan_id, .limit = 200};
    search_hit *hits = NULL;
    xaso_error err;
    xaso_error_clear(&err);
    assert_int_equal(store_search(st, q, &opt, &hits, n, &err), 0);
    return hits;
}

/* The matched words of a hit, joined by "|". */
static const char *marked(const search_hit *h, char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < h->n_spans && k + 1 < size; i++)
        k += (size_t)snprintf(buf + k, size - k, "%s%.*s", i ? "|" : "",
                              (int)(h->spans[i].end - h->spans[i].start),
                              h->text + h->spans[i].start);
    return buf;
}

static void test_spellings_agree(void **state)
{
    (void)state;
    static const char *const spellings[] = {
        "chuyen doi so", "CHUYỂN ĐỔI SỐ", "chuyển đổi số", "Chuye\xcc\x82\xcc\x89n \xc4\x91o\xcc\x82\xcc\x89i so\xcc\x82\xcc\x81" /* NFD */,
        "  chuyển   ĐỔI số  "};
    size_t n0;
    search_hit *h0 = find(spellings[0], SEARCH_ANY, 0, &n0);
    assert_true(n0 >= 20);
    for (size_t s = 1; s < sizeof spellings / sizeof spellings[0]; s++) {
        size_t n;
        search_hit *h = find(spellings[s], SEARCH_ANY, 0, &n);
        assert_int_equal(n, n0);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(h[i].kind, h0[i].kind);
            assert_int_equal(h[i].id, h0[i].id);
        }
        search_hits_free(h, n);
    }
    /* every hit shows the words in their own spelling */
    char buf[256];
    for (size_t i = 0; i < n0; i++) {
        assert_true(h0[i].n_spans >= 3);
        assert_non_null(strstr(marked(&h0[i], buf, sizeof buf), "|"));
    }
    search_hits_free(h0, n0);
}

static void test_dang_uy(void **state)
{
    (void)state;
    size_t n;
    search_hit *h = find("dang uy", SEARCH_ANY, bac_son, &n);
    assert_true(n >= 2);
    char buf[256];
    bool plan_found = false;
    for (size_t i = 0; i < n; i++) {
        assert_true(h[i].plan_id == bac_son || h[i].kind == SEARCH_UNIT);
        /* the marked words, in their own spelling, are Đảng and ủy ("Đảng ủy", "Cấp ủy Đảng") */
        char *f = utf8_fold(marked(&h[i], buf, sizeof buf));
        assert_true(strstr(f, "dang") && strstr(f, "uy"));
        assert_null(strstr(buf, "dang"));
        free(f);
        if (h[i].kind == SEARCH_PLAN && h[i].id == bac_son)
            plan_found = true;
    }
    assert_true(plan_found);
    search_hits_free(h, n);
    /* "d" alone finds đ too (as a prefix) */
    h = find("Dang", SEARCH_UNIT, 0, &n);
    assert_true(n >= 1);
    search_hits_free(h, n);
}

static void test_prefix_and_kinds(void **state)
{
    (void)state;
    size_t n;
    search_hit *h = find("chuy", SEARCH_TASK, 0, &n);
    assert_true(n >= 10);
    char buf[256];
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(h[i].kind, SEARCH_TASK);
        assert_non_null(h[i].code);
        assert_non_null(h[i].plan);
        /* every marked word begins with chuy: chuyển, Chuyển, chuyên, CHUYỂN… */
        char *f = utf8_fold(marked(&h[i], buf, sizeof buf));
        for (char *w = strtok(f, "|"); w; w = strtok(NULL, "|"))
            assert_memory_equal(w, "chuy", 4);
        free(f);
    }
    search_hits_free(h, n);
    /* a query without letters or digits finds nothing, without error */
    h = find(" -- ", SEARCH_ANY, 0, &n);
    assert_int_equal(n, 0);
    assert_null(h);
    /* invalid UTF-8 is refused */
    search_options opt = {0};
    xaso_error err;
    xaso_error_clear(&err);
    assert_int_equal(store_search(st, "bad \xff", &opt, &h, &n, &err), XASO_EX_DATAERR);
}

static void test_ranking(void **state)
{
    (void)state;
    size_t n;
    search_hit *h = find("tap huan chuyen doi so", SEARCH_ANY, ngoc_son, &n);
    assert_true(n >= 3);
    /* the short task that says exactly this comes first */
    assert_int_equal(h[0].kind, SEARCH_TASK);
    assert_string_equal(h[0].text, "Tổ chức tập huấn về chuyển đổi số");
    for (size_t i = 1; i < n; i++)
        assert_true(h[i].score >= h[i - 1].score);
    search_hits_free(h, n);
}

static void test_index_follows_changes(void **state)
{
    (void)state;
    xaso_error err;
    xaso_error_clear(&err);
    size_t n;
    search_hit *h = find("Xyloquenta", SEARCH_ANY, 0, &n);
    assert_int_equal(n, 0);
    assert_int_equal(store_begin(st, "test", &err), 0);
    store_value p[] = {SV_TEXT("name", "Số hóa hồ sơ Xyloquenta đặc biệt"),
                       SV_INT("plan", ngoc_son)};
    assert_int_equal(store_exec(st,
                                "UPDATE task SET name = ?1 WHERE id = (SELECT min(id) FROM task"
                                " WHERE plan_id = ?2)",
                                p, 2, NULL, &err),
                     0);
    /* inside the transaction already */
    h = find("xyloquenta dac", SEARCH_TASK, 0, &n);
    assert_int_equal(n, 1);
    search_hits_free(h, n);
    store_rollback(st);
    h = find("xyloquenta", SEARCH_ANY, 0, &n);
    assert_int_equal(n, 0);

    assert_int_equal(store_begin(st, "test", &err), 0);
    assert_int_equal(store_exec(st, "UPDATE task SET name = ?1 WHERE id = (SELECT min(id) FROM task"
                                    " WHERE plan_id = ?2)",
                                p, 2, NULL, &err),
                     0);
    assert_int_equal(store_commit(st, &err), 0);
    h = find("XYLOQUENTA", SEARCH_ANY, 0, &n);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].name, "Số hóa hồ sơ Xyloquenta đặc biệt");
    search_hits_free(h, n);

    long long *ids;
    assert_int_equal(store_search_ids(st, "xyloq", SEARCH_TASK, ngoc_son, &ids, &n, &err), 0);
    assert_int_equal(n, 1);
    free(ids);
    assert_int_equal(store_search_ids(st, "xyloq", SEARCH_TASK, bac_son, &ids, &n, &err), 0);
    assert_int_equal(n, 0);
    free(ids);
}

static void test_spans_and_expression(void **state)
{
    (void)state;
    char *e = search_match_expression("Chuyển ĐỔI s");
    assert_string_equal(e, "\"chuyen\" \"doi\" \"s\"*");
    free(e);
    assert_null(search_match_expression("  ,;  "));
    assert_null(search_match_expression("bad \xff"));
    search_span *s;
    size_t n;
    /* decomposed text: the span covers the marks too */
    const char *nfd = "Ban \xc4\x90" "a\xcc\x89ng u\xcc\x89y phu\xcc\x9bo\xcc\x9b\xcc\x80ng";
    search_spans(nfd, "dang uy", &s, &n);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].start, 4);
    assert_int_equal(s[0].end, 4 + 2 + 5);
    assert_int_equal(s[1].start, 12);
    assert_int_equal(s[1].end, 16);
    free(s);
    search_spans("Chuyển đổi số", "zzz", &s, &n);
    assert_int_equal(n, 0);
    assert_null(s);
}

static void test_migration_backfills(void **state)
{
    (void)state;
    /* a database made before the search index: step 1 only, with data */
    char path[128];
    snprintf(path, sizeof path, "%s/old.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    for (const char *const *s = store_migrations[0]; *s; s++)
        assert_int_equal(sqlite3_exec(db, *s, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO plan (id, key, title) VALUES (1, 'k', 'Kế hoạch"
                                  " của Đảng ủy');"
                                  "INSERT INTO task (plan_id, key, code, pos, name) VALUES"
                                  " (1, 't', '1', 1, 'Tập huấn chuyển đổi số');"
                                  "PRAGMA user_version = 1;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    xaso_store *old;
    xaso_error err;
    xaso_error_clear(&err);
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &old, &err), 0);
    search_options opt = {0};
    search_hit *h;
    size_t n;
    assert_int_equal(store_search(old, "dang uy", &opt, &h, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].kind, SEARCH_PLAN);
    search_hits_free(h, n);
    assert_int_equal(store_search(old, "tap huan", &opt, &h, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].kind, SEARCH_TASK);
    search_hits_free(h, n);
    store_close(old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spellings_agree),
        cmocka_unit_test(test_dang_uy),
        cmocka_unit_test(test_prefix_and_kinds),
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_index_follows_changes),
        cmocka_unit_test(test_spans_and_expression),
        cmocka_unit_test(test_migration_backfills),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
