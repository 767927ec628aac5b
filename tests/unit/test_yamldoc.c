/* The strict YAML reader: trees with positions, and every refusal with its place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xaso/yamldoc.h"

static ydoc *load(const char *text, xaso_error *err)
{
    xaso_error_clear(err);
    return ydoc_load_buffer("t.yaml", text, strlen(text), NULL, err);
}

static void test_tree(void **state)
{
    (void)state;
    xaso_error err;
    ydoc *doc = load("a: 1\nb:\n  - x\n  - \"y\"\nc: ~\nd: \"Nguye\xcc\x82\xcc\x83n\"\n", &err);
    assert_non_null(doc);
    const ynode *root = ydoc_root(doc);
    assert_int_equal(root->type, YNODE_MAPPING);
    assert_int_equal(root->count, 4);
    const ynode *b = ynode_get(root, "b");
    assert_int_equal(b->type, YNODE_SEQUENCE);
    assert_int_equal(b->count, 2);
    assert_int_equal(b->items[1]->line, 4);
    assert_int_equal(b->items[1]->col, 5);
    assert_true(b->items[1]->quoted);
    assert_true(ynode_is_null(ynode_get(root, "c")));
    assert_false(ynode_is_null(ynode_get(root, "a")));
    assert_string_equal(ynode_get(root, "d")->scalar, "Nguyễn"); /* NFC */
    assert_null(ynode_get(root, "zzz"));
    ydoc_free(doc);
}

static void test_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, col;
        const char *message;
    } cases[] = {
        {"a:\n\tb: 1\n", 2, 1, "tab characters"},
        {"a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key \"a\""},
        {"a: &x 1\nb: *x\n", 1, 4, "anchors"},
        {"a: [1, 2\n", 2, 1, "invalid YAML"},
        {"a: 1\n---\nb: 2\n", 2, 1, "only one YAML document"},
        {"", 1, 1, "empty"},
        {"# only a comment\n", 1, 1, "empty"},
        {"a: \"\xe1\xba\"\n", 1, 5, "not valid UTF-8"},
        {"? [a, b]\n: 1\n", 1, 3, "a key must be plain text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xaso_error err;
        ydoc *doc = load(cases[i].text, &err);
        assert_null(doc);
        assert_int_equal(err.code, XASO_EX_DATAERR);
        assert_string_equal(err.file, "t.yaml");
        assert_int_equal(err.line, cases[i].line);
        assert_int_equal(err.col, cases[i].col);
        assert_non_null(strstr(err.message, cases[i].message));
    }
}

static void test_limits(void **state)
{
    (void)state;
    xaso_error err;
    /* deep nesting */
    char deep[400];
    size_t k = 0;
    for (int i = 0; i < 100; i++)
        deep[k++] = '[';
    for (int i = 0; i < 100; i++)
        deep[k++] = ']';
    deep[k] = '\0';
    ydoc_limits lim = {0, 32, 0};
    assert_null(ydoc_load_buffer("d.yaml", deep, k, &lim, &err));
    assert_non_null(strstr(err.message, "nesting"));
    /* size */
    ydoc_limits small = {10, 0, 0};
    assert_null(ydoc_load_buffer("s.yaml", "a: 12345678901\n", 15, &small, &err));
    assert_non_null(strstr(err.message, "too large"));
    /* node count */
    ydoc_limits few = {0, 0, 5};
    assert_null(ydoc_load_buffer("n.yaml", "[1, 2, 3, 4, 5, 6]", 18, &few, &err));
    assert_non_null(strstr(err.message, "too many"));
    /* a file that cannot be read */
    assert_null(ydoc_load_file("/nonexistent/x.yaml", NULL, &err));
    assert_int_equal(err.code, XASO_EX_NOINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
