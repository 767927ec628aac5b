/* Context help from the user guides: a section found by its anchor becomes plain paragraphs, and
 * every screen the interface explains has a section with text in both guides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xaso/error.h"
#include "xaso/guide.h"

static const char *const sample =
    "# Guide\n"
    "\n"
    "<a id=\"intro\"></a>\n"
    "## 1. Intro\n"
    "\n"
    "Read **this** first, see [section 2](#screen-tasks).\n"
    "It goes on.\n"
    "\n"
    "<a id=\"screen-tasks\"></a>\n"
    "### 2.1. Tasks (key `4`)\n"
    "\n"
    "One row per task,\n"
    "the code and the name:\n"
    "\n"
    "<!-- capture: tasks-en -->\n"
    "```text\n"
    " 1  2  3 [4 Tasks]\n"
    "```\n"
    "<!-- /capture -->\n"
    "\n"
    "- `e`: enter progress\n"
    "  for the period.\n"
    "- `n`: add a task.\n"
    "\n"
    "| key | what |\n"
    "|---|---|\n"
    "| `F1` | help |\n"
    "\n"
    "```sh\n"
    "xaso report reopen --plan P **x**\n"
    "```\n"
    "#### A detail\n"
    "Deeper text.\n"
    "<!-- a note\n"
    "over two lines -->\n"
    "### 2.2. Next\n"
    "Not in the section.\n"
    "\n"
    "<a id=\"screen-detail\"></a>\n"
    "Press `Enter` on a task.\n"
    "\n"
    "## 3. Other\n"
    "Other text.\n"
    "<a id=\"empty\"></a>\n"
    "<!-- capture: x -->\n"
    "```text\nonly a capture\n```\n"
    "<!-- /capture -->\n"
    "<a id=\"end\"></a>\n";

static void test_section_text(void **state)
{
    (void)state;
    char *title, *text;
    assert_int_equal(guide_section(sample, "screen-tasks", &title, &text), 0);
    assert_string_equal(title, "2.1. Tasks (key 4)");
    assert_string_equal(text, "One row per task, the code and the name.\n"
                              "\n"
                              "- e: enter progress for the period.\n"
                              "- n: add a task.\n"
                              "\n"
                              "key  what\n"
                              "F1  help\n"
                              "\n"
                              "  xaso report reopen --plan P **x**\n"
                              "\n"
                              "A detail\n"
                              "\n"
                              "Deeper text.");
    free(title);
    free(text);

    assert_int_equal(guide_section(sample, "intro", &title, &text), 0);
    assert_string_equal(title, "1. Intro");
    assert_string_equal(text, "Read this first, see section 2. It goes on.");
    free(title);
    free(text);

    /* no heading of its own: ends at the next heading */
    assert_int_equal(guide_section(sample, "screen-detail", &title, &text), 0);
    assert_string_equal(title, "");
    assert_string_equal(text, "Press Enter on a task.");
    free(title);
    free(text);
}

static void test_section_missing(void **state)
{
    (void)state;
    char *title = (char *)"x", *text = (char *)"x";
    assert_int_equal(guide_section(sample, "screen-nothing", &title, &text), -1);
    assert_null(title);
    assert_null(text);
    /* a section with only a capture has no text to show */
    assert_int_equal(guide_section(sample, "empty", &title, &text), -1);
    /* a prefix of an anchor is not the anchor */
    assert_int_equal(guide_section(sample, "screen", &title, &text), -1);
    assert_int_equal(guide_section("", "intro", &title, &text), -1);
}

static void test_anchor_table(void **state)
{
    (void)state;
    assert_string_equal(guide_help_anchor("table", "tasks"), "screen-tasks");
    assert_string_equal(guide_help_anchor("dashboard", NULL), "screen-dashboard");
    assert_string_equal(guide_help_anchor("grid", "values"), "grid-values");
    assert_null(guide_help_anchor("table", "nothing"));
    assert_null(guide_help_anchor("no-such-screen", NULL));
}

/* The real guides (run from the source tree): every screen's section has text in both. */
static void test_every_screen_has_help(void **state)
{
    (void)state;
    size_t n;
    const guide_help_entry *e = guide_help_entries(&n);
    assert_true(n >= 15);
    setenv("XASO_DATADIR", ".", 0); /* the tests run in the source tree */
    const char *langs[] = {"vi", "en"};
    int missing = 0;
    for (size_t l = 0; l < 2; l++) {
        char *path = guide_path(langs[l]);
        assert_non_null(path);
        free(path);
        for (size_t i = 0; i < n; i++) {
            char *title, *text;
            xaso_error err;
            xaso_error_clear(&err);
            if (guide_help(langs[l], e[i].anchor, &title, &text, &err) != 0) {
                char buf[2048];
                fprintf(stderr, "screen %s%s%s: %s\n", e[i].screen, e[i].variant ? "/" : "",
                        e[i].variant ? e[i].variant : "", xaso_error_format(&err, buf, sizeof buf));
                missing++;
                continue;
            }
            assert_true(strlen(text) > 20);
            free(title);
            free(text);
        }
    }
    assert_int_equal(missing, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_section_text),
        cmocka_unit_test(test_section_missing),
        cmocka_unit_test(test_anchor_table),
        cmocka_unit_test(test_every_screen_has_help),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
