/* The user guides as the source of context help: find a section by its anchor and turn its
 * Markdown into plain paragraphs for the terminal. Only the small subset of Markdown the guides
 * use is read: headings, paragraphs, "- " and "1. " lists, tables, fenced blocks, links,
 * **bold** and `code`. */
#include "xaso/guide.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/strbuf.h"

#define GUIDE_MAX_BYTES (4u << 20)

static const char *guide_file(const char *lang)
{
    return strcmp(lang, "en") == 0 ? "user-guide.md" : "huong-dan-su-dung.md";
}

char *guide_path(const char *lang)
{
    const char *code = lang && strcmp(lang, "en") == 0 ? "en" : "vi";
    char *data = fs_data_dir();
    strbuf sb = STRBUF_INIT;
    sb_appendf(&sb, "%s/docs/guide/%s/%s", data, code, guide_file(code));
    if (!fs_exists(sb_str(&sb))) {
        sb_reset(&sb);
        sb_appendf(&sb, "%s/../doc/xaso/%s", data, guide_file(code));
    }
    free(data);
    if (!fs_exists(sb_str(&sb))) {
        sb_free(&sb);
        return NULL;
    }
    return sb_detach(&sb);
}

/* ---------- one line of Markdown ---------- */

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

/* "<a id="NAME"></a>": true, and the name in *name / *name_len. */
static bool anchor_line(const char *s, size_t n, const char **name, size_t *name_len)
{
    static const char open[] = "<a id=\"", close[] = "\"></a>";
    if (!starts_with(s, n, open))
        return false;
    const char *start = s + sizeof open - 1;
    const char *end = memchr(start, '"', n - (size_t)(start - s));
    if (!end || (size_t)(s + n - end) != sizeof close - 1 || memcmp(end, close, sizeof close - 1))
        return false;
    *name = start;
    *name_len = (size_t)(end - start);
    return true;
}

/* The level of a "## heading" line (0: not a heading); *text after the marks. */
static int heading_level(const char *s, size_t n, const char **text)
{
    size_t k = 0;
    while (k < n && s[k] == '#')
        k++;
    if (k == 0 || k > 6 || k >= n || s[k] != ' ')
        return 0;
    *text = s + k + 1;
    return (int)k;
}

static bool contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return true;
    return false;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Append inline Markdown as plain text: links keep their text, ** and ` are dropped. */
static void append_inline(strbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r')
            continue;
        if (c == '`')
            continue;
        if (c == '*' && i + 1 < n && s[i + 1] == '*') {
            i++;
            continue;
        }
        if (c == '!' && i + 1 < n && s[i + 1] == '[')
            continue;
        if (c == '[') {
            const char *close = memchr(s + i, ']', n - i);
            if (close && close + 1 < s + n && close[1] == '(') {
                const char *paren = memchr(close, ')', (size_t)(s + n - close));
                if (paren) {
                    append_inline(out, s + i + 1, (size_t)(close - s - i - 1));
                    i = (size_t)(paren - s);
                    continue;
                }
            }
        }
        sb_putc(out, c);
    }
}

/* ---------- a section ---------- */

typedef struct {
    strbuf text;
    bool in_paragraph; /* the last line of text can be continued */
    bool need_gap;     /* a blank line before the next paragraph */
} section_out;

static void new_block(section_out *o, bool gap)
{
    if (o->text.len) {
        sb_putc(&o->text, '\n');
        if (gap || o->need_gap)
            sb_putc(&o->text, '\n');
    }
    o->need_gap = false;
}

static void add_paragraph_line(section_out *o, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    if (o->in_paragraph) {
        sb_putc(&o->text, ' ');
    } else {
        new_block(o, true);
        o->in_paragraph = true;
    }
    append_inline(&o->text, s, n);
}

/* A list item, a table row or a command line: a line of its own, no gap within a run. */
static void add_own_line(section_out *o, const char *prefix, const char *s, size_t n, bool gap)
{
    new_block(o, gap);
    sb_append(&o->text, prefix);
    append_inline(&o->text, s, n);
}

static void add_table_row(section_out *o, const char *s, size_t n, bool first)
{
    /* a separator row (|---|:--|) is layout only */
    bool layout = true;
    for (size_t i = 0; i < n; i++)
        if (!strchr("|-: \r", s[i]))
            layout = false;
    if (layout)
        return;
    new_block(o, first);
    const char *end = s + n;
    const char *cell = s + 1;
    bool first_cell = true;
    while (cell < end) {
        const char *bar = memchr(cell, '|', (size_t)(end - cell));
        const char *stop = bar ? bar : end;
        const char *a = cell, *b = stop;
        while (a < b && (*a == ' ' || *a == '\r'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\r'))
            b--;
        if (b > a) {
            if (!first_cell)
                sb_append(&o->text, "  ");
            append_inline(&o->text, a, (size_t)(b - a));
            first_cell = false;
        }
        if (!bar)
            break;
        cell = bar + 1;
    }
}

int guide_section(const char *md, const char *anchor, char **title, char **text)
{
    *title = NULL;
    *text = NULL;
    size_t anchor_len = strlen(anchor);
    const char *p = md;
    bool found = false, seen_heading = false, in_fence = false, in_comment = false;
    bool in_table = false, in_list_run = false, in_capture = false;
    int level = 0; /* 0: the section has no heading of its own */
    strbuf head = STRBUF_INIT;
    section_out o = {STRBUF_INIT, false, false};
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *line = p;
        p = nl ? nl + 1 : p + n;
        const char *name, *htext;
        size_t name_len;
        if (!found) {
            found = anchor_line(line, n, &name, &name_len) && name_len == anchor_len &&
                    memcmp(name, anchor, anchor_len) == 0;
            continue;
        }
        /* inside the section */
        if (in_comment) {
            in_comment = !contains(line, n, "-->");
            continue;
        }
        if (in_capture) {
            in_capture = !starts_with(line, n, "<!-- /capture -->");
            continue;
        }
        if (starts_with(line, n, "<!-- capture: ")) {
            /* the screen is left out: a sentence that introduced it ends there */
            if (o.text.len && o.text.data[o.text.len - 1] == ':')
                o.text.data[o.text.len - 1] = '.';
            in_capture = true;
            o.in_paragraph = false;
            continue;
        }
        if (starts_with(line, n, "```")) {
            in_fence = !in_fence;
            o.in_paragraph = false;
            o.need_gap = true;
            continue;
        }
        if (in_fence) { /* a command or an example: as it is, indented */
            new_block(&o, false);
            sb_append(&o.text, "  ");
            sb_append_len(&o.text, line, n && line[n - 1] == '\r' ? n - 1 : n);
            continue;
        }
        if (starts_with(line, n, "<!--")) {
            in_comment = !contains(line, n, "-->");
            continue;
        }
        if (anchor_line(line, n, &name, &name_len))
            break;
        int lv = heading_level(line, n, &htext);
        if (lv) {
            if (!seen_heading && o.text.len == 0) {
                append_inline(&head, htext, n - (size_t)(htext - line));
                level = lv;
                seen_heading = true;
                continue;
            }
            if (level == 0 || lv <= level)
                break;
            /* a sub-heading: a paragraph of its own */
            o.in_paragraph = false;
            add_own_line(&o, "", htext, n - (size_t)(htext - line), true);
            o.need_gap = true;
            continue;
        }
        if (blank(line, n)) {
            o.in_paragraph = false;
            in_table = in_list_run = false;
            continue;
        }
        seen_heading = true; /* a heading after text belongs to the next part */
        const char *s = line;
        size_t k = n;
        while (k && *s == ' ') {
            s++;
            k--;
        }
        if (*s == '|') {
            add_table_row(&o, s, k, !in_table);
            in_table = true;
            o.in_paragraph = false;
            continue;
        }
        size_t digits = 0;
        while (digits < k && s[digits] >= '0' && s[digits] <= '9')
            digits++;
        if ((k > 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') ||
            (digits && digits + 1 < k && s[digits] == '.' && s[digits + 1] == ' ')) {
            size_t skip = digits ? 0 : 2; /* "- x" → "- x"; "1. x" stays numbered */
            add_own_line(&o, digits ? "" : "- ", s + skip, k - skip, !in_list_run);
            in_list_run = true;
            o.in_paragraph = true; /* indented lines continue the item */
            continue;
        }
        add_paragraph_line(&o, line, n);
    }
    if (!found || o.text.len == 0) {
        sb_free(&head);
        sb_free(&o.text);
        return -1;
    }
    sb_append(&head, "");
    *title = sb_detach(&head);
    *text = sb_detach(&o.text);
    return 0;
}

int guide_help(const char *lang, const char *anchor, char **title, char **text, xaso_error *err)
{
    *title = *text = NULL;
    char *path = guide_path(lang);
    if (!path)
        return xaso_error_set(err, XASO_EX_NOINPUT,
                              _("the user guide is not installed (%s)"), guide_file(lang));
    char *md = NULL;
    size_t len = 0;
    if (fs_read_all(path, GUIDE_MAX_BYTES, &md, &len, err) != 0) {
        free(path);
        return err->code ? err->code : XASO_EX_IOERR;
    }
    (void)len;
    int rc = 0;
    if (guide_section(md, anchor, title, text) != 0)
        rc = xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0,
                               _("the guide has no section \"%s\" for this screen"), anchor);
    free(md);
    free(path);
    return rc;
}

/* ---------- which section explains which screen ---------- */

static const guide_help_entry help_entries[] = {
    {"dashboard", NULL, "screen-dashboard"},
    {"table", "plans", "screen-plans"},
    {"table", "targets", "screen-targets"},
    {"table", "tasks", "screen-tasks"},
    {"table", "projects", "screen-projects"},
    {"table", "units", "screen-units"},
    {"table", "reports", "screen-reports"},
    {"table", "audit", "screen-audit"},
    {"scorecard", NULL, "screen-scorecard"},
    {"compare", NULL, "screen-compare"},
    {"detail", NULL, "screen-detail"},
    {"grid", "progress", "grid-progress"},
    {"grid", "values", "grid-values"},
    {"evidence", NULL, "screen-evidence"},
    {"file-browser", NULL, "screen-file-browser"},
    {"history", NULL, "screen-history"},
    {"check", NULL, "screen-check"},
    {"report", NULL, "screen-report"},
    {"received", NULL, "screen-received"},
    {"import-receipt", NULL, "screen-received"},
};

const guide_help_entry *guide_help_entries(size_t *n)
{
    *n = sizeof help_entries / sizeof help_entries[0];
    return help_entries;
}

const char *guide_help_anchor(const char *screen, const char *variant)
{
    for (size_t i = 0; i < sizeof help_entries / sizeof help_entries[0]; i++) {
        const guide_help_entry *e = &help_entries[i];
        if (strcmp(e->screen, screen) != 0)
            continue;
        if (!e->variant || (variant && strcmp(e->variant, variant) == 0))
            return e->anchor;
    }
    return NULL;
}
