/* The field editor: a UTF-8 buffer, an index of its characters, a cursor and a view. Every change
 * rebuilds the index (fields are short; a memo is a few kilobytes), which keeps the code simple. */
#include "xaso/field_editor.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "xaso/strbuf.h"
#include "xaso/utf8.h"

#define NONE SIZE_MAX

typedef enum { K_OTHER, K_WORD, K_SPACE, K_NEWLINE } char_kind;

typedef struct {
    fe_char c;
    char_kind kind;
} entry;

typedef struct {
    size_t first, end; /* character range [first, end); a '\n' ends its row and is inside it */
    size_t cols;
} row;

typedef struct {
    entry *items; /* n + 1 entries: the last is the end of the text */
    size_t n, cap;
} char_index;

typedef struct {
    row *items;
    size_t n, cap;
} row_list;

struct field_editor {
    bool multiline;
    size_t max_chars;
    char *text;
    size_t len;
    char *baseline;
    char_index index;
    row_list rows;
    size_t cursor;
    size_t width, height;
    size_t scroll_col, top_row;
    size_t goal_col;
    bool has_goal;
};

/* ---------- characters ---------- */

static char_kind kind_of(utf8proc_int32_t cp)
{
    if (cp == '\n')
        return K_NEWLINE;
    if (cp == ' ')
        return K_SPACE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return K_WORD;
    default:
        return K_OTHER;
    }
}

static entry *push_entry(char_index *ix)
{
    if (ix->n + 1 >= ix->cap) {
        ix->cap = ix->cap ? ix->cap * 2 : 32;
        ix->items = xrealloc(ix->items, ix->cap * sizeof *ix->items);
    }
    return &ix->items[ix->n++];
}

/* Index valid UTF-8 text by grapheme cluster. A newline is always a character of its own. */
static void build_index(char_index *ix, const char *text, size_t len)
{
    ix->n = 0;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    size_t pos = 0, col = 0;
    utf8proc_int32_t prev = -1;
    utf8proc_int32_t state = 0;
    entry *cur = NULL;
    while (pos < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(s + pos, (utf8proc_ssize_t)(len - pos), &cp);
        if (step <= 0) { /* not expected: the text is validated on the way in */
            cp = 0xFFFD;
            step = 1;
        }
        bool starts;
        if (!cur || prev == '\n' || cp == '\n') {
            starts = true;
            state = 0;
        } else {
            starts = utf8proc_grapheme_break_stateful(prev, cp, &state);
        }
        if (starts) {
            if (cur && cur->kind == K_NEWLINE)
                col = 0;
            else if (cur)
                col += cur->c.width;
            cur = push_entry(ix);
            cur->c.byte = pos;
            cur->c.col = col;
            cur->c.width = 0;
            cur->kind = kind_of(cp);
        }
        if (cp != '\n') {
            int w = utf8proc_charwidth(cp);
            if (w > 0)
                cur->c.width += (size_t)w;
        }
        prev = cp;
        pos += (size_t)step;
    }
    if (cur)
        col = cur->kind == K_NEWLINE ? 0 : col + cur->c.width;
    entry *end = push_entry(ix);
    ix->n--; /* the end entry is not a character */
    end->c.byte = len;
    end->c.col = col;
    end->c.width = 0;
    end->kind = K_OTHER;
}

size_t fe_count_chars(const char *text)
{
    char_index ix = {0};
    build_index(&ix, text, strlen(text));
    size_t n = ix.n;
    free(ix.items);
    return n;
}

/* ---------- wrapping ---------- */

static void push_row(row_list *rows, size_t first, size_t end, size_t cols)
{
    if (rows->n == rows->cap) {
        rows->cap = rows->cap ? rows->cap * 2 : 8;
        rows->items = xrealloc(rows->items, rows->cap * sizeof *rows->items);
    }
    rows->items[rows->n++] = (row){first, end, cols};
}

/* Columns of characters [a, b) of one logical line. */
static size_t cols_between(const char_index *ix, size_t a, size_t b)
{
    return ix->items[b].c.col - ix->items[a].c.col;
}

/* Rows of at most width columns (0 = no limit). A row breaks after its last space when the next
 * character does not fit or when it is full (the cursor after a full row's last character shows
 * at the start of the next row), inside a word only when there is no space, and after every
 * newline. The last row always has room for the cursor. */
static void wrap_index(const char_index *ix, size_t width, row_list *rows)
{
    rows->n = 0;
    size_t start = 0, cols = 0, brk = NONE;
    for (size_t i = 0; i < ix->n; i++) {
        const entry *e = &ix->items[i];
        if (e->kind == K_NEWLINE) {
            push_row(rows, start, i + 1, cols);
            start = i + 1;
            cols = 0;
            brk = NONE;
            continue;
        }
        while (width && cols + e->c.width > width && i > start) {
            size_t end = brk != NONE ? brk : i;
            push_row(rows, start, end, cols_between(ix, start, end));
            start = end;
            cols = cols_between(ix, start, i);
            brk = NONE;
        }
        cols += e->c.width;
        if (e->kind == K_SPACE)
            brk = i + 1;
        if (width && cols >= width) {
            size_t end = brk != NONE ? brk : i + 1;
            push_row(rows, start, end, cols_between(ix, start, end));
            start = end;
            cols = cols_between(ix, start, i + 1);
            brk = NONE;
        }
    }
    push_row(rows, start, ix->n, cols);
}

size_t fe_wrap(const char *text, size_t width, fe_row **out)
{
    if (out)
        *out = NULL;
    if (!text)
        text = "";
    size_t len = strlen(text);
    if (!utf8_valid(text, len, NULL))
        return 0;
    char_index ix = {0};
    row_list rows = {0};
    build_index(&ix, text, len);
    wrap_index(&ix, width, &rows);
    if (out) {
        *out = xmalloc(rows.n * sizeof **out);
        for (size_t r = 0; r < rows.n; r++) {
            const row *w = &rows.items[r];
            size_t last = w->end;
            if (w->end > w->first && ix.items[w->end - 1].kind == K_NEWLINE)
                last = w->end - 1;
            (*out)[r] = (fe_row){ix.items[w->first].c.byte, ix.items[last].c.byte, w->cols};
        }
    }
    size_t n = rows.n;
    free(rows.items);
    free(ix.items);
    return n;
}

/* ---------- input cleaning ---------- */

static bool is_c1(const unsigned char *p)
{
    return p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
}

/* Line breaks, tabs and control characters of valid UTF-8 s, the way the field takes them. */
static char *clean_controls(const char *s, bool multiline)
{
    strbuf sb = STRBUF_INIT;
    const char *line_break = multiline ? "\n" : " ";
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p == '\r') {
            sb_append(&sb, line_break);
            p += p[1] == '\n' ? 2 : 1;
        } else if (*p == '\n') {
            sb_append(&sb, line_break);
            p++;
        } else if (*p == '\t') {
            sb_putc(&sb, ' ');
            p++;
        } else if (*p < 0x20 || *p == 0x7F) {
            p++;
        } else if (is_c1(p)) {
            p += 2;
        } else {
            size_t n = utf8_seq_len((const char *)p);
            sb_append_len(&sb, (const char *)p, n);
            p += n;
        }
    }
    return sb_detach(&sb);
}

/* Cleaned, NFC copy of text, or NULL when it is not valid UTF-8. */
static char *clean_input(const char *text, bool multiline)
{
    if (!utf8_valid(text, strlen(text), NULL))
        return NULL;
    char *stripped = clean_controls(text, multiline);
    char *nfc = utf8_nfc(stripped);
    free(stripped);
    return nfc;
}

/* ---------- the editor ---------- */

field_editor *fe_new(bool multiline, size_t max_chars)
{
    field_editor *ed = xcalloc(1, sizeof *ed);
    ed->multiline = multiline;
    ed->max_chars = max_chars;
    ed->text = xstrdup("");
    ed->baseline = xstrdup("");
    build_index(&ed->index, ed->text, 0);
    wrap_index(&ed->index, 0, &ed->rows);
    return ed;
}

void fe_free(field_editor *ed)
{
    if (!ed)
        return;
    free(ed->text);
    free(ed->baseline);
    free(ed->index.items);
    free(ed->rows.items);
    free(ed);
}

static const entry *at(const field_editor *ed, size_t i)
{
    return &ed->index.items[i];
}

static size_t row_of(const field_editor *ed, size_t pos)
{
    for (size_t r = 0; r < ed->rows.n; r++)
        if (pos < ed->rows.items[r].end)
            return r;
    return ed->rows.n - 1;
}

static size_t col_in_row(const field_editor *ed, size_t r, size_t pos)
{
    return at(ed, pos)->c.col - at(ed, ed->rows.items[r].first)->c.col;
}

static void keep_cursor_visible(field_editor *ed)
{
    if (ed->multiline) {
        ed->scroll_col = 0;
        size_t r = row_of(ed, ed->cursor);
        if (!ed->height) {
            ed->top_row = 0;
            return;
        }
        if (r < ed->top_row)
            ed->top_row = r;
        if (r >= ed->top_row + ed->height)
            ed->top_row = r - ed->height + 1;
        size_t max_top = ed->rows.n > ed->height ? ed->rows.n - ed->height : 0;
        if (ed->top_row > max_top)
            ed->top_row = max_top;
        return;
    }
    ed->top_row = 0;
    size_t w = ed->width;
    if (!w) {
        ed->scroll_col = 0;
        return;
    }
    size_t c = at(ed, ed->cursor)->c.col;
    size_t cell = ed->cursor < ed->index.n && at(ed, ed->cursor)->c.width > 1
                      ? at(ed, ed->cursor)->c.width
                      : 1;
    if (c < ed->scroll_col)
        ed->scroll_col = c;
    if (c + cell > ed->scroll_col + w)
        ed->scroll_col = cell > w ? c : c + cell - w;
    /* Do not leave blank columns on the right while text is hidden on the left. */
    size_t total = at(ed, ed->index.n)->c.col;
    if (ed->scroll_col && total + 1 < ed->scroll_col + w)
        ed->scroll_col = total + 1 > w ? total + 1 - w : 0;
}

static void reindex(field_editor *ed)
{
    build_index(&ed->index, ed->text, ed->len);
    wrap_index(&ed->index, ed->multiline ? ed->width : 0, &ed->rows);
}

static size_t index_at_byte(const field_editor *ed, size_t byte)
{
    size_t lo = 0, hi = ed->index.n; /* the last entry with .byte <= byte */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (at(ed, mid)->c.byte <= byte)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Take new_text (cleaned, valid UTF-8; ownership passes) and put the cursor at cursor_byte,
 * normalising the whole text to NFC on the way. */
static void replace_text(field_editor *ed, char *new_text, size_t cursor_byte)
{
    char *prefix = xstrndup(new_text, cursor_byte);
    char *prefix_nfc = utf8_nfc(prefix);
    char *whole = utf8_nfc(new_text);
    free(prefix);
    free(new_text);
    size_t cursor = prefix_nfc ? strlen(prefix_nfc) : cursor_byte;
    if (!whole) /* cannot happen for validated text; keep the editor consistent anyway */
        whole = xstrdup("");
    if (cursor > strlen(whole))
        cursor = strlen(whole);
    free(prefix_nfc);
    free(ed->text);
    ed->text = whole;
    ed->len = strlen(whole);
    reindex(ed);
    ed->cursor = index_at_byte(ed, cursor);
}

fe_outcome fe_set_text(field_editor *ed, const char *text)
{
    char *clean = clean_input(text ? text : "", ed->multiline);
    fe_outcome outcome = clean ? FE_CHANGED : FE_INVALID;
    if (!clean)
        clean = xstrdup("");
    free(ed->text);
    ed->text = clean;
    ed->len = strlen(clean);
    free(ed->baseline);
    ed->baseline = xstrdup(clean);
    reindex(ed);
    ed->cursor = ed->index.n;
    ed->scroll_col = ed->top_row = 0;
    ed->has_goal = false;
    keep_cursor_visible(ed);
    return outcome;
}

const char *fe_text(const field_editor *ed)
{
    return ed->text;
}

bool fe_changed(const field_editor *ed)
{
    return strcmp(ed->text, ed->baseline) != 0;
}

void fe_mark_saved(field_editor *ed)
{
    free(ed->baseline);
    ed->baseline = xstrdup(ed->text);
}

fe_outcome fe_revert(field_editor *ed)
{
    if (!fe_changed(ed))
        return FE_UNCHANGED;
    char *baseline = xstrdup(ed->baseline);
    fe_set_text(ed, baseline);
    free(baseline);
    return FE_CHANGED;
}

bool fe_multiline(const field_editor *ed)
{
    return ed->multiline;
}

size_t fe_max_chars(const field_editor *ed)
{
    return ed->max_chars;
}

size_t fe_length(const field_editor *ed)
{
    return ed->index.n;
}

size_t fe_cursor(const field_editor *ed)
{
    return ed->cursor;
}

void fe_set_cursor(field_editor *ed, size_t index)
{
    ed->cursor = index > ed->index.n ? ed->index.n : index;
    ed->has_goal = false;
    keep_cursor_visible(ed);
}

fe_char fe_char_at(const field_editor *ed, size_t i)
{
    if (i > ed->index.n)
        i = ed->index.n;
    return at(ed, i)->c;
}

/* ---------- operations ---------- */

/* Byte offsets of the grapheme clusters of s: bounds[0] = 0 … bounds[count] = strlen(s). */
static size_t *cluster_bounds(const char *s, size_t *count)
{
    char_index ix = {0};
    build_index(&ix, s, strlen(s));
    size_t *bounds = xmalloc((ix.n + 1) * sizeof *bounds);
    for (size_t i = 0; i <= ix.n; i++)
        bounds[i] = ix.items[i].c.byte;
    *count = ix.n;
    free(ix.items);
    return bounds;
}

static char *spliced(const field_editor *ed, size_t at_byte, const char *ins, size_t ins_len,
                     size_t cut_bytes)
{
    strbuf sb = STRBUF_INIT;
    sb_append_len(&sb, ed->text, at_byte);
    sb_append_len(&sb, ins, ins_len);
    sb_append(&sb, ed->text + at_byte + cut_bytes);
    return sb_detach(&sb);
}

static fe_outcome insert_text(field_editor *ed, const char *text)
{
    if (!text)
        return FE_UNCHANGED;
    char *clean = clean_input(text, ed->multiline);
    if (!clean)
        return FE_INVALID;
    if (!*clean) {
        free(clean);
        return FE_UNCHANGED;
    }
    size_t n_clusters;
    size_t *bounds = cluster_bounds(clean, &n_clusters);
    size_t keep = n_clusters;
    if (ed->max_chars) {
        /* Composing with the character before the cursor can only save one character. */
        size_t room = ed->max_chars > ed->index.n ? ed->max_chars - ed->index.n : 0;
        if (keep > room + 1)
            keep = room + 1;
    }
    size_t at_byte = at(ed, ed->cursor)->c.byte;
    char *candidate = NULL;
    for (;; keep--) {
        candidate = spliced(ed, at_byte, clean, bounds[keep], 0);
        if (!ed->max_chars || keep == 0)
            break;
        char *nfc = utf8_nfc(candidate);
        size_t count = fe_count_chars(nfc ? nfc : candidate);
        free(nfc);
        if (count <= ed->max_chars)
            break;
        free(candidate);
    }
    size_t ins_bytes = bounds[keep];
    free(bounds);
    free(clean);
    if (keep == 0) {
        free(candidate);
        return FE_FULL;
    }
    replace_text(ed, candidate, at_byte + ins_bytes);
    return keep < n_clusters ? FE_FULL : FE_CHANGED;
}

/* Delete characters [a, b); the cursor goes to a. */
static fe_outcome delete_range(field_editor *ed, size_t a, size_t b)
{
    if (a >= b)
        return FE_UNCHANGED;
    size_t from = at(ed, a)->c.byte, to = at(ed, b)->c.byte;
    replace_text(ed, spliced(ed, from, "", 0, to - from), from);
    return FE_CHANGED;
}

static fe_outcome move_to(field_editor *ed, size_t pos)
{
    if (pos == ed->cursor)
        return FE_UNCHANGED;
    ed->cursor = pos;
    return FE_MOVED;
}

static bool is_newline(const field_editor *ed, size_t i)
{
    return at(ed, i)->kind == K_NEWLINE;
}

static size_t line_start(const field_editor *ed, size_t pos)
{
    while (pos > 0 && !is_newline(ed, pos - 1))
        pos--;
    return pos;
}

static size_t line_end(const field_editor *ed, size_t pos)
{
    while (pos < ed->index.n && !is_newline(ed, pos))
        pos++;
    return pos;
}

static bool is_word(const field_editor *ed, size_t i)
{
    return at(ed, i)->kind == K_WORD;
}

static size_t word_left(const field_editor *ed, size_t pos)
{
    while (pos > 0 && !is_word(ed, pos - 1))
        pos--;
    while (pos > 0 && is_word(ed, pos - 1))
        pos--;
    return pos;
}

static size_t word_right(const field_editor *ed, size_t pos)
{
    size_t n = ed->index.n;
    while (pos < n && is_word(ed, pos))
        pos++;
    while (pos < n && !is_word(ed, pos))
        pos++;
    return pos;
}

/* The last cursor position of row r at or left of column goal. */
static size_t position_in_row(const field_editor *ed, size_t r, size_t goal)
{
    const row *w = &ed->rows.items[r];
    bool last_row = r + 1 == ed->rows.n;
    size_t last = last_row ? w->end : w->end - 1; /* the end belongs to the next row */
    size_t best = w->first;
    for (size_t p = w->first; p <= last; p++) {
        if (col_in_row(ed, r, p) > goal)
            break;
        best = p;
    }
    return best;
}

static fe_outcome vertical(field_editor *ed, bool down)
{
    if (!ed->multiline)
        return FE_UNCHANGED;
    size_t r = row_of(ed, ed->cursor);
    if (down ? r + 1 >= ed->rows.n : r == 0)
        return FE_UNCHANGED;
    if (!ed->has_goal) {
        ed->goal_col = col_in_row(ed, r, ed->cursor);
        ed->has_goal = true;
    }
    ed->cursor = position_in_row(ed, down ? r + 1 : r - 1, ed->goal_col);
    return FE_MOVED;
}

static fe_outcome kill_to_end(field_editor *ed)
{
    size_t end = line_end(ed, ed->cursor);
    if (end == ed->cursor)
        return ed->cursor < ed->index.n ? delete_range(ed, ed->cursor, ed->cursor + 1)
                                         : FE_UNCHANGED;
    return delete_range(ed, ed->cursor, end);
}

static fe_outcome kill_to_start(field_editor *ed)
{
    size_t start = line_start(ed, ed->cursor);
    if (start == ed->cursor)
        return ed->cursor > 0 ? delete_range(ed, ed->cursor - 1, ed->cursor) : FE_UNCHANGED;
    return delete_range(ed, start, ed->cursor);
}

static fe_outcome dispatch(field_editor *ed, fe_op op, const char *text)
{
    size_t cur = ed->cursor, n = ed->index.n;
    switch (op) {
    case FE_INSERT:
        return insert_text(ed, text);
    case FE_BACKSPACE:
        return cur > 0 ? delete_range(ed, cur - 1, cur) : FE_UNCHANGED;
    case FE_DELETE:
        return cur < n ? delete_range(ed, cur, cur + 1) : FE_UNCHANGED;
    case FE_LEFT:
        return cur > 0 ? move_to(ed, cur - 1) : FE_UNCHANGED;
    case FE_RIGHT:
        return cur < n ? move_to(ed, cur + 1) : FE_UNCHANGED;
    case FE_WORD_LEFT:
        return move_to(ed, word_left(ed, cur));
    case FE_WORD_RIGHT:
        return move_to(ed, word_right(ed, cur));
    case FE_HOME:
        return move_to(ed, line_start(ed, cur));
    case FE_END:
        return move_to(ed, line_end(ed, cur));
    case FE_TEXT_START:
        return move_to(ed, 0);
    case FE_TEXT_END:
        return move_to(ed, n);
    case FE_KILL_TO_END:
        return kill_to_end(ed);
    case FE_KILL_TO_START:
        return kill_to_start(ed);
    case FE_DELETE_WORD_BACK:
        return delete_range(ed, word_left(ed, cur), cur);
    case FE_NEWLINE:
        return ed->multiline ? insert_text(ed, "\n") : FE_UNCHANGED;
    case FE_UP:
        return vertical(ed, false);
    case FE_DOWN:
        return vertical(ed, true);
    }
    return FE_UNCHANGED;
}

fe_outcome fe_apply(field_editor *ed, fe_op op, const char *text)
{
    bool vertical_move = op == FE_UP || op == FE_DOWN;
    fe_outcome outcome = dispatch(ed, op, text);
    if (!vertical_move)
        ed->has_goal = false;
    keep_cursor_visible(ed);
    return outcome;
}

/* ---------- display ---------- */

void fe_set_view(field_editor *ed, size_t width, size_t height)
{
    if (ed->multiline && width != ed->width) {
        ed->width = width;
        wrap_index(&ed->index, width, &ed->rows);
    }
    ed->width = width;
    ed->height = height;
    ed->has_goal = false;
    keep_cursor_visible(ed);
}

static void single_line_slice(const field_editor *ed, fe_slice *out)
{
    size_t n = ed->index.n;
    size_t left = ed->scroll_col;
    size_t right = ed->width ? left + ed->width : SIZE_MAX;
    size_t first = 0;
    while (first < n && at(ed, first)->c.col < left)
        first++;
    size_t last = first;
    while (last < n && at(ed, last)->c.col + at(ed, last)->c.width <= right)
        last++;
    out->byte_start = at(ed, first)->c.byte;
    out->byte_end = at(ed, last)->c.byte;
    out->pad_left = at(ed, first)->c.col >= left ? at(ed, first)->c.col - left : 0;
    out->cols = at(ed, last)->c.col - at(ed, first)->c.col;
    out->more_left = first > 0;
    out->more_right = last < n;
}

bool fe_visible_slice(const field_editor *ed, size_t screen_row, fe_slice *out)
{
    memset(out, 0, sizeof *out);
    if (!ed->multiline) {
        if (screen_row > 0)
            return false;
        single_line_slice(ed, out);
        return true;
    }
    if (ed->height && screen_row >= ed->height)
        return false;
    size_t r = ed->top_row + screen_row;
    if (r >= ed->rows.n)
        return false;
    const row *w = &ed->rows.items[r];
    size_t last = w->end;
    if (w->end > w->first && is_newline(ed, w->end - 1))
        last = w->end - 1;
    out->byte_start = at(ed, w->first)->c.byte;
    out->byte_end = at(ed, last)->c.byte;
    out->cols = w->cols;
    return true;
}

void fe_view(const field_editor *ed, fe_view_info *out)
{
    memset(out, 0, sizeof *out);
    out->scroll_col = ed->scroll_col;
    out->top_row = ed->top_row;
    out->rows = ed->rows.n;
    if (!ed->multiline) {
        fe_slice s;
        single_line_slice(ed, &s);
        out->more_left = s.more_left;
        out->more_right = s.more_right;
        out->rows = 1;
        out->cursor_col = at(ed, ed->cursor)->c.col - ed->scroll_col;
        return;
    }
    size_t r = row_of(ed, ed->cursor);
    out->more_above = ed->top_row > 0;
    out->more_below = ed->height && ed->top_row + ed->height < ed->rows.n;
    out->cursor_row = r - ed->top_row;
    out->cursor_col = col_in_row(ed, r, ed->cursor);
    if (ed->width && out->cursor_col >= ed->width) /* a character wider than the field */
        out->cursor_col = ed->width - 1;
}
