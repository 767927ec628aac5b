/* The field editor without a terminal: Vietnamese, decomposed input, wide characters, emoji,
 * control characters, cursor boundaries, scrolling, wrapping. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "xaso/field_editor.h"
#include "xaso/utf8.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* "Nguyễn" precomposed (ễ = U+1EC5) and decomposed (e + U+0302 circumflex + U+0303 tilde). */
#define NGUYEN_NFC "Nguy\xe1\xbb\x85n"
#define NGUYEN_NFD "Nguye\xcc\x82\xcc\x83n"
#define THUMBS_MEDIUM "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd" /* 👍🏽 U+1F44D U+1F3FD */
#define FLAG_VN "\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3"       /* 🇻🇳 two regional indicators */
#define FAMILY "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" /* 👨‍👩‍👧 */

static field_editor *editor_with(const char *text, bool multiline, size_t max)
{
    field_editor *ed = fe_new(multiline, max);
    assert_int_equal(fe_set_text(ed, text), FE_CHANGED);
    return ed;
}

static void type(field_editor *ed, const char *text)
{
    fe_outcome r = fe_apply(ed, FE_INSERT, text);
    assert_true(r == FE_CHANGED);
}

static void press(field_editor *ed, fe_op op, int times)
{
    for (int i = 0; i < times; i++)
        fe_apply(ed, op, NULL);
}

/* The text drawn on screen row `row`, as a string (for assertions). */
static char *row_text(const field_editor *ed, size_t row)
{
    fe_slice s;
    if (!fe_visible_slice(ed, row, &s))
        return NULL;
    size_t n = s.byte_end - s.byte_start;
    char *out = malloc(n + 1);
    memcpy(out, fe_text(ed) + s.byte_start, n);
    out[n] = '\0';
    return out;
}

static void assert_row(const field_editor *ed, size_t row, const char *expected)
{
    char *got = row_text(ed, row);
    assert_non_null(got);
    assert_string_equal(got, expected);
    free(got);
}

/* ---------- typing and normalisation ---------- */

static void test_typing_vietnamese(void **state)
{
    (void)state;
    field_editor *ed = fe_new(false, 0);
    assert_string_equal(fe_text(ed), "");
    assert_int_equal(fe_length(ed), 0);
    type(ed, "Nguyễn");
    type(ed, " Văn Ấn");
    assert_string_equal(fe_text(ed), "Nguyễn Văn Ấn");
    assert_int_equal(fe_length(ed), 13);
    assert_int_equal(fe_cursor(ed), 13);
    /* every character is one column; byte offsets follow the UTF-8 lengths */
    fe_char c = fe_char_at(ed, 5);
    assert_int_equal(c.byte, 7); /* "Nguy" 4 bytes + "ễ" 3 bytes */
    assert_int_equal(c.col, 5);
    assert_int_equal(c.width, 1);
    assert_int_equal(fe_char_at(ed, 13).byte, strlen("Nguyễn Văn Ấn"));
    assert_int_equal(fe_char_at(ed, 13).col, 13);
    assert_int_equal(fe_char_at(ed, 99).byte, strlen("Nguyễn Văn Ấn")); /* clamped */
    fe_free(ed);
}

static void test_decomposed_input_is_composed(void **state)
{
    (void)state;
    /* Pasted decomposed text becomes the precomposed one. */
    field_editor *ed = fe_new(false, 0);
    type(ed, NGUYEN_NFD);
    assert_string_equal(fe_text(ed), NGUYEN_NFC);
    assert_int_equal(fe_length(ed), 6);

    /* An input method that sends the marks as separate key presses. */
    fe_set_text(ed, "");
    type(ed, "Nguye");
    type(ed, "\xcc\x82"); /* U+0302 */
    type(ed, "\xcc\x83"); /* U+0303 */
    type(ed, "n");
    assert_string_equal(fe_text(ed), NGUYEN_NFC);
    assert_int_equal(fe_length(ed), 6);
    assert_int_equal(fe_cursor(ed), 6);

    /* Inserted in the middle: the cursor ends after the composed character. */
    fe_set_text(ed, "Nguyn");
    press(ed, FE_LEFT, 1);
    type(ed, "e\xcc\x82\xcc\x83");
    assert_string_equal(fe_text(ed), NGUYEN_NFC);
    assert_int_equal(fe_cursor(ed), 5);

    /* Loading decomposed text normalises it and does not count as a change. */
    fe_set_text(ed, "Đ" "o\xcc\x82\xcc\x81" "ng"); /* Đồng with o + circumflex + acute */
    assert_string_equal(fe_text(ed), "Đống");
    assert_false(fe_changed(ed));
    fe_free(ed);
}

static void test_mark_without_precomposed_form(void **state)
{
    (void)state;
    /* x + combining acute has no precomposed form: one character of width 1. */
    field_editor *ed = editor_with("ax\xcc\x81" "b", false, 0);
    assert_int_equal(fe_length(ed), 3);
    assert_int_equal(fe_char_at(ed, 1).width, 1);
    assert_int_equal(fe_char_at(ed, 2).col, 2);
    press(ed, FE_LEFT, 1);
    assert_int_equal(fe_apply(ed, FE_BACKSPACE, NULL), FE_CHANGED);
    assert_string_equal(fe_text(ed), "ab"); /* the base and its mark went together */
    fe_free(ed);
}

static void test_control_characters_dropped(void **state)
{
    (void)state;
    field_editor *ed = fe_new(false, 0);
    type(ed, "a\x01" "b\x1b[31mc\x7f" "d\xc2\x85" "e\xc2\x9f" "f");
    assert_string_equal(fe_text(ed), "ab[31mcdef");
    /* single line: tabs and line breaks become spaces */
    fe_set_text(ed, "");
    type(ed, "một\thai\r\nba\nbốn\rnăm");
    assert_string_equal(fe_text(ed), "một hai ba bốn năm");
    /* nothing left after cleaning: nothing happens */
    assert_int_equal(fe_apply(ed, FE_INSERT, "\x01\x02\x1b"), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_INSERT, ""), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_INSERT, NULL), FE_UNCHANGED);
    fe_free(ed);

    /* multi-line: CR LF and CR become LF, tabs spaces, other controls go */
    ed = fe_new(true, 0);
    type(ed, "một\r\nhai\rba\n\tbốn\x07");
    assert_string_equal(fe_text(ed), "một\nhai\nba\n bốn");
    fe_free(ed);

    /* stored text is cleaned the same way */
    ed = editor_with("x\x1b" "y\x00z", false, 0);
    assert_string_equal(fe_text(ed), "xy");
    fe_free(ed);
}

static void test_invalid_utf8_refused(void **state)
{
    (void)state;
    field_editor *ed = editor_with("abc", false, 0);
    static const char *const bad[] = {"\xff", "a\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xe1\xbb"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        assert_int_equal(fe_apply(ed, FE_INSERT, bad[i]), FE_INVALID);
        assert_string_equal(fe_text(ed), "abc");
    }
    assert_int_equal(fe_set_text(ed, "\xff"), FE_INVALID);
    assert_string_equal(fe_text(ed), "");
    fe_free(ed);
}

/* ---------- characters wider and longer than one byte ---------- */

static void test_wide_characters_and_emoji(void **state)
{
    (void)state;
    field_editor *ed = editor_with("a中文" THUMBS_MEDIUM FLAG_VN FAMILY "z", false, 0);
    assert_int_equal(fe_length(ed), 7);
    assert_int_equal(fe_char_at(ed, 1).width, 2);
    assert_int_equal(fe_char_at(ed, 2).col, 3);
    assert_int_equal(fe_char_at(ed, 3).col, 5);
    assert_int_equal(fe_char_at(ed, 3).width, utf8_width(THUMBS_MEDIUM));
    assert_int_equal(fe_char_at(ed, 7).col, utf8_width(fe_text(ed)));
    /* backspace removes whole characters: the family, the flag, the thumbs with its tone */
    press(ed, FE_LEFT, 1);
    press(ed, FE_BACKSPACE, 1);
    assert_string_equal(fe_text(ed), "a中文" THUMBS_MEDIUM FLAG_VN "z");
    press(ed, FE_BACKSPACE, 1);
    assert_string_equal(fe_text(ed), "a中文" THUMBS_MEDIUM "z");
    press(ed, FE_BACKSPACE, 1);
    assert_string_equal(fe_text(ed), "a中文z");
    press(ed, FE_BACKSPACE, 1);
    assert_string_equal(fe_text(ed), "a中z");
    /* delete under the cursor likewise */
    press(ed, FE_TEXT_START, 1);
    press(ed, FE_RIGHT, 1);
    press(ed, FE_DELETE, 1);
    assert_string_equal(fe_text(ed), "az");
    assert_true(utf8_valid(fe_text(ed), strlen(fe_text(ed)), NULL));
    fe_free(ed);

    assert_int_equal(fe_count_chars(""), 0);
    assert_int_equal(fe_count_chars("Chuyển đổi số"), 13);
    assert_int_equal(fe_count_chars(NGUYEN_NFD), 6);
    assert_int_equal(fe_count_chars(FAMILY FLAG_VN THUMBS_MEDIUM), 3);
}

/* ---------- maximum length ---------- */

static void test_max_length(void **state)
{
    (void)state;
    field_editor *ed = fe_new(false, 5);
    assert_int_equal(fe_max_chars(ed), 5);
    assert_int_equal(fe_apply(ed, FE_INSERT, "abcdefg"), FE_FULL);
    assert_string_equal(fe_text(ed), "abcde");
    assert_int_equal(fe_apply(ed, FE_INSERT, "x"), FE_FULL);
    assert_string_equal(fe_text(ed), "abcde");
    /* a mark that composes with the last letter adds no character */
    assert_int_equal(fe_apply(ed, FE_INSERT, "\xcc\x81"), FE_CHANGED);
    assert_string_equal(fe_text(ed), "abcdé");
    /* characters, not bytes: five Vietnamese letters and wide characters fit */
    fe_set_text(ed, "");
    assert_int_equal(fe_apply(ed, FE_INSERT, "ỗửđ中" THUMBS_MEDIUM "!"), FE_FULL);
    assert_string_equal(fe_text(ed), "ỗửđ中" THUMBS_MEDIUM);
    /* a paste cut at the limit never splits a decomposed character */
    fe_set_text(ed, "abc");
    assert_int_equal(fe_apply(ed, FE_INSERT, NGUYEN_NFD), FE_FULL);
    assert_string_equal(fe_text(ed), "abcNg");
    fe_set_text(ed, "abc");
    press(ed, FE_TEXT_START, 1);
    assert_int_equal(fe_apply(ed, FE_INSERT, "e\xcc\x82\xcc\x83" "e\xcc\x82"), FE_CHANGED);
    assert_string_equal(fe_text(ed), "ễêabc");
    assert_int_equal(fe_cursor(ed), 2);
    /* a stored value longer than the limit is loaded whole; typing is refused, deleting works */
    fe_set_text(ed, "abcdefgh");
    assert_string_equal(fe_text(ed), "abcdefgh");
    assert_int_equal(fe_apply(ed, FE_INSERT, "x"), FE_FULL);
    assert_int_equal(fe_apply(ed, FE_BACKSPACE, NULL), FE_CHANGED);
    assert_string_equal(fe_text(ed), "abcdefg");
    fe_free(ed);

    /* newlines count as characters in a memo */
    ed = fe_new(true, 3);
    type(ed, "a");
    assert_int_equal(fe_apply(ed, FE_NEWLINE, NULL), FE_CHANGED);
    type(ed, "b");
    assert_int_equal(fe_apply(ed, FE_NEWLINE, NULL), FE_FULL);
    assert_string_equal(fe_text(ed), "a\nb");
    fe_free(ed);
}

/* ---------- cursor movement and deletion ---------- */

static void test_cursor_boundaries(void **state)
{
    (void)state;
    field_editor *ed = editor_with("ab", false, 0);
    assert_int_equal(fe_apply(ed, FE_RIGHT, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_DELETE, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_END, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_KILL_TO_END, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_LEFT, NULL), FE_MOVED);
    assert_int_equal(fe_apply(ed, FE_HOME, NULL), FE_MOVED);
    assert_int_equal(fe_cursor(ed), 0);
    assert_int_equal(fe_apply(ed, FE_LEFT, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_BACKSPACE, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_HOME, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_KILL_TO_START, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_DELETE_WORD_BACK, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_WORD_LEFT, NULL), FE_UNCHANGED);
    /* a single-line field has no rows above or below and takes no newline */
    assert_int_equal(fe_apply(ed, FE_UP, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_DOWN, NULL), FE_UNCHANGED);
    assert_int_equal(fe_apply(ed, FE_NEWLINE, NULL), FE_UNCHANGED);
    assert_string_equal(fe_text(ed), "ab");
    fe_set_cursor(ed, 99);
    assert_int_equal(fe_cursor(ed), 2);
    fe_free(ed);

    /* an empty field */
    ed = fe_new(false, 0);
    for (int op = FE_BACKSPACE; op <= FE_DOWN; op++)
        assert_int_equal(fe_apply(ed, (fe_op)op, NULL), FE_UNCHANGED);
    fe_free(ed);
}

static void test_line_editing_keys(void **state)
{
    (void)state;
    field_editor *ed = editor_with("Nguyễn Văn An", false, 0);
    press(ed, FE_LEFT, 4); /* before the "n" of "Văn" */
    assert_int_equal(fe_cursor(ed), 9);
    assert_int_equal(fe_apply(ed, FE_KILL_TO_END, NULL), FE_CHANGED);
    assert_string_equal(fe_text(ed), "Nguyễn Vă");
    assert_int_equal(fe_cursor(ed), 9);
    press(ed, FE_LEFT, 2);
    assert_int_equal(fe_apply(ed, FE_KILL_TO_START, NULL), FE_CHANGED);
    assert_string_equal(fe_text(ed), "Vă");
    assert_int_equal(fe_cursor(ed), 0);
    assert_int_equal(fe_apply(ed, FE_END, NULL), FE_MOVED);
    assert_int_equal(fe_cursor(ed), 2);
    assert_int_equal(fe_apply(ed, FE_HOME, NULL), FE_MOVED);
    assert_int_equal(fe_cursor(ed), 0);
    fe_free(ed);

    /* Ctrl-W deletes back to the start of a word, over spaces and punctuation first */
    ed = editor_with("Chuyển đổi số, năm 2026", false, 0);
    assert_int_equal(fe_apply(ed, FE_DELETE_WORD_BACK, NULL), FE_CHANGED);
    assert_string_equal(fe_text(ed), "Chuyển đổi số, năm ");
    press(ed, FE_DELETE_WORD_BACK, 1);
    assert_string_equal(fe_text(ed), "Chuyển đổi số, ");
    press(ed, FE_DELETE_WORD_BACK, 1);
    assert_string_equal(fe_text(ed), "Chuyển đổi ");
    press(ed, FE_LEFT, 2); /* inside "đổi": deletes only its first part */
    press(ed, FE_DELETE_WORD_BACK, 1);
    assert_string_equal(fe_text(ed), "Chuyển i ");
    assert_int_equal(fe_cursor(ed), 7);
    fe_free(ed);
}

static void test_word_movement(void **state)
{
    (void)state;
    field_editor *ed = editor_with("Số: 27/KH-UBND, ngày 15/01/2026", false, 0);
    press(ed, FE_TEXT_START, 1);
    static const size_t right_stops[] = {4, 7, 10, 16, 21, 24, 27, 31};
    for (size_t i = 0; i < COUNT(right_stops); i++) {
        assert_int_equal(fe_apply(ed, FE_WORD_RIGHT, NULL), FE_MOVED);
        assert_int_equal(fe_cursor(ed), right_stops[i]);
    }
    assert_int_equal(fe_apply(ed, FE_WORD_RIGHT, NULL), FE_UNCHANGED);
    static const size_t left_stops[] = {27, 24, 21, 16, 10, 7, 4, 0};
    for (size_t i = 0; i < COUNT(left_stops); i++) {
        assert_int_equal(fe_apply(ed, FE_WORD_LEFT, NULL), FE_MOVED);
        assert_int_equal(fe_cursor(ed), left_stops[i]);
    }
    fe_free(ed);
}

/* ---------- changed, saved, reverted ---------- */

static void test_changed_since_loaded(void **state)
{
    (void)state;
    field_editor *ed = editor_with("Phòng Văn hóa - Xã hội", false, 0);
    assert_false(fe_changed(ed));
    press(ed, FE_BACKSPACE, 1);
    assert_true(fe_changed(ed));
    type(ed, "i");
    assert_false(fe_changed(ed)); /* back to what was loaded */
    type(ed, "!");
    assert_true(fe_changed(ed));
    assert_int_equal(fe_revert(ed), FE_CHANGED);
    assert_string_equal(fe_text(ed), "Phòng Văn hóa - Xã hội");
    assert_false(fe_changed(ed));
    assert_int_equal(fe_revert(ed), FE_UNCHANGED);
    type(ed, " (VH-XH)");
    fe_mark_saved(ed);
    assert_false(fe_changed(ed));
    press(ed, FE_DELETE_WORD_BACK, 1);
    fe_revert(ed);
    assert_string_equal(fe_text(ed), "Phòng Văn hóa - Xã hội (VH-XH)");
    assert_int_equal(fe_set_text(ed, NULL), FE_CHANGED);
    assert_string_equal(fe_text(ed), "");
    assert_false(fe_changed(ed));
    fe_free(ed);
}

/* ---------- horizontal scrolling ---------- */

static void test_scroll_and_markers(void **state)
{
    (void)state;
    field_editor *ed = editor_with("abcdefghij", false, 0);
    fe_set_view(ed, 5, 1);
    fe_view_info v;
    fe_view(ed, &v);
    assert_int_equal(v.scroll_col, 6); /* "ghij" and a cell for the cursor */
    assert_true(v.more_left);
    assert_false(v.more_right);
    assert_int_equal(v.cursor_row, 0);
    assert_int_equal(v.cursor_col, 4);
    assert_row(ed, 0, "ghij");
    assert_null(row_text(ed, 1));

    press(ed, FE_HOME, 1);
    fe_view(ed, &v);
    assert_int_equal(v.scroll_col, 0);
    assert_false(v.more_left);
    assert_true(v.more_right);
    assert_int_equal(v.cursor_col, 0);
    assert_row(ed, 0, "abcde");

    /* moving right scrolls only when the cursor leaves the view */
    press(ed, FE_RIGHT, 4);
    fe_view(ed, &v);
    assert_int_equal(v.scroll_col, 0);
    press(ed, FE_RIGHT, 1);
    fe_view(ed, &v);
    assert_int_equal(v.scroll_col, 1);
    assert_int_equal(v.cursor_col, 4);
    assert_row(ed, 0, "bcdef");
    assert_true(v.more_left && v.more_right);

    /* deleting at the end pulls hidden text back in rather than leave blanks */
    press(ed, FE_TEXT_END, 1);
    press(ed, FE_BACKSPACE, 3);
    fe_view(ed, &v);
    assert_int_equal(v.scroll_col, 3);
    assert_row(ed, 0, "defg");
    press(ed, FE_KILL_TO_START, 1);
    fe_view(ed, &v);
    assert_int_equal(v.scroll_col, 0);
    assert_false(v.more_left || v.more_right);

    /* width 0: nothing scrolls */
    fe_set_text(ed, "abcdefghij");
    fe_set_view(ed, 0, 0);
    fe_view(ed, &v);
    assert_int_equal(v.scroll_col, 0);
    assert_int_equal(v.cursor_col, 10);
    assert_row(ed, 0, "abcdefghij");
    fe_free(ed);
}

static void test_scroll_with_wide_characters(void **state)
{
    (void)state;
    /* a wide character cut by the left edge is drawn as a blank */
    field_editor *ed = editor_with("a中文", false, 0);
    fe_set_view(ed, 4, 1);
    fe_view_info v;
    fe_view(ed, &v);
    assert_int_equal(v.scroll_col, 2);
    fe_slice s;
    assert_true(fe_visible_slice(ed, 0, &s));
    assert_int_equal(s.pad_left, 1);
    assert_int_equal(s.cols, 2);
    assert_row(ed, 0, "文");
    assert_true(s.more_left);
    assert_false(s.more_right);
    assert_int_equal(v.cursor_col, 3);

    /* a wide character that does not fit on the right is not drawn in part */
    fe_set_text(ed, "ab中c");
    fe_set_cursor(ed, 0);
    fe_view(ed, &v);
    fe_set_view(ed, 3, 1);
    assert_true(fe_visible_slice(ed, 0, &s));
    assert_row(ed, 0, "ab");
    assert_int_equal(s.cols, 2);
    assert_true(s.more_right);
    /* with the cursor on it, the view scrolls until the whole character shows */
    press(ed, FE_RIGHT, 2);
    fe_view(ed, &v);
    assert_int_equal(v.scroll_col, 1);
    assert_int_equal(v.cursor_col, 1);
    assert_row(ed, 0, "b中");
    fe_free(ed);

    /* Vietnamese never shifts columns: 33 letters, a view of 10, the cursor at the end */
    ed = editor_with("Trung tâm Phục vụ hành chính công", false, 0);
    fe_set_view(ed, 10, 1);
    fe_view(ed, &v);
    assert_int_equal(v.cursor_col, 9);
    assert_row(ed, 0, "hính công");
    fe_free(ed);
}

/* ---------- wrapping and memo fields ---------- */

static void check_wrap(const char *text, size_t width, const char *const *expected, size_t n)
{
    fe_row *rows = NULL;
    size_t got = fe_wrap(text, width, &rows);
    if (got != n)
        fail_msg("fe_wrap(\"%s\", %zu) gave %zu rows, expected %zu", text, width, got, n);
    for (size_t r = 0; r < n; r++) {
        size_t len = rows[r].byte_end - rows[r].byte_start;
        if (len != strlen(expected[r]) || memcmp(text + rows[r].byte_start, expected[r], len))
            fail_msg("fe_wrap(\"%s\", %zu) row %zu is \"%.*s\", expected \"%s\"", text, width, r,
                     (int)len, text + rows[r].byte_start, expected[r]);
        assert_true(width == 0 || rows[r].cols <= width);
        assert_int_equal(rows[r].cols, utf8_width(expected[r]));
    }
    free(rows);
}

static void test_wrap(void **state)
{
    (void)state;
    const char *r1[] = {"Kế hoạch ", "chuyển ", "đổi số ", "năm 2026"};
    check_wrap("Kế hoạch chuyển đổi số năm 2026", 10, r1, COUNT(r1));
    const char *r2[] = {"abcde", "fghij", "klmno", "p"};
    check_wrap("abcdefghijklmnop", 5, r2, COUNT(r2));
    const char *r3[] = {"một", "hai", ""};
    check_wrap("một\nhai\n", 20, r3, COUNT(r3));
    const char *r4[] = {""};
    check_wrap("", 10, r4, COUNT(r4));
    const char *r5[] = {"中文", "中文x", ""}; /* a wide character never straddles two rows */
    check_wrap("中文中文x", 5, r5, COUNT(r5));
    const char *r6[] = {"abcde", ""}; /* a full last row leaves a row for the cursor */
    check_wrap("abcde", 5, r6, COUNT(r6));
    const char *r7[] = {"dòng một", "dòng hai dài"};
    check_wrap("dòng một\ndòng hai dài", 0, r7, COUNT(r7));
    assert_int_equal(fe_wrap("\xff", 10, NULL), 0);
    assert_int_equal(fe_wrap("a b", 10, NULL), 1);
}

static void test_memo_rows_and_vertical_moves(void **state)
{
    (void)state;
    field_editor *ed = editor_with("dòng một dài hơn\nngắn\nthêm một dòng dài", true, 0);
    assert_true(fe_multiline(ed));
    fe_set_view(ed, 40, 10);
    fe_view_info v;
    fe_view(ed, &v);
    assert_int_equal(v.rows, 3);
    assert_int_equal(v.cursor_row, 2);
    assert_int_equal(v.cursor_col, 17);
    assert_row(ed, 0, "dòng một dài hơn");
    assert_row(ed, 1, "ngắn");
    assert_row(ed, 2, "thêm một dòng dài");
    assert_null(row_text(ed, 3));

    /* Up keeps the column it started from across a short line */
    press(ed, FE_TEXT_START, 1);
    press(ed, FE_END, 1);
    assert_int_equal(fe_cursor(ed), 16);
    assert_int_equal(fe_apply(ed, FE_DOWN, NULL), FE_MOVED);
    assert_int_equal(fe_cursor(ed), 21); /* end of "ngắn" */
    assert_int_equal(fe_apply(ed, FE_DOWN, NULL), FE_MOVED);
    fe_view(ed, &v);
    assert_int_equal(v.cursor_row, 2);
    assert_int_equal(v.cursor_col, 16);
    assert_int_equal(fe_apply(ed, FE_DOWN, NULL), FE_UNCHANGED);
    press(ed, FE_UP, 2);
    assert_int_equal(fe_cursor(ed), 16);
    assert_int_equal(fe_apply(ed, FE_UP, NULL), FE_UNCHANGED);

    /* Home and End work on the line; Ctrl-K at a line's end joins the next line */
    press(ed, FE_HOME, 1);
    assert_int_equal(fe_cursor(ed), 0);
    press(ed, FE_DOWN, 1);
    press(ed, FE_END, 1);
    assert_int_equal(fe_apply(ed, FE_KILL_TO_END, NULL), FE_CHANGED);
    assert_string_equal(fe_text(ed), "dòng một dài hơn\nngắnthêm một dòng dài");
    assert_int_equal(fe_apply(ed, FE_NEWLINE, NULL), FE_CHANGED);
    assert_string_equal(fe_text(ed), "dòng một dài hơn\nngắn\nthêm một dòng dài");
    assert_int_equal(fe_apply(ed, FE_KILL_TO_START, NULL), FE_CHANGED); /* at line start: join */
    assert_string_equal(fe_text(ed), "dòng một dài hơn\nngắnthêm một dòng dài");
    assert_true(fe_changed(ed));
    fe_free(ed);
}

static void test_memo_wrapped_rows(void **state)
{
    (void)state;
    field_editor *ed = editor_with("Kế hoạch chuyển đổi số năm 2026", true, 0);
    fe_set_view(ed, 10, 2);
    fe_view_info v;
    fe_view(ed, &v);
    assert_int_equal(v.rows, 4);
    assert_int_equal(v.top_row, 2); /* the cursor is on the last row */
    assert_true(v.more_above);
    assert_false(v.more_below);
    assert_int_equal(v.cursor_row, 1);
    assert_int_equal(v.cursor_col, 8);
    assert_row(ed, 0, "đổi số ");
    assert_row(ed, 1, "năm 2026");
    assert_null(row_text(ed, 2)); /* below the view's height */

    /* up by display rows, keeping the column where the row allows it */
    assert_int_equal(fe_apply(ed, FE_UP, NULL), FE_MOVED);
    assert_int_equal(fe_cursor(ed), 22); /* "đổi số " is 7 columns: after its space */
    press(ed, FE_UP, 2);
    fe_view(ed, &v);
    assert_int_equal(v.top_row, 0);
    assert_false(v.more_above);
    assert_true(v.more_below);
    assert_int_equal(v.cursor_row, 0);
    assert_int_equal(v.cursor_col, 8);
    assert_int_equal(fe_cursor(ed), 8);
    assert_row(ed, 0, "Kế hoạch ");

    /* a full row: the cursor after its last character shows on the next row */
    fe_set_text(ed, "abcde");
    fe_set_view(ed, 5, 3);
    fe_view(ed, &v);
    assert_int_equal(v.rows, 2);
    assert_int_equal(v.cursor_row, 1);
    assert_int_equal(v.cursor_col, 0);
    /* rewrapping at another width keeps the cursor */
    fe_set_view(ed, 3, 3);
    fe_view(ed, &v);
    assert_int_equal(v.rows, 2);
    assert_int_equal(v.cursor_row, 1);
    assert_int_equal(v.cursor_col, 2);
    fe_free(ed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typing_vietnamese),
        cmocka_unit_test(test_decomposed_input_is_composed),
        cmocka_unit_test(test_mark_without_precomposed_form),
        cmocka_unit_test(test_control_characters_dropped),
        cmocka_unit_test(test_invalid_utf8_refused),
        cmocka_unit_test(test_wide_characters_and_emoji),
        cmocka_unit_test(test_max_length),
        cmocka_unit_test(test_cursor_boundaries),
        cmocka_unit_test(test_line_editing_keys),
        cmocka_unit_test(test_word_movement),
        cmocka_unit_test(test_changed_since_loaded),
        cmocka_unit_test(test_scroll_and_markers),
        cmocka_unit_test(test_scroll_with_wide_characters),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_memo_rows_and_vertical_moves),
        cmocka_unit_test(test_memo_wrapped_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
